"""Rows ranked by the number a text cell opens with (issue 12): "which province has the most
municipalities" over cells "102 municipalities", "which pylon is the tallest" over heights
"113.6 m", "the peak with the least isolation" over "67 mi / 109 km".

A column is ranked so when it is text whose every cell holding a digit opens with a number
followed by one and the same word in all of them (a unit, "m", "mi", or the counted noun,
"municipalities" / "municipality"); cells without a digit ("–", "n/a") are left out of the
ranking, and the plan says so. Cells that open with numbers of different things ("4
consecutive titles", "0 cups") are not comparable and are not ranked.

The superlative must be right before the column's name ("the most parishes", "the
largest area") or, for a word of size ("tallest", "heaviest"), the column must be the one
named for that size. What answers is the "which" column, the column named before the
superlative ("what is the county with the most ..."), or the rows' names for "who".
Every other word must be one this reading may pass over; else the reading is left to the
others, which refuse.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import MONTHS, attribute_words, name_tokens, stem
from .lengths import shown_values

if TYPE_CHECKING:
    from .grammar import Parser

#: superlatives -> the end of the numbers ranked
_DEGREES = {"most": "hi", "highest": "hi", "largest": "hi", "greatest": "hi", "biggest": "hi",
            "least": "lo", "fewest": "lo", "lowest": "lo", "smallest": "lo"}
#: words this reading passes over
_PASS = {"the", "a", "an", "of", "with", "has", "had", "have", "is", "was", "are", "were",
         "in", "on", "this", "that", "these", "list", "number", "amount", "total"}
_CELL = re.compile(r"^[\s\u00a0]*(\d[\d,]*(?:\.\d+)?)[\s\u00a0]*([^\W\d_]+)", re.S)


def lead_column(p: "Parser", col: str) -> bool:
    """A text column whose cells with a digit all open with a number and one same word."""
    prof = p.s.col(col)
    if prof.numeric or prof.kind != "text":
        return False
    words, n = set(), 0
    for v in shown_values(p.s, col):
        if not re.search(r"\d", v):
            continue
        m = _CELL.match(v)
        if m is None:
            return False
        if m.group(2).lower() in MONTHS:
            return False  # "30 January 1920": a date, not an amount
        words.add(stem(m.group(2).lower()))
        n += 1
    return n >= 2 and len(words) == 1


def read_lead_rank(p: "Parser") -> None:
    """Read the ranking described in the module docstring into ``p.r.rowdiff``."""
    from .length_compare import LengthRankC

    sups = [i for i, nd in enumerate(p.n) if nd.kind == "word" and nd.role is None and
            (nd.low in _DEGREES or nd.tags.get("implied", (None,))[0] in ("height", "weight"))]
    if len(sups) != 1:
        return
    k = sups[0]
    deg = p.n[k]
    rank = _DEGREES.get(deg.low) or deg.tags["implied"][1]
    ranked = _ranked(p, k)
    if ranked is None:
        return
    col, used = ranked
    units = _cell_words(p, col)  # "the biggest plot in acres" over "49 ha (122 acres)"
    asked = p.r.which_col
    for i, nd in enumerate(p.n):
        if i in used or i == k or nd.role in ("filter", "which") or nd.kind == "val":
            continue
        if nd.role is not None or nd.kind in ("num", "date", "decade", "quote"):
            return
        if nd.kind == "col" and i < k and asked is None and len(set(nd.columns)) == 1 and \
                not p.s.col(nd.columns[0]).numeric and nd.columns[0] != col:
            asked = nd.columns[0]  # "which province", "what is the province with ..."
            used.append(i)
        elif nd.kind == "word" and (nd.low in _PASS or "func" in nd.tags or
                                    nd.low in ("which", "what", "who", "whom", "?") or
                                    (nd.low in units and i > k)):
            used.append(i)
        else:
            return
    first = p.next_content(0, {"so", "and", "then"})
    if asked is None and p.low(first) in ("who", "which"):
        asked = p.s.label_column()
    if asked is None or asked == col:
        return
    for i in used + [k]:
        if p.n[i].role is None:
            p.n[i].role = "length"
    p.r.rowdiff = LengthRankC(col, rank, asked, op="lead")


def _cell_words(p: "Parser", col: str) -> set[str]:
    """The lower-case words of the column's cells ("ha", "acres")."""
    return {w.lower() for v in shown_values(p.s, col) for w in re.findall(r"[^\W\d_]+", v)}


def _ranked(p: "Parser", k: int) -> tuple[str, list[int]] | None:
    """(the column ranked, the nodes naming it) for the superlative at ``k``."""
    j = k + 1
    while j < len(p.n) and p.n[j].kind == "word" and p.n[j].low in ("number", "amount", "of"):
        j += 1
    nd = p.node(j)
    if nd is not None and nd.kind == "col" and nd.role is None and len(set(nd.columns)) == 1 \
            and lead_column(p, nd.columns[0]):
        return nd.columns[0], list(range(k + 1, j + 1))
    implied = p.n[k].tags.get("implied", (None,))[0]
    if implied in ("height", "weight"):  # "the tallest": the one column named for height
        words = attribute_words(implied)
        cols = [c for c in p.s.names() if {stem(t) for t in name_tokens(c)} & words]
        if len(cols) == 1 and lead_column(p, cols[0]):
            return cols[0], []
    return None


__all__ = ["lead_column", "read_lead_rank"]
