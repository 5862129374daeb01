"""The operation registries: every filter operator and every aggregation, run in DuckDB
through its SQLGlot definition, equals its pandas code and pandas computed here (missing
values included); and the compiled SQL renders for other engines' dialects."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nbdatachat.errors import InvalidRequest
from nbdatachat.operations import AGGREGATIONS, FILTER_OPS
from nbdatachat.planner import AggregatePlan, Filter, Measure, RowsPlan
from nbdatachat.query import compile_plan, open_source, pandas_code, run_plan, validate_plan


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 400
    x = rng.normal(50, 15, n).round(2)
    x[rng.choice(n, 30, replace=False)] = np.nan
    when = pd.Timestamp("2019-03-01") + pd.to_timedelta(rng.integers(0, 900, n), "D")
    name = rng.choice(["North Hall", "south gate", "East Wing", "Westfield", None], n)
    return pd.DataFrame({"x": x, "k": rng.integers(0, 9, n), "name": name, "when": when,
                         "flag": rng.random(n) < 0.3})


@pytest.fixture(scope="module")
def src(frame):
    return open_source(frame, name="ops_frame")


#: one representative value per operator
FILTER_CASES = {
    "=": ("name", "Westfield"), "!=": ("name", "Westfield"), "<": ("x", 40), "<=": ("k", 3),
    ">": ("x", {"agg": "mean"}), ">=": ("when", "2020-01-15"), "between": ("x", [30, 60]),
    "not between": ("x", [30, 60]), "in": ("k", [1, 2, 8]), "not in": ("name", ["East Wing"]),
    "is null": ("x", None), "not null": ("name", None), "year": ("when", 2020),
    "quarter": ("when", [2, 3]), "month": ("when", 12), "date>=": ("when", "2020-06-01"),
    "date<": ("when", "2019-09-01"), "contains": ("name", "HALL"),
    "starts with": ("name", "south"),
}


def pandas_mask(df: pd.DataFrame, op: str, col: str, v):
    s = df[col]
    if isinstance(v, dict):
        v = s.mean()
    return {
        "=": lambda: s == v, "!=": lambda: s != v, "<": lambda: s < v, "<=": lambda: s <= v,
        ">": lambda: s > v, ">=": lambda: s >= pd.Timestamp(v), "between": lambda: s.between(*v),
        "not between": lambda: ~s.between(*v), "in": lambda: s.isin(v),
        "not in": lambda: ~s.isin(v), "is null": lambda: s.isna(), "not null": lambda: s.notna(),
        "year": lambda: s.dt.year == v, "quarter": lambda: s.dt.quarter.between(*v),
        "month": lambda: s.dt.month == v, "date>=": lambda: s >= pd.Timestamp(v),
        "date<": lambda: s < pd.Timestamp(v),
        "contains": lambda: s.str.lower().str.contains(v.lower(), regex=False).fillna(False)
        .astype(bool),
        "starts with": lambda: s.str.lower().str.startswith(v.lower()).fillna(False)
        .astype(bool),
    }[op]()


def test_every_operator_has_a_case():
    assert set(FILTER_CASES) == set(FILTER_OPS)


@pytest.mark.parametrize("op", list(FILTER_CASES))
def test_filter_operator_matches_pandas(src, frame, op):
    col, value = FILTER_CASES[op]
    plan = validate_plan(AggregatePlan(measures=[Measure("count"), Measure("sum", "k")],
                                       filters=[Filter(col, op, value)]), src.schema)
    got = run_plan(plan, src).table.iloc[0]
    mask = pandas_mask(frame, op, col, value)
    assert 0 < mask.sum() < len(frame), "the case must select some rows, not all"
    assert got["count"] == mask.sum()
    assert got["sum_k"] == frame.loc[mask, "k"].sum()
    ns = {"df": frame}
    exec(pandas_code(plan, list(frame.columns)), ns)
    assert ns["result"]["count"] == mask.sum()
    assert ns["result"]["sum_k"] == got["sum_k"]


@pytest.mark.parametrize("agg", [a for a in AGGREGATIONS if a != "items"])  # text: test_list_cells
def test_aggregation_matches_pandas(src, frame, agg):
    m = Measure(agg, "x", q=0.9 if agg == "quantile" else None)
    plan = validate_plan(AggregatePlan(measures=[m], group_by=["k"]), src.schema)
    got = run_plan(plan, src).table.set_index("k")[m.alias]
    g = frame.groupby("k")["x"]
    want = {"count": g.count(), "count_distinct": g.nunique(),
            "count_missing": g.apply(lambda s: s.isna().sum()), "sum": g.sum(),
            "mean": g.mean(), "median": g.median(), "min": g.min(), "max": g.max(),
            "std": g.std(), "var": g.var(), "quantile": g.quantile(0.9),
            "range": g.max() - g.min()}[agg]
    np.testing.assert_allclose(got.to_numpy(float), want.to_numpy(float), rtol=1e-9)
    ns = {"df": frame}
    exec(pandas_code(plan, list(frame.columns)), ns)
    np.testing.assert_allclose(ns["result"].set_index("k")[m.alias].to_numpy(float),
                               want.to_numpy(float), rtol=1e-9)


def test_operators_refuse_columns_of_the_wrong_kind(src):
    with pytest.raises(InvalidRequest, match="contains"):
        validate_plan(AggregatePlan(measures=[Measure("count")],
                                    filters=[Filter("x", "contains", "4")]), src.schema)
    with pytest.raises(InvalidRequest, match="year"):
        validate_plan(AggregatePlan(measures=[Measure("count")],
                                    filters=[Filter("k", "year", 2020)]), src.schema)
    with pytest.raises(InvalidRequest, match="not numbers"):
        validate_plan(AggregatePlan(measures=[Measure("median", "name")]), src.schema)


def test_values_are_parameters_and_sql_renders_for_other_engines(src):
    plan = validate_plan(AggregatePlan(
        measures=[Measure("quantile", "x", q=0.5), Measure("std", "x")], group_by=["name"],
        filters=[Filter("name", "not in", ["x'); DROP TABLE t; --"]),
                 Filter("when", "year", 2020)], order_by="std_x", limit=3), src.schema)
    duck = compile_plan(plan, src.schema, "events")
    assert "DROP" not in duck.sql and "DROP TABLE" in duck.inline()
    assert "x''); DROP TABLE t; --" in duck.inline()  # quoted as a literal for display
    pg = compile_plan(plan, src.schema, "events", dialect="postgres")
    assert "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY \"x\")" in pg.sql
    assert "%(p0)s" in pg.sql and pg.params == duck.params
    spark = compile_plan(plan, src.schema, "events", dialect="spark", inline=True)
    assert "`name`" in spark.sql and "DROP" in spark.sql and not spark.params
    rows = compile_plan(RowsPlan(columns=["name"], order_by="x", limit=5), src.schema,
                        "events", dialect="trino")
    assert rows.sql.endswith("LIMIT 5")


def test_a_column_named_like_a_placeholder_is_still_a_column():
    df = pd.DataFrame({"$p0": [1, 2, 3], "name": ["a'b", "c", "d"]})
    s = open_source(df, name="placeholder_names")
    plan = validate_plan(AggregatePlan(measures=[Measure("sum", "$p0")], filters=[
        Filter("name", "in", ["a'b", "c"]), Filter("$p0", ">", 0)]), s.schema)
    assert run_plan(plan, s).table.iloc[0, 0] == 3
    shown = compile_plan(plan, s.schema, s.view).inline()
    assert "IN ('a''b', 'c')" in shown and '"$p0" > 0' in shown
