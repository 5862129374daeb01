""""The fewest number of <column> ...": the column's own lowest (or highest) value, not
a total to rank groups by. Small tables written here; every expected value is computed with
pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def regattas() -> pd.DataFrame:
    return pd.DataFrame({"Year": [2001, 2002, 2003, 2004, 2005, 2006],
                         "Skipper": ["Ida Moss", "Per Lund", "Ida Moss", "Ana Ruiz", "Per Lund",
                                     "Tom Hale"],
                         "Outcome": ["Won", "Lost", "Won", "Won", "Lost", "Won"],
                         "Buoys": [14, 9, 17, 12, 8, 15]})


def test_the_least_number_of_a_column_is_its_minimum(regattas):
    a = ask(regattas, "what was the least number of buoys rounded?")
    assert a.status == "answered", a.text
    assert a.value == regattas["Buoys"].min()
    assert "minimum" in a.interpretation.lower() or "min" in a.interpretation.lower()


def test_the_greatest_amount_of_a_column_is_its_maximum(regattas):
    a = ask(regattas, "what is the greatest amount of buoys in the table?")
    assert a.status == "answered", a.text
    assert a.value == regattas["Buoys"].max()


def test_filters_pick_the_rows_first(regattas):
    a = ask(regattas, "what was the least number of buoys for skipper ida moss?")
    assert a.status == "answered", a.text
    assert a.value == regattas.loc[regattas.Skipper == "Ida Moss", "Buoys"].min()


def test_a_row_asked_is_not_read_as_the_value(regattas):
    # "who": the skipper of that row (or per skipper), never the number
    a = ask(regattas, "who had the least number of buoys?")
    assert a.status != "answered" or a.value != regattas["Buoys"].min()
    a = ask(regattas, "which skipper had the greatest amount of buoys?")
    assert a.status != "answered" or a.value != regattas["Buoys"].max()


def test_a_bare_phrase_is_left_to_the_other_readings(regattas):
    a = ask(regattas, "the least amount of buoys")
    assert a.status != "answered" or a.value != regattas["Buoys"].min()


def test_a_count_of_rows_is_not_turned_into_an_extreme(regattas):
    # "the most number of wins" over a column of outcomes: no numeric column, no extreme
    a = ask(regattas, "what is the most number of wins in a season?")
    assert a.status != "answered" or a.value != regattas["Buoys"].max()
