""""What is the total of <rows' noun>": how many there are, when each row is one of them.

"What" does not ask how many, so a reading that counts rows is refused for it
(`answer_type.py`). But "what is the total of stations" / "what is the total
hostel count" over a column of text naming one thing per row has no amount to add up: the
total of the things is how many rows hold one. The count is kept when the noun just after "total"
("total of") is the whole name of such a column (every word of the name said, nothing else
but a link word the span took in), the column holds text that is neither numbers nor a tally
(no medal or outcome word: "the total of bronze" counts medals, which rows do not), and at
least nine rows in ten hold a different value (each row is one; rows and distinct values
then nearly agree).
"""

from __future__ import annotations

import re

from .constituents import Reading
from .lexicon import (FUNCTION_WORDS, GENERIC_WORDS, OUTCOME_NOUNS, UNIT_KINDS, UNITS,
                      name_tokens, stem)
from .plan import AggregatePlan, Plan
from .schema import SchemaModel

_OPENING = re.compile(r"^what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+the\s+total\b")
_SKIP = {"of", "the"}
#: nouns of things tallied inside rows (medals, wins, units): a total of them is no row count
_TALLIES = {stem(w) for ws in UNIT_KINDS.values() for w in ws} | \
    {stem(w) for w in set(UNIT_KINDS) | OUTCOME_NOUNS | UNITS}


def counts_total_of_rows(r: Reading, s: SchemaModel, plan: Plan) -> bool:
    """True when ``plan`` counts all the rows its filters keep and the question asks "what
    is the total (of) <the name of a column with one text value per row>"."""
    if not isinstance(plan, AggregatePlan) or plan.group_by or plan.time_bucket or \
            len(plan.measures) != 1 or plan.measures[0].agg != "count" or \
            plan.measures[0].column is not None or not _OPENING.match(r.question.lower()):
        return False
    nodes = r.nodes
    k = next((i for i, nd in enumerate(nodes) if nd.low == "total"), None)
    if k is None:
        return False
    j = k + 1
    while j < len(nodes) and nodes[j].low in _SKIP:
        j += 1
    if j >= len(nodes) or nodes[j].kind != "col" or len(nodes[j].columns) < 1:
        return False
    noun, col = nodes[j], nodes[j].columns[0]
    words = [w for w in re.findall(r"[a-z0-9]+", noun.low)]
    said = {stem(w) for w in words}
    named = {stem(t) for t in name_tokens(col)}
    extra = {w for w in words if stem(w) not in named}  # "station on": a span's link word
    if not named or not named <= said or said & _TALLIES or \
            not extra <= FUNCTION_WORDS | GENERIC_WORDS:
        return False
    p = s.col(col)
    if p.numeric or p.kind != "text" or s.n_rows < 2 or p.n_distinct < 0.9 * s.n_rows:
        return False
    return not any(_number_like(v) for v in (p.values or [])[:20])


def _number_like(v: object) -> bool:
    return bool(re.fullmatch(r"\s*[-+$£€]?\d[\d,.\s]*%?\s*", str(v)))


__all__ = ["counts_total_of_rows"]
