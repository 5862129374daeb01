""""Whose <column> is above <number>": the rows picked by a comparison said in a relative
clause, re-read as "with a <column> above <number>".

"Name a bowler whose average was below 19" is refused: after "whose" the column is taken
for the one asked, and the number is left with no column. When such a question is refused,
"whose <words> is/was/are/were <comparison>" is said "with a <words> <comparison>" ("name a
player with a average above 25") and read once more; the new reading is kept only when it
answers and compares a column with a number (a filter ``>``, ``<``, ``>=`` or ``<=``). A
follow-up is never rewritten.
"""

from __future__ import annotations

import re
from typing import Callable

from .noun_phrase import read_instead
from .plan import PlanResult

_CMP = r"(?:above|below|over|under|more than|less than|greater than|fewer than|at least|" \
       r"at most|higher than|lower than)"
_WHOSE = re.compile(rf"\bwhose\s+(?P<what>[a-z][\w' -]*?)\s+(?:is|was|are|were)\s+"
                    rf"(?P<cmp>{_CMP}\s+[$£€]?\d)", re.I)


def as_with_clause(question: str, refused: PlanResult,
                   read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the question with its "whose" clause
    said as "with a <column> <comparison>"."""
    m = _WHOSE.search(question)
    if m is None:
        return refused
    article = "an" if m["what"][0].lower() in "aeiou" else "a"
    alt = question[:m.start()] + f"with {article} {m['what']} {m['cmp']}" + question[m.end():]
    res = read_instead(question, alt, refused, read)
    if res is refused:
        return refused
    filters = getattr(res.plan, "filters", None) or []
    if not any(f.op in (">", "<", ">=", "<=") for f in filters):
        return refused
    return res


__all__ = ["as_with_clause"]
