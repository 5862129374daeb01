"""Which way a degree word points on the measure two items are compared on.

"Higher" on most numbers is the larger number, but on a position in a ranking ("Rank",
"Pos.", "Place", "Final position") a higher rank is the *smaller* number (1 is the top),
and "better" or "worse" point the way the measure says: more points, wins or medals are
better; a shorter time is better; a smaller rank is better. Words that only say "more" of a
rank ("the larger rank") and "better" on any other measure are not guessed: the reader
refuses rather than answer the wrong way round.

Also here: the verb that says the items are compared on how they did ("did A or B *perform*
better", "which *finished* higher, A or B", "was A or B higher *ranked*"), which names no
column: the one rank column of the table is then the measure.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from .lexicon import ORDINALS, name_tokens, stem
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

# These lists stay out of lexicon.json on purpose: every word there joins the question
# vocabulary that grounding never matches to a column, and "place", "rank" or "finish" must
# still name columns.
#: "better" / "worse": a direction that depends on the measure
JUDGEMENT = {"better": "good", "worse": "bad"}
#: verbs of how an item did, read with a degree word beside them
PERFORMANCE_VERBS = {"perform", "performs", "performed", "performing", "do", "does", "did",
                     "doing", "fare", "fares", "fared", "place", "places", "placed", "finish",
                     "finishes", "finished", "rank", "ranks", "ranked", "end", "ended"}
#: stems of column names whose larger numbers are better / whose smaller numbers are
_HIGHER_BETTER = {"point", "pts", "win", "won", "medal"}
_LOWER_BETTER = {"time"}
#: degree words that name an attribute when no measure is named ("is A or B larger")
SIZE_WORDS = {"larger": "size", "bigger": "size", "smaller": "size", "higher": "height",
              "lower": "height"}
#: words of a column name that make its numbers positions in a ranking
_RANK_COLUMN = {"position", "pos", "rank", "ranking", "place", "placing", "seed", "seeding",
                "standing", "finish", "placement"}
#: degree words that say "better" of a rank (the smaller number) / "worse" (the larger)
_UP = {"higher", "better", "good"}
_DOWN = {"lower", "worse", "bad"}


def rank_column(s: SchemaModel, col: str) -> bool:
    """A numeric column of positions: its name's head word is a rank word ("Rank", "World
    rank", "Final position", "Placement at ..."; not "Position angle", whose head is
    another noun) and its values are whole numbers from 1."""
    p = s.col(col)
    if not p.numeric or p.min is None or p.max is None:
        return False
    try:
        lo, hi = float(p.min), float(p.max)
    except (TypeError, ValueError):
        return False
    if lo < 1 or not lo.is_integer() or not hi.is_integer():
        return False
    return rank_named(col)


def rank_named(col: str) -> bool:
    """A column name whose head word is a rank word ("Rank", "World rank", "Final position",
    "Placement at ..."; not "Position angle" or "Third place", a count of such finishes)."""
    toks = [stem(t) for t in name_tokens(col) if not t.isdigit()]
    if set(toks) & set(ORDINALS):
        return False  # "Third place": a count of such finishes
    for k, t in enumerate(toks):
        if t in _RANK_COLUMN:
            rest = toks[k + 1:]
            if not rest or rest[0] in ("at", "in", "on", "of", "for") or \
                    all(len(x) <= 3 for x in rest) and _tag(col, rest[0]):
                return True  # "Peak position US", "Pos. Alt.": a rank in a chart or list
    return False


def _tag(col: str, word: str) -> bool:
    """``word`` is written in ``col`` as a tag: in capitals ("US", "GER"), cut short with a
    full stop ("Alt."), on a line of its own or in brackets ("Position(s)"), not as a plain
    word after the rank word ("Placement fee")."""
    for m in re.finditer(r"[^\W_]+\.?", col):
        said, before = m.group(0), col[:m.start()]
        if said.rstrip(".").lower() == word or stem(said.rstrip(".").lower()) == word:
            return said.rstrip(".").isupper() or said.endswith(".") or \
                not said.rstrip(".").isalpha() or before.endswith(("\n", "("))
    return True  # not found as written: keep the old reading


def rank_modifies(s: SchemaModel, col: str) -> bool:
    """A column whose rank word only modifies the noun that ends its name ("Seeding rate",
    "Placement salary"): its numbers are of that noun, read as they are, not places. Not
    "Rank by income", "Place in 2010" (a preposition), "Pos. reached" (a participle), and
    never when its numbers could be this table's places (whole numbers from 1 to its rows)."""
    toks = [stem(t) for t in name_tokens(col) if not t.isdigit()]
    if len(toks) < 2 or rank_named(col) or set(toks) & set(ORDINALS):
        return False
    word, noun = toks[-2], toks[-1]
    if word not in _RANK_COLUMN or len(noun) < 4 or noun.endswith("ed"):
        return False
    p = s.col(col)
    try:
        lo, hi = float(p.min), float(p.max)
    except (TypeError, ValueError):
        return False
    return not (p.numeric and lo >= 1 and lo.is_integer() and hi.is_integer() and
                hi <= s.n_rows)


def rank_columns(s: SchemaModel, item_col: str) -> list[str]:
    return [c for c in s.columns if c != item_col and rank_column(s, c)]


def direction_on(s: SchemaModel, col: str, word: str, direction: str) -> str | None:
    """"hi" (the larger number wins) or "lo" for a degree word on ``col``; None when the
    word does not say which way on that column. ``direction`` is the word's own ("hi",
    "lo", or "good"/"bad" for better/worse)."""
    if rank_column(s, col):
        if word in _UP or direction == "good":
            return "lo"
        if word in _DOWN or direction == "bad":
            return "hi"
        return None  # "the larger rank": the number or the standing?
    if direction not in ("good", "bad"):
        return direction
    toks = {stem(t) for t in name_tokens(col)}
    if toks & _HIGHER_BETTER and not toks & _LOWER_BETTER:
        better = "hi"
    elif toks & _LOWER_BETTER and not toks & _HIGHER_BETTER:
        better = "lo"
    else:
        return None
    if direction == "good":
        return better
    return "lo" if better == "hi" else "hi"


def performance_verb(p: "Parser", at: int, used: set[int]) -> int | None:
    """The verb of how the items did beside the degree word at ``at`` ("perform better",
    "ranked higher", "higher ranked"), free to read; its index or None."""
    for k in (at - 1, at + 1):
        nd = p.node(k)
        if nd is not None and k not in used and nd.low in PERFORMANCE_VERBS and \
                nd.kind in ("word", "col") and nd.role is None:
            return k
    return None


def rank_note(col: str, word: str, direction: str) -> str:
    return (f'read "{word}" on {col} as the {"smaller" if direction == "lo" else "larger"} '
            f"number (1 is the top of a ranking)")


__all__ = ["JUDGEMENT", "PERFORMANCE_VERBS", "SIZE_WORDS", "direction_on", "performance_verb",
           "rank_column", "rank_named", "rank_columns", "rank_note"]
