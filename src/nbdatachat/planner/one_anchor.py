"""The row right before / after "the one <clause>" (issue 12, table order): "which ferry sailed
*directly before the one* from Harrow Quay?", "the keeper listed *right below the one with*
a cap of 12 and a goal of 3", "the single released *just after the one that had* X on it".

The anchor row is not named by a value next to the direction word but described by a clause
after "the one"; the conditions the other rules read in that clause (values, "a cap of 12")
are its anchor, as a value would be (``positions.py``). Run once every other rule ran
(``clause_anchor.py``), only when:

* a direction word ("before", "after", "above", "below", "preceding", "following"), perhaps
  after "immediately" / "directly" / "right" / "just", is followed by "the one";
* every condition the question holds was read after "the one", each an equality of a value
  or a number, not negated;
* every other word after "the one" is a linking word ("that", "had", "with", "in", "on it",
  "a", "of", "and" ...).

The anchor must then name one row: the query says so otherwise (``query/execute.py``).
Anything else stays unread and the coverage check refuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .position_echo import absorb_echoes
from .positions import PositionC

if TYPE_CHECKING:
    from .grammar import Parser

_NEXT = {"after", "below", "following"}
_PREVIOUS = {"before", "above", "preceding"}
_ADVERBS = {"immediately", "directly", "right", "just"}
#: words of the clause besides its conditions
_LINKS = {"that", "which", "who", "where", "whose", "is", "was", "were", "are", "had", "has",
          "have", "with", "in", "at", "on", "it", "of", "a", "an", "the", "and", "from", "for",
          "by", "against"}
_END = {"?", ".", "!"}
_HELD = "one_anchor"


def hold_one_anchor(p: "Parser") -> None:
    """Before the other rules: keep "<direction> the one <link word>" from them ("before the
    one" is no comparison with the number 1); ``read_one_anchor`` reads or releases it."""
    at = [i for i, nd in enumerate(p.n) if nd.role is None and nd.kind == "word" and
          nd.low in _NEXT | _PREVIOUS and p.low(i + 1) == "the" and p.low(i + 2) == "one" and
          p.low(i + 3) in _LINKS and all(p.n[k].role is None for k in (i + 1, i + 2))]
    if len(at) == 1:
        p.use(at[0], at[0] + 1, at[0] + 2, role=_HELD)


def read_one_anchor(p: "Parser") -> bool:
    """Read "<direction> the one <clause>" (module docstring); True when read. Words held
    by ``hold_one_anchor`` and not read are released (left unread)."""
    at = [i for i, nd in enumerate(p.n) if nd.role == _HELD]
    if not at:
        return False
    for k in at:
        p.n[k].role = None
    if p.r.position is not None or not p.r.filters:
        return False
    i = at[0]
    start = i + 3
    if any(f.at < start or f.op != "=" or f.negated for f in p.r.filters):
        return False
    for k in range(start, len(p.n)):
        nd = p.n[k]
        if nd.role == "filter" or nd.low in _END:
            continue
        if nd.role not in (None, "followup", "link") or nd.low not in _LINKS:
            return False
    used = [i, i + 1, i + 2]
    if p.node(i - 1) is not None and p.n[i - 1].role is None and p.low(i - 1) in _ADVERBS:
        used.append(i - 1)
    kind = "next" if p.n[i].low in _NEXT else "previous"
    p.r.position = PositionC(kind, i, anchor=list(p.r.filters))
    p.r.filters = []
    p.use(*used, role="position")
    for k in range(start, len(p.n)):
        nd = p.n[k]
        if nd.role == "filter":
            nd.role = "anchor"
        elif nd.low not in _END:
            nd.role = "anchor"
    absorb_echoes(p)
    return True


__all__ = ["hold_one_anchor", "read_one_anchor"]
