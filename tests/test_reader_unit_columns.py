"""One quantity kept in two units, told apart by the unit said after "in"
(planner/unit_columns.py); our own tables."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def tarns() -> pd.DataFrame:
    return pd.DataFrame({
        "Tarn": ["Ashmere", "Birchwater", "Coldtarn"],
        "Shore (km)": [12.4, 30.1, 7.7],
        "Shore (mi)": [7.7, 18.7, 4.8],
        "Depth (m)": [30, 45, 12],
        "Depth (ft)": [98, 148, 39]})


@pytest.fixture(scope="module")
def karts() -> pd.DataFrame:
    return pd.DataFrame({
        "Kart": ["Arrow", "Bolt", "Comet"],
        "Peak speed (km/h)": [110, 125, 98],
        "Peak speed (mph)": [68, 78, 61]})


def test_unit_after_in_picks_the_column(tarns):
    a = ask(tarns, "what is the depth of Birchwater in feet?")
    assert a.status == "answered", a.text
    assert a.value == 148
    assert "Depth (ft)" in str(a.interpretation)
    a = ask(tarns, "which tarn has the lowest shore in kilometres?")
    assert a.status == "answered", a.text
    assert (a.value[0] if isinstance(a.value, list) else a.value) == "Coldtarn"
    assert "Shore (km)" in str(a.interpretation)


def test_speed_units(karts):
    a = ask(karts, "what peak speed did Bolt reach in miles per hour?")
    assert a.status == "answered", a.text
    assert a.value == 78
    a = ask(karts, "what peak speed did Comet reach in km per hour?")
    assert a.status == "answered", a.text
    assert a.value == 98


def test_no_unit_said_is_asked_back(karts, tarns):
    a = ask(karts, "what peak speed did Bolt reach?")
    assert a.status == "needs_clarification", a.text
    a = ask(tarns, "what is the shore of Coldtarn?")
    assert a.status == "needs_clarification", a.text


@pytest.fixture(scope="module")
def ponds() -> pd.DataFrame:  # one unit only
    return pd.DataFrame({
        "Pond": ["Duckwell", "Eelmoor", "Fernpool"],
        "Depth (ft)": [14, 9, 22],
        "Rim (km)": [1.2, 0.8, 2.5]})


def test_a_unit_said_that_no_column_read_has_refuses(ponds):
    for q in ("which pond has the lowest depth in metres", "what is the depth of Eelmoor in "
              "meters?", "which pond has the biggest rim in miles"):
        a = ask(ponds, q)
        assert a.status != "answered", (q, a.value)
        assert "unit" in a.text


def test_the_unit_of_the_column_read_is_answered(ponds):
    a = ask(ponds, "which pond has the lowest depth in feet")
    assert a.status == "answered", a.text
    assert (a.value[0] if isinstance(a.value, list) else a.value) == "Eelmoor"
    a = ask(ponds, "which pond has the lowest depth")
    assert a.status == "answered", a.text
