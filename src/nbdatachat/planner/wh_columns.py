"""The column a row's "where" or "when" asks for, when the question names none.

"where was the last final held?" and "when was the second home match?" pick one row by its
place in the table; the value wanted is the row's place or time, which no word of the
question names. "where" takes the table's place column (``place_answer``); "when", "what
year", "in which season" take its time column: a column of dates, of whole years, or one
named for a date or a year ("Date", "Dates", "Season", "Year"). Candidates are looked for
among the columns the question names that nothing else read; when it names none, the column
the rows are ordered by, then the whole table (a named column left unread means a condition
this reading would drop, so nothing is chosen). Two of one kind are asked about, never
guessed; "what year" takes only a column of whole years, not dates written out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import Incomplete
from .lexicon import name_tokens, stem
from .place_answer import place_columns
from .schema import SchemaModel, holds_years

if TYPE_CHECKING:
    from .constituents import Reading

_TIME_ASKED = re.compile(
    r"^(?:in |on |during )?(?:(?:what|which) (?:(?:is|was|were) )?(?:the )?"
    r"(?:(?:first|last|next|previous|earliest|latest) )?(?:year|date|season)\b|when\b)")
#: a column's name saying it holds times, whatever its values read as
_TIME_NAMES = {"date", "dates", "year", "years", "season", "seasons", "yr"}


def is_time_column(s: SchemaModel, column: str) -> bool:
    """Dates, whole years, or a column named for a date, a year or a season."""
    p = s.col(column)
    if p.n_null >= p.n_rows:
        return False
    if p.kind in ("date", "datetime") or p.role == "time" or p.year_like:
        return True
    toks = name_tokens(column)
    return bool({t.lower() for t in toks} & _TIME_NAMES or {stem(t) for t in toks} &
                _TIME_NAMES)


def _years(s: SchemaModel, column: str) -> bool:
    p = s.col(column)
    return p.year_like or holds_years(p)


def asked_by_wh(r: "Reading", s: SchemaModel, free: list[str], order_by: str | None
                ) -> list[str] | None:
    """The answer column(s) of a "where" / "when" question about one row; None when the
    question asks neither (the caller goes on choosing)."""
    q = r.question.lower().strip()
    if q.startswith("where"):
        places = place_columns(s)  # "where was it held after Lima": the anchor's column too
        if len(places) > 1:
            raise Incomplete(f'"Where" asks for a place: which of {", ".join(places)}?',
                             places, clarify=True)
        return places
    m = _TIME_ASKED.match(q)
    if m is None:
        return None
    year = "year" in m.group(0)
    times = [c for c in free if is_time_column(s, c)]
    conditions = {f.column for f in r.filters}
    if [c for c in free if c not in times and c not in conditions]:
        return None  # the question names a column no part of this reading uses
    if not times:
        times = [c for c in ([order_by] if order_by else []) if is_time_column(s, c)] or \
            [c for c in s.columns if is_time_column(s, c)]
    if len(times) > 1:
        raise Incomplete(f'"{q.split()[0].capitalize()}" asks for a time: which of '
                         f'{", ".join(times)}?', times, clarify=True)
    if not times or (year and not _years(s, times[0])):
        return None  # "what year" over dates written out: the year is not a cell
    return times


def named_first(r: "Reading") -> str | None:
    """The column named by "who/what was the <column> ...": asked for, rather than the
    row's name ("who was the rival in the match with the biggest gate")."""
    n = r.nodes[:4]
    if len(n) == 4 and n[0].low in ("who", "what", "which") and n[1].low in (
            "was", "is", "were", "are") and n[2].low == "the" and n[3].kind == "col":
        return n[3].columns[0]
    return None


__all__ = ["asked_by_wh", "is_time_column", "named_first"]
