"""A number said as a column's value where the column is not a clean number column.

``number_rows.py`` reads "a weight of 60" over a numeric column. Real tables often hold
numbers as text because a few cells carry a mark or a word ("950+", "240" beside
"n/a", "2003[4]"), and a year column is a time, which that reader leaves alone. Read
here, after it:

* "a capacity of 240", "whose score was 7", "an opening year of 1998": the column named
  right before a linking word, then the number: the rows whose cell is that number, written
  plainly or with a footnote ("2003[4]", "41*"), listed as "one of" those cells so the
  reading shows them;
* "listed as 7" / "listed as seven" after the column ("the rating listed as seven"), over
  any column holding the number.

Only one column of the mention may hold the number, the number must be plain (no percent,
money or ordinal), and nothing after it may claim it ("a margin of 3 points").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC

if TYPE_CHECKING:
    from .constituents import Node
    from .grammar import Parser

_LINKS = {"of", "is", "was", "were", "at", "as", "equals"}
#: marks a number cell may carry and still be that number: footnotes ("[3]", "*", "†"); not
#: "+" or "~" ("7+" is at least 7, "~7" about 7)
_MARKS = re.compile(r"\[[^\]]*\]|[*†‡]|\s+")


def read_number_cells(p: "Parser") -> None:
    """Read the shapes of the module docstring as filters on the cells holding the number."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or not nd.is_number or not plain_number(nd):
            continue
        nxt = p.node(i + 1)
        if nxt is not None and nxt.role is None and (nxt.kind == "col" or "unit" in nxt.tags):
            continue
        used, j = [i], i - 1
        listed = p.low(j) == "as" and p.low(j - 1) == "listed"
        if listed:
            used += [j, j - 1]
            j -= 2
            if p.low(j) in ("is", "was", "were"):
                used.append(j)
                j -= 1
        elif p.low(j) in _LINKS and p.n[j].role is None:
            used.append(j)
            j -= 1
        else:
            continue
        col = p.node(j)
        if col is None or col.kind != "col" or col.role is not None:
            continue
        hit = _holding(p, col, float(nd.value), numeric=listed)
        if hit is None:
            continue
        c, value = hit
        op = "in" if isinstance(value, list) else "="
        p.r.filters.append(FilterC(c, op, value, at=i, how="named"))
        p.use(j, *used, role="filter")


def _holding(p: "Parser", col: "Node", v: float,
             numeric: bool) -> tuple[str, object] | None:
    """The one column of the mention holding ``v``, with the filter value: the number for
    a numeric column of years or times ("an opening year of 1998"; ``number_rows`` leaves a
    year after "of" alone) or any numeric column after "listed as"; else the text cells
    that are the number."""
    fits: list[tuple[str, object]] = []
    text = f"{v:g}"
    for c in dict.fromkeys(col.columns):
        prof = p.s.col(c)
        if prof.numeric:
            if prof.min is None or prof.max is None or not float(v).is_integer():
                continue
            years = 1800 <= float(prof.min) and float(prof.max) <= 2100  # a column of years
            if (numeric or prof.role == "time" or years) and \
                    float(prof.min) <= v <= float(prof.max):
                fits.append((c, int(v)))
            continue
        cells = [str(x) for x in (prof.values or []) if _MARKS.sub("", str(x)) == text]
        if cells and _mostly_numbers(prof.values or []):
            fits.append((c, cells if len(cells) > 1 else cells[0]))
    return fits[0] if len(fits) == 1 else None


def _mostly_numbers(values: list[object]) -> bool:
    """A column of numbers kept as text: most of its cells are a number with marks."""
    vals = [str(x) for x in values if str(x).strip()]
    nums = sum(1 for x in vals if re.fullmatch(r"-?\d+(?:\.\d+)?", _MARKS.sub("", x)))
    return len(vals) >= 3 and nums >= 0.6 * len(vals)


def plain_number(nd: "Node") -> bool:
    """A number said plainly: no percent, money or ordinal."""
    tok = nd.item.tok
    if tok is None or nd.value is None:
        return False
    return not (tok.pct or tok.money or tok.ordinal)


__all__ = ["plain_number", "read_number_cells"]
