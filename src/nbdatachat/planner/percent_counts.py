"""A count compared on a percentage column is moved to the count column beside it.

"which club has at least 60 wins" over "Wins" and "Win %": the word "wins" names both
columns ("Win %" loses its sign in the word index, so it even matches better), and the
filter landed on the percentage, where no row can reach 100 - an empty answer stated as
fact. When the question says nothing of a percentage ("%", "percent", "rate") and the
number lies beyond every cell of the percentage column, the comparison is read on the one
other numeric column the same word names ("Wins"); with no such column the reader
refuses rather than answer that no row reaches it.
"""

from __future__ import annotations

from .constituents import Reading
from .schema import SchemaModel

_PERCENT_WORDS = {"%", "percent", "percentage", "pct", "rate", "ratio", "share"}


def prefer_counts(r: Reading, s: SchemaModel) -> None:
    """Move a comparison filter from a percentage column to the count column the same word
    names (module docstring). Runs after the coverage check."""
    if any(nd.low in _PERCENT_WORDS for nd in r.nodes):
        return
    for f in r.filters:
        if f.how != "compare" or not _percent(f.column) or \
                not isinstance(f.value, (int, float)) or isinstance(f.value, bool):
            continue
        top = s.col(f.column).max
        if top is None or not f.value > top:
            continue  # within the percentages' range: may mean a percentage
        for nd in r.nodes:
            if nd.kind != "col" or nd.role != "filter" or f.column not in nd.columns:
                continue
            others = [c for c in nd.columns if c != f.column and not _percent(c) and
                      s.col(c).numeric]
            if len(others) == 1:
                f.column = others[0]
            elif not others:  # "at least 60 wins" over "Win %" alone: no row could be
                r.problems.append(f"{f.value:g} lies beyond every value of {f.column!r}, a "
                                  f"percentage, so I could not tell what it counts.")
            break


def _percent(column: str) -> bool:
    low = column.lower()
    return "%" in low or "percent" in low or "pct" in low


__all__ = ["prefer_counts"]
