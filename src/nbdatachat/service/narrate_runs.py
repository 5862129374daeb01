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
    or ``n`` above 1."""
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


def no_run(plan: Plan, table: pd.DataFrame | None) -> bool:
    """A run of at least ``n`` asked for ("which club won 3 consecutive titles") that no
    value holds: the question presumed one, so nothing is answered (the text says so)."""
    return isinstance(plan, PositionPlan) and plan.position == "longest_run_value" and \
        plan.n > 1 and (table is None or table.empty)


__all__ = ["describe_run", "no_run"]
