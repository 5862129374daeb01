"""How long the first or the last row lasted (issue 12): "how long did the first <noun>
serve", "how long was the last <noun> in office" -> the row that began first (last), by the
start of the term :mod:`durations` derives, and that row's length.

The row is the earliest (latest) by the term's own start (a start column's year or a
span's first year), never by the table's order, which may run either way; the noun must
name the table's rows (:func:`position_rows.noun_is_rows`: "the first *coach*", not "the
first *loss*"). Refused: an anchor or any other condition beside the position, a second
or later place ("the third <noun>" is left to the order readings, which refuse), and a
table without such a start.
"""

from __future__ import annotations

from .constituents import Incomplete, Reading, filters_of
from .lexicon import OUTCOME_NOUNS, RESULT_VERBS, stem
from .plan_kinds import PositionPlan
from .plan_parts import Expr, Step
from .position_rows import noun_is_rows
from .schema import SchemaModel


def term_position_plan(r: Reading, s: SchemaModel, name: str, expr: Expr,
                       start: Expr) -> PositionPlan:
    """The first / last row by ``start``, with its derived length ``name`` (``expr``)."""
    pos = r.position
    noun = r.nodes[pos.at + 1].low if pos.at + 1 < len(r.nodes) else ""
    rows = noun_is_rows(r, s) if r.entity else noun.isalpha() and \
        stem(noun) not in {stem(w) for w in OUTCOME_NOUNS} and \
        not any(nd.low in RESULT_VERBS for nd in r.nodes)
    if pos.kind not in ("first", "last") or pos.anchor or pos.n != 1 or filters_of(r) or \
            not rows:
        raise Incomplete("That asks how long a row lasted together with the order of the "
                         "rows, which I can read only as \"the first / last <row>\".",
                         s.names()[:12])
    began = f"start of {name}"
    return PositionPlan(position="first", order_by=began, descending=pos.kind == "last",
                        columns=[name], steps=[Step("derive", name, expr),
                                               Step("derive", began, start),
                                               Step("drop_missing", columns=[began])])


__all__ = ["term_position_plan"]
