"""Both sides' scores of a game added (issue 12, scores): "what was the combined score of the
game on May 3", "the average combined score in June", "the highest total score",
"how many goals were scored between both sides on May 3".

A score cell ("W 27–24", "3–1") holds both sides' scores; their sum needs no side told
(Expr op ``score_sum``, planned by ``score_sides.side_plan`` with the side "both"). The
column is the one text column of scores named for a score or a result
(``score_sides.score_source`` first, else the one named column of ``score_margin``'s score
cells), and no column of numbers is named for a total, a score, points or goals.

Read: "combined" or "aggregate" before "score(s)" or a unit ("goals", "points"), or "total"
before "score(s)", or "total <unit>" followed by "of / by / for both teams"; then
* "the average ..." the mean, "the highest / lowest ..." the largest / smallest sum (or with
  "which <column>" / "when" its row, refused when the asked column repeats);
* "how many goals were scored between both sides ..." and "what was the combined score ..." the sum
  over the rows the other conditions pick (one row: its sum).
"the game" / "the match" after it ("of the game on May 3") names the rows and is read past.
"total points" alone stays unread: "how many total points did they score" asks one side's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import name_tokens, stem
from .score_margin import score_columns
from .score_sides import SideScoreC, score_source

if TYPE_CHECKING:
    from .grammar import Parser

_JOINED = {"combined", "aggregate"}
_SCORES = {"score", "scores"}
_UNITS = {"point", "points", "goal", "goals", "run", "runs"}
_DEGREES = {"most": "hi", "highest": "hi", "largest": "hi", "greatest": "hi", "biggest": "hi",
            "least": "lo", "fewest": "lo", "lowest": "lo", "smallest": "lo"}
_BOTH = [("of", "both", "teams"), ("by", "both", "teams"), ("for", "both", "teams"),
         ("scored", "by", "both", "teams"), ("of", "both", "sides"), ("by", "both", "sides")]
_GAMES = {"game", "match", "contest"}
_NUMBER_NAMES = {"total", "score", "point", "goal", "combin", "aggreg", "pt", "pts"}


def _column(p: "Parser") -> str | None:
    found = score_source(p.s)
    if found is not None:
        return found[0]
    named = [c for c in score_columns(p.s)
             if {stem(t) for t in name_tokens(c)} & {"score", "scor", "result", "final"}]
    return named[0] if len(named) == 1 else None


def read_combined_score(p: "Parser") -> None:
    """Read both sides' scores added (see the module docstring)."""
    if p.r.rowdiff is not None or p.r.position is not None:
        return
    hits = [k for k, nd in enumerate(p.n) if nd.kind == "word" and nd.role is None and
            nd.low in _JOINED | {"total"}]
    if len(hits) != 1:
        return
    k = hits[0]
    column = _column(p)
    if column is None or any(
            p.s.col(c).numeric and {stem(t) for t in name_tokens(c)} & _NUMBER_NAMES
            for c in p.s.columns):
        return
    noun = p.node(k + 1)
    if noun is None or noun.role not in (None, "chart") or noun.low not in _SCORES | _UNITS:
        return
    if noun.kind == "col" and set(noun.columns) != {column} or noun.kind not in ("col", "word"):
        return
    used = [k, k + 1]
    end = k + 2
    for words in _BOTH:
        if all(p.low(end + i) == w for i, w in enumerate(words)):
            used += list(range(end, end + len(words)))
            end += len(words)
            break
    else:
        if p.n[k].low == "total" and noun.low in _UNITS:
            return  # "total points": one side's, unless "of both teams"
    ask = "sum"
    before = k - 1
    if p.low(before) in _DEGREES:
        ask = "extreme"
        p.r.superlative_word = p.low(before)
        p.r.superlative = _DEGREES[p.r.superlative_word]
        used.append(before)
    elif p.low(before) == "average" and p.n[before].role is None:
        ask = "mean"
        used.append(before)
    elif p.low(before) == "how many" and noun.low in _UNITS and \
            p.low(end) in ("were", "was") and p.low(end + 1) == "scored":
        used += [before, end, end + 1]
        end += 2
    if any(p.n[i].role not in (None, "chart") for i in used):
        return
    if p.low(end) == "of" and p.low(end + 1) == "the" and p.low(end + 2) in _GAMES:
        used += [end, end + 1, end + 2]  # "of the game on May 3": the rows
    p.r.rowdiff = SideScoreC(column, column, "both", ask)
    if noun.role == "chart":
        noun.role = None
        p.r.chart.kind = None
    p.use(*used, role="rowdiff")


__all__ = ["read_combined_score"]
