"""A number bound to the column named right before it picks the rows holding that number.

Two shapes, read after the comparatives (``compare.py``) left the number unread:

* a column of whole numbers, then its number spelled as a word: "heat *three*", "lap
  number *seven*" (``compare._named_numbers`` reads the digits; the words are read here
  the same way: the rows with that number);
* a numeric column, a linking word, then the number: "a weight *of* 60", "whose height
  *is* 180", "his seed *at* 4", "its length *as* 12", "the margin *was* 3": the rows whose
  cell equals the number; after a comparative ("*below* a weight of 60") the rows the
  comparison keeps.

* a year after "in" that no time column read, over a text column of years written several
  ways ("1995", "May 1999", "2008-09"): the rows whose cell holds that year.

Only when the mention names one numeric column (not a time column: "the season of 1998"
is a year read elsewhere) whose range holds the number, the number is a plain number (no
percent, money, ordinal or year-like value after "of"), and nothing after it claims it
("a margin of 3 points" leaves the number to the column "points"). Anything else stays
unread and the reader asks back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .bracket_units import unit_words_fit
from .constituents import FilterC
from .number_cells import plain_number, read_number_cells
from .unit_compare import said_unit_fits

if TYPE_CHECKING:
    from .constituents import Node
    from .grammar import Parser

_NUMBER_WORDS = {"no", "number", "num", "nr"}
#: words linking a column to the number it holds ("a weight of 60", "height is 180")
_IN_TIME = {"in", "during"}
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
#: comparatives of time, not of the column's amount ("since", "before")
_TIME_CMP = {"from", "since", "after", "before", "starting", "starting from", "starting in",
             "until", "till", "through", "prior to", "earlier than", "later than"}
_LINKS = {"of", "is", "at", "as", "was", "were", "equals", "equaling", "equalling"}


def read_bound_numbers(p: "Parser") -> None:
    """Read the two shapes of the module docstring as equality filters."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or not nd.is_number or not plain_number(nd):
            continue
        nxt = p.node(i + 1)
        units = _unit_words(p, i + 1)  # "a high of 91 degrees" over "High °F (°C)"
        if not units and nxt is not None and nxt.role is None and (
                nxt.kind == "col" or "unit" in nxt.tags):
            continue  # "a margin of 3 points": the number belongs to what follows
        if nd.kind == "num" and _year_like(nd.value) and p.low(i - 1) in _IN_TIME and \
                _year_cells(p, i, int(nd.value)):
            continue
        used, j = [i], i - 1
        if nd.kind == "word":  # "heat three", "lap number seven"
            if p.low(j) in _NUMBER_WORDS and p.n[j].role is None:
                used.append(j)
                j -= 1
            whole = True
        else:
            if p.low(j) == "to" and p.low(j - 1) in ("equal", "equals"):
                used += [j, j - 1]
                j -= 2
            elif p.low(j) in _LINKS and p.n[j].role is None:
                used.append(j)
                j -= 1
            else:
                continue
            whole = False
            if p.low(j + 1) == "of" and _year_like(nd.value):
                continue  # "the total of 1998": a year, read elsewhere or asked back
        col = p.node(j)
        if col is None or col.kind != "col" or not (col.role is None or _relative(p, j)):
            continue
        c = _one_column(p, col, float(nd.value), whole)
        if c is None or units and not (unit_words_fit(c, [p.n[u].low for u in units]) or
                                       said_unit_fits(p.s, c, [p.n[u].low for u in units])):
            continue
        used += units
        if col.role == "which":  # "the dog whose weight is 31": not the column asked for
            col.role = None
            p.r.which, p.r.which_col = False, None
        op = "="
        k = p.prev_content(j - 1, {"the", "a", "an"})
        before = p.node(k)
        if before is not None and before.role is None and "cmp" in before.tags:
            op = before.tags["cmp"]  # "below the age of 40": the comparative before it
            if op not in (">", "<", ">=", "<=") or whole or before.low in _TIME_CMP:
                continue
            used.append(k)
        value = int(nd.value) if float(nd.value).is_integer() else float(nd.value)
        p.r.filters.append(FilterC(c, op, value, at=i, how="named" if op == "=" else "compare"))
        p.use(j, *used, role="filter")
    read_number_cells(p)  # the same over numbers kept as text, and "listed as 7"


def _unit_words(p: "Parser", k: int) -> list[int]:
    """The unit words (one or two, no column) right after a number at ``k - 1``."""
    out: list[int] = []
    while len(out) < 2 and p.node(k) is not None and p.n[k].role is None and \
            p.n[k].kind == "word" and "unit" in p.n[k].tags:
        out.append(k)
        k += 1
    nxt = p.node(k)
    return [] if nxt is not None and nxt.role is None and nxt.kind == "col" else out


def _year_cells(p: "Parser", i: int, year: int) -> bool:
    """"released in 1999" over a text column of release times written several ways ("1995",
    "May 1999", "March 3, 2011") or of seasons ("2003", "2008-09"): no time column was read,
    and exactly one text column has a year in (nearly) every value and this year in some;
    the rows whose cell holds the year. Reads it and says so."""
    fits = []
    for c, prof in p.s.columns.items():
        vals = prof.values
        if prof.kind != "text" or not vals or len(vals) < 3:
            continue
        years = [_YEAR.findall(str(v)) for v in vals]
        if sum(1 for y in years if y) < 0.8 * len(vals):
            continue
        if any(str(year) in y for y in years):
            fits.append(c)
    if len(fits) != 1:
        return False
    p.r.filters.append(FilterC(fits[0], "contains", str(year), at=i, how="time"))
    p.use(i, role="filter")
    if p.n[i - 1].role is None:
        p.use(i - 1, role="filter")
    verb = p.node(i - 2)  # "released in 1999": the verb naming the column is this filter
    if verb is not None and verb.kind == "col" and verb.role is None and \
            fits[0] in verb.columns:
        p.use(i - 2, role="filter")
    p.r.notes.append(f"read {year} as the rows whose {fits[0]!r} holds that year")
    return True


def _relative(p: "Parser", j: int) -> bool:
    """"name the dog *whose* weight is 31": the column after a relative "whose" (a noun
    before it) was taken as the one asked for; it describes the rows instead."""
    return p.n[j].role == "which" and p.low(j - 1) == "whose" and j >= 2 and \
        p.n[j - 2].kind in ("col", "word") and p.r.which_col in p.n[j].columns


def _year_like(v: float) -> bool:
    return float(v).is_integer() and 1800 <= v <= 2100


def _one_column(p: "Parser", col: "Node", v: float, whole: bool) -> str | None:
    """The one numeric, non-time column the mention names whose range holds ``v``."""
    fits = []
    for c in dict.fromkeys(col.columns):
        prof = p.s.col(c)
        if not prof.numeric or prof.role == "time" or prof.min is None or prof.max is None:
            continue
        if whole and not (float(prof.min).is_integer() and float(prof.max).is_integer()):
            continue
        if float(prof.min) <= v <= float(prof.max):
            fits.append(c)
    return fits[0] if len(fits) == 1 else None


__all__ = ["read_bound_numbers"]
