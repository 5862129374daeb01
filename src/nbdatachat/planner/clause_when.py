"""The day or year a first clause gives its row (issue 12, table order), for
``clause_anchor.py``: "the Arrow was ordered *on November 11, 1971*. what was the previous
ship?", "Gresik hosted *in 2010*. who hosted the previous year?".

The date or year is read as conditions of the time column (a day: on or after it and before
the next day; a year: that year, or a text cell containing it). They are conditions of the
anchor row like its values: all of them must hold for it, so a date read wrongly finds no
row (said), never another one. The time column then names the anchor, not what is asked:
its mentions in either clause ("was *released* on ... which single was *released* the year
before") are taken as part of the anchor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .grammar import Parser

#: the operators of the conditions a day or a year said in the first clause becomes
WHEN_OPS = {"date>=", "date<", "year", "contains"}


def is_when(f: Any) -> bool:
    """A condition of the anchor row's day or year (read from a date or year of the text)."""
    return f.how == "time" and f.op in WHEN_OPS and not f.negated


def absorb_time_columns(p: "Parser", anchor: list[Any]) -> None:
    """The time column of the anchor's day or year, where the question names it, is part of
    the anchor (never the column asked)."""
    timed = {f.column for f in anchor if is_when(f)}
    for nd in p.n:
        if timed and nd.kind == "col" and nd.role is None and set(nd.columns) <= timed:
            nd.role = "anchor"


__all__ = ["WHEN_OPS", "absorb_time_columns", "is_when"]
