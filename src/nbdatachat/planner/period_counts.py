"""Counting periods: "how many years are listed" over a column of years counts the years.

A count of the distinct values of a column could as well mean its rows ("how many winners":
the rows, or the different winners?), and `answer_type.py` asks back when the two differ.
When the counted noun is a period of time ("years", "seasons") naming a column that holds
such periods, the two readings do not compete: a year is one year however many rows of the
table fall in it ("how many years did the choir tour abroad" over a row per concert), so
the distinct count is the answer.

Not when the question negates ("how many years had no loss"): the years with a row that is
not a loss are not the years with no loss, and which one is meant cannot be told from the
count alone.
"""

from __future__ import annotations

import re

from .constituents import Reading
from .lexicon import name_tokens, stem
from .plan import AggregatePlan
from .schema import SchemaModel
from .seasons import holds_seasons

_PERIODS = {"year", "season"}
_SKIP = {"the", "different", "total", "of"}
_NEGATED_OPS = {"!=", "not in", "not between", "is null"}
_NEGATION = re.compile(r"\b(?:no|not|never|none|without|neither|nor)\b|n't\b")


def counts_periods(r: Reading, s: SchemaModel, plan: AggregatePlan, i: int) -> bool:
    """True when the ``i``-th measure, a count of distinct values, counts the periods of a
    time column the counted noun names ("how many seasons" over Season): the distinct count
    is then meant, not the rows."""
    col = plan.measures[i].column
    if col is None or col not in s.columns or not _holds_periods(s, col):
        return False
    if any(f.op in _NEGATED_OPS for f in plan.filters) or _NEGATION.search(r.question.lower()):
        return False
    nodes = r.nodes
    for k, nd in enumerate(nodes):
        if nd.role != "count":
            continue
        j = k + 1
        while j < len(nodes) and nodes[j].low in _SKIP:
            j += 1
        if j >= len(nodes):
            return False
        noun = nodes[j]
        word = noun.low.split()[0] if noun.low.split() else ""
        base = stem(word)
        return noun.kind == "col" and col in noun.columns and word.endswith("s") and \
            base in _PERIODS and base in {stem(t) for t in name_tokens(col)}
    return False


def _holds_periods(s: SchemaModel, col: str) -> bool:
    """The column holds years or seasons ("1998", "1996–97"), not full dates."""
    p = s.col(col)
    return bool(p.year_like or holds_seasons(p) or
                (s.answers_when(col) and p.kind not in ("date", "datetime")))


__all__ = ["counts_periods"]
