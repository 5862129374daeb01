"""A verb that names the quantity compared ("which kayak weighed the least", "what shop item
costs the most", "which season was the top paid") read over the one column named for it
(planner/verb_measures.py). A noun after the degree word ("earned the most medals") is its
own quantity, and two columns of the quantity are asked back. Small tables written here;
expected values come from pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def kayaks() -> pd.DataFrame:
    return pd.DataFrame({
        "Model": ["Otter 12", "Heron 14", "Seal 10", "Gull 16"],
        "Length (ft)": [12, 14, 10, 16],
        "Weight (kg)": [21.5, 24.0, 18.2, 27.9],
        "Price": [640, 820, 510, 990]})


def test_weighed_the_least(kayaks):
    a = ask(kayaks, "which kayak weighed the least?")
    assert a.status == "answered", a.text
    light = kayaks.loc[kayaks["Weight (kg)"].idxmin(), "Model"]
    assert light in str(a.value) and light == "Seal 10"
    assert 'read "weighed the least" as "had the lowest Weight (kg)"' in \
        " ".join(a.to_dict()["notes"])


def test_costs_the_most(kayaks):
    a = ask(kayaks, "which kayak costs the most?")
    assert a.status == "answered", a.text
    assert kayaks.loc[kayaks.Price.idxmax(), "Model"] in str(a.value)


def test_top_paid_season():
    df = pd.DataFrame({"Season": [2015, 2016, 2017, 2018],
                       "Starts": [20, 24, 22, 19],
                       "Salary ($)": [410_000, 655_000, 720_500, 600_000]})
    a = ask(df, "which season was the top paid?")
    assert a.status == "answered", a.text
    assert "2017" in str(a.value)


def test_two_weight_columns_refused():
    df = pd.DataFrame({"Boxer": ["Al Roe", "Ben Cole", "Cal Ware"],
                       "Weight at signing": [70.1, 81.3, 66.0],
                       "Weight at fight": [69.5, 80.0, 66.4]})
    a = ask(df, "which boxer weighed the most?")
    assert a.status != "answered" or "Weight" not in " ".join(a.to_dict()["notes"])


def test_noun_after_degree_is_its_own_quantity():
    df = pd.DataFrame({"Rider": ["Al Roe", "Ben Cole", "Cal Ware"],
                       "Medals": [4, 9, 2],
                       "Earnings ($)": [90_000, 30_000, 70_000]})
    a = ask(df, "which rider earned the most medals?")
    assert "as \"had the highest Earnings" not in " ".join(a.to_dict()["notes"])
    assert a.status != "answered" or "Ben Cole" in str(a.value)
