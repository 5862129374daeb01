""""The most wins", "the fewest titles" over a tally whose count of wins is headed by the
winners: a standing of finals lists each club with its "Winners" and "Runners-up" as numbers.

The noun of wins (wins, victories, titles, championships) after a degree word ("the most",
"the least number of", "the fewest") names no column of such a table: its count of wins is
headed by who won ("Winners", "Champions") or by the noun in another form ("Won",
"Titles"). When such a question is refused and the table has exactly one column of whole
numbers headed by one of those words alone, the noun is said as that column and the
question is read once more; the new reading is kept only when it answers and ranks by that
column, and says how it read the noun. A column of names ("Winner": who won each final) is
no count and is never so read, nor is a table with two such count columns (home and away
wins), nor a follow-up.
"""

from __future__ import annotations

import re
from typing import Callable

from .lexicon import name_tokens
from .noun_phrase import read_with_column
from .plan import PlanResult
from .schema import SchemaModel

_NOUNS = r"wins|victories|titles|championships"
_SAID = re.compile(r"\b(?:most|least|fewest|highest|lowest|largest|smallest)\s+"
                   rf"(?:(?:total\s+)?(?:number|amount)\s+of\s+)?(?P<noun>{_NOUNS})\b", re.I)
#: one-word headers of a column counting a side's wins
_HEADERS = {"winners", "winner", "champions", "champion", "won", "wins", "victories",
            "titles", "championships"}


def win_column(schema: SchemaModel) -> str | None:
    """The table's one column of whole numbers headed by a word of winning alone, or None."""
    found = []
    for c in schema.columns:
        toks = [t.lower() for t in name_tokens(c)]
        p = schema.col(c)
        if len(toks) != 1 or toks[0] not in _HEADERS or not p.numeric or p.min is None:
            continue
        try:
            lo, hi = float(p.min), float(p.max)
        except (TypeError, ValueError):
            continue
        if lo >= 0 and lo.is_integer() and hi.is_integer():
            found.append(c)
    return found[0] if len(found) == 1 else None


def win_count_form(question: str, schema: SchemaModel) -> tuple[str, str, str] | None:
    """(the question with its noun of wins said as the count column, the column, the note
    saying so), or None."""
    said = list(_SAID.finditer(question))
    if len(said) != 1:
        return None
    col = win_column(schema)
    if col is None:
        return None
    m = said[0]
    noun = m.group("noun")
    if noun.lower() == col.lower():
        return None  # the column is named already: reading again would change nothing
    alt = question[:m.start("noun")] + col + question[m.end("noun"):]
    return alt, col, f'read "{noun}" as the column {col} (a count of wins)'


def as_win_count(question: str, refused: PlanResult, schema: SchemaModel,
                 read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the question with its noun of wins said
    as the one count of wins (module docstring)."""
    return read_with_column(question, win_count_form(question, schema), refused, read)


__all__ = ["as_win_count", "win_column", "win_count_form"]
