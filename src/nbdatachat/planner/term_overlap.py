"""Years said over a table of terms: "how many people held office in the 1970s", "who
served in 1961-68", "how many served in 1983" over a start column and its end ("Term
start" / "Term end", "From" / "To") (issue 12).

A term is in the decade when it reaches into it: it started before the decade ended and
ended after it began ("Term start before 1980 and Term end on or after 1970"), not only when
it started in it. Read so when the question does not say the start ("took office",
"began", "first": then the start column alone, as before), and the columns are the one
pair of start and end columns holding years or dates (:func:`duration_columns.column_pairs`).
A blank end (a term still running, or not known) leaves the term's reach open: the reading
is refused, saying so, rather than leaving those rows out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .duration_columns import TERM_PAIRS, column_pairs
from .order_checks import START_SAID
from .term_threshold import TERM_WORDS
from .schema import SchemaModel, holds_years

if TYPE_CHECKING:
    from .grammar import Parser


def _timed(s: SchemaModel, c: str) -> bool:
    p = s.col(c)
    return p.kind in ("date", "datetime") or holds_years(p)


def _year(v) -> float | None:
    try:
        import pandas as pd

        if isinstance(v, (int, float)):
            return float(v)
        return float(pd.Timestamp(v).year)
    except (TypeError, ValueError):
        return None


def _reaches(s: SchemaModel, start: str, end: str, lo: int, hi: int) -> bool:
    """Some term could reach into ``lo``..``hi``: the first start is before its end, the
    last end after its beginning (else the years are about something else)."""
    first, last = _year(s.col(start).min), _year(s.col(end).max)
    return first is not None and last is not None and first <= hi and last >= lo


def term_pair(s: SchemaModel, start: str | None) -> tuple[str, str] | None:
    """The one pair of start and end columns of years or dates (starting at ``start``
    when given)."""
    pairs = [(a, b) for a, b in column_pairs(s, TERM_PAIRS) if _timed(s, a) and _timed(s, b)
             and (start is None or a == start)]
    return pairs[0] if len(pairs) == 1 else None


def read_overlap(p: "Parser", col: str | None, lo: int, hi: int, year_filter) -> bool | None:
    """Filters for the terms reaching into ``lo``..``hi`` (module docstring): True when
    added, False when refused (a problem said), None when the years are no term's (the
    caller reads them on ``col`` as before). ``col``: the column the years would take."""
    pair = term_pair(p.s, col)
    if pair is None:
        return None
    start, end = pair
    if not _reaches(p.s, start, end, lo, hi):
        return None
    if lo == hi and not TERM_WORDS & set(p.r.question.lower().split()):
        return None  # one year needs a word of the term: "retired in 1977" is not its reach
    if START_SAID.search(p.r.question.lower()):
        if col is not None or lo == hi:
            return None  # "took office in the 1970s": the start, read as before
        p.r.filters.append(year_filter(p.s, start, "between", lo, hi))
        return True
    if p.s.col(end).n_null:
        p.r.problems.append(f"{start!r} and {end!r} make a span, and some rows have no "
                            f"{end!r} (still running, or not known), so I cannot tell "
                            f"which of them reach into {lo}..{hi}.")
        return False
    for k, nd in enumerate(p.n):
        if nd.kind == "col" and nd.role is None and set(nd.columns) == {start, end}:
            p.use(k, role="filter")  # "had *terms* in the 1970s": the span itself
    p.r.filters.append(year_filter(p.s, start, "<", hi + 1))
    p.r.filters.append(year_filter(p.s, end, ">=", lo))
    p.r.notes.append(f"read as the spans from {start!r} to {end!r} reaching into "
                     f"{lo}..{hi}")
    return True


__all__ = ["read_overlap", "term_pair"]
