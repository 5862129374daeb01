""""Who weighed the most", "which kit costs the least", "the top paid season": a verb that
names the quantity compared, read over the one column named for that quantity.

A verb of measure right before a degree word ("weighs the least", "cost the most") or a
participle right after one ("the highest paid", "the top earning") names no column, but
says what is compared: a weight, a price, an income. When such a question is refused and
exactly one column is named for that quantity (its name holds a word of it:
``lexicon.attribute_words``, "Weight (kg)", "Price", "Earnings ($)"), the words are said as
that column ("had the highest Weight (kg)") and the question is read once more; the new
reading is kept only when it answers and ranks by that column, and says how it read the
verb. "Weighed the most medals" (a noun after the degree word: a quantity of its own) is
not so read, nor is a follow-up.
"""

from __future__ import annotations

import re
from typing import Callable

from .lexicon import attribute_words, name_tokens, stem
from .noun_phrase import read_with_column
from .plan import PlanResult
from .schema import SchemaModel

#: verb forms -> the quantity they name (an attribute of ``lexicon.attribute_synonyms``)
_VERBS = {"weigh": "weight", "weighs": "weight", "weighed": "weight", "weighing": "weight",
          "cost": "price", "costs": "price", "costing": "price",
          "earn": "income", "earns": "income", "earned": "income", "paid": "income",
          "earning": "income"}
#: degree words -> the end ranked
_DEGREES = {"most": "highest", "highest": "highest", "top": "highest", "best": "highest",
            "least": "lowest", "lowest": "lowest", "worst": "lowest"}
_VERB_FIRST = re.compile(
    r"\b(?P<verb>weigh|weighs|weighed|weighing|cost|costs|costing|earn|earns|earned)\s+"
    r"(?:the\s+)?(?P<deg>most|least|highest|lowest)\b(?P<rest>\s*(?:[?.!,]|$|on\b|in\b|at\b|"
    r"of\b|for\b|during\b|among\b|from\b|overall\b|according\b|out\b|between\b|before\b|"
    r"after\b|and\b|with\b|when\b))", re.I)
_DEGREE_FIRST = re.compile(r"\b(?P<deg>top|highest|best|lowest|least|worst)[\s-]+"
                           r"(?P<verb>paid|earning|costing)\b", re.I)


def measure_column(schema: SchemaModel, attribute: str) -> str | None:
    """The one column whose name holds a word of ``attribute``, or None."""
    words = attribute_words(attribute)
    cols = [c for c in schema.columns if {stem(t) for t in name_tokens(c)} & words]
    return cols[0] if len(cols) == 1 else None


def verb_measure_form(question: str, schema: SchemaModel) -> tuple[str, str, str] | None:
    """(the question with its verb of measure said as the column, the column, the note
    saying so), or None."""
    first = list(_VERB_FIRST.finditer(question))
    second = list(_DEGREE_FIRST.finditer(question))
    if len(first) + len(second) != 1:
        return None
    m = (first or second)[0]
    col = measure_column(schema, _VERBS[m.group("verb").lower()])
    if col is None:
        return None
    end = _DEGREES[m.group("deg").lower()]
    said = f"had the {end} {col}" if first else f"{end} {col}"
    stop = m.start("rest") if first else m.end()
    alt = question[:m.start()] + said + question[stop:]
    return alt, col, f'read "{question[m.start():stop]}" as "{said}"'


def as_verb_measure(question: str, refused: PlanResult, schema: SchemaModel,
                    read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the question with its verb of measure
    said as the column of that quantity (module docstring)."""
    return read_with_column(question, verb_measure_form(question, schema), refused, read)


__all__ = ["as_verb_measure", "measure_column", "verb_measure_form"]
