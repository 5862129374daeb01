"""Two items compared on a column of written times: "which track is longer, A or B", "who
had the better time, A or B", "was A faster than B".

A text column of elapsed times ("4:05", "1:02.37", "58.27": ``lengths.elapsed_column``) is
compared as seconds (a derived column, ``Expr`` op ``elapsed``), one row per item only
(summing two times of one item is not what "A's time" names). "Faster" and "slower" on a
time are the fewer and the more seconds. A cell that is no time ("DNF", "+2 laps") gives the
item no value, and the comparison is then not answered.
"""

from __future__ import annotations

import re

from .lengths import CLOCK, elapsed_column
from .lexicon import name_tokens, stem
from .plan_parts import Expr, Measure, Step
from .schema import SchemaModel

_TIME_WORDS = {"time", "duration", "running", "runtime", "elapsed", "length"}


def written_times(s: SchemaModel, col: str, loose: bool = False) -> bool:
    """A text column of elapsed times (``loose``: the question names it) that says so: named
    for a time, or holding clocks ("1:02.37"); plain numbers in text ("6000") are not."""
    p = s.col(col)
    if p.numeric or not elapsed_column(s, col, loose=loose):
        return False
    shown = [str(v).strip() for v in (p.values or p.examples or []) if v is not None]
    return bool({stem(t) for t in name_tokens(col)} & _TIME_WORDS) or \
        any(CLOCK.match(v) for v in shown)


def time_columns(s: SchemaModel, item_col: str) -> list[str]:
    """Columns holding a time: written times, or numbers named for a time."""
    return [c for c in s.columns if c != item_col and (
        written_times(s, c) or s.col(c).numeric and
        {stem(t) for t in name_tokens(c)} & _TIME_WORDS)]


def is_time(s: SchemaModel, col: str) -> bool:
    return written_times(s, col, loose=True) or s.col(col).numeric and \
        bool({stem(t) for t in name_tokens(col)} & _TIME_WORDS)


def seconds_measure(s: SchemaModel, col: str) -> tuple[list[Step], Measure]:
    """The steps deriving the seconds of ``col`` and the measure over them."""
    name = "seconds_of_" + re.sub(r"\W+", "_", col).strip("_")  # a name code can spell
    while name in s.columns:
        name += "_derived"
    return [Step("derive", name, Expr.of("elapsed", Expr.col(col)))], Measure("mean", name)


__all__ = ["is_time", "seconds_measure", "time_columns", "written_times"]
