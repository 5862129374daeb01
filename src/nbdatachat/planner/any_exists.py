"""Whether any row holds: "were there any clubs with no losses?", "did any region report a
drought?", "was there a census in 1921?".

The yes/no is the count of the rows the rest of the question selects against one: "any"
(or "a" after "was there") is "at least 1". The question is read again with those words
said so ("were there at least 1 clubs with no losses?") and answered only when that reading
is the one ``at_least_count`` keeps: a count of rows, every word of the question used.
"Any" of a thing no column holds, a sum or a value of one cell are left as asked (refused).
A question naming no condition ("are there any rows?") would be answered by the table's
length alone, so it is left as asked too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .at_least_count import at_least_count
from .plan import PlanResult
from .schema import SchemaModel

if TYPE_CHECKING:
    from .base import PlanContext

#: "were there any", "was there a(n)", "did any", "are any": the opening that asks whether
_ANY = re.compile(r"^(?P<aux>(?:is|are|was|were)\s+there|(?:did|does|do|has|have|had|is|are|"
                  r"was|were))\s+(?P<any>any|an?)\s+(?=\w)", re.I)


def any_exists(question: str, schema: SchemaModel, context: "PlanContext",
               plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult]
               ) -> PlanResult | None:
    """The yes/no plan of "were there any ..." (module docstring), else None."""
    q = question.strip()
    m = _ANY.match(q)
    if m is None or (m["any"].lower() != "any" and "there" not in m["aux"].lower()):
        return None  # "was a X ..." is no question of whether any row holds
    if re.match(r"(?:other|more|else)\b", q[m.end():], re.I):
        return None  # "are there any other X besides Y" asks for them, not whether
    res = at_least_count(f"{m['aux']} at least 1 {q[m.end():]}", schema, context, plan_of)
    if res is None or res.plan is None or not res.plan.filters:
        return None
    res.plan.question = question
    res.notes = [n for n in res.notes if "at least 1" not in n] + [
        f"'{m['any']}' read as at least one row"]
    return res


__all__ = ["any_exists"]
