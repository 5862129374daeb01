"""Bigger data: the same questions in memory, on a Parquet dataset larger than DuckDB's memory
limit, and on Spark, each against the same SQL (or library call) run directly.

Run: ``.venv/bin/python -m benchmarks scale`` (about 15-30 minutes on 2 cores; set
``NBDC_SCALE_ROWS`` for a smaller Parquet dataset, e.g. ``20000000``). Data is generated
into a temporary directory and removed at the end. Peak memory is the kernel's peak resident
set of a fresh subprocess that runs only that measurement.

Sections:
1. 10,000,000 rows in a pandas DataFrame: a group-by question through ``ask`` vs the SQL
   ``ask`` ran, executed directly on a DuckDB connection over the same frame, vs pandas.
2. ``ask`` p50 on 100,000 rows (the small-data latency must not regress).
3. A 200,000,000-row hive-partitioned Parquet dataset, ``memory_limit`` 1 GB: group-by,
   time-bucket, filter and top-N questions; peak RSS; time vs the same SQL in DuckDB.
4. ``linear_regression`` on 20,000,000 rows in DuckDB: in-engine moments vs the pandas path
   (peak memory, coefficients); ``anova`` and ``chi_square`` on 20,000,000 rows, in-engine vs
   pandas (time, peak memory, largest relative difference). ``NBDC_SCALE_REG_ROWS`` sets the
   rows of this section.
5. Spark local mode: the question benchmark's answers equal DuckDB's; time per question.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._table import best_time, print_table

ROOT = Path(__file__).resolve().parents[1]
PARQUET_ROWS = int(os.environ.get("NBDC_SCALE_ROWS", 200_000_000))
MEMORY_LIMIT = "1GB"
#: rounds of section 3 (ask, then the plain SQL, in fresh processes; best time of each)
ROUNDS = int(os.environ.get("NBDC_SCALE_ROUNDS", 3))
BIG_QUESTIONS = [
    ("group-by", "total revenue by region"),
    ("time-bucket", "total revenue by month"),
    ("filter", "average price for North"),
    ("top-N", "top 5 products by total units"),
]


def _load() -> str:
    """The machine's load while measuring (other engineers share these 2 cores)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def _child(script: str, *args: str, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, **(env or {})})
    lines = [x for x in out.stdout.splitlines() if x.startswith("RESULT ")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"benchmark child failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(lines[-1][len("RESULT "):])


# -- 1 and 2: in memory ------------------------------------------------------------------


def in_memory() -> None:
    import duckdb

    import nbdatachat
    from benchmarks.bench_ask import latency, make_frame

    big = make_frame(10_000_000, seed=1)
    rows = []
    for q in ("total revenue by region", "average price by region and channel"):
        answer = nbdatachat.ask(big, q)  # profile once (cached by identity and shape)
        assert answer.status == "answered", answer.text
        con = duckdb.connect()
        con.register("data", big)  # the same zero-copy scan ask uses
        t_ask = best_time(lambda: nbdatachat.ask(big, q), repeat=5)
        t_sql = best_time(lambda: con.execute(answer.sql).df(), repeat=5)
        keys = list(answer.plan.keys)
        measure = answer.plan.measures[0]
        how = {"mean": "mean", "sum": "sum"}[measure.agg]
        t_pd = best_time(lambda: big.groupby(keys)[measure.column].agg(how), repeat=5)
        rows.append([q, f"{t_ask:.3f}", f"{t_sql:.3f}", f"{t_pd:.3f}", f"{t_ask / t_sql:.2f}x",
                     f"{t_ask / t_pd:.2f}x"])
        con.close()
    print_table("1. 10,000,000 rows in memory (best of 5): ask vs the same SQL run directly in "
                "DuckDB (target <= 1.1x) and vs pandas groupby",
                ["question", "ask s", "DuckDB SQL s", "pandas s", "ask/SQL", "ask/pandas"],
                rows)
    big = None  # free the 10M rows before the next section
    small = make_frame(100_000)
    lat = latency(small)
    p50 = statistics.median(float(r[1]) for r in lat)
    print_table("2. ask latency on 100,000 rows (median of 7 per question, warm)",
                ["question", "p50 ms", "chart"], lat)
    cpu = []
    for q in [r[0] for r in lat]:  # CPU time per ask: what load from other processes hides
        times = []
        for _ in range(7):
            t0 = time.process_time()
            nbdatachat.ask(small, q)
            times.append(time.process_time() - t0)
        cpu.append(statistics.median(times))
    cpu_p50 = 1000 * statistics.median(cpu)
    print(f"overall ask p50 at 100k rows: {p50:.1f} ms wall clock, {cpu_p50:.1f} ms CPU time "
          f"of the process (target <= 30 ms)")


# -- 3: larger than memory ----------------------------------------------------------------

_GENERATE = r"""
import json, sys, duckdb
out, n = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute("SET memory_limit = '1GB'")
con.execute("SET preserve_insertion_order = false")
con.execute("SET enable_progress_bar = false")
con.execute(f'''
COPY (
  SELECT TIMESTAMP '2021-01-01' + to_days(CAST(hash(i) % 1095 AS INTEGER))
           + to_seconds(CAST(hash(i + 7) % 86400 AS BIGINT)) AS "date",
         (['North', 'South', 'East', 'West', 'Central'])[CAST(hash(i * 3) % 5 AS INTEGER) + 1]
           AS region,
         'P' || lpad(CAST(hash(i * 5) % 200 AS VARCHAR), 3, '0') AS product,
         (['online', 'store', 'partner'])[CAST(hash(i * 11) % 3 AS INTEGER) + 1] AS channel,
         CAST(1 + hash(i * 13) % 19 AS INTEGER) AS units,
         round(5 + (hash(i * 17) % 9500) / 100.0, 2) AS price,
         round(CAST(1 + hash(i * 13) % 19 AS INTEGER) * (5 + (hash(i * 17) % 9500) / 100.0), 2)
           AS revenue,
         CAST(2021 + hash(i) % 1095 // 365 AS INTEGER) AS year
  FROM range({n}) t(i)
) TO '{out}' (FORMAT parquet, PARTITION_BY (year), ROW_GROUP_SIZE 1000000)''')
print("RESULT " + json.dumps({"ok": True}))
"""

_RSS = r"""
def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) * 1024
    return 0
"""

_ASK_BIG = _RSS + r"""
import json, sys, time
import nbdatachat
from nbdatachat.backends import configure_duckdb
path, spill, questions = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
configure_duckdb(memory_limit="1GB", temp_directory=spill)
t0 = time.perf_counter()
from nbdatachat.query import open_source
src = open_source(path)
opened = time.perf_counter() - t0
out = {"open": opened, "rows": src.schema.n_rows, "questions": []}
for label, q in questions:
    t0 = time.perf_counter()
    a = nbdatachat.ask(path, q)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    a = nbdatachat.ask(path, q)
    second = time.perf_counter() - t0
    out["questions"].append({"label": label, "q": q, "status": a.status, "text": a.text[:90],
                             "sql": a.sql, "seconds": min(first, second),
                             "rows": 0 if a.table is None else len(a.table),
                             "view": src.view})
out["peak"] = rss("VmHWM")
print("RESULT " + json.dumps(out))
"""

_SQL_BIG = _RSS + r"""
import json, sys, time, duckdb
from nbdatachat.data.sources import parquet_scan
path, spill, view, sqls = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
con = duckdb.connect()
con.execute("SET memory_limit = '1GB'")
con.execute(f"SET temp_directory = '{spill}'")
con.execute("SET enable_progress_bar = false")
con.execute(f"CREATE TEMP VIEW {view} AS SELECT * FROM {parquet_scan(path)}")
times = []
for sql in sqls:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        con.execute(sql).df()
        best = min(best, time.perf_counter() - t0)
    times.append(best)
print("RESULT " + json.dumps({"times": times, "peak": rss("VmHWM")}))
"""


def larger_than_memory(work: Path) -> None:
    lake, spill = work / "lake", work / "spill"
    spill.mkdir()
    t0 = time.perf_counter()
    _child(_GENERATE, str(lake), str(PARQUET_ROWS))
    gen = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in lake.rglob("*.parquet"))
    files = len(list(lake.rglob("*.parquet")))
    print(f"\n3. generated {PARQUET_ROWS:,} rows as {files} Parquet files, {size / 1e9:.2f} GB "
          f"on disk, partitioned by year, in {gen:.0f} s")
    # ask and the plain SQL run in turns, each round in fresh processes, and each keeps its
    # best time: on a shared machine, load then weighs on both sides alike.
    asked = direct = None
    for _ in range(ROUNDS):
        a = _child(_ASK_BIG, str(lake), str(spill), json.dumps(BIG_QUESTIONS))
        view = a["questions"][0]["view"]
        d = _child(_SQL_BIG, str(lake), str(spill), view,
                   json.dumps([q["sql"] for q in a["questions"]]))
        if asked is None or direct is None:
            asked, direct = a, d
            continue
        for best, now in zip(asked["questions"], a["questions"]):
            best["seconds"] = min(best["seconds"], now["seconds"])
        direct["times"] = [min(x, y) for x, y in zip(direct["times"], d["times"])]
        asked["open"] = min(asked["open"], a["open"])
        asked["peak"], direct["peak"] = max(asked["peak"], a["peak"]), max(direct["peak"],
                                                                           d["peak"])
    rows = []
    for q, t_sql in zip(asked["questions"], direct["times"]):
        rows.append([q["label"], q["q"], q["status"], q["rows"], f"{q['seconds']:.2f}",
                     f"{t_sql:.2f}", f"{q['seconds'] / t_sql:.2f}x"])
    from benchmarks.bench_ask import make_frame

    per_row = make_frame(200_000).memory_usage(deep=True).sum() / 200_000
    print_table(f"3. {asked['rows']:,}-row Parquet dataset, DuckDB memory_limit {MEMORY_LIMIT} "
                f"(as a pandas DataFrame it would take about "
                f"{asked['rows'] * per_row / 1e9:.0f} GB): ask vs the same SQL directly in "
                f"DuckDB (target <= 1.2x; best of {ROUNDS} alternating rounds)",
                ["kind", "question", "status", "result rows", "ask s", "SQL s", "ratio"], rows)
    print(f"first open (schema profile, two scans): {asked['open']:.1f} s; peak RSS of the "
          f"ask process {asked['peak'] / 1e9:.2f} GB (target < 1.5 GB), of the plain-DuckDB "
          f"process {direct['peak'] / 1e9:.2f} GB")


# -- 5: Spark -----------------------------------------------------------------------------


def spark_parity() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from system_deps import start_spark

    from benchmarks.engines import ask_all, compare, duckdb_sources, spark_sources
    from benchmarks.questions import all_questions, load_all

    datasets = load_all()
    questions = all_questions(datasets)
    t0 = time.perf_counter()
    spark, warehouse = start_spark()
    started = time.perf_counter() - t0
    try:
        sources = spark_sources(datasets, spark)
        duck = ask_all("duckdb", questions, duckdb_sources(datasets))
        sp = ask_all("spark", questions, sources)
        diffs = compare(duck, sp, questions)
    finally:
        spark.stop()
        shutil.rmtree(warehouse, ignore_errors=True)
    print_table("5. Spark local[2]: the question benchmark on Spark vs DuckDB",
                ["engine", "questions", "same answer as DuckDB", "s per question"],
                [["DuckDB", len(questions), "-", f"{duck.per_question:.3f}"],
                 ["Spark", len(questions), f"{len(questions) - len(diffs)}",
                  f"{sp.per_question:.3f}"]])
    print(f"Spark session start {started:.1f} s")
    for q, d in diffs[:20]:
        print(f"- differs: [{q.dataset}] {q.text}: {d}")


def main() -> None:
    print(_load())
    work = Path(tempfile.mkdtemp(prefix="nbdc-scale-", dir=os.environ.get("NBDC_SCALE_DIR")))
    try:
        in_memory()
        print(_load())
        larger_than_memory(work)
        print(_load())
        from benchmarks.scale_regression import regression_section

        regression_section(work)
        print(_load())
        spark_parity()
        print(_load())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
