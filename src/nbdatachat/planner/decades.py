"""Decades and centuries said as "the 1970s" / "the 1800s" (issue 12): which years they
name, which column takes them, and "before / after / since" one of them.

* "the 1970s" is the decade 1970..1979; "the 1800s" (a year ending in 00, before 2000) is
  the century 1800..1899: nobody calls the ten years from 1800 "the 1800s" when asking
  about founding dates or builds. "the 2000s" stays the decade 2000..2009. The filter says
  the years it holds ("between 1800 and 1899"), so the reading is plain in the answer.
* "before the 1930s" is a year before 1930, "after the 1930s" a year after 1939, "since
  the 1930s" a year from 1930 on: the span said as one side of a comparison. Without this
  "before the" reads as a word of the rows' order and is refused.
* The column: a verb right before the preposition naming a column of years or dates
  whose years reach the span ("parishes *founded* in the 1800s" over Founded beside
  Closed), else the table's time column or its one column of years named for a time
  (as for a year); else the one text column of years written several ways ("May 1946",
  "1951": :func:`text_years.text_year_filter`). None found: the decade is left unread, and
  the coverage check refuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import Node
from .schema import YEAR_RANGE, SchemaModel, holds_years
from .season_span import dash_years
from .term_overlap import read_overlap
from .text_years import text_year_filter
from .year_columns import years_column

if TYPE_CHECKING:
    from .grammar import Parser

#: a word of one side before "the <decade>", and the comparison it makes with the span
_SIDES = {"before": "<", "after": ">", "since": ">="}
#: prepositions of a point in time before "the <decade>"
_POINTS = {"in", "during", "of", "for", "from", "within"}
#: words before a span of years read with it ("during *the years* 1961-68")
_SPAN_LEAD = {"the", "years", "period", "in", "during", "of"}
#: words right before the decade read with it ("in the 1880s"), as before a year
_POINT_WORDS = {"in", "of", "for", "during", "on", "at", "year", "the", "from", "season"}


def decade_years(nd: Node) -> tuple[int, int]:
    """(first, last) year of "the 1970s" (a decade) or "the 1800s" (a century)."""
    lo = int(nd.value)
    return (lo, lo + 99) if lo % 100 == 0 and lo < 2000 else (lo, lo + 9)


def _overlaps(s: SchemaModel, c: str, lo: float, hi: float) -> bool:
    """A column of dates or of whole-number years reaching the years ``lo``..``hi``."""
    p = s.col(c)
    if p.min is None or p.max is None:
        return False
    if p.kind in ("date", "datetime"):
        try:
            import pandas as pd

            first, last = pd.Timestamp(p.min).year, pd.Timestamp(p.max).year
        except Exception:
            return False
    elif holds_years(p):
        first, last = float(p.min), float(p.max)
    else:
        return False
    return first - 1 <= hi and lo <= last + 1


def _named(p: "Parser", prep: int, lo: float, hi: float) -> tuple[str, int] | None:
    """The column a verb right before the preposition names ("*founded* in the 1800s"),
    when it is the one of its best matches reaching the years; with its index."""
    nd = p.node(prep - 1)
    if nd is None or nd.kind != "col" or nd.role is not None or \
            p.low(prep - 2) in ("in", "on", "at", "out", "of"):
        return None
    ms = nd.item.matches
    if ms[0].how not in ("exact", "stem") and not nd.low.endswith("ed"):
        return None  # a part of a name, not its verb
    top = list(dict.fromkeys(m.column for m in ms if abs(m.score - ms[0].score) < 1e-9))
    cols = [c for c in top if _overlaps(p.s, c, lo, hi)]
    return (cols[0], prep - 1) if len(cols) == 1 else None


def _column(p: "Parser", lo: int, hi: int, decade: bool, time_column) -> str | None:
    s = p.s
    if decade:  # as before: the time column holding the decade's first year
        col = time_column(s, lo)
        if col is not None:
            return col
    else:
        cols = [c for c in s.time_columns if _overlaps(s, c, lo, hi)]
        if cols:
            return cols[0]
    return years_column(s, lo, hi)


def year_span(nd: Node) -> tuple[int, int] | None:
    """(first, last) year of a span of years written with a dash ("1961-68", "2003-2013"),
    two years apart or more: "2009-10" is one season, not a span of years."""
    years = dash_years(nd, slash=False)
    return years if years is not None and 2 <= years[1] - years[0] <= 100 else None


def read_year_span(p: "Parser", i: int, time_column, year_filter) -> bool:
    """"in 1961-68", "during the years 1961-68": the years from the first to the last on
    the column a decade would take; "the years" / "the period" before it read with it."""
    span = year_span(p.n[i])
    if span is None or not _read_span(p, i, *span, True, time_column, year_filter):
        return False
    k = i - 1
    while k >= 0 and p.n[k].role is None and p.low(k) in _SPAN_LEAD and k >= i - 3:
        p.use(k, role="filter")  # "during the years", "in the period"
        k -= 1
    return True


def read_decade(p: "Parser", i: int, time_column, year_filter) -> None:
    """Read the decade node at ``i`` as a filter on the years it names (module
    docstring), or leave it unread. ``time_column`` and ``year_filter``: those of
    :mod:`timewords`, which calls this (passed in, so neither module imports the other)."""
    _read_span(p, i, *decade_years(p.n[i]), False, time_column, year_filter)


def _read_span(p: "Parser", i: int, lo: int, hi: int, dashed: bool, time_column,
               year_filter) -> bool:
    """The years ``lo``..``hi`` said at node ``i`` read as a filter (True), or not."""
    prev = p.low(i - 1)
    side = _SIDES.get(p.low(i - 2)) if prev == "the" else None
    if side is not None and (dashed or p.n[i - 2].role is not None):
        return False  # "before 1961-68" says no one year
    prep = i - 2 if prev == "the" else i - 1
    if side == "<":
        span = (YEAR_RANGE[0], lo - 1)
    elif side is not None:
        span = (hi + 1 if side == ">" else lo, YEAR_RANGE[1])
    else:
        span = (lo, hi)
    named = _named(p, prep, *span) if side is not None or p.low(prep) in _POINTS else None
    col = named[0] if named else _column(p, *span, side is None and hi - lo == 9 and
                                          not dashed, time_column)
    over = read_overlap(p, col, lo, hi, year_filter) if side is None and not named else None
    if over is not None:  # "served in the 1970s" over a start and its end: term_overlap
        p.use(i, *([i - 1] if prev in _POINT_WORDS else []), role="filter")
        return over
    if col is None:  # "opened in the 1920s" over "May 1926", "1921": text_years
        said = [i, *([i - 2, i - 1] if side else [i - 1] if prev in _POINT_WORDS else [])]
        return text_year_filter(p, said, side or "between",
                                [lo, hi] if side is None else hi if side == ">" else lo)
    if side is None:
        p.r.filters.append(year_filter(p.s, col, "between", lo, hi))
    else:
        p.r.filters.append(year_filter(p.s, col, side, hi if side == ">" else lo))
    p.r.filters[-1].at = i
    p.use(i, role="filter")
    if named:
        p.use(named[1], role="filter")
    if side is not None:
        p.use(i - 2, i - 1, role="filter")
    elif prev in _POINT_WORDS and p.n[i - 1].role is None:
        p.use(i - 1, role="filter")
    return True


__all__ = ["decade_years", "read_decade", "read_year_span", "year_span"]
