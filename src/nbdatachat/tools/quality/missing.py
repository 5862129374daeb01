"""``missing_values``: missing cells per column (or in one column) and the rows that have any."""

from __future__ import annotations

import pandas as pd
from pydantic import Field

from ..base import ToolResult
from ..insights import fmt
from ..registry import tool
from .columns import EXAMPLE_ROWS, ColumnsInputs, chosen_columns, missing_mask, percent, row_label


class MissingInputs(ColumnsInputs):
    blank_as_missing: bool = Field(
        default=True, description="Count empty or whitespace-only text as missing too.")
    max_rows: int = Field(default=20, ge=0, le=1000,
                          description="How many rows with missing values to list.")


@tool("missing_values", description="Missing values: the count and share of missing cells "
      "per column (or in one column), the rows with at least one missing value and which "
      "columns they miss. Empty text counts as missing unless blank_as_missing=false.",
      inputs=MissingInputs, category="Data Quality",
      example={"dataset": EXAMPLE_ROWS, "columns": ["city", "sales"]})
def missing_values(inputs: MissingInputs, frame: pd.DataFrame) -> ToolResult:
    cols = chosen_columns(frame, inputs.columns)
    n = len(frame)
    mask = missing_mask(frame, cols, inputs.blank_as_missing)
    counts = {c: int(mask.iloc[:, j].sum()) for j, c in enumerate(cols)}
    blanks = int(mask.to_numpy().sum() - frame[cols].isna().to_numpy().sum())
    rows_any = mask.any(axis=1).to_numpy()
    n_rows_missing = int(rows_any.sum())
    total = sum(counts.values())
    by_column = pd.DataFrame({"column": cols, "missing": [counts[c] for c in cols],
                              "percent": [percent(counts[c], n) for c in cols],
                              "present": [n - counts[c] for c in cols]})
    by_column = by_column.sort_values("missing", ascending=False, kind="stable")
    by_column = by_column.reset_index(drop=True)
    listed = mask[rows_any].head(inputs.max_rows).to_numpy()
    labels = frame.index[rows_any][: inputs.max_rows]
    rows_table = pd.DataFrame({
        "row": [row_label(i) for i in labels],
        "n_missing": listed.sum(axis=1).astype(int),
        "missing_in": [", ".join(c for c, flag in zip(cols, flags) if flag) for flags in listed],
    })
    with_missing = [c for c in by_column["column"] if counts[c] > 0]
    insights: list[str] = []
    if len(cols) == 1:
        c, k = cols[0], counts[cols[0]]
        insights.append(f"{c} has {k:,} missing value{'s' if k != 1 else ''} out of {n:,} rows "
                        f"({fmt(percent(k, n))} %)." if k else
                        f"{c} has no missing values ({n:,} rows).")
    elif total == 0:
        insights.append(f"No missing values in the {len(cols)} columns checked ({n:,} rows).")
    else:
        top = ", ".join(f"{c} {counts[c]:,} ({fmt(percent(counts[c], n))} %)"
                        for c in with_missing[:5])
        more = f" and {len(with_missing) - 5} more" if len(with_missing) > 5 else ""
        insights.append(f"{total:,} missing cell{'s' if total != 1 else ''} in "
                        f"{len(with_missing)} of {len(cols)} columns: {top}{more}.")
    if len(cols) > 1 and total:
        insights.append(f"{n_rows_missing:,} of {n:,} rows ({fmt(percent(n_rows_missing, n))} %) "
                        f"have at least one missing value; {n - n_rows_missing:,} are complete.")
    warnings = []
    if blanks:
        warnings.append(f"{blanks:,} of the missing cells are empty or blank text, which "
                        f"pandas' isna() does not count (blank_as_missing=false leaves them "
                        f"out).")
    plot = {}
    if len(cols) > 1 and total:
        plot["bars"] = by_column.loc[by_column["missing"] > 0, ["column", "missing"]].rename(
            columns={"missing": "missing_values"})
    return ToolResult(
        "missing_values",
        statistics={"n_rows": n, "n_columns": len(cols), "missing_cells": total,
                    "missing_share": total / (n * len(cols)) if n and cols else 0.0,
                    "rows_with_missing": n_rows_missing, "complete_rows": n - n_rows_missing,
                    "blank_text_cells": blanks, "missing_by_column": counts,
                    "columns_with_missing": with_missing},
        insights=insights, warnings=warnings, n_obs=n,
        tables={"missing_by_column": by_column, "rows_with_missing": rows_table},
        plot_data=plot)
