"""The row "after" / "before" another in a table listed latest first.

Table order reads "which film came after X" as the row below X. Many tables list their rows
from the latest year down (a filmography, a list of winners, newest first): there the row
below X came earlier in time, and "after X" as a person says it names the row above. The
answer then asks which is meant instead of guessing, unless the question speaks of the
table itself ("listed after", "on the list", "above", "below", or "comes after" in the present
tense of a list), which is table order.

A table is listed latest first when one column holds a year in (nearly) every cell (a date,
season or year column: its first four-digit year), at least three, never rising from one row
to the next and falling at least once. A question whose anchor or answer is that column
itself ("the next date after 9 May") keeps table order.
"""

from __future__ import annotations

import re
from typing import Any

from ..planner.plan_parts import YEAR_IN_TEXT
from .answer import Answer

MAX_ROWS = 5_000
_TIME_NAME = re.compile(r"year|date|season|released?|held|when", re.I)
#: words that place the row in the table itself: its order is then the one meant
_TABLE_WORDS = re.compile(r"\b(listed|list|lists|table|chart|above|below|row|rows|shown|"
                          r"entry|entries|next to|comes|come)\b", re.I)


def latest_first(plan: Any, source: Any, n_rows: int) -> Answer | None:
    """An ``Answer`` asking back when ``plan`` takes the row next to an anchor in table order
    over a table listed latest first and the question does not speak of the table; None
    otherwise (and whenever the check cannot run)."""
    if getattr(plan, "kind", None) != "position" or plan.position not in ("next", "previous") \
            or plan.order_by or not plan.anchor or not 3 <= n_rows <= MAX_ROWS or \
            _TABLE_WORDS.search(str(getattr(plan, "question", "") or "")):
        return None
    try:
        frame = source.frame()
        col = next((c for c in frame.columns if _TIME_NAME.search(str(c)) and
                    _falling(frame[c].tolist())), None)
    except Exception:  # a check that cannot run never blocks an answer
        return None
    named = [f.column for f in plan.anchor] + list(getattr(plan, "columns", []) or [])
    if col is None or col in named:
        return None  # "the next date after 9 May": the dates themselves, in table order
    way = "after" if plan.position == "next" else "before"
    return Answer("needs_clarification",
                  f"The table lists its rows from the latest {col} to the earliest, so the "
                  f"row {way} that one in the table is the one {_OTHER[way]} it in time. Say "
                  f"\"listed {way}\" for the table's order, or ask by {col} (e.g. \"the "
                  f"first {col} {way} it\").", options=[f"listed {way}", f"by {col}"],
                  dataset=source.name)


_OTHER = {"after": "before", "before": "after"}


def _falling(values: list[Any]) -> bool:
    years = []
    for v in values:
        m = YEAR_IN_TEXT.search(str(v)) if v is not None else None
        if m is not None:
            years.append(int(m.group(1)))
    if len(years) < 3 or len(years) < 0.9 * len(values):
        return False
    steps = list(zip(years, years[1:]))
    return all(b <= a for a, b in steps) and any(b < a for a, b in steps)


__all__ = ["latest_first"]
