"""Time constituents: years, decades, months, dates and relative periods -> time filters.

"in 2007", "for 1952", "in the 1970s", "in December 2017", "on 2017-12-30", "last 3 months",
"this year" each become a filter on the table's time column (a real date column, or an
integer column of years). A verb that names a column of years or dates before "in <year>"
("who was hired in 2004") filters that column instead (``named_time_column``). Ranges and
comparisons of years ("from 1952 to 2007", "after 1975") are read with the other
comparatives (``compare.py``), which call back here.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .decades import read_decade, read_year_span
from .term_overlap import read_overlap
from .date_mentions import pair_days, read_date, read_date_anchor, read_date_side
from .lexicon import IRREGULAR_PARTICIPLES, TIME_GRAINS, name_tokens, stem
from .schema import YEAR_RANGE, SchemaModel, holds_years

if TYPE_CHECKING:
    from .grammar import Parser

_YEARS = re.compile(r"(?<!\d)(1\d{3}|2[01]\d{2})(?!\d)")
_POINT_WORDS = {"in", "of", "for", "during", "on", "at", "year", "the", "from", "season"}


def time_column(schema, year: float | None = None) -> str | None:
    """The time column a year or date refers to: a date column first, then a year column
    (an integer column of years) whose range holds ``year``; for a trend, also an integer
    column named for years whatever its values ("Year" holding 70 ... 82)."""
    for c in schema.time_columns:
        p = schema.col(c)
        if p.kind in ("date", "datetime"):
            return c
        if year is None or p.min is None or float(p.min) - 1 <= year <= float(p.max) + 1:
            return c
    if year is None:
        for c, p in schema.columns.items():
            if p.kind == "integer" and {stem(t) for t in name_tokens(c)} & {"year", "yr"}:
                return c
    return None


#: nouns of a period a row can stand for ("Season 2009", "Election 1991")
_PERIOD_NOUNS = {"season", "election", "edition", "term", "session", "period", "census",
                 "vintage", "cohort", "campaign", "yr", "years"}


def period_column(schema, year: float) -> str | None:
    """The one whole-number column of years, not named "year", that holds ``year``: the
    table's unnamed first column (its rows are years) or one named for a period ("Season",
    "Election"). The profile leaves such columns measures; "in 2010" still means them."""
    first = next(iter(schema.columns), None)

    def unnamed(c: str) -> bool:
        return c == first and all(t.lower() == "unnamed" or t.isdigit() for t in name_tokens(c))
    found = [c for c, p in schema.columns.items() if p.kind == "integer" and
             holds_years(p) and float(p.min) <= year <= float(p.max) and
             (unnamed(c) or {stem(t) for t in name_tokens(c)} & _PERIOD_NOUNS)]
    return found[0] if len(found) == 1 else None


def _holds_year(p, year: float, slack: int = 0) -> bool:
    """A column of dates, or of whole numbers that are all years, whose range holds ``year``
    (give or take ``slack`` years)."""
    if p.min is None or p.max is None:
        return False
    if p.kind in ("date", "datetime"):
        lo, hi = _as_date(p.min), _as_date(p.max)
        return lo is not None and hi is not None and \
            lo.year - slack <= year <= hi.year + slack
    return holds_years(p) and float(p.min) - slack <= year <= float(p.max) + slack


def named_time_column(parser: "Parser", i: int, year: float,
                      prep: int | None = None) -> tuple[str, int] | None:
    """"which shop *opened* in 1985", "who was *hired* in 2004": the column that the verb
    before "in <year>" names, when it holds years (or dates) and that year: the
    year filters that column, not the table's first time column. With ``prep`` (the index
    of a comparative word, "drafted *before* 1990", "born *after* 1970"), the verb stands
    right before that word and the column's range need not hold ``year``.
    Returns the column and the index of the mention, or None when no such mention stands
    there."""
    if prep is None and parser.low(i - 1) == "year" and parser.low(i - 2) == "the":
        i -= 2  # "built in the year 1985": the same as "built in 1985"
    if prep is None and parser.low(i - 1) not in ("in", "during"):
        return None
    k = i - 1 if prep is None else prep  # the preposition
    nd = parser.node(k - 1)
    if nd is None or nd.kind != "col" or nd.role is not None or \
            parser.low(k - 2) in ("in", "on", "at", "out", "of"):
        return None  # "on duty in 1990", "out of print": a state, not an event
    before = parser.node(k - 2)
    if prep is not None and (stem(nd.low) in TIME_GRAINS or stem(nd.low) in (
            "date", "season", "time") or before is not None and (
            before.has("count") or before.low in ("which", "what"))):
        return None  # "how many years after 1996": the noun asked about, not a verb
    ms = nd.item.matches
    if ms[0].how not in ("exact", "stem") and not nd.low.endswith("ed") and \
            nd.low not in IRREGULAR_PARTICIPLES:
        return None  # a part of a name ("duty" of "Began duty") is not its verb
    top = list(dict.fromkeys(m.column for m in ms if abs(m.score - ms[0].score) < 1e-9))
    # "established before 1800" with every row after 1880: the verb names the column, and
    # a side of a year holds whatever the range (none of the rows, here); "in 1800" must
    # fall in it
    slack = 0 if prep is None else 10_000
    cols = [c for c in top if _holds_year(parser.s.col(c), year, slack)]
    return (cols[0], k - 1) if len(cols) == 1 else None


def unread_years(parser: "Parser", col: str, said: str, keep) -> bool:
    """A side of a year or a span of years on a column of years some of whose cells hold
    numbers that did not read ("pre-1915", "early 1880s", "1902 to 1908"): a row whose
    years ``keep`` would count (or with no year to tell) would silently be left out, so
    the reading is refused, saying why; cells whose years all fall outside ("Q2 2021"
    for "before 1990") change nothing. Returns True when refused."""
    p = parser.s.col(col)
    if not p.unread_numbers or p.kind not in ("integer", "number"):
        return False
    cells = p.unread_examples
    left_out = [c for c in cells if not _YEARS.findall(c) or
                any(keep(int(y)) for y in _YEARS.findall(c))]
    if not left_out and p.unread_numbers <= len(cells):
        return False
    shown = ", ".join(repr(c) for c in (left_out or cells)[:3])
    parser.r.problems.append(f"Some values of {col!r} are not plain years ({shown}), so I "
                             f"cannot tell whether those rows fall {said}.")
    return True


def is_year(v: float | None) -> bool:
    return v is not None and float(v).is_integer() and YEAR_RANGE[0] <= v <= YEAR_RANGE[1]


def year_filter(schema, col: str, op: str, lo: float, hi: float | None = None) -> FilterC:
    """A filter on the year of ``col``: ``=``/``between`` for years, ``>``/``<`` ..."""
    p = schema.col(col)
    lo_i = int(lo)
    dated = p.kind in ("date", "datetime")
    if op == "between":
        hi_i = int(hi if hi is not None else lo)
        if dated:
            return FilterC(col, "year", [lo_i, hi_i], how="time")
        return FilterC(col, "between", [lo_i, hi_i], how="time")
    if op == "=":
        return FilterC(col, "year" if dated else "=", lo_i, how="time")
    if not dated:
        return FilterC(col, op, lo_i, how="time")
    if op in (">", ">="):
        start = lo_i + (1 if op == ">" else 0)
        return FilterC(col, "date>=", f"{start}-01-01", how="time")
    end = lo_i + (1 if op == "<=" else 0)
    return FilterC(col, "date<", f"{end}-01-01", how="time")


def _as_date(v) -> _dt.date | None:
    try:
        import pandas as pd

        return pd.Timestamp(v).date()
    except Exception:
        return None


def time_filters(parser: "Parser") -> None:
    r, s, n = parser.r, parser.s, parser.n
    for i, nd in enumerate(n):
        if nd.role is not None:
            continue
        prev = parser.low(i - 1)
        if nd.kind == "decade":
            read_decade(parser, i, time_column, year_filter)  # "in the 1880s", "the 1700s"
        elif nd.kind == "date" and read_year_span(parser, i, time_column, year_filter):
            continue  # "in 1961-68": decades.py
        elif nd.kind == "date":
            col = time_column(s)
            d = _as_date(nd.text)
            if col is not None and d is not None and s.col(col).kind in ("date", "datetime") \
                    and prev not in ("after", "before", "since", "until", "from", "between",
                                     "to", "and"):
                r.filters.append(FilterC(col, "date>=", d.isoformat(), at=i, how="time"))
                r.filters.append(FilterC(col, "date<", (d + _dt.timedelta(days=1)).isoformat(),
                                         at=i, how="time"))
                parser.use(i, role="filter")
        elif "month" in nd.tags or (nd.kind == "word" and nd.low == "may" and (
                prev in ("in", "during", "of") or parser.node(i + 1) is not None and
                parser.node(i + 1).kind == "num" and nd.item.tok is not None and
                nd.item.tok.cap)):
            if read_date_side(parser, i, nd.tags.get("month", 5)):
                continue  # rows counted on one side of a day
            if read_date_anchor(parser, i, nd.tags.get("month", 5)):
                continue  # "the next date after 20 February 2008": the row of that day
            gap = any(x.low in ("difference", "gap", "margin") for x in n)
            pair = sum("month" in x.tags for x in n) == 2  # "from <day> to <day>"
            if (prev not in ("after", "before", "since", "until", "from", "between", "to",
                             "till", "through") or prev == "between" and gap or
                    pair and prev in ("from", "between", "to", "and", "through", "until",
                                      "till")) and \
                    read_date(parser, i, nd.tags.get("month", 5)):
                continue  # a day, or a month of dates written as text
            col = time_column(s)
            if col is None or s.col(col).kind not in ("date", "datetime"):
                continue
            month = nd.tags.get("month", 5)
            r.filters.append(FilterC(col, "month", month, at=i, how="time"))
            parser.use(i, role="filter")
            if prev in _POINT_WORDS:
                parser.use(i - 1, role="filter")
            nxt = parser.node(i + 1)
            if nxt is not None and nxt.kind == "num" and is_year(nxt.value):
                r.filters.append(year_filter(s, col, "=", nxt.value))
                parser.use(i + 1, role="filter")
        elif nd.kind == "num" and is_year(nd.value) and not nd.item.tok.pct and \
                not nd.item.tok.money and not nd.item.tok.ordinal:
            linked = prev in ("and", "to", "through", "until", "till", "-") and i >= 2 and \
                n[i - 2].kind == "num" and is_year(n[i - 2].value)
            if linked or any("cmp" in x.tags or "range" in x.tags for x in n[max(0, i - 2):i]) or \
                    parser.low(i + 1) in ("to", "and", "through", "until", "till", "or") and \
                    parser.node(i + 2) is not None and is_year(parser.node(i + 2).value):
                continue  # a range or comparison: read with the comparatives
            named = named_time_column(parser, i, nd.value)
            col = named[0] if named else time_column(s, nd.value)
            period = None
            if col is None and not any(x is not nd and x.kind == "num" and is_year(x.value)
                                       for x in n):  # one year: not "2016 than 2012"
                col = period = period_column(s, nd.value)
            y = int(nd.value)
            if col is None and period is None and \
                    read_overlap(parser, None, y, y, year_filter) is not None:
                parser.use(i, *([i - 1] if prev in _POINT_WORDS else []), role="filter")
                continue  # "who served in 1975" over a start and its end: term_overlap.py
            if col is None:
                continue
            r.filters.append(year_filter(s, col, "=", nd.value))
            r.filters[-1].at = i
            if period is not None:
                r.filters[-1].how = "period"
            parser.use(i, role="filter")
            if named:
                parser.use(named[1], role="filter")
            if prev in _POINT_WORDS and n[i - 1].role is None:
                parser.use(i - 1, role="filter")
        elif "rel" in nd.tags and nd.kind == "word":
            _relative(parser, i)
        elif nd.kind == "word" and len(nd.low) == 2 and nd.low[0] == "q" and \
                nd.low[1] in "1234":
            col = time_column(s)
            if col is None or s.col(col).kind not in ("date", "datetime"):
                continue
            r.filters.append(FilterC(col, "quarter", int(nd.low[1]), at=i, how="time"))
            parser.use(i, role="filter")
            if prev in _POINT_WORDS:
                parser.use(i - 1, role="filter")
    pair_days(parser)
    _one_month_each(parser)


def _one_month_each(parser: "Parser") -> None:
    """Two months of one column ("in September or November") cannot both hold: asked back."""
    seen: dict[str, int] = {}
    for f in parser.r.filters:
        if f.how in ("time", "value") and f.at >= 0 and "month" in parser.n[f.at].tags:
            seen[f.column] = seen.get(f.column, 0) + (f.op != "date<")
    if any(k > 1 for k in seen.values()):
        parser.r.problems.append("Two dates of one column are asked for at once; ask about "
                                 "each one, or compare them.")


_GRAIN_DAYS = {"day": 1, "week": 7, "month": 30.44, "quarter": 91.31, "year": 365.25,
               "hour": 1 / 24}


def _relative(parser: "Parser", i: int) -> None:
    """"last 3 months", "past year", "this year", "next 7 days" (a forecast horizon)."""
    r, s = parser.r, parser.s
    nd = parser.n[i]
    j = i + 1
    count = 1
    num = parser.node(j)
    if num is not None and num.is_number and float(num.value).is_integer():
        count = int(num.value)
        j += 1
    g = parser.node(j)
    if g is not None and g.kind == "col" and g.low in TIME_GRAINS:
        grain = TIME_GRAINS[g.low]  # "next 6 months" where month is a column
    elif g is None or "grain" not in g.tags:
        return
    else:
        grain = g.tags["grain"]
    direction = nd.tags["rel"]
    after = parser.low(j + 1)
    if direction == -1 and j == i + 1 and parser.low(i - 1) == "the" and after in (
            "that", "when", "in", "where", "which", "with", "for", "of", "he", "she", "they",
            "it", "the", "a", "an", "did", "was", "were", "before"):
        return  # "the last year that ...": a position among the rows, not a period
    if direction == -1 and j == i + 1 and parser.low(i - 1) == "the" and \
            nd.low in ("previous", "preceding", "prior"):
        return  # "the previous year": the year before one said earlier, not a period
    if direction == 1:  # "next 7 days": a horizon, read by the forecast
        r.horizon = (count, grain)
        parser.use(i, j, role="horizon")
        if j > i + 1:
            parser.use(i + 1, role="horizon")
        return
    col = time_column(s)
    if col is None or s.col(col).kind not in ("date", "datetime"):
        if col is not None and grain == "year" and s.col(col).max is not None:
            top = int(float(s.col(col).max))
            lo = top - count + 1 if direction == -1 else top
            r.filters.append(FilterC(col, ">=", lo, at=i, how="time"))
            parser.use(i, j, role="filter")
            if j > i + 1:
                parser.use(i + 1, role="filter")
        return
    end = _as_date(s.col(col).max)
    if end is None:
        return
    if grain in ("month", "quarter", "year"):
        unit = {"month": 1, "quarter": 3, "year": 12}[grain]
        index = end.year * 12 + end.month - 1
        if direction == 0:  # "this year": the calendar period holding the latest date
            index -= index % unit if grain != "month" else 0
        else:  # "last 3 months": the trailing months up to the latest one
            index -= unit * count - 1
        start = _dt.date(index // 12, index % 12 + 1, 1)
    else:
        start = end - _dt.timedelta(days=round(_GRAIN_DAYS[grain] * count) - 1)
    r.filters.append(FilterC(col, "date>=", start.isoformat(), at=i, how="time"))
    parser.use(i, j, role="filter")
    if j > i + 1:
        parser.use(i + 1, role="filter")


MAX_BUCKETS = 200


def auto_grain(s: SchemaModel, col: str) -> str:
    """The finest calendar grain not finer than the data's spacing, with at most
    ``MAX_BUCKETS`` points."""
    import pandas as pd

    p = s.col(col)
    if p.year_like:
        return "raw"
    try:
        lo, hi = pd.Timestamp(p.min).date(), pd.Timestamp(p.max).date()
    except Exception:
        return "month"
    days = max((hi - lo).days, 0)
    spacing = days / max(p.n_distinct - 1, 1)
    for grain, size in (("hour", 1 / 24), ("day", 1), ("week", 7), ("month", 30.4),
                        ("quarter", 91.3), ("year", 365.25)):
        if (grain == "hour" and p.kind != "datetime") or size < spacing * 0.8:
            continue
        if days / size + 1 <= MAX_BUCKETS:
            return grain
    return "year"


def native_grain(s: SchemaModel, col: str) -> str:
    """The calendar grain closest to the spacing of the data's own time points."""
    import pandas as pd

    p = s.col(col)
    try:
        lo, hi = pd.Timestamp(p.min).date(), pd.Timestamp(p.max).date()
    except Exception:
        return auto_grain(s, col)
    if p.n_distinct < 2:
        return auto_grain(s, col)
    spacing = max((hi - lo).days, 0) / (p.n_distinct - 1)
    sizes = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "quarter": 91.31,
             "year": 365.25}
    grains = [g for g in sizes if g != "hour" or p.kind == "datetime"]
    return min(grains, key=lambda g: abs(math.log(max(spacing, 1 / 48) / sizes[g])))


__all__ = ["MAX_BUCKETS", "auto_grain", "is_year", "named_time_column", "native_grain",
           "time_column", "time_filters", "unread_years", "year_filter"]
