"""Plan validation, compilation to parameterised DuckDB SQL, execution over DataFrames,
CSV/Parquet files and database tables, and the generated pandas code (run here to prove it
reproduces the engine's table)."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from nbdatachat.data import SQLTable
from nbdatachat.errors import ColumnNotFound, InvalidRequest
from nbdatachat.planner import Filter, Measure, Plan, TimeBucket
from nbdatachat.query import compile_sql, open_source, pandas_code, run_plan, validate_plan


@pytest.fixture(scope="module")
def src(tips):
    return open_source(tips, name="tips")


def run_code(plan, df):
    scope = {"df": df}
    exec(pandas_code(plan, list(df.columns)), scope)  # the user-facing code, run as a user would
    return scope["result"]


def test_validation_names_the_problem(src):
    with pytest.raises(ColumnNotFound, match="Did you mean 'tip'"):
        validate_plan(Plan(measures=[Measure("mean", "tipp")]), src.schema)
    with pytest.raises(InvalidRequest, match="not numbers"):
        validate_plan(Plan(measures=[Measure("mean", "day")]), src.schema)
    with pytest.raises(InvalidRequest, match="has no value 'Dinnr'.*Did you mean 'Dinner'"):
        validate_plan(Plan(measures=[Measure("count")], filters=[Filter("time", "=", "Dinnr")]),
                      src.schema)
    with pytest.raises(InvalidRequest, match="Unknown aggregation"):
        validate_plan(Plan(measures=[Measure("avg", "tip")]), src.schema)
    # values are normalised to the data's spelling (an LLM may write "dinner")
    plan = validate_plan(Plan(measures=[Measure("count")], filters=[Filter("time", "=", "dinner")]),
                         src.schema)
    assert plan.filters[0].value == "Dinner"


def test_sql_quotes_identifiers_and_binds_values(src):
    plan = validate_plan(Plan(measures=[Measure("mean", "tip")], group_by=["day"],
                              filters=[Filter("time", "=", "Dinner"), Filter("size", ">", 2)]),
                         src.schema)
    c = compile_sql(plan, src.schema, src.view)
    assert c.sql.count("$p") == 2 and list(c.params.values()) == ["Dinner", 2]
    assert '"day"' in c.sql and "Dinner" not in c.sql


def test_hostile_names_and_values_stay_data():
    df = pd.DataFrame({'we"ird; DROP TABLE x; --': [1.0, 2.0, 3.0],
                       "g": ["a'); DROP TABLE t; --", "b", "a'); DROP TABLE t; --"]})
    copy = df.copy()
    s = open_source(df, name="hostile")
    col = df.columns[0]
    plan = validate_plan(Plan(measures=[Measure("sum", col)], group_by=["g"],
                              filters=[Filter("g", "!=", "zzz")]), s.schema)
    out = run_plan(plan, s).table
    assert out.set_index("g")[f"sum_{col}"].to_dict() == {"a'); DROP TABLE t; --": 4.0, "b": 2.0}
    assert df.equals(copy)


AGG_CASES = [
    Plan(measures=[Measure("mean", "tip")], group_by=["day"]),
    Plan(measures=[Measure("sum", "total_bill"), Measure("count")], group_by=["day", "time"]),
    Plan(measures=[Measure("median", "tip")], group_by=["size"], filters=[
        Filter("smoker", "=", "No")]),
    Plan(measures=[Measure("quantile", "total_bill", q=0.9)], group_by=["sex"]),
    Plan(measures=[Measure("std", "tip")], group_by=["time"], filters=[
        Filter("day", "in", ["Sat", "Sun"]), Filter("tip", "between", [1, 5])]),
    Plan(measures=[Measure("count_distinct", "size")], group_by=["day"]),
    Plan(measures=[Measure("sum", "tip")], group_by=["day"], order_by="sum_tip", limit=2),
    Plan(measures=[Measure("max", "tip")], group_by=["day"], filters=[
        Filter("time", "=", "Lunch"), Filter("size", ">=", 4)], logic="or"),
]


@pytest.mark.parametrize("plan", AGG_CASES, ids=str)
def test_engine_and_pandas_code_agree(src, tips, plan):
    plan = validate_plan(plan, src.schema)
    got = run_plan(plan, src).table
    expected = run_code(plan, tips)
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True),
                                  check_dtype=False, check_exact=False, rtol=1e-9)


def test_scalar_share_and_time_buckets():
    sales = open_source("sales")
    df = sales.frame()
    plan = validate_plan(Plan(measures=[Measure("sum", "sales")], share=True,
                              part=[Filter("region", "=", "North")]), sales.schema)
    got = run_plan(plan, sales).table
    expected = 100 * df.loc[df.region == "North", "sales"].sum() / df["sales"].sum()
    assert got["share_pct"].iloc[0] == pytest.approx(expected)
    assert run_code(plan, df) == pytest.approx(expected)
    plan = validate_plan(Plan(measures=[Measure("sum", "sales")],
                              time_bucket=TimeBucket("month", "quarter")), sales.schema)
    got = run_plan(plan, sales).table
    expected = df.groupby(df.month.dt.to_period("Q"))["sales"].sum()
    assert len(got) == 12
    np.testing.assert_allclose(got["sum_sales"], expected.to_numpy())
    pd.testing.assert_frame_equal(got, run_code(plan, df), check_dtype=False)


def test_files_and_database_tables(tmp_path, tips):
    expected = tips.groupby("day")["tip"].mean()
    tips.to_csv(tmp_path / "tips.csv", index=False)
    tips.to_parquet(tmp_path / "tips.parquet")
    con = duckdb.connect()
    con.execute("CREATE TABLE tips AS SELECT * FROM tips")
    import sqlite3

    sq = sqlite3.connect(tmp_path / "tips.db")
    tips.to_sql("tips", sq, index=False)
    sq.close()
    sources = [str(tmp_path / "tips.csv"), str(tmp_path / "tips.parquet"),
               SQLTable(con, "tips"), SQLTable(f"sqlite:///{tmp_path / 'tips.db'}", "tips")]
    for source in sources:
        s = open_source(source)
        plan = validate_plan(Plan(measures=[Measure("mean", "tip")], group_by=["day"]), s.schema)
        got = run_plan(plan, s).table.set_index("day")["mean_tip"]
        pd.testing.assert_series_equal(got, expected, check_names=False)
    # the Parquet file is scanned in place, not loaded into pandas
    parquet = open_source(str(tmp_path / "tips.parquet"))
    assert "read_parquet" in str(parquet.con.execute(
        "SELECT sql FROM duckdb_views() WHERE view_name = 'tips'").fetchone())
    assert parquet.dataset._frame is None


def test_sources_are_cached_by_identity_and_shape(tips):
    a = open_source(tips, name="t")
    assert open_source(tips, name="t") is a
    other = tips.copy()
    assert open_source(other, name="t") is not a
    bigger = pd.concat([tips, tips.head(1)])
    assert open_source(bigger, name="t").schema.n_rows == len(tips) + 1
