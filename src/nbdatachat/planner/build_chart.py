"""The chart readings of a question, for :func:`nbdatachat.planner.build.build`: the
encoding the question asked for (x, y, colour, facet, bins, stacking), the distribution of a
measure (a histogram, or the scatter of two measures), and the scatter of two measures named
against each other ("mpg vs weight", "how does y vary with x").

Kept apart from ``build`` because these rules decide how a chart is drawn, not what is
computed: a chart engineer works here without touching the reading of aggregates."""

from __future__ import annotations

from dataclasses import fields

from .constituents import Incomplete, Reading
from .plan import Encoding, Measure, Plan
from .schema import SchemaModel


def chart_encoding(r: Reading) -> Encoding | None:
    said = {f.name: getattr(r.chart, f.name) for f in fields(Encoding)}
    return Encoding(**said) if any(said.values()) else None


#: Verbs of a relation between two measures ("how does mpg vary with weight").
_VARY = {"vary", "varies", "varied", "varying"}


def varies(r: Reading, nums: list[str]) -> bool:
    """Two measures named without an aggregation, joined by "vary (with / by)"."""
    named = {m.column for m in r.measures if m.column} | set(nums)
    return len(named) == 2 and not r.global_agg and not any(m.aggs for m in r.measures) \
        and any(nd.low in _VARY for nd in r.nodes)


def axis_of_count(r: Reading, col: str) -> bool:
    """In a chart of a count, the column on the x axis or across "vs"/"against"/"to"
    from the count ("count vs district", "chart count to region") is what the count is per,
    not what is counted."""
    if r.chart.x == col:
        return True
    for i, nd in enumerate(r.nodes):
        if nd.kind == "col" and col in nd.columns and i > 0 and \
                r.nodes[i - 1].low in ("vs", "versus", "against", "to", "v"):
            return any(n.has("count") for n in r.nodes[:i - 1])
    return False


def names_rows(s: SchemaModel, col: str) -> bool:
    """A column with (nearly) one value per row: it names the points, it groups nothing."""
    return s.col(col).n_distinct > 0.5 * s.n_rows


def continuous(s: SchemaModel, col: str, binned: bool) -> bool:
    """A measure with too many distinct values to count one by one (or asked in bins)."""
    p = s.col(col)
    return p.numeric and p.role == "measure" and not p.binary and (
        binned or p.n_distinct > 30)


def distribution_plan(r, s, nums, dims, groups, filters) -> Plan:
    cols = [m.column for m in r.measures if m.column and s.col(m.column).numeric] + nums
    # "histogram of homes by area": a numeric column after "by" is the one binned
    binned = [g for g in groups if s.col(g).numeric and s.col(g).role == "measure"]
    cols += binned
    groups = [g for g in groups if g not in binned]
    if r.chart.x and s.col(r.chart.x).numeric:
        cols.insert(0, r.chart.x)
    facet = r.chart.facet
    color = r.chart.color or next((g for g in groups if g != facet), None) or \
        next((d for d in dims if s.col(d).role == "dimension" and d != facet), None)
    cont = [c for c in dict.fromkeys(cols) if continuous(s, c, False)]
    if len(cont) >= 2 and r.chart.kind not in ("histogram", "box"):
        # "the distribution of acceleration vs horsepower", "mpg distribution by weight":
        # the joint distribution of two measures is their scatter
        x, y = cont[1], cont[0]
        color = r.chart.color or (None if facet else next(
            (g for g in groups if not s.col(g).numeric and not names_rows(s, g)), None))
        r.chart.x, r.chart.y, r.chart.color = x, y, color
        cols = list(dict.fromkeys([x, y] + [c for c in (color, facet) if c]))
        return Plan(kind="rows", columns=cols, filters=filters, logic=r.logic,
                    chart="scatter", limit=5000, encoding=chart_encoding(r))
    if cols:
        r.chart.x, r.chart.color = cols[0], color
        keys = list(dict.fromkeys(k for k in (color, facet) if k))
        return Plan(kind="distribution", columns=cols[:1], group_by=keys,
                    filters=filters, logic=r.logic, chart=r.chart.kind or "histogram",
                    encoding=chart_encoding(r))
    keys = groups or [d for d in dims if s.col(d).role != "id"]
    if keys:
        return Plan(kind="aggregate", measures=[Measure("count")], group_by=keys[:2],
                    filters=filters, logic=r.logic, chart=r.chart.kind if r.chart.kind
                    not in ("histogram",) else "bar")
    raise Incomplete("The distribution of which column?", s.measures[:12], clarify=True)


def scatter_plan(r, s, nums, groups, tb, filters) -> Plan | None:
    named = [m.column for m in r.measures if m.column and not m.aggs] + nums
    if r.chart.kind == "scatter" or (r.chart.x and r.chart.y):
        named += [g for g in groups if s.col(g).numeric]  # "price by units": an axis
    named = list(dict.fromkeys(named))
    if r.chart.x and r.chart.x in named:
        named.remove(r.chart.x)
        named.insert(0, r.chart.x)
    agg = any(m.aggs for m in r.measures) or r.global_agg
    if r.chart.kind in ("bar", "line") and len(named) == 2 and not agg:
        discrete = [c for c in named if s.col(c).kind == "integer" and s.col(c).n_distinct <= 30]
        if len(discrete) == 1:  # "bar chart of mpg vs cylinders": mean mpg per cylinders
            return None
    want = r.chart.kind == "scatter" or (r.tool == "correlation" and len(named) >= 2) or \
        (r.chart.x is not None and r.chart.y is not None and not agg)
    pair = len(named) >= 2 and not agg and not tb and not r.count and (
        any(nd.low in ("vs", "versus", "against") for nd in r.nodes) or varies(r, named))
    if not (want or pair) or len(named) < 2:
        return None
    x, y = named[0], named[1]
    if r.chart.y:
        y = r.chart.y
        x = r.chart.x or next(c for c in named if c != y)
    elif not r.chart.x and any(nd.low in ("vs", "versus", "against", "by") or nd.low in _VARY
                               for nd in r.nodes):
        x, y = y, x  # "y vs x", "how does y vary with x"
    color, facet = r.chart.color, r.chart.facet
    if facet is not None and names_rows(s, facet):
        facet = r.chart.facet = None  # "separated by individual models": one point each
    if color is None and facet is None:
        color = next((g for g in groups if not s.col(g).numeric and not names_rows(s, g)),
                     None)  # "... per origin"; "for each model" is each point
    cols = list(dict.fromkeys([x, y] + [c for c in (color, facet) if c and c not in (x, y)]))
    r.chart.x, r.chart.y, r.chart.color = x, y, color
    return Plan(kind="rows", columns=cols, filters=filters, logic=r.logic, chart="scatter",
                limit=5000, encoding=chart_encoding(r))
