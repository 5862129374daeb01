"""The table's own side named by a name the data does not hold.

"how many games did *the hawks* win", "how many matches did *riverton* lose": a table of one
team's games rarely holds its own name (its rows list the opponents), so a name that grounds
to no column and no value is that team, the table's own side, the same as "they". A name the
data holds (an opponent's, a column's) stays another side's: "how many games did <an
opponent> win" counts that side's wins, which are the table's losses, and is not read so.

Only plain words are read as such a name: no number, no lexicon word (no "not", "home",
"most", no unit), at most four of them, between the count's auxiliary and the outcome verb;
a year read as a filter on the table's time may open the name ("the 1987 hawks": the games
of that year).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .constituents import Node

_MAX_WORDS = 4
_ARTICLES = {"the"}


def unheld_name(nodes: "list[Node]") -> bool:
    """``nodes`` are a name no column or value holds (module docstring)."""
    words = [nd for nd in nodes if nd.low not in _ARTICLES]
    if len(words) > 1 and _season_year(words[0]):
        words = words[1:]  # "the 1987 hawks": the season of the side, no column reads it
    if not words or len(words) > _MAX_WORDS:
        return False
    return all(nd.kind == "word" and nd.role is None and not nd.tags and
               nd.low.replace("'", "").replace(".", "").isalpha() for nd in words)


def _season_year(nd: "Node") -> bool:
    """A year number naming the side's season ("the 1987 hawks") that a rule has read as a
    filter on the table's time: the games of that year, as meant. A year nothing read may
    be a season the table does not show, and is left unread."""
    return nd.kind == "num" and nd.role == "filter" and nd.text.isdigit() and \
        len(nd.text) == 4 and 1850 <= int(nd.text) <= 2100


def mark_side(nodes: "list[Node]", notes: list[str], ignored: list[str]) -> None:
    """Read the name as the table's own side and say so in the reading's notes."""
    for nd in nodes:
        if nd.role is None:
            nd.role = "subject"
            ignored.append(nd.text)
    name = " ".join(nd.text for nd in nodes)
    notes.append(f'read "{name}" as the table\'s own side: no column or value names it')


__all__ = ["mark_side", "unheld_name"]
