"""A number compared with a text column of numbers with their unit
(planner/unit_threshold.py, ``Expr`` op ``lead``): "over 3,000 feet" against cells such as
"3,120 ft" and "3,405 feet (1,038 m)", the column named or picked by the unit said. Cells
of mixed units, a number far from every cell, a unit no column holds and a numeric column
named for the unit stay with the other readings. Tables written here; expected values
computed with pandas; the generated pandas code gives the same answer."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.unit_threshold import unit_column
from nbdatachat.query.source import open_source


@pytest.fixture(scope="module")
def fells() -> pd.DataFrame:
    return pd.DataFrame({
        "Peak": ["Ash Fell", "Birk Crag", "Cold Pike", "Dun Moor", "Eel Tor", "Fox How"],
        "Height": ["3,120\u00a0ft", "2,870 ft", "3,405 feet (1,038 m)", "Unmeasured",
                   "2,990 ft", "3,001 ft"],
        "Range": ["North", "North", "South", "South", "East", "East"]})


@pytest.fixture(scope="module")
def parcels() -> pd.DataFrame:
    return pd.DataFrame({
        "Parcel": ["P1", "P2", "P3", "P4"],
        "Weight": ["120 g", "85 g", "240 g", "150 g"],
        "Route": ["12 km", "40 km", "7 km", "22 km"]})


def _lead(cell: str) -> float | None:
    m = re.match(r"\s*(\d[\d,]*(?:\.\d+)?)\s*[a-z]", cell.replace("\u00a0", " "))
    return float(m.group(1).replace(",", "")) if m else None


def test_a_count_over_feet(fells):
    a = ask(fells, "how many peaks are over 3,000 feet?")
    assert a.status == "answered", a.text
    want = sum(1 for c in fells.Height if (_lead(c) or 0) > 3000)
    assert a.value == want == 3
    scope: dict = {"df": fells.copy()}
    exec(a.code, scope)  # noqa: S102 - the generated pandas code, run as a user would
    assert scope["result"] == want


def test_the_unit_picks_the_column(parcels):
    a = ask(parcels, "which parcels weigh under 130 grams?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == ["P1", "P2"]
    b = ask(parcels, "how many parcels have a route of at least 20 km?")
    assert b.status == "answered", b.text
    assert b.value == sum(1 for c in parcels.Route if _lead(c) >= 20) == 2


def test_the_named_column_without_a_unit(fells):
    a = ask(fells, "which peaks have a height below 3000?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == ["Birk Crag", "Eel Tor"]


def test_what_is_not_read(fells, parcels):
    assert ask(fells, "how many peaks are over 3,000 metres?").status != "answered"
    assert ask(fells, "how many peaks are over 90,000 feet?").status != "answered"
    mixed = fells.copy()
    mixed.loc[5, "Height"] = "915 m"
    assert unit_column(open_source(mixed).schema, "Height") is None
    assert ask(mixed, "how many peaks are over 3,000 feet?").status != "answered"
    both = parcels.assign(**{"Weight (g)": [121, 86, 239, 151]})
    a = ask(both, "how many parcels weigh over 130 grams?")
    assert a.status != "answered" or "Weight (g)" in a.text


def test_plain_numbers_beside_words_when_the_column_is_named():
    poll = pd.DataFrame({
        "Party": ["Larch", "Maple", "Rowan", "Alder", "Total"],
        "Votes": ["12,400", "8,150", "30,020", "WIN", "50,570"],
        "Seats": [3, 1, 6, 0, 10]})
    a = ask(poll, "which parties had more than 10,000 votes?")
    assert a.status == "answered", a.text
    assert sorted(a.value) == ["Larch", "Rowan"]  # the summary row is left out
    # not named: the number is not guessed to be votes
    assert ask(poll, "which parties had more than 10,000?").status != "answered"


def test_a_percentage_is_not_compared_with_plain_numbers():
    grades = pd.DataFrame({"Grade": ["1", "2", "3", "4", "Mean"],
                           "2019": ["12.0%", "25.5%", "30.1%", "32.4%", "2.8"]})
    # "Grade" holds plain numbers beside a word, but "20%" is a share: not compared with them
    assert ask(grades, "how many grades are under 20%?").status != "answered"
