"""Every accepted data source, for real: DataFrame, records, CSV, Parquet, a DuckDB database
file, SQLite through SQLAlchemy and sqlite3, catalog names -- and DuckDB registration
without copies."""

from __future__ import annotations

import sqlite3

import duckdb
import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

import nbdatachat
from nbdatachat.data import Catalog, Dataset, SQLTable, as_dataset, load_frame
from nbdatachat.errors import Conflict, DataError, DataLoadError, InvalidRequest


@pytest.fixture
def orders() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 50
    return pd.DataFrame({
        "order_id": np.arange(1, n + 1),
        "region": rng.choice(["North", "South", "East"], n),
        "amount": rng.uniform(5, 500, n).round(2),
        "qty": rng.integers(1, 10, n),
    })


def _assert_same(df: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(df.columns) == list(expected.columns)
    assert len(df) == len(expected)
    np.testing.assert_allclose(df["amount"].to_numpy(float), expected["amount"].to_numpy(float))
    assert df["qty"].astype("int64").tolist() == expected["qty"].tolist()
    assert df["region"].tolist() == expected["region"].tolist()


# --------------------------------------------------------------------------- in-memory inputs


def test_dataframe_is_used_as_is(orders):
    ds = as_dataset(orders, name="orders")
    assert ds.kind == "dataframe" and ds.frame() is orders and ds.columns == list(orders.columns)


def test_records_and_dict_of_columns(seed_dataset):
    df = load_frame(seed_dataset)
    assert df.to_dict("list") == {"sales": [100, 150, 120], "marketing": [50, 75, 60],
                                  "price": [25, 30, 28]}
    df = load_frame({"x": [1, 2], "when": ["2021-01-05", "2021-02-05"], "amt": ["$1,000", "$5"]})
    assert df["amt"].tolist() == [1000, 5]  # JSON text typed like a CSV's
    assert df["when"].iloc[1] == pd.Timestamp("2021-02-05")


def test_records_with_missing_keys_become_missing_values():
    df = load_frame([{"a": 1, "b": 2}, {"a": 3}, {"a": None, "b": None}])
    assert df["b"].isna().tolist() == [False, True, True]
    assert len(df) == 3  # an all-empty record is kept: it is a row the caller sent


@pytest.mark.parametrize("bad, error, text", [
    ([], DataError, "empty"),
    ([{"a": 1}, [1, 2]], InvalidRequest, "dataset[1] is list"),
    ({"a": [1, 2], "b": [1]}, InvalidRequest, "equal-length"),
    (42, InvalidRequest, "Cannot use a int"),
    (object(), InvalidRequest, "Pass a pandas DataFrame"),
])
def test_bad_in_memory_inputs(bad, error, text):
    with pytest.raises(error) as info:
        load_frame(bad)
    assert text in info.value.message
    assert set(info.value.to_dict()["error"]) == {"code", "message", "details"}


def test_pyarrow_table_is_accepted(orders):
    import pyarrow as pa

    _assert_same(load_frame(pa.Table.from_pandas(orders, preserve_index=False)), orders)


# --------------------------------------------------------------------------- files


def test_csv_and_parquet_paths(tmp_path, orders):
    csv = tmp_path / "orders.csv"
    orders.to_csv(csv, index=False)
    pq = tmp_path / "orders.parquet"
    orders.to_parquet(pq, index=False)
    for path, kind in ((csv, "csv"), (str(pq), "parquet")):
        ds = as_dataset(path)
        assert ds.kind == kind and ds.name == "orders"
        _assert_same(ds.frame(), orders)


def test_unknown_name_and_unsupported_file(tmp_path):
    with pytest.raises(DataError) as info:
        as_dataset("salse")
    assert "Did you mean 'sales'" in info.value.message
    assert "sales" in info.value.details["available"]
    xlsx = tmp_path / "book.xlsx"
    xlsx.write_bytes(b"PK")
    with pytest.raises(DataLoadError, match=r"\.xlsx files are not supported"):
        as_dataset(xlsx)
    with pytest.raises(DataLoadError, match="File not found"):
        as_dataset(str(tmp_path / "missing.csv"))


# --------------------------------------------------------------------------- databases


@pytest.fixture
def duckdb_file(tmp_path, orders):
    path = tmp_path / "shop.duckdb"
    con = duckdb.connect(str(path))
    con.register("src", orders)
    con.execute("CREATE TABLE orders AS SELECT * FROM src")
    con.execute("CREATE SCHEMA archive")
    con.execute("CREATE TABLE archive.orders AS SELECT * FROM src WHERE qty > 5")
    con.unregister("src")
    con.close()
    return path


def test_duckdb_file_through_a_connection_and_a_url(duckdb_file, orders):
    con = duckdb.connect(str(duckdb_file), read_only=True)
    try:
        ds = as_dataset(SQLTable(con, "orders"))
        assert ds.kind == "sql" and ds.name == "orders" and SQLTable(con, "orders").is_duckdb
        _assert_same(ds.frame(), orders)
        archived = load_frame(SQLTable(con, "orders", schema="archive"))
        assert len(archived) == int((orders["qty"] > 5).sum())
    finally:
        con.close()
    _assert_same(load_frame(SQLTable(f"duckdb:///{duckdb_file}", "orders")), orders)


def test_duckdb_missing_table_lists_tables(duckdb_file):
    con = duckdb.connect(str(duckdb_file), read_only=True)
    try:
        with pytest.raises(DataLoadError) as info:
            load_frame(SQLTable(con, "order"))
    finally:
        con.close()
    assert "Did you mean 'orders'" in info.value.message
    assert info.value.details["available"] == ["orders"]
    with pytest.raises(DataLoadError, match="not found"):
        load_frame(SQLTable("duckdb:///nowhere/at/all.duckdb", "orders"))


@pytest.fixture
def sqlite_file(tmp_path, orders):
    path = tmp_path / "shop.sqlite"
    with sqlite3.connect(path) as con:
        frame = orders.assign(ordered=pd.date_range("2024-01-01", periods=len(orders))
                              .strftime("%Y-%m-%d"))
        frame.to_sql("orders", con, index=False)
    return path


def test_sqlite_through_sqlalchemy_url_engine_and_sqlite3(sqlite_file, orders):
    url = f"sqlite:///{sqlite_file}"
    engine = sa.create_engine(url)
    try:
        for conn in (url, engine):
            df = load_frame(SQLTable(conn, "orders"))
            _assert_same(df.drop(columns="ordered"), orders)
            # SQLite keeps dates as text; they come back as datetimes
            assert df["ordered"].iloc[2] == pd.Timestamp("2024-01-03")
    finally:
        engine.dispose()
    with sqlite3.connect(sqlite_file) as con:
        _assert_same(load_frame(SQLTable(con, "orders")).drop(columns="ordered"), orders)


def test_sqlite_errors_do_not_create_files(tmp_path, sqlite_file):
    missing = tmp_path / "typo.sqlite"
    with pytest.raises(DataLoadError, match="SQLite database file not found"):
        load_frame(SQLTable(f"sqlite:///{missing}", "orders"))
    assert not missing.exists()
    with pytest.raises(DataLoadError) as info:
        load_frame(SQLTable(f"sqlite:///{sqlite_file}", "ordres"))
    assert "Did you mean 'orders'" in info.value.message
    with pytest.raises(InvalidRequest, match="table name"):
        SQLTable(f"sqlite:///{sqlite_file}", "")


def test_tools_run_on_every_source(tmp_path, orders, duckdb_file, sqlite_file):
    """The same numbers from the describe tool, whatever the data came from."""
    csv = tmp_path / "o.csv"
    orders.to_csv(csv, index=False)
    pq = tmp_path / "o.parquet"
    orders.to_parquet(pq)
    con = duckdb.connect(str(duckdb_file), read_only=True)
    catalog_name = "test_sources_orders"
    nbdatachat.catalog.register(catalog_name, orders)
    try:
        sources = [orders, orders.to_dict("records"), str(csv), pq, SQLTable(con, "orders"),
                   SQLTable(f"sqlite:///{sqlite_file}", "orders"), catalog_name]
        for src in sources:
            res = nbdatachat.run_tool("describe", dataset=src, features=["amount"])
            stats = res.statistics["amount"]
            assert stats["mean"] == pytest.approx(orders["amount"].mean(), rel=1e-12)
            assert stats["std"] == pytest.approx(orders["amount"].std(), rel=1e-12)
            assert res.n_obs == len(orders)
    finally:
        con.close()
        nbdatachat.catalog.remove(catalog_name)


# --------------------------------------------------------------------------- DuckDB registration


def _duckdb_bytes(con) -> int:
    sql = "SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()"
    return con.execute(sql).fetchall()[0][0]


def test_register_dataframe_without_copying():
    n = 1_000_000
    df = pd.DataFrame({"x": np.arange(n, dtype=np.float64), "g": np.arange(n) % 7})
    con = duckdb.connect()
    name = as_dataset(df, name="big frame").register(con)
    assert name == '"big_frame"'
    assert con.execute(f"SELECT sum(x), count(*) FROM {name}").fetchall() == [
        (float(n * (n - 1) // 2), n)]
    plan = "\n".join(r[1] for r in con.execute(f"EXPLAIN SELECT * FROM {name}").fetchall())
    assert "PANDAS_SCAN" in plan.upper()
    assert _duckdb_bytes(con) == 0  # the data stayed in the frame's buffers
    con.execute(f"CREATE TABLE copied AS SELECT * FROM {name}")  # a real copy, for contrast
    assert _duckdb_bytes(con) > 8 * n
    con.close()


def test_register_parquet_scans_the_file_in_place(tmp_path):
    path = tmp_path / "it's data.parquet"  # a quote in the path must not break the SQL
    pd.DataFrame({"v": [1, 2, 3]}).to_parquet(path)
    ds = as_dataset(path)
    con = duckdb.connect()
    name = ds.register(con, alias="p")
    assert con.execute(f"SELECT sum(v) FROM {name}").fetchall() == [(6,)]
    plan = "\n".join(r[1] for r in con.execute(f"EXPLAIN SELECT * FROM {name}").fetchall())
    assert "PARQUET" in plan.upper()
    assert not ds.loaded  # pandas never read it
    pd.DataFrame({"v": [10, 20]}).to_parquet(path)  # the view reads the file, not a copy
    assert con.execute(f"SELECT sum(v) FROM {name}").fetchall() == [(30,)]
    con.close()


def test_register_duckdb_table_of_the_same_connection(orders):
    con = duckdb.connect()
    con.register("src", orders)
    con.execute("CREATE TABLE orders AS SELECT * FROM src")
    ds = as_dataset(SQLTable(con, "orders"))
    name = ds.register(con, alias="o")
    con.execute("INSERT INTO orders SELECT * FROM src LIMIT 1")
    assert con.execute(f"SELECT count(*) FROM {name}").fetchall() == [(len(orders) + 1,)]
    assert not ds.loaded
    assert ds.register(con) == '"orders"'  # same name: the table itself, not a shadowing view
    assert con.execute('SELECT count(*) FROM "orders"').fetchall() == [(len(orders) + 1,)]
    con.close()


def test_register_again_replaces_and_tables_are_protected(orders, tmp_path):
    con = duckdb.connect()
    as_dataset(orders).register(con, alias="t")
    pq = tmp_path / "small.parquet"
    pd.DataFrame({"v": [1]}).to_parquet(pq)
    as_dataset(pq).register(con, alias="t")  # parquet view replaces the frame
    assert con.execute('SELECT count(*) FROM "t"').fetchall() == [(1,)]
    as_dataset(orders).register(con, alias="t")  # and back
    assert con.execute('SELECT count(*) FROM "t"').fetchall() == [(len(orders),)]
    con.execute("CREATE TABLE real_table AS SELECT 1 AS a")
    with pytest.raises(Conflict, match="a table of that name exists"):
        as_dataset(orders).register(con, alias="real_table")
    assert con.execute("SELECT a FROM real_table").fetchall() == [(1,)]
    con.close()


def test_registered_csv_is_cleaned_first(tmp_path):
    path = tmp_path / "money.csv"
    path.write_text('day,amount\n12/30/17,"$1,234.50"\n12/31/17,($4.50)\n')
    con = duckdb.connect()
    name = as_dataset(path).register(con)
    assert con.execute(f"SELECT sum(amount), min(day) FROM {name}").fetchall() == [
        (1230.0, pd.Timestamp("2017-12-30").to_pydatetime())]
    con.close()


def test_dataset_loads_once_under_concurrency():
    import threading

    calls = []

    def loader():
        calls.append(1)
        return pd.DataFrame({"a": [1, 2]})

    ds = Dataset("x", "loader", loader)
    barrier = threading.Barrier(8)

    def work():
        barrier.wait()
        ds.frame()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1


def test_unknown_name_with_an_empty_catalog():
    with pytest.raises(DataError) as info:
        as_dataset("nothing-here", catalog=Catalog())
    err = info.value.to_dict()["error"]
    assert err["code"] == "INVALID_DATA" and "Known datasets: none" in err["message"]
    assert err["details"]["available"] == []
