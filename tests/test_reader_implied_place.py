"""Superlatives of a place (planner/implied_place.py): "which year did the club end up the
highest" compares the table's one place column, the best place being the smallest number;
a place column named beside the superlative may hold places written as text ("2nd",
"T5"). "The most", two place columns, or no place column keep the "of what?" question.
Tables written here; expected values computed with pandas."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nbdatachat import ask


def _num(cell: str) -> int:
    return int(re.search(r"\d+", cell).group())


@pytest.fixture(scope="module")
def club() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1991, 1992, 1993, 1994, 1995],
        "Ground": ["Mill Lane", "Mill Lane", "Quay Park", "Quay Park", "Quay Park"],
        "Standing": ["6th", "2nd", "T9", "4th", "11th"],
        "Coach": ["Ames", "Ames", "Bell", "Bell", "Cruz"]})


@pytest.fixture(scope="module")
def numbered() -> pd.DataFrame:
    return pd.DataFrame({
        "Rider": ["Oslo Vega", "Ines Paz", "Tom Hale", "Rui Dias"],
        "Team": ["Kestrel", "Kestrel", "Harbor", "Summit"],
        "Place": [3, 1, 7, 5],
        "Laps": [40, 40, 38, 39]})


def test_finished_the_highest_is_the_smallest_place(club):
    a = ask(club, "in which year did they finish the highest?")
    assert a.status == "answered", a.text
    want = club.loc[club["Standing"].map(_num).idxmin(), "Year"]
    assert a.value == want == 1992


def test_finished_the_worst_is_the_largest_place(club):
    a = ask(club, "which year did they finish the worst?")
    assert a.status == "answered", a.text
    assert a.value == club.loc[club["Standing"].map(_num).idxmax(), "Year"] == 1995


def test_a_named_column_of_written_places(club):
    a = ask(club, "which year had the best standing?")
    assert a.status == "answered", a.text
    assert a.value == 1992
    low = ask(club, "which year had the lowest standing?")
    assert low.status == "answered", low.text
    assert low.value == 1995


def test_a_column_of_place_numbers(numbered):
    a = ask(numbered, "which rider placed the highest?")
    assert a.status == "answered", a.text
    assert a.value == numbered.loc[numbered["Place"].idxmin(), "Rider"] == "Ines Paz"
    b = ask(numbered, "who placed the lowest?")
    assert b.status == "answered", b.text
    assert b.value == "Tom Hale"


def test_more_or_less_of_a_place_is_still_asked(club):
    a = ask(club, "which year did they finish the most?")
    assert a.status != "answered"
    assert "of what?" in a.text


def test_two_place_columns_are_not_chosen_between():
    df = pd.DataFrame({"Year": ["2010", "2011", "2012"],
                       "Home place": ["3rd", "1st", "2nd"],
                       "Away place": ["1st", "4th", "2nd"]})
    a = ask(df, "which year did they finish the highest?")
    assert a.status != "answered"
    assert "of what?" in a.text


def test_no_place_column_keeps_the_question():
    df = pd.DataFrame({"Year": ["2010", "2011", "2012"],
                       "Venue": ["Dale Park", "Elm Field", "Fir Grounds"],
                       "Crowd": [1200, 900, 1500]})
    a = ask(df, "which year did they finish the highest?")
    assert a.status != "answered"
    assert "of what?" in a.text


def test_places_in_different_levels_are_not_compared(club):
    # a 2nd place in one league is not plainly better than a 4th in another
    df = club.assign(Division=["North", "North", "Central", "Central", "Central"])
    a = ask(df, "which year did they finish the highest?")
    assert a.status != "answered"
    assert "of what?" in a.text
    one = ask(df, "which year did they finish the highest in the Central division?")
    assert one.status == "answered", one.text  # the level pinned: places compare again
    assert one.value == 1994


def test_a_place_cell_not_read_keeps_the_question():
    # "12x" holds a number but reads as no place: dropping it could change the worst
    df = pd.DataFrame({"Year": [2001, 2002, 2003, 2004],
                       "Position": ["4th", "12x", "2nd", "7th"]})
    a = ask(df, "in what year was the lowest position held?")
    assert a.status != "answered"
    blanks = df.assign(Position=["4th", "", "2nd", "7th"])
    b = ask(blanks, "in what year was the lowest position held?")
    assert b.status == "answered", b.text
    assert b.value == 2004


def test_the_best_place_itself_as_written(club):
    a = ask(club, "what was the best standing?")
    assert a.status == "answered", a.text
    assert a.value == club.loc[club["Standing"].map(_num).idxmin(), "Standing"] == "2nd"
    b = ask(club, "what was the worst standing before 1995?")
    assert b.status == "answered", b.text
    early = club[club["Year"] < 1995]
    assert b.value == early.loc[early["Standing"].map(_num).idxmax(), "Standing"] == "T9"
    c = ask(club, "what was the most standing?")
    assert c.status != "answered"


def test_an_unread_cell_that_cannot_be_the_best_is_left_out():
    # "31x" is not read as a place, but no place it could be beats 2nd
    df = pd.DataFrame({"Year": [2001, 2002, 2003, 2004],
                       "Position": ["4th", "31x", "2nd", "7th"]})
    a = ask(df, "what was the best position?")
    assert a.status == "answered", a.text
    assert a.value == "2nd"
    close = df.assign(Position=["4th", "1x", "2nd", "7th"])  # "1x" might be the best
    assert ask(close, "what was the best position?").status != "answered"
    # before 2003 the best read is 4th: 31x is larger than every place read, 5x is not
    assert ask(df, "what was the best position before 2003?").value == "4th"
    near = df.assign(Position=["4th", "5x", "2nd", "7th"])
    assert ask(near, "what was the best position before 2003?").status != "answered"
