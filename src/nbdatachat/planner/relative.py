"""Where one named row stands against another (issue 12, table order): "is X listed *above
or below* Y", "did X place above or below Y", "did they play X *before or after* Y".

Both rows are values of one column of the table; the answer is the question's own word for
the first row coming earlier ("above", "before", "earlier") or later, in the table's row
order. Read only when the question is a yes/no-or-choice about the two rows: any other
content word is left to the coverage check (which refuses), and a row named more than once
in the table gives no answer at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC, Incomplete, Reading, filters_of
from .plan import Filter
from .plan_kinds import PositionPlan
from .positions import PositionC
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

#: the two words of a choice, the one meaning "comes first" first
_PAIRS = {("above", "below"): ("above", "below"), ("below", "above"): ("above", "below"),
          ("before", "after"): ("before", "after"), ("after", "before"): ("before", "after"),
          ("earlier", "later"): ("earlier", "later"), ("later", "earlier"): ("earlier", "later"),
          ("higher", "lower"): None, ("lower", "higher"): None}
_AUX = {"is", "was", "are", "were", "did", "does", "do"}
#: words between the first row and the choice ("is X *listed* above or below Y")
_VERBS = {"listed", "placed", "place", "finish", "finished", "come", "came", "appear",
          "appears", "appeared", "ranked", "located", "shown", "play", "played", "occur",
          "occurred", "happen", "happened", "held"}
_TAIL = {"the", "on", "in", "list", "table", "chart", "this", "order", "ranking", "rankings"}


def read_relative(p: "Parser") -> None:
    """Find one "X <verb> above or below Y" (see the module docstring)."""
    for i in range(len(p.n) - 1):
        a = p.n[i]
        if a.role is not None:
            continue
        if p.n[i + 1].low.startswith("or ") and p.n[i + 1].role is None:
            span = [i, i + 1]  # "above" "or below": the lexicon's phrase
            second = p.n[i + 1].low[3:]
        elif p.n[i + 1].low == "or" and p.node(i + 2) is not None and \
                p.n[i + 2].role is None:
            span = [i, i + 1, i + 2]
            second = p.n[i + 2].low
        else:
            continue
        labels = _PAIRS.get((a.low, second))
        if labels is None:
            continue
        first = p.next_content(0, {"so", "and", "then"})
        if p.low(first) not in _AUX:
            return
        j = first + 1
        while p.node(j) is not None and p.n[j].low in ("the", "they", "he", "she", "it"):
            j += 1
        x = p.node(j)
        if x is None or x.kind != "val" or x.role not in (None, "filter"):
            return
        used = [first, *span] + list(range(first + 1, j))
        for k in range(j + 1, i):
            if p.n[k].low not in _VERBS or p.n[k].role is not None:
                return
            used.append(k)
        m = span[-1] + 1
        while p.node(m) is not None and p.n[m].low == "the":
            used.append(m)
            m += 1
        y = p.node(m)
        if y is None or y.kind != "val" or y.role not in (None, "filter"):
            return
        for k in range(m + 1, len(p.n)):
            if p.n[k].low not in _TAIL:
                return  # more after the second row: another question
            used.append(k)
        cx, cy = p._value_column(x), p._value_column(y)
        vx = list(dict.fromkeys(v.value for v in x.item.matches if v.column == cx))
        vy = list(dict.fromkeys(v.value for v in y.item.matches if v.column == cy))
        if cx != cy or len(vx) != 1 or len(vy) != 1 or vx == vy or p.r.clarify is not None:
            return
        pos = PositionC("relative", i, anchor=[FilterC(cx, "=", vx[0], at=j)])
        pos.other = [FilterC(cy, "=", vy[0], at=m)]  # type: ignore[attr-defined]
        pos.labels = list(labels)  # type: ignore[attr-defined]
        p.r.position = pos
        p.use(*used, role="position")
        x.role = y.role = "anchor"
        # the two rows were read as filters first: they name the rows compared instead
        p.r.filters = [f for f in p.r.filters if f.at not in (j, m)]
        return


def relative_plan(r: Reading, s: SchemaModel) -> PositionPlan:
    """The :class:`PositionPlan` of "X above or below Y"; nothing else may be asked."""
    pos = r.position
    if r.groups or r.measures or r.global_agg or r.superlative or r.count or r.limit or \
            r.share or r.chart.kind or r.contrast is not None or r.filters:
        raise Incomplete("That asks where one row stands against another together with "
                         "something else, which I cannot read together yet.", s.names()[:12])
    return PositionPlan(position="relative",
                        anchor=[Filter(f.column, f.op, f.value) for f in pos.anchor],
                        other=[Filter(f.column, f.op, f.value) for f in pos.other],
                        labels=list(pos.labels), filters=filters_of(r))


__all__ = ["read_relative", "relative_plan"]
