""""Came in first place", "finished in last place": a place said as a value of the place column.

"Which crew came in last place" names a row by its finishing place, not by the order of the
table's rows, but the reader takes "first" / "last" as words about row order and refuses.
When such a question is refused and the table has exactly one column of places (its name
says place, position, rank, standing or finish, and every filled cell is a whole number,
"4th", "4." or "4 (note)"), the place is said as that column's value and the question is
read once more: "first" .. "tenth" and "4th" are that number, "last" the greatest place and
"second to last" the one before it. The rewritten reading is kept only when it answers and
filters on the place column; "last" is read only when no two rows share a place (a tie at
the bottom names no one row) and no other condition is set (the last place among some rows
is not the table's greatest). A follow-up is never rewritten.
"""

from __future__ import annotations

import re
from typing import Callable

from .noun_phrase import read_instead
from .plan import PlanResult
from .schema import SchemaModel

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_VERBS = (r"came|come|comes|coming|finished|finish|finishes|finishing|ended|end|ends|placed|"
          r"took|take|takes|got|get|gets|earned|earn|earns")
_PLACE_SAID = re.compile(
    rf"\b(?P<verb>{_VERBS}|was|were|is|are)\s+(?P<in>in\s+)?(?:the\s+)?"
    r"(?P<ord>(?:second|next)[\s-]+to[\s-]+last|last|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))\s+place\b", re.I)
_PLACE_WORDS = {"place", "position", "pos", "rank", "standing", "finish", "placing"}
_CELL = re.compile(r"^\s*(\d{1,3})\s*(?:st|nd|rd|th)?\.?\s*(?:\([^)]*\))?\s*$", re.I)
_BLANK = {"", "-", "—", "–", "nan", "none"}


def _place(cell) -> int | None:
    m = _CELL.match(str(cell))
    return int(m.group(1)) if m else None


def place_column(schema: SchemaModel) -> tuple[str, dict[int, str]] | None:
    """The one column of finishing places and its cells by place ({4: "4th"}), or None.
    A numeric column maps each place in its range to the number itself."""
    found = []
    for name, p in schema.columns.items():
        if not _PLACE_WORDS & set(re.findall(r"[a-z]+", name.lower())):
            continue
        if p.numeric:
            try:
                lo, hi = float(p.min), float(p.max)
            except (TypeError, ValueError):
                continue
            if lo.is_integer() and hi.is_integer() and 0 < lo <= hi <= 999:
                found.append((name, {k: str(k) for k in range(int(lo), int(hi) + 1)}))
            continue
        cells = [v for v in (p.values or []) if str(v).strip().lower() not in _BLANK]
        places = {_place(v): str(v) for v in cells}
        if cells and None not in places and len(places) == len(cells):
            found.append((name, places))
    return found[0] if len(found) == 1 else None


def _all_differ(schema: SchemaModel, col: str) -> bool:
    p = schema.columns[col]
    return p.n_distinct == p.n_rows - p.n_null and not p.approx


def place_form(question: str, schema: SchemaModel) -> tuple[str, str, bool] | None:
    """(the question with its place said as the place column's value, the column, whether
    the place counts from the bottom), or None."""
    said = list(_PLACE_SAID.finditer(question))
    col = place_column(schema)
    if len(said) != 1 or col is None:
        return None
    m, (name, places) = said[0], col
    word = m.group("ord").lower()
    bottom = "last" in word
    if bottom:
        ranked = sorted(places, reverse=True)
        k = 1 if word == "last" else 2
        if len(ranked) < k or not _all_differ(schema, name):
            return None
        cell = places[ranked[k - 1]]
    else:
        n = _ORDINALS.get(word) or int(re.match(r"\d+", word).group())
        if n not in places:
            return None
        cell = places[n]
    verb = m.group("verb")
    plain = verb.lower() in ("was", "were", "is", "are")
    if plain and not m.group("in"):
        return None  # "the result is first place": another construction
    alt = question[:m.start()] + f"had a {name} of {cell}" + question[m.end():]
    return alt, name, bottom


def as_place_value(question: str, refused: PlanResult, schema: SchemaModel,
                   read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the question with its place said as a
    value of the place column."""
    form = place_form(question, schema)
    if form is None:
        return refused
    alt, col, bottom = form
    res = read_instead(question, alt, refused, read)
    if res is refused:
        return refused
    filters = getattr(res.plan, "filters", None) or []
    on_place = [f for f in filters if f.column == col and f.op == "="]
    if len(on_place) != 1 or (bottom and len(filters) != 1):
        return refused
    return res


__all__ = ["as_place_value", "place_column", "place_form"]
