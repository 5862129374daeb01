"""Section 4 of ``python -m benchmarks scale``: ``linear_regression`` on 20,000,000 rows held
in a DuckDB database, fitted from in-engine moments vs loaded into pandas and fitted there;
then ``anova`` and ``chi_square`` on the same number of rows, from in-engine grouped sums
and counts vs in pandas.

Each fit runs in a fresh process; memory is the kernel's peak resident set, reported whole
and as the growth during the fit (the process's RSS just before it, imports done, is the
baseline), against the size the table takes as a pandas DataFrame.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from benchmarks._table import print_table

ROWS = int(os.environ.get("NBDC_SCALE_REG_ROWS", 20_000_000))
FEATURES = ["x1", "x2", "x3", "x4", "x5"]

_GENERATE = r"""
import sys, duckdb
path, n = sys.argv[1], int(sys.argv[2])
con = duckdb.connect(path)
con.execute("SET enable_progress_bar = false")
con.execute(f'''
CREATE TABLE obs AS
SELECT x1, x2, x3, x4, x5,
       12.5 + 1.75 * x1 - 0.6 * x2 + 0.02 * x3 + 3.0 * x4 - 1.1 * x5
         + (hash(i * 31) % 100000) / 50000.0 - 1.0 AS y
FROM (SELECT i,
             (hash(i) % 100000) / 1000.0 AS x1,
             (hash(i * 3) % 100000) / 100.0 AS x2,
             1000 + (hash(i * 5) % 100000) / 10.0 AS x3,
             (hash(i * 7) % 1000) / 1000.0 + (hash(i) % 100000) / 500000.0 AS x4,
             (hash(i * 11) % 100000) / 10000.0 AS x5
      FROM range({n}) t(i))''')
con.execute(f'''
CREATE TABLE cats AS
SELECT 1000 + 2.5 * (g = 'c')::INT - 1.5 * (g = 'f')::INT
         + (hash(i * 19) % 100000) / 10000.0 AS y, g, h
FROM (SELECT i, chr(97 + (hash(i * 13) % 8)::INT) AS g, (hash(i * 17) % 5)::BIGINT AS h
      FROM range({n}) t(i))''')
con.close()
print("RESULT {}")
"""

_RSS = r"""
def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) * 1024
    return 0
"""

_FIT = _RSS + r"""
import json, sys, time
import duckdb, numpy, scipy.special, pandas
import nbdatachat
from nbdatachat.backends import DuckDBBackend
from nbdatachat.tools.in_engine import linear_regression
path, mode, features = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
con = duckdb.connect(path, read_only=True)
con.execute("SET enable_progress_bar = false")
if mode == "engine":  # DuckDB streams the aggregates; its page cache need not hold the table
    con.execute("SET memory_limit = '128MB'")
nbdatachat.run_tool("linear_regression", dataset=pandas.DataFrame(
    {"y": [1.0, 2.0, 4.0, 3.0, 5.0, 7.0, 6.0, 9.0], **{f: numpy.arange(8.0) ** (i % 3 + 1) + i
     for i, f in enumerate(features)}}), target="y", features=features[:2])  # warm imports
before = rss("VmRSS")
t0 = time.perf_counter()
if mode == "engine":
    res = linear_regression(DuckDBBackend(con), "obs", "y", features)
    data_bytes = 0
else:
    df = con.execute("SELECT * FROM obs").df()
    data_bytes = int(df.memory_usage(deep=True).sum())
    res = nbdatachat.run_tool("linear_regression", dataset=df, target="y", features=features)
seconds = time.perf_counter() - t0
print("RESULT " + json.dumps({"seconds": seconds, "before": before, "peak": rss("VmHWM"),
                              "data": data_bytes, "coef": res.coefficients,
                              "path": res.statistics.get("path", "in memory (QR)")}))
"""


_TESTS = _RSS + r"""
import json, sys, time
import duckdb, numpy, scipy.stats, pandas
import nbdatachat
from nbdatachat.backends import DuckDBBackend
from nbdatachat.tools import in_engine
from nbdatachat.tools.registry import validate_inputs
path, mode = sys.argv[1], sys.argv[2]
con = duckdb.connect(path, read_only=True)
con.execute("SET enable_progress_bar = false")
if mode == "engine":
    con.execute("SET memory_limit = '128MB'")
tiny = pandas.DataFrame({"y": [1.0, 2.0, 4.0, 3.0, 5.0, 7.0], "g": list("aabbcc"),
                         "h": [1, 2, 1, 2, 1, 2]})
CALLS = {"anova": {"target": "y", "group": "g"}, "chi_square": {"row": "g", "column": "h"}}
for name, args in CALLS.items():  # warm imports
    nbdatachat.run_tool(name, dataset=tiny, **args)
before = rss("VmRSS")
out = {"before": before}
df = None
for name, args in CALLS.items():
    t0 = time.perf_counter()
    if mode == "engine":
        table = in_engine.EngineTable(DuckDBBackend(con), '"cats"')
        _, parsed = validate_inputs(name, {"dataset": None, **args})
        res = in_engine.run_on(name, table, parsed, in_engine.column_kinds(table))
    else:
        if df is None:
            df = con.execute("SELECT * FROM cats").df()
            out["data"] = int(df.memory_usage(deep=True).sum())
        res = nbdatachat.run_tool(name, dataset=df, **args)
    out[name] = {"seconds": time.perf_counter() - t0,
                 "numbers": {k: v for k, v in res.statistics.items()
                             if isinstance(v, float) and numpy.isfinite(v)},
                 "path": res.statistics.get("path", "in memory")}
out["peak"] = rss("VmHWM")
print("RESULT " + json.dumps(out))
"""


def tests_section(db: Path) -> None:
    """``anova`` and ``chi_square`` on the ``cats`` table: in-engine vs pandas."""
    engine = _child_run(_TESTS, str(db), "engine")
    memory = _child_run(_TESTS, str(db), "pandas")
    data = memory["data"]
    rows = []
    for name in ("anova", "chi_square"):
        want, got = memory[name]["numbers"], engine[name]["numbers"]
        worst = max(abs(got[k] - v) / abs(v) for k, v in want.items() if v != 0)
        rows.append([name, f"{engine[name]['seconds']:.1f}", f"{memory[name]['seconds']:.1f}",
                     f"{worst:.1e}"])
    print_table(f"4b. anova (8 groups) and chi_square (8x5 cells), {ROWS:,} rows in a DuckDB "
                f"file: in-engine (memory_limit 128 MB) vs pandas (data {data / 1e6:.0f} MB); "
                f"peak RSS (growth during the tools) in-engine {engine['peak'] / 1e6:.0f} MB "
                f"({(engine['peak'] - engine['before']) / 1e6:.0f} MB, "
                f"{(engine['peak'] - engine['before']) / data:.3f}x the data), pandas "
                f"{memory['peak'] / 1e6:.0f} MB ({(memory['peak'] - memory['before']) / 1e6:.0f}"
                f" MB)",
                ["tool", "in-engine s", "pandas s (after load)", "largest rel. difference"],
                rows)


def _child_run(script: str, *args: str) -> dict:
    from benchmarks.bench_scale import _child

    return _child(script, *args)


def regression_section(work: Path) -> None:
    from benchmarks.bench_scale import _child

    db = work / "regression.duckdb"
    t0 = time.perf_counter()
    _child(_GENERATE, str(db), str(ROWS))
    gen = time.perf_counter() - t0
    engine = _child(_FIT, str(db), "engine", ",".join(FEATURES))
    memory = _child(_FIT, str(db), "pandas", ",".join(FEATURES))
    data = memory["data"]
    worst = max(abs(engine["coef"][t] - memory["coef"][t]) / abs(memory["coef"][t])
                for t in memory["coef"])
    rows = []
    for label, r in (("in-engine moments", engine), ("pandas + QR", memory)):
        extra = r["peak"] - r["before"]
        rows.append([label, f"{r['seconds']:.1f}", f"{r['peak'] / 1e6:.0f}",
                     f"{extra / 1e6:.0f}", f"{r['peak'] / data:.3f}x", f"{extra / data:.3f}x"])
    print_table(f"4. linear_regression, {ROWS:,} rows x {len(FEATURES) + 1} columns in a DuckDB "
                f"file (generated in {gen:.0f} s); data as pandas: {data / 1e6:.0f} MB "
                f"(target: in-engine peak <= 0.2x; the in-engine process sets DuckDB memory_limit "
                f"to 128 MB, the pandas one none)",
                ["path", "fit s", "peak RSS MB", "growth MB", "peak/data", "growth/data"], rows)
    print(f"largest relative coefficient difference, in-engine vs in-memory: {worst:.2e} "
          f"(target <= 1e-9); in-engine path: {engine['path']}")
    tests_section(db)


if __name__ == "__main__":
    import shutil
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="nbdc-scale-reg-"))
    try:
        regression_section(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"rows": ROWS}))
