"""A place said with a word of ranking ("the top ranked skater", "the highest placed kennel",
"who was the top finisher") is read over the table's one column of places
(planner/top_ranked.py): the best place is the smallest number, the worst the largest. Not
read over two place columns, over places held in several divisions, or before a plural ("the
top ranked boats" may be several). Small tables written here; expected values from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def skaters() -> pd.DataFrame:
    return pd.DataFrame({
        "Rank": [3, 1, 5, 2, 4],
        "Skater": ["Ona Vik", "Pia Lund", "Rut Dahl", "Sif Berg", "Tove Aas"],
        "Club": ["Frost", "Glade", "Frost", "Heath", "Glade"],
        "Score": [71.5, 80.2, 60.1, 77.7, 65.0]})


def test_top_ranked_person(skaters):
    a = ask(skaters, "who was the top ranked skater?")
    best = skaters.loc[skaters.Rank.idxmin(), "Skater"]
    assert a.status == "answered", a.text
    assert best in str(a.value) and best == "Pia Lund"
    assert 'read "top ranked" as "best Rank"' in " ".join(a.to_dict()["notes"])


def test_lowest_ranked_person(skaters):
    a = ask(skaters, "who is the lowest ranked skater?")
    worst = skaters.loc[skaters.Rank.idxmax(), "Skater"]
    assert a.status == "answered", a.text
    assert worst in str(a.value) and worst == "Rut Dahl"


def test_top_finisher(skaters):
    a = ask(skaters, "which skater was the top finisher?")
    assert a.status == "answered", a.text
    assert "Pia Lund" in str(a.value)


def test_plural_is_not_read(skaters):
    a = ask(skaters, "who were the top ranked skaters?")
    assert a.status != "answered" or "Pia Lund" not in str(a.value) or \
        len(str(a.value).split(",")) > 1


def test_two_place_columns_refused():
    df = pd.DataFrame({
        "Heat place": [2, 1, 3, 4], "Final place": [1, 3, 2, 4],
        "Rower": ["Abe Fry", "Bo Hale", "Cy Dunn", "Di Moor"]})
    a = ask(df, "who was the top ranked rower?")
    assert a.status != "answered"


def test_divisions_refused():
    df = pd.DataFrame({
        "Season": ["2011/12", "2012/13", "2013/14", "2014/15"],
        "Division": [2, 2, 1, 1], "Rank": [1, 3, 8, 6]})
    a = ask(df, "which season were they top ranked?")
    assert a.status != "answered"
    a = ask(df.drop(columns="Division"), "which season were they top ranked?")
    assert a.status == "answered", a.text
    assert "2011/12" in str(a.value)
