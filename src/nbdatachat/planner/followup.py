"""Follow-ups, recognised by their form.

A question continues the previous plan when it says so ("what about", "and for", "same for",
"only", "now", "instead", "too"), points back with a pronoun ("show it as a pie chart"), or is
a fragment that cannot stand alone (no measure, no intent: "only for 2007", "top 10",
"as a line chart", "and Germany?"). A complete question starts a new plan: nothing of the
old plan leaks into it.
"""

from __future__ import annotations

from dataclasses import replace

from .build import to_measures
from .constituents import Reading, filters_of
from .plan import Encoding, Measure, Plan
from .schema import SchemaModel


def is_followup(r: Reading, s: SchemaModel) -> bool:
    if r.followup or r.followup_marker or r.pronoun or _directs_chart(r):
        return True
    complete = bool(r.measures or r.tool or r.count or r.distribution or r.global_agg or
                    r.which or r.listing or r.rows or r.share or r.mode or r.over_time or
                    r.superlative or r.entity)
    if complete:
        return False
    named = any(nd.kind == "col" for nd in r.nodes)
    return r.followup_weak or not named or all(
        nd.role == "group" for nd in r.nodes if nd.kind == "col")


def _directs_chart(r: Reading) -> bool:
    """Only chart directives ("color by district", "facet it by district", "stacked"): a change
    to the previous chart."""
    c = r.chart
    return bool(c.color or c.facet or c.stacked or c.bin or c.bins) and all(
        nd.role in ("chart", "followup") for nd in r.nodes if nd.kind == "col")


def _scatter_of_pair(prev: Plan, r: Reading) -> Plan | None:
    """"color the points by origin" after the correlation of two columns: their scatter,
    coloured or split as asked (the tool's own chart has no colour)."""
    c = r.chart
    tool = getattr(prev, "tool", None)
    if prev.kind != "tool" or tool is None or tool.name != "correlation" or \
            not (c.color or c.facet) or not _directs_chart(r):
        return None
    pair = list(tool.args.get("features") or [])
    if len(pair) != 2 or tool.args.get("target"):
        return None
    extra = [col for col in (c.color, c.facet) if col and col not in pair]
    return Plan(kind="rows", columns=[*pair, *extra], filters=list(prev.filters),
                logic=prev.logic, chart="scatter", limit=5000,
                encoding=Encoding(x=pair[0], y=pair[1], color=c.color, facet=c.facet))


def _chart_changes(base: Plan, r: Reading, s: SchemaModel) -> None:
    """Colour, panels, stacking and bin width of a follow-up, onto the previous plan: the
    column becomes a key of an aggregate, a column of a scatter's rows, a group of a
    distribution; a tool's result has no such chart and keeps its own."""
    c = r.chart
    if not (c.color or c.facet or c.stacked or c.bin or c.bins) or base.kind == "tool":
        return
    enc = replace(base.encoding) if base.encoding is not None else Encoding()
    for role in ("color", "facet"):
        col = getattr(c, role)
        if not col:
            continue
        setattr(enc, role, col)
        other = "facet" if role == "color" else "color"
        if getattr(enc, other) == col:
            setattr(enc, other, None)
        if base.kind == "rows" and col not in base.columns:
            base.columns = [*base.columns, col]
        elif base.kind in ("aggregate", "distribution") and col not in base.group_by:
            base.group_by = [*base.group_by, col]
    enc.stacked = enc.stacked or c.stacked
    enc.bin = c.bin or (None if c.bins else enc.bin)
    enc.bins = c.bins or (None if c.bin else enc.bins)
    base.encoding = enc


def merge(prev: Plan, r: Reading, s: SchemaModel, new: Plan | None) -> Plan:
    """Apply the follow-up's constituents to ``prev`` (a copy)."""
    base = prev.copy()
    if new is not None and new.kind != "aggregate" and new.kind != prev.kind and (
            getattr(new, "columns", None) or getattr(new, "tool", None)):
        return new
    scatter = _scatter_of_pair(prev, r)
    if scatter is not None:
        return scatter
    if prev.kind != "aggregate":
        # a rows / tool / distribution ... plan: a follow-up changes its filters and chart
        for f in filters_of(r):
            base.filters = [g for g in base.filters if g.column != f.column] + [f]
        if r.chart.kind:
            base.chart = r.chart.kind
        if r.limit and hasattr(base, "limit"):
            base.limit = r.limit
        _chart_changes(base, r, s)
        return base
    nums = [nd.item.columns()[0] for nd in r.nodes if nd.kind == "col" and
            nd.role == "column" and s.col(nd.item.columns()[0]).numeric and
            s.col(nd.item.columns()[0]).role == "measure"]
    if r.measures or nums:
        base.measures = to_measures(r, s, nums) or base.measures
    elif r.global_agg:
        agg, q = r.global_agg
        base.measures = [Measure("count") if agg == "count" or m.column is None
                         else Measure(agg, m.column, q if agg == "quantile" else None)
                         for m in base.measures or [Measure("count")]]
    if base.order_by and base.measures and base.kind == "aggregate":
        base.order_by = base.measures[0].alias
    add = r.followup_marker and any(nd.low in ("too", "as well", "also") for nd in r.nodes)
    if new is not None and (new.group_by or new.time_bucket):
        if add:
            base.group_by += [g for g in new.group_by if g not in base.group_by]
            base.time_bucket = new.time_bucket or base.time_bucket
        else:
            base.group_by = list(new.group_by)
            base.time_bucket = new.time_bucket
    new_filters = filters_of(r)
    new_cols = {f.column for f in new_filters}
    base.filters = [f for f in base.filters if not (
        f.op == "=" and f.column in base.group_by and f.column not in new_cols)]
    for f in new_filters:
        base.filters = [g for g in base.filters if g.column != f.column] + [f]
    if r.all_rows and not new_filters:
        base.filters = []
    if r.limit:
        base.limit = r.limit
        if r.limit_dir:
            base.descending = r.limit_dir != "lo"
        if not base.order_by and base.measures:
            base.order_by = base.measures[0].alias
    elif r.superlative and base.keys:
        base.order_by = base.measures[0].alias if base.measures else None
        base.descending = r.superlative != "lo"
        base.argmax = True
    if r.chart.kind:
        base.chart = r.chart.kind
    if r.share:
        base.share = True
    _chart_changes(base, r, s)
    return base


__all__ = ["is_followup", "merge"]
