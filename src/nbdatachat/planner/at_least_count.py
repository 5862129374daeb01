"""A yes/no against a count said with "at least": "are there at least 12 rows by A?",
"did A take part in at least 6 heats?".

"at least N" is read as "more than N" by the yes/no reader (either_number.yes_no_number),
and the plan is kept only when it counts rows (a count is a whole number). Its bound is then
made inclusive: for one named item the ``at_least`` comparison against N; for the rows a
selection keeps, "more than N - 0.5" (the same test over whole numbers; the note says so).
A word the reading leaves unused (other than the table's own name) refuses.
Any other reading (a sum, a mean, a value of one cell) is left to the question as asked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .either_number import yes_no_number
from .plan import PlanResult
from .plan_kinds import ComparisonPlan
from .schema import SchemaModel

if TYPE_CHECKING:
    from .base import PlanContext

_NUMBER = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_AT_LEAST = re.compile(r"\bat least (?P<n>\d+|" + "|".join(_NUMBER) + r")\b", re.I)
_TABLE = {"table", "list", "chart", "page"}  # the table itself: "in the table"
#: another number compared in the same question
_OTHER_BOUND = re.compile(r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller)\s+than\s+"
                          r"\S*\d|\b(?:over|under|above|below|at most|at least|exceeding)\s+"
                          r"\S*\d", re.I)
_AUX = re.compile(r"^(?:was|is|were|are|did|does|do|has|have|had)\b", re.I)


def at_least_count(question: str, schema: SchemaModel, context: "PlanContext",
                   plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult]
                   ) -> PlanResult | None:
    """The yes/no plan of a count against "at least N" (module docstring), else None."""
    q = question.strip()
    m = _AT_LEAST.search(q)
    if m is None or not _AUX.match(q) or len(_AT_LEAST.findall(q)) != 1 or \
            _OTHER_BOUND.search(q[:m.start()] + q[m.end():]):
        return None  # "did at least 1 row have more than 900 ...": which number is which?
    said = m["n"].lower()
    n = int(said) if said.isdigit() else _NUMBER[said]
    res = yes_no_number(q[:m.start()] + f"more than {n}" + q[m.end():], schema, context,
                        plan_of)
    if res is None or res.status != "ok" or not isinstance(res.plan, ComparisonPlan):
        return None
    plan = res.plan
    if any(w.lower() not in _TABLE for w in (res.ignored or [])):
        return None  # "at least 2 <a noun no column names>": the rows, or its values?
    if plan.output != "which_way" or plan.words != ["Yes", "No"] or \
            plan.measure.agg != "count" or plan.measure.column or plan.measure.over:
        return None
    plan.question = question
    if plan.column:
        plan.output, plan.threshold, plan.words = "at_least", float(n), []
        return res
    plan.threshold = n - 0.5
    res.notes = list(res.notes) + [f"'at least {said}' read as more than {n - 0.5:g} "
                                   f"(a count is a whole number)"]
    return res


__all__ = ["at_least_count"]
