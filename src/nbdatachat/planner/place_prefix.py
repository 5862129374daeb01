"""Places written at the start of a longer cell: a season table whose "Regular Season"
cells read "4th, North" or "1st (East)", read for "finished 1st", "placed 6th or better",
"higher than 6th place".

``ordinal_places.py`` reads ordinals over columns of places (named for places, or cells that
are ordinals only). A table may instead write the place first and the group after it; such
a column (half its cells or more start with an ordinal and go on after a comma, bracket or
slash) is read the same way when the question places an ordinal (a placing word beside it,
or the column named) and no column of places was found: the cells whose leading place
satisfies the comparison ("= N", "N or better", "better than N" ...). Cells with no place
("Withdrew") are left out and said. Several such columns, with none named, are asked
about.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .lexicon import ORDINALS
from .ordinal_places import PLACE_WORDS, _side, ordinal_text, place_columns

if TYPE_CHECKING:
    from .grammar import Parser

_LEADING = re.compile(r"^\s*(\d{1,3})(?:st|nd|rd|th)\s*[,(/]\s*\S", re.IGNORECASE)
_GAP = {"in", "at", "the", "a", "as"}
_BE = {"was", "were", "is", "are"}
_PRONOUNS = {"they", "he", "she", "it", "we"}
#: a comparison said before the place: a smaller place is a better one
_BEFORE_WORDS = {"higher than": "<", "better than": "<", "above": "<", "lower than": ">",
                 "worse than": ">", "below": ">", "at least": "<=", "at most": ">="}
_SAID = {"<=": "or better", ">=": "or worse", "<": "better than", ">": "worse than", "=": ""}


def prefix_columns(p: "Parser") -> dict[str, dict[str, int]]:
    """Text columns whose cells mostly start with a place and go on: column -> cell -> place."""
    out: dict[str, dict[str, int]] = {}
    for c, prof in p.s.columns.items():
        if prof.kind != "text" or not prof.values:
            continue
        read = {str(v): int(m.group(1)) for v in prof.values if (m := _LEADING.match(str(v)))}
        if len(read) >= 2 and len(read) >= 0.5 * len(prof.values):
            out[c] = read
    return out


def _place(p: "Parser", i: int) -> int | None:
    nd = p.node(i)
    if nd is None or nd.role is not None:
        return None
    if nd.kind == "num" and nd.item.tok is not None and nd.item.tok.ordinal:
        return int(nd.value)
    if nd.kind == "word" and nd.low in ORDINALS and p.low(i + 1) == "place":
        return int(ORDINALS[nd.low])  # "first place" (a bare "first" is table order)
    return None


def read_place_prefix(p: "Parser") -> None:
    """Read an ordinal left unread over a column of places written first in longer cells."""
    cols: dict[str, dict[str, int]] | None = None
    for i in range(len(p.n)):
        n = _place(p, i)
        if n is None:
            continue
        if cols is None:
            numeric, texts = place_columns(p)
            if numeric or texts:
                return  # columns of places: ordinal_places.py reads (or refused) them
            cols = prefix_columns(p)
        if not cols:
            return
        named = [j for j, nd in enumerate(p.n) if nd.kind == "col" and nd.role in (None, "column")
                 and any(m.column in cols for m in nd.item.matches)]
        j = i - 1
        while j >= 0 and p.n[j].role is None and p.low(j) in _GAP:
            j -= 1
        cmp_at = j if j >= 0 and p.n[j].role is None and p.low(j) in _BEFORE_WORDS else None
        if cmp_at is not None:
            j -= 1  # "finished *higher than* 5th": the placing word is before it
            while j >= 0 and p.n[j].role is None and p.low(j) in _GAP:
                j -= 1
        placing = [k for k in (j, i + 1) if p.node(k) is not None and p.n[k].role is None and
                   p.n[k].kind == "word" and p.n[k].low in PLACE_WORDS]
        be = j if p.low(j) in _BE else j - 1 if p.low(j) in _PRONOUNS and \
            p.low(j - 1) in _BE else None  # "they *were* 5th", "*were* they 5th"
        if not placing and len(cols) == 1 and j == i - 1 and be is not None and \
                p.low(i + 1) in ("", "?", ",", "and", "in", "place"):
            placing = [be]  # "the last season they were 6th": a place, said as a state
        if not placing and not named:
            continue
        choice = list({m.column for j2 in named for m in p.n[j2].item.matches
                       if m.column in cols}) or list(cols)
        op, extra = _side(p, i)
        if op == "=" and cmp_at is not None:
            op, extra = _BEFORE_WORDS[p.low(cmp_at)], [cmp_at]
        used = [i, *placing, *named, *extra]
        if p.low(i + 1) == "place" and p.n[i + 1].role is None:
            used.append(i + 1)
        if len(choice) != 1:
            p.use(*used, role="filter")
            p.r.problems.append(f'"{p.n[i].text}" is a place, but several columns start with '
                                f'places ({", ".join(sorted(choice))}); say which one.')
            return
        col = choice[0]
        keep = {"=": lambda x: x == n, "<=": lambda x: x <= n, ">=": lambda x: x >= n,
                "<": lambda x: x < n, ">": lambda x: x > n}[op]
        cells = cols[col]
        hits = sorted((v for v, x in cells.items() if keep(x)), key=lambda v: (cells[v], v))
        p.use(*used, role="filter")
        p.r.problems = [m for m in p.r.problems if f'"{p.n[i].text}"' not in m]
        if not hits:
            p.r.problems.append(f"No value of {col} starts with a place "
                                f"{(_SAID[op] + ' ') if op != '=' else ''}{ordinal_text(n)}.")
            return
        p.r.filters.append(FilterC(col, "=" if len(hits) == 1 else "in",
                                   hits[0] if len(hits) == 1 else hits, at=i, how="value"))
        others = [str(v) for v in p.s.col(col).values or [] if str(v) not in cells]
        note = f"{col}: the place written first in each cell"
        if others:
            note += f"; {', '.join(others[:3])} {'is' if len(others) == 1 else 'are'} no place"
        p.r.notes.append(note)
        return


__all__ = ["prefix_columns", "read_place_prefix"]
