"""A winning or losing streak asked for without a run word (issue 12): "how long was their
best unbeaten streak?", "what was our worst losing streak?".

"<most> [consecutive] <win|winning|losing|loss> streak" after an opener asking for a number ("how long
was", "what was", "how many <noun> was") and before it only the table's own side ("the",
"their", a name no column or value holds: "the otters' longest winning streak") is the
longest run of rows whose one result column opens with that outcome, as "the longest run of
consecutive wins" is. With no such column nothing is read (then refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .positions import PositionC
from .side_names import mark_side, unheld_name

if TYPE_CHECKING:
    from .grammar import Parser

_STREAK = {"streak", "streaks", "run"}
_LETTER = {"win": "w", "winning": "w", "unbeaten": "w", "losing": "l", "loss": "l",
           "winless": "l"}
_MOST = {"longest", "biggest", "largest", "greatest", "most", "best", "worst", "highest"}
_OWNERS = {"the", "their", "his", "her", "its", "our", "a"}
#: a run word between the degree and the outcome ("the longest *successive* win streak")
_RUN = {"consecutive", "successive"}
_BE = {"was", "is", "were"}


def read_streak(p: "Parser", outcome_filter: Callable[["Parser", int, str], bool]) -> bool:
    """Read a streak (see the module docstring); True when read."""
    found = [k for k, nd in enumerate(p.n) if nd.role is None and nd.low in _STREAK and
             k >= 2 and p.n[k - 1].low in _LETTER and (p.n[k - 2].low in _MOST or k >= 3 and
                                                     p.n[k - 2].low in _RUN and
                                                     p.n[k - 3].low in _MOST)]
    if len(found) != 1:
        return False
    k = found[0]
    most = k - 2 if p.n[k - 2].low in _MOST else k - 3  # "the longest successive win streak"
    opener = _opener(p)
    if opener is None or opener >= most:
        return False
    owner = [p.n[j] for j in range(opener, most) if p.n[j].low not in _OWNERS]
    if any(nd.role is not None for nd in p.n[opener:most]) or (owner and not unheld_name(owner)):
        return False
    if not outcome_filter(p, k - 1, _LETTER[p.n[k - 1].low]):
        return False
    if owner:
        mark_side(owner, p.r.notes, p.r.ignored)
    p.r.position = PositionC("longest_run", k)
    p.use(*range(0, opener), *range(opener, most), *range(most, k - 1), k, role="position")
    return True


def _opener(p: "Parser") -> int | None:
    """The index after "how long was" / "what was" / "how many <noun> was", or None."""
    lows = [nd.low for nd in p.n]
    if lows[:2] == ["how", "long"] and len(lows) > 2 and lows[2] in _BE:
        return 3
    if lows[:1] == ["what"] and len(lows) > 1 and lows[1] in _BE:
        return 2
    if lows[:1] in (["what was"], ["what is"]):
        return 1
    if lows[:1] == ["how many"] and len(lows) > 2 and p.n[1].kind in ("word", "col") and \
            lows[2] in _BE:
        return 3
    return None


__all__ = ["read_streak"]
