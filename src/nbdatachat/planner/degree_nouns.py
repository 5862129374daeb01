""""The most points", "the highest frequency", "the least acres": the noun after a degree
word is the head of one column's name ("Tour points", "Frequency [MHz]", "Area acres"),
though a general word of the lexicon ("points" a chart word, "frequency" a count word) read it
first and the reader found nothing to rank by.

When such a question is refused, the one noun right after the degree word (past "number of"
/ "amount of") and ending its phrase (the end, or a preposition: "the largest crew size"
names no column "Crew") is compared with the head of every column's name: its last word,
not counting what stands in brackets or a unit of one or two letters, and of "A of B" the A
unless it only says a number ("Date of loss" -> date, "No. of lanes" -> lanes). When
exactly one column's head is that noun (singular or plural) and the column is not named by
the noun alone (a column the reader already found), the noun is said as the column's name
and the question is read once more; the new reading is kept only when it answers and uses
that column, and says how it read the noun. "The largest number of losses" over "Date of
loss" (whose head is the date) is never so read, nor is a follow-up.
"""

from __future__ import annotations

import re
from typing import Callable

from .lexicon import name_tokens, stem
from .noun_phrase import read_with_column
from .plan import PlanResult
from .schema import SchemaModel

_SAID = re.compile(r"\b(?:most|least|fewest|highest|lowest|largest|smallest|greatest|"
                   r"biggest)\s+(?:(?:total\s+)?(?:number|amount)\s+of\s+)?"
                   r"(?P<noun>[a-z][a-z'-]+)\b(?=\s*(?:$|[?.!,]|(?:in|on|at|for|after|before|"
                   r"during|among|from|to|with|than|between|over|by|ever|recorded|listed)\b))",
                   re.I)
_NUMBER_WORDS = {"number", "num", "count", "total"}
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def head_word(col: str) -> str | None:
    """The last word of a column's name outside brackets, past units of one or two letters
    ("Elevation m" -> elevation), of the words before "of" unless they only say a number
    ("Date of birth" -> date, "Number of stops" -> stops), or None."""
    toks = [t for t in name_tokens(_BRACKETS.sub(" ", col)) if t.isalpha() or t == "of"]
    if "of" in toks:
        k = toks.index("of")
        before = [t for t in toks[:k] if len(t) > 2]
        toks = toks[k + 1:] if not before or before[-1] in _NUMBER_WORDS else toks[:k]
    while toks and len(toks[-1]) <= 2:
        toks.pop()
    return toks[-1] if toks else None


def degree_noun_form(question: str, schema: SchemaModel) -> tuple[str, str, str] | None:
    """(the question with its degree noun said as the column, the column, the note saying
    so), or None."""
    said = list(_SAID.finditer(question))
    if len(said) != 1:
        return None
    m = said[0]
    noun = m.group("noun")
    cols = [c for c in schema.columns if (h := head_word(c)) and stem(h) == stem(noun)]
    if len(cols) != 1:
        return None
    col = cols[0]
    if [stem(t) for t in name_tokens(col)] == [stem(noun)]:
        return None  # the column's name is the noun: the reader found it already
    name = " ".join(str(col).split())
    alt = question[:m.start("noun")] + name + question[m.end("noun"):]
    return alt, col, f'read "{noun}" as the column {name}'


def as_degree_noun(question: str, refused: PlanResult, schema: SchemaModel,
                   read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered reading of the question with its degree noun
    said as the one column headed by it (module docstring)."""
    return read_with_column(question, degree_noun_form(question, schema), refused, read)


__all__ = ["as_degree_noun", "degree_noun_form", "head_word"]
