"""Older or younger of two named rows by a column of times when the table has no ages
(planner/age_order.py): the earlier birth, date or year is the older. People are ordered
only by a column named for a birth; two columns of times with none named for a birth, an
item with several rows and a gap ("how many years older") stay refused. Tables written
here; expected values computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def squad() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Ada Brook", "Ben Carr", "Cy Dale", "Dot Ember"],
        "Born": pd.to_datetime(["1990-04-02", "1987-11-20", "1995-01-09", "1992-06-30"]),
        "Signed": pd.to_datetime(["2012-07-01", "2015-07-01", "2010-01-15", "2018-08-20"]),
        "Club": ["Ferns", "Gulls", "Ferns", "Hawks"]})


@pytest.fixture(scope="module")
def halls() -> pd.DataFrame:
    return pd.DataFrame({
        "Hall": ["Oak Hall", "Pine Lodge", "Quarry House", "Reed Barn", "Stone Mill"],
        "Built": ["1821", "June 1904", "1788", "May 3, 1866", "1950"],
        "Town": ["Alby", "Brent", "Alby", "Cray", "Dorr"]})


def test_who_is_older_by_birth(squad):
    a = ask(squad, "who is older, cy dale or dot ember?")
    assert a.status == "answered", a.text
    pick = squad.set_index("Name").loc[["Cy Dale", "Dot Ember"], "Born"].idxmin()
    assert a.value == pick == "Dot Ember"
    b = ask(squad, "which of them is younger, ada brook or ben carr?")
    assert b.status == "answered", b.text
    assert b.value == squad.set_index("Name").loc[["Ada Brook", "Ben Carr"], "Born"].idxmax()


def test_is_one_older_than_the_other(squad):
    a = ask(squad, "is ben carr older than ada brook?")
    assert a.status == "answered", a.text
    assert a.value == "Yes"


def test_people_without_a_birth_column_are_refused(squad):
    no_birth = squad.drop(columns=["Born"])
    a = ask(no_birth, "who is older, cy dale or dot ember?")
    assert a.status != "answered"


def test_things_by_their_written_years(halls):
    a = ask(halls, "which is older, pine lodge or reed barn?")
    assert a.status == "answered", a.text
    assert a.value == "Reed Barn"
    b = ask(halls, "which is younger, oak hall or quarry house?")
    assert b.status == "answered", b.text
    assert b.value == "Oak Hall"


def test_two_time_columns_of_things_are_refused(halls):
    two = halls.assign(Demolished=["1970", "1999", "1901", "2004", "2011"])
    a = ask(two, "which is older, pine lodge or reed barn?")
    assert a.status != "answered"


def test_an_item_with_several_rows_is_refused(halls):
    twice = pd.concat([halls, halls.iloc[[1]].assign(Built="1700")], ignore_index=True)
    a = ask(twice, "which is older, pine lodge or reed barn?")
    assert a.status != "answered"


def test_a_gap_in_years_is_not_read_as_an_order(squad):
    a = ask(squad, "how many years older is ben carr than ada brook?")
    assert a.status != "answered" or a.value != "Ben Carr"
