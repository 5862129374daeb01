"""A season named by its year: "in the 1987 season", "during the 2009-10 season", "their
1933-1934 campaign" (issue 12).

The span noun after a year names the same time as the year itself, so it adds nothing the
reading lacks in two cases, and is read past (with a note):

* the year was read as a filter on the table's time ("the 1987 season" over dated rows:
  the rows of 1979): the noun only says what the year is;
* nothing read the year, and every date of the table's one column of dates lies within it
  (a table of one season's games, all played from August 2009 to May 2010, asked about "the
  2009-10 season"): the phrase names the whole table, and the year is read past with it.

A span noun followed by "of" ("the season of 1998") or a year the dates do not all fall in
is left unread; the coverage check then refuses.
"""

from __future__ import annotations

import re

from .constituents import Node, Reading
from .lexicon import stem
from .schema import SchemaModel

_DETERMINERS = {"the", "this", "that", "his", "her", "their", "its", "our", "of"}
_SPAN = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{2}|\d{4})\s*$")
_YEAR = re.compile(r"^(\d{4})")


def dated_span_nouns(r: Reading, s: SchemaModel, unread: set[str],
                     span_nouns: set[str]) -> tuple[set[int], list[int]]:
    """(indexes of span nouns read past, indexes of years read past with them)."""
    nouns: set[int] = set()
    years: list[int] = []
    for i, nd in enumerate(r.nodes):
        if nd.kind != "word" or nd.role is not None or nd.low not in unread or \
                stem(nd.low) not in span_nouns or i < 2:
            continue
        nxt = r.nodes[i + 1] if i + 1 < len(r.nodes) else None
        if nxt is not None and nxt.low == "of":
            continue  # "the 1998 season of the league": which one
        found = _years_before(r, i)
        if found is None:
            continue
        at, first, last = found
        if r.nodes[at - 1].low not in _DETERMINERS:
            continue
        said = list(range(at, i))
        if all(r.nodes[k].role == "filter" for k in said):
            nouns.add(i)  # "the 1987 season" where 1987 is read as the rows' year
        elif all(r.nodes[k].role is None for k in said) and _within(s, first, last):
            nouns.add(i)
            years += said
    return nouns, years


def read_past_years(r: Reading, years: list[int]) -> None:
    """Mark the years of a season naming the whole table as read past, with a note."""
    for k in years:
        read_past_node(r, r.nodes[k])
        r.unknown = [w for w in r.unknown if w != r.nodes[k].text]
    if years:
        said = " ".join(r.nodes[k].text for k in years)
        r.notes.append(f'read "{said}" as the whole table: every date of it lies in that time')


def read_past_node(r: Reading, nd: Node) -> None:
    """Mark one node as read past: ignored, and a number it held no longer left to place."""
    nd.role = "ignored"
    r.ignored.append(nd.text)
    if nd.kind == "num" and nd.value is not None and float(nd.value) in r.numbers:
        r.numbers.remove(float(nd.value))


def node_years(nd: Node) -> tuple[int, int] | None:
    """(first, last) year a node names: a year ("1987") or a season span of at most two
    years ("2009-10", "1933/1934", a date node); None for anything else."""
    if nd.kind == "num":
        return (int(nd.value), int(nd.value)) if _is_year(nd.value) else None
    years = dash_years(nd)
    return years if years is not None and 0 <= years[1] - years[0] <= 1 else None


def dash_years(nd: Node, slash: bool = True) -> tuple[int, int] | None:
    """(first, last) of two years a date node writes with a dash (or a slash, when
    ``slash``): "2009-10", "1961-68", "1933/1934"; the short last year takes the first's
    century. Callers say how far apart the two may be."""
    m = _SPAN.match(nd.text) if nd.kind == "date" else None
    if m is None or (not slash and "/" in nd.text):
        return None
    first, tail = int(m.group(1)), m.group(2)
    return first, int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)


def _years_before(r: Reading, i: int) -> tuple[int, int, int] | None:
    """(index of the first node of the year(s) right before ``i``, first year, last year)."""
    prev = r.nodes[i - 1]
    if prev.kind == "date":
        span = node_years(prev)
        return None if span is None else (i - 1, *span)
    if prev.kind == "num" and _is_year(prev.value):
        before = r.nodes[i - 2]
        if before.kind == "num" and _is_year(before.value) and \
                int(prev.value) - int(before.value) == 1:  # "1933-1934"
            return i - 2, int(before.value), int(prev.value)
        return i - 1, int(prev.value), int(prev.value)
    return None


def _is_year(v) -> bool:
    try:
        return float(v).is_integer() and 1800 <= float(v) <= 2100
    except (TypeError, ValueError):
        return False


def _within(s: SchemaModel, first: int, last: int) -> bool:
    """The table's one column of dates has every date within the years ``first``..``last``."""
    dated = [p for p in s.columns.values() if p.kind in ("date", "datetime")]
    if len(dated) != 1:
        return False
    lo, hi = (_YEAR.match(str(v)) for v in (dated[0].min, dated[0].max))
    return lo is not None and hi is not None and \
        first <= int(lo.group(1)) <= int(hi.group(1)) <= last


__all__ = ["dash_years", "dated_span_nouns", "node_years", "read_past_node", "read_past_years"]
