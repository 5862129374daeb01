"""How long between two events of one row, each named by its column (issue 12): "how long
was there between when <row> was <composed> and when it was <published>", "how long did it
take for <row> to be <signed> before it was <ratified>", "how long from when <row> <opened>
until it <closed>".

The question names one row (a value) and exactly two columns of years, the first event's
and the second's, and nothing else but the words that join them; the answer is the second
column's year minus the first's, as :mod:`durations` derives a term from a start and an end
column (``DurationC(start, end)``). Not read (left to the other readings, which refuse):
columns of dates (how long between two days has no one unit), a column name matching
several columns, a third column or any other content word, no row named, and months or
days asked.

The row may be named by two numbers joined by a hyphen ("<row> 5-8") that are, dashes aside,
exactly one cell of one text column ("5–8", a numbered group of pieces): :func:`range_row`
reads them as that cell before they are taken as a range of numbers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .lengths import opener, years_column_like

if TYPE_CHECKING:
    from .grammar import Parser

#: the words that may join the two events ("between when ... and when it was ...")
_JOINING = {"was", "were", "is", "are", "there", "it", "they", "between", "when", "and",
            "did", "does", "take", "took", "for", "to", "be", "been", "before", "until",
            "till", "from", "the", "had", "has", "have", "its", "their", "'s", "’s", "?",
            ".", ","}
#: the word that sets the second event after the first
_LINKS = {"and", "before", "until", "till", "to"}


def read_column_interval(p: "Parser") -> tuple[str, str, list[int]] | None:
    """(the first event's column, the second's, the indexes read) or None (module
    docstring)."""
    head, unit = opener(p)
    if not head or unit not in (None, "years"):
        return None
    rest = range(head[-1] + 1, len(p.n))
    cols = [i for i in rest if p.n[i].kind == "col"]
    cell = None if any(p.n[i].kind == "val" for i in rest) else range_row(p, rest)
    if len(cols) != 2 or not cell and not any(p.n[i].kind == "val" for i in rest):
        return None
    names = []
    for i in cols:
        own = list(dict.fromkeys(p.n[i].columns))
        if p.n[i].role is not None or len(own) != 1 or not _years_first(p, own[0]):
            return None
        names.append(own[0])
    if names[0] == names[1] or not any(p.low(i) in _LINKS for i in range(cols[0], cols[1])):
        return None
    used = [*head, *cols]
    for i in rest:
        nd = p.n[i]
        if i in cols or nd.kind == "val" and nd.role in (None, "filter") or \
                cell and i in cell[0]:
            continue
        if nd.role not in (None, "followup") or nd.kind != "word" or nd.low not in _JOINING:
            return None
        used.append(i)
    if cell:
        p.r.filters.append(cell[1])
        p.use(*cell[0], role="filter")
    return names[0], names[1], used


_LEADING_YEAR = re.compile(r"^\s*\d{4}\b")


def _years_first(p: "Parser", c: str) -> bool:
    """A column of years, or of text cells most of which open with a year ("1838 (summer)",
    "1830–31"): the row's own cell must still be one year, else the answer is refused as
    missing (the year of the cell is read only when the cell is a year)."""
    vals = [str(v) for v in (p.s.col(c).values or []) if v is not None]
    return years_column_like(p.s, c) or p.s.col(c).kind == "text" and bool(vals) and \
        sum(bool(_LEADING_YEAR.match(v)) for v in vals) * 4 > 3 * len(vals)


_DASHES = re.compile(r"\s*[-–—−]\s*")


def range_row(p: "Parser", rest: range) -> tuple[list[int], FilterC] | None:
    """(the two numbers' indexes, the filter on their cell) when two numbers joined by a
    hyphen are, dashes and spaces aside, exactly one cell of one text column; else None."""
    pairs = [i for i in rest if p.n[i].kind == "num" and p.n[i].role is None and
             p.n[i].item.tok.hyphen_after and p.node(i + 1) is not None and
             p.n[i + 1].kind == "num" and p.n[i + 1].role is None]
    if len(pairs) != 1:
        return None
    i = pairs[0]
    said = f"{p.n[i].item.tok.text}-{p.n[i + 1].item.tok.text}"
    cells = [(c, v) for c in p.s.names() if p.s.col(c).kind == "text"
             for v in p.s.col(c).values or [] if _DASHES.sub("-", str(v).strip()) == said]
    if len(cells) != 1:
        return None  # no such cell, or several: a range of numbers, read elsewhere
    return [i, i + 1], FilterC(cells[0][0], "=", cells[0][1], at=i)


__all__ = ["range_row", "read_column_interval"]
