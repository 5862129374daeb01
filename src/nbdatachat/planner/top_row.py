""""At the top" as a place in the table, not a ranking: "which river is listed at the top?",
"what county is on top?", "the top town listed on this page", "the top listed singer",
"which genre is top on the chart".

"Top" is a superlative when a measure follows it ("the top scorer", "on top in goals", "the
top speed listed"), and "the top of the list" is read in ``positions.py``. Here it is the
first row in the table's own order, read only in these shapes:

* "at the top" / "on top" / "on the top" closing the question (optionally followed by
  "listed" / "shown");
* "is top" followed by nothing or by "on / in the <list noun>";
* "the top <thing> ... listed / in the table", "the top listed <thing>": the thing a column
  of names (never a column of numbers, whose top is its largest value) or a noun, and the
  question says the row is listed (a listing word or a list noun).

Anything else the question holds (a measure, a ranking, a count) is left to the other rules
and the coverage check, which refuse what cannot be read together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .anchor_forms import LIST_NOUNS
from .schema import opens_with_letter

if TYPE_CHECKING:
    from .grammar import Parser

_LISTING = {"listed", "shown"}
_COPULAS = {"is", "was", "are", "were"}


def read_top_row(p: "Parser") -> int | None:
    """The index of a "top" read as the first row (its words used), else None."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "word" or nd.low != "top":
            continue
        span = _at_the_top(p, i) or _is_top(p, i) or _top_thing(p, i)
        if span:
            p.use(*span, role="position")
            return i
    return None


def _closing(p: "Parser", j: int) -> list[int] | None:
    """Nothing after ``j`` but "listed"/"shown" or "on/in the <list noun>": the words to use."""
    rest = list(range(j, len(p.n)))
    words = [p.n[k].low for k in rest]
    if not words:
        return []
    if words in (["listed"], ["shown"]):
        return rest
    if words[0] in ("on", "in", "of") and words[-1] in LIST_NOUNS and \
            all(w in ("the", "this", "that") for w in words[1:-1]):
        return rest
    return None


def _at_the_top(p: "Parser", i: int) -> list[int] | None:
    """"... at the top", "... on top", "... on the top listed"."""
    k = i - 1
    span = [i]
    if p.low(k) == "the":
        span.append(k)
        k -= 1
    if p.low(k) not in ("at", "on") or p.n[k].role is not None:
        return None
    span.append(k)
    tail = _closing(p, i + 1)
    if tail is None or (tail and p.low(i + 1) == "of"):
        return None  # "at the top of X": positions.py reads the list nouns it allows
    return span + tail


def _is_top(p: "Parser", i: int) -> list[int] | None:
    """"which genre is top", "which genre is top on the chart"."""
    if p.low(i - 1) not in _COPULAS:
        return None
    tail = _closing(p, i + 1)
    return None if tail is None else [i] + tail


def _top_thing(p: "Parser", i: int) -> list[int] | None:
    """"the top town listed on this page", "the top listed singer"."""
    if p.low(i - 1) != "the":
        return None
    j = i + 1
    used = [i]
    if p.low(j) in _LISTING:
        used.append(j)
        j += 1
    thing = p.node(j)
    if thing is None or thing.role is not None or thing.kind not in ("col", "word"):
        return None
    if thing.kind == "col" and not all(_names(p, m.column) for m in thing.item.matches):
        return None  # "the top speed listed", "the top listed price": the largest amount
    if thing.kind == "word" and (thing.tags or thing.low in LIST_NOUNS):
        return None  # a word the lexicon reads ("the top scoring", "the top 5")
    listed = len(used) > 1 or any(nd.low in _LISTING or nd.low in LIST_NOUNS
                                  for nd in p.n[j + 1:])
    return used if listed else None


def _names(p: "Parser", column: str) -> bool:
    """Most cells open with a letter: names, not amounts (numbers, "$2m", "12:30")."""
    prof = p.s.col(column)
    values = [v for v in prof.values or [] if v is not None]
    if prof.numeric or not values:
        return False
    return sum(opens_with_letter(v) for v in values) >= 0.8 * len(values)


__all__ = ["read_top_row"]
