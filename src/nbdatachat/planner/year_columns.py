"""Columns of whole-number years that the profile leaves measures, read as time for a
comparison or a decade: "after 2000", "before 1983", "between 1995 and 2000", "in the 1990s".

The profile marks a column "time" only when its name says "year"; a column of years named
"Date", "Season" or for an event ("Founded", "Released") stays a measure, and a year in a
question then found no column to compare with. Here such a column stands in for the table's
time column when it is the one column of years named for a date, a period or an event, and
its years come within a year of the question's. A blank cell (often "the same year as
above") would silently leave its row out, so a column with blanks is not taken.
"""

from __future__ import annotations

from .lexicon import header_words, is_participle, name_tokens
from .schema import SchemaModel, holds_years

#: nouns naming a column whose rows are dated or stand for a period
_DATE_NOUNS = {"date", "season", "election", "edition", "term", "session", "period", "census",
               "vintage", "cohort", "campaign", "yr", "year", "years", "when"}


def named_for_time(column: str) -> bool:
    return bool(header_words(column) & _DATE_NOUNS) or \
        any(is_participle(t) for t in name_tokens(column))


def years_column(schema: SchemaModel, lo: float, hi: float | None = None) -> str | None:
    """The one whole-number column of years named for a date, a period or an event whose
    range comes within a year of ``lo`` (and ``hi``); None when there is none or several."""
    hi = lo if hi is None else hi
    found = []
    for c, p in schema.columns.items():
        if not holds_years(p) or not named_for_time(c) or p.n_null:
            continue  # a blank year ("same as above") would silently leave its row out
        if float(p.min) - 1 <= hi and lo <= float(p.max) + 1:
            found.append(c)
    return found[0] if len(found) == 1 else None


__all__ = ["named_for_time", "years_column"]
