"""Data layer: reading messy CSVs, profiling 1M rows, DuckDB registration, job runner.

``python -m benchmarks data``. Each row compares nbdatachat with the plain-library code a
user would otherwise write for the same result; ratios < 1 mean nbdatachat is faster.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks._table import best_time, peak_memory, print_table


def _messy_csv(path: Path, n: int) -> None:
    rng = np.random.default_rng(0)
    days = pd.Timestamp("2017-01-01") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D")
    frame = pd.DataFrame({
        "Order Date": days.strftime("%m/%d/%y"),
        "Region": rng.choice(["East", "West", "North", "South"], n),
        "Postal Code": [f"{z:05d}" for z in rng.integers(1000, 99999, n)],
        "Sales": [f"${v:,.2f}" for v in rng.uniform(1, 5000, n)],
        "Discount": [f"{v}%" for v in rng.choice([0, 10, 20, 45], n)],
        "Quantity": rng.integers(1, 14, n),
    })
    frame.to_csv(path, index=False, encoding="cp1252")


def _manual_clean(path: Path) -> pd.DataFrame:
    """What a careful user writes by hand for the same typed frame."""
    df = pd.read_csv(path, encoding="cp1252", dtype={"Postal Code": str})
    df["Order Date"] = pd.to_datetime(df["Order Date"], format="%m/%d/%y")
    df["Sales"] = pd.to_numeric(df["Sales"].str.replace(r"[$,]", "", regex=True))
    df["Discount"] = pd.to_numeric(df["Discount"].str.rstrip("%")) / 100
    return df


def bench_read(rows: list) -> None:
    from nbdatachat.data import read_table_file

    n = 200_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "superstore.csv"
        _messy_csv(path, n)
        ours = read_table_file(path)
        base = _manual_clean(path)
        assert np.allclose(ours["Sales"], base["Sales"]) and (ours["Order Date"] == base[
            "Order Date"]).all() and ours["Postal Code"].equals(base["Postal Code"].astype(
                ours["Postal Code"].dtype))
        t_ours = best_time(lambda: read_table_file(path), repeat=3)
        t_base = best_time(lambda: _manual_clean(path), repeat=3)
        m_ours = peak_memory(lambda: read_table_file(path))
        m_base = peak_memory(lambda: _manual_clean(path))
    rows.append(["read messy CSV (200k rows, auto-typed)", "pd.read_csv + hand cleaning",
                 t_ours, t_base, t_ours / t_base, m_ours / m_base])


def bench_profile(rows: list) -> None:
    from nbdatachat.data import profile

    n = 1_000_000
    rng = np.random.default_rng(1)
    df = pd.DataFrame({f"x{i}": rng.normal(size=n) for i in range(6)})
    df["region"] = rng.choice(["North", "South", "East", "West"], n)
    df["customer"] = pd.Series([f"c{i}" for i in range(n)])
    df["when"] = pd.date_range("2000-01-01", periods=n, freq="min")
    df["flag"] = rng.random(n) > 0.5

    def baseline() -> None:  # exact distinct counts, missing counts, examples, min/max
        for c in df.columns:
            s = df[c]
            s.nunique(), s.isna().sum(), s.dropna().unique()[:3]
            if c.startswith("x"):
                s.min(), s.max()

    t_ours = best_time(lambda: profile(df), repeat=3)
    t_base = best_time(baseline, repeat=3)
    rows.append(["profile 1M rows x 10 columns", "pandas nunique/isna/unique per column",
                 t_ours, t_base, t_ours / t_base,
                 peak_memory(lambda: profile(df)) / peak_memory(baseline)])


def bench_register(rows: list) -> None:
    import duckdb

    from nbdatachat.data import as_dataset

    n = 5_000_000
    df = pd.DataFrame({"x": np.arange(n, dtype=np.float64), "g": np.arange(n) % 100})
    con = duckdb.connect()
    ds = as_dataset(df, name="big")

    def ours() -> None:
        name = ds.register(con)
        con.execute(f"SELECT g, sum(x) FROM {name} GROUP BY g").fetchall()

    def base() -> None:
        con.register("plain", df)
        con.execute("SELECT g, sum(x) FROM plain GROUP BY g").fetchall()

    t_ours, t_base = best_time(ours), best_time(base)
    ours()
    copied = con.execute("SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()"
                         ).fetchall()[0][0]
    rows.append([f"register DataFrame + group-by ({n // 1_000_000}M rows)",
                 "duckdb con.register + same SQL", t_ours, t_base, t_ours / t_base,
                 f"DuckDB holds {copied} B"])
    con.close()


def bench_jobs(rows: list) -> None:
    from nbdatachat import run_tool
    from nbdatachat.jobs import JobRunner

    data = [{"x": float(i), "y": float(i % 7)} for i in range(200)]
    inputs = {"dataset": data, "features": ["x", "y"]}

    def direct() -> None:
        for _ in range(200):
            run_tool("describe", **inputs)

    def jobs() -> None:
        with JobRunner(max_workers=2) as runner:
            ids = [runner.submit("describe", inputs).processing_id for _ in range(200)]
            for pid in ids:
                assert runner.wait(pid).status == "success"

    t_ours, t_base = best_time(jobs, repeat=3), best_time(direct, repeat=3)
    rows.append(["200 background describe jobs (2 workers)", "200 run_tool calls in a loop",
                 t_ours, t_base, t_ours / t_base, ""])


def main() -> None:
    rows: list = []
    for bench in (bench_read, bench_profile, bench_register, bench_jobs):
        bench(rows)
    print_table("Data layer vs plain pandas / DuckDB (best of N, seconds)",
                ["operation", "baseline", "nbdatachat s", "baseline s", "time ratio",
                 "memory ratio"], rows)


if __name__ == "__main__":  # pragma: no cover
    main()
