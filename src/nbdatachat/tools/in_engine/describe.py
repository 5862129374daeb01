"""``describe`` from in-engine aggregates: no rows are fetched.

One scan for counts, sums, extremes and percentiles of every numeric column, one more for
the central moments around the first scan's means (the corrected two-pass algorithm, as
the in-memory tool), and a grouped count per text column for its most common value. The
lag-1 autocorrelation needs a row order a table in an engine does not have, so it is left
out (and the result says so).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from .sql import EngineTable, as_text, col, count, double, not_null, number, total


def describe(table: EngineTable, columns: Sequence[str], kinds: dict[str, str], *,
             percentiles: Sequence[float] = (0.25, 0.5, 0.75)) -> Any:
    """The in-memory ``describe``'s result, computed by the engine holding ``table``."""
    from sqlglot import exp

    from ..base import ToolResult

    numeric = [c for c in columns if kinds.get(c) in ("integer", "number")]
    other = [c for c in columns if c not in numeric]
    exprs = [count()]
    for c in numeric:
        x = double(c)
        exprs += [count(col(c)), total(table, x.copy()), exp.Min(this=x.copy()),
                  exp.Max(this=x.copy())]
        exprs += [exp.PercentileCont(this=x.copy(), expression=exp.Literal.number(repr(float(q))))
                  for q in percentiles]
    for c in other:
        exprs += [count(col(c)), count(exp.Distinct(expressions=[col(c)]))]
    row = table.fetch(table.select(*exprs))[0]
    n_rows = int(row[0])
    pos = 1
    first: dict[str, dict[str, Any]] = {}
    for c in numeric:
        n, s, lo, hi = int(row[pos]), row[pos + 1], row[pos + 2], row[pos + 3]
        qs = row[pos + 4:pos + 4 + len(percentiles)]
        pos += 4 + len(percentiles)
        first[c] = {"n": n, "mean0": float(s) / n if n else float("nan"), "min": lo,
                    "max": hi, "q": qs}
    cats: dict[str, tuple[int, int]] = {}
    for c in other:
        cats[c] = (int(row[pos]), int(row[pos + 1]))
        pos += 2
    numeric_rows, warnings, stats = [], [], {}
    live = [c for c in numeric if first[c]["n"] > 0]
    got: tuple = ()
    if live:
        parts = []
        for c in live:
            d = exp.paren(exp.Sub(this=double(c), expression=number(first[c]["mean0"])),
                          copy=False)
            parts += [total(table, d.copy()),
                      total(table, exp.Mul(this=d.copy(), expression=d.copy())),
                      total(table, exp.Mul(this=exp.Mul(this=d.copy(), expression=d.copy()),
                                           expression=d.copy()))]
        got = table.fetch(table.select(*parts))[0]
    for c in numeric:
        f = first[c]
        n = f["n"]
        if n < n_rows:
            warnings.append(f"{c!r}: {n_rows - n} missing value(s) ignored.")
        if n == 0:
            warnings.append(f"{c!r} has no values.")
            continue
        i = 3 * live.index(c)
        s1, s2, s3 = (float(v) for v in got[i:i + 3])
        dm = s1 / n
        ss = max(s2 - n * dm * dm, 0.0)
        m3 = s3 / n - 3 * dm * s2 / n + 2 * dm ** 3
        r = {"column": c, "count": n, "mean": f["mean0"] + dm,
             "std": math.sqrt(ss / (n - 1)) if n > 1 else float("nan"),
             "min": float(f["min"])}
        for p, q in zip(percentiles, f["q"]):
            r[f"p{round(p * 100, 2):g}"] = float(q)
        r["max"] = float(f["max"])
        r["skew"] = float(m3 / (ss / n) ** 1.5) if ss > 0 else 0.0
        numeric_rows.append(r)
        stats[c] = {k: v for k, v in r.items() if k != "column"}
    cat_rows = []
    for c in other:
        n_present, unique = cats[c]
        text, n = as_text(col(c)), count()
        q = table.select(text, n, where=not_null([c]), group_by=[as_text(col(c))])
        q = q.order_by(exp.Ordered(this=n.copy(), desc=True), exp.Ordered(this=text.copy()),
                       copy=False).limit(1, copy=False)
        top = table.fetch(q)
        cat_rows.append({"column": c, "count": n_present, "unique": unique,
                         "top": top[0][0] if top else None,
                         "top_count": int(top[0][1]) if top else 0,
                         "missing": n_rows - n_present})
    insights = [f"{r['column']} averages {r['mean']:.4g} (sd {r['std']:.3g}) over "
                f"{r['count']} values, ranging from {r['min']:.4g} to {r['max']:.4g}."
                for r in numeric_rows]
    insights += [f"{r['column']} has {r['unique']} distinct values; the most common is "
                 f"{r['top']!r} ({r['top_count']} of {r['count']})." for r in cat_rows
                 if r["top"] is not None]
    path = (f"in-engine: counts, moments and percentiles computed by {table.engine} over "
            f"{n_rows:,} rows; no rows were fetched (lag-1 autocorrelation needs a row order "
            f"and is not computed)")
    tables = {"summary": pd.DataFrame(numeric_rows)} if numeric_rows else {}
    if cat_rows:
        tables["categorical_summary"] = pd.DataFrame(cat_rows)
    return ToolResult("describe", statistics={**stats, "path": path}, insights=insights,
                      warnings=warnings, n_obs=n_rows, tables=tables)


__all__ = ["describe"]
