"""A value that other cells of its column hold as one item: "Rovers" beside "#4 Rovers",
"2nd" beside "2nd†", "Clay" beside "Clay (n)", "Ann Lee" beside "Ann Lee and Bo Sun".

The question names the thing; the other cells name the same thing with a mark (a rank, a
footnote sign, a short bracketed tag) or list it among others (a team of two, several
positions). Counting only the exact cells would drop rows that are plainly about it, so the
filter becomes "one of" the exact value and those cells, and the plan says so.

A cell where the value sits inside a longer phrase ("a short river walk" beside "river
walk"), joined to other letters ("semi-final" beside "final"), or beside words the question itself
says (it may name a more specific value) is no item of it: then the reader asks, as before.
"""

from __future__ import annotations

import re
from collections import Counter

from .constituents import Reading
from .plan_parts import Filter

#: what may sit around a value and still leave the cell about that value alone
_TAGS = re.compile(r"\([^()]{0,4}\)|\[[^\]]*\]")
_MARKS = re.compile(r"[\W\d_×]+")
#: separators between the items of a listed cell
_SEPARATORS = re.compile(r"\s*(?:,|;|/|\n|&|\+|•|\s-\s|\band\b|\bwith\b)\s*")
_WORD = re.compile(r"[^\W\d_]{3,}")


def as_items(r: Reading, f: Filter, holders: list[str], values: list[object]) -> bool:
    """Turn ``f`` (``column = value``) into ``column in [value, *holders]`` when every cell
    in ``holders`` holds the value as a marked form or as one listed item, the other items
    being said in other cells of the column as well (``values``: its distinct values), so
    "Op. 19" in "Opus, Op. 19" is a qualifier, not an item. True when so changed."""
    value = str(f.value).strip()
    v = spaced(value.lower())
    asked = set(_WORD.findall(r.question.lower()))
    cells = [spaced(str(c).lower()) for c in values]
    known = Counter(_bare(x) for c in cells for x in _items(c))
    whole = {x for x, n in known.items() if n > 1} | {_bare(c) for c in cells}
    for cell in holders:
        low = spaced(cell.lower())
        if not _marked(low, v) and not _listed(low, v, whole):
            return False
        rest = set(_WORD.findall(low.replace(v, " ", 1))) - set(_WORD.findall(v))
        if rest & asked:  # the question may name the longer value itself
            return False
    f.op, f.value = "in", [value, *holders]
    return True


def spaced(text: str) -> str:
    """No-break spaces as spaces: "Town\xa0Hall" and "Town Hall" are one value."""
    return text.replace("\xa0", " ")


def _marked(cell: str, v: str) -> bool:
    """"#4 rovers", "2nd†", "clay (n)": the value with marks only."""
    i = cell.find(v)
    if i < 0:
        return False
    return not _MARKS.sub("", _TAGS.sub("", cell[:i] + " " + cell[i + len(v):])).strip()


def _listed(cell: str, v: str, whole: set[str]) -> bool:
    """"ann lee and bo sun", "forward/ center": the value is one of the listed items, and
    each other item is said in other cells of the column too (a partner, another position;
    not a qualifier such as "Op. 19")."""
    items = _items(cell)
    mine = [x for x in items if x == v or _marked(x, v)]
    return len(items) > 1 and len(mine) == 1 and all(
        _bare(x) in whole for x in items if x is not mine[0])


def _items(cell: str) -> list[str]:
    return [x.strip() for x in _SEPARATORS.split(cell) if x and x.strip()]


def _bare(text: str) -> str:
    """An item without footnotes, short tags or the signs around it ("#4 rovers*" is
    "4 rovers"); its digits stay, so "op. 19" and "op. 54" remain two items."""
    return " ".join(_TAGS.sub(" ", text).split()).strip("#*†‡§¶.,;:!?'\"()[]- ")


__all__ = ["as_items", "spaced"]
