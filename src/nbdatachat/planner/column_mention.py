"""A column named as a column: "in the Remarks column", "under the Venue column", "the
column of Away side", "column Away side" (issue 12).

People reading a table point at its columns by name and say so. The word "column" then
adds nothing the column's name did not say, and it says where a value was seen: "how many
times does *Bye* appear in the Result column" counts rows whose Result is Bye, even when
"Bye" is also a value of another column. So:

* the word is read as part of the column's mention (one column only: "the side column"
  over "Side A" and "Side B" stays unread, and the reader asks as before; so does a
  column whose header the table repeats, "Rider" and "Rider.1" of a table folded
  in two);
* a value of the question found in that column and in others is kept to that column;
  a value found only elsewhere is left alone ("the 1987 season in the Champion column": the
  season picks the row, the column is what is asked).

A word for a part of a contest right after a column's name is read the same way, the
column being that part: "which entrant did best in the Talent round", "the Juniors category"
(no value is kept to it: a round holds scores, not names).

"the leftmost column" and other columns named by their place are not read here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import header_twins

if TYPE_CHECKING:
    from .constituents import Node
    from .grammar import Parser

#: the words that name a column as such
_COLUMN_WORDS = {"column", "col"}
#: words for a part of a contest or a list that a column's header names ("the Talent
#: round", "the Juniors category"): read only right after that column's name
_KIND_WORDS = {"round", "category", "competition", "section", "segment", "portion", "phase"}
#: words between "column" and the column's name after it ("the column *of* Away side")
_OF = {"of", "for", "labeled", "labelled", "named", "headed", "titled", "marked"}


def read_column_mentions(p: "Parser") -> None:
    """Read each "<column> column" / "column (of) <column>" (see the module docstring)."""
    for i, nd in enumerate(p.n):
        if nd.kind != "word" or nd.role is not None or nd.tags.keys() - {"func"}:
            continue
        if nd.low in _KIND_WORDS and _one_column(p.node(i - 1)) and \
                not header_twins(p.s, p.column_of(p.n[i - 1])):
            nd.role = "column_word"  # "in the Talent round": that column
            continue
        if nd.low not in _COLUMN_WORDS or p.low(i + 1) in ("chart", "charts", "graph", "plot"):
            continue  # (a "column chart" is a kind of chart)
        named = _named(p, i)
        if named is None:
            continue
        column = p.column_of(named)
        if header_twins(p.s, column):
            continue  # "the Rider column" of a table folded in two: which one is unsaid
        nd.role = "column_word"
        for other in p.n:
            if other.kind == "val" and other.role is None:
                _keep_to(other, column)


def _named(p: "Parser", i: int) -> "Node | None":
    """The one-column mention the word at ``i`` belongs to: right before it ("the Venue
    column"), or right after it, maybe past "of" ("the column of Away side", "column
    Away side")."""
    before = p.node(i - 1)
    if _one_column(before):
        return before
    j = i + 1
    if p.low(j) in _OF:
        j += 1
    if p.low(j) == "the":
        j += 1
    after = p.node(j)
    if _one_column(after) and (j > i + 1 or p.low(i - 1) in ("the", "in", "under", "of")):
        return after
    return None


def _one_column(nd: "Node | None") -> bool:
    return nd is not None and nd.kind == "col" and nd.role in (None, "which") and \
        len(set(nd.columns)) == 1


def _keep_to(nd: "Node", column: str) -> None:
    """Keep a value's matches to ``column`` when it has one there (module docstring)."""
    for item in nd.items:
        mine = [m for m in item.matches if m.column == column]
        if mine and len(mine) < len(item.matches):
            item.matches[:] = mine


__all__ = ["read_column_mentions"]
