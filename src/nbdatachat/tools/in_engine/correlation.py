"""Pearson ``correlation`` from in-engine sums: no rows are fetched.

Two scans whatever the row count. The first gives each column's count, sum, minimum and
maximum over its finite values (the means used as shifts, and which columns are empty or
constant). The second gives, for every pair, over the rows where both values are present:
the count, the sums of the shifted values ``dx = x - mean_x`` and ``dy``, and the sums of
``dx*dx``, ``dy*dy`` and ``dx*dy``. The pair's centred sums are then the shifted ones
corrected for the pair's own mean (``Sxy = sum(dx*dy) - sum(dx)*sum(dy)/n``), exact to
rounding because the shift is already close to it, as the in-memory tool's corrected
two-pass sums are. Everything after ``r`` (p-values, intervals, Holm, words) is the
in-memory tool's own :func:`~nbdatachat.tools.association.correlation_result`.

Spearman and Kendall need ranks of every row; they take the stated-sample path.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .sql import EngineTable, double, number, present, total, when


def _typed_frame(kinds: dict[str, str]) -> pd.DataFrame:
    """An empty frame with the columns' kinds as dtypes: the in-memory column choice
    (numeric columns, target first, what is skipped) depends on nothing else."""
    dtypes = {"integer": "int64", "number": "float64", "bool": "bool", "date": "datetime64[ns]",
              "datetime": "datetime64[ns]"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(k, "object")) for c, k in kinds.items()})


def correlation(table: EngineTable, inputs: Any, kinds: dict[str, str]) -> Any:
    """The in-memory ``correlation``'s result (Pearson) from sums computed by the engine
    holding ``table``; ``inputs`` is the tool's ``CorrelationInputs``."""
    from sqlglot import exp

    from ..correlation_result import (
        check_column_count,
        correlation_columns,
        correlation_result,
        missing_warning,
        r_p_value,
        usable_columns,
    )

    cols, warnings = correlation_columns(inputs, _typed_frame(kinds))
    check_column_count(cols)
    exprs: list[Any] = [exp.Count(this=exp.Star())]
    for c in cols:
        ok = present(table, [c])
        x = when(ok, double(c))
        exprs += [exp.Sum(this=when(ok.copy(), exp.Literal.number(1))),
                  total(table, x), exp.Min(this=x.copy()), exp.Max(this=x.copy())]
    row = table.fetch(table.select(*exprs))[0]
    n_rows = int(row[0])
    first: dict[str, tuple[int, float, Any, Any]] = {}
    for i, c in enumerate(cols):
        n, s, lo, hi = row[1 + 4 * i: 5 + 4 * i]
        n = int(n or 0)
        first[c] = (n, float(s) / n if n else math.nan, lo, hi)
    problems = {c: ("has no numeric values" if first[c][0] == 0 else
                    f"is constant ({_plain(first[c][2])})" if first[c][2] == first[c][3]
                    else None) for c in cols}
    cols = usable_columns(inputs, cols, problems, warnings)
    missing_warning({c: n_rows - first[c][0] for c in cols}, warnings)
    shifted = {c: exp.paren(exp.Sub(this=double(c), expression=number(first[c][1])),
                            copy=False) for c in cols}
    pairs = [(i, j) for i in range(len(cols)) for j in range(i + 1, len(cols))]
    exprs = []
    for i, j in pairs:
        a, b = cols[i], cols[j]
        both = present(table, [a, b])
        dx, dy = shifted[a], shifted[b]
        parts = [exp.Literal.number(1), dx.copy(), dy.copy(),
                 exp.Mul(this=dx.copy(), expression=dx.copy()),
                 exp.Mul(this=dy.copy(), expression=dy.copy()),
                 exp.Mul(this=dx.copy(), expression=dy.copy())]
        exprs.append(exp.Sum(this=when(both, parts[0])))
        exprs += [total(table, when(both.copy(), e)) for e in parts[1:]]
    got = table.fetch(table.select(*exprs))[0]
    found = []
    for k, (i, j) in enumerate(pairs):
        n, sx, sy, sxx, syy, sxy = got[6 * k: 6 * k + 6]
        n = int(n or 0)
        r = p = math.nan
        if n >= 3:
            sx, sy = float(sx), float(sy)
            cxx = float(sxx) - sx * sx / n
            cyy = float(syy) - sy * sy / n
            cxy = float(sxy) - sx * sy / n
            if cxx > 0 and cyy > 0:
                r = float(np.clip(cxy / math.sqrt(cxx * cyy), -1.0, 1.0))
                p = r_p_value(r, n)
        found.append((i, j, n, r, p))
    result = correlation_result(inputs, cols, found, warnings, {})
    path = (f"in-engine: counts, sums and cross-products of each pair computed by "
            f"{table.engine} over {n_rows:,} rows (2 scans); no rows were fetched")
    result.statistics["path"] = path
    result.insights.append(f"Computed {path}.")
    return result


def _plain(v: Any) -> Any:
    f = float(v)
    return int(f) if f.is_integer() else f


__all__ = ["correlation"]
