""""Which was the last bridge opened": first / last said before the noun, read after the verb.

"Which was the first bridge built" and "which bridge was built first" ask the same, and the
reader reads the second (the first / last row by the column the verb names, or by table
order for "listed"), but it takes "first" / "last" before a noun as words about row order it
cannot place and refuses. When such a question is refused, it is read once more with the
order word moved after the participle that follows the noun ("the first bridge built" ->
"the bridge built first") and that reading is kept only when it answers; every check of the
reader applies to it unchanged. The reading must be a first / last row, ordered by the
column the participle names ("released" -> Release) or, for a participle that says where a
row stands in the table ("listed", "shown"), in table order ("the last year listed" is the
bottom row, not the greatest year): a verb that ordered nothing was read past. A participle followed by "by" ("the first film directed by
X") names a value, not an order, and is not rewritten; nor is a follow-up, nor a question
the reader asked back about (which column is meant) rather than refused.
"""

from __future__ import annotations

import re
from typing import Callable

from .noun_phrase import read_instead
from .lexicon import name_tokens, stem
from .plan import PlanResult
from .plan_kinds import PositionPlan

#: participles that say where a row stands in the table ("the first town shown")
_LISTING = {"listed", "shown", "displayed", "mentioned", "included", "featured", "recorded",
            "represented", "entered"}

_ORDER_BEFORE = re.compile(
    r"\bthe\s+(?P<ord>first|last)\s+(?P<noun>[a-z]+)\s+(?P<be>(?:was|were)\s+)?"
    r"(?P<verb>[a-z]+ed)\b(?!\s+by\b)", re.I)


def order_after_form(question: str) -> str | None:
    """``question`` with "the first <noun> <participle>" said as "the <noun> <participle>
    first", or None when it says no such thing (or says it twice)."""
    said = list(_ORDER_BEFORE.finditer(question))
    if len(said) != 1:
        return None
    m = said[0]
    moved = f"the {m.group('noun')} {m.group('be') or ''}{m.group('verb')} {m.group('ord')}"
    return question[:m.start()] + moved + question[m.end():]


def as_order_after(question: str, refused: PlanResult,
                   read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading with the order word after the verb (a
    question asked back, "which of these columns", keeps its question)."""
    alt = order_after_form(question)
    if refused.status == "needs_clarification" or alt is None:
        return refused
    res = read_instead(question, alt, refused, read)
    verb = _ORDER_BEFORE.search(question).group("verb").lower()
    plan = res.plan
    if res is refused or not isinstance(plan, PositionPlan):
        return refused
    by_verb = plan.order_by is not None and \
        stem(verb) in {stem(t) for t in name_tokens(plan.order_by)}
    if not (by_verb or verb in _LISTING and plan.order_by is None):
        return refused  # "the last kiln repainted": the verb ordered nothing
    return res


__all__ = ["as_order_after", "order_after_form"]
