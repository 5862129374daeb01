"""Named items followed by "each": "A and B each won how many titles", "how many points did
A and B each get", "A and B each played in which city".

"Each" right after the items asks for one answer per item (often the same for both). A
reading that adds the items' values together, counts their rows, or answers with the items
themselves would answer another question; it is refused, saying why, rather than given.
"""

from __future__ import annotations

from .constituents import Incomplete, Reading
from .plan import AggregatePlan, Plan, RowsPlan
from .schema import SchemaModel


def check_each_item(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """Refuse a plan that combines the items "each" distributes over (module docstring)."""
    nodes = r.nodes
    for i in range(1, len(nodes)):
        nd = nodes[i]
        if nd.low != "each" or nd.role is not None or nodes[i - 1].role != "filter":
            continue
        named = [f for f in r.filters if f.how in ("value", "named") and not f.negated]
        cols = {f.column for f in named}
        count = sum(len(f.value) if isinstance(f.value, (list, tuple)) else 1 for f in named)
        if len(cols) != 1 or count < 2:
            return
        col = next(iter(cols))
        combined = isinstance(plan, AggregatePlan) and not plan.keys and \
            any(m.agg in ("sum", "count", "mean") for m in plan.measures)
        echoed = isinstance(plan, RowsPlan) and bool(plan.columns) and set(plan.columns) <= {col}
        if combined or echoed:
            what = "adds their values together or counts their rows" if combined else \
                "answers with the items themselves"
            raise Incomplete(f'"each" asks for one answer for each of the {count} items named '
                             f"in {col!r}, but this reading {what}. Ask about one of them at "
                             f"a time.", s.names()[:12])
        return


__all__ = ["check_each_item"]
