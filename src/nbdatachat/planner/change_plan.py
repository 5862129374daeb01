"""Changes between two points of time (issue 12, capability 4): "how much did X grow from
1952 to 2007", "the percent change in sales from 2020 to 2023" -> a :class:`ChangePlan` of the
measure at each end, its difference or percent change, per group when grouped."""

from __future__ import annotations

from .constituents import Incomplete, Reading, filters_of
from .plan import Measure, Plan
from .schema import SchemaModel


def change_plan(r: Reading, s: SchemaModel, nums: list[str], default_agg) -> Plan:
    """"how much did X grow from 1952 to 2007": the value at each end and the change.
    ``default_agg(r, s, column)`` is the reader's aggregation of a column named alone."""
    span = next((f for f in r.filters if f.how in ("range", "time") and
                 isinstance(f.value, list) and f.op in ("between", "year")), None)
    cols = [m.column for m in r.measures if m.column] + nums
    if span is None or not cols:
        if any(nd.low in ("difference", "differences") for nd in r.nodes):
            raise Incomplete("That asks for a difference, but I could not tell of which two "
                             "values; name the column and the two rows or times, e.g. 'the "
                             "difference in sales between A and B'.")
        raise Incomplete("That asks for a change between two points; say which column and "
                         "the two times, e.g. 'how much did sales grow from 2020 to 2023'.")
    col = cols[0]
    aggs = next((m.aggs for m in r.measures if m.column == col and m.aggs), None)
    agg = aggs[0][0] if aggs else default_agg(r, s, col)
    pct = r.share or any(nd.low in ("percent", "percentage", "%", "rate") for nd in r.nodes)
    rest = [f for f in filters_of(r) if not (f.column == span.column and f.op == span.op)]
    grain = "year" if s.col(span.column).kind in ("date", "datetime") else "raw"
    return Plan(kind="change", measure=Measure(agg, col), time=span.column, grain=grain,
                start=span.value[0], end=span.value[1],
                output="percent" if pct else "difference", filters=rest, logic=r.logic,
                group_by=list(r.groups), chart=r.chart.kind)


__all__ = ["change_plan"]
