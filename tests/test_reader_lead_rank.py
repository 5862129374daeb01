"""Rows ranked by the number a text cell opens with (planner/lead_rank.py): "which county
has the most parishes" over "41 parishes", "which tower is the tallest" over "113.6 m",
"the largest area in acres" over "49.4 ha (122 acres)". Cells opening with numbers of
different things, or with dates, are not ranked. Tables written here; expected values
computed with pandas."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nbdatachat import ask


def _lead(cell: str) -> float:
    m = re.match(r"\s*([\d,]+(?:\.\d+)?)", str(cell))
    return float(m.group(1).replace(",", "")) if m else float("nan")


@pytest.fixture(scope="module")
def counties() -> pd.DataFrame:
    return pd.DataFrame({
        "County": ["Arden", "Belmoor", "Corrick", "Dunhallow", "Eskervale"],
        "Seat": ["Arden Town", "Moorfield", "Corrick Quay", "Hallow Cross", "Eskbridge"],
        "Parishes": ["41 parishes", "102 parishes", "7 parishes", "1 parish", "–"],
        "Area": ["49.4 ha (122 acres)", "302.0 ha (746 acres)", "18.6 ha (46 acres)",
                 "120.5 ha (298 acres)", "77.0 ha (190 acres)"]})


@pytest.fixture(scope="module")
def towers() -> pd.DataFrame:
    return pd.DataFrame({
        "Name": ["Kestrel Mast", "Heron Pylon", "Osprey Tower", "Wren Spire"],
        "Built": [1966, 1984, 1931, 2001],
        "Height": ["113.6 m", "109 m", "107 m", "98.5 m"]})


def test_most_of_a_counted_noun(counties: pd.DataFrame) -> None:
    a = ask(counties, "which county has the most parishes?")
    assert a.status == "answered", a.text
    want = counties.loc[counties["Parishes"].map(_lead).idxmax(), "County"]
    assert want == "Belmoor" and a.table.iloc[0, 0] == want


def test_fewest_leaves_out_cells_without_a_number(counties: pd.DataFrame) -> None:
    a = ask(counties, "which county has the fewest parishes?")
    assert a.status == "answered", a.text
    want = counties.loc[counties["Parishes"].map(_lead).idxmin(), "County"]
    assert want == "Dunhallow" and a.table.iloc[0, 0] == want


def test_what_is_the_row_with_the_largest(counties: pd.DataFrame) -> None:
    a = ask(counties, "what is the county with the largest area in acres?")
    assert a.status == "answered", a.text
    assert counties.loc[counties["Area"].map(_lead).idxmax(), "County"] == "Belmoor"
    assert "Belmoor" in a.text


def test_tallest_over_a_column_of_heights(towers: pd.DataFrame) -> None:
    a = ask(towers, "which tower is the tallest?")
    assert a.status == "answered", a.text
    want = towers.loc[towers["Height"].map(_lead).idxmax(), "Name"]
    assert want == "Kestrel Mast" and "Kestrel Mast" in a.text


def test_cells_of_different_things_are_not_ranked() -> None:
    df = pd.DataFrame({"Club": ["Rovers", "United", "Athletic", "Wanderers"],
                       "Titles": ["4 consecutive shields", "1 title", "0 cups", "2 titles"]})
    a = ask(df, "which club has the most titles?")
    assert not (a.status == "answered" and "as a number" in a.text)


def test_dates_are_not_amounts() -> None:
    df = pd.DataFrame({"Country": ["Norland", "Sudria", "Norland", "Estmark"],
                       "Name": ["A. Berg", "C. Ruiz", "D. Holm", "E. Tamm"],
                       "Term": ["30 January 1920 – 6 December 1930",
                                "15 January 1931 – 1 February 1936",
                                "12 January 1925 – 3 March 1929",
                                "2 January 1940 – 1 May 1946"]})
    a = ask(df, "which country had the most terms?")
    assert not (a.status == "answered" and "as a number" in a.text)
