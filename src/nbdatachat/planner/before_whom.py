"""The row asked after "before" / "after", said last: "Ann Lee was picked right after who?",
"Ida Moss is before whom", "Portwell came before which town?".

The question names a row first and asks for the row on the other side of it: "X was picked
after whom" is "who was picked before X". Re-read in that order, with the direction turned
("immediately", "directly", "right" or "just" kept): "<wh> <noun> <verb phrase> <close>
<other direction> X?". Where the name ends and the verb phrase starts is not known, so each
split with a verb phrase of one to three words is tried, shortest name first; the first that
reads is kept, and only as the row right before / after a named row (``PositionPlan``
next / previous with an anchor). The note says how it was read. Anything else: the refusal
stands.
"""

from __future__ import annotations

import re
from typing import Callable

from .noun_phrase import read_instead
from .plan import PlanResult
from .plan_kinds import PositionPlan

_OTHER = {"before": "after", "after": "before"}
_ASKED_LAST = re.compile(
    r"^(?P<head>.+?)\s+(?P<close>(?:immediately|directly|right|just)\s+)?"
    r"(?P<dir>before|after)\s+(?P<wh>whom|who|which|what)(?P<noun>(?:\s+[a-z][\w-]*)?)"
    r"\s*\??\s*$", re.I)
_NEAR = ("next", "previous")
_MAX_VERB = 3


def as_before_whom(question: str, refused: PlanResult,
                   read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the turned question (module docstring)."""
    m = _ASKED_LAST.match(question.strip())
    if m is None:
        return refused
    words = m["head"].split()
    if len(words) < 2:
        return refused
    wh = "who" if m["wh"].lower() == "whom" else m["wh"].lower()
    close = (m["close"] or "").strip()
    turned = _OTHER[m["dir"].lower()]
    for k in range(1, len(words)):
        name, verb = words[:k], words[k:]
        if len(verb) > _MAX_VERB:
            continue
        alt = " ".join([wh + m["noun"], *verb] + ([close] if close else []) +
                       [turned, *name]) + "?"
        res = read_instead(question, alt, refused, read)
        if res is not refused and isinstance(res.plan, PositionPlan) and \
                res.plan.position in _NEAR and res.plan.anchor:
            return res
    return refused


__all__ = ["as_before_whom"]
