"""The time a "the same year / day as <X>" shares (issue 12), for ``same_as.py``.

"which bridge was opened in *the same year as* X", "what mill was built *on the same day
as* X": the column is the time column named right before ("opened", "built"), and the
word after "same" is the grain compared:

* "year" over a column of years (whole numbers or text years): the values themselves; over a
  column of dates: the year of each date, derived by a step of the plan (``Expr`` "year"),
  so "19 February 1946" and "30 August 1946" share 1946;
* "day" / "date" over a column of dates: the dates themselves.

A verb no column grounded ("which keeper *joined* in the same year as X"), or one that
grounded a column of no times ("crowned" over "Age when crowned"), names the table's one
column of times, when it has exactly one (years, dates or text years). Anything else (a
month, a decade, a column of text that is not dates, two columns of times) is not read here;
``same_as.py`` then refuses as before.

The named row may also be a day the question ends with: "a game whose crowd was the same as
(on) May 3, 1961" is the row on that day, read by the time filters as one day of one column
(on or after it and before the next day); ``day_anchor`` turns those two filters into the
anchor.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .plan_parts import YEAR_PATTERN, Expr, Step
from .schema import SchemaModel, holds_years

if TYPE_CHECKING:
    from .constituents import Node
    from .grammar import Parser

#: the grains read after "the same", and what each compares
GRAINS = {"year": "year", "day": "day", "date": "day"}
_DATES = ("date", "datetime")
#: words before a column that make it an object, not the verb of the time compared
_OBJECT_OF = {"from", "of", "to", "at", "for", "by", "with", "into", "than"}
_YEAR = re.compile(YEAR_PATTERN)


def time_column(p: "Parser", start: int, word: str
                ) -> tuple["Node", str | None, str] | None:
    """The node of the column named right before "(in / on / during) the same <word>", the
    step the comparison needs (``"year"``: the year of each date; None: the values) and the
    column; None when that column does not hold the grain asked. A verb no column grounded
    ("joined in the same year as X") names the table's one column of times, if it has
    exactly one."""
    grain = GRAINS.get(word)
    b = p.prev_content(start - 1, {"in", "on", "during"})
    nd = p.node(b)
    if grain is None or nd is None or nd.role is not None:
        return None
    times = [(c, g) for c in p.s.columns if (g := _grain_of(p.s.col(c), grain)) != "no"]
    if nd.kind == "word" and set(nd.tags) <= {"verb"} and nd.low.isalpha() and b > 0:
        return (nd, times[0][1], times[0][0]) if len(times) == 1 else None
    if nd.kind != "col" or len(set(nd.columns)) != 1 or p.low(b - 1) in _OBJECT_OF:
        return None  # "taken from *stock* in the same year": not the verb's column
    c = p.column_of(nd)
    g = _grain_of(p.s.col(c), grain)
    if g == "no" and nd.low.endswith(("ed", "en")) and " " not in nd.low and len(times) == 1:
        # "crowned" over "Age when crowned", a column of no times: the verb, which names
        # the table's one column of times
        return nd, times[0][1], times[0][0]
    return None if g == "no" else (nd, g, c)


def _grain_of(prof, grain: str) -> str | None:
    """The step a column needs to compare ``grain`` ("year": the year of each date or text
    year; None: the values), or "no" when it holds no such times."""
    if grain == "year" and (prof.year_like and prof.numeric or holds_years(prof)):
        return None
    if prof.kind in _DATES:
        return "year" if grain == "year" else None
    if grain == "year" and prof.kind == "text" and _text_years(prof.values or prof.examples):
        return "year"  # "1961", "May 3, 1952" written as text: the year read from each
    return "no"


def _text_years(cells: list) -> bool:
    """Most cells of a text column are a year, alone or ending a written date (the others
    give no year, so never match)."""
    cells = [c for c in cells if c is not None and str(c).strip()]
    return len(cells) >= 2 and sum(bool(_YEAR.match(str(c))) for c in cells) >= 0.8 * len(cells)


def day_anchor(p: "Parser", k: int) -> tuple[str, list, int] | None:
    """(the column, the two filters of one day, the index of the last word) when the
    question ends at ``k`` with one day (optionally after "on") that the time filters read
    on one column; else None."""
    from datetime import date, timedelta

    if any(nd.low in ("who", "whom", "whose") for nd in p.n):
        return None  # "who had the same crowd as on May 3": a person, never a day
    if p.low(k) == "on":
        k += 1
    end = len(p.n)
    while end > k and (p.n[end - 1].kind == "sym" or p.n[end - 1].low in _END):
        end -= 1
    if end <= k or any(p.n[x].role != "filter" for x in range(k, end)):
        return None
    read = [f for f in p.r.filters if k <= f.at < end]
    if len(read) != 2 or len({f.column for f in read}) != 1 or \
            sorted(f.op for f in read) != ["date<", "date>="]:
        return None
    lo = next(f.value for f in read if f.op == "date>=")
    hi = next(f.value for f in read if f.op == "date<")
    try:
        one_day = date.fromisoformat(str(hi)) - date.fromisoformat(str(lo)) == timedelta(1)
    except ValueError:
        return None
    return (read[0].column, read, end - 1) if one_day else None


_END = {"?", ".", "!"}
_ASKS = {"what", "which", "name", "tell me", "list", "give", "give me", "find"}


def day_rows(p: "Parser", same, read: list) -> None:
    """Make the day's two filters ``same``'s anchor. Asked by a noun only ("name a game
    whose ..."), with no column, the answer is the other rows' days: they are named as the
    anchor is ("who" is never read with a day, ``day_anchor``)."""
    same.anchor = list(read)
    p.r.filters = [f for f in p.r.filters if all(f is not d for d in read)]
    if p.r.which_col is None and p.low(p.next_content(0, {"so", "and", "then"})) in _ASKS:
        same.asked = read[0].column


def year_name(s: SchemaModel, column: str) -> str:
    """The name of the derived year of ``column`` (one no column of the table has)."""
    name = f"{column} year"
    while name in s.columns:
        name += " "
    return name


def shared_key(s: SchemaModel, column: str, grain: str | None) -> tuple[list[Step], str]:
    """The plan's steps and the column the rows must share: ``column`` itself, or the year
    of each of its dates."""
    if grain != "year":
        return [], column
    name = year_name(s, column)
    return [Step("derive", name, Expr.of("year", Expr.col(column)))], name


__all__ = ["GRAINS", "day_anchor", "day_rows", "shared_key", "time_column", "year_name"]
