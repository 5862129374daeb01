"""The difference between the highest and the lowest value of one column (issue 12,
differences): "the difference between the highest and the lowest attendance", "the gap
between the greatest score and the least score", "the difference in points between the
club with the most points and the club with the fewest", "the difference in sales from the
highest to the lowest".

One difference word, then exactly two plain superlatives (one high, one low) and one
numeric column named (once or beside each superlative). The rows' own column may be named
before "with" ("the club *with* the most points"). The answer is the largest value minus
the smallest (aggregation ``range``) over the rows the other filters keep. Refused (the
reading is left to the other rules): an implied attribute ("the tallest and the shortest":
which column?), a third superlative or an ordinal ("the second highest"), no column or two
columns named, a column of text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .plan import AggregatePlan
from .plan_parts import Measure
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

_DIFF = {"difference", "gap"}
_PLAIN = {"highest", "lowest", "greatest", "least", "most", "fewest", "largest", "smallest",
          "biggest", "maximum", "minimum", "max", "min", "top", "bottom"}

#: words joining the two ends, read here
_LINKS = {"between", "with", "who", "that", "and", "from", "to"}


@dataclass
class ExtremesC:
    """The largest minus the smallest value of ``column``."""

    column: str
    kind: str = "extremes"


def read_extremes_gap(p: "Parser") -> None:
    """Find "the difference between the highest and the lowest <column>" (see the module
    docstring)."""
    diff = [i for i, nd in enumerate(p.n) if nd.low in _DIFF and nd.role in (None, "change")]
    if len(diff) != 1:
        return
    d = diff[0]
    sups = [i for i, nd in enumerate(p.n) if nd.kind == "word" and "sup" in nd.tags]
    if len(sups) != 2 or any(p.n[i].role is not None or i < d for i in sups):
        return
    ways = {p.n[i].tags["sup"] for i in sups}
    if ways != {"hi", "lo"} or any(p.n[i].low not in _PLAIN or p.n[i].tags.get(
            "implied", ("size",))[0] != "size" for i in sups):
        return
    if any(nd.kind == "num" or "ordinal" in nd.tags or "limit" in nd.tags for nd in p.n):
        return  # "the second highest", "the top 3": not the two ends
    measures: list[int] = []
    rows: list[int] = []
    for i, nd in enumerate(p.n):
        if nd.kind != "col" or nd.role is not None:
            continue
        c = p.column_of(nd, prefer="numeric")
        prof = p.s.col(c)
        if prof.numeric and not prof.binary and prof.role != "id":
            measures.append(i)
        elif _names_value(p, i, c):
            continue  # "in region North": a filter, read by the value rules
        elif p.low(i + 1) in ("with", "who", "that") and i > d:
            rows.append(i)  # "the club with the most points": the rows named
        else:
            return
    cols = {p.column_of(p.n[i], prefer="numeric") for i in measures}
    if len(cols) != 1:
        return
    for i in sups:  # "the most *recent*", "the highest *scoring*": not the column's ends
        k = i + 1
        if p.low(k) in ("amount of", "number of"):
            k += 1
        if k not in measures and k < len(p.n) and p.low(k) not in ("and", "?", ".", ",", "to"):
            return
    p.r.rowdiff = ExtremesC(cols.pop())
    p.use(d, *sups, *measures, *rows, role="rowdiff")
    for i in range(d + 1, len(p.n)):  # "between", "from ... to", "the amount of <column>"
        if p.low(i) in _LINKS or p.low(i) in ("amount of", "number of") and i + 1 in measures:
            p.use(i, role="rowdiff")
    p.r.notes.append(f"the difference between the highest and the lowest {p.r.rowdiff.column}"
                     f": its largest value minus its smallest")


def _names_value(p: "Parser", i: int, col: str) -> bool:
    nxt = p.node(i + 1)
    return nxt is not None and nxt.kind == "val" and \
        col in {m.column for m in nxt.item.matches}


def extremes_plan(r: Reading, s: SchemaModel) -> AggregatePlan:
    """The largest minus the smallest value of the column over the filtered rows."""
    c = r.rowdiff
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "share", "limit",
                                 "chart", "count", "position", "contrast", "tool", "measure")
    if blocking:
        raise Incomplete(f"That asks for the difference between the highest and the lowest "
                         f"{c.column!r} together with {blocking[0]}, which I cannot read "
                         f"together yet.", s.names()[:12])
    return AggregatePlan(measures=[Measure("range", c.column)], filters=filters_of(r),
                         logic=r.logic)


__all__ = ["ExtremesC", "extremes_plan", "read_extremes_gap"]
