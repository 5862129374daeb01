"""Two items compared on a column of places written as text: "did they place better in
A or B", "which year had the higher position, A or B", "who finished worse, A or B".

A column named for places (Place, Pos., Finish, Rank: ``degrees.rank_named``) whose cells
are written as text ("1st", "15th", "T4", "=2", with "DNF" or "—" beside them) is read as
the number of each place (a derived column, ``Expr`` op ``place``), and the degree word is
read the way a place points: "better", "higher" and "above" are the smaller number (1 is
the top), "worse" and "lower" the larger. Only one row per item is compared (the places of
several rows of one item do not add up to one place), and a cell that is no place gives
the item no value, which is then not answered. Words that only say "more" of a place ("the
larger place") are not guessed.
"""

from __future__ import annotations

import re

from .contrast_times import written_times
from .degrees import direction_on, rank_column, rank_named
from .plan_parts import PLACE_PATTERN, Expr, Measure, Step
from .schema import SchemaModel

_PLACE = re.compile(PLACE_PATTERN)
#: degree words that say "better" of a place (the smaller number) / "worse" (the larger)
_UP = {"higher", "better", "above", "good"}
_DOWN = {"lower", "worse", "below", "bad"}


def text_places(s: SchemaModel, col: str) -> bool:
    """A text column named for places whose cells are, at least half of them and two or
    more, places written as text ("1st", "T4", "12")."""
    if col not in s.columns:
        return False
    p = s.col(col)
    if p.numeric or p.kind != "text" or not p.values or not rank_named(col):
        return False
    read = [v for v in p.values if _PLACE.match(str(v))]
    return len(read) >= 2 and len(read) >= 0.5 * len(p.values)


def ranked(s: SchemaModel, col: str) -> bool:
    """A column of places: numbers (``degrees.rank_column``) or places written as text."""
    return rank_column(s, col) or text_places(s, col)


def ranked_columns(s: SchemaModel, item_col: str) -> list[str]:
    return [c for c in s.columns if c != item_col and ranked(s, c)]


def text_measure(s: SchemaModel, col: str) -> bool:
    """A text column two items can still be compared on (written times, written places)."""
    return written_times(s, col, loose=True) or text_places(s, col)


def way_on(s: SchemaModel, col: str, word: str, way: str) -> str | None:
    """``degrees.direction_on`` with places written as text read as ranks."""
    if not text_places(s, col):
        return direction_on(s, col, word, way)
    if word in _UP or way == "good":
        return "lo"
    if word in _DOWN or way == "bad":
        return "hi"
    return None  # "the larger place": the number or the standing?


def place_measure(s: SchemaModel, col: str) -> tuple[list[Step], Measure]:
    """The steps deriving the place number of ``col`` and the measure over them."""
    name = "place_of_" + re.sub(r"\W+", "_", col).strip("_")  # a name code can spell
    while name in s.columns:
        name += "_derived"
    return [Step("derive", name, Expr.of("place", Expr.col(col)))], Measure("mean", name)


__all__ = ["place_measure", "ranked", "ranked_columns", "text_measure",
           "text_places", "way_on"]
