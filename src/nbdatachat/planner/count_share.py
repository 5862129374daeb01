"""A count and its share named by one word, told apart by the question.

Tables of results often keep a number and its percentage side by side, named alike but for
a mark: "# of ballots" / "% of ballots", "Ballots" / "Ballots %", "Kim#" / "Kim%", "Number
of members" / "Share of members". "the most ballots" names both. The question says which:

* a word of share ("percentage", "percent", "share", "pct", "%") or a number written with
  a percent sign ("over 30%") -> the share column;
* otherwise the count column: "ballots" are counted things, their share is said as one
  ("the number of ballots", "more than 100,000 ballots", "the most ballots").

Picked only when the mention's candidates are exactly two numeric columns whose names are
equal once the marks are set aside, one marked as a share and the other as a count (or not
marked at all), and the question does not say both a share and "number of" / "#". The share
word, or "number" said right before the mention, is read (it said which column); the note
says which column was used. Anything else is left to the other readings, which ask back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import Node

if TYPE_CHECKING:
    from .grammar import Parser

#: header and question words of a share, and of a count
_SHARE = {"%", "percent", "percentage", "percentages", "pct", "share", "proportion"}
_COUNT = {"#", "number", "no", "count", "num"}
_WORD = re.compile(r"%|#|[^\W_]+")


def _marks(name: str) -> tuple[str | None, tuple[str, ...]]:
    """("share" / "count" / None, the name's other words)."""
    toks = [t.lower() for t in _WORD.findall(name)]
    share = [t for t in toks if t in _SHARE]
    count = [t for t in toks if t in _COUNT]
    rest = tuple(t for t in toks if t not in _SHARE and t not in _COUNT and t != "of")
    if share and count:
        return "both", rest
    return ("share" if share else "count" if count else None), rest


def share_pair(p: "Parser", top: list[str]) -> tuple[str, str] | None:
    """(the count column, the share column) when ``top`` is such a pair, else None."""
    if len(top) != 2 or not all(p.s.col(c).numeric or _percent_text(p, c) for c in top):
        return None
    (ma, ra), (mb, rb) = _marks(top[0]), _marks(top[1])
    if ra != rb or not ra:
        return None
    if ma == "share" and mb in ("count", None):
        return top[1], top[0]
    if mb == "share" and ma in ("count", None):
        return top[0], top[1]
    return None


def _percent_text(p: "Parser", c: str) -> bool:
    """A text column of percentages ("48.1%")."""
    prof = p.s.col(c)
    vals = [str(v) for v in (prof.values or prof.examples or []) if v is not None]
    return bool(vals) and all(re.fullmatch(r"\s*-?[\d.,]+\s*%\s*", v) for v in vals)


def pick_count_share(p: "Parser", nd: Node, top: list[str]) -> str | None:
    """The count or the share column of ``top`` as the question says (module docstring)."""
    pair = share_pair(p, top)
    if pair is None:
        return None
    count, share = pair
    i = next((k for k, x in enumerate(p.n) if x is nd), None)
    if i is None:
        return None
    said = [x for x in p.n if x is not nd and x.kind in ("word", "sym") and x.role is None
            and x.low in _SHARE]
    pct = [x for x in p.n if x.kind == "num" and getattr(x.item.tok, "pct", False)]
    before = p.node(i - 1)
    if before is not None and before.low in ("the", "a") and p.node(i - 2) is not None:
        before = p.node(i - 2)
    counted = before if before is not None and before.kind == "word" and \
        before.role is None and before.low in ("number", "#") else None
    if (said or pct) and counted is not None:
        return None  # "the number ... percentage": both said
    if said or pct:
        for x in said:
            x.role = "column"
        how = f'"{said[0].text}"' if said else "a number with a percent sign"
        p.r.notes.append(f'read "{nd.text}" as {share!r}: {how} asks the share')
        return share
    if counted is not None:
        counted.role = "column"
    p.r.notes.append(f'read "{nd.text}" as {count!r}, the count ({share!r} is its share)')
    return count


__all__ = ["pick_count_share", "share_pair"]
