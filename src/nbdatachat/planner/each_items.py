"""Named items followed by "each": "A and B each hold how many titles", "how many points did
A and B each get", "A and B each live in which city".

"Each" right after the items asks for one answer per item (often the same for both). When
every item is one row (the items' column holds each value once), a reading that adds the
items' values together, or asks which one row is meant, becomes the value of each item's
row ("A 6, B 6"). Otherwise a reading that adds them, counts their rows, or answers with
the items themselves would answer another question; it is refused, saying why.
"""

from __future__ import annotations

from .constituents import Incomplete, Reading
from .plan import AggregatePlan, Plan, RowsPlan
from .plan_kinds import LookupPlan
from .schema import SchemaModel


def each_item(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan``, or the value of each named item's row, or a refusal (module docstring)."""
    nodes = r.nodes
    for i in range(1, len(nodes)):
        nd = nodes[i]
        if nd.low != "each" or nd.role is not None or nodes[i - 1].role != "filter":
            continue
        named = [f for f in r.filters if f.how in ("value", "named") and not f.negated]
        cols = {f.column for f in named}
        count = sum(len(f.value) if isinstance(f.value, (list, tuple)) else 1 for f in named)
        if len(cols) != 1 or count < 2:
            return plan
        col = next(iter(cols))
        one_row_each = s.n_rows > 0 and s.col(col).n_distinct == s.n_rows
        asked = _asked_value(plan)
        if one_row_each and asked is not None and asked != col:
            return LookupPlan(columns=[col, asked], filters=list(plan.filters),
                              logic=plan.logic, steps=list(plan.steps), limit=count,
                              question=plan.question)
        combined = isinstance(plan, AggregatePlan) and not plan.keys and \
            any(m.agg in ("sum", "count", "mean") for m in plan.measures)
        echoed = isinstance(plan, RowsPlan) and bool(plan.columns) and set(plan.columns) <= {col}
        if combined or echoed:
            what = "adds their values together or counts their rows" if combined else \
                "answers with the items themselves"
            raise Incomplete(f'"each" asks for one answer for each of the {count} items named '
                             f"in {col!r}, but this reading {what}. Ask about one of them at "
                             f"a time.", s.names()[:12])
        return plan
    return plan


def _asked_value(plan: Plan) -> str | None:
    """The column whose value each item's row gives: the one column summed or averaged
    over the items, or the one column of a lookup that wants a single row."""
    if isinstance(plan, AggregatePlan) and not plan.keys and not plan.share and \
            len(plan.measures) == 1:
        m = plan.measures[0]
        if m.agg in ("sum", "mean") and m.column and not m.over and not m.percent:
            return m.column
    if isinstance(plan, LookupPlan) and plan.one and not plan.by and not plan.same:
        rest = [c for c in plan.columns if c not in {f.column for f in plan.filters}]
        if len(rest) == 1:
            return rest[0]
    return None


__all__ = ["each_item"]
