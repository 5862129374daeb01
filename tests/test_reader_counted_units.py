"""Counting every row when the counted noun is not what the rows are (issue 12): "how many
years are shown" over a table whose years head its columns (the rows are regions), "how
many different countries" when no column holds them (a country inside a venue's cell).
Each is asked back; the same nouns over rows, or a column, that are those things are
counted.
Small tables written here; every expected value is computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _wide() -> pd.DataFrame:
    # regions down the side, years across the top
    return pd.DataFrame({"Region": ["Upland", "Lowmoor", "Saltmarsh", "Fenway", "Crag"],
                         "2019": [4.1, 3.9, 2.2, 5.0, 1.8], "2020": [4.4, 3.1, 2.6, 4.8, 2.0],
                         "2021": [4.0, 3.3, 2.9, 5.2, 2.4]})


def _tour() -> pd.DataFrame:
    return pd.DataFrame({
        "Date": ["2 Mar 2019", "9 Mar 2019", "20 Apr 2019", "4 May 2019", "1 Jun 2019",
                 "8 Jun 2019"],
        "Opponent": ["France", "Chile", "France", "Kenya", "Chile", "Norway"],
        "Result": ["W 2–1", "L 0–1", "D 1–1", "W 3–0", "W 1–0", "L 1–2"],
    })


def _seasons() -> pd.DataFrame:
    return pd.DataFrame({"Year": [2015, 2016, 2017, 2018, 2019, 2020],
                         "Club": ["Rovers", "Rovers", "Athletic", "Athletic", "City", "City"],
                         "Caps": [3, 7, 9, 4, 12, 6]})


def test_years_that_head_the_columns_are_not_the_rows():
    a = ask(_wide(), "how many years are shown?")
    assert a.status != "answered", (a.text, a.value)
    assert "no column holds years" in a.text


def _meets() -> pd.DataFrame:
    # the rows are meets; the country is part of each venue's cell
    return pd.DataFrame({"Year": [2001, 2002, 2003, 2004, 2005, 2006],
                         "Venue": ["Leeds, U.K.", "Lyon, France", "York, U.K.",
                                   "Turin, Italy", "Nice, France", "Bath, U.K."],
                         "Winner": ["Ames", "Brook", "Cole", "Dunn", "Eby", "Fahy"]})


@pytest.mark.parametrize("question", ["how many different countries are there?",
                                      "how many different regions are there?"])
def test_different_places_no_column_holds_are_asked_back(question):
    a = ask(_meets(), question)
    assert a.status != "answered", (a.text, a.value)


def test_different_places_a_column_holds_are_counted():
    t = _tour()
    a = ask(t, "how many different countries are there?")
    assert a.status == "answered", a.text
    assert a.value == t["Opponent"].nunique() == 4


def test_years_that_are_the_rows_are_counted():
    t = _seasons()
    a = ask(t, "how many years are shown?")
    assert a.status == "answered", a.text
    assert a.value == t["Year"].nunique() == len(t)
