"""Nth superlatives: "the second highest", "the 3rd longest", "which X had the second
largest Y" name the row at place N when the rows are ordered by that measure.

The superlative is read as usual (its column, and its direction, including ranks read the
right way up: the "second best rank" is the second smallest number); a reading that
answers with the one row of the extreme then becomes the row at place N in the same order
(:class:`PositionPlan` ``nth`` ordered by the measure). Ties make the place ambiguous
("second" after two rows tied first, or two rows sharing the Nth value): the engine checks
the first N + 1 values and says so instead of picking one (``query.nth_ties``).

Anything else an ordinal beside a superlative could mean ("the second most common", a
count of rows per group ranked) keeps the ordinal unread, and the reader refuses it.
"""

from __future__ import annotations

from .constituents import Reading
from .lexicon import ORDINALS
from .plan import AggregatePlan, Plan, RowsPlan
from .plan_kinds import PositionPlan
from .schema import SchemaModel

#: the places read: "the tenth highest" is as clear as "the second", beyond that rare
MAX_PLACE = 10


def _place(nd) -> int | None:
    """2 for "second" or "2nd" (a place beside a superlative), else None."""
    if nd.kind == "word" and nd.low in ORDINALS:
        n = int(ORDINALS[nd.low])
    elif nd.kind == "num" and nd.item.tok is not None and nd.item.tok.ordinal:
        n = int(nd.item.tok.value)
    else:
        return None
    return n if 2 <= n <= MAX_PLACE else None


def nth_superlative(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan`` with its one extreme row turned into the row at the place an ordinal right
    before the superlative names; ``plan`` itself when there is no such ordinal or the plan
    is not one row of an extreme (the ordinal then stays unread and is refused)."""
    nodes = r.nodes
    for i in range(len(nodes) - 1):
        nd, sup = nodes[i], nodes[i + 1]
        if nd.role is not None or sup.role != "superlative":
            continue
        n = _place(nd)
        if n is None:
            continue
        if sum(1 for x in nodes if x.role == "superlative") != 1:
            return plan
        order = _order(plan, s)
        if order is None:
            return plan
        nd.role = "nth"
        by, descending, asked = order
        return PositionPlan(position="nth", n=n, order_by=by, descending=descending,
                            columns=asked or [by], filters=list(plan.filters),
                            logic=plan.logic, steps=list(plan.steps), question=plan.question)
    return plan


def _order(plan: Plan, s: SchemaModel) -> tuple[str, bool, list[str]] | None:
    """The measure, direction and asked columns of a plan that answers with one extreme:
    the row with the highest Y (rows ordered by Y, one kept), the highest Y itself (its
    maximum over every row, no groups), or the X with the highest Y where every X is one
    row (a group of one row is that row)."""
    if isinstance(plan, RowsPlan):
        if not (plan.order_by and plan.limit == 1):
            return None
        filtered = {f.column for f in plan.filters}
        asked = [c for c in plan.columns if c != plan.order_by and c not in filtered]
        return plan.order_by, plan.descending, asked
    if not isinstance(plan, AggregatePlan) or plan.unpivot or plan.share or \
            plan.time_bucket is not None or len(plan.measures) != 1:
        return None
    m = plan.measures[0]
    if not m.column or m.over or m.percent:
        return None
    if not plan.keys and m.agg in ("max", "min"):
        return m.column, m.agg == "max", [m.column]
    if len(plan.keys) == 1 and (plan.argmax or plan.limit == 1) and \
            m.agg in ("max", "min", "mean", "sum", "median"):
        key = s.col(plan.keys[0])
        if s.n_rows and key.n_distinct == s.n_rows and not key.n_null:
            return m.column, plan.descending, [plan.keys[0]]
    return None


__all__ = ["MAX_PLACE", "nth_superlative"]
