"""What two named rows share: "A and B both played which position?", "A and B were both
from which country?", "which label did A and B both sign with?".

Both items are values of one column, joined by "and", with "both" after them; the asked
column is the one of "which / what <column>". The reading is the same-as lookup of
``same_as.py`` with B's row as the rows asked about and A's row as the one compared with:
B's value of the column when it equals A's, and no row when the two differ (the answer then
says no row matches, never one of the two values). An item of a text column may hold several
rows (a rider's wins: the values both items' rows share); a number must name one row each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC
from .contrast_numbers import one_row_each
from .same_as import SameC

if TYPE_CHECKING:
    from .grammar import Parser


def read_both(p: "Parser") -> None:
    """Find "<A> and <B> ... both ... which <column>" (module docstring)."""
    if p.r.same is not None or p.r.which_col is None:
        return
    for i, nd in enumerate(p.n):
        if nd.kind != "word" or nd.low != "both" or nd.role is not None:
            continue
        pair = _pair_before(p, i)
        if pair is None:
            return
        a, b, col, va, vb = pair
        asked = p.r.which_col
        if asked == col or p.s.col(col).numeric and not one_row_each(p.s, col):
            return  # "A and B both ... which <their own column>": nothing shared to read
        same = SameC(asked, [FilterC(col, "=", va, at=a)], at=i, asked=asked)
        p.r.filters = [f for f in p.r.filters if f.at not in (a, b)]
        p.r.filters.append(FilterC(col, "=", vb, at=b))
        p.r.same = same
        p.use(a, a + 1, i, role="same")
        p.n[a].role = "anchor"
        p.n[b].role = "filter"
        return


def _pair_before(p: "Parser", i: int):
    """Two values of one column joined by "and" before "both" (a verb may sit between:
    "A and B were both ..."): (index A, index B, column, value A, value B)."""
    k = i - 1
    while k >= 0 and p.n[k].kind == "word" and p.n[k].low in ("were", "are", "was", "is",
                                                              "have", "had", "did"):
        k -= 1
    b = k
    a = k - 3 if p.low(k - 1) == "the" else k - 2  # "the A and the B"
    if a < 0 or p.low(a + 1) != "and":
        return None
    na, nb = p.n[a], p.n[b]
    if na.kind != "val" or nb.kind != "val":
        return None
    common = [c for c in dict.fromkeys(m.column for m in na.item.matches)
              if c in {m.column for m in nb.item.matches}]
    if len(common) != 1:
        return None
    col = common[0]
    va = list(dict.fromkeys(m.value for m in na.item.matches if m.column == col))
    vb = list(dict.fromkeys(m.value for m in nb.item.matches if m.column == col))
    if len(va) != 1 or len(vb) != 1 or va[0] == vb[0]:
        return None
    return a, b, col, va[0], vb[0]


__all__ = ["read_both"]
