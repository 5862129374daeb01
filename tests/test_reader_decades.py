""""The 1970s" is a decade and "the 1800s" a century; "before / after / since the 1970s"
compares the years with the span (planner/decades.py). Small tables written here; expected
values are computed with pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def mills() -> pd.DataFrame:
    return pd.DataFrame({
        "Mill": ["Ashgrove", "Brindle", "Coldwater", "Dunholm", "Eskdale", "Farrow",
                 "Glenmoor", "Hollins"],
        "Built": [1768, 1812, 1845, 1876, 1899, 1903, 1931, 1975],
        "Closed": [1820, 1901, 1950, 1968, 1990, 1977, 2001, 2012],
        "Sails": [4, 4, 6, 5, 4, 6, 5, 4]})


@pytest.fixture(scope="module")
def albums() -> pd.DataFrame:
    return pd.DataFrame({
        "Year": [1966, 1969, 1971, 1974, 1979, 1983, 1988, 1994, 2002],
        "Album": ["Quiet Harbour", "Tin Lanterns", "Salt Road", "North Light", "Paper Moons",
                  "Glass Orchard", "Low Tide", "Ember Hall", "Late Swallows"],
        "Label": ["Rook", "Rook", "Vane", "Vane", "Vane", "Rook", "Kite", "Kite", "Kite"]})


def test_century_reads_a_hundred_years(mills):
    a = ask(mills, "how many mills were built in the 1800s?")
    assert a.status == "answered", a.text
    assert a.value == int(mills.Built.between(1800, 1899).sum()) == 4
    assert "1899" in a.text


def test_the_verb_names_the_column(mills):
    a = ask(mills, "how many mills were closed in the 1900s?")
    assert a.status == "answered", a.text
    assert a.value == int(mills.Closed.between(1900, 1999).sum()) == 5


def test_decade_stays_ten_years(albums):
    a = ask(albums, "how many albums came out in the 1970s?")
    assert a.status == "answered", a.text
    assert a.value == int(albums.Year.between(1970, 1979).sum()) == 3


def test_before_a_decade(albums):
    a = ask(albums, "how many albums came out before the 1980s?")
    assert a.status == "answered", a.text
    assert a.value == int((albums.Year < 1980).sum()) == 5


def test_after_a_decade(albums):
    a = ask(albums, "how many albums came out after the 1970s?")
    assert a.status == "answered", a.text
    assert a.value == int((albums.Year > 1979).sum()) == 4


def test_since_a_decade(albums):
    a = ask(albums, "how many albums came out since the 1980s?")
    assert a.status == "answered", a.text
    assert a.value == int((albums.Year >= 1980).sum()) == 4


def test_no_column_of_years_is_refused():
    frame = pd.DataFrame({"Shop": ["Lark", "Wren", "Finch"], "Staff": [4, 9, 2]})
    a = ask(frame, "how many shops opened in the 1990s?")
    assert a.status != "answered", a.text


def test_span_of_years_with_a_dash(albums):
    a = ask(albums, "how many albums came out during the years 1969-75?")
    assert a.status == "answered", a.text
    assert a.value == int(albums.Year.between(1969, 1975).sum()) == 3


def test_one_season_is_no_span_of_years(albums):
    a = ask(albums, "how many albums came out in 1988-89?")
    assert a.status != "answered", a.text


@pytest.fixture(scope="module")
def libraries() -> pd.DataFrame:
    return pd.DataFrame({
        "Library": ["Ashby", "Brill", "Corve", "Dunmore", "Elm", "Fenwick"],
        "Opened": ["1931", "June 1946", "March 3, 1937", "1947", "12 May 1955", "unknown"],
        "Books": [1200, 3400, 2100, 5000, 800, 950]})


def test_decade_over_written_dates(libraries):
    a = ask(libraries, "how many libraries opened in the 1940s?")
    assert a.status == "answered", a.text
    assert a.value == 2


def test_century_over_written_dates(libraries):
    a = ask(libraries, "how many libraries opened in the 1900s?")
    assert a.status == "answered", a.text
    assert a.value == 5  # "unknown" is no year
