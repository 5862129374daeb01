"""A count and its share named by one word (planner/count_share.py): the question's share
word or percent sign picks the share column, else the count column; our own tables."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def polls() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1990, 1994, 1998, 2002, 2006],
        "# of ballots": [120500, 98000, 143250, 87000, 110400],
        "% of ballots": [31.2, 27.5, 36.8, 24.9, 29.0],
        "Seats": [40, 33, 47, 30, 37]})


@pytest.fixture(scope="module")
def wards() -> pd.DataFrame:
    return pd.DataFrame({
        "Ward": ["Ashby", "Birchley", "Cedarholm", "Dunmore"],
        "Kim%": ["48.1%", "52.3%", "39.9%", "61.0%"],
        "Kim#": [4810, 7300, 2210, 9050],
        "Ros%": ["51.9%", "47.7%", "60.1%", "39.0%"],
        "Ros#": [5190, 6650, 3330, 5780]})


def _rows(a) -> list:
    return list(a.value) if isinstance(a.value, list) else [a.value]


def test_share_word_picks_the_share_column(polls):
    a = ask(polls, "the percentage of ballots was lowest in which year?")
    assert a.status == "answered", a.text
    want = polls.Year[polls["% of ballots"].idxmin()]
    assert _rows(a) == [want] == [2002]
    assert "% of ballots" in str(a.interpretation)


def test_percent_sign_picks_the_share_column(polls):
    a = ask(polls, "which year was the first to get over 30% of the ballots?")
    assert a.status == "answered", a.text
    assert _rows(a) == [1990]
    assert "% of ballots" in str(a.interpretation)


def test_share_threshold_counted(polls):
    a = ask(polls, "how many times was the share of ballots at least 29?")
    assert a.status == "answered", a.text
    assert a.value == int((polls["% of ballots"] >= 29).sum()) == 3


def test_number_of_picks_the_count_column(polls):
    a = ask(polls, "what was the number of ballots in 1994?")
    assert a.status == "answered", a.text
    assert a.value == 98000
    assert "# of ballots" in str(a.interpretation)


def test_plain_word_is_the_count(polls):
    a = ask(polls, "in which year were there the fewest ballots?")
    assert a.status == "answered", a.text
    assert _rows(a) == [polls.Year[polls["# of ballots"].idxmin()]] == [2002]
    assert "# of ballots" in str(a.interpretation)


def test_name_marked_columns(wards):
    a = ask(wards, "in which ward did Ros have the fewest votes?")
    assert a.status == "answered", a.text
    assert _rows(a) == ["Cedarholm"]
    assert "Ros#" in str(a.interpretation)
    a = ask(wards, "how many wards gave Kim at least 50%?")
    assert a.status == "answered", a.text
    assert a.value == 2
    assert "Kim%" in str(a.interpretation)


def test_both_said_is_asked_back(polls):
    a = ask(polls, "what was the number of ballots in 1994 as a percentage?")
    assert a.status != "answered"


def test_two_counts_are_not_chosen_between():
    t = pd.DataFrame({"Poll": [1990, 1994], "# of ballots": [10, 20],
                      "# of spoilt ballots": [1, 2], "Seats": [3, 4]})
    a = ask(t, "what was the most ballots?")
    assert a.status != "answered" or "spoilt" not in str(a.interpretation)
    t = pd.DataFrame({"Poll": [1990, 1994], "Ballots (north)": [10, 20],
                      "Ballots (south)": [1, 2]})
    a = ask(t, "which poll had the most ballots?")
    assert a.status == "needs_clarification", a.text
