"""A time unit ranked by a superlative (planner/grain_extreme.py): "the best year for X" is
the year of the row with the most X, not the most X itself; our own tables."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def orchard() -> pd.DataFrame:
    return pd.DataFrame({
        "Harvest year": [2011, 2012, 2013, 2014, 2015],
        "Apples picked": [410, 655, None, 380, 520],
        "Pears picked": [90, 75, 120, 60, 101]})


@pytest.fixture(scope="module")
def stalls() -> pd.DataFrame:  # two rows a year: a year's total or its best row?
    return pd.DataFrame({
        "Year": [2019, 2019, 2020, 2020, 2021],
        "Stall": ["North", "South", "North", "South", "North"],
        "Loaves sold": [300, 120, 210, 260, 150]})


@pytest.fixture(scope="module")
def ferries() -> pd.DataFrame:  # no column of years at all
    return pd.DataFrame({
        "Ferry": ["Gull", "Tern", "Puffin"],
        "Crossings": [1200, 980, 1430]})


def _one(a):
    return a.value[0] if isinstance(a.value, list) else a.value


@pytest.mark.parametrize("question, year", [
    ("what was the top year for apples picked", 2012),
    ("what was the best year for pears picked?", 2013),
    ("what was the worst year for pears picked", 2014),
])
def test_the_year_of_the_extreme_row(orchard, question, year):
    a = ask(orchard, question)
    assert a.status == "answered", a.text
    assert int(_one(a)) == year
    assert "Harvest year" in str(a.interpretation)


def test_the_value_itself_is_still_the_value(orchard):
    a = ask(orchard, "what was the highest apples picked")
    assert a.status == "answered", a.text
    assert float(_one(a)) == 655


def test_several_rows_a_year_are_not_one_row(stalls):
    a = ask(stalls, "what was the top year for loaves sold")
    assert a.status != "answered" or int(_one(a)) == 2020  # the year's total (470), when read so


def test_no_column_of_years_refuses(ferries):
    for q in ("what was the top year for crossings", "what was the peak month for crossings",
              "what was the busiest day for crossings"):
        a = ask(ferries, q)
        assert a.status != "answered", (q, a.value)
