"""A column whose rank word only modifies the noun after it ("Seeding rate", "Placement
salary") holds numbers of that noun, not places in a ranking (planner/degrees.py,
``rank_modifies``): "which crop has the lower seeding rate, A or B" compares the numbers as
they are. A column that is a rank of another shape ("Rank by income" counted from 0) is
still refused for a degree word, whose direction on it is not clear. Small tables written
here; expected values from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.planner.degrees import rank_modifies


def _crops() -> pd.DataFrame:
    return pd.DataFrame({
        "Crop": ["Barley", "Oats", "Rye", "Spelt", "Millet"],
        "Seeding rate": [160, 120, 140, 200, 25],
        "Yield": [5.1, 4.2, 3.9, 3.4, 2.2],
    })


def _agencies() -> pd.DataFrame:
    return pd.DataFrame({
        "Agency": ["Brightwork", "Staffline Co", "Norrow Jobs", "Keel Talent"],
        "Placement salary": [31800, 32400, 31500, 32100],
        "Offices": [3, 5, 2, 4],
    })


def _answer(a):
    assert a.status == "answered", a.text
    return a.value


@pytest.mark.parametrize("q, col, want", [
    ("which crop has the lower seeding rate, barley or oats?", "Seeding rate", "Oats"),
    ("which crop had the higher seeding rate, rye or spelt?", "Seeding rate", "Spelt"),
    ("which seeding rate was smaller, millet or rye?", "Seeding rate", "Millet"),
])
def test_crops(q, col, want):
    d = _crops()
    a = ask(d, q)
    assert _answer(a) == want
    assert a.plan.measure.column == col
    for item in a.plan.items:  # both numbers said, read off the table
        assert f"{d.loc[d.Crop == item, col].iloc[0]:,}" in a.text


def test_salary():
    d = _agencies()
    a = ask(d, "which agency has a higher placement salary, brightwork or keel talent?")
    assert _answer(a) == "Keel Talent"
    a = ask(d, "which placement salary is lower, staffline co or norrow jobs?")
    assert _answer(a) == "Norrow Jobs"


def test_the_helper():
    from nbdatachat.query.source import open_source

    crops, agencies = open_source(_crops()).schema, open_source(_agencies()).schema
    assert rank_modifies(crops, "Seeding rate")
    assert rank_modifies(agencies, "Placement salary")
    places = pd.DataFrame({"Crop": ["Barley", "Oats", "Rye"], "Seeding rate": [160, 120, 140],
                           "Show placing": [3, 1, 2], "Placing round": [2, 3, 1]})
    s = open_source(places).schema
    assert not rank_modifies(s, "Show placing")  # the rank word is the head
    assert not rank_modifies(s, "Placing round")  # numbers that could be the places


def test_a_rank_of_another_shape_is_refused():
    d = pd.DataFrame({"Town": ["Aldmoor", "Brackwell", "Cresby", "Dunholt"],
                      "Rank by income": [0, 1, 2, 3]})
    for q in ("which town has the higher rank by income, aldmoor or cresby?",
              "which town has the better rank by income, aldmoor or cresby?"):
        a = ask(d, q)
        assert a.status != "answered", (q, a.text)
