"""A lookup that says how many answers it expects ("which *two* clubs ..."): answered only
when that many distinct names match, otherwise a question back naming what matched.

The planner reads the number (``planner/count_asked.py``) as this check, never as a limit:
taking the first two of five rows would state a guess as the answer.
"""

from __future__ import annotations

from typing import Any

from .answer import Answer


def not_as_asked(plan: Any, table: Any, total_rows: int | None,
                 dataset: str) -> Answer | None:
    """A question back when ``plan.asked`` names how many answers and the result's first
    column holds another number of distinct values; None when it holds that many."""
    n = getattr(plan, "asked", None)
    if not n or table is None:
        return None
    rows = total_rows or len(table)
    names = list(dict.fromkeys(str(v) for v in table.iloc[:, 0])) if len(table.columns) else []
    if rows <= len(table) and len(names) == n:
        return None
    where = " and ".join(f.describe() for f in plan.filters) or "the question's conditions"
    shown = ", ".join(names[:8]) + (" ..." if len(names) > 8 or rows > len(table) else "")
    found = f"{rows:,} rows match {where}" + (f" ({shown})" if names else "")
    return Answer("needs_clarification",
                  f"The question asks for {n}, but {found}. Say which you mean, or ask for "
                  f"all of them.", options=names[:10], dataset=dataset)


__all__ = ["not_as_asked"]
