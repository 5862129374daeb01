"""Analysis requests -> tool calls: regression, difference tests, correlation, clustering,
forecasts.

The roles come from the question's structure: "does X predict Y" / "what drives Y" /
"effect of X on Y" / "predict Y from X"; "is Y different between A and B" (two values of a
category: a t-test; a category: ANOVA); two numeric columns correlated, two categories
(chi-square). A tool word whose columns the data does not have is refused by the coverage
check before this runs ("does the weather predict the tip" names no weather column).
"""

from __future__ import annotations

import math

from .constituents import Incomplete, Reading, filters_of
from .plan import Plan, Series, ToolCall
from .schema import SchemaModel
from .timewords import native_grain, time_column

_GRAIN_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44, "quarter": 91.31,
               "year": 365.25, "raw": 365.25}


def tool_plan(r: Reading, s: SchemaModel, nums: list[str], dims: list[str]) -> Plan | None:
    named = [m.column for m in r.measures if m.column] + nums
    named = list(dict.fromkeys(named))
    cats = [c for c in dims if s.col(c).role != "time"] + [g for g in r.groups]
    cats = list(dict.fromkeys(cats))
    if r.tool == "forecast":
        return _forecast(r, s, named)
    if r.tool == "cluster":
        k = next((int(v) for v in r.numbers if 2 <= v <= 50 and float(v).is_integer()), None)
        feats = named or s.measures[:10]
        if not feats:
            raise Incomplete("Clustering needs numeric columns, and this data has none.")
        args = {"features": feats}
        if k:
            args["n_clusters"] = k
        return _tool(r, "kmeans", args)
    if r.tool == "correlation":
        vals = [f.column for f in r.filters if f.op in ("=", "in")]
        if len(cats) >= 2 or (len(cats) == 1 and not named and vals):
            pair = list(dict.fromkeys(cats + vals))[:2]
            if len(pair) == 2:
                # A filter on one of the pair names a level of the variable being tested
                # ("smokers"), not a subset: it is dropped. Any other filter ("for dinner")
                # selects the rows tested, as for every other tool.
                kept = [f for f in filters_of(r) if f.column not in pair]
                if r.logic == "or" and kept and len(kept) < len(filters_of(r)):
                    raise Incomplete("The conditions joined by 'or' mix the two variables "
                                     "tested with other columns; say which rows to test.")
                return _tool(r, "chi_square", {"features": pair}, filters=kept)
        shows = any(nd.has("instr", "chart_word", "chart") and nd.low in (
            "show", "show me", "plot", "draw", "visualize", "visualise", "graph", "chart",
            "scatter", "scatterplot", "plots", "charts", "graphs") for nd in r.nodes)
        if r.chart.kind == "scatter" or (len(named) == 2 and (
                r.chart.color or r.chart.facet or shows or r.groups)):
            return None  # a chart of the relationship was asked for
        if len(named) >= 2:
            return _tool(r, "correlation", {"features": named})
        if len(named) == 1 and cats:
            return _difference(r, s, named[0], cats[0])
        if len(named) == 1:
            others = [c for c in s.measures if c != named[0]][:20]
            if not others:
                raise Incomplete(f"{named[0]!r} is the only numeric column; there is nothing "
                                 f"to correlate it with.")
            return _tool(r, "correlation", {"features": [named[0], *others],
                                            "target": named[0]})
        return None
    if r.tool == "difference":
        group = _difference_group(r, named, cats)
        measure = next((c for c in named if c != group), None)
        if measure is None or group is None:
            return None
        used = {group, *(f.column for f in r.filters)}
        unused = [c for c in cats if c not in used]
        if unused:
            # "is the tip different for smokers at dinner" with 'smokers' read as a column:
            # dropping it would test something else than was asked.
            raise Incomplete(f"I compare {measure!r} between the groups of {group!r}, but "
                             f"could not tell what {unused[0]!r} should do in that test: "
                             f"name its value (e.g. '{unused[0]} is ...') or say "
                             f"'by {unused[0]}'.", [group, *unused], clarify=True)
        return _difference(r, s, measure, group)
    if r.tool == "regression":
        return _regression(r, s, named + [c for c in cats if s.col(c).binary])
    return None


def _difference_group(r: Reading, named: list[str], cats: list[str]) -> str | None:
    """The column whose groups a difference test compares.

    An explicit grouping ("by sex") wins, and then every value filter on another column
    stays a filter ("t-test of tip by sex for dinner": dinners only). Without one, the column
    of the values named: two or more of them ("between Thu and Fri"), else one ("for
    smokers": smokers against everyone else); with single values of several columns, the one
    whose column the question also names ("smokers and non-smokers for dinner"). Otherwise
    it is open which is compared and which restricts the rows: ask back rather than guess."""
    explicit = [g for g in r.groups if g not in named]
    if explicit:
        return explicit[0]
    values: dict[str, int] = {}
    for f in r.filters:
        if f.op in ("=", "in"):
            n = len(f.value) if f.op == "in" and isinstance(f.value, (list, tuple)) else 1
            values[f.column] = values.get(f.column, 0) + n
    several = [c for c, n in values.items() if n >= 2]
    if len(several) == 1:
        return several[0]
    candidates = several or list(values)
    if len(candidates) > 1:
        # "smokers and non-smokers for dinner": the column the question names is compared
        named_too = [c for c in candidates if c in cats]
        if len(named_too) == 1:
            return named_too[0]
        raise Incomplete(f"Which groups should I compare: those of {candidates[0]!r} or of "
                         f"{candidates[1]!r}? Say 'by <column>' for the groups; the other "
                         f"values then restrict the rows.", candidates, clarify=True)
    if candidates:
        return candidates[0]
    return cats[0] if cats else None


def _tool(r: Reading, name: str, args: dict, filters: list | None = None) -> Plan:
    """A tool plan over the rows the question's filters select (``filters`` when given)."""
    from .plan_schema import tool_args

    return Plan(kind="tool", tool=ToolCall(name, tool_args(name, args)),
                filters=filters_of(r) if filters is None else filters, logic=r.logic,
                chart=r.chart.kind)


def _difference(r: Reading, s: SchemaModel, measure: str, group: str) -> Plan:
    levels: list = []
    keep = []
    for f in r.filters:
        if f.column == group and f.op == "=":
            levels.append(f.value)
        elif f.column == group and f.op == "in":
            levels.extend(f.value)
        else:
            keep.append(f)
    p = s.col(group)
    if len(levels) == 1:
        levels = []  # "is the tip different for smokers": against everyone else
    n_levels = len(levels) if levels else (len(p.values) if p.values else p.n_distinct)
    args = {"target": measure, "group": group}
    if levels:
        args["groups"] = levels
    r.filters = keep
    return _tool(r, "t_test" if n_levels == 2 else "anova", args)


def _regression(r: Reading, s: SchemaModel, names: list[str]) -> Plan | None:
    if not names:
        return None
    verb_at = r.tool_at
    verb = r.nodes[verb_at].low if 0 <= verb_at < len(r.nodes) else ""
    cols = []
    for i, nd in enumerate(r.nodes):
        if nd.kind == "col" and nd.role in ("column", "measure", "group", "filter"):
            c = nd.item.columns()[0]
            if c in names and c not in [x for _, x in cols]:
                cols.append((i, c))
    before = [c for i, c in cols if i < verb_at]
    after = [c for i, c in cols if i > verb_at]
    lows = [nd.low for nd in r.nodes]
    from_kw = any(w in ("from", "using", "based on", "with", "given", "on") for w in
                  lows[verb_at + 1:])
    if verb.startswith("depend") and before and after:
        target, feats = before[0], after
    elif verb.startswith(("effect", "impact", "influenc")) and "on" in lows[verb_at:] and \
            len(after) >= 2:
        target, feats = after[-1], after[:-1]
    elif verb.startswith("regress") and len(after) >= 2:
        target, feats = after[0], after[1:]
    elif before and after:
        target, feats = after[0], before
    elif after and from_kw and len(after) >= 2:
        target, feats = after[0], after[1:]
    elif after:
        target = after[0]
        feats = [c for c in s.measures if c != target][:10]
    elif before:
        target = before[-1]
        feats = [c for c in s.measures if c != target][:10]
    else:
        return None
    feats = [f for f in dict.fromkeys(feats) if f != target]
    if not feats:
        raise Incomplete(f"There is nothing to explain {target!r} with: name one or more "
                         f"other columns.", s.names()[:12])
    tp = s.col(target)
    name = "linear_regression"
    if tp.binary or (not tp.numeric and tp.values and len(tp.values) == 2):
        name = "logistic_regression"
    elif not tp.numeric:
        raise Incomplete(f"{target!r} is a category with {tp.n_distinct} values; a regression "
                         f"needs a numeric (or yes/no) target.", s.measures[:12])
    return _tool(r, name, {"target": target, "features": feats})


def _forecast(r: Reading, s: SchemaModel, named: list[str]) -> Plan:
    tc = time_column(s)
    if tc is None:
        raise Incomplete("A forecast needs a date or year column, and this data has none.",
                         s.names()[:12])
    target = next((c for c in named if s.col(c).role == "measure"), None)
    if target is None:
        if len(s.measures) == 1:
            target = s.measures[0]
        else:
            raise Incomplete("Which column should I forecast?", s.measures[:12], clarify=True)
    p = s.col(tc)
    grain = "raw" if p.year_like else (r.grain or native_grain(s, tc))
    horizon = None
    unit = None
    if r.horizon is not None:
        count, unit = r.horizon
        if _resample(s, tc, grain, count, unit):
            # "the next 3 months" of daily data: 3 monthly steps; the tool resamples
            horizon = count
        else:
            unit = None
            size = _GRAIN_DAYS[grain]
            count_unit = r.horizon[1] or grain
            horizon = max(1, math.ceil(count * _GRAIN_DAYS[count_unit] / size - 1e-9))
    if horizon is None:
        horizon = {"year": 3, "quarter": 4, "month": 12, "week": 8, "day": 14, "raw": 5,
                   "hour": 24}.get(grain, 6)
    agg = "sum" if s.col(target).additive else "mean"
    if r.global_agg:
        agg = r.global_agg[0]
    for m in r.measures:
        if m.aggs:
            agg = m.aggs[0][0]
    method = r.forecast_method or "arima"

    from .plan_schema import tool_args

    generic = {"target": target, "horizon": horizon}
    if unit is not None:
        generic.update(horizon_unit=unit, aggregate=agg)  # per period: the sum of the days
    args = tool_args(method, generic)
    return Plan(kind="tool", tool=ToolCall(method, args), series=Series(tc, grain, agg),
                filters=filters_of(r), logic=r.logic, chart=r.chart.kind)


#: A horizon that would take more of the data's own steps than this is forecast in the
#: question's unit (the tool resamples), as long as the history holds enough such periods.
MAX_FINE_STEPS = 31
MIN_PERIODS = 8


def _resample(s: SchemaModel, tc: str, grain: str, count: int, unit: str | None) -> bool:
    """Whether "the next ``count`` ``unit``" is forecast in ``unit`` periods rather than
    the data's own steps: the unit is coarser than the data, counting it in data steps would
    make a long, slow forecast of points nobody asked for ("next 3 months" of daily data:
    91 days, issue 14), and the history spans at least :data:`MIN_PERIODS` of them."""
    import pandas as pd

    if unit is None or grain == "raw" or _GRAIN_DAYS[unit] <= _GRAIN_DAYS[grain]:
        return False
    if count * _GRAIN_DAYS[unit] / _GRAIN_DAYS[grain] <= MAX_FINE_STEPS:
        return False
    p = s.col(tc)
    try:
        span = (pd.Timestamp(p.max) - pd.Timestamp(p.min)).days
    except Exception:
        return False
    return span / _GRAIN_DAYS[unit] >= MIN_PERIODS


__all__ = ["tool_plan"]
