"""``outliers``: values far from the rest, by z-score or by Tukey's IQR fences.

* z-score: ``z = (x - mean) / sd`` with the sample standard deviation (``n - 1``, as
  pandas' ``std()``); an outlier has ``|z| > threshold`` (3 by default). Mean and sd are
  pulled by the outliers themselves, and with ``n`` values no ``|z|`` can exceed
  ``(n - 1) / sqrt(n)``, so small samples cannot show any: the result says so.
* IQR (the default): Tukey's fences ``Q1 - k * IQR`` and ``Q3 + k * IQR`` with ``k = 1.5``,
  quartiles by linear interpolation (pandas' ``quantile``); robust to the outliers it looks
  for, and the rule a box plot draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field

from ...errors import DataError
from ..base import ToolResult
from ..insights import fmt
from ..prepare import numeric_column
from ..registry import tool
from .columns import EXAMPLE_ROWS, ColumnsInputs, chosen_columns, percent, row_label

MIN_VALUES = 3


class OutlierInputs(ColumnsInputs):
    columns: list[str] | None = Field(
        default=None, min_length=1,
        description="Numeric columns to check; every numeric column when omitted.")
    method: Literal["iqr", "zscore"] = Field(
        default="iqr", description="iqr: outside Tukey's fences Q1 - k*IQR, Q3 + k*IQR. "
                                   "zscore: |x - mean| / sd above the threshold.")
    threshold: float = Field(default=3.0, gt=0, le=100,
                             description="z-score method: |z| above this is an outlier.")
    iqr_multiplier: float = Field(default=1.5, gt=0, le=100,
                                  description="IQR method: k in Q1 - k*IQR and Q3 + k*IQR "
                                              "(1.5 outliers, 3 far outliers).")
    max_rows: int = Field(default=50, ge=0, le=5000,
                          description="How many outlying values to list.")


@dataclass
class Fences:
    """The bounds outside which a value of one column is an outlier."""

    column: str
    n: int
    lower: float
    upper: float
    center: float  # mean (z-score) or median (IQR)
    spread: float  # sd (z-score) or IQR
    q1: float | None = None
    q3: float | None = None


def numeric_columns(frame: pd.DataFrame, columns: list[str] | None) -> list[str]:
    """The given columns (each must be numeric), or every numeric column of ``frame``."""
    if columns is not None:
        cols = chosen_columns(frame, columns)
        for c in cols:
            numeric_column(frame, c, "column")  # raises naming the text column
        return cols
    out = []
    for c in frame.columns:
        s = frame[c]
        if isinstance(s, pd.DataFrame) or pd.api.types.is_bool_dtype(s) \
                or pd.api.types.is_datetime64_any_dtype(s):
            continue
        try:
            numeric_column(frame, str(c), "column")
        except DataError:
            continue
        out.append(str(c))
    if not out:
        raise DataError("The data has no numeric column to check for outliers. Pass columns= "
                        "with numeric columns.", details={"parameter": "columns"})
    return out


def fences(column: str, x: np.ndarray, method: str, threshold: float, k: float) -> Fences:
    """Bounds for the finite values ``x`` of ``column``."""
    n = len(x)
    if n < MIN_VALUES:
        raise DataError(f"{column!r} has {n} usable value(s); outliers need at least "
                        f"{MIN_VALUES}.", details={"column": column, "rows": n,
                                                   "required": MIN_VALUES})
    if method == "zscore":
        mean = float(np.mean(x))
        sd = float(np.std(x, ddof=1))
        return Fences(column, n, mean - threshold * sd, mean + threshold * sd, mean, sd)
    q1, q3 = (float(v) for v in np.quantile(x, [0.25, 0.75]))
    iqr = q3 - q1
    return Fences(column, n, q1 - k * iqr, q3 + k * iqr, float(np.median(x)), iqr, q1, q3)


@tool("outliers", description="Outliers of numeric columns: values outside Tukey's fences "
      "(Q1 - 1.5 IQR, Q3 + 1.5 IQR; the multiplier is iqr_multiplier) or with |z-score| above "
      "a threshold (method='zscore', threshold=3). Per column: bounds, count and share; and "
      "the outlying rows with their values.", inputs=OutlierInputs, category="Data Quality",
      example={"dataset": EXAMPLE_ROWS, "columns": ["sales"], "method": "iqr"})
def outliers(inputs: OutlierInputs, frame: pd.DataFrame) -> ToolResult:
    cols = numeric_columns(frame, inputs.columns)
    method, z_method = inputs.method, inputs.method == "zscore"
    summary, found, warnings, insights = [], [], [], []
    stats: dict[str, dict[str, float | int]] = {}
    any_row = np.zeros(len(frame), dtype=bool)
    box_parts = []
    for c in cols:
        values = numeric_column(frame, c, "column").to_numpy(dtype="float64", na_value=np.nan)
        finite = np.isfinite(values)
        x = values[finite]
        f = fences(c, x, method, inputs.threshold, inputs.iqr_multiplier)
        if len(x) < len(values):
            warnings.append(f"{c!r}: {len(values) - len(x)} missing value(s) ignored.")
        if f.spread == 0 and z_method:
            warnings.append(f"{c!r} is constant: no value can be an outlier.")
        elif f.spread == 0:
            warnings.append(f"{c!r}: the IQR is 0 (at least half the values are equal), so "
                            f"every value different from {fmt(f.center)} counts as an "
                            f"outlier; method='zscore' may suit this column better.")
        with np.errstate(invalid="ignore"):
            flag = finite & ((values < f.lower) | (values > f.upper))
        if z_method and f.spread == 0:
            flag[:] = False
        any_row |= flag
        k = int(flag.sum())
        row = {"column": c, "n": f.n, "lower": f.lower, "upper": f.upper, "outliers": k,
               "percent": percent(k, f.n), "low": int((flag & (values < f.lower)).sum()),
               "high": int((flag & (values > f.upper)).sum())}
        if z_method:
            row.update(mean=f.center, std=f.spread)
            reach = (f.n - 1) / math.sqrt(f.n)
            if reach <= inputs.threshold:
                warnings.append(f"{c!r}: with {f.n} values no |z| can exceed "
                                f"{fmt(reach)}, so a threshold of {fmt(inputs.threshold)} "
                                f"cannot flag anything; use method='iqr'.")
        else:
            row.update(q1=f.q1, q3=f.q3, iqr=f.spread, median=f.center)
        summary.append(row)
        stats[c] = {key: row[key] for key in row if key != "column"}
        for pos in np.flatnonzero(flag):
            v = float(values[pos])
            score = (v - f.center) / f.spread if z_method else (
                v - f.upper if v > f.upper else f.lower - v)
            found.append({"row": row_label(frame.index[pos]), "column": c, "value": v,
                          "side": "high" if v > f.upper else "low",
                          ("z" if z_method else "beyond_fence"): score})
        box_parts.append(pd.DataFrame({"column": c, "value": x}))
        rule = (f"|z| > {fmt(inputs.threshold)} (mean {fmt(f.center)}, sd {fmt(f.spread)})"
                if z_method else
                f"the IQR rule, outside {fmt(f.lower)} to {fmt(f.upper)} (Q1 {fmt(f.q1)} "
                f"- {fmt(inputs.iqr_multiplier)} x IQR, Q3 {fmt(f.q3)} + "
                f"{fmt(inputs.iqr_multiplier)} x IQR)")
        if k:
            extreme = max((r for r in found if r["column"] == c),
                          key=lambda r: abs(r["value"] - f.center))
            insights.append(f"{c}: {k:,} of {f.n:,} values ({fmt(percent(k, f.n))} %) are "
                            f"outliers by {rule}; the most extreme is {fmt(extreme['value'])} "
                            f"(row {extreme['row']}).")
        else:
            insights.append(f"{c}: no outliers among {f.n:,} values by {rule}.")
    key = "z" if z_method else "beyond_fence"
    found.sort(key=lambda r: -abs(r[key]))
    rows_table = pd.DataFrame(found[: inputs.max_rows],
                              columns=["row", "column", "value", "side", key])
    n_rows_any = int(any_row.sum())
    if len(cols) > 1:
        insights.append(f"{n_rows_any:,} of {len(frame):,} rows have an outlier in at least "
                        f"one of the {len(cols)} columns.")
    return ToolResult(
        "outliers",
        statistics={"method": method, "threshold": inputs.threshold if z_method else None,
                    "iqr_multiplier": None if z_method else inputs.iqr_multiplier,
                    "columns": stats, "outlier_cells": sum(r["outliers"] for r in summary),
                    "rows_with_outliers": n_rows_any},
        insights=insights, warnings=warnings, n_obs=len(frame),
        tables={"outliers_by_column": pd.DataFrame(summary), "outlier_rows": rows_table},
        plot_data={"box": pd.concat(box_parts, ignore_index=True)})
