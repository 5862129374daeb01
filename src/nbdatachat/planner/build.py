"""Building the plan: a complete :class:`Reading` -> a typed :class:`Plan`.

The intent decides the plan's kind: an analysis tool, a distribution, a scatter of two
measures, rows (listings, "which car has the most horsepower", top-N rows), or an
aggregate (measures, groups, time buckets, shares, argmax). Columns the question named but
no constituent took are read by their type: numbers become measures, categories groups.
"""

from __future__ import annotations

from .all_rows import names_all_rows
from .build_chart import (
    axis_of_count,
    chart_encoding,
    continuous,
    distribution_plan,
    scatter_plan,
    varies,
)
from .change_plan import change_plan
from .constituents import Incomplete, MeasureC, Reading, filters_of
from .fronted_statement import late_question_word
from .lexicon import PLACE_HEADERS, TIME_GRAINS, name_tokens, stem
from .negation import asked_despite_exclusion, fronted_exclusion
from .implied_place import implied_place
from .numbered_repeats import marked_repeats
from .one_row_cell import one_row_cell
from .plan import Filter, Measure, Plan, TimeBucket
from .schema import SchemaModel, blank_markers
from .timewords import auto_grain, time_column
from .wh_columns import named_first, who_column

_COUNT_NAMES = {"count", "n", "freq", "frequency", "cnt", "tally"}


def free_columns(r: Reading, s: SchemaModel) -> tuple[list[str], list[str]]:
    """Columns named but not taken by a constituent: (numeric measures, other columns)."""
    nums: list[str] = []
    dims: list[str] = []
    from .grammar import Parser

    p = Parser(r, s)
    for nd in r.nodes:
        if nd.kind != "col" or nd.role is not None:
            continue
        c = p.column_of(nd, prefer="numeric" if not r.which else None)
        prof = s.col(c)
        nd.role = "column"
        if prof.numeric and prof.role == "measure" and not prof.binary:
            nums.append(c)
        else:
            dims.append(c)
    return list(dict.fromkeys(nums)), list(dict.fromkeys(dims))


def default_agg(r: Reading, s: SchemaModel, col: str) -> str:
    p = s.col(col)
    if r.global_agg and r.global_agg[0] not in ("count", "count_distinct"):
        return r.global_agg[0]
    if r.share:
        return "sum"
    if r.superlative and r.superlative_word in ("most", "least", "fewest"):
        return "sum"
    return "sum" if p.additive else "mean"


def to_measures(r: Reading, s: SchemaModel, extra: list[str]) -> list[Measure]:
    out: list[Measure] = []
    cols = list(r.measures) + [MeasureC(c, []) for c in extra]
    for mc in cols:
        if mc.column is None:
            continue
        aggs = mc.aggs or ([r.global_agg] if r.global_agg else [])
        if not aggs:
            aggs = [(default_agg(r, s, mc.column), None)]
        for agg, q in aggs:
            if agg == "count":
                out.append(Measure("count"))
                continue
            m = Measure(agg, mc.column, q if agg == "quantile" else None, over=mc.over,
                        percent=mc.percent)
            if all(x.alias != m.alias for x in out):
                out.append(m)
    return out


def build(r: Reading, s: SchemaModel) -> Plan:
    nums, dims = free_columns(r, s)
    if r.clarify is not None:
        raise Incomplete(r.clarify[0], r.clarify[1], clarify=True)
    if r.tool:
        from .analysis import tool_plan

        plan = tool_plan(r, s, nums, dims)
        if plan is not None:
            return plan
    if r.rowdiff is not None and getattr(r.rowdiff, "kind", "") == "duration":
        from .durations import duration_plan

        return duration_plan(r, s)
    if r.rowdiff is not None:
        from .row_difference import rowdiff_plan

        return rowdiff_plan(r, s)
    if r.same is not None:
        from .same_as import same_plan

        return same_plan(r, s, nums, dims)
    if r.contrast is not None:
        from .contrast import contrast_plan

        return contrast_plan(r, s, default_agg)
    if r.position is not None and r.position.kind == "relative":
        from .relative import relative_plan

        return relative_plan(r, s)
    if r.position is not None and r.position.kind == "longest_run_value":
        from .run_values import run_value_plan

        return run_value_plan(r, s)
    if r.position is not None and r.position.kind == "longest_run":
        from .runs import run_plan

        return run_plan(r, s)
    if r.position is not None:
        from .positions import position_plan

        # "how many visitors came to the last fair": a measure read with no aggregate is a cell
        plain = [m.column for m in r.measures if m.column and not m.aggs]
        return position_plan(r, s, nums + [c for c in plain if c not in nums], dims)
    if r.change and not (r.over_time or r.grain):
        return change_plan(r, s, nums, default_agg)
    filters = filters_of(r)
    groups = list(r.groups)
    # "gold medals": a column named together with one of its values is that value's noun
    valued = {f.column for f in r.filters if f.op in ("=", "in") or f.op in ("!=", "not in")
              } - asked_despite_exclusion(r)  # "which year other than 1990": the year asked
    dims = [d for d in dims if d not in valued]
    counted = [c for c in r.counted if c] + [m.column for m in r.measures if m.column and
                                 not s.col(m.column).numeric and
                                 all(a in ("sum", "count") for a, _ in m.aggs or [("sum", 0)])]
    if counted:
        r.measures = [m for m in r.measures if m.column not in counted]
        r.count = True
    ranking = r.limit or r.superlative or r.mode or r.sort
    if r.which_col is not None:
        if ranking or r.count or r.share:
            groups.insert(0, r.which_col)
        else:
            dims.insert(0, r.which_col)
    # a numeric measure after "by" in a ranking is what to rank by ("top 5 countries by
    # population"), not a group
    for g in list(groups):
        if g == r.which_col:
            continue
        p = s.col(g)
        if p.numeric and p.role == "measure" and ranking and not p.binary:
            groups.remove(g)
            if g not in nums:
                nums.insert(0, g)
    if r.chart.x and r.chart.x not in nums + dims:
        (nums if s.col(r.chart.x).numeric and s.col(r.chart.x).role == "measure"
         else dims).append(r.chart.x)
    axis = r.chart.x if r.chart.x in nums else next(
        (c for c in nums if r.count and axis_of_count(r, c)), None)
    if axis is not None and r.count and axis not in groups and \
            not any(m.column == axis and m.aggs for m in r.measures):
        # "x axis cylinders, y axis count", "count of vans vs weight": the count is per
        # value on the x axis
        nums.remove(axis)
        groups.insert(0, axis)
        r.measures = [m for m in r.measures if m.column != axis]
    if r.chart.y and r.chart.y not in nums + dims and not any(
            m.column == r.chart.y for m in r.measures):
        nums.append(r.chart.y)
    if r.sort_by and r.sort_by not in nums and not any(m.column == r.sort_by
                                                       for m in r.measures):
        nums.append(r.sort_by)
    compare = any(nd.low in ("compare", "compared", "comparing", "comparison", "vs",
                             "versus") for nd in r.nodes)
    if compare and not groups:
        two = next((f for f in filters if f.op == "in" or (
            f.op == "between" and s.col(f.column).year_like)), None)
        if two is not None:
            groups = [two.column]  # "compare yield between 1931 and 1932": one row each
    bar_pair = r.chart.kind in ("bar", "line") and len(nums) + len(r.measures) == 2
    if varies(r, nums) and not r.superlative and not r.limit:
        # "how does mpg vary with the number of cylinders (by origin)": the mean of the
        # measure per value of the few-valued one; two continuous ones are a scatter
        named = [m.column for m in r.measures if m.column] + nums
        discrete = [c for c in named if s.col(c).kind == "integer" and
                    s.col(c).n_distinct <= 12]
        if len(discrete) == 1:
            groups = discrete + [g for g in groups if g not in discrete]
            nums = [c for c in nums if c not in discrete]
            r.measures = [m for m in r.measures if m.column not in discrete]
            if not r.measures and not nums:
                raise Incomplete("nothing")
    if not groups and (any(m.aggs for m in r.measures) or bar_pair) and not r.superlative \
            and not r.limit:
        discrete = [c for c in nums if s.col(c).kind == "integer" and s.col(c).n_distinct <= 12
                    and all(m.column != c for m in r.measures)]
        if len(discrete) == 1:
            groups = discrete  # "floors average rent": the few values of floors
            nums = [c for c in nums if c not in discrete]
    tb, groups = _time(r, s, groups)
    measures_named = bool(r.measures or nums)
    if r.count and not measures_named and not tb and len(groups) == 1 and not ranking and \
            continuous(s, groups[0], binned=bool(r.chart.bin or r.chart.bins)):
        r.distribution = True  # "count by height": rows per height range, a histogram
    if r.distribution:
        return distribution_plan(r, s, nums, dims, groups, filters)
    scatter = scatter_plan(r, s, nums, groups, tb, filters)
    if scatter is not None:
        return scatter
    rows = _rows(r, s, nums, dims, groups, tb, filters)
    if rows is not None:
        return rows
    lookup = _lookup(r, s, nums, dims, groups, tb, filters)
    if lookup is not None:
        return lookup
    leftover = [d for d in dims if d not in groups and s.col(d).role != "id"]
    chart_request = r.chart.kind is not None or any(nd.has("chart_word") for nd in r.nodes)
    if len(leftover) == 1 and (r.count or counted) and not nums and not r.measures and \
            not groups and not tb and chart_request and axis_of_count(r, leftover[0]):
        groups, leftover = list(leftover), []  # "plot count vs district": rows per district
    if len(leftover) == 1 and chart_request and not (nums or r.measures or groups or tb or
                                                     r.count or counted or r.global_agg):
        groups, leftover = list(leftover), []  # "plot origin": the rows per origin
        r.count = True
    if leftover and (r.count or counted) and not nums and not r.measures:
        # "how many pilots are from Peru": the column names what is counted
        c = leftover[0]
        p = s.col(c)
        if p.n_distinct < s.n_rows and not p.numeric and (groups or tb):
            leftover = []
        elif p.n_distinct < 0.9 * s.n_rows:
            r.measures = [MeasureC(c, [("count_distinct", None)])]
            leftover = []
        else:
            leftover = []
    if len(leftover) == 1 and not groups and not tb and chart_request and \
            any(m.aggs for m in r.measures) and \
            s.col(leftover[0]).role in ("time", "dimension"):
        # "plot year by average rent", "year vs. average rent in a line chart": the
        # time or category column beside an aggregated measure is the chart's axis
        groups, leftover = list(leftover), []
    if len(leftover) == 1 and names_all_rows(r, s, leftover[0]):
        leftover = []  # "the households of all the parishes combined"
    if leftover and not groups and not tb:
        if not (r.superlative or r.mode or r.limit or r.share or r.sort):
            raise Incomplete(f"I could not tell what {leftover[0]!r} does in the question: "
                             f"say how to use it, e.g. 'by {leftover[0]}'.",
                             s.names()[:12])
    groups += leftover
    measures = to_measures(r, s, nums)
    if not measures and r.superlative_column is not None and groups and \
            not (r.count or counted or r.mode or r.global_agg):
        # "which team had the tallest player": the team of the tallest row, i.e. the team
        # with the highest maximum height (the lowest minimum for "shortest")
        measures = [Measure("max" if r.superlative != "lo" else "min", r.superlative_column)]
    if not measures:
        if r.global_agg and r.global_agg[0] == "sum" and (r.count or counted):
            r.global_agg = None  # "how many ... in total": a count
        if r.global_agg and r.global_agg[0] not in ("count", "count_distinct"):
            opts = [c for c in s.measures][:12]
            raise Incomplete(f"{_agg_word(r.global_agg[0]).capitalize()} of which column?",
                             opts, clarify=True)
        weight = s.weight_column
        if weight is not None and not {stem(t) for t in name_tokens(weight)} <= _COUNT_NAMES:
            weight = None  # a "Total" column is not a count of rows
        counting = r.count or r.share or counted or r.superlative or r.mode
        measures = [Measure("sum", weight)] if weight and counting else [Measure("count")]
    if not (measures_named or filters or groups or tb or r.count or r.rows or r.distinct
            or r.share or r.entity):
        raise Incomplete("nothing")
    part: list[Filter] = []
    if r.share and not (groups or tb) and filters:
        base = [f for f in filters if s.col(f.column).role == "time"]
        part = [f for f in filters if f not in base] or filters
        filters = [f for f in filters if f not in part]
    for extra in (r.chart.color, r.chart.facet):
        if extra and extra not in groups:
            groups.append(extra)  # "count by cylinders colored by origin": a second key
    drawn = any(c and c in groups for c in (r.chart.color, r.chart.facet)) or (
        r.chart.stacked and len(groups) + bool(tb) >= 2)
    trend = r.over_time or r.grain
    plan = Plan(kind="aggregate", measures=measures, group_by=groups, time_bucket=tb,
                filters=filters, logic=r.logic, limit=r.limit, share=r.share, part=part,
                chart=r.chart.kind or ("line" if trend else None),
                encoding=chart_encoding(r) if drawn else None)
    keyed = bool(groups or tb)
    if not keyed:
        _count_of_things(r, s, plan)
    if (cell := _check_counts(r, s, plan, keyed, bool(r.counted))) is not None:
        return cell  # "the total <text column> of <one row>": that row's cell
    if keyed and r.superlative and r.groups_each and not (r.mode or r.limit or counted or
                                                          r.count or tb) and \
            any(s.col(g).n_distinct < 0.9 * s.n_rows for g in groups):
        # (a group per row, as in "list each club with the most ties", is not a grouping)
        _highest_in_each_group(r, plan)
    elif keyed and (r.superlative or r.mode or r.limit):
        if r.mode:  # "the most common venue": "N/A" is not a venue
            plan.filters += [Filter(g, "not in", blank) for g in groups
                             if (blank := blank_markers(s.col(g)))]
        plan.order_by = measures[0].alias
        plan.descending = (r.superlative or r.limit_dir or "hi") != "lo"
        if r.limit_dir == "lo":
            plan.descending = False
        plan.argmax = not r.limit
    elif keyed and r.sort:
        plan.order_by = measures[0].alias
        plan.descending = r.sort != "asc"
    elif not keyed and r.superlative and not measures[0].column is None and \
            not any(m.agg in ("max", "min") for m in measures) and not r.measures:
        plan.measures = [Measure("max" if r.superlative == "hi" else "min", m.column)
                         for m in measures if m.column]
    return plan


def _highest_in_each_group(r: Reading, plan: Plan) -> None:
    """"the heaviest weight in each market": the highest value within every group, not the
    group whose average is highest. With an aggregation named ("the highest *average*
    weight per market") the groups are ranked as usual; a row asked for in every group
    ("which model is the heaviest in each market") is not read yet."""
    if any(m.aggs for m in r.measures):
        plan.order_by = plan.measures[0].alias
        plan.descending = r.superlative != "lo"
        plan.argmax = True
        return
    if r.which or r.rows or r.entity or len(plan.measures) != 1 or \
            plan.measures[0].column is None or len(plan.group_by) != 1:
        raise Incomplete(f'"{r.superlative_word}" in each group asks for one row per group, '
                         f"which I cannot read yet; ask for the {r.superlative_word} value "
                         f"per group, or rank the groups (\"which group has the "
                         f"{r.superlative_word} average ...\").")
    agg = "max" if r.superlative != "lo" else "min"
    plan.measures = [Measure(agg, plan.measures[0].column)]


_WH = ("what", "which", "who", "whom", "whose", "when", "where", "name", "list", "give",
       "tell", "show")


def _lookup(r: Reading, s: SchemaModel, nums, dims, groups, tb, filters) -> Plan | None:
    """"what is the <column> of <value>", "who directed <value>", "when did <value> ...":
    the cells of the rows the values pick, not a group-by of the asked column."""
    first = next((nd.low for nd in r.nodes[fronted_exclusion(r.nodes):]
                  if nd.low not in ("please", "and", "so")), "")
    if first not in _WH and first.split()[0] not in _WH:
        first = late_question_word(r) or ""  # "X joined Y, but what was her position"
        if not first:
            return None
    if groups or tb or r.count or r.share or r.global_agg or r.superlative or r.limit or \
            r.distribution or any(m.aggs for m in r.measures) or not filters:
        return None
    asked = [d for d in dims if all(f.column != d or d in asked_despite_exclusion(r) and
                                    f.op in ("!=", "not in") for f in filters)]
    if not asked and first in ("who", "whom", "whose") and not nums:
        label = who_column(r, s, s.label_column())
        if label is None or any(f.column == label for f in filters):
            return None
        asked = [label]  # "who won in 2014": the row's name
    if not asked or nums:
        return None
    return Plan(kind="lookup", columns=asked, filters=filters, logic=r.logic,
                chart=r.chart.kind)


def _count_of_things(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"how many clubs won at least 3 trophies total": the clubs with Total >= 3 are
    counted, not their Totals added up. The column summed is the one the comparison reads,
    and the noun after "how many" is the rows (a column of names or a noun the data does
    not hold), not that column."""
    if len(plan.measures) != 1 or plan.measures[0].agg != "sum":
        return
    col = plan.measures[0].column
    if col is None or not any(f.column == col and f.op in (">", ">=", "<", "<=", "between")
                              for f in plan.filters):
        return
    nodes = [n for n in r.nodes if n.low not in ("the", "different")]
    k = next((i for i, n in enumerate(nodes) if n.low == "how many"), None)
    if k is None:
        k = next((i for i, n in enumerate(nodes[:-1]) if n.low == "how" and
                  nodes[i + 1].low == "many"), None)
        k = None if k is None else k + 1
    if k is None or k + 1 >= len(nodes):
        return
    noun = nodes[k + 1]
    if {stem(noun.low)} & {stem(t) for t in name_tokens(col)}:
        return  # "how many points ... in total": the column itself
    rows_noun = (noun.kind == "col" and all(not s.col(c).numeric for c in noun.columns)) or \
        (noun.kind == "word" and noun.role in (None, "ignored", "entity") and not noun.tags
         and noun.low.endswith("s"))
    if rows_noun:
        plan.measures = [Measure("count")]


def _check_counts(r: Reading, s: SchemaModel, plan: Plan, keyed: bool,
                  counted: bool) -> Plan | None:
    """Counts that would answer another question: rows picked by a value that names a
    single row ("how many titles did <a player> win" is not 1), and "the highest" of
    nothing but a count of rows."""
    if [m.agg for m in plan.measures] != ["count"]:
        return
    if not keyed and s.n_rows >= 5:
        named = {f.column for f in r.filters if f.how == "named"}  # "week 3", "game 8"
        marked_repeats(s, plan)  # "Ann Lee" counts "Ann Lee (2)" and "Ann Lee (3)" too
        for f in plan.filters:
            p = s.col(f.column)
            if f.op == "=" and (not p.numeric or f.column in named) and p.role != "time" and \
                    p.n_distinct >= 0.9 * s.n_rows and not isinstance(f.value, dict) and \
                    not {stem(t) for t in name_tokens(f.column)} & PLACE_HEADERS:  # "1st" places
                if (cell := one_row_cell(r, s, plan, f.column)) is not None:
                    return cell  # that row's cell, or the items listed in it
                raise Incomplete(f"{f.value!r} names a single row of {f.column!r}, so "
                                 f"counting rows would say 1. Ask for one of its values "
                                 f"instead. Columns: {', '.join(s.names()[:15])}.",
                                 s.names()[:12])
    if keyed and r.superlative and not (r.mode or counted or r.entity or r.count or
                                        r.superlative_word in ("most", "least", "fewest")
                                        and r.count):
        return implied_place(r, s, plan)  # else "<superlative> of what?"
    return None


def _time(r: Reading, s: SchemaModel, groups: list[str]):
    tb = None
    time_groups = [g for g in groups if s.col(g).role == "time" and
                   s.col(g).kind in ("date", "datetime")]
    if r.over_time or r.grain or time_groups:
        tc = time_groups[0] if time_groups else time_column(s)
        if tc is None:
            raise Incomplete("This data has no date or year column, so there is no trend "
                             "over time to show. Columns: " + ", ".join(s.names()[:20]) + ".",
                             s.names()[:12])
        p = s.col(tc)
        groups = [g for g in groups if g != tc]
        if p.year_like or p.numeric:  # years, or a "Year" column of two-digit years
            if r.grain not in (None, "year"):
                raise Incomplete(f"{tc!r} holds years, so it cannot be split by {r.grain}.")
            groups.insert(0, tc)
        else:
            tb = TimeBucket(tc, r.grain or auto_grain(s, tc))
    return tb, groups


def _rows(r, s, nums, dims, groups, tb, filters) -> Plan | None:
    agg_words = bool(r.global_agg) or any(m.aggs for m in r.measures)
    if groups or tb or r.count or r.share or agg_words:
        return None
    measures = [m.column for m in r.measures if m.column] + nums
    label = who_column(r, s, s.label_column())
    tc = time_column(s)
    if tc is not None and not dims and any(w.lower() in TIME_GRAINS for w in r.entity):
        dims = [tc]  # "which day was the warmest": the date names the row
    if r.which and r.entity and not dims and label is None and r.which_col is None:
        raise Incomplete(f"No column names the {r.entity[0]}, so I cannot say which one. "
                         f"Columns: {', '.join(s.names()[:15])}.", s.names()[:12])
    entity_rows = (r.which and not dims and (r.entity or label)) or \
        (r.superlative_column is not None and bool(r.entity or dims) and not r.measures)
    first = next((nd.low for nd in r.nodes if nd.low not in ("please", "can", "you", "could",
                                                            "would")), "")
    shows = first in ("show", "list", "display", "give", "find", "get", "show me", "give me",
                      "name", "which", "who")
    listing = r.listing or r.rows or (r.which and dims and label in dims) or \
        (shows and bool(r.entity) and bool(filters))
    if not (listing or entity_rows or (r.limit and measures) or
            (r.superlative and r.which and measures)):
        return None
    order = r.sort_by or (measures[0] if measures else None)
    if order is None and r.superlative_column:
        order = r.superlative_column
    desc = (r.superlative or r.limit_dir or "hi") != "lo"
    if r.sort == "asc":
        desc = False
    limit = r.limit or (1 if (r.superlative and order) else 100)
    cols: list[str] = []
    if label is not None and (filters or order):
        cols = list(dict.fromkeys([label, *dims, *(f.column for f in filters),
                                   *measures, *([order] if order else [])]))
    elif dims:
        cols = list(dict.fromkeys([*dims, *measures, *([order] if order else [])]))
    asked = named_first(r)
    if asked in dims and asked != label:  # "who was the rival in the match with ...": it
        cols = [asked] + [c for c in cols if c != asked]
    if not cols and order is None and not filters and not r.rows:
        return None
    return Plan(kind="rows", columns=cols, filters=filters, logic=r.logic,
                order_by=order if (r.superlative or r.limit or r.sort) else None,
                descending=desc, limit=limit, chart=r.chart.kind)


def _agg_word(agg: str) -> str:
    return {"mean": "average", "sum": "total", "max": "maximum", "min": "minimum",
            "std": "standard deviation", "var": "variance", "quantile": "percentile"}.get(
        agg, agg)


__all__ = ["build", "default_agg", "free_columns", "to_measures"]
