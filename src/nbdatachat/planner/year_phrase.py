""""After the year 1990": a year said with "the year" in front, read as the bare year.

"How many bridges opened after the year 1990" means "after 1990", but the reader takes
"after" / "before" followed by "the" as words about the order of the rows and refuses, and
"in the year 1974" leaves the number without a reading. When such a question is refused, it
is read once more with "the year (of)" dropped before a four-digit year, and that reading is
kept only when it answers and every filter holding the year is on a column of times (a
column of years, dates, or a text column whose cells carry the year): the word "year" said
the number is a time, so a year compared with a count or an amount column is refused. A
follow-up is never rewritten.
"""

from __future__ import annotations

import re
from typing import Callable

from .noun_phrase import read_instead
from .plan import PlanResult
from .schema import SchemaModel, holds_years

_THE_YEAR = re.compile(r"\bthe\s+year\s+(?:of\s+)?(\d{4})\b(?!\s*[-–/]\s*\d)", re.I)


def bare_year_form(question: str) -> str | None:
    """``question`` with "the year (of) 1990" said as "1990", or None when it has none."""
    if not _THE_YEAR.search(question):
        return None
    return _THE_YEAR.sub(r"\1", question)


def _year_filters_on_times(res: PlanResult, schema: SchemaModel, years: set[str]) -> bool:
    """Every filter naming one of ``years`` is on a column of times, and one does."""
    plan = res.plan
    seen = False
    for f in getattr(plan, "filters", None) or []:
        said = {m for m in re.findall(r"\d{4}", str(f.value))}
        if not said & years:
            continue
        seen = True
        prof = schema.columns.get(f.column)
        if prof is None:
            return False
        timeish = prof.role == "time" or prof.year_like or prof.kind in ("date", "datetime") or \
            holds_years(prof) or prof.kind in ("text", "other")
        if not timeish:
            return False
    return seen


def as_bare_year(question: str, refused: PlanResult, schema: SchemaModel,
                 read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the question with its bare year."""
    alt = bare_year_form(question)
    if alt is None:
        return refused
    years = set(_THE_YEAR.findall(question))
    res = read_instead(question, alt, refused, read)
    if res is refused or not _year_filters_on_times(res, schema, years):
        return refused
    return res


__all__ = ["as_bare_year", "bare_year_form"]
