""""no" as a determiner, not a column's name: "drivers with no points", "had no wins".

A table may number its rows in a column headed "No" or "No." (an abbreviation of
"number"), and the word "no" then grounds to that column. But "no" between a verb or
preposition and a noun ("had no points", "with no engines", "no drivers finished") is the
negating determiner, read by the negation rules. It names the column only in the
abbreviation's own places: after "the"/"which"/"what"/a possessive ("the no of", "which no
won"), before "of" or a number ("no 7", "no. 16"), or when nothing follows it.
"""

from __future__ import annotations

from .tokens import Tok

_BEFORE_NAME = {"the", "a", "which", "what", "whose", "its", "his", "her", "their", "by",
                "per", "each", "same", "your", "our", "my", "this", "that"}
_AFTER_NAME = {"of", "and", "or", "for", "in", "on", "at", "to", "is", "was", "are", "were"}


def determiner_no(toks: list[Tok], i: int) -> bool:
    """Whether token ``i`` is the determiner "no" before a noun, not a "No." column."""
    if toks[i].low != "no" or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    if nxt.kind != "word" or nxt.low in _AFTER_NAME:
        return False
    return i == 0 or toks[i - 1].low not in _BEFORE_NAME


__all__ = ["determiner_no"]
