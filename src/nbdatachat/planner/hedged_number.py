"""A number asked for with a hedge (issue 12): "at least how many wins were there?",
"there are at least how many stations?", "what number of seats, at most, can the hall
hold?".

"At least" / "at most" before or beside "how many" does not compare anything: the number
asked for is the count or the amount itself, said as a bound. A question the reader refused
is read once more without the hedge (and its commas), and that reading is kept only when it
is a count of rows (no grouping, ranking or share) with the hedge right before the words
asking for it ("at least how many"; "how many tonnes at most were shipped" asks for the largest),
or the one value of one named row. The question must hold no other number (with one, "how
many games had 5,000 at most" compares a column with it: read elsewhere, as is "won, at
most, 2 titles") and no word of all ("do all of them have at least how many floors" asks
for the smallest, which this reading would not give).
"""

from __future__ import annotations

import re
from typing import Callable

from .plan import AggregatePlan, PlanResult
from .plan_kinds import LookupPlan

_HEDGE = re.compile(r"(?:,\s*)?\bat\s+(?:least|most)\b(?:\s*,)?", re.I)
_ASKS = re.compile(r"\b(?:how\s+many|how\s+much|what\s+(?:amount|number)\s+of)\b", re.I)
_ALL = re.compile(r"\b(?:all|each|every|both)\b", re.I)
_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|once|twice)\b",
                     re.I)


def _kept(plan) -> bool:
    if isinstance(plan, AggregatePlan):
        return not plan.group_by and not plan.share and not plan.time_bucket and \
            not plan.order_by and not plan.limit and len(plan.measures) == 1 and \
            plan.measures[0].agg == "count" and not plan.unpivot
    if isinstance(plan, LookupPlan):
        return bool(plan.one) and len(plan.columns) == 1 and not plan.by and \
            not plan.same and not plan.yes_no
    return False


def as_unhedged(question: str, refused: PlanResult,
                plan_of: Callable[[str], PlanResult]) -> PlanResult:
    """The reading of ``question`` without its hedge (module docstring), else ``refused``."""
    hedges = list(_HEDGE.finditer(question))
    if len(hedges) != 1 or not _ASKS.search(question) or _ALL.search(question) or \
            _NUMBER.search(question):
        return refused
    m = hedges[0]
    rest = " ".join((question[:m.start()] + " " + question[m.end():]).split())
    rest = re.sub(r"\s+([?.!])", r"\1", rest)
    res = plan_of(rest)
    if res.status != "ok" or not _kept(res.plan):
        return refused
    if isinstance(res.plan, AggregatePlan) and not _ASKS.match(question[m.end():].lstrip()):
        return refused  # "how many tonnes at most were shipped": the largest, not a count
    res.plan.question = question
    word = " ".join(m.group(0).strip(" ,").split()).lower()
    return PlanResult.ok(res.plan, res.notes + [f'read "{word}" as a hedge on the number '
                                                f'asked for'], ignored=res.ignored)


__all__ = ["as_unhedged"]
