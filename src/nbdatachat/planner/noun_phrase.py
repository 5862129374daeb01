"""Questions said as a bare noun phrase, with no question word.

"number of players from Spain", "total points of the home side", "the oldest bridge":
the reader takes the asked type from the question word ("how many", "which", "what"),
so a telegraphic phrase reads as nothing asked and is refused. When such a phrase is
refused, it is read once more as its question equivalent ("how many players from Spain",
"what is the total points of the home side", "which is the oldest bridge") and that
reading is kept only when it answers; every check of the reader applies to it unchanged.
A question with a question word anywhere, an auxiliary or an instruction at its start,
or a follow-up of a previous question is never rewritten.
"""

from __future__ import annotations

import json
import re
from typing import Callable

from .plan import PlanResult

_WH = re.compile(r"\b(?:what|which|who|whom|whose|when|where|how|why)\b", re.I)
# openings that are not a noun phrase: auxiliaries, prepositions, instructions, connectives
_OPEN = re.compile(
    r"^(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|in|on|at|"
    r"of|for|during|after|before|name|list|tell|give|show|find|count|plot|chart|draw|sum|"
    r"average|mean|and|but|or|then|also|now|true|false|yes|no|if|between|besides|other|"
    r"compare|according|based|as|from|with|to|by|since|until|excluding|including|except|"
    r"not|please)\b", re.I)
_COUNT = re.compile(r"^(?:the\s+)?(?:total\s+)?(?:number|count)\s+of\s+(.+)$", re.I)
_TOTAL = re.compile(r"^total\s+(?!number\b|count\b)(.+)$", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_PLURAL_SUPERLATIVE = re.compile(
    r"^(?:most|least|fewest|highest|lowest|greatest)\s+[a-z]{2,}(?<!ss)s\b", re.I)


def wh_equivalent(question: str) -> str | None:
    """The question-word form of a bare noun phrase, or None for any other question."""
    q = question.strip()
    if not q or _WH.search(q) or _OPEN.match(q):
        return None
    m = _COUNT.match(q)
    if m:
        return "how many " + m.group(1)
    m = _TOTAL.match(q)
    if m:
        return "what is the total " + m.group(1)
    body = _ARTICLE.sub("", q)
    first = body.split()[0].lower()
    if "__" in q or (body == q and _plural(first)) or _PLURAL_SUPERLATIVE.match(body):
        return None  # a blank to fill; "games above 20" (count or list?); "most goals" (value?)
    return "which is the " + body


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def as_question(question: str, refused: PlanResult,
                read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the phrase's question form."""
    return read_instead(question, wh_equivalent(question), refused, read)


def read_instead(question: str, alt: str | None, refused: PlanResult,
                 read: Callable[[str], PlanResult]) -> PlanResult:
    """The answered reading of ``alt`` (another wording of ``question``), said in a note
    and kept only if it answers; else ``refused`` as it was."""
    if alt is None:
        return refused
    res = read(alt)
    if res.status != "ok" or res.plan is None:
        return refused
    res.plan.question = question
    res.notes.insert(0, f'Read as "{alt}".')
    return res


def read_with_column(question: str, form: tuple[str, str, str] | None, refused: PlanResult,
                     read: Callable[[str], PlanResult]) -> PlanResult:
    """The answered reading of ``form``'s other wording (``alt``, the column ``col`` it
    names, a ``note`` saying so), kept only if its plan uses ``col``: a reading that ranks
    by something else answers another question. Else ``refused`` as it was."""
    if form is None:
        return refused
    alt, col, note = form
    res = read_instead(question, alt, refused, read)
    if res is refused:
        return refused
    if json.dumps(col, ensure_ascii=False)[1:-1] not in json.dumps(
            res.plan.to_dict(), ensure_ascii=False, default=str):
        return refused
    res.notes.insert(1, note)
    return res


__all__ = ["as_question", "read_instead", "read_with_column", "wh_equivalent"]
