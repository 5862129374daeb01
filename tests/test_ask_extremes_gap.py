"""The difference between the highest and the lowest value of one column ("the gap between
the biggest and the smallest crowd", "between the club with the most wins and the club with
the fewest"): the largest value minus the smallest, over the rows the filters keep, a
summary row left out; and the phrasings that must not be read so (a second highest, a word
after the superlative, two columns, a grouping)."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _clubs() -> pd.DataFrame:
    # made-up clubs: wins, average crowd, region, and a summary row at the bottom
    return pd.DataFrame({
        "Club": ["Alder", "Birch", "Cedar", "Dunmore", "Elmstead", "All clubs"],
        "Wins": [12, 7, 15, 3, 9, 46],
        "Crowd": [5400, 3100, 6100, 2500, 4200, 21300],
        "Region": ["North", "South", "North", "South", "North", "All"],
    })


def _value(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q", [
    "tell me the difference between the biggest and the smallest crowd",
    "and the difference between the largest crowd and the smallest crowd?",
    "difference in crowd from the highest to the lowest",
])
def test_the_gap_between_the_two_ends_of_a_column(q):
    d = _clubs()
    a = ask(d, q)
    assert _value(a) == 6100 - 2500  # the summary row is not the largest crowd


def test_the_rows_may_be_named_before_the_superlatives():
    a = ask(_clubs(), "the difference between the club with the most wins and the club "
                      "with the fewest wins")
    assert _value(a) == 15 - 3


def test_a_filter_keeps_its_rows():
    a = ask(_clubs(), "difference between the biggest crowd and smallest crowd in region "
                      "South")
    assert _value(a) == 3100 - 2500


@pytest.mark.parametrize("q", [
    "please give the difference between the biggest crowd and the second smallest crowd",
    "the difference between the most recent and the least recent crowd",
    "difference in crowd between the club with the most wins and the club with the "
    "fewest wins",  # the crowds of two rows, not the ends of one column
    "difference between the biggest and smallest crowd by region",
])
def test_readings_that_are_not_the_two_ends_are_refused(q):
    a = ask(_clubs(), q)
    assert a.status != "answered", a.text
