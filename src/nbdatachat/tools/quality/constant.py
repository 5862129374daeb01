"""``constant_columns``: columns with a single value (or none), and nearly constant ones."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import Field

from ..base import ToolResult
from ..insights import fmt, join_names
from ..registry import tool
from .columns import EXAMPLE_ROWS, ColumnsInputs, chosen_columns, row_label, single_column

NEARLY_CONSTANT = 0.95  # share of rows holding the most frequent value


class ConstantInputs(ColumnsInputs):
    ignore_missing: bool = Field(
        default=True, description="True: a column whose present values are all equal is "
                                  "constant (missing values ignored). False: a missing value "
                                  "counts as one more distinct value.")


def column_profile(s: pd.Series, ignore_missing: bool = True) -> dict[str, Any]:
    """Distinct values, missing count, share of the most frequent value, constant or empty."""
    present = s.dropna()
    try:
        counts = present.value_counts()
    except TypeError:  # unhashable cells
        counts = present.astype(str).value_counts()
    n_missing = int(len(s) - len(present))
    distinct = int(len(counts)) + (0 if ignore_missing or n_missing == 0 else 1)
    top_share = float(counts.iloc[0] / len(s)) if len(counts) and len(s) else 0.0
    value = row_label(counts.index[0]) if len(counts) == 1 else None
    return {"distinct": distinct, "missing": n_missing, "top_share": top_share,
            "constant": len(present) > 0 and distinct <= 1, "empty": len(present) == 0,
            "value": value}


@tool("constant_columns", description="Columns that carry no information: one distinct "
      "value in every row (missing values ignored unless ignore_missing=false) or no values "
      "at all; also the share of the most frequent value of each column checked.",
      inputs=ConstantInputs, category="Data Quality", example={"dataset": EXAMPLE_ROWS})
def constant_columns(inputs: ConstantInputs, frame: pd.DataFrame) -> ToolResult:
    cols = chosen_columns(frame, inputs.columns)
    rows = [{"column": c, **column_profile(single_column(frame, c), inputs.ignore_missing)}
            for c in cols]
    table = pd.DataFrame(rows, columns=["column", "distinct", "missing", "top_share",
                                        "constant", "empty", "value"])
    constant = [r for r in rows if r["constant"]]
    empty = [r["column"] for r in rows if r["empty"]]
    near = [r for r in rows if not r["constant"] and not r["empty"]
            and r["top_share"] >= NEARLY_CONSTANT]
    insights = []
    if constant:
        shown = ", ".join(f"{r['column']} (always {r['value']!r})" for r in constant[:8])
        insights.append(f"{len(constant)} of {len(cols)} columns "
                        f"{'are' if len(constant) != 1 else 'is'} constant: {shown}"
                        f"{' ...' if len(constant) > 8 else ''}. "
                        f"{'They carry' if len(constant) != 1 else 'It carries'} no "
                        f"information for grouping or modelling.")
    if empty:
        insights.append(f"{len(empty)} column{'s are' if len(empty) != 1 else ' is'} empty "
                        f"(every value missing): {join_names(empty[:8])}.")
    if not constant and not empty:
        insights.append(f"None of the {len(cols)} columns checked is constant.")
    if near:
        insights.append("Nearly constant (one value in at least 95 % of rows): "
                        + ", ".join(f"{r['column']} ({fmt(100 * r['top_share'])} %)"
                                    for r in near[:8]) + ".")
    return ToolResult(
        "constant_columns",
        statistics={"n_rows": len(frame), "constant_columns": [r["column"] for r in constant],
                    "empty_columns": empty, "nearly_constant_columns": [r["column"] for r in near]},
        insights=insights, n_obs=len(frame), tables={"columns": table},
        plot_data={"bars": table[["column", "distinct"]].rename(
            columns={"distinct": "distinct_values"})})
