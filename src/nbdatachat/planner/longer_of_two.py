"""Which of two named rows lasted longer (issue 12): "who served longer, A or B", "who
reigned longer, A or B", "which lasted shorter, A or B".

A question of this shape that the reader refused is read as two questions of how long,
"how long has A served?" and "how long has B served?" (``durations.py`` and the columns
of ``duration_columns.py``: a start and an end, a span of years, a number of years held).
When each is read as the one row a value of one column names, both by the same steps over
the same columns with no other condition, the plan is a comparison of those two rows on
the length derived by those steps: the larger for "longer", the smaller for "shorter".
Each item must be one row of its column (the length of a name with several rows is no one
number). The verb must be one of doing ("served", "lived", "ruled"), not of being ("which is
longer": a length column, read elsewhere). Anything else keeps the refusal.
"""

from __future__ import annotations

import re
from typing import Callable

from .contrast_numbers import one_row_each
from .plan import PlanResult
from .plan_kinds import ComparisonPlan, LookupPlan
from .plan_parts import Measure
from .schema import SchemaModel

_FORM = re.compile(
    r"^(?:who|which(?:\s+[a-z]+)?)\s+(?:(?:has|had|have)\s+)?"
    r"(?P<verb>[a-z]+(?:\s+(?:as|in|on|at|for)\s+[a-z]+)?)\s+(?P<deg>longer|shorter)"
    r"(?:\s+(?:time|period))?\s*(?:,|:|;|--|\u2014|\u2013)?\s*(?P<a>[^,?]+?)\s+or\s+"
    r"(?P<b>[^,?]+?)\s*[?.]*\s*$", re.I)
_BE = {"is", "was", "are", "were", "be", "been", "being", "has", "had", "have", "did", "does",
       "do"}


def _one_row_length(plan) -> tuple[str, object] | None:
    """(the column, the value) of a plan reading one value's row with derived steps."""
    if not isinstance(plan, LookupPlan) or not plan.steps or len(plan.filters) != 1 or \
            len(plan.columns) != 1 or plan.by or plan.same or plan.yes_no:
        return None
    f = plan.filters[0]
    if f.op != "=" or isinstance(f.value, (list, dict)):
        return None
    return f.column, f.value


def as_longer_of_two(question: str, refused: PlanResult, schema: SchemaModel,
                     plan_of: Callable[[str], PlanResult]) -> PlanResult:
    """The comparison plan of "who VERB longer, A or B" (module docstring), else
    ``refused``."""
    m = _FORM.match(question.strip())
    if m is None or m["verb"].split()[0].lower() in _BE:
        return refused
    plans = []
    for item in (m["a"], m["b"]):
        item = re.sub(r"^(?:the)\s+", "", item.strip(), flags=re.I)
        res = plan_of(f"how long has {item} {m['verb']}?")
        if res.status != "ok":
            return refused
        plans.append(res)
    (ra, rb), (pa, pb) = plans, (plans[0].plan, plans[1].plan)
    a, b = _one_row_length(pa), _one_row_length(pb)
    if a is None or b is None or a[0] != b[0] or a[1] == b[1] or \
            pa.columns != pb.columns or pa.steps != pb.steps:
        return refused
    if not one_row_each(schema, a[0]):
        return refused
    plan = ComparisonPlan(measure=Measure("max", pa.columns[0]), column=a[0],
                          items=[a[1], b[1]],
                          output="larger" if m["deg"].lower() == "longer" else "smaller",
                          steps=list(pa.steps), question=question)
    notes = list(dict.fromkeys(ra.notes + rb.notes +
                               [f'read "{m["deg"].lower()}" as the length of time '
                                f'"how long has ... {m["verb"]}" gives for each']))
    return PlanResult.ok(plan, notes, ignored=list(dict.fromkeys(ra.ignored + rb.ignored)))


__all__ = ["as_longer_of_two"]
