"""Counting periods (planner/period_counts.py): "how many years" over a column of years
that repeats counts the different years; other counted nouns still ask rows or values; our
own tables."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def regattas() -> pd.DataFrame:  # a row per race, several races a year
    return pd.DataFrame({
        "Year": [2015, 2015, 2016, 2018, 2018, 2018, 2019],
        "Regatta": ["Lake Cup", "Bay Trophy", "Lake Cup", "Lake Cup", "Bay Trophy",
                    "Harbour Race", "Bay Trophy"],
        "Boat": ["Heron", "Heron", "Osprey", "Heron", "Kite", "Osprey", "Kite"],
        "Place": ["1st", "3rd", "2nd", "1st", "2nd", "1st", "4th"],
        "Crew": [6, 6, 5, 6, 4, 5, 4]})


@pytest.fixture(scope="module")
def leagues() -> pd.DataFrame:  # seasons written as two years
    return pd.DataFrame({
        "Season": ["2001–02", "2001–02", "2003–04", "2003–04", "2003–04", "2007–08"],
        "Round": ["First", "Second", "First", "Second", "Final", "First"],
        "Rival": ["Ashford", "Bexley", "Colton", "Ashford", "Dunmore", "Bexley"]})


def _num(a):
    return int(a.value[0] if isinstance(a.value, list) else a.value)


@pytest.mark.parametrize("question, n", [
    ("how many years are in the results?", 4),
    ("count the years with a crew of 6.", 2),
    ("how many years had a crew of 4?", 2),
])
def test_years_counted_once_each(regattas, question, n):
    a = ask(regattas, question)
    assert a.status == "answered", a.text
    assert _num(a) == n
    assert "distinct Year" in str(a.interpretation)


def test_seasons_counted_once_each(leagues):
    a = ask(leagues, "how many seasons appear in the list?")
    assert a.status == "answered", a.text
    assert _num(a) == 3


def test_a_negated_count_of_years_still_asks(regattas):
    # the years holding another place are not the years with no 4th place
    a = ask(regattas, "how many years had no 4th place finish?")
    assert a.status == "needs_clarification", a.text


def test_other_nouns_still_ask_rows_or_values(regattas):
    a = ask(regattas, "how many boats are in the results?")
    assert a.status == "needs_clarification", a.text
    assert "Count the rows, or the distinct values" in a.text
