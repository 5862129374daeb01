"""``data_quality``: one row per column (type, missing, distinct, constant, outliers) plus
duplicate rows: the first look at a new table."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import Field

from ...errors import DataError
from ..base import ToolResult
from ..insights import fmt, join_names
from ..prepare import numeric_column
from ..registry import tool
from .columns import (
    EXAMPLE_ROWS,
    ColumnsInputs,
    chosen_columns,
    missing_mask,
    percent,
    single_column,
)
from .constant import NEARLY_CONSTANT, column_profile
from .outliers import MIN_VALUES, fences


class QualityInputs(ColumnsInputs):
    iqr_multiplier: float = Field(default=1.5, gt=0, le=100,
                                  description="k of the IQR rule used to count outliers of "
                                              "numeric columns.")
    blank_as_missing: bool = Field(
        default=True, description="Count empty or whitespace-only text as missing too.")


def _kind(s: pd.Series, frame: pd.DataFrame, column: str) -> str:
    if pd.api.types.is_bool_dtype(s):
        return "boolean"
    if pd.api.types.is_datetime64_any_dtype(s):
        return "datetime"
    if pd.api.types.is_numeric_dtype(s):
        return "numeric"
    try:
        numeric_column(frame, column, "column")
        return "numeric (text)"
    except DataError:
        return "text"


@tool("data_quality", description="Data-quality overview: for each column its type, missing "
      "values, distinct values, whether it is constant and (numeric columns) how many "
      "outliers the IQR rule finds; plus the number of duplicate rows. The detail tools are "
      "missing_values, duplicates, constant_columns and outliers.",
      inputs=QualityInputs, category="Data Quality", example={"dataset": EXAMPLE_ROWS})
def data_quality(inputs: QualityInputs, frame: pd.DataFrame) -> ToolResult:
    cols = chosen_columns(frame, inputs.columns)
    n = len(frame)
    mask = missing_mask(frame, cols, inputs.blank_as_missing)
    rows = []
    for j, c in enumerate(cols):
        s = single_column(frame, c)
        prof = column_profile(s)
        kind = _kind(s, frame, c)
        n_out = None
        if kind.startswith("numeric"):
            x = numeric_column(frame, c, "column").to_numpy(dtype="float64", na_value=np.nan)
            x = x[np.isfinite(x)]
            if len(x) >= MIN_VALUES:
                f = fences(c, x, "iqr", 0.0, inputs.iqr_multiplier)
                n_out = int(((x < f.lower) | (x > f.upper)).sum())
        k = int(mask.iloc[:, j].sum())
        rows.append({"column": c, "type": kind, "missing": k, "missing_percent": percent(k, n),
                     "distinct": prof["distinct"], "constant": prof["constant"],
                     "empty": prof["empty"], "top_share": prof["top_share"],
                     "outliers_iqr": n_out})
    table = pd.DataFrame(rows)
    try:
        n_dup = int(frame[cols].duplicated().sum())
    except TypeError:
        n_dup = None
    rows_missing = int(mask.any(axis=1).sum())
    insights = [f"{n:,} rows x {len(cols)} columns checked."]
    missing_cols = [r for r in rows if r["missing"]]
    if missing_cols:
        insights.append(f"Missing values in {len(missing_cols)} column"
                        f"{'s' if len(missing_cols) != 1 else ''} ("
                        + ", ".join(f"{r['column']} {fmt(r['missing_percent'])} %"
                                    for r in sorted(missing_cols, key=lambda r: -r["missing"])[:5])
                        + f"); {rows_missing:,} rows ({fmt(percent(rows_missing, n))} %) are "
                          f"incomplete.")
    else:
        insights.append("No missing values.")
    if n_dup:
        insights.append(f"{n_dup:,} row{'s repeat' if n_dup != 1 else ' repeats'} an earlier "
                        f"row exactly ({fmt(percent(n_dup, n))} %).")
    elif n_dup == 0:
        insights.append("No duplicate rows.")
    constant = [r["column"] for r in rows if r["constant"]]
    empty = [r["column"] for r in rows if r["empty"]]
    if constant:
        insights.append(f"Constant (one value): {join_names(constant[:8])}.")
    if empty:
        insights.append(f"Empty (no values): {join_names(empty[:8])}.")
    near = [r["column"] for r in rows if not r["constant"] and not r["empty"]
            and r["top_share"] >= NEARLY_CONSTANT]
    if near:
        insights.append(f"Nearly constant: {join_names(near[:8])}.")
    flagged = [r for r in rows if r["outliers_iqr"]]
    if flagged:
        insights.append("Outliers by the IQR rule: " + ", ".join(
            f"{r['column']} {r['outliers_iqr']:,}" for r in flagged[:8]) + ".")
    plot = {}
    if missing_cols and len(cols) > 1:
        plot["bars"] = table.loc[table["missing"] > 0, ["column", "missing"]].rename(
            columns={"missing": "missing_values"})
    elif flagged:
        plot["bars"] = pd.DataFrame({"column": [r["column"] for r in flagged],
                                     "outliers_iqr": [r["outliers_iqr"] for r in flagged]})
    return ToolResult(
        "data_quality",
        statistics={"n_rows": n, "n_columns": len(cols), "rows_with_missing": rows_missing,
                    "duplicate_rows": n_dup, "constant_columns": constant,
                    "empty_columns": empty, "nearly_constant_columns": near,
                    "iqr_multiplier": inputs.iqr_multiplier},
        insights=insights, n_obs=n, tables={"columns": table}, plot_data=plot)
