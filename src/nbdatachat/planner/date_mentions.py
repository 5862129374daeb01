"""Dates in a question read with every part it gives: day, month and year.

"on September 17", "September 17, 2005", "17 September", "the 17th of September" and "in
September" are matched against the table's dates at the precision the question gives:

- a date column (real dates, or dates written as text that ``data.text_values`` read): a
  day with a year is that day; a day with no year is that day only when one year of the
  column's range holds it (the range says which year), otherwise the question is asked back;
- a text column of dates written without a year ("September 17", "Sept. 17", "17 Sep"):
  the values whose month and day (and year, when they carry one) are the question's; a year
  the values do not carry is refused, never dropped; a month alone picks every value of
  that month.

Several date columns with none named, a day that no value holds, or a day that is not in
the calendar ("February 30") make the reading incomplete: a wrong day costs more than a
question back.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING

from ..data.text_values import month_number
from .constituents import FilterC

if TYPE_CHECKING:
    from .grammar import Parser

_POINT_WORDS = {"in", "of", "for", "during", "on", "at", "the", "from", "month"}
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_TEXT_DATE = re.compile(
    r"^\s*(?:[A-Za-z]+,?\s+)?(?:(?P<m1>[A-Za-z]{3,9})\.?\s*(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]{3,9})\.?)"
    r"(?:,?\s+(?P<y>\d{4}))?\s*$")


def text_date(value) -> tuple[int, int, int | None] | None:
    """``"Sept. 17"`` -> (9, 17, None); ``"17 September 2005"`` -> (9, 17, 2005); ``"Saturday,
    April 14"`` -> (4, 14, None); anything else -> None."""
    if not isinstance(value, str):
        return None
    m = _TEXT_DATE.match(value.replace("\u00a0", " "))
    if m is None:
        return None
    month = month_number(m.group("m1") or m.group("m2"))
    day = int(m.group("d1") or m.group("d2"))
    if month is None or not 1 <= day <= 31:
        return None
    return int(month), day, int(m.group("y")) if m.group("y") else None


def _date_text_columns(s) -> dict[str, dict[str, tuple[int, int, int | None]]]:
    """Text columns whose values (nine in ten or more) are month-and-day dates, with each
    value's parts; computed once per schema."""
    cached = s.__dict__.get("_date_texts")
    if cached is not None:
        return cached
    out: dict[str, dict[str, tuple[int, int, int | None]]] = {}
    for c, p in s.columns.items():
        if p.kind != "text" or not p.values:
            continue
        if sum(text_date(v) is not None for v in p.values[:20]) < 0.9 * min(20, len(p.values)):
            continue
        parts = {v: text_date(v) for v in p.values}
        read = {v: t for v, t in parts.items() if t is not None}
        if len(read) >= 0.9 * len(parts):
            out[c] = read
    s.__dict__["_date_texts"] = out
    return out


def _date_columns(s) -> list[str]:
    return [c for c, p in s.columns.items() if p.kind in ("date", "datetime") and
            p.n_null < p.n_rows and p.min is not None]


def _num(parser: "Parser", i: int, lo: int, hi: int):
    nd = parser.node(i)
    if nd is None or nd.kind != "num" or nd.role is not None or nd.value is None:
        return None
    tok = nd.item.tok
    if tok is not None and (tok.pct or tok.money):
        return None
    v = float(nd.value)
    return int(v) if v.is_integer() and lo <= v <= hi else None


def _mention(parser: "Parser", i: int) -> tuple[int | None, int | None, list[int]]:
    """The day and year written beside the month at ``i``, and their node indexes."""
    day = _num(parser, i + 1, 1, 31)
    if day is not None:
        year = _num(parser, i + 2, 1000, 2200)
        return day, year, [i + 1] + ([i + 2] if year is not None else [])
    year_after = _num(parser, i + 1, 1000, 2200)
    if _num(parser, i - 1, 1, 31) is not None:
        return _num(parser, i - 1, 1, 31), year_after, \
            [i - 1] + ([i + 1] if year_after is not None else [])
    if parser.low(i - 1) == "of" and parser.low(i - 2) != "of" and \
            _num(parser, i - 2, 1, 31) is not None:  # "the 17th of September"
        return _num(parser, i - 2, 1, 31), year_after, \
            [i - 2, i - 1] + ([i + 1] if year_after is not None else [])
    return None, year_after, [i + 1] if year_after is not None else []


def _named(parser: "Parser", cols: list[str]) -> list[str]:
    said = [nd.columns[0] for nd in parser.n if nd.kind == "col" and nd.columns]
    return [c for c in cols if c in said]


def _said(month: int, day: int | None, year: int | None) -> str:
    text = _MONTH_NAMES[month - 1] + (f" {day}" if day else "")
    return text + (f", {year}" if year else "")


def read_date(parser: "Parser", i: int, month: int) -> bool:
    """Read the date whose month is at node ``i``; True when it was read or refused here,
    False to leave a month (and year) with no day to the month filter."""
    r, s = parser.r, parser.s
    day, year, used = _mention(parser, i)
    dated = _date_columns(s)
    texts = _date_text_columns(s)
    if day is None and (dated or not texts):
        return False  # a month (and year) on a date column: the month filter reads it
    said = _said(month, day, year)
    cols = dated if dated else list(texts)
    if not cols:
        return False  # nothing holds dates: the day is left unread (and asked back)
    if len(cols) > 1:
        named = _named(parser, cols)
        if len(named) != 1:
            r.problems.append(f'"{said}" could be a date of several columns '
                              f'({", ".join(cols)}); say which one.')
            _use(parser, i, used)
            return True
        cols = named
    col = cols[0]
    before = len(r.filters)
    if dated:
        _on_day(parser, col, month, day, year, said, i)
    else:
        _in_text(parser, col, texts[col], month, day, year, said, i)
    _use(parser, i, used)
    added = r.filters[before:]
    if day is not None and added:
        value = added[0].value if added[0].op in ("=", "date>=") else None
        if value is not None:
            r.__dict__.setdefault("_days", []).append((i, sorted([i, *used]), col, value, added))
    return True


_RANGE_OPEN = {"from", "between"}
_RANGE_JOIN = {"to", "and", "through", "until", "till", "-"}


def _range(parser: "Parser", days: list) -> bool:
    """"from May 4, 1991 to November 9, 1999" on a date column: both days included."""
    (a, span_a, col, va, fa), (b, span_b, _, vb, fb) = days
    start = min(span_a)
    gap = list(range(max(span_a) + 1, min(span_b)))
    if parser.low(start - 1) not in _RANGE_OPEN or len(gap) != 1 or \
            parser.low(gap[0]) not in _RANGE_JOIN or \
            any(nd.low in ("difference", "gap", "margin") for nd in parser.n):
        return False  # "the difference between A and B": two items, not a span
    r = parser.r
    if len(fa) != 2 or len(fb) != 2 or fa[0].op != "date>=":
        r.problems.append("A span between two dates written as text is not read yet.")
        return True
    if va > vb:
        r.problems.append(f"The span from {va} to {vb} runs backwards.")
        return True
    for f in fa[1:] + fb[:1]:
        r.filters.remove(f)  # keep: on or after the first day, before the day after the last
    parser.use(start - 1, gap[0], role="filter")
    r.notes.append(f"{col} from {va} to {vb}, both days included")
    return True


def pair_days(parser: "Parser") -> None:
    """Two days of one column joined by "or", "and" or "than" ("higher on September 3 or
    September 17") are the two items compared (``contrast.py``), not two filters that
    cannot both hold; a pair no comparison reads is asked back."""
    from .contrast import _link, _read
    from .schema import Match

    r = parser.r
    days = r.__dict__.pop("_days", [])
    if len(days) == 1:  # the other day written as the column writes it: a value already
        col = days[0][2]
        vals = [(k, nd) for k, nd in enumerate(parser.n) if nd.kind == "val" and
                nd.role is None and {m.column for m in nd.item.matches} == {col}]
        hits = {m.value for _, nd in vals for m in nd.item.matches}
        if len(vals) == 1 and len(hits) == 1:
            k = vals[0][0]
            days = sorted(days + [(k, [k], col, hits.pop(), [])])
    if len(days) != 2 or days[0][2] != days[1][2]:
        if any(parser.low(min(d[1]) - 1) in _RANGE_OPEN | _RANGE_JOIN for d in days):
            r.problems.append("I could not read that span of dates; give both ends, e.g. "
                              "'from March 3, 2005 to May 1, 2005'.")
        return
    if _range(parser, days):
        return
    (a, span_a, col, va, fa), (b, span_b, _, vb, fb) = days
    for f in fa + fb:
        r.filters.remove(f)
    for k in span_a + span_b:
        parser.n[k].role = "date_part"
    for k, v in ((a, va), (b, vb)):
        nd = parser.n[k]
        nd.kind, nd.role = "val", None
        nd.item.matches = [Match("value", col, 1.0, "date", v)]
    link = _link(parser, a, b)
    if link is None or not _read(parser, a, b, col, link):
        r.problems.append("Two dates of one column are asked for at once in a way I cannot "
                          "read; ask about each one, or compare them with 'or'.")
        parser.n[a].role = parser.n[b].role = "date_part"


_SIDES = {"after": ">", "since": ">=", "before": "<", "until": "<=", "till": "<="}
_COUNT_WORDS = {"how many", "many", "number", "count"}
_ORDER_WORDS = {"next", "previous", "listed", "following", "preceding", "last", "first",
                "then", "again", "prior"}


def read_date_side(parser: "Parser", i: int, month: int) -> bool:
    """"how many matches came after 9 March 2011", "... before May 1945": rows counted on one
    side of a day (or a month of a year) of the one date column. Only counts: "which date is
    listed after ..." or "who played next after ..." asks for a neighbouring row, and those
    stay with the table-order reading."""
    r, s = parser.r, parser.s
    day, year, used = _mention(parser, i)
    first = min([i, *used])
    side = _SIDES.get(parser.low(first - 1))
    words = {nd.low for nd in parser.n}
    if side is None or not words & _COUNT_WORDS or words & _ORDER_WORDS or \
            sum(nd.low in _SIDES for nd in parser.n) != 1:
        return False
    dated = _date_columns(s)
    if not dated or (day is None and year is None):
        return False
    cols = dated if len(dated) == 1 else _named(parser, dated)
    if len(cols) != 1:
        return False
    col = cols[0]
    said = _said(month, day, year)
    if day is None:  # a month of a year: its first day, or the first day of the next month
        start = _dt.date(year, month, 1)
        end = _dt.date(year + month // 12, month % 12 + 1, 1)
    else:
        before = len(r.filters)
        _on_day(parser, col, month, day, year, said, i)
        if len(r.filters) == before:
            _use(parser, i, used)
            parser.use(first - 1, role="filter")
            return True  # refused (the problem is said)
        start = _dt.date.fromisoformat(r.filters[before].value)
        end = start + _dt.timedelta(days=1)
        del r.filters[before:]
    bound = end if side in (">", "<=") else start
    op = "date>=" if side in (">", ">=") else "date<"
    r.filters.append(FilterC(col, op, bound.isoformat(), at=i, how="compare"))
    _use(parser, i, used)
    parser.use(first - 1, role="filter")
    return True


def _use(parser: "Parser", i: int, used: list[int]) -> None:
    parser.use(i, *used, role="filter")
    if parser.low(i - 1) in _POINT_WORDS and i - 1 not in used:
        parser.use(i - 1, role="filter")


def _on_day(parser: "Parser", col: str, month: int, day: int, year: int | None,
            said: str, i: int) -> None:
    import pandas as pd

    r, p = parser.r, parser.s.col(col)
    lo, hi = pd.Timestamp(p.min).date(), pd.Timestamp(p.max).date()
    years = [year] if year is not None else list(range(lo.year, hi.year + 1))
    found = []
    for y in years:
        try:
            d = _dt.date(y, month, day)
        except ValueError:
            continue
        if lo <= d <= hi:
            found.append(d)
    if not found:
        r.problems.append(f'"{said}" is not a day within {col} (its dates run {lo} to {hi}).')
        return
    if len(found) > 1:
        r.problems.append(f'"{said}" falls in several years of {col} '
                          f'({", ".join(str(d.year) for d in found)}); say which year.')
        return
    d = found[0]
    r.filters.append(FilterC(col, "date>=", d.isoformat(), at=i, how="time"))
    r.filters.append(FilterC(col, "date<", (d + _dt.timedelta(days=1)).isoformat(), at=i,
                             how="time"))
    if year is None:
        r.notes.append(f"{said} read as {d.isoformat()}, the only {said} in {col} "
                       f"({lo} to {hi})")


def _in_text(parser: "Parser", col: str, parts: dict, month: int, day: int | None,
             year: int | None, said: str, i: int) -> None:
    r = parser.r
    with_year = [t for t in parts.values() if t[2] is not None]
    if year is not None and len(with_year) < len(parts):
        r.problems.append(f'{col} gives no year for its dates, so "{said}" cannot be matched '
                          f"with its year.")
        return
    hits = [v for v, t in parts.items() if t[0] == month and (day is None or t[1] == day)
            and (year is None or t[2] == year)]
    if not hits:
        r.problems.append(f'No value of {col} is "{said}".')
        return
    if day is not None and year is None and len({parts[v][2] for v in hits}) > 1:
        r.problems.append(f'"{said}" falls in several years of {col}; say which year.')
        return
    hits.sort(key=lambda v: (parts[v][2] or 0, parts[v][1]))
    if len(hits) == 1:
        r.filters.append(FilterC(col, "=", hits[0], at=i, how="value"))
    else:
        r.filters.append(FilterC(col, "in", hits, at=i, how="value"))
        r.notes.append(f"{said} read as the {col} values of that "
                       f"{'day' if day else 'month'}")

#: words of table order that a day may anchor ("the next date *after* 11 April 2006")
_TABLE_ORDER = {"next", "previous", "listed", "shown", "following", "preceding", "prior",
                "comes", "came", "come", "above", "below"}
_ANCHOR_WORDS = {"after", "before", "above", "below", "following", "preceding",
                 "right after", "right before", "directly after", "directly before",
                 "immediately after", "immediately before", "just after", "just before"}


def read_date_anchor(parser: "Parser", i: int, month: int) -> bool:
    """"which date is listed after 5 May 1981", "the date previous to July 9th 1990":
    a whole day written after a word of table order is the row it names, an anchor for the
    table-order reading (``positions.py``) as a value of the one date column. True when it
    was read (or refused) here."""
    from .schema import Match

    day, year, used = _mention(parser, i)
    if day is None:
        return False
    span = sorted([i, *used])
    first = span[0]
    k = first - 1
    while k >= 0 and parser.low(k) == "the" and parser.n[k].role is None:
        k -= 1
    word = parser.low(k)
    if k < 0 or parser.n[k].role is not None or not (
            word in _ANCHOR_WORDS or word == "to" and parser.low(k - 1) in ("previous",
                                                                          "prior")):
        return False
    r, s = parser.r, parser.s
    dated = _date_columns(s)
    texts = _date_text_columns(s)
    cols = dated if dated else list(texts)
    if len(cols) > 1:
        cols = _named(parser, cols)
    if len(cols) != 1:
        return False
    col = cols[0]
    words = {nd.low for nd in parser.n}
    asked = [nd for nd in parser.n[:k] if nd.kind == "col" and nd.columns[:1] == [col]]
    if words & _COUNT_WORDS or not (words & _TABLE_ORDER or word not in ("after", "before")
                                    or asked):
        return False  # "who transferred after 30 November": every row on that side of it
    said = _said(month, day, year)
    before = len(r.filters)
    if dated:
        _on_day(parser, col, month, day, year, said, i)
    else:
        _in_text(parser, col, texts[col], month, day, year, said, i)
    added = r.filters[before:]
    del r.filters[before:]
    for k2 in span:
        parser.n[k2].role = "date_part"
    if not added:
        return True  # refused: the problem is said
    if added[0].op == "in":
        r.problems.append(f'"{said}" is written several ways in {col} '
                          f'({", ".join(map(str, added[0].value))}); say which one.')
        return True
    value = added[0].value
    nd = parser.n[first]
    nd.kind, nd.role = "val", None
    nd.item.matches = [Match("value", col, 1.0, "date", value)]
    return True


__all__ = ["pair_days", "read_date", "read_date_anchor", "read_date_side", "text_date"]
