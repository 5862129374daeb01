"""The noun of what a header's unit measures, said with the column: "the mean low
*temperature*" over "Average high °F (°C)".

A header that gives its unit as degrees Celsius or Fahrenheit ("°C", "°F", also twice:
"Low °C (°F)") holds temperatures, so "temperature" said right after a mention of that
column ("the coldest low temperature", "daily mean temperatures"), or after it with "in"
("the lowest low in temperature"), only repeats what the column is. The word is then read
as part of the mention. Only when every column the mention may name is such a column; the
word anywhere else, or next to another column, stays unread (the reader says so).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .grammar import Parser

#: the nouns of a quantity, by the header units that measure it
_NOUNS = {"temperature": ("temperature", "temperatures", "temp", "temps")}
_UNITS = {"temperature": re.compile(r"°\s*[CF]\b|\(\s*°?[CF]\s*\)")}


def read_measure_nouns(p: "Parser") -> None:
    """Read the nouns of the module docstring as part of the column mention before them."""
    for i, nd in enumerate(p.n):
        if nd.kind != "word" or nd.role is not None:
            continue
        kind = next((k for k, words in _NOUNS.items() if nd.low in words), None)
        if kind is None:
            continue
        j = i - 1
        if p.low(j) == "in" and p.n[j].role is None:
            j -= 1  # "the lowest low in temperature"
        col = p.node(j)
        if col is None or col.kind != "col" or not col.columns:
            continue
        if all(_UNITS[kind].search(c) for c in col.columns):
            p.use(*range(j + 1, i + 1), role="column")


__all__ = ["read_measure_nouns"]
