"""A side named in either of two side columns: "how many games did the Owls play" over a
fixture list with "Home team" and "Away team".

A table of matches often names the two sides of each row in two columns named alike but
for their side ("Home team" / "Away team", "Home" / "Visitor", "Player 1" / "Player 2"). A
name found in both is a value of several columns, which the reader asks back. When the
question counts the games the name *played*, both columns count: the rows where either
side is that name (one game has one row, and a side does not play itself).

Read only when all of this holds:

* the question asks "how many" and says a form of "play", with no outcome word (won, lost,
  beat, drew ...: those say which side, see ``role_columns.py``), no "home" / "away"
  (which pick one column) and no negation;
* the name is the question's only filter, its best matches are exactly two columns, and
  the two column names differ in one word only, a pair of sides (home / away, home /
  visitor(s) / visiting, host / guest, 1 / 2).

Then the reading's filters are the name in either column ("or"), and the note says so.
"""

from __future__ import annotations

from .constituents import FilterC, Reading
from .lexicon import name_tokens

_PLAY = {"play", "plays", "played", "playing"}
_OUTCOMES = {"win", "wins", "won", "winning", "lose", "loses", "lost", "losing", "beat",
             "beaten", "draw", "drew", "drawn", "tie", "tied", "defeat", "defeated",
             "score", "scored", "home", "away", "not", "never", "without", "against",
             "host", "hosted", "visited", "visit", "visiting", "most", "least", "fewest"}
_SIDES = [{"home", "away"}, {"home", "visitor"}, {"home", "visitors"}, {"home", "visiting"},
          {"host", "guest"}, {"1", "2"}]


def _sides(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are named alike but for one word that names a side."""
    ta, tb = [t.lower() for t in name_tokens(a)], [t.lower() for t in name_tokens(b)]
    if len(ta) != len(tb):
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    return len(diff) == 1 and set(diff[0]) in _SIDES


def read_either_side(r: Reading) -> None:
    """Resolve the question back of a name found in two side columns (module docstring)."""
    if r.clarify is None or len(r.clarify[1]) != 2 or len(r.filters) != 1:
        return
    low = {nd.low for nd in r.nodes if nd.kind == "word"}
    q = r.question.lower()
    if "how many" not in q or not low & _PLAY or low & _OUTCOMES:
        return
    f = r.filters[0]
    a, b = r.clarify[1]
    if f.negated or f.op != "=" or f.column not in (a, b) or not _sides(a, b):
        return
    nd = next((n for n in r.nodes if n.kind == "val" and n.role == "filter"), None)
    if nd is None or sum(n.kind == "val" for n in r.nodes) != 1:
        return
    best = nd.item.matches[0].score
    values = {m.column: m.value for m in nd.item.matches if m.score == best}
    if set(values) != {a, b}:
        return
    r.filters = [FilterC(a, "=", values[a], at=f.at), FilterC(b, "=", values[b], at=f.at)]
    r.logic = "or"
    r.clarify = None
    r.notes.append(f'"{nd.text}" is a side in either {a!r} or {b!r}: the games it played '
                   f"are the rows of both.")


__all__ = ["read_either_side"]
