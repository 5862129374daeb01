"""Two rows named by their numbers and compared: "was the crowd bigger in round 3 or round
5", "did heat 2 or heat 4 have the faster time", "was the rainfall higher in 1931 or 1932".

A number names a row when a column of whole numbers is named right before it ("round 3",
"heat number 2") or, for a year, when the table has one column of years. The numbers must
be values of that column. A measure is compared only when the column holds one row per
number (a number that several rows share would sum or average them, which is not what
"round 3" names); counting rows ("more films in 1994 or 1995") needs no such thing. The pair
is then read by ``contrast.py`` like two named values: "round 3 or round 5", "round 3 or 5",
"1931 or 1932", "in round 3 than in round 5".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .schema import SchemaModel, holds_years

if TYPE_CHECKING:
    from .grammar import Parser

#: words between a column's name and its number ("pick no. 5", "heat number 2")
_NUMBER_WORDS = {"no", "number", "num", "nr"}


def _whole(v: Any) -> bool:
    try:
        return float(v).is_integer()
    except (TypeError, ValueError):
        return False


def one_row_each(s: SchemaModel, col: str) -> bool:
    """Each number of ``col`` names one row (a number several rows share would sum or average
    a measure over them; counting their rows is still right)."""
    p = s.col(col)
    return not p.approx and p.n_distinct == p.n_rows - p.n_null


def listed(s: SchemaModel, col: str, values: list[Any]) -> bool:
    """The column's distinct values are known and hold every one of ``values`` (rows are
    counted only then: a number that falls between the values would count none)."""
    p = s.col(col)
    return p.values is not None and all(
        any(_whole(v) and float(v) == float(x) for v in p.values) for x in values)


def _row_number(s: SchemaModel, col: str, value: float) -> bool:
    """``value`` is a number of ``col`` (a column of whole numbers)."""
    p = s.col(col)
    if not p.numeric or p.min is None or p.max is None or not _whole(p.min) or \
            not _whole(p.max):
        return False
    if not float(value).is_integer() or not float(p.min) <= value <= float(p.max):
        return False
    if p.values is not None:
        return any(_whole(v) and float(v) == value for v in p.values)
    return True


def _year_read_as_time(p: "Parser", i: int) -> bool:
    """"1931 or *1932*": the second year of a pair, which the time rule read as a point in
    time on its own (the first one it leaves to the comparison)."""
    nd = p.node(i)
    return nd is not None and nd.role == "filter" and p.low(i - 1) == "or" and \
        [f.at for f in p.r.filters].count(i) == 1


def take_back(p: "Parser", i: int):
    """Free the number at ``i`` from the time filter read on it; a function that undoes it."""
    if p.n[i].role is None:
        return lambda: None
    k = next(j for j, f in enumerate(p.r.filters) if f.at == i)
    f = p.r.filters.pop(k)
    p.n[i].role = None

    def undo() -> None:
        p.r.filters.insert(k, f)
        if p.n[i].role is None:
            p.n[i].role = "filter"
    return undo


def _number(p: "Parser", i: int) -> bool:
    nd = p.node(i)
    return nd is not None and nd.kind == "num" and \
        (nd.role is None or _year_read_as_time(p, i)) and \
        nd.item.tok is not None and not nd.item.tok.pct and not nd.item.tok.money and \
        not nd.item.tok.ordinal and _whole(nd.value)


def _named_column(p: "Parser", i: int) -> tuple[str, list[int]] | None:
    """The column named right before the number at ``i`` ("round 3", "heat no. 2") and the
    nodes naming it."""
    used, j = [], i - 1
    if p.low(j) in _NUMBER_WORDS and p.n[j].role is None:
        used.append(j)
        j -= 1
    nd = p.node(j)
    if nd is None or nd.kind != "col" or nd.role is not None:
        return None
    cols = list(dict.fromkeys(m.column for m in nd.item.matches))
    if len(cols) != 1:
        return None
    return cols[0], [j, *used]


def _year_column(s: SchemaModel) -> str | None:
    cols = [c for c, prof in s.columns.items() if holds_years(prof)]
    return cols[0] if len(cols) == 1 else None


def number_pairs(p: "Parser") -> list[tuple[int, int, str, list[Any], list[int]]]:
    """Each pair of row numbers of one column the question names: (index of the first
    number, index of the second, the column, [the two numbers], the nodes naming the
    column), in question order."""
    nums = [i for i in range(len(p.n)) if _number(p, i)]
    out = []
    for x, a in enumerate(nums):
        for b in nums[x + 1:]:
            if p.n[a].role is not None:
                continue
            first, second = _named_column(p, a), _named_column(p, b)
            va, vb = float(p.n[a].value), float(p.n[b].value)
            if first is not None and second is None and \
                    not all(_row_number(p.s, first[0], v) for v in (va, vb)):
                first = None  # "the better place, 1961 or 1964": a measure, then years
            if first is not None:
                col, naming = first
                if second is not None and second[0] != col:
                    continue
                naming = naming + (second[1] if second is not None else [])
            elif second is None and all(1000 <= v <= 2999 for v in (va, vb)):
                col, naming = _year_column(p.s), []  # "in 1931 or 1932"
                if col is None:
                    continue
            else:
                continue
            if va == vb or not (_row_number(p.s, col, va) and _row_number(p.s, col, vb)):
                continue
            kind = int if p.s.col(col).kind == "integer" else float  # as the column holds it
            out.append((a, b, col, [kind(va), kind(vb)], naming))
    return out


names_row = _row_number  # for same_as.py: "the same score as heat number 3"

__all__ = ["listed", "names_row", "number_pairs", "one_row_each", "take_back"]
