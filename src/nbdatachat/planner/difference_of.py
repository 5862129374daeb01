"""The words that open a difference of two named items (issue 12, differences of two rows).

``contrast.py`` reads "the difference in attendance *between* A and B". People also open
the pair with another preposition, or name the measure before the difference word:

* "the difference in population *for* A and B", "the difference of weight *in* A and B",
  "the difference in points *from* A and B", "the difference in sales *under* A and B";
* "the height difference *between* A and B", "the score difference *for* A and B".

Read only when a measure column is named in those words (right after the difference word,
or right before it): "the difference for A and B" names no number to subtract, and
counting the items' rows is not what it asks. The answer is the gap between the two values
(an absolute difference: the question does not order them), said with both values.

Also: the same phrase said of each item ("the points earned by A and the points earned by
B", "the capacity of A and of B": ``repeated_pair``), text cells whose gap is a plain number
(``gap_readable``), and "the number of matches" over a column numbering the matches, which
is no measure of them (``numbering_counted``: refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .choose_between import text_amounts, text_places
from .contrast_times import written_times
from .lengths import CLOCK
from .lexicon import is_participle
from .row_nouns import row_numbers
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

#: prepositions that may open the pair after "the difference in <measure>"
_PREPS = {"between", "for", "of", "in", "from", "at", "on", "under", "with", "among", "by"}
#: other words that may stand between the difference word and the first item
_FILL = {"the", ",", "number of", "total", "amount of"}
#: words naming a point in time before the first item ("between the year A ...")
_TIME_WORDS = {"the", "year", "time", "date", "day"}
#: words a phrase said of each item may hold besides columns and plain words
_REPEATABLE = _PREPS | _FILL | {"and", "by", "'s", "’s", "a", "an", "games", "matches",
                                "times", "races", "events", "contests", "fixtures"}


def _measure_col(p: "Parser", k: int) -> bool:
    nd = p.node(k)
    return nd is not None and nd.kind == "col" and nd.role is None


def difference_lead(p: "Parser", difference: list[int], a: int, col: str) -> list[int] | None:
    """The nodes from the one difference word to the first item ``a`` of ``col`` (the
    measure's nodes left to the measure rule), or None when those words are not a
    difference of a named measure with a preposition after it opening the pair (see the
    module docstring). "the total points for the club A": the preposition inside a column's
    name ("Points for") opens nothing."""
    before = [d for d in difference if d < a]
    if len(before) != 1:
        return None
    d = before[0]
    used: list[int] = []
    opened = measure = False
    for k in range(d + 1, a):
        nd = p.n[k]
        if nd.kind == "col" and nd.role is None and \
                col in {m.column for m in nd.item.matches}:
            continue  # "for the club A": the items' column named before them
        if nd.kind == "col" and nd.role is None:
            measure, opened = True, False
        elif nd.kind in ("word", "sym") and nd.role is None and nd.low in _PREPS:
            opened = True
            used.append(k)
        elif nd.kind in ("word", "sym") and nd.role is None and nd.low in _FILL:
            used.append(k)
        elif nd.kind == "word" and nd.role is None and p.low(k + 1) in _PREPS and \
                (p.low(k + 1) == "by" and not set(nd.tags) - {"verb", "func"} or
                 not nd.tags and is_participle(nd.low)):
            used.append(k)  # "the medals *won* by A and B", "the goals *scored* in A and B"
        else:
            return None
    if not opened or not measure and not _measure_col(p, d - 1):
        return None  # "the difference for A and B": which number?
    return used


def gap_readable(s: SchemaModel, col: str) -> bool:
    """A text column whose difference of two cells is a plain number: places written as text
    ("15th"), amounts ("$11 million"), or times written as seconds ("23.78"; clocks such as
    "1:02.37" are not, as the gap would be written back as a clock)."""
    if text_places(s, col) or text_amounts(s, col):
        return True
    p = s.col(col)
    shown = [str(v).strip() for v in (p.values or p.examples or []) if v is not None]
    return written_times(s, col, loose=True) and not any(CLOCK.match(v) for v in shown)


def _plain(p: "Parser", k: int) -> bool:
    """A node a repeated phrase may hold: a column, a function word, a verb ("earned"), a
    noun of the items (not before a column)."""
    nd = p.n[k]
    if nd.role is not None or nd.kind not in ("word", "col", "sym"):
        return False
    if nd.kind == "col" or nd.low in _REPEATABLE or not nd.tags and is_participle(nd.low):
        return True  # "the points *earned* by A"
    if not nd.tags:  # "the A *bell* and the B *bell*": a noun of the items, not "*offensive*
        nxt = p.node(k + 1)  # rebounds", a word before a column that may name another
        return nxt is None or nxt.kind != "col"
    return not set(nd.tags) - {"func", "verb", "people"}


def repeated_pair(p: "Parser", a: int, b: int) -> list[int] | None:
    """The word nodes of "between <X> A <S> and <X> B <S>": the same phrase said of each
    item ("the number of plants in A and the number of plants in B", "the points earned by A
    and the points earned by B", "the capacity of A and of B"), each node plain; None when
    the words around the items are not such a repetition. Columns are left to the measure
    rule (both copies name the same one)."""
    mid = list(range(a + 1, b))
    lows = [p.n[k].low for k in mid]
    if "and" not in lows:
        return None
    j = lows.index("and")
    said, again = mid[:j], mid[j + 1:]
    after = list(range(b + 1, b + 1 + len(said)))
    if [p.low(k) for k in after] != [p.low(k) for k in said]:
        return None  # "the year A died and the year B died": said after each
    k = a - 1
    while k >= 0 and p.low(k) != "between":
        k -= 1
    lead = list(range(k + 1, a))
    if k < 0 or len(lead) > 8 or not lead and not said:
        return None
    first = [p.low(x) for x in lead if p.low(x) != "the"]
    second = [p.low(x) for x in again if p.low(x) != "the"]
    if not second and (first or not said) or first[len(first) - len(second):] != second or (
            len(second) < len(first) and any(p.n[x].kind == "col" for x in again)):
        return None
    nodes = lead + mid + after
    if not all(_plain(p, x) for x in nodes):
        return None
    return [x for x in nodes if p.n[x].kind != "col"]


def time_lead(p: "Parser", a: int) -> list[int] | None:
    """"between *the year* A left and B left", "between *the time* A opened and B opened": the
    words naming a point in time right after "between" (the column of years or dates said
    after each item is the measure); None when other words stand there."""
    k, words = a - 1, []
    while k >= 0 and p.low(k) in _TIME_WORDS and p.n[k].role is None and \
            p.n[k].kind == "word":
        words.append(k)
        k -= 1
    if k < 0 or p.low(k) != "between" or not {p.low(x) for x in words} - {"the"}:
        return None
    after = p.node(a + 1)
    return words if after is not None and after.kind == "col" else None


def misspelt_difference(p: "Parser") -> None:
    """"what is *the different* between A and B": "different" after "the" and before
    "between" / "of" is the noun "difference" misspelt (never "how many different X")."""
    for i, nd in enumerate(p.n):
        if nd.low == "different" and nd.role is None and p.low(i - 1) == "the" and \
                p.low(i + 1) in ("between", "of"):
            nd.text, nd.tags = "difference", {"change": True}


def unit_unread(p: "Parser") -> bool:
    """"the difference in *tonnes* between A and B" with no column read for it: a unit asks
    for a measure, so the items' rows are not to be counted instead."""
    return any(nd.role is None and "unit" in nd.tags for nd in p.n)


def numbering_counted(p: "Parser", column: str) -> bool:
    """"the number of matches" where ``column`` numbers the rows (1, 2, 3 ...): its values
    are no number of anything (a rank column named alone still is a measure)."""
    return row_numbers(p.s, column) and any(
        nd.kind == "col" and p.low(k - 1) in ("number of", "amount of", "total number of") and
        p.column_of(nd, prefer="numeric") == column for k, nd in enumerate(p.n))


__all__ = ["difference_lead", "gap_readable", "misspelt_difference", "numbering_counted",
           "repeated_pair", "time_lead", "unit_unread"]
