"""How long the longest or the shortest one is (issue 12): "how long was the longest stay?",
"how long is the shortest run time?" -> the highest or lowest value of the length column
the superlative names, as "what was the longest stay?" reads it.

"how long" asks for a length, and "the longest / shortest <noun>" already picks the column
of lengths (the reader's superlative of length finds it, or says the table has none), so
when such a question is refused it is read once more with "what" in place of "how long",
and that reading is kept only when it answers with that one extreme of one column (the
maximum for "longest", the minimum for "shortest"; no groups, no row named instead): the
length itself, not the row that holds it. Any other reading keeps the refusal.
"""

from __future__ import annotations

import re
from typing import Callable

from .plan import AggregatePlan, PlanResult

_FORM = re.compile(r"^\s*how\s+long\s+(?P<aux>is|was|were|are)\s+the\s+"
                   r"(?P<deg>longest|shortest)\b(?P<rest>.*)$", re.I | re.S)


def as_length_extreme(question: str, refused: PlanResult,
                      plan_of: Callable[[str], PlanResult]) -> PlanResult:
    """The extreme of "what <aux> the longest ..." (module docstring), else ``refused``."""
    m = _FORM.match(question)
    if m is None:
        return refused
    alt = f"what {m['aux']} the {m['deg']}{m['rest']}"
    res = plan_of(alt)
    plan = res.plan
    agg = "max" if m["deg"].lower() == "longest" else "min"
    if res.status != "ok" or not isinstance(plan, AggregatePlan) or plan.group_by or \
            len(plan.measures) != 1 or plan.measures[0].agg != agg or \
            plan.measures[0].column is None or plan.unpivot or plan.time_bucket is not None \
            or plan.share or plan.argmax:
        return refused
    plan.question = question
    res.notes.insert(0, f'Read as "{alt}": the {m["deg"].lower()} length itself.')
    return res


__all__ = ["as_length_extreme"]
