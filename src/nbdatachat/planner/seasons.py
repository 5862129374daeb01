"""Seasons written as two years ("2010-11", "2010–2011", "2010/11") read as the one cell of a
column of seasons that names the same two years, however the cell writes them.

A season cell ("2010–11", with an en dash) is all digits, so the value index skips it, and
the question's "2010-11" reads as a year and a month, "2010-2011" as a range of years: the
season then finds no value, or filters the wrong column. Before the question is read, each
such mention that names the same first and last year as exactly one distinct cell of the
table's season columns (text columns whose cells are mostly two years) is written as that
cell, quoted (``quote_seasons``), and a quoted cell is then looked up as written
(``season_cells``). A span that no cell names ("2011-2014") stays a range of years.
"""

from __future__ import annotations

import re

from .schema import Match, SchemaModel

_CELL = re.compile(r"^\s*((?:1[5-9]|20)\d\d)\s*[-–—/]\s*(\d{4}|\d{2})\s*$")
_SAID = re.compile(r"(?<![\w\"'/-])((?:1[5-9]|20)\d\d) ?[-–—/] ?(\d{4}|\d{2})(?![\w/-]|[-/]\d)")


def _years(first: str, last: str) -> tuple[int, int] | None:
    a = int(first)
    b = int(last) if len(last) == 4 else a - a % 100 + int(last)
    if len(last) == 2 and b < a:
        b += 100  # "1999-00"
    return (a, b) if a < b <= a + 1 or len(last) == 4 and a < b else None


def holds_seasons(p) -> bool:
    """A text column profile whose cells are mostly seasons ("2010–11")."""
    if p.kind != "text" or not p.values:
        return False
    hits = sum(1 for v in p.values if _CELL.match(str(v)))
    return hits >= 2 and hits >= 0.8 * len(p.values)


def _season_columns(schema: SchemaModel) -> dict[tuple[int, int], set[str]]:
    """The seasons' years -> the distinct cells naming them, over text columns whose cells
    are mostly seasons."""
    out: dict[tuple[int, int], set[str]] = {}
    for p in schema.columns.values():
        if p.kind != "text" or not p.values:
            continue
        read = [(v, _CELL.match(str(v))) for v in p.values]
        hits = [(v, m) for v, m in read if m]
        if len(hits) < 2 or len(hits) < 0.8 * len(read):
            continue
        for v, m in hits:
            ys = _years(m.group(1), m.group(2))
            if ys is not None:
                out.setdefault(ys, set()).add(str(v))
    return out


def quote_seasons(question: str, schema: SchemaModel) -> str:
    """``question`` with each season mention that names one cell of a season column
    written as that cell, in quotes."""
    if not _SAID.search(question):
        return question
    cells = _season_columns(schema)
    if not cells:
        return question

    def swap(m: re.Match) -> str:
        ys = _years(m.group(1), m.group(2))
        found = cells.get(ys) if ys else None
        return f'"{next(iter(found))}"' if found and len(found) == 1 else m.group(0)
    return _SAID.sub(swap, question)


def season_cells(schema: SchemaModel, text: str) -> list[Match]:
    """The columns of seasons holding the cell ``text`` exactly (a quoted season)."""
    if not _CELL.match(text):
        return []
    return [Match("value", c, 0.95, "value", text) for c, p in schema.columns.items()
            if p.kind == "text" and p.values and text in p.values]


__all__ = ["quote_seasons", "season_cells"]
