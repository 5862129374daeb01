"""Two items compared on what a plain numeric column does not hold ("A or B" readings of
``contrast.py``):

* places written as text: "was their place better in A or B", "which season shows the higher
  position, A or B". A column named for places (Place, Pos., Finish, Rank:
  ``degrees.rank_named``) whose cells are "1st", "15th", "T4", "=2" (with "DNF" or "—"
  beside them), or a column of ordinals under any name, is read as the number of each
  place (``Expr`` op ``place``); "better", "higher" and "above" are the smaller number,
  "worse" and "lower" the larger, and "the larger place" is not guessed;
* records of wins and losses ("60-40" in a Record or W-L column): "better" is the larger
  share of wins (``Expr`` op ``win_share``); "a higher record" is not guessed;
* amounts written as text ("$11 million", "£0.67m", "10,000" beside "N/A" or "?", "8²"):
  the number times its scale word (``Expr`` op ``amount``), compared as numbers;
* heights in feet and inches ("6'2", "5-11" in a Height column): inches (op ``inches``);
* a table with a column per year: a number of the question naming one column ("in 1990")
  is the measure, and a share word beside the degree word over a column of percentages
  ("a bigger percentage for 1990") is that column's cells, not a share to compute;
* what is counted: "more <plural>" naming a text column whose cells name the rows counts
  the rows ("more books in A or B"); "more losses / wins" is the one column headed for
  that side of a result ("Lost", "Won"); two years of a column of years are counted even
  when its distinct values are not kept.

Only one row per item is compared on text places, records, heights and amounts (several
places do not add up to one), and a cell that is none of them gives the item no value,
which is then not answered.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .contrast_numbers import one_row_each
from .contrast_times import written_times
from .degrees import direction_on, rank_column, rank_named
from .lexicon import load, name_tokens, stem
from .plan_parts import (AMOUNT_PATTERN, HEIGHT_PATTERN, PLACE_PATTERN, RECORD_PATTERN, Expr,
                         Measure, Step)
from .result_verbs import result_more
from .role_columns import header_side
from .schema import SchemaModel, holds_years

if TYPE_CHECKING:
    from .grammar import Parser

_PLACE = re.compile(PLACE_PATTERN)
_RECORD = re.compile(RECORD_PATTERN)
_AMOUNT = re.compile(AMOUNT_PATTERN)
_HEIGHT = re.compile(HEIGHT_PATTERN)
_ORDINAL = re.compile(r"^\s*[T=]?\d{1,3}(?:st|nd|rd|th)\s*$", re.IGNORECASE)
#: degree words that say "better" of a place (the smaller number) / "worse" (the larger)
_UP = {"higher", "better", "above", "good"}
_DOWN = {"lower", "worse", "below", "bad"}


def text_places(s: SchemaModel, col: str) -> bool:
    """A text column of places: named for places with at least half of its distinct cells
    (two or more) places written as text ("1st", "T4", "12"), or, under any name, at least
    half of them ordinals ("3rd", "11th": a column per year of a standing)."""
    if col not in s.columns:
        return False
    p = s.col(col)
    if p.numeric or p.kind != "text" or not p.values:
        return False
    cell = _PLACE if rank_named(col) else _ORDINAL
    read = [v for v in p.values if cell.match(str(v))]
    return len(read) >= 2 and len(read) >= 0.5 * len(p.values)


def year_named(p: "Parser", item_col: str, used: set[int]) -> str | None:
    """The column a free whole number of the question names, when it is one column of
    numbers or places: the column named that number, else the one column whose name holds
    it as a word (a table with a column per year: "a higher share in 1990, A or B" compares
    A's and B's cells of the column "1990" or "1990 share"); its node is then the measure."""
    hits = []
    for i, nd in enumerate(p.n):
        if i in used or nd.kind != "num" or nd.role is not None:
            continue
        try:
            v = float(nd.value)
        except (TypeError, ValueError):
            continue
        if not v.is_integer():
            continue
        year = str(int(v))
        cols = [c for c in p.s.columns if c != item_col and str(c).strip() == year] or \
            [c for c in p.s.columns if c != item_col and year in name_tokens(c)]  # "1990 sales"
        if len(cols) == 1 and (p.s.col(cols[0]).numeric or text_places(p.s, cols[0])):
            hits.append((i, cols[0]))
    if len(hits) != 1:
        return None
    p.n[hits[0][0]].role = "measure"
    return hits[0][1]


def ranked(s: SchemaModel, col: str) -> bool:
    """A column of places: numbers (``degrees.rank_column``) or places written as text."""
    return rank_column(s, col) or text_places(s, col)


def ranked_columns(s: SchemaModel, item_col: str) -> list[str]:
    return [c for c in s.columns if c != item_col and ranked(s, c)]


def text_records(s: SchemaModel, col: str) -> bool:
    """A text column named for a record of wins and losses ("Record", "W-L", "Win-Loss")
    whose distinct cells are, at least half of them and two or more, "wins-losses"."""
    if col not in s.columns:
        return False
    p = s.col(col)
    toks = {stem(t) for t in name_tokens(col)}
    named = "record" in toks or {"w", "l"} <= toks or {"win", "loss"} <= toks
    if p.numeric or p.kind != "text" or not p.values or not named:
        return False
    read = [v for v in p.values if _RECORD.match(str(v))]
    return len(read) >= 2 and len(read) >= 0.5 * len(p.values)


def text_amounts(s: SchemaModel, col: str) -> bool:
    """A text column whose distinct cells are, at least half of them and two or more,
    amounts written as text ("$11 million", "£0.67m", "8²"), the rest markers of no value
    ("N/A", "?") or words."""
    if col not in s.columns:
        return False
    p = s.col(col)
    if p.numeric or p.kind != "text" or not p.values:
        return False
    read = [str(v).strip() for v in p.values if _AMOUNT.match(str(v))]
    if len({v[0] for v in read if v[0] in "$€£¥"}) > 1:
        return False  # dollars beside pounds: not one unit
    return len(read) >= 2 and len(read) >= 0.5 * len(p.values)


def text_heights(s: SchemaModel, col: str) -> bool:
    """A text column named for a height whose distinct cells are, at least half of them and
    two or more, feet and inches ("6'2", "5-11")."""
    if col not in s.columns:
        return False
    p = s.col(col)
    toks = {stem(t) for t in name_tokens(col)}
    if p.numeric or p.kind != "text" or not p.values or not toks & {"height", "ht"}:
        return False
    read = [v for v in p.values if _HEIGHT.match(str(v))]
    return len(read) >= 2 and len(read) >= 0.5 * len(p.values)


def text_measure(s: SchemaModel, col: str) -> bool:
    """A text column two items can still be compared on (written times, places, records,
    amounts)."""
    return written_times(s, col, loose=True) or text_places(s, col) or \
        text_records(s, col) or text_heights(s, col) or text_amounts(s, col)


def text_steps(s: SchemaModel, col: str) -> tuple[list[Step], Measure] | None:
    """The steps reading a text column of places or records as numbers and the measure over
    them; None for any other column."""
    if s.col(col).numeric:
        return None
    if text_places(s, col):
        return place_measure(s, col)
    if text_records(s, col):
        name = _derived_name(s, "win_share_of_", col)
        return [Step("derive", name, Expr.of("win_share", Expr.col(col)))], \
            Measure("mean", name)
    if text_heights(s, col):
        name = _derived_name(s, "inches_of_", col)
        return [Step("derive", name, Expr.of("inches", Expr.col(col)))], Measure("mean", name)
    if text_amounts(s, col):
        name = _derived_name(s, "amount_of_", col)
        return [Step("derive", name, Expr.of("amount", Expr.col(col)))], Measure("mean", name)
    return None


def way_on(s: SchemaModel, col: str, word: str, way: str) -> str | None:
    """``degrees.direction_on`` with places written as text read as ranks, and records of
    wins and losses "better" with the larger share of wins ("higher record": not said)."""
    if text_records(s, col):
        return {"good": "hi", "bad": "lo"}.get(way)
    if not text_places(s, col):
        return direction_on(s, col, word, way)
    if word in _UP or way == "good":
        return "lo"
    if word in _DOWN or way == "bad":
        return "hi"
    return None  # "the larger place": the number or the standing?


def place_measure(s: SchemaModel, col: str) -> tuple[list[Step], Measure]:
    """The steps deriving the place number of ``col`` and the measure over them."""
    name = _derived_name(s, "place_of_", col)
    return [Step("derive", name, Expr.of("place", Expr.col(col)))], Measure("mean", name)


_COUNT_WORDS = {"more", "fewer", "less"}


def rows_counted(p: "Parser", i: int, col: str) -> bool:
    """"more *films* in A or B", "are more *teams* from A or B": a plural naming a text
    column whose cells name the rows (nearly each row its own) right after "more" / "fewer"
    counts the rows; the node is read so (and the reader says it)."""
    nd, prof = p.n[i], p.s.col(col)
    if p.low(i - 1) not in _COUNT_WORDS or prof.numeric or not nd.low.endswith("s") or \
            {stem(t) for t in name_tokens(nd.text)} != {stem(t) for t in name_tokens(col)}:
        return False
    filled = prof.n_rows - prof.n_null
    if prof.approx or not filled or prof.n_distinct < 0.8 * filled:
        return False
    nd.role = "compare"
    p.r.notes.append(f"counted the rows: each {col} is one row")
    return True


_OUTCOME_NOUNS = {n: side for side in ("win", "loss")
                  for n in load()["role_outcomes"][side]["nouns"]}


def outcome_column(p: "Parser", item_col: str, degree_at: int) -> str | None | bool:
    """"who had more *losses*, A or B" where no column is named so: the one numeric column
    whose header names that side of a result ("Lost", "Won": ``role_columns.header_side``)
    is the measure, each item being one row (several rows each: False, with the problem
    said, since counting their rows would answer another question); its node is read so.
    None otherwise."""
    nd = p.node(degree_at + 1)
    said = result_more(p, degree_at)  # "which side won more matches, A or B": Won
    if said is not None and said[0] != item_col:
        cols, nodes = [said[0]], said[1]
    elif p.low(degree_at) not in _COUNT_WORDS or nd is None or nd.role is not None or \
            nd.kind not in ("word", "col") or nd.low not in _OUTCOME_NOUNS:  # "Lost": a col
        return None
    else:
        side, nodes = _OUTCOME_NOUNS[nd.low], [degree_at + 1]
        cols = [c for c in p.s.columns if c != item_col and p.s.col(c).numeric and
                len(name_tokens(c)) == 1 and header_side(c) == side]
    if len(cols) != 1:
        return None
    if not one_row_each(p.s, item_col):  # several rows each: add up? counting rows is wrong
        p.r.problems.append(f"Each of the two has several rows; I will not add up or count "
                            f"their {cols[0]} for \"{nd.low}\". Ask for the total {cols[0]}.")
        return False
    for k in nodes:
        p.n[k].role = "measure"
    return cols[0]


def years_counted(s: SchemaModel, col: str, items: list) -> bool:
    """"more films in 1994 or 1997": two years of a column of years (its distinct values
    not kept) whose rows are counted; a year in the column's range with no row has 0 rows,
    which is an answer (none that year), so the years need not be listed."""
    p = s.col(col)
    if not p.numeric or not holds_years(p) or p.min is None or p.max is None:
        return False
    return all(float(p.min) <= float(i) <= float(p.max) for i in items)


def _derived_name(s: SchemaModel, head: str, col: str) -> str:
    name = head + re.sub(r"\W+", "_", col).strip("_")  # a name code can spell
    while name in s.columns:
        name += "_derived"
    return name


def share_measure(p: "Parser", degree_at: int | None, measure: str | None,
                  item_col: str) -> None:
    """"a bigger *percentage* for 1990, A or B", "a higher pass *percentage*" over a column of
    percentages (numbers from 0 to 100): the share word right after the degree word (or
    after the measure named there) names the measure's own values, not a share of rows to
    compute; it is read so, when each item is one row (shares of several rows do not add
    up)."""
    if not one_row_each(p.s, item_col):
        return
    nd = p.node(degree_at + 1) if degree_at is not None else None
    if nd is not None and nd.kind == "col" and nd.role == "measure":
        nd = p.node(degree_at + 2)  # "a higher pass percentage": the measure, then the word
    if nd is None or nd.role is not None or "share" not in nd.tags or not measure or \
            not p.s.col(measure).numeric:
        return
    prof = p.s.col(measure)
    try:
        within = 0 <= float(prof.min) and float(prof.max) <= 100
    except (TypeError, ValueError):
        return
    if within and sum(1 for n in p.n if "share" in n.tags or n.low == "%") == 1:
        nd.role = "measure"


__all__ = ["outcome_column", "place_measure", "ranked", "ranked_columns", "rows_counted",
           "share_measure", "text_amounts", "text_heights", "text_measure", "text_places",
           "text_records", "text_steps", "way_on", "year_named", "years_counted"]
