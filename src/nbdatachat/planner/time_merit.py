"""The best time is the least time (issue 12): "which skier had the best run time", "the
worst time of the day", "which crew was the fastest" over a numeric column of times in seconds.

A superlative of merit ("best", "worst") or of speed ("fastest", "slowest") said of a
column of elapsed times ranks it the other way round from a score: the best / fastest time
is the smallest number of seconds, the worst / slowest the largest. Read so only when the
column ranked is numeric and named for a time ("Time", "Run 1 time", "Time (s)"), not for a
time of the day ("Time (UTC)", "Kick-off time") nor for how many times ("Times won"); the
reader says so in a note. "The highest time" and "the lowest time" keep their plain sense.

Text columns of clocks ("1:58.12") are ranked by :mod:`time_rank`; this module covers the
times the data layer already holds as numbers.
"""

from __future__ import annotations

from .constituents import Reading
from .lexicon import name_tokens, stem
from .plan import Plan
from .ranks import ranked_column, turned
from .schema import SchemaModel
from .time_threshold import NOT_SECONDS

#: superlatives of merit or speed said of a time -> whether they ask for the least time
_LEAST_TIME = {"best": True, "better": True, "fastest": True, "quickest": True,
               "faster": True, "quicker": True, "worst": False, "worse": False,
               "slowest": False, "slower": False}
#: column-name words of a time of the day or of a unit too large for a race (time_threshold),
#: and "month"
_NOT_SECONDS = NOT_SECONDS | {stem("month")}


def timed_column(s: SchemaModel, column: str) -> bool:
    """A numeric column of times taken: named "time" (singular: "Times" counts), with no
    word of a time of the day or of a large unit, and every value above 0."""
    p = s.col(column)
    words = [t.lower() for t in name_tokens(column)]
    if not p.numeric or "time" not in words or {stem(w) for w in words} & _NOT_SECONDS:
        return False
    try:
        return float(p.min) > 0
    except (TypeError, ValueError):
        return False


def seconds_columns(s: SchemaModel) -> list[str]:
    """The numeric columns of times taken (:func:`timed_column`)."""
    return [c for c in s.names() if timed_column(s, c)]


def read_time_merit(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan`` with a superlative of merit or speed over a numeric column of times turned
    to the least time for "best" / "fastest" and the most for "worst" / "slowest"."""
    word = (r.superlative_word or "").lower()
    if not r.superlative or word not in _LEAST_TIME or r.sort in ("asc", "desc"):
        return plan
    ranked = ranked_column(plan)
    if ranked is None or ranked not in s.columns or not timed_column(s, ranked):
        return plan
    least = _LEAST_TIME[word]
    r.notes.append(f'read "{word}" of {ranked!r} as the {"least" if least else "most"} time '
                   f"(less time is better)")
    return turned(plan, least)


__all__ = ["read_time_merit", "seconds_columns", "timed_column"]
