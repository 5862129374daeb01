"""The noun of wins after a degree word ("the most wins", "the fewest titles") read over a
tally whose one count of wins is headed "Winners" / "Champions" (planner/win_counts.py).
Not read over a column of names ("Winner": who won each final), nor over two count columns.
Small tables written here; expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def cup() -> pd.DataFrame:
    return pd.DataFrame({
        "Club": ["Harbour FC", "Moor Town", "Quarry Utd", "Vale Rovers", "Fen Athletic"],
        "Winners": [6, 2, 0, 4, 0],
        "Runners-up": [1, 5, 3, 2, 1]})


def test_most_wins(cup):
    a = ask(cup, "which club has the most wins in the cup?")
    assert a.status == "answered", a.text
    best = cup.loc[cup.Winners.idxmax(), "Club"]
    assert best in str(a.value) and best == "Harbour FC"
    assert 'read "wins" as the column Winners' in " ".join(a.to_dict()["notes"])


def test_fewest_titles_ties(cup):
    a = ask(cup, "which clubs have the fewest titles?")
    assert a.status == "answered", a.text
    low = sorted(cup.Club[cup.Winners == cup.Winners.min()])
    assert low == ["Fen Athletic", "Quarry Utd"]
    assert all(c in str(a.value) for c in low)


def test_column_of_names_not_read():
    df = pd.DataFrame({
        "Season": [2001, 2002, 2003, 2004],
        "Winner": ["Harbour FC", "Moor Town", "Harbour FC", "Vale Rovers"],
        "Score": [3, 1, 2, 2]})
    a = ask(df, "which club has the most titles in the cup?")
    assert a.status != "answered" or "Winner" not in " ".join(a.to_dict()["notes"])


def test_two_count_columns_refused():
    df = pd.DataFrame({
        "Club": ["Harbour FC", "Moor Town", "Quarry Utd"],
        "Wins": [6, 2, 5], "Titles": [1, 0, 3]})
    a = ask(df, "which club has the most victories?")
    assert a.status != "answered"


def test_column_named_by_the_noun_is_not_read_again():
    df = pd.DataFrame({"Club": ["Harbour FC", "Moor Town", "Quarry Utd"],
                       "Wins": [6, 2, 5], "Draws": [1, 4, 0]})
    a = ask(df, "which club had the fewest wins but the most draws?")
    assert "RecursionError" not in a.text
    assert 'as the column Wins' not in " ".join(a.to_dict()["notes"])
