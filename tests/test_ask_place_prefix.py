"""Places written first in longer cells ("4th, North", "1st (East)"): an ordinal placed by
the question is read over them (equal, N or better, better than N), cells with no place
are left out and said, and two such columns with none named are asked about. Small tables
written here; expected values computed with pandas."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def club() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [2001, 2002, 2003, 2004, 2005, 2006, 2007],
        "Tier": ["Third", "Third", "Second", "Second", "Second", "Third", "Third"],
        "League table": ["4th, North", "1st, North", "6th (East)", "Withdrew", "2nd (East)",
                         "9th, South", "1st, South"],
        "Cup": ["Round 2", "Round 1", "Final", "Round 1", "Round 3", "Round 2", "Final"]})


def _place(cell: str) -> int | None:
    m = re.match(r"(\d+)(st|nd|rd|th)", cell)
    return int(m.group(1)) if m else None


def test_n_or_better_over_places_written_first(club):
    a = ask(club, "count the years when the side placed 4th or better in the league table")
    assert a.status == "answered", a.text
    places = club["League table"].map(_place)
    assert a.value == int((places <= 4).sum()) == 4
    assert any("Withdrew" in n for n in a.notes), a.notes


def test_one_place(club):
    a = ask(club, "which years did they finish 1st?")
    assert a.status == "answered", a.text
    assert sorted(a.table.iloc[:, 0]) == [2002, 2007]


def test_better_than_a_place(club):
    a = ask(club, "how many seasons did they come higher than 6th place?")
    assert a.status == "answered", a.text
    places = club["League table"].map(_place)
    assert a.value == int((places < 6).sum()) == 4


def test_two_columns_of_places_written_first_are_asked_about(club):
    two = club.assign(Reserves=["2nd, North", "3rd, North", "1st (East)", "5th (East)",
                                "2nd (East)", "4th, South", "7th, South"])
    a = ask(two, "how often were they placed 2nd?")
    assert a.status != "answered"
    assert "League table" in a.text and "Reserves" in a.text


def test_a_bare_first_stays_table_order(club):
    # "the first year" is not a place: not read here
    a = ask(club, "what was the first year listed?")
    assert a.status == "answered", a.text
    assert a.value == 2001


def test_a_place_said_as_a_state(club):
    # "they were 1st": the place, with one column of places written first
    a = ask(club, "what years were they 1st?")
    assert a.status == "answered", a.text
    assert sorted(a.table.iloc[:, 0]) == [2002, 2007]
    # "the 2nd round" is not a place: the ordinal names something else
    a = ask(club, "which years did the cup run end in the 2nd round?")
    assert a.status != "answered" or sorted(a.table.iloc[:, 0]) == []
