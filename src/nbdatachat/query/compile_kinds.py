"""SQL of the plan kinds that answer with particular rows or values (issue 12): lookup,
position (table order), comparison, change, sets, rank and percentile.

Each builder takes the plan and a :class:`~.sqlbuild.Builder` (schema, relation, values) and
returns a SQLGlot query; ``compile.build`` dispatches here by ``plan.kind``. The table's own
row order is the order DuckDB scans it in (``preserve_insertion_order``, DuckDB's default),
numbered by ``ROW_NUMBER() OVER ()``.
"""

from __future__ import annotations

from typing import Any

from ..operations.base import column
from ..planner.plan_kinds import (ChangePlan, ComparisonPlan, LookupPlan, PercentilePlan,
                                  PositionPlan, RankPlan, SetPlan)
from .run_numbers import in_order, pick_values, runs_by_number
from .sqlbuild import Builder, alias, ordered, ratio

POSITION = "row_position"  # the 1-based row number column of position answers (a name
#: unlikely to be a column of the data: DuckDB names are case-insensitive)


def _and(*conds: Any) -> Any:
    from sqlglot import exp

    conds = tuple(c for c in conds if c is not None)
    if not conds:
        return None
    return exp.and_(*conds, copy=False) if len(conds) > 1 else conds[0]


def lookup(plan: LookupPlan, b: Builder) -> Any:
    """The asked columns of the rows the filters select, or of the row(s) holding the
    highest / lowest value of ``by`` (all tied rows)."""
    from sqlglot import exp

    cols = list(dict.fromkeys(plan.columns + ([plan.by] if plan.by else [])))
    q = b.select_from(*[column(c) for c in cols])
    where = b.where(plan.filters, plan.logic)
    if plan.by:
        fn = exp.Max if plan.descending else exp.Min
        best = b.select_from(fn(this=column(plan.by)))
        if where is not None:
            best = best.where(where.copy(), copy=False)
        where = _and(where, column(plan.by).eq(exp.Subquery(this=best)))
    if plan.same and plan.like:
        # the rows sharing the named row's values, the named row(s) left out
        like = b.where(plan.like, "and")
        for c in plan.same:
            # text compared in any case ("Middle blocker" and "Middle Blocker" are one value)
            key = (lambda e: exp.Lower(this=e)) if b._kind(c) == "text" else (lambda e: e)
            theirs = b.select_from(key(column(c))).where(like.copy(), copy=False)
            where = _and(where, exp.In(this=key(column(c)), query=exp.Subquery(this=theirs)))
        where = _and(where, exp.not_(exp.Coalesce(this=like.copy(), expressions=[
            exp.false()]), copy=False))
    if where is not None:
        q = q.where(where, copy=False)
    return q.limit(int(plan.limit), copy=False)


def position(plan: PositionPlan, b: Builder) -> Any:
    from sqlglot import exp

    if plan.run_by and plan.position in ("longest_run", "longest_run_value"):
        return runs_by_number(plan, b)  # consecutive years, not rows
    over = exp.Window(this=exp.RowNumber())
    if plan.order_by:
        key = ordered(column(plan.order_by), plan.descending)
        if plan.position == "last":
            key.set("nulls_first", True)  # a row with no value is never the last by it
        over.set("order", exp.Order(expressions=[key]))
    numbered = b.select_from(exp.Star(), alias(over, POSITION))
    where = b.where(plan.filters, plan.logic)
    counts = plan.position in ("count_before", "count_after")
    if where is not None and not counts:  # a count numbers all rows: the anchor may not
        numbered = numbered.where(where, copy=False)  # hold the conditions counted
    rel = numbered.subquery("numbered")
    pos = column(POSITION)

    def from_numbered(*items: Any) -> Any:
        return exp.select(*items, copy=False).from_(rel.copy(), copy=False)

    out_cols = [column(c) for c in plan.columns] or [exp.Star()]
    p = plan.position
    if p in ("first", "nth"):
        n = 1 if p == "first" else int(plan.n)
        return from_numbered(*out_cols, pos.copy()).where(pos.copy().eq(b.value(n)), copy=False)
    if p == "last":
        last = from_numbered(exp.Max(this=pos.copy()))
        target = exp.Sub(this=exp.Subquery(this=last), expression=b.value(int(plan.n) - 1))
        return from_numbered(*out_cols, pos.copy()).where(pos.copy().eq(target), copy=False)
    if p == "longest_run_value":
        return _run_value(plan, from_numbered, pos)
    if p == "in_order":
        return in_order(plan, from_numbered, pos, b.schema.col(plan.columns[0]).numeric)
    anchor_cond = b.where(plan.anchor, "and")
    if p == "relative":
        # each named row's position and how many rows it names (one each, or no answer)
        other_cond = b.where(plan.other, "and")
        items = []
        for name, cond in (("first", anchor_cond), ("second", other_cond)):
            at = from_numbered(exp.Min(this=pos.copy())).where(cond.copy(), copy=False)
            n = from_numbered(exp.Count(this=exp.Star())).where(cond.copy(), copy=False)
            items += [alias(exp.Subquery(this=at), f"{name}_row"),
                      alias(exp.Subquery(this=n), f"{name}_rows")]
        return exp.select(*items, copy=False)
    if p == "longest_run":
        # gaps and islands: rows holding the conditions, numbered among themselves; an
        # unbroken run keeps (row position - that number) constant
        inner = exp.Window(this=exp.RowNumber(), order=exp.Order(expressions=[
            ordered(pos.copy(), False)]))
        hits = from_numbered(alias(exp.Sub(this=pos.copy(), expression=inner), "island"))
        hits = hits.where(anchor_cond, copy=False).subquery("hits")
        runs = exp.select(alias(exp.Count(this=exp.Star()), "run"), copy=False).from_(
            hits, copy=False).group_by(column("island"), copy=False).subquery("runs")
        longest = exp.Coalesce(this=exp.Max(this=column("run")),
                               expressions=[exp.Literal.number(0)])
        return exp.select(alias(longest, "count"), copy=False).from_(runs, copy=False)
    anchor = from_numbered(exp.Min(this=pos.copy())).where(anchor_cond, copy=False)
    anchor_pos = exp.Subquery(this=anchor)
    if p in ("next", "previous"):
        # the anchor may span several consecutive rows ("the competition after the Cup"
        # when the Cup is played twice in a row): the row after the block / before it; an
        # anchor found in separate places has no one neighbour, and gives no row
        edge = from_numbered(exp.Max(this=pos.copy()) if p == "next" else
                             exp.Min(this=pos.copy())).where(anchor_cond.copy(), copy=False)
        span = from_numbered(exp.Sub(this=exp.Add(this=exp.Max(this=pos.copy()),
                                                  expression=exp.Literal.number(1)),
                                     expression=exp.Min(this=pos.copy())))
        span = span.where(anchor_cond.copy(), copy=False)
        count = from_numbered(exp.Count(this=exp.Star())).where(anchor_cond.copy(), copy=False)
        cls = exp.Add if p == "next" else exp.Sub
        target = cls(this=exp.Subquery(this=edge), expression=b.value(int(plan.n)))
        one_block = exp.Subquery(this=span).eq(exp.Subquery(this=count))
        return from_numbered(*out_cols, pos.copy()).where(
            _and(pos.copy().eq(target), one_block), copy=False)
    cmp = pos.copy() < anchor_pos if p == "count_before" else pos.copy() > anchor_pos
    return from_numbered(alias(exp.Count(this=exp.Star()), "count")).where(
        _and(cmp, exp.Exists(this=anchor.copy()), where), copy=False)


def _run_value(plan: PositionPlan, from_numbered: Any, pos: Any) -> Any:
    """Gaps and islands per value: the rows holding one value of the column, numbered among
    themselves, keep (row position - that number) constant along an unbroken run; the value
    (values, when tied) of the longest run, with its length (every value with a run of at
    least ``n`` when ``n`` is above 1)."""
    from sqlglot import exp

    c = column(plan.columns[0])
    inner = exp.Window(this=exp.RowNumber(), partition_by=[c.copy()],
                       order=exp.Order(expressions=[ordered(pos.copy(), False)]))
    hits = from_numbered(alias(c.copy(), "run_value"),
                         alias(exp.Sub(this=pos.copy(), expression=inner), "island"))
    hits = hits.where(exp.Not(this=exp.Is(this=c.copy(), expression=exp.Null())),
                      copy=False).subquery("hits")
    runs = exp.select(column("run_value"), alias(exp.Count(this=exp.Star()), "run"),
                      copy=False).from_(hits, copy=False).group_by(
        column("run_value"), column("island"), copy=False).subquery("runs")
    return pick_values(plan, runs)


def anchor_rows(plan: PositionPlan, b: Builder) -> Any:
    """How many rows the anchor of ``plan`` matches, and over how many consecutive rows
    they spread (``span == rows`` when they form one block)."""
    from sqlglot import exp

    over = exp.Window(this=exp.RowNumber())
    if plan.order_by:
        over.set("order", exp.Order(expressions=[ordered(column(plan.order_by),
                                                         plan.descending)]))
    numbered = b.select_from(exp.Star(), alias(over, POSITION))
    where = b.where(plan.filters, plan.logic)
    if where is not None:
        numbered = numbered.where(where, copy=False)
    pos = column(POSITION)
    span = exp.Sub(this=exp.Add(this=exp.Max(this=pos.copy()), expression=exp.Literal.number(1)),
                   expression=exp.Min(this=pos.copy()))
    return exp.select(alias(exp.Count(this=exp.Star()), "rows"), alias(span, "span"),
                      copy=False).from_(numbered.subquery("numbered"), copy=False).where(
        b.where(plan.anchor, "and"), copy=False)


def comparison(plan: ComparisonPlan, b: Builder) -> Any:
    """One row per item: the item and its measure (the answer's arithmetic is done on these
    two numbers, by the narration and the pandas code alike)."""
    m = plan.measure
    if not plan.column:  # the rows the filters select against a number: one value
        q = b.select_from(alias(b.measure(m), m.alias))
        cond = b.where(plan.filters, plan.logic)
        return q if cond is None else q.where(cond, copy=False)
    col = column(plan.column)
    q = b.select_from(col, alias(b.measure(m), m.alias))
    cond = col.copy().isin(*[b.value(v) for v in plan.items])
    q = q.where(_and(b.where(plan.filters, plan.logic), cond), copy=False)
    return q.group_by(col.copy(), copy=False).order_by(col.copy(), copy=False)


def _time_key(plan: ChangePlan, b: Builder) -> Any:
    from sqlglot import exp

    t = column(plan.time)
    if plan.grain == "raw":
        return t
    if plan.grain == "year":
        return exp.Extract(this=exp.var("YEAR"), expression=t)
    return exp.TimestampTrunc(this=t, unit=exp.var(plan.grain.upper()))


def _point(plan: ChangePlan, b: Builder, v: Any) -> Any:
    from sqlglot import exp

    if plan.grain in ("raw", "year"):
        return b.value(v)
    return exp.cast(b.value(str(v)), "TIMESTAMP", copy=False)


def change(plan: ChangePlan, b: Builder) -> Any:
    """``start_value``, ``end_value``, ``change``, ``percent_change``, ``ratio`` (and
    ``growth_rate_pct`` when asked) from conditional aggregates over the two points."""
    from sqlglot import exp

    key = _time_key(plan, b)
    m = plan.measure
    at_start = key.copy().eq(_point(plan, b, plan.start))
    at_end = key.copy().eq(_point(plan, b, plan.end))
    start = exp.Filter(this=b.measure(m), expression=exp.Where(this=at_start))
    end = exp.Filter(this=b.measure(m), expression=exp.Where(this=at_end))
    diff = exp.Sub(this=end.copy(), expression=start.copy())
    pct = exp.Mul(this=exp.paren(ratio(diff.copy(), start.copy()), copy=False),
                  expression=exp.Literal.number(100))
    items = [*[column(g) for g in plan.group_by], alias(start, "start_value"),
             alias(end, "end_value"), alias(diff, "change"), alias(pct, "percent_change"),
             alias(ratio(end.copy(), start.copy()), "ratio")]
    if plan.output == "growth_rate":
        steps = float(plan.end) - float(plan.start)
        growth = exp.Mul(this=exp.paren(exp.Sub(
            this=exp.Pow(this=ratio(end.copy(), start.copy()),
                         expression=b.value(1.0 / steps)),
            expression=exp.Literal.number(1)), copy=False), expression=exp.Literal.number(100))
        items.append(alias(growth, "growth_rate_pct"))
    q = b.select_from(*items)
    key_cond = exp.paren(exp.or_(at_start.copy(), at_end.copy(), copy=False), copy=False)
    keys_present = [exp.not_(column(g).is_(exp.null()), copy=False) for g in plan.group_by]
    q = q.where(_and(b.where(plan.filters, plan.logic), key_cond, *keys_present), copy=False)
    if plan.group_by:
        q = q.group_by(*[column(g) for g in plan.group_by], copy=False)
        out = {"difference": "change", "percent": "percent_change", "ratio": "ratio",
               "growth_rate": "growth_rate_pct"}[plan.output]
        q = q.order_by(ordered(column(out), plan.descending),
                       *[column(g) for g in plan.group_by], copy=False)
        if plan.limit:
            q = q.limit(int(plan.limit), copy=False)
    return q


def sets(plan: SetPlan, b: Builder) -> Any:
    from sqlglot import exp

    where = b.where(plan.filters, plan.logic)
    if plan.op in ("distinct", "duplicates"):
        cols = [column(c) for c in plan.columns]
        q = b.select_from(*cols, alias(exp.Count(this=exp.Star()), "count"))
        present = [exp.not_(column(c).is_(exp.null()), copy=False) for c in plan.columns]
        q = q.where(_and(where, *present), copy=False)
        q = q.group_by(*[c.copy() for c in cols], copy=False)
        if plan.op == "duplicates":
            n = exp.Count(this=exp.Star())
            q = q.having(n >= exp.Literal.number(int(plan.min_count)), copy=False)
            if plan.max_count is not None:
                q = q.having(n.copy() <= exp.Literal.number(int(plan.max_count)), copy=False)
        return q.order_by(ordered(column("count"), True), *[c.copy() for c in cols], copy=False)
    over = exp.Window(this=exp.RowNumber(),
                      partition_by=[column(g) for g in plan.group_by],
                      order=exp.Order(expressions=[ordered(column(str(plan.order_by)),
                                                           plan.descending)]))
    cols = list(dict.fromkeys([*plan.group_by, *plan.columns, str(plan.order_by)]))
    inner = b.select_from(*[column(c) for c in cols], alias(over, "rank"))
    present = [exp.not_(column(g).is_(exp.null()), copy=False) for g in plan.group_by]
    has_order = exp.not_(column(str(plan.order_by)).is_(exp.null()), copy=False)
    inner = inner.where(_and(where, has_order, *present), copy=False)
    q = exp.select(*[column(c) for c in cols], column("rank"), copy=False)
    q = q.from_(inner.subquery("ranked"), copy=False)
    q = q.where(column("rank") <= b.value(int(plan.n)), copy=False)
    return q.order_by(*[column(g) for g in plan.group_by], column("rank"), copy=False)


def rank(plan: RankPlan, b: Builder) -> Any:
    """Every item's measure and rank (ties share the best rank), and how many items; the
    asked item's row only."""
    from sqlglot import exp

    col = column(plan.column)
    m = plan.measure
    value = b.measure(m)
    over = exp.Window(this=exp.Rank(), order=exp.Order(expressions=[
        ordered(value.copy(), plan.descending)]))
    inner = b.select_from(col, alias(value, m.alias), alias(over, "rank"),
                          alias(exp.Window(this=exp.Count(this=exp.Star())), "of"))
    present = exp.not_(col.copy().is_(exp.null()), copy=False)
    inner = inner.where(_and(b.where(plan.filters, plan.logic), present), copy=False)
    inner = inner.group_by(col.copy(), copy=False)
    q = exp.select(exp.Star(), copy=False).from_(inner.subquery("ranked"), copy=False)
    return q.where(column(plan.column).eq(b.value(plan.item)), copy=False)


def percentile(plan: PercentilePlan, b: Builder) -> Any:
    """The share of the column's values at or below the value, in %."""
    from sqlglot import exp

    col = column(plan.column)
    at_or_below = exp.Filter(this=exp.Count(this=exp.Star()),
                             expression=exp.Where(this=col.copy() <= b.value(plan.value)))
    n = exp.Count(this=col.copy())
    pct = exp.Div(this=exp.Mul(this=exp.Literal.number("100.0"), expression=at_or_below),
                  expression=exp.Nullif(this=n.copy(), expression=exp.Literal.number(0)))
    q = b.select_from(alias(pct, "percentile"), alias(n, "n"))
    where = b.where(plan.filters, plan.logic)
    return q.where(where, copy=False) if where is not None else q


KIND_BUILDERS = {"lookup": lookup, "position": position, "comparison": comparison,
                 "change": change, "set": sets, "rank": rank, "percentile": percentile}

__all__ = ["KIND_BUILDERS", "POSITION", "change", "comparison", "lookup", "percentile",
           "position", "rank", "sets"]
