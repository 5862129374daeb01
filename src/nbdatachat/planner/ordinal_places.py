"""Ordinals that name a place in a standing: "ranked 9th", "came in 2nd position", "placed
5th or better", "finished in third place".

An ordinal is a place when a word of placing stands beside it (rank, place, position,
placed, finished, came ...) or a column of places is named beside it. It is then a filter on
the one column of places:

- a numeric column named for places (Rank, Place, Pos, Position, Finish): ``= N``;
- a text column whose cells are written as ordinals ("1st", "2nd", "18th"): the cell
  written for N ("1st" in the question is already that value: ``grounding.py``).

"5th or better" / "or higher" / "or above" are the places 1..N, "or worse" / "or lower" /
"or below" the places N and after; on a text column those are the cells whose ordinal is in
that range (cells that are not plain ordinals, such as "DNF", are not places).

Several columns of places with none named, or an ordinal no column of places holds, make the
reading incomplete (asked back): "the 2nd" alone is also table order, read elsewhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC
from .lexicon import ORDINALS, name_tokens, stem
from .positions import PositionC

if TYPE_CHECKING:
    from .grammar import Parser

#: Words of placing: a neighbouring ordinal is a place in a standing.
PLACE_WORDS = {"place", "places", "placed", "placing", "position", "positions", "rank",
               "ranked", "ranking", "finish", "finished", "finishing", "finishes", "came",
               "come", "comes", "spot", "standing", "share", "shared", "shares", "tied"}
#: Words naming a column of places (stemmed name tokens).
_PLACE_COLUMN = {"rank", "place", "po", "pos", "position", "finish", "placing", "standing",
                 "placement"}
_BETTER = {"better", "higher", "above"}
_WORSE = {"worse", "lower", "below"}
_GAP = {"in", "at", "the", "as", "a", "of", "to"}
_ORDINAL_CELL = re.compile(r"^\s*(\d{1,3})(?:st|nd|rd|th)\s*$", re.IGNORECASE)
_ORDINAL_IN = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)
_STARTS_ORDINAL = re.compile(r"^\s*[T=]?\d{1,3}(?:st|nd|rd|th)", re.IGNORECASE)
_PLACE_CELL = re.compile(r"^\s*[T=]?(\d{1,3})(?:st|nd|rd|th)?\.?\s*$", re.IGNORECASE)


def ordinal_text(n: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def place_columns(parser: "Parser") -> tuple[list[str], dict[str, dict[str, int]]]:
    """(numeric columns named for places, text columns of places -> each cell's place).

    A text column holds places when half its cells or more are ordinals ("1st", "18th"), or
    when it is named for places and half its cells or more are whole numbers, tied ones
    written "T4" or "=4" (a tie for 4th is 4th)."""
    numeric: list[str] = []
    texts: dict[str, dict[str, int]] = {}
    for c, p in parser.s.columns.items():
        toks = {t.lower() for t in name_tokens(c)}
        named = bool({stem(t) for t in toks} & _PLACE_COLUMN) and \
            not toks & set(ORDINALS) and not _ORDINAL_IN.search(c)  # "1st place": counts
        if p.numeric and named and p.min is not None and p.max is not None and \
                float(p.min) >= 0 and float(p.min).is_integer() and \
                float(p.max).is_integer() and p.kind in ("integer", "number"):
            numeric.append(c)
        elif p.kind == "text" and p.values:
            cell = _PLACE_CELL if named else _ORDINAL_CELL
            read = {str(v): int(m.group(1)) for v in p.values if (m := cell.match(str(v)))}
            if len(read) >= 2 and len(read) >= 0.5 * len(p.values):
                texts[c] = read
    return numeric, texts


def _ordinal(parser: "Parser", i: int) -> int | None:
    nd = parser.node(i)
    if nd is None or nd.role is not None:
        return None
    if nd.kind == "num" and nd.item.tok is not None and nd.item.tok.ordinal:
        return int(nd.value)
    if nd.kind == "word" and nd.low in ORDINALS:
        return int(ORDINALS[nd.low])
    return None


def _cell(parser: "Parser", i: int) -> tuple[str, str] | None:
    """A question value already grounded to a cell written as an ordinal ("1st")."""
    nd = parser.node(i)
    if nd is None or nd.kind != "val" or nd.role is not None:
        return None
    hits = {(m.column, str(m.value)) for m in nd.item.matches}
    if len(hits) == 1:
        col, value = next(iter(hits))
        if _ORDINAL_CELL.match(value):
            return col, value
    return None


def _neighbours(parser: "Parser", i: int) -> list[int]:
    """Indexes of the words around the ordinal at ``i`` that may say it is a place."""
    out = []
    j = i - 1
    while j >= 0 and (parser.low(j) in _GAP | _BETTER | _WORSE | {"than"} or
                      _than(parser.low(j)) is not None) and parser.n[j].role is None:
        j -= 1
    out.append(j)
    k = i + 1
    out.append(k)
    return out


def _skip(parser: "Parser", i: int, n: int) -> bool:
    """Ordinals that are not a place in a standing, though a placing word is near."""
    nxt, after = parser.low(i + 1), parser.low(i + 2)
    if nxt == "to" and after in ("last", "bottom") or nxt == "from":
        return True  # "second to last", "3rd from the bottom": table order
    if nxt in ("in", "for", "by") and parser.node(i + 2) is not None and \
            parser.n[i + 2].kind == "col" and parser.s.col(parser.n[i + 2].columns[0]).numeric:
        return True  # "ranked first in gold medals": the highest of a measure
    if parser.n[i].kind == "word" and n == 1 and any(
            nd.kind == "val" and nd.role is None for nd in parser.n):
        return True  # "the red car that finished first": the first among those rows
    words = {nd.low for nd in parser.n}
    # "which finished first, A or B": the one ahead of the other, not a place
    return n == 1 and bool(words & {"or", "between", "before", "earlier", "ahead"})


def _pick(parser: "Parser", cols: list[str], used: list[int]) -> list[str]:
    """Of several columns of places, the one named by a placing word of the question
    ("finished above 10th" with Rank and Finish: Finish)."""
    said = {stem(parser.low(j)) for j in used}
    hit = [c for c in cols if {stem(t) for t in name_tokens(c)} & said]
    return hit if len(hit) == 1 else cols


def read_ordinal_places(parser: "Parser") -> None:
    """Read "ranked 9th", "in 3rd place", "5th or better" as filters (module docstring)."""
    numeric, texts = None, None
    for i in range(len(parser.n)):
        n = _ordinal(parser, i)
        cell = _cell(parser, i) if n is None else None
        if n is None and cell is None:
            continue
        if n is None:
            n = int(_ORDINAL_CELL.match(cell[1]).group(1))
        if _skip(parser, i, n):
            continue
        used = [i]
        named: list[str] = []
        placed = False
        for j in _neighbours(parser, i):
            nd = parser.node(j)
            if nd is None or nd.role is not None:
                continue
            if nd.kind == "col":
                named += [m.column for m in nd.item.matches]
                used.append(j)
                placed = True
            elif nd.kind == "word" and nd.low in PLACE_WORDS:
                used.append(j)
                placed = True
        if not placed:
            continue
        op, extra = _side(parser, i)
        if cell is not None and op == "=":
            if cell[0] in named or not named:
                parser.use(*used, role="filter")
                parser.r.filters.append(FilterC(cell[0], "=", cell[1], at=i, how="value"))
            continue
        if numeric is None:
            numeric, texts = place_columns(parser)
        places = numeric + list(texts)
        cols = [c for c in places if c in named] or ([] if named else places)
        if cell is not None:
            if cell[0] not in numeric and cell[0] not in texts:
                continue  # "1st" is one cell of a column of other things: a value filter
            cols = [cell[0]]
        if len(cols) > 1:
            cols = _pick(parser, cols, used)
        if not cols:
            continue  # "the 2nd leg", "came first" with no standing: other readings
        if len(cols) > 1:
            parser.r.problems.append(f'"{parser.n[i].text}" is a place, but several columns '
                                     f'hold places ({", ".join(cols)}); say which one.')
            parser.use(*used, *extra, role="filter")
            continue
        col = cols[0]
        if col in numeric:
            p = parser.s.col(col)
            if op == "=" and not float(p.min) <= n <= float(p.max):
                continue  # no row holds that place: "came first" may be table order
            parser.use(*used, *extra, role="filter")
            parser.r.filters.append(FilterC(col, op, n, at=i, how="compare"))
            continue
        cells = texts[col]
        more = [str(v) for v in parser.s.col(col).values or []
                if _STARTS_ORDINAL.match(str(v)) and str(v) not in cells]
        if op != "=" and more:
            parser.use(*used, *extra, role="filter")
            parser.r.problems.append(f"Some places in {col} are written with more than the "
                                     f"place ({', '.join(more[:3])}), so I cannot tell which "
                                     f"rows are {ordinal_text(n)} {_SAID[op]}.")
            continue
        keep = {"=": lambda x: x == n, "<=": lambda x: x <= n, ">=": lambda x: x >= n,
                "<": lambda x: x < n, ">": lambda x: x > n}[op]
        hits = sorted((v for v, x in cells.items() if keep(x)), key=lambda v: cells[v])
        parser.use(*used, *extra, role="filter")
        if not hits:
            parser.r.problems.append(f'No value of {col} is "{ordinal_text(n)}".')
        elif len(hits) == 1:
            parser.r.filters.append(FilterC(col, "=", hits[0], at=i, how="value"))
        else:
            parser.r.filters.append(FilterC(col, "in", hits, at=i, how="value"))
            parser.r.notes.append(f"{col} {ordinal_text(n)} {_SAID[op]}: "
                                  f"{', '.join(hits)}")


#: words that say a row holds a place ("came in last place", "took last place")
_HOLD = {"came", "come", "comes", "finished", "finish", "finishes", "took", "take", "in",
         "ended", "end", "placed", "was", "were", "is", "at"}


def read_last_place(parser: "Parser") -> None:
    """"came in last place", "second to last place": the largest place of the one column
    of places (all rows tied on it); the one before it when "second to last".

    Read only where the question says nothing else that could pick or order the rows ("in
    1998", "in order of wins"): the largest place over the whole table is not the last of
    some of its rows. A column of places holding other cells ("DNF", "Ret") is left unread:
    those rows may be the last ones."""
    for i in range(len(parser.n) - 1):
        nd, nxt = parser.n[i], parser.n[i + 1]
        if nd.role is not None or nd.low != "last" or nxt.low != "place" or \
                nxt.role is not None:
            continue
        used, n = [i, i + 1], 1
        if parser.low(i - 1) == "to" and _ordinal(parser, i - 2) is not None:
            n = _ordinal(parser, i - 2) if _ordinal(parser, i - 2) > 1 else 0
            used += [i - 2, i - 1]
        k = min(used) - 1
        while k >= 0 and parser.n[k].role is None and parser.low(k) in _HOLD | {"the"}:
            used.append(k)
            k -= 1
        if n < 1 or n > 2 or parser.r.filters or any(
                x.low in ("order", "between", "and", "or") or
                (x.kind in ("val", "num", "date") and j not in used)
                for j, x in enumerate(parser.n)):
            return  # "last place in 1998", "was Red in last place": not the whole table
        numeric, texts = place_columns(parser)
        cols = numeric + list(texts)
        if len(cols) != 1:
            return
        col = cols[0]
        prof = parser.s.col(col)
        if prof.n_distinct < parser.s.n_rows - prof.n_null and not _plural_asked(parser):
            return  # places shared: "which team came last" may be several teams
        if col in texts:
            cells = texts[col]
            if len(cells) != len(prof.values or []) or prof.n_null:
                return  # "DNF", "Ret", blanks: rows that may come last
            places = sorted(set(cells.values()), reverse=True)
            if len(places) < n:
                return
            hits = sorted(v for v, x in cells.items() if x == places[n - 1])
            parser.use(*used, role="filter")
            parser.r.filters.append(FilterC(col, "=" if len(hits) == 1 else "in",
                                            hits[0] if len(hits) == 1 else hits, at=i,
                                            how="value"))
            return
        parser.use(*used, role="filter")
        if n == 1:
            parser.r.filters.append(FilterC(col, "=", int(float(prof.max)), at=i,
                                            how="compare"))
        else:  # "second to last": no place shared, so the row before the last by place
            parser.r.position = PositionC("last", i, order_by=col, n=n)
            for j in used:
                parser.n[j].role = "position"
        return


def _plural_asked(parser: "Parser") -> bool:
    """"list the teams ...", "which teams came ...", "who were ...": several rows asked for."""
    first = parser.low(0)
    if first in ("list", "name", "give", "show"):
        return True
    second = parser.low(1)
    return first in ("who", "what", "which") and (
        second in ("were", "are") or second.endswith("s") and not second.endswith("ss") and
        parser.n[1].kind in ("col", "word") and second not in ("is", "was", "has", "does"))


_SAID = {"<=": "or better", ">=": "or worse", "<": "and better", ">": "and worse", "=": ""}


def _than(low: str) -> str | None:
    """"better than" -> "<" (a smaller place), "lower than" -> ">"; else None."""
    words = low.split()
    if len(words) == 2 and words[1] == "than":
        return "<" if words[0] in _BETTER else ">" if words[0] in _WORSE else None
    return None


def _side(parser: "Parser", i: int) -> tuple[str, list[int]]:
    """"5th or better" -> ("<=", [or, better]); "better than 5th" -> ("<", [...]); else "="."""
    one = parser.low(i + 1)  # "or higher" may be one lexicon phrase
    if one.startswith("or ") and parser.n[i + 1].role is None:
        if one[3:] in _BETTER:
            return "<=", [i + 1]
        if one[3:] in _WORSE:
            return ">=", [i + 1]
    if parser.low(i + 1) == "or" and parser.node(i + 2) is not None and \
            parser.n[i + 2].role is None:
        w = parser.low(i + 2)
        if w in _BETTER:
            return "<=", [i + 1, i + 2]
        if w in _WORSE:
            return ">=", [i + 1, i + 2]
    k = i - 1
    while k >= 0 and parser.low(k) in ("the", "in"):
        k -= 1
    if parser.low(k) == "than" and parser.node(k - 1) is not None and \
            parser.n[k - 1].role is None:
        w = parser.low(k - 1)
        if w in _BETTER:
            return "<", [k - 1, k]
        if w in _WORSE:
            return ">", [k - 1, k]
    if _than(parser.low(k)) is not None and parser.n[k].role is None:
        return _than(parser.low(k)), [k]  # "lower than 2nd" as one phrase
    if parser.low(k) in ("above", "below") and parser.n[k].role is None:
        return ("<" if parser.low(k) == "above" else ">"), [k]
    return "=", []


__all__ = ["PLACE_WORDS", "ordinal_text", "place_columns", "read_last_place",
           "read_ordinal_places"]
