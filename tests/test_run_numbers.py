"""Runs counted in consecutive years and runs of at least n (issue 12, query/run_numbers.py):
the SQL and the generated pandas code agree with a hand count, on a table with several rows
a year, gaps between years and values between the runs."""

from __future__ import annotations

import pandas as pd
import pytest

from nbdatachat.errors import InvalidRequest
from nbdatachat.planner import Filter, PositionPlan
from nbdatachat.query import open_source, pandas_code, run_plan, validate_plan


def _cups() -> pd.DataFrame:
    # Harbour: 1990, 1991, 1992 (two rows in 1991, Moor between) then 1995: a run of 3
    # Moor: 1991, 1993, 1994, 1995, 1996: a run of 4; Vale: 1990 only
    return pd.DataFrame({
        "Year": [1990, 1990, 1991, 1991, 1991, 1992, 1993, 1994, 1995, 1995, 1996],
        "Cup": ["Harbour", "Vale", "Harbour", "Moor", "Harbour", "Harbour", "Moor", "Moor",
                "Moor", "Harbour", "Moor"],
        "Result": ["W", "L", "W", "W", "L", "W", "W", "L", "W", "W", "W"],
    })


def _both(plan: PositionPlan, d: pd.DataFrame):
    src = open_source(d)
    plan = validate_plan(plan, src.schema)
    got = run_plan(plan, src).table
    scope: dict = {"df": d.copy()}
    exec(pandas_code(plan, list(d.columns), len(d)), scope)  # noqa: S102 - generated code
    return got, scope["result"]


@pytest.mark.parametrize("n, want", [(1, {"Moor": 4}), (3, {"Harbour": 3, "Moor": 4}),
                                     (5, {})])
def test_values_by_consecutive_years(n, want):
    plan = PositionPlan(position="longest_run_value", columns=["Cup"], run_by="Year", n=n)
    got, code = _both(plan, _cups())
    assert dict(zip(got["Cup"], got["run"])) == want
    assert dict(zip(code["Cup"], code["run"])) == want


def test_values_of_at_least_n_consecutive_rows():
    # table order: Harbour twice in a row (rows 5-6), Moor three times (rows 7-9)
    plan = PositionPlan(position="longest_run_value", columns=["Cup"], n=2)
    got, code = _both(plan, _cups())
    assert dict(zip(got["Cup"], got["run"])) == {"Harbour": 2, "Moor": 3}
    assert dict(zip(code["Cup"], code["run"])) == {"Harbour": 2, "Moor": 3}


def test_a_run_of_a_condition_by_consecutive_years():
    # wins in 1990, 1991, 1992, 1993, 1995, 1996 (1994: only a loss): 4 years running
    plan = PositionPlan(position="longest_run", anchor=[Filter("Result", "=", "W")],
                        run_by="Year")
    got, code = _both(plan, _cups())
    assert int(got["count"].iloc[0]) == code == 4
    plan = PositionPlan(position="longest_run", anchor=[Filter("Cup", "=", "Harbour")],
                        run_by="Year")
    got, code = _both(plan, _cups())
    assert int(got["count"].iloc[0]) == code == 3


def test_run_by_is_a_column_of_numbers_for_a_run():
    src = open_source(_cups())
    with pytest.raises(InvalidRequest):
        validate_plan(PositionPlan(position="longest_run_value", columns=["Year"],
                                   run_by="Cup"), src.schema)
    with pytest.raises(InvalidRequest):
        validate_plan(PositionPlan(position="first", columns=["Cup"], run_by="Year"),
                      src.schema)


@pytest.mark.parametrize("years, down, gaps", [([1990, 1991, 1991, 1992], 0, 0),
                                               ([1990, 1992, 1991, 1995], 1, 2)])
def test_in_order_counts_steps_down_and_skipped_years(years, down, gaps):
    d = pd.DataFrame({"Year": years, "Cup": ["Moor"] * len(years)})
    got, code = _both(PositionPlan(position="in_order", columns=["Year"]), d)
    assert (int(got["descents"].iloc[0]), int(got["gaps"].iloc[0])) == (down, gaps)
    assert (code["descents"], code["gaps"]) == (down, gaps)
