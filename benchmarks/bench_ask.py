"""``ask`` speed and memory: latency on 100,000 rows, a 10,000,000-row group-by against the
hand-written pandas groupby, and peak memory against the size of the data.

Run: ``.venv/bin/python -m benchmarks ask`` (about a minute). Memory is measured in a fresh
subprocess from the kernel's peak resident set (DuckDB allocates outside Python's heap, so
tracemalloc would not see it).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from benchmarks._table import best_time, print_table

QUESTIONS = [
    "total revenue by region",
    "average price by product",
    "which region has the highest average revenue",
    "top 5 products by total units",
    "revenue over time",
    "how many orders have units over 10",
    "average revenue for North in 2023",
    "share of revenue by channel",
]


def make_frame(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    regions = np.array(["North", "South", "East", "West", "Central"])
    products = np.array([f"P{i:03d}" for i in range(200)])
    channels = np.array(["online", "store", "partner"])
    units = rng.integers(1, 20, n)
    price = rng.uniform(5, 100, n).round(2)
    return pd.DataFrame({
        "date": pd.Timestamp("2021-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, n), "D"),
        "region": regions[rng.integers(0, len(regions), n)],
        "product": products[rng.integers(0, len(products), n)],
        "channel": channels[rng.integers(0, len(channels), n)],
        "units": units,
        "price": price,
        "revenue": (units * price).round(2),
    })


def latency(df: pd.DataFrame, rounds: int = 7) -> list[list]:
    import nbdatachat

    rows = []
    nbdatachat.ask(df, QUESTIONS[0])  # profile + connection, once per dataset
    for q in QUESTIONS:
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            ans = nbdatachat.ask(df, q)
            times.append(time.perf_counter() - t0)
        assert ans.status == "answered", (q, ans.text)
        rows.append([q, f"{1000 * statistics.median(times):.1f}",
                     ans.chart_spec.kind if ans.chart_spec is not None else "-"])
    return rows


def chart_cost(df: pd.DataFrame, rounds: int = 20) -> list[list]:
    """The chart choice alone, per answer: the fast path for small aggregated tables (with
    the measurement levels the query already knows) against the general path that profiles
    every column and aggregates with pandas (``FAST_ROWS = 0`` forces it)."""
    import nbdatachat
    from nbdatachat.charts import build as choose_mod
    from nbdatachat.query.execute import QueryResult
    from nbdatachat.service.ask import _chart_spec

    rows = []
    for q in QUESTIONS:
        ans = nbdatachat.ask(df, q)
        if ans.chart_spec is None or ans.plan.kind != "aggregate":
            continue
        result = QueryResult(ans.table)
        fast = best_time(lambda: _chart_spec(ans.plan, result, ans.text), repeat=rounds)
        saved = choose_mod.FAST_ROWS
        choose_mod.FAST_ROWS = 0
        try:
            general = best_time(lambda: _chart_spec(ans.plan, result, ans.text), repeat=rounds)
        finally:
            choose_mod.FAST_ROWS = saved
        rows.append([q, len(ans.table), f"{1000 * fast:.2f}", f"{1000 * general:.2f}",
                     f"{general / fast:.1f}x"])
    return rows


def direct_sql(df: pd.DataFrame, question: str) -> float:
    """The SQL that ``ask`` ran for ``question``, run directly in a DuckDB connection over
    the same frame (same threads setting): the baseline the engine's overhead is measured
    against."""
    import duckdb

    import nbdatachat

    ans = nbdatachat.ask(df, question)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.register("data", df)
    sql = ans.sql.replace('FROM "data"', "FROM data")
    con.execute(sql).df()  # warm
    return best_time(lambda: con.execute(sql).df(), repeat=5)


def cold_first_ask(df: pd.DataFrame) -> float:
    import nbdatachat
    from nbdatachat.query import clear_cache

    clear_cache()
    t0 = time.perf_counter()
    nbdatachat.ask(df, QUESTIONS[0])
    return time.perf_counter() - t0


_MEMORY_SCRIPT = r"""
import json, sys, numpy as np, pandas as pd
sys.path.insert(0, ".")
from benchmarks.bench_ask import make_frame

def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) * 1024
    return 0

n, mode = int(sys.argv[1]), sys.argv[2]
df = make_frame(n)
import nbdatachat  # noqa: F401  (imports are not the data's memory)
import nbdatachat.service, nbdatachat.query, duckdb, plotly  # noqa: F401
data_bytes = int(df.memory_usage(deep=True).sum())
import gc; gc.collect()
before = rss("VmRSS")
try:  # reset the peak so it measures the question, not building the data
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
except OSError:
    pass
if mode == "ask":
    ans = nbdatachat.ask(df, "average revenue by region")
    assert ans.status == "answered"
else:
    df.groupby("region")["revenue"].mean()
print("RESULT " + json.dumps({"data": data_bytes, "before": before, "peak": rss("VmHWM")}))
"""


def memory(n: int, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, str(n), mode],
                         capture_output=True, text=True, check=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def main() -> None:
    import nbdatachat

    df = make_frame(100_000)
    rows = latency(df)
    p50 = statistics.median(float(r[1]) for r in rows)
    print_table("ask latency on 100,000 rows (median of 7 runs per question, warm cache; "
                "chart spec included, Plotly figure built lazily)",
                ["question", "p50 ms", "chart"], rows)
    print(f"\noverall p50: {p50:.1f} ms (target <= 30 ms); first ask on a new frame "
          f"(profiling): {1000 * cold_first_ask(df):.0f} ms")

    print_table("chart choice per answer (best of 20; general = every column profiled, "
                "pandas aggregation)", ["question", "rows", "chart ms", "general ms",
                                        "speed-up"], chart_cost(df))

    big = make_frame(10_000_000, seed=1)
    q = "average revenue by region"
    nbdatachat.ask(big, q)  # profile once (cached by identity + shape)
    t_ask = best_time(lambda: nbdatachat.ask(big, q), repeat=5)
    t_pd = best_time(lambda: big.groupby("region")["revenue"].mean(), repeat=5)
    t_pd_sum = best_time(lambda: big.groupby(["region", "channel"])["units"].sum(), repeat=5)
    t_ask_sum = best_time(lambda: nbdatachat.ask(big, "total units by region and channel"),
                          repeat=5)
    t_sql = direct_sql(big, q)
    t_sql_sum = direct_sql(big, "total units by region and channel")
    print_table("10,000,000-row group-by: ask (plan -> SQLGlot -> DuckDB over the frame, no "
                "copy) vs the same SQL run directly in DuckDB (target <= 1.1x) and vs pandas",
                ["question", "ask s", "direct SQL s", "ask/SQL", "pandas s", "ask/pandas"],
                [[q, t_ask, t_sql, f"{t_ask / t_sql:.2f}x", t_pd, f"{t_ask / t_pd:.2f}x"],
                 ["total units by region and channel", t_ask_sum, t_sql_sum,
                  f"{t_ask_sum / t_sql_sum:.2f}x", t_pd_sum, f"{t_ask_sum / t_pd_sum:.2f}x"]])

    rows = []
    for mode in ("ask", "pandas"):
        m = memory(10_000_000, mode)
        extra = m["peak"] - m["before"]
        rows.append([mode, f"{m['data'] / 1e6:.0f}", f"{extra / 1e6:.0f}",
                     f"{(m['data'] + extra) / m['data']:.2f}x"])
    print_table("peak memory, 10,000,000 rows (fresh process; extra = peak RSS - RSS with "
                "the data loaded)", ["run", "data MB", "extra MB", "peak/data"], rows)


if __name__ == "__main__":
    main()
