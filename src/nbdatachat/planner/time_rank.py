"""Rows ranked by a column of elapsed times through a word of speed or merit (issue 12):
"who had the fastest time", "which rider was the slowest", "what was the best time",
"the worst time of the heat" -> the row with the fewest (fastest, quickest, best, lowest)
or the most (slowest, worst) seconds in the table's one text column of elapsed times.

:mod:`length_compare` ranks by "longest" / "shortest"; this module finds the other degree
words and hands the same ranked reading (``LengthRankC``) to it. Read only when:

* "fastest" / "quickest" / "slowest" and the data has no numeric column of speeds (a speed
  column is ranked by the ordinary superlative, the highest speed being the fastest);
* "best" / "worst" / "lowest" only right before "time" or the elapsed column's own name (the
  best of a score is its highest; of a time, its lowest);
* the table has exactly one text column of elapsed times, and every column the question
  names is that one or read by another part of the reading (a filter).

What answers is as for "longest": the time itself when the question asks "what was the
fastest time", else the "which" column or the rows' names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lengths import _TOTAL_NAMES, elapsed_column
from .lexicon import attribute_words, name_tokens, stem

if TYPE_CHECKING:
    from .grammar import Parser

#: words of speed -> the end of the seconds ranked ("lo": fewest seconds)
_SPEED = {"fastest": "lo", "quickest": "lo", "slowest": "hi"}
#: words of merit or size said of a time -> the end of the seconds ranked
_MERIT = {"best": "lo", "worst": "hi", "lowest": "lo", "fastest": "lo", "quickest": "lo",
          "slowest": "hi", "top": "lo"}
_TIME_WORDS = {"time", "times"}



def time_degree(p: "Parser") -> tuple[int, str, list[int]] | None:
    """(index of the degree word, "lo" / "hi", indexes of "time" words read with it) of the
    one degree of a ranking by elapsed time (module docstring), else None."""
    if not any(nd.kind == "word" and (nd.low in _MERIT or nd.low in _SPEED) for nd in p.n):
        return None  # no degree word: every question passes here, so the columns wait
    cands = elapsed_columns(p)
    if not cands:
        return None
    found: list[tuple[int, str, list[int]]] = []
    for i, nd in enumerate(p.n):
        if nd.kind != "word" or nd.role not in (None, "superlative"):
            continue
        nxt = p.node(i + 1)
        timed = nxt is not None and nxt.role is None and (
            (nxt.kind == "word" and nxt.low in _TIME_WORDS) or
            (nxt.kind == "col" and set(nxt.columns) <= set(cands)))
        if nd.low in _MERIT and timed:
            found.append((i, _MERIT[nd.low], [i + 1] if nxt.kind == "word" else []))
        elif nd.low in _SPEED and not _speed_columns(p):
            found.append((i, _SPEED[nd.low], []))
    return found[0] if len(found) == 1 else None


def which_column(p: "Parser", i: int) -> str | None:
    """The column of the col node ``i`` when only values (read as filters) stand between it
    and "which" ("which Kenyan runner": the runners' column), else None."""
    k = i - 1
    while k >= 0 and p.n[k].kind == "val" and p.n[k].role in (None, "filter"):
        k -= 1
    if k < 0 or p.n[k].low != "which" or k == i - 1 or len(set(p.n[i].columns)) != 1:
        return None  # (right after "which" the grammar reads the column itself)
    c = p.n[i].columns[0]
    return c if not p.s.col(c).numeric else None


def row_column(p: "Parser", i: int, degree: int) -> str | None:
    """The text column of the col node ``i`` right after a degree of speed ("the fastest
    *car*": the row's car), else None; never after "longest" / "shortest" (a length)."""
    if p.n[degree].tags.get("implied", (None,))[0] == "length" or len(set(p.n[i].columns)) != 1:
        return None
    c = p.n[i].columns[0]
    prof = p.s.col(c)
    return c if prof.kind == "text" and not elapsed_column(p.s, c) else None


def one_elapsed(cands: list[str], mentioned: set[str]) -> list[str]:
    """Of several columns of elapsed times, the one the question names, else the one named
    for a total ("Run 1", "Run 2", "Total"); all of them when neither tells."""
    if len(cands) <= 1:
        return cands
    named = [c for c in cands if c in mentioned]
    if len(named) == 1:
        return named
    totals = [c for c in cands if {t.lower() for t in name_tokens(c)} & _TOTAL_NAMES]
    return totals if len(totals) == 1 else cands


def elapsed_columns(p: "Parser") -> list[str]:
    """The text columns of elapsed times ("1:24.10", "2:01:33")."""
    return [c for c in p.s.names() if p.s.col(c).kind == "text" and elapsed_column(p.s, c)]


def _speed_columns(p: "Parser") -> list[str]:
    words = attribute_words("speed")
    return [c for c in p.s.columns if p.s.col(c).numeric and
            {stem(t) for t in name_tokens(c)} & words]


__all__ = ["elapsed_columns", "one_elapsed", "row_column", "time_degree", "which_column"]
