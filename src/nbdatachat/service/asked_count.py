"""Counts checked after the query, when the plan alone cannot tell which number is meant.

A lookup that says how many answers it expects ("which *two* clubs ..."): answered only
when that many distinct names match, otherwise a question back naming what matched. The
planner reads the number (``planner/count_asked.py``) as this check, never as a limit:
taking the first two of five rows would state a guess as the answer.

"How many winners" over rows where a winner may repeat: the rows, or the different
winners? (``AggregatePlan.either_count``, set by ``planner/answer_type.py``.) Answered when
both numbers are the same, otherwise a question back giving both.
"""

from __future__ import annotations

from typing import Any

from ..query.repeats import groups_without_rows, rows_with_values
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


def rows_or_values(plan: Any, table: Any, source: Any) -> Answer | None:
    """A question back when ``plan.either_count`` and the rows holding a value outnumber the
    different values; None when they are as many (either reading gives the same number)."""
    if not getattr(plan, "either_count", False):
        return None
    col = plan.measures[0].column
    try:
        rows = rows_with_values(plan, source)
        distinct = int(table.iloc[0, 0])
    except Exception:  # no second number, no way to know the readings agree
        rows, distinct = None, -1
    if rows is not None and rows == distinct and (rows > 1 or rows == 1 and not plan.filters):
        # no row with a value, or one row the filters picked ("how many votes did <a party>
        # have"): the question more likely asks about that row than counts it
        return None
    where = " where " + " and ".join(f.describe() for f in plan.filters) if plan.filters \
        else ""
    found = f" {rows:,} rows{where} hold a {col}, {distinct:,} different {col} values." \
        if rows is not None else ""
    return Answer("needs_clarification",
                  f"Count the rows, or the distinct values of {col!r} (some repeat)?{found} "
                  f"For the distinct values ask 'how many different {col} ...'.",
                  options=["rows", f"distinct {col}"], dataset=source.name)


def fewest_left_out(plan: Any, table: Any, source: Any) -> Answer | None:
    """"Which exhibit was shown the least in Lund": a count by group lists only the groups
    with a row there, so one never shown there (0) would not be the answer. Asked back,
    naming both readings, when such groups exist."""
    try:
        absent = groups_without_rows(plan, source)
    except Exception:  # a check that cannot run never blocks an answer
        return None
    if not absent or table is None or table.empty:
        return None
    g = plan.group_by[0]
    where = " and ".join(f.describe() for f in plan.filters)
    shown = ", ".join(absent[:5]) + (" ..." if len(absent) > 5 else "")
    least = table.iloc[0][plan.measures[0].alias]
    return Answer("needs_clarification",
                  f"Some {g} values have no row where {where} ({shown}): counted as 0 they "
                  f"have the fewest. Among the {g} values with such rows, the fewest is "
                  f"{least}. Which do you mean?",
                  options=[f"including {g} values with none", f"only {g} values with some"],
                  dataset=source.name)


def same_either_way(plan: Any) -> list[str]:
    """The note an ``either_count`` answer carries: why it did not ask which count."""
    if not getattr(plan, "either_count", False):
        return []
    col = plan.measures[0].column
    return [f"Counted as rows holding a {col} or as different {col} values, the number is "
            f"the same."]


__all__ = ["fewest_left_out", "not_as_asked", "rows_or_values", "same_either_way"]
