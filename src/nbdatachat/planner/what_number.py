""""What number of <nouns> ...": a count asked with "what", read as "how many <nouns>".

"What number of players scored twice" asks how many players did, but the reader takes the
asked type from the question word, and "what" + "number of" then reads as asking for the
rows' names, which the answer-type check rightly refuses. When such a question is refused,
it is read once more with "how many" in place of "what number of", and that reading is kept
only when it answers; every check of the reader applies to it unchanged. "At least what
number of" (a bound, not a count) and a follow-up are never rewritten.
"""

from __future__ import annotations

import re
from typing import Callable

from .noun_phrase import read_instead
from .plan import PlanResult

_WHAT_NUMBER = re.compile(r"(?<!least )(?<!most )\bwhat\s+number\s+of\b", re.I)


def how_many_form(question: str) -> str | None:
    """``question`` with its "what number of" said as "how many", or None."""
    if len(_WHAT_NUMBER.findall(question)) != 1:
        return None
    return _WHAT_NUMBER.sub("how many", question)


def as_how_many(question: str, refused: PlanResult,
                read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the question's "how many" form."""
    return read_instead(question, how_many_form(question), refused, read)


__all__ = ["as_how_many", "how_many_form"]
