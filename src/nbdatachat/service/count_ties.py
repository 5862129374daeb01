"""Two items whose rows are counted and found one row each: "who scored more points, A or
B" read as a count of A's and B's rows, where each is one row of the table.

Counting rows then says "1 and 1" whatever the question meant by "more" (points or years
written beside the name in its cell, a figure the table does not hold), and such a tie is
far more often a reading of the wrong thing than a real tie; it is not answered, and the
text says what was counted and asks for the column to compare on. The cost: a real tie of
one row each ("who won more titles, A or B", once each) is asked back too. A count with
conditions of its own ("did A or B win in Oslo") and ties of several rows each stay
answered.
"""

from __future__ import annotations

from typing import Any

from ..operations.base import human
from ..planner.plan_kinds import ComparisonPlan


def one_row_each(plan: ComparisonPlan, a: Any, b: Any) -> str | None:
    """The refusal for two items counted as one row each with nothing else counted (see
    the module docstring), else None; also a tie of "did they win or lose more" (two counts,
    ``which_way``), where neither of the question's words holds."""
    if plan.output == "which_way" and plan.threshold is None and len(plan.words) == 2 and \
            plan.measure.agg == "count" and a is not None and a == b:
        return f"A tie: {a} rows each ({plan.words[0]} and {plan.words[1]}), so neither word " \
               f"of the question holds."
    if plan.measure.agg != "count" or plan.measure.column or plan.filters or \
            plan.output not in ("larger", "smaller") or len(plan.items) != 2:
        return None
    if a != 1 or b != 1:
        return None
    return (f"{plan.items[0]} and {plan.items[1]} are one row each of {human(plan.column)}, "
            f"so counting their rows says 1 and 1, which compares nothing. Name the column "
            f"to compare them on.")


def mark_names(plan: ComparisonPlan) -> list[str] | None:
    """The items of a comparison over a derived mark column (``Expr`` op ``outcome`` /
    ``away``) named for what they count ("wins", "away games") instead of their codes."""
    step = next((st for st in plan.steps if st.action == "derive" and st.name == plan.column
                 and st.expr is not None and st.expr.op in _MARK_NAMES), None)
    if step is None or step.expr is None:
        return None
    names = _MARK_NAMES[step.expr.op]
    return [names.get(i, str(i)) if isinstance(i, (int, float)) else str(i)
            for i in plan.items]


_MARK_NAMES = {"outcome": {1: "wins", -1: "losses", 0: "draws"},
               "away": {1: "away games", 0: "home games"}}

__all__ = ["mark_names", "one_row_each"]
