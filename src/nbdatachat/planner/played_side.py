""""How many games did *the otters* play in May": the table's own side as the one who played.

A table of one side's games (a schedule with one opponent column and no column naming a
side, ``game_results.opponent_column``) lists every game that side played, so "how many
games did <the side> play", "what number of matches did <the side> play against X" counts
the rows, as it would with the pronoun "they" for the side. ``event_words`` reads the game noun
as the rows there, once the side's name, which no column or value holds, is read here.

The name is read as the table's own side (``side_names``: plain words, at most four, no
lexicon word) only when it sits right between the game noun's "did" / "has" and the verb
"play" / "played", and the table is one side's games (the game noun is then left to
``event_words``, which reads it as the rows or leaves it unread). A name the data holds (an opponent: "how many games did the herons play") is a
value read elsewhere, never this; over a table of several sides' games (a "Home team" and
an "Away team" column) nothing is read here either.
"""

from __future__ import annotations

from .constituents import Reading
from .event_words import EVENT_NOUNS
from .game_results import opponent_column
from .lexicon import stem
from .schema import SchemaModel
from .side_names import mark_side, unheld_name

_AUX = {"did", "does", "do", "has", "have", "had"}
_PLAY = {"play", "played"}


def read_played_side(r: Reading, s: SchemaModel) -> None:
    """Read the name between "<games> did" and "play" as the table's own side (module
    docstring); runs before ``event_words``, which then reads the game noun."""
    if not (r.unknown or r.entity) or r.which_col is not None:
        return
    nodes = r.nodes
    for i, nd in enumerate(nodes[:-3]):
        if nd.kind != "word" or nd.role is not None or stem(nd.low) not in EVENT_NOUNS or \
                nodes[i + 1].low not in _AUX:
            continue
        k = next((k for k in range(i + 2, min(len(nodes), i + 8)) if nodes[k].low in _PLAY),
                 None)
        if k is None or nodes[k].role is not None:
            return
        subject = nodes[i + 2:k]
        if not subject or not unheld_name(subject) or opponent_column(s) is None:
            return
        words = {n.low for n in subject if n.role is None}
        mark_side(subject, r.notes, r.ignored)
        words -= {n.low for n in nodes if n.role is None}  # the same word unread elsewhere
        r.unknown = [w for w in r.unknown if w.lower() not in words]
        r.entity = [w for w in r.entity if w.lower() not in words]
        return


__all__ = ["read_played_side"]
