"""A generic noun right after the column a question asks for says what that column's values
are: "which *label* artist ...", "what *nation's* club ...", "which *sponsor* company ...".

The column (read by ``which`` / ``what`` as the one whose values answer) names the answer;
the noun after it only says what kind of thing those values are (a team, a player, an
event), so reading past it answers the same question. Only a noun of the lexicon's kinds of
entity (people, teams, clubs, performers, events) is read so, only right after the column
asked for, and only when that column holds names (text, not numbers or times: "which year
team" names no team). Any other unread word still makes the reader refuse.
"""

from __future__ import annotations

from .constituents import Reading
from .event_words import EVENT_NOUNS, SUBJECT_NOUNS
from .lexicon import PEOPLE_NOUNS, stem
from .schema import SchemaModel

#: kinds of entity a column of names may hold ("team", "players", "race")
KIND_NOUNS: set[str] = {stem(w) for w in SUBJECT_NOUNS | set(PEOPLE_NOUNS)} | EVENT_NOUNS


def read_head_nouns(r: Reading, s: SchemaModel) -> None:
    """Move a kind noun after the column asked for from ``r.unknown`` to ``r.ignored``
    (module docstring). Runs after the coverage check and before the plan is built."""
    if not r.unknown or r.which_col is None:
        return
    unread = {w.lower() for w in r.unknown}
    for i, nd in enumerate(r.nodes[1:], start=1):
        if nd.kind != "word" or nd.role is not None or nd.low not in unread:
            continue
        word = nd.low[:-2] if nd.low.endswith("'s") else nd.low
        if not word.isalpha() or stem(word) not in KIND_NOUNS:
            continue
        col = r.nodes[i - 1]
        if col.kind != "col" or col.role != "which" or r.which_col not in col.columns:
            continue
        p = s.col(r.which_col)
        if p.numeric or p.role not in ("dimension", "id") or p.kind not in ("text", "other"):
            continue
        if sum(1 for n in r.nodes if n.low == nd.low) > 1:
            continue  # the noun again elsewhere: that one is not read here
        nd.role = "ignored"
        r.ignored.append(nd.text)
        r.notes.append(f'read "{nd.text}" as what the {r.which_col!r} values are')
        r.unknown = [w for w in r.unknown if w.lower() != nd.low]


__all__ = ["KIND_NOUNS", "read_head_nouns"]
