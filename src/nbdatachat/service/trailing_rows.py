"""Rows after a summary row: "which party came last" read in table order, over an election
table whose "Total" row is followed by "Registered voters" and "Turnout" lines.

Table order reads "the last" as the table's last row; when rows follow the summary row
(footers, notes, the electorate), that row is no entry of the list, and leaving the summary
row out does not help (the footers stay). The answer then asks which order is meant instead
of naming a footer.
"""

from __future__ import annotations

from typing import Any

from pandas.api.types import is_numeric_dtype

from ..planner.lexicon import is_summary_label
from .answer import Answer

#: tables are scanned for footers up to this many rows (a list a person reads)
MAX_ROWS = 5_000


def rows_after_summary(plan: Any, source: Any, n_rows: int) -> Answer | None:
    """An ``Answer`` asking back when ``plan`` takes the last row in table order and rows
    follow a summary row; None otherwise (and whenever the check cannot run). ``n_rows``
    (the schema's count) is checked first, so a large table is never loaded for this."""
    if getattr(plan, "kind", None) != "position" or plan.position != "last" or \
            plan.order_by or not 3 <= n_rows <= MAX_ROWS:
        return None
    try:
        frame = source.frame()
        texts = [c for c in frame.columns if not is_numeric_dtype(frame[c])]
        # the label must name the row: in the row's name column or the one answered ("All"
        # in a Rounds column says the rider raced every round: no summary row)
        texts = [c for c in texts if c in plan.columns or c == texts[0]]
        labelled = [k for k in range(len(frame))
                    if any(is_summary_label(frame.iloc[k][c]) for c in texts)]
        if not labelled or labelled[-1] >= len(frame) - 1:
            return None
        at = labelled[-1]
        col = next(c for c in texts if is_summary_label(frame.iloc[at][c]))
        after = [str(v) for v in frame.iloc[at + 1:][col].tolist()][:3]
        return Answer("needs_clarification",
                      f"Rows follow the summary row ({col} = {frame.iloc[at][col]!r}): "
                      f"{', '.join(repr(v) for v in after)}. The table's last row is not the "
                      f"last entry, so \"last\" in table order is unclear. Say by which column, "
                      f"e.g. 'the fewest <column>'.",
                      options=[str(c) for c in frame.columns[:6]], dataset=source.name)
    except Exception:  # a check that cannot run never blocks an answer
        return None
    return None


__all__ = ["rows_after_summary"]
