"""How long between two events of one row, each named by its column (issue 12): "how long
was there between when <row> was <composed> and when it was <published>", "how long did it
take for <row> to be <signed> before it was <ratified>", "how long from when <row> <opened>
until it <closed>".

The question names one row (a value) and exactly two columns of years, the first event's
and the second's, and nothing else but the words that join them; the answer is the second
column's year minus the first's, as :mod:`durations` derives a term from a start and an end
column (``DurationC(start, end)``). Not read (left to the other readings, which refuse):
columns of dates (how long between two days has no one unit), a column name matching
several columns, a third column or any other content word, no row named, and months or
days asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lengths import opener, years_column_like

if TYPE_CHECKING:
    from .grammar import Parser

#: the words that may join the two events ("between when ... and when it was ...")
_JOINING = {"was", "were", "is", "are", "there", "it", "they", "between", "when", "and",
            "did", "does", "take", "took", "for", "to", "be", "been", "before", "until",
            "till", "from", "the", "had", "has", "have", "its", "their", "'s", "’s", "?",
            ".", ","}
#: the word that sets the second event after the first
_LINKS = {"and", "before", "until", "till", "to"}


def read_column_interval(p: "Parser") -> tuple[str, str, list[int]] | None:
    """(the first event's column, the second's, the indexes read) or None (module
    docstring)."""
    head, unit = opener(p)
    if not head or unit not in (None, "years"):
        return None
    rest = range(head[-1] + 1, len(p.n))
    cols = [i for i in rest if p.n[i].kind == "col"]
    if len(cols) != 2 or not any(p.n[i].kind == "val" for i in rest):
        return None
    names = []
    for i in cols:
        own = list(dict.fromkeys(p.n[i].columns))
        if p.n[i].role is not None or len(own) != 1 or not years_column_like(p.s, own[0]):
            return None
        names.append(own[0])
    if names[0] == names[1] or not any(p.low(i) in _LINKS for i in range(cols[0], cols[1])):
        return None
    used = [*head, *cols]
    for i in rest:
        nd = p.n[i]
        if i in cols or nd.kind == "val" and nd.role in (None, "filter"):
            continue
        if nd.role not in (None, "followup") or nd.kind != "word" or nd.low not in _JOINING:
            return None
        used.append(i)
    return names[0], names[1], used


__all__ = ["read_column_interval"]
