"""Questions run where the data lives: Parquet directories and globs scanned in place by
DuckDB, Polars and Arrow tables without a copy, PostgreSQL tables inside the server, Spark
DataFrames and tables through the session. Every answer is checked against pandas."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

import nbdatachat as nb
from nbdatachat.data import SparkTable, as_dataset
from nbdatachat.errors import DataLoadError
from nbdatachat.query import open_source


def _by_day(tips: pd.DataFrame, col: str = "tip", how: str = "mean") -> dict[str, float]:
    return tips.groupby("day")[col].agg(how).to_dict()


def _answer_map(answer, key: str, value: str) -> dict:
    assert answer.status == "answered", answer.text
    return dict(zip(answer.table[key], answer.table[value]))


def _close(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for k in want:
        assert got[k] == pytest.approx(want[k], rel=1e-12), k


def test_hive_partitioned_parquet_directory_and_glob(tmp_path, tips):
    lake = tmp_path / "lake"
    tips.to_parquet(lake, partition_cols=["day"], index=False)  # lake/day=Sun/<uuid>.parquet
    answer = nb.ask(str(lake), "average tip by day")
    _close(_answer_map(answer, "day", "mean_tip"), _by_day(tips))
    assert "read_parquet" in open_source(str(lake)).view or \
        "read_parquet" in str(open_source(str(lake)).fetchall(
            "SELECT sql FROM duckdb_views() WHERE view_name = 'lake'"))
    ds = as_dataset(str(lake))
    assert (ds.kind, ds.name) == ("parquet", "lake")
    # a glob over the same files, and the partition column in a filter
    glob = nb.ask(str(lake / "day=*" / "*.parquet"), "total bill for Sun")
    assert glob.status == "answered", glob.text
    assert float(glob.table.iloc[0, -1]) == pytest.approx(
        tips.loc[tips.day == "Sun", "total_bill"].sum())
    catalog = nb.Catalog()
    catalog.register("lake", str(lake))
    assert len(catalog.get("lake").frame()) == len(tips)  # tools still get a frame
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataLoadError, match="No Parquet file"):
        as_dataset(str(empty))


def test_polars_and_arrow_tables_are_scanned_without_pandas(tips):
    pl = pytest.importorskip("polars")
    frame = pl.from_pandas(tips)
    ds = as_dataset(frame)
    assert ds.kind == "arrow"
    answer = nb.ask(ds, "total bill by day")
    _close(_answer_map(answer, "day", "sum_total_bill"), _by_day(tips, "total_bill", "sum"))
    assert not ds.loaded  # answered by DuckDB's Arrow scan, no pandas copy made
    result = nb.run_tool("correlation", dataset=frame, target="tip", features=["total_bill"])
    assert result.statistics["r"] == pytest.approx(tips.tip.corr(tips.total_bill), rel=1e-12)
    arrow = nb.ask(frame.to_arrow(), "how many rows")
    assert arrow.table.iloc[0, 0] == len(tips)


@pytest.fixture(scope="module")
def pg_tips(postgres_url, tips):
    engine = sa.create_engine(postgres_url)
    tips.to_sql("tips", engine, index=False)
    odd = pd.DataFrame({"name": ["O'Brien", "Smith", "O'Brien"], "amount": [1.5, 2.0, 4.0]})
    odd.to_sql("people", engine, index=False, schema="public")
    yield engine
    engine.dispose()


def test_postgres_table_is_answered_inside_the_server(pg_tips, postgres_url, tips):
    ds = as_dataset(nb.SQLTable(postgres_url, "tips"))
    assert ds.engine == "postgresql"
    answer = nb.ask(ds, "average tip by day")
    _close(_answer_map(answer, "day", "mean_tip"), _by_day(tips))
    assert any("computed in PostgreSQL" in n for n in answer.notes)
    assert not ds.loaded  # no row was pulled into pandas
    assert open_source(ds).engine == "PostgreSQL"
    top = nb.ask(ds, "top 3 days by total tip")
    assert list(top.table["day"]) == list(
        tips.groupby("day").tip.sum().sort_values(ascending=False).index[:3])
    when = nb.ask(ds, "median tip by time")
    _close(_answer_map(when, "time", "median_tip"), tips.groupby("time").tip.median().to_dict())
    assert "PERCENTILE_CONT(0.5) WITHIN GROUP" in when.sql  # the SQL PostgreSQL ran
    # values are bound parameters, so a quote in the data is just a value
    people = nb.ask(nb.SQLTable(pg_tips, "people"), "total amount for O'Brien")
    assert people.status == "answered", people.text
    assert float(people.table.iloc[0, -1]) == 5.5


def test_postgres_missing_table_says_which_exist(pg_tips, postgres_url):
    answer = nb.ask(nb.SQLTable(postgres_url, "tipz"), "how many rows")
    assert answer.status == "cannot_answer"
    assert "tipz" in answer.text and "Did you mean 'tips'" in answer.text


@pytest.mark.slow
def test_spark_dataframe_and_table(spark, tips):
    sdf = spark.createDataFrame(tips)
    answer = nb.ask(sdf, "average tip by day")
    _close(_answer_map(answer, "day", "mean_tip"), _by_day(tips))
    assert any("computed in Spark" in n for n in answer.notes)
    sdf.createOrReplaceTempView("tips_table")
    table = SparkTable(spark, "tips_table")
    ds = as_dataset(table)
    assert (ds.engine, ds.name) == ("spark", "tips_table")
    dist = nb.ask(ds, "distribution of tip")
    assert dist.status == "answered", dist.text
    assert dist.table["median"].iloc[0] == pytest.approx(tips.tip.median())
    assert dist.table["p25"].iloc[0] == pytest.approx(tips.tip.quantile(0.25))
    assert not ds.loaded
    missing = nb.ask(SparkTable(spark, "no_such_table"), "how many rows")
    assert missing.status == "cannot_answer" and "no_such_table" in missing.text


def test_results_stay_bounded_and_say_so():
    n = 25_000
    df = pd.DataFrame({"units": [i % 20 for i in range(n)],
                       "customer": [f"c{i:05d}" for i in range(n)],
                       "price": [1.0 + (i % 97) for i in range(n)]})
    answer = nb.ask(df, "total price by customer")
    assert answer.status == "answered"
    from nbdatachat.query.execute import MAX_RESULT_ROWS

    assert len(answer.table) == MAX_RESULT_ROWS
    assert list(answer.table["customer"][:2]) == ["c00000", "c00001"]
    assert f"{n:,} groups" in answer.text and "top or bottom N" in answer.text
    assert "highest" not in answer.text  # no ranking read off a truncated table
    top = nb.ask(df, "top 3 customers by total price")
    assert len(top.table) == 3 and top.table.iloc[0, -1] == df.price.max()


def test_magics_take_a_parquet_directory_a_polars_frame_and_a_postgres_table(
        tmp_path, tips, pg_tips, postgres_url):
    from IPython.core.interactiveshell import InteractiveShell

    pl = pytest.importorskip("polars")
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "nbdatachat")
    lake = tmp_path / "lake"
    tips.to_parquet(lake, partition_cols=["day"], index=False)
    shell.user_ns.update({"pl_tips": pl.from_pandas(tips),
                          "pg_tips": nb.SQLTable(postgres_url, "tips")})
    try:
        for data in (str(lake), "pl_tips", "pg_tips"):
            shell.run_cell_magic("ask", f"{data} -o ans", "average tip by day")
            _close(_answer_map(shell.user_ns["ans"], "day", "mean_tip"), _by_day(tips))
        shell.run_cell_magic("run_tool", "linear_regression pg_tips -o res",
                             "target: tip\nfeatures: [total_bill, size]")
        assert "PostgreSQL" in shell.user_ns["res"].statistics["path"]
    finally:
        for k in ("pl_tips", "pg_tips", "ans", "res"):
            shell.user_ns.pop(k, None)


def test_duckdb_database_file_is_queried_in_place(tmp_path, tips):
    import duckdb

    path = tmp_path / "shop.duckdb"
    with duckdb.connect(str(path)) as con:
        con.register("frame", tips)
        con.execute("CREATE TABLE tips AS SELECT * FROM frame")
    ds = as_dataset(nb.SQLTable(f"duckdb:///{path}", "tips"))
    answer = nb.ask(ds, "average tip by day")
    _close(_answer_map(answer, "day", "mean_tip"), _by_day(tips))
    assert not ds.loaded
    missing = nb.ask(nb.SQLTable(f"duckdb:///{path}", "tipz"), "how many rows")
    assert missing.status == "cannot_answer" and "Did you mean 'tips'" in missing.text


@pytest.mark.slow
@pytest.mark.parametrize("where", ["postgresql", "spark"])
def test_schema_profile_is_compiled_for_each_engine_and_agrees_with_duckdb(where, tips,
                                                                           request):
    """The schema profile's queries are SQLGlot trees rendered in the engine's dialect (no
    DuckDB text translated): the SQL each engine ran is its own, and the profile (kinds,
    counts, exact distinct counts, ranges, the values of categorical columns) equals
    DuckDB's."""
    import duckdb

    from nbdatachat.backends import BackendConnection, SparkBackend, SQLAlchemyBackend
    from nbdatachat.data.schema import profile_relation

    frame = tips.assign(flag=tips["smoker"] == "Yes", when=pd.to_datetime("2024-01-01")
                        + pd.to_timedelta(tips.index % 30, unit="D"))
    frame.loc[[1, 7, 9], "tip"] = None
    frame.loc[[2, 3], "day"] = None
    ran: list[str] = []
    if where == "postgresql":
        engine = sa.create_engine(request.getfixturevalue("postgres_url"))
        frame.to_sql("tips_profile", engine, index=False, if_exists="replace")
        backend, view = SQLAlchemyBackend(engine), '"tips_profile"'
    else:
        backend = SparkBackend(request.getfixturevalue("spark"))
        backend.session.createDataFrame(frame).createOrReplaceTempView("tips_profile")
        view = '"tips_profile"'
    fetch = backend.fetchall
    backend.fetchall = lambda sql, params=None: ran.append(sql) or fetch(sql, params)
    got, n_rows = profile_relation(BackendConnection(backend), view, examples=2)
    con = duckdb.connect()
    con.register("tips_profile", frame)
    want, want_rows = profile_relation(con, '"tips_profile"', examples=2, frame=frame)
    assert n_rows == want_rows == len(frame)
    for g, w in zip(got, want, strict=True):
        assert (g.name, g.kind, g.n_null, g.n_distinct, g.values) == \
            (w.name, w.kind, w.n_null, w.n_distinct, w.values), w.name
        if w.numeric:
            assert (float(g.min), float(g.max)) == (float(w.min), float(w.max)), w.name
        assert len(g.examples) == 2
    text = " ".join(ran)
    assert "approx_count_distinct" not in text.lower() and "COUNT(DISTINCT" in text
    if where == "spark":
        assert "`tip`" in text and "COLLECT_LIST(DISTINCT" in text
    else:
        assert '"tip"' in text and "ARRAY_AGG(DISTINCT" in text
