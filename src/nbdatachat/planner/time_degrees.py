""""The earliest launch date", "the newest date of issue": a degree of time said of a
column of times, read as the first / last row by that column.

"Which show had the first opening date" is read (the first row by Opening date), but
"earliest", "oldest", "newest", "latest" and "most recent" before a column name are not
superlatives the reader knows for a column ("oldest" asks for an age), so such a question is
refused. When it is, it is read once more with the word said as "first" (earliest, oldest)
or "last" (newest, latest, most recent), and that reading is kept only when it answers with
the first / last row, which is then ordered by the column named right after the word (the
reading may have taken "first" as table order when there are several columns of times);
that column must be the one whose name's words all follow the degree, and hold times (dates,
or years as numbers or text); an answer that is that time itself must be
asked for ("when", "what date"), or "which show had the newest opening date" would answer
with a date instead of the show. Every other check of the reader applies
unchanged; a follow-up, or a question asked back, is not rewritten.
"""

from __future__ import annotations

import re
from typing import Callable

from .lexicon import name_tokens, stem
from .noun_phrase import read_instead
from .plan import PlanResult
from .plan_kinds import PositionPlan
from .schema import SchemaModel, holds_years

_DEGREE = re.compile(r"\b(?P<deg>earliest|oldest|newest|latest|most\s+recent)\s+"
                     r"(?P<rest>(?:[a-z]+\s+){0,3}[a-z]+)", re.I)
#: questions that ask for the time itself
_ASKS_TIME = re.compile(r"\s*(?:when|(?:what|which|on\s+what|in\s+what)\s+(?:date|day|year|time|"
                        r"month)|what\s+(?:is|was)\s+the\s+(?:earliest|oldest|newest|latest|"
                        r"most\s+recent))\b", re.I)
_AS_ORDER = {"earliest": "first", "oldest": "first", "newest": "last", "latest": "last",
             "most recent": "last"}


def order_word_form(question: str) -> str | None:
    """``question`` with its one degree of time said as "first" / "last", or None."""
    said = list(_DEGREE.finditer(question))
    if len(said) != 1:
        return None
    m = said[0]
    word = _AS_ORDER[" ".join(m.group("deg").lower().split())]
    return question[:m.start("deg")] + word + question[m.end("deg"):]


def _holds_times(schema: SchemaModel, column: str) -> bool:
    p = schema.col(column)
    return p.kind in ("date", "datetime") or p.role == "time" or bool(p.year_like) or \
        holds_years(p)


def _named_time_column(question: str, schema: SchemaModel) -> str | None:
    """The one column of times whose name's words all come right after the degree word."""
    after = {stem(w) for w in _DEGREE.search(question).group("rest").lower().split()}
    found = []
    for c in schema.columns:
        named = {stem(t) for t in name_tokens(c)} - {"of", "the"}
        if named and named <= after and _holds_times(schema, c):
            found.append(c)
    return found[0] if len(found) == 1 else None


def as_time_order(question: str, refused: PlanResult, schema: SchemaModel,
                  read: Callable[[str], PlanResult]) -> PlanResult:
    """``refused`` again, or the answered first / last reading (module docstring)."""
    alt = order_word_form(question)
    if refused.status == "needs_clarification" or alt is None:
        return refused
    res = read_instead(question, alt, refused, read)
    plan = res.plan
    if res is refused or not isinstance(plan, PositionPlan) or plan.anchor or \
            plan.position not in ("first", "last"):
        return refused
    column = _named_time_column(question, schema)
    if column is None:
        return refused  # the words after the degree name no one column of times
    if plan.order_by != column:  # "the first date of appointment" read in table order
        plan = plan.copy(order_by=column, descending=False)
        res.plan = plan
    if plan.columns == [plan.order_by] and not _ASKS_TIME.match(question):
        return refused  # "which show had the latest opening date" answered with the date
    return res


__all__ = ["as_time_order", "order_word_form"]
