""""The number of seasons when *the team* placed 3rd": the one team a table is about.

A table of one club's seasons (Season, Division, Place) or of one side's games (Date,
Opponent, Score) names no team in any column: the team is the table's subject. "which division
was the team in last", "the longest run of wins the team put together", "the team's record
in 2004" then say nothing the rows do not already say, and reading "the team"
past answers the same question. ``event_words`` reads "this team" so; "the team" is read so
only when the table shows that its rows are that one team's record:

* the rows are times: a column headed by a season, a year or a date (or the profile's time
  column) with a different value on nearly every row, or the table is a schedule (a date or
  a numbering of the rows beside an opponent, a result, a score); or the rows are people,
  one per row ("which guard is heaviest on the team" over a roster: ``people_rows``);
* no column can hold teams: none is headed by a word for a team or its kind ("Club",
  "Nation", "School", "Winner", "Champion" ...), so "the team with the best record" over a
  column of clubs stays unread (the team there is a row, not the table);
* the noun does not pick one out: not followed by "with", "that", "from", "of" ... or by a
  name ("the team Rovers"); "the team in 2004" is still the one team, that year.

Any other unread word still makes the reader refuse.
"""

from __future__ import annotations

from .constituents import Reading
from .lexicon import load, name_tokens, stem
from .people_rows import rows_are_people
from .schema import SchemaModel

_L = load()
#: nouns for a team ("team", "club")
TEAM_NOUNS: set[str] = set(_L["team_nouns"])
#: header words of a column that may hold teams ("Club", "Nation", "Winner")
TEAM_COLUMNS: set[str] = {stem(w) for w in _L["team_columns"]}
_PERIOD_HEADERS = {"season", "year", "date", "yr"}
#: words after the noun that pick one team out of several
_PICKING = {"with", "that", "which", "who", "whose", "whom", "from", "of", "named", "called",
            "ranked", "listed"}


def whole_team(r: Reading, s: SchemaModel, i: int, schedule: bool) -> bool:
    """``r.nodes[i]`` is "team" (or "team's") after "the", naming the one team the whole
    table is about (module docstring); ``schedule``: the rows are events (``event_words``)."""
    nd = r.nodes[i]
    word = nd.low[:-2] if nd.low.endswith("'s") else nd.low
    if word not in TEAM_NOUNS or i == 0 or r.nodes[i - 1].low != "the":
        return False
    nxt = r.nodes[i + 1] if i + 1 < len(r.nodes) else None
    if nxt is not None and not nd.low.endswith("'s") and (
            nxt.low in _PICKING or nxt.kind in ("val", "quote")):
        return False
    return one_team_table(s, schedule)


def one_team_table(s: SchemaModel, schedule: bool) -> bool:
    """The rows are one team's seasons, games or players, and no column holds teams."""
    if s.n_rows < 3:
        return False
    for c, p in s.columns.items():
        if {stem(t) for t in name_tokens(c)} & TEAM_COLUMNS and p.kind in ("text", "other"):
            return False
    return schedule or any(_period_rows(s, c) for c in s.columns) or rows_are_people(s)


def _period_rows(s: SchemaModel, column: str) -> bool:
    """A column of times, one per row: headed by a season, a year or a date, or the
    profile's time column."""
    p = s.col(column)
    named = bool({stem(t) for t in name_tokens(column)} & _PERIOD_HEADERS)
    return (named or p.role == "time") and p.n_distinct >= 0.8 * s.n_rows


__all__ = ["TEAM_COLUMNS", "TEAM_NOUNS", "one_team_table", "whole_team"]
