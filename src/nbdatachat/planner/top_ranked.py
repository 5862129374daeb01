""""The top ranked rider", "the highest placed club", "which rower was the top finisher": a
place said with a verb or noun of ranking, read over the table's one column of places.

"Top" / "highest" / "best" right before "ranked", "ranking", "placed", "placing",
"finishing" or "finisher" before no plural ("the top ranked riders" may be
the first three) (and "ranked / placed / finished the highest" when the reader found
no reading) names no column, but says the thing compared is a place in a ranking. When such
a question is refused and the table has exactly one column of places (numbers from 1 under a
rank word, or places written as text, ``choose_between.ranked``), the words are said as that
column ("the best Rank") and the question is read once more: the best / top / highest place
is the smallest number and the lowest / worst / bottom the largest (1 is the top of a
ranking). The new reading is kept only when it answers and ranks by that column, and says
how it read the words. Not read when another column splits the rows into levels (a tier,
division or league with two or more values: a 2nd place in a lower division is no better
than a 5th in a higher one), nor for a follow-up.
"""

from __future__ import annotations

import re
from typing import Callable

from .choose_between import ranked
from .lexicon import name_tokens
from .noun_phrase import read_with_column
from .plan import PlanResult
from .schema import SchemaModel

_BEST = {"top": True, "highest": True, "best": True, "lowest": False, "worst": False,
         "bottom": False}
_DEGREE = "|".join(_BEST)
#: "the top ranked rider", "the highest placed club", "the top finisher"
_BEFORE = re.compile(rf"\b(?P<deg>{_DEGREE})[\s-]+(?:ranked|ranking|placed|placing|finishing|"
                     r"finisher)\b(?!\s+\w*[^s\W]s\b)", re.I)
#: "who ranked the highest", "which club placed the best"
_AFTER = re.compile(rf"\b(?:ranked|placed|finished)\s+(?:the\s+)?(?P<deg>{_DEGREE})\b"
                    r"(?!\s+\w+\s+(?:of|in)\b)", re.I)
#: words of a column naming levels the places are held in (as ``implied_place``)
_LEVELS = {"tier", "tiers", "division", "divisions", "league", "leagues", "level", "levels",
           "class", "classes", "conference", "group", "groups", "flight", "grade"}


def place_of(schema: SchemaModel) -> str | None:
    """The table's one column of places, or None (none, two, or places held in levels)."""
    cols = [c for c in schema.columns if ranked(schema, c)]
    if len(cols) != 1:
        return None
    levels = [c for c in schema.columns if c != cols[0] and schema.col(c).n_distinct > 1 and
              {t.lower() for t in name_tokens(c)} & _LEVELS]
    return None if levels else cols[0]


def top_ranked_form(question: str, schema: SchemaModel) -> tuple[str, str, str] | None:
    """(the question with its words of ranking said as the place column, the column, the
    note saying so), or None."""
    said = list(_BEFORE.finditer(question))
    verb = list(_AFTER.finditer(question))
    if len(said) + len(verb) != 1:
        return None
    col = place_of(schema)
    if col is None:
        return None
    m = (said or verb)[0]
    if {t.lower() for t in name_tokens(col)} & {w.lower() for w in m.group(0).split()}:
        return None  # "the highest ranking" over a column "Ranking": the column is named
    best = _BEST[m.group("deg").lower()]
    said_as = f"{'best' if best else 'worst'} {col}"
    if verb:
        said_as = "had the " + said_as
    alt = question[:m.start()] + said_as + question[m.end():]
    return alt, col, f'read "{m.group(0)}" as "{said_as}" (1 is the top of a ranking)'


def as_top_ranked(question: str, refused: PlanResult, schema: SchemaModel,
                  read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the question with its words of ranking
    said as the one place column (module docstring)."""
    return read_with_column(question, top_ranked_form(question, schema), refused, read)


__all__ = ["as_top_ranked", "place_of", "top_ranked_form"]
