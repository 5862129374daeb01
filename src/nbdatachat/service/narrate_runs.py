"""The sentence of a run counted in years or asked for at least ``n`` long (issue 12):
"Orca and Vela each hold at least 3 consecutive Season numbers: Orca 4, Vela 3."."""

from __future__ import annotations

import pandas as pd

from ..operations.base import human
from ..planner.plan import Plan
from ..planner.plan_kinds import PositionPlan
from .narrate import _cell


def describe_run(plan: PositionPlan, table: pd.DataFrame) -> str:
    """The answer sentence of a ``longest_run``/``longest_run_value`` plan with ``run_by``
    or ``n`` above 1, or of ``in_order``."""
    if plan.position == "in_order":
        return _in_order_text(plan, table)
    unit = f"consecutive {human(plan.run_by)} numbers" if plan.run_by else \
        "consecutive rows (in table order)"
    if plan.position == "longest_run":
        n = int(table.iloc[0]["count"]) if len(table) else 0
        anchor = " and ".join(f.describe() for f in plan.anchor)
        return f"The longest run of {unit} where {anchor} is {n:,}."
    col = human(plan.columns[0])
    if table.empty:
        return f"No {col} holds at least {plan.n} {unit}." if plan.n > 1 else \
            f"{col} has no values."
    pairs = [(str(_cell(v)), int(r)) for v, r in zip(table[plan.columns[0]], table["run"])]
    names = ", ".join(f"{v} ({r:,})" for v, r in pairs)
    if plan.n > 1:
        return f"{col} holding at least {plan.n} {unit}: {names}."
    verb = "has" if len(pairs) == 1 else "tie with"
    return f"{names} {verb} the longest run of {unit} holding the same {col}."


def _in_order_text(plan: PositionPlan, table: pd.DataFrame) -> str:
    col = human(plan.columns[0])
    down, gaps = _steps(table)
    if down:
        return f"No: {col} goes down from one row to the next {down:,} time" \
               f"{'' if down == 1 else 's'} (in table order)."
    if gaps:
        return f"{col} only goes up down the table, but skips numbers {gaps:,} time" \
               f"{'' if gaps == 1 else 's'}: in order, though not without gaps. Ask whether " \
               f"it is in order, or whether any are missing."
    numbers = table is not None and not table.empty and int(table.iloc[0]["numbers"] or 0)
    return f"Yes: {col} never goes down from one row to the next" + \
        (", nor skips a number (in table order)." if numbers else " (in table order).")


def _steps(table: pd.DataFrame | None) -> tuple[int, int]:
    if table is None or table.empty:
        return 0, 0
    row = table.iloc[0]
    return int(row["descents"] or 0), int(row["gaps"] or 0)


def in_order_value(plan: PositionPlan, table: pd.DataFrame) -> str | None:
    """"Yes"/"No" of an ``in_order`` plan (None when only gaps break it)."""
    down, gaps = _steps(table)
    return "No" if down else None if gaps else "Yes"


def no_run(plan: Plan, table: pd.DataFrame | None) -> bool:
    """A run of at least ``n`` asked for ("which club won 3 consecutive titles") that no
    value holds: the question presumed one, so nothing is answered (the text says so); the
    longest run held by two values or more (a tie: no one answer); or years in order that
    skip some, where "consecutive" may mean either."""
    if not isinstance(plan, PositionPlan):
        return False
    if plan.position == "in_order":
        return in_order_value(plan, table) is None
    if plan.position != "longest_run_value" or table is None:
        return plan.position == "longest_run_value"
    # "which club had the longest run" when two tie: the sentence names both, no one answer
    return table.empty if plan.n > 1 else len(table) > 1


__all__ = ["describe_run", "in_order_value", "no_run"]
