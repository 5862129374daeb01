"""Rows compared with an amount of time without a word of length (issue 12), beside
:func:`length_compare.read_length_filter` (which needs "long" / "longer than"):
"how many runners finished below 2:01", "who had a time under 1:02:30", "how many swimmers
swam faster than 1:03.59", "how many riders finished in under 52 seconds".

The amount is a clock (minutes and seconds, or hours, minutes and seconds, with fractions
of a second) or a number with a unit of time. A clock is surely an amount of time; a number
with a unit is read so only when no numeric column is named for a unit of time ("Minutes"
would hold it as a plain number). The rows compared are those of the table's one text
column of elapsed times (``lengths.elapsed_column``), as seconds (``Expr`` op
``elapsed``); "faster" / "quicker" is less time, "slower" more. Several such columns, or
none, leave the question to the other readings (refused there); cells that are not one time
each are refused when the plan is built (``length_compare``), and so is an amount more than
ten times away from every time of the column, unless a clock of three parts ending in two
digits is within that factor read as minutes, seconds and hundredths ("7:14:50" beside times
near 7:14.50: a colon written for the point).
With no such column, the one numeric column named for a time (not minutes, hours or a
time of the day) holds seconds: "quicker than 11.85 seconds" filters it at 11.85, a clock as
its seconds, within the same factor of ten. A column named for a time of the day ("Time
(UTC)", "Kick-off") is not one of elapsed times. The words of what was timed beside the
comparison ("swam", "ran the course in", "to complete the course", "in length") are
read with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import FilterC
from .length_compare import LengthFilterC
from .lengths import CLOCK, SECONDS, elapsed_column, shown_values
from .lexicon import name_tokens, stem
from .text_years import read_text_year
from .unit_compare import read_unit_compare
from .unit_threshold import read_unit_threshold

if TYPE_CHECKING:
    from .grammar import Parser

_UNIT_SECONDS = {"second": 1, "seconds": 1, "sec": 1, "secs": 1, "minute": 60, "minutes": 60,
                 "min": 60, "mins": 60, "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600}
_CMP = {">", ">=", "<", "<="}
_WORDS = {"below", "under", "less than", "more than", "over", "above", "at least", "at most",
          "faster than", "slower than", "quicker than", "longer than", "shorter than"}
_LESS_TIME = ("faster", "quicker")
_MORE_TIME = ("slower",)
#: verbs of doing what is timed and what is done ("swam the heat", "clocked", "to finish")
_TIMED = {"take", "took", "takes", "need", "needed", "finish", "finished", "complete",
          "completed", "run", "ran", "swim", "swam", "ski", "skied", "ride", "rode", "cycle",
          "cycled", "skate", "skated", "row", "rowed", "drive", "drove", "race", "raced",
          "clocked", "lasted", "lasting", "timed", "event", "course", "heat", "stage", "long",
          "length"}
_FILL = {"the", "a", "an", "in", "at", "with", "their", "his", "her", "its", "to", "of"}
#: names of a column of times of the day, not of elapsed times ("Time (UTC)", "Kick-off")
_CLOCK_TIME = {stem(w) for w in ("utc", "gmt", "local", "kickoff", "kick", "start", "departure",
                                 "arrival", "greatest", "sunrise", "sunset", "et", "pt")}
NOT_SECONDS = _CLOCK_TIME | {stem(w) for w in ("min", "minute", "minutes", "hour", "hours",
                                                "hr", "hrs", "day", "days", "year", "years")}
_UNIT_NAMES = {"minute", "min", "second", "sec", "hour", "hr", "time"}


def read_time_threshold(p: "Parser") -> None:
    """Find one comparison with an amount of time (see the module docstring); else one
    with a number over a text column of numbers with their unit (``unit_threshold``)."""
    _read_time(p)
    if p.r.rowdiff is None:
        read_unit_threshold(p)
    if p.r.rowdiff is None:  # "at least 60 metres tall", no column named (unit_compare.py)
        read_unit_compare(p)
    if p.r.rowdiff is None:  # "founded before 1950" over "May 1946", "1925"
        read_text_year(p)


def _read_time(p: "Parser") -> None:
    for k, nd in enumerate(p.n):
        op = nd.tags.get("cmp")
        if op not in _CMP or nd.role is not None or nd.low not in _WORDS:
            continue  # "after 7:30" may be a time of the day
        if nd.low.startswith(_LESS_TIME):
            op = "<"
        elif nd.low.startswith(_MORE_TIME):
            op = ">"
        amount = _amount(p, k + 1)
        if amount is None:
            continue
        last, seconds, clock = amount
        units = _unit_columns(p)
        cands = [c for c in p.s.names() if p.s.col(c).kind == "text" and
                 elapsed_column(p.s, c) and not {stem(t) for t in name_tokens(c)} & _CLOCK_TIME]
        secs = _seconds_column(p) if not cands else None
        if secs is not None and (clock or units == [secs]) and \
                _within(p.s.col(secs).min, p.s.col(secs).max, seconds):
            # "quicker than 11.85 seconds" beside a numeric column of times in seconds
            p.use(k, *range(k + 1, last + 1), *_timed_words(p, k, last), role="filter")
            p.r.filters.append(FilterC(secs, str(op), seconds, at=k, how="compare"))
            return
        if not clock and units:
            return  # "over 4 minutes" may be a number of a column of minutes
        if len(cands) != 1:
            return
        if not _plausible(p, cands[0], seconds):
            seconds = _colon_for_point(p, k + 1, last, cands[0], seconds)
            if seconds is None:
                return
        named = [i for i, x in enumerate(p.n) if x.kind == "col" and x.role is None and
                 x.columns and set(x.columns) <= set(cands)]  # "with a time below 2:01"
        p.use(k, *range(k + 1, last + 1), *named, *_timed_words(p, k, last), role="length")
        p.r.rowdiff = LengthFilterC(cands[0], str(op), seconds)
        return


def _timed_words(p: "Parser", k: int, last: int) -> list[int]:
    """The words of what was timed beside the comparison: "swam", "ran the course in"
    before it, "to complete the course" after it; read only when a verb or an event is among
    them (the small words alone are left as they were)."""
    out: list[int] = []
    for run in (range(k - 1, -1, -1), range(last + 1, len(p.n))):
        words = []
        for i in run:
            nd = p.n[i]
            if nd.kind != "word" or nd.role is not None or \
                    nd.low not in _TIMED | _FILL | _UNIT_SECONDS.keys():
                break
            words.append(i)
        if any(p.n[i].low in _TIMED for i in words):
            out += words
    return out


def _amount(p: "Parser", i: int) -> tuple[int, float, bool] | None:
    """The amount of time starting at node ``i``: (index of its last node, seconds, whether
    it is a clock). A clock is two or three numbers joined by ":" in the question ("2:01",
    "1:03.59", "5:56:21"); else a number and a unit of time ("44 seconds")."""
    x = p.node(i)
    if x is None or x.role is not None:
        return None
    y = p.node(i + 1)
    if x.is_number and y is not None and y.role is None and y.low in _UNIT_SECONDS:
        return i + 1, float(x.value) * _UNIT_SECONDS[y.low], False
    parts: list[float] = []
    j = i
    while True:
        nd = p.node(j)
        if nd is None or nd.kind != "num" or nd.role is not None or nd.item.tok is None:
            return None
        parts.append(float(nd.value or 0))
        nxt = p.node(j + 1)
        if nxt is None or nxt.kind != "num" or nxt.item.tok is None or \
                p.r.question[nd.item.tok.end:nxt.item.tok.start] != ":":
            break
        if "." in nd.item.tok.text:
            return None  # "1.5:20": no clock
        j += 1
    if not 2 <= len(parts) <= 3 or any(v >= 60 for v in parts[1:]):
        return None
    for t in (p.n[m].item.tok.text for m in range(i + 1, j + 1)):
        if len(t.split(".")[0]) != 2:
            return None  # "2:1": not minutes and seconds
    seconds = 0.0
    for v in parts:
        seconds = seconds * 60 + v
    return j, seconds, True


def _plausible(p: "Parser", col: str, seconds: float) -> bool:
    """The amount is within a factor of ten of the column's times ("7:14:50" said of times
    near 7:14.50 is a slip of the pen, not seven hours)."""
    times = []
    for v in shown_values(p.s, col):
        m = CLOCK.match(v)
        if m:
            times.append(float(m.group(1) or 0) * 3600 + float(m.group(2)) * 60 +
                         float(m.group(3)))
        elif SECONDS.match(v):
            times.append(float(v))
    return bool(times) and min(times) / 10 <= seconds <= max(times) * 10


def _colon_for_point(p: "Parser", i: int, last: int, col: str, seconds: float) -> float | None:
    """A clock of three parts whose last is two digits, read as minutes, seconds and
    hundredths when as hours it is more than ten times away from every time of the column
    and as minutes it is within that factor ("7:14:50" beside times near 7:14.50 is
    7:14.50); else None (refused)."""
    if last - i != 2 or len(p.n[last].item.tok.text) != 2:
        return None
    m, s, f = (float(p.n[j].value or 0) for j in range(i, last + 1))
    alt = m * 60 + s + f / 100
    return alt if _plausible(p, col, alt) and not _plausible(p, col, seconds) else None


def _unit_columns(p: "Parser") -> list[str]:
    """The numeric columns named for a unit of time or a time ("Minutes", "Time (s)")."""
    units = {stem(w) for w in _UNIT_NAMES}
    return [c for c in p.s.names() if p.s.col(c).numeric and
            {stem(t) for t in name_tokens(c)} & units]


def _seconds_column(p: "Parser") -> str | None:
    """The one numeric column named for a time (not minutes, hours or a time of the day)
    whose values are above 0: seconds, as "Time" beside "12.40" reads."""
    found = []
    for c in p.s.names():
        stems = {stem(t) for t in name_tokens(c)}
        prof = p.s.col(c)
        if not prof.numeric or not stems & {stem("time")} or stems & NOT_SECONDS:
            continue
        try:
            if float(prof.min) <= 0:
                continue
        except (TypeError, ValueError):
            continue
        found.append(c)
    return found[0] if len(found) == 1 else None


def _within(lo, hi, seconds: float) -> bool:
    try:
        return float(lo) / 10 <= seconds <= float(hi) * 10
    except (TypeError, ValueError):
        return False


__all__ = ["read_time_threshold"]
