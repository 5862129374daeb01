""""Farther", "farthest" and "furthest" imply a distance (planner/lexicon.json,
``implied_attributes`` and ``attribute_synonyms``), as "taller" implies a height: "which
hiker went farther, A or B" compares the two rows on the table's one distance column (named
distance, dist, km, miles or mileage), and "who threw the farthest" is the row with the
largest distance. With no such column, or with two, the question is refused, never read as
a count of rows or another number. Small tables written here; expected values from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


def _throws() -> pd.DataFrame:
    return pd.DataFrame({
        "Thrower": ["Edda Lunn", "Bror Sand", "Kaja Vint", "Oskar Moe", "Tove Rask"],
        "Club": ["Fjord", "Heath", "Fjord", "Moor", "Heath"],
        "Distance": [61.4, 58.9, 63.2, 57.5, 60.1],
        "Year": [2011, 2012, 2013, 2014, 2015],
    })


def _stops() -> pd.DataFrame:
    # a column of kilometres from the start, named only by its unit
    return pd.DataFrame({
        "km": [0, 4, 9, 15, 22],
        "Stop": ["Old Mill", "Quarry Lane", "Birch Green", "Salt Bridge", "Hollow End"],
        "Platforms": [2, 1, 1, 3, 2],
    })


def _answer(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, want", [
    ("which thrower had the farther distance, Bror Sand or Tove Rask?", "Tove Rask"),
    ("who threw farther, Kaja Vint or Edda Lunn?", "Kaja Vint"),
    ("is Oskar Moe or Bror Sand farther?", "Bror Sand"),
])
def test_farther_of_two_reads_the_distance(q, want):
    d = _throws()
    a = ask(d, q)
    assert _answer(a) == want
    assert a.plan.measure.column == "Distance"
    for item in a.plan.items:  # both numbers are said, read off the table
        assert f"{d.loc[d.Thrower == item, 'Distance'].iloc[0]:g}" in a.text


def test_farther_over_a_column_named_by_its_unit():
    d = _stops()
    a = ask(d, "which is a farther stop: Quarry Lane or Salt Bridge?")
    assert _answer(a) == "Salt Bridge"
    assert a.plan.measure.column == "km"


def test_farthest_is_the_largest_distance():
    d = _throws()
    a = ask(d, "who threw the farthest?")
    assert _answer(a) == d.loc[d.Distance.idxmax(), "Thrower"]


def test_an_item_of_several_rows_says_its_average():
    d = _throws()
    a = ask(d, "which club went farther, Fjord or Moor?")  # Fjord has two rows
    means = d.groupby("Club").Distance.mean()
    assert _answer(a) == means[["Fjord", "Moor"]].idxmax()
    assert "average" in a.text and f"{means['Fjord']:.2f}" in a.text


def test_no_distance_column_is_refused():
    d = _throws().drop(columns=["Distance"])
    for q in ("who threw farther, Kaja Vint or Edda Lunn?", "who threw the farthest?"):
        a = ask(d, q)
        assert a.status != "answered", (q, a.text)


def test_two_distance_columns_are_refused():
    d = _throws().assign(**{"Distance miles": [38.2, 36.6, 39.3, 35.7, 37.3]})
    a = ask(d, "who threw farther, Kaja Vint or Edda Lunn?")
    assert a.status != "answered", a.text
