"""The columns a length of time is read from, for :mod:`durations`: a start and its end
("Took office" / "Left office", "Launched" / "Withdrawn", "Born" / "Died"), a text column of
spans of years ("1901–1950"), or a number of years or days held ("Years in office"). Kept
apart so that each reading of "how long" finds its columns in one place.
"""

from __future__ import annotations

import re

from .lengths import years_column_like
from .lexicon import name_tokens, stem
from .plan_parts import DATE_HEAD, SPAN_PATTERN, Expr
from .row_nouns import row_numbers
from .schema import SchemaModel, holds_years

#: start word -> end words that close it, in column names; the rest of the names must agree
TERM_PAIRS = {"start": {"end"}, "started": {"ended", "end"}, "begin": {"end"},
               "began": {"ended", "end"}, "beginning": {"end", "ending"},
               "from": {"to", "until", "till"}, "took": {"left"}, "entered": {"left"},
               "joined": {"left"}, "first": {"last"}, "opened": {"closed"}}
#: a thing's coming in and going out of use ("Launched" / "Withdrawn"): any with any
_IN_USE = {"started", "began", "opened", "commenced", "introduced", "launched", "established",
           "founded", "inaugurated"}
_OUT_OF_USE = {"ended", "closed", "ceased", "retired", "withdrawn", "discontinued", "abandoned"}
TERM_PAIRS.update({w: TERM_PAIRS.get(w, set()) | _OUT_OF_USE for w in _IN_USE})
LIFE_PAIRS = {"born": {"died"}, "birth": {"death"}}
#: column-name words of a life ("Lifetime", "Life span", "Born–died")
LIFE_NAMES = {"life", "lifetime", "lifespan", "born", "died", "birth", "death", "lived"}

SPAN = re.compile(SPAN_PATTERN)
_OPEN = re.compile(r"^\s*(?:b\.|born)?\s*" + DATE_HEAD +
                   r"\d{4}\s*(?:[–—−-]\s*(?:present|now|\?)?)?\s*$", re.I)


#: column-name words of a length of time held as a number, and the unit each says
_HELD_UNITS = {"year": "years", "years": "years", "yrs": "years", "day": "days", "days": "days",
               "month": "months", "months": "months", "week": "weeks", "weeks": "weeks"}


def held_lengths(s: SchemaModel, unit: str | None) -> list[str]:
    """Numeric columns that hold how long each row lasted ("Years", "Years served", "Days in
    office"): named for a unit of time, and not calendar years; one in ``unit`` when asked."""
    out = []
    for c in s.names():
        p = s.col(c)
        units = {_HELD_UNITS[t.lower()] for t in name_tokens(c) if t.lower() in _HELD_UNITS}
        if not (p.numeric or counts_as_text(s, c)) or p.role == "id" or holds_years(p) or \
                len(units) != 1 or row_numbers(s, c):
            continue  # a "Week" column numbering the rows 1..n is no length
        if unit is None or units == {unit}:
            out.append(c)
    return out


def counts_as_text(s: SchemaModel, c: str) -> bool:
    """Text cells that are whole numbers but for a mark of one still running ("231+") or a
    dash: the row's own cell is given as it is."""
    vals = [v.strip() for v in _shown(s, c) if v.strip() not in ("", "—", "–", "-", "?")]
    return s.col(c).kind == "text" and len(vals) >= 2 and \
        sum(bool(re.fullmatch(r"\d+\+?", v)) for v in vals) * 4 >= 3 * len(vals)


def held_pairs(s: SchemaModel, life: bool = False) -> list[tuple[str, str]]:
    """The start and end columns (of a life, or of a term) holding years or dates."""
    return [pr for pr in column_pairs(s, LIFE_PAIRS if life else TERM_PAIRS)
            if all(years_column_like(s, c) or dates(s, c) for c in pr)]


def span_columns(s: SchemaModel, life: bool = False) -> list[str]:
    """Text columns of spans of years, of a life (named for one: "Lifetime") or of a term."""
    return [c for c in s.names() if s.col(c).kind == "text" and span_share(s, c) and
            life == bool({stem(t) for t in name_tokens(c)} & LIFE_NAMES)]


def column_pairs(s: SchemaModel, words: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Columns named as a start and its end with the rest of the names equal."""
    toks = {c: name_tokens(c) for c in s.names()}
    out = []
    for a, ta in toks.items():
        for b, tb in toks.items():
            if a == b or len(ta) != len(tb):
                continue
            diff = [(x, y) for x, y in zip(ta, tb) if x != y]
            if len(diff) == 1 and diff[0][1] in words.get(diff[0][0], ()):
                out.append((a, b))
    return out


def written_days(s: SchemaModel, c: str) -> bool:
    """A text column whose cells give more than a year ("2 February 1208", "May 1890")."""
    return s.col(c).kind == "text" and any(re.search(r"[A-Za-z]", v) and re.search(
        r"\d{4}", v) for v in _shown(s, c))


def dates(s: SchemaModel, c: str) -> bool:
    return s.col(c).kind in ("date", "datetime")


def _shown(s: SchemaModel, c: str) -> list[str]:
    """The values the profile shows of a text column (its distinct values when few, else
    examples)."""
    p = s.col(c)
    return [str(v) for v in (p.values or p.examples or []) if v is not None]


def span_share(s: SchemaModel, c: str) -> bool:
    """A column of spans of years: most values are spans, the rest spans still open ("b.
    1950", "2004–", "2004–present"), which give no length."""
    vals = _shown(s, c)
    spans = sum(bool(SPAN.match(v)) for v in vals)
    return spans > 0 and (spans + sum(bool(_OPEN.match(v)) for v in vals)) * 4 > 3 * len(vals)


def year_expr(s: SchemaModel, c: str) -> Expr:
    return Expr.of("year", Expr.col(c)) if s.col(c).kind == "text" or dates(s, c) else \
        Expr.col(c)


__all__ = ["LIFE_PAIRS", "SPAN", "TERM_PAIRS", "column_pairs", "counts_as_text", "dates",
           "held_lengths", "held_pairs", "span_columns", "span_share", "written_days", "year_expr"]
