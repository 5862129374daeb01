"""``duplicates``: rows that repeat an earlier row, on all columns or on key columns."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pydantic import Field

from ...errors import DataError
from ..base import ToolResult
from ..insights import fmt, join_names
from ..registry import tool
from .columns import EXAMPLE_ROWS, ColumnsInputs, chosen_columns, percent, row_label


class DuplicatesInputs(ColumnsInputs):
    max_groups: int = Field(default=20, ge=0, le=1000,
                            description="How many groups of repeated rows to list.")


@tool("duplicates", description="Duplicate rows: how many rows repeat an earlier row "
      "(on all columns, or on the given key columns), how many distinct rows are repeated and "
      "which rows they are. Missing values compare equal, as in pandas' duplicated().",
      inputs=DuplicatesInputs, category="Data Quality",
      example={"dataset": EXAMPLE_ROWS, "columns": ["id"]})
def duplicates(inputs: DuplicatesInputs, frame: pd.DataFrame) -> ToolResult:
    cols = chosen_columns(frame, inputs.columns)
    n = len(frame)
    sub = frame[cols]
    try:
        repeat = sub.duplicated(keep="first").to_numpy()
        in_group = sub.duplicated(keep=False).to_numpy()
    except TypeError as exc:  # unhashable cells (lists, dicts)
        raise DataError(f"Rows cannot be compared: a column holds values such as lists or "
                        f"dicts ({exc}). Choose other columns.",
                        details={"parameter": "columns"}) from None
    n_repeat, n_in_group = int(repeat.sum()), int(in_group.sum())
    positions = np.flatnonzero(in_group)
    groups: dict[int, list[int]] = {}
    if len(positions):
        codes = sub.iloc[positions].groupby(cols, dropna=False, sort=False).ngroup()
        for code, pos in zip(codes.to_numpy(), positions):
            groups.setdefault(int(code), []).append(int(pos))
    ordered = sorted(groups.values(), key=lambda ps: (-len(ps), ps[0]))
    records: list[dict[str, Any]] = []
    for ps in ordered[: inputs.max_groups]:
        first = sub.iloc[ps[0]]
        labels = [str(row_label(frame.index[p])) for p in ps]
        records.append({**{c: first.iloc[j] for j, c in enumerate(cols)}, "count": len(ps),
                        "rows": ", ".join(labels[:10]) + (" ..." if len(labels) > 10 else "")})
    table = pd.DataFrame(records, columns=[*cols, "count", "rows"])
    plot = {}
    if records:
        keyed = inputs.columns is not None and len(cols) <= 3
        labels = [" / ".join(str(r[c]) for c in cols)[:40] if keyed else f"rows {r['rows']}"[:40]
                  for r in records]
        plot["bars"] = pd.DataFrame({"repeated": labels,
                                     "rows_with_it": [r["count"] for r in records]})
    what = "all columns" if inputs.columns is None else join_names(cols)
    if n_repeat:
        verb = "repeats" if n_repeat == 1 else "repeat"
        insights = [f"{n_repeat:,} of {n:,} rows ({fmt(percent(n_repeat, n))} %) {verb} an "
                    f"earlier row on {what}; {len(groups):,} distinct row"
                    f"{'s are' if len(groups) != 1 else ' is'} repeated ({n_in_group:,} rows "
                    f"in all).",
                    f"The most repeated appears {records[0]['count']} times (rows "
                    f"{records[0]['rows']})."]
    else:
        insights = [f"No duplicate rows on {what}: all {n:,} rows are distinct."]
    return ToolResult(
        "duplicates",
        statistics={"n_rows": n, "duplicate_rows": n_repeat,
                    "rows_in_duplicate_groups": n_in_group, "duplicate_groups": len(groups),
                    "distinct_rows": n - n_repeat, "columns": cols},
        insights=insights, n_obs=n, tables={"duplicate_groups": table}, plot_data=plot)
