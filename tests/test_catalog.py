"""The dataset catalog (shared by every front-end) and the column profile helper."""

from __future__ import annotations

import json
import threading

import numpy as np
import pandas as pd
import pytest

import nbdatachat
from nbdatachat.data import (DEMO_DATASETS, Catalog, as_dataset, default_catalog,
                             describe_schema, profile)
from nbdatachat.data import schema as schema_mod
from nbdatachat.errors import Conflict, InvalidRequest, NotFound


def test_demo_datasets_load_offline():
    cat = Catalog(with_demo=True)
    assert cat.names() == list(DEMO_DATASETS)
    sales = cat.get("sales").frame()
    assert sales.shape == (144, 6)
    assert list(sales.columns) == ["month", "region", "marketing", "price", "units", "sales"]
    assert sorted(sales["region"].unique()) == ["East", "North", "South", "West"]
    assert pd.api.types.is_datetime64_any_dtype(sales["month"])
    # deterministic: a second catalog generates the same numbers
    pd.testing.assert_frame_equal(sales, Catalog(with_demo=True).get("sales").frame())
    nile = cat.get("nile").frame()
    assert nile.shape == (100, 2) and nile["year"].tolist()[:2] == [1871, 1872]
    assert nile["flow"].iloc[0] == 1120.0
    assert cat.get("iris").frame().shape == (150, 6)
    assert len(cat.get("tips").frame()) == 244
    assert all(e.demo for e in cat.entries())


def test_default_catalog_is_shared():
    assert default_catalog() is default_catalog() is nbdatachat.catalog
    assert "sales" in nbdatachat.catalog


def test_register_replace_conflict_remove():
    cat = Catalog()
    first = cat.register("orders", [{"a": 1}], description="first")
    assert cat.entry("orders").description == "first" and not cat.entry("orders").demo
    cat.register("orders", [{"a": 2}, {"a": 3}])  # replace=True is the default
    assert cat.get("orders").frame()["a"].tolist() == [2, 3] and cat.get("orders") is not first
    with pytest.raises(Conflict) as info:
        cat.register("orders", [{"a": 9}], replace=False)
    assert info.value.http_status == 409 and info.value.details == {"name": "orders"}
    assert cat.get("orders").frame()["a"].tolist() == [2, 3]  # unchanged
    cat.register(" padded ", pd.DataFrame({"b": [1]}))
    assert "padded" in cat and len(cat) == 2
    cat.remove("orders")
    assert cat.names() == ["padded"]
    with pytest.raises(NotFound):
        cat.remove("orders")


def test_alias_of_another_entry_and_bad_names():
    cat = Catalog(with_demo=True)
    cat.register("my_sales", "sales", description="copy")
    assert cat.get("my_sales").frame() is cat.get("sales").frame()
    assert cat.entry("my_sales").kind == "loader"
    for bad in ("", "   ", None, 3):
        with pytest.raises(InvalidRequest):
            cat.register(bad, [{"a": 1}])


def test_not_found_lists_known_names_and_suggests():
    cat = Catalog(with_demo=True)
    with pytest.raises(NotFound) as info:
        cat.get("Sales ")
    err = info.value.to_dict()["error"]
    assert err["code"] == "NOT_FOUND"
    assert "Did you mean 'sales'" in err["message"]
    assert "Known datasets: sales, tips, iris, gapminder, stocks, nile" in err["message"]
    assert err["details"]["available"] == list(DEMO_DATASETS)
    assert 42 not in cat


def test_entries_serialize():
    cat = Catalog(with_demo=True)
    data = json.loads(json.dumps([e.to_dict() for e in cat.entries()]))
    assert data[0]["name"] == "sales" and data[0]["demo"] is True and data[0]["kind"] == "loader"


def test_concurrent_register_get_remove():
    cat = Catalog()
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def worker(w: int) -> None:
        try:
            barrier.wait()
            for i in range(100):
                name = f"w{w}_{i % 10}"
                cat.register(name, pd.DataFrame({"v": [w, i]}))
                assert cat.get(name).frame()["v"].tolist()[0] == w
                cat.names()
                if i % 3 == 0:
                    try:
                        cat.remove(name)
                    except NotFound:
                        pass
                cat.register("shared", pd.DataFrame({"v": [i]}))
                assert "shared" in cat
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert "shared" in cat and all(n.startswith(("w", "shared")) for n in cat.names())
    assert len(cat.names()) == len(set(cat.names())) == len(cat)


def test_concurrent_first_use_of_a_demo_dataset_loads_once(monkeypatch):
    calls = []

    def loader() -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"x": range(1000)})

    monkeypatch.setitem(DEMO_DATASETS, "counted", ("test", loader))
    cat = Catalog(with_demo=True)
    frames = []
    threads = [threading.Thread(target=lambda: frames.append(cat.get("counted").frame()))
               for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and all(f is frames[0] for f in frames)


# --------------------------------------------------------------------------- profile


def test_profile_kinds_counts_and_examples():
    df = pd.DataFrame({
        "amount": [1.5, 2.5, np.nan, 4.0] * 10,
        "region": ["N", "S", "N", "E"] * 10,
        "when": pd.date_range("2024-01-01", periods=40),
        "flag": [True, False] * 20,
        "comment": [f"note {i}" for i in range(40)],
        "year": [2020, 2021, 2022, 2023] * 10,
    })
    by_name = {p.name: p for p in profile(df)}
    assert {n: p.kind for n, p in by_name.items()} == {
        "amount": "number", "region": "text", "when": "datetime", "flag": "bool",
        "comment": "text", "year": "integer"}
    assert {n: p.role for n, p in by_name.items()} == {
        "amount": "measure", "region": "dimension", "when": "time", "flag": "dimension",
        "comment": "dimension", "year": "measure"}
    amount = by_name["amount"]
    assert (amount.n_unique, amount.n_missing, amount.minimum, amount.maximum) == (3, 10, 1.5, 4.0)
    assert amount.examples == [1.5, 2.5, 4.0]
    assert by_name["region"].examples == ["N", "S", "E"] and by_name["region"].n_unique == 3
    assert by_name["when"].minimum == pd.Timestamp("2024-01-01")
    assert by_name["comment"].n_unique == 40 and not by_name["comment"].n_unique_approx
    payload = json.loads(json.dumps([p.to_dict() for p in profile(df)], allow_nan=False))
    assert payload[2]["examples"][0] == "2024-01-01T00:00:00"
    assert payload[0]["min"] == 1.5


def test_profile_odd_columns():
    df = pd.DataFrame([[1, {"a": 1}, None], [2, {"a": 1}, None]], columns=["x", "x", "empty"])
    profs = profile(df)
    assert [p.name for p in profs] == ["x", "x", "empty"]
    assert profs[1].n_unique == 1 and profs[2].n_missing == 2 and profs[2].examples == []


def test_profile_large_frames_estimates_high_cardinality(monkeypatch):
    monkeypatch.setattr(schema_mod, "EXACT_ROWS", 1_000)
    n = 20_000
    df = pd.DataFrame({"id": np.arange(n), "g": np.arange(n) % 7,
                       "name": [f"c{i}" for i in range(n)]})
    profs = {p.name: p for p in profile(df)}
    assert profs["g"].n_unique == 7 and not profs["g"].n_unique_approx
    for col in ("id", "name"):
        assert profs[col].n_unique_approx
        assert abs(profs[col].n_unique - n) / n < 0.1  # HyperLogLog estimate
        assert profs[col].n_unique <= n


def test_describe_schema_of_any_source(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text('Order Date,Sales,Postal Code\n12/30/17,"$1,234.50",02134\n'
                    '1/2/18,$5.00,10001\n')
    schema = describe_schema(str(path))
    assert schema["name"] == "orders" and schema["n_rows"] == 2
    kinds = {c["name"]: (c["kind"], c["dtype"]) for c in schema["columns"]}
    assert kinds["Order Date"][0] == "datetime"
    assert kinds["Sales"] == ("number", "float64")
    assert kinds["Postal Code"][0] == "text"
    assert describe_schema("sales")["n_rows"] == len(as_dataset("sales").frame())
