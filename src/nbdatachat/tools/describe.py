"""``describe``: summary statistics of numeric columns (and counts of categorical ones).

Mean, standard deviation and lag-1 autocorrelation meet the NIST StRD univariate certified
values (LRE >= 9 on all nine datasets, NumAcc4 included when its digits are given exactly,
as a ``Decimal`` column): they are computed in shifted coordinates by
:mod:`nbdatachat.tools.moments`, never by ``sum(x**2) - n*mean**2``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import Field

from .base import ToolInputs, ToolResult
from .moments import is_decimal_column, lag1_autocorrelation, mean_ss, shifted_columns
from .prepare import require_columns
from .registry import tool


class DescribeInputs(ToolInputs):
    features: list[str] | None = Field(
        default=None, description="Columns to summarise; all columns when omitted.")
    percentiles: list[float] = Field(default=[0.25, 0.5, 0.75],
                                     description="Percentiles to report, each in [0, 1].")


def _is_numeric(s: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)) \
        or is_decimal_column(s)


@tool("describe", description="Summary statistics: count, mean, standard deviation, min, "
      "percentiles, max, skewness and lag-1 autocorrelation of numeric columns; counts and "
      "top value of categorical columns.", inputs=DescribeInputs,
      example={"dataset": [{"x": 1, "y": 2}, {"x": 2, "y": 4}, {"x": 4, "y": 5}]})
def describe(inputs: DescribeInputs, frame: pd.DataFrame) -> ToolResult:
    cols = inputs.features or [str(c) for c in frame.columns]
    require_columns(frame, cols, "feature")
    for p in inputs.percentiles:
        if not 0 <= p <= 1:
            from ..errors import InvalidRequest

            raise InvalidRequest(f"Percentile {p} is outside [0, 1]; write 0.9 for the 90th.",
                                 details={"parameter": "percentiles"})
    numeric_rows, cat_rows, warnings = [], [], []
    stats: dict[str, dict[str, float]] = {}
    for c in cols:
        s = frame[c]
        if isinstance(s, pd.DataFrame) or _is_numeric(s):  # duplicate names raise there
            shifted = shifted_columns(frame, [c], "feature")
            x = shifted.values[0]
            x = x[np.isfinite(x)]
            if len(x) < len(s):
                warnings.append(f"{c!r}: {len(s) - len(x)} missing value(s) ignored.")
            if len(x) == 0:
                warnings.append(f"{c!r} has no values.")
                continue
            m, ss = mean_ss(x)
            n = len(x)
            sd = float(np.sqrt(ss / (n - 1))) if n > 1 else float("nan")
            qs = np.quantile(x, [0.0, *inputs.percentiles, 1.0])  # one partial sort
            row = {"column": c, "count": int(n), "mean": shifted.restore(m), "std": sd,
                   "min": shifted.restore(float(qs[0]))}
            for p, q in zip(inputs.percentiles, qs[1:-1]):
                row[f"p{round(p * 100, 2):g}"] = shifted.restore(float(q))
            row["max"] = shifted.restore(float(qs[-1]))
            d = x - m
            row["skew"] = float(np.mean(d ** 3) / (ss / n) ** 1.5) if ss > 0 else 0.0
            row["autocorr_lag1"] = lag1_autocorrelation(x, m, ss)
            numeric_rows.append(row)
            stats[c] = {k: v for k, v in row.items() if k != "column"}
        else:
            vc = s.astype("string").value_counts(dropna=True)
            cat_rows.append({"column": c, "count": int(s.notna().sum()),
                             "unique": int(vc.size),
                             "top": None if vc.empty else str(vc.index[0]),
                             "top_count": 0 if vc.empty else int(vc.iloc[0]),
                             "missing": int(s.isna().sum())})
    insights = []
    for r in numeric_rows:
        insights.append(f"{r['column']} averages {r['mean']:.4g} (sd {r['std']:.3g}) over "
                        f"{r['count']} values, ranging from {r['min']:.4g} to {r['max']:.4g}.")
    for r in cat_rows:
        if r["top"] is not None:
            insights.append(f"{r['column']} has {r['unique']} distinct values; the most common "
                            f"is {r['top']!r} ({r['top_count']} of {r['count']}).")
    tables = {"summary": pd.DataFrame(numeric_rows)} if numeric_rows else {}
    if cat_rows:
        tables["categorical_summary"] = pd.DataFrame(cat_rows)
    return ToolResult("describe", statistics=stats, insights=insights, warnings=warnings,
                      n_obs=len(frame), tables=tables)
