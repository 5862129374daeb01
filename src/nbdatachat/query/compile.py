"""Compiling a validated plan to SQL: one path, through SQLGlot, to any dialect.

``compile_plan(plan, schema, relation, dialect="duckdb")`` builds the query as a SQLGlot
expression (see :mod:`.sqlbuild`) and renders it for DuckDB (the embedded default) or any
dialect SQLGlot writes (``postgres``, ``spark``, ``trino``, ``snowflake`` ...). The kinds of
issue 12 (lookup, position, comparison, change, set) are compiled in :mod:`.compile_kinds`.
"""

from __future__ import annotations

from typing import Any

from ..backends.dialects import sample_clause
from ..planner.plan import AggregatePlan, DistributionPlan, Plan, RowsPlan, ToolPlan
from ..planner.plan_parts import Measure
from .sqlbuild import Builder, Compiled, alias, ordered, relation

DIST_SAMPLE = 10_000
TIES = 20  # rows tied for the top that a "the row with the highest X" answer lists
DIST_STATS = ("count", "mean", "std", "min", "p25", "median", "p75", "max")


def compile_plan(plan: Plan, schema: Any, table: Any, dialect: str = "duckdb", *,
                 inline: bool = False) -> Compiled:
    """The query of a (validated) SQL plan over ``table`` (a relation name or a SQLGlot
    expression) in ``dialect``; values are named parameters unless ``inline``."""
    b = Builder(schema, relation(table), inline=inline)
    b.with_steps(plan.steps)
    return b.compiled(build(plan, b), dialect)


def build(plan: Plan, b: Builder) -> Any:
    """The SQLGlot query of ``plan`` over the builder's relation."""
    if isinstance(plan, RowsPlan):
        return _rows(plan, b)
    if isinstance(plan, DistributionPlan):
        return _distribution(plan, b)
    if isinstance(plan, AggregatePlan):
        return _aggregate(plan, b)
    from .compile_kinds import KIND_BUILDERS

    fn = KIND_BUILDERS.get(plan.kind)
    if fn is None:
        raise ValueError(f"a {plan.kind} plan has no SQL")  # tools run through run_tool
    return fn(plan, b)


def _rows(plan: RowsPlan, b: Builder) -> Any:
    from sqlglot import exp

    from .sqlbuild import column

    q = b.select_from(*([column(c) for c in plan.columns] or [exp.Star()]))
    where = b.where(plan.filters, plan.logic)
    if where is not None:
        q = q.where(where, copy=False)
    if plan.order_by and plan.limit == 1:
        # "the row with the highest X": every row tied at the top, not one of them at random
        best = b.select_from((exp.Max if plan.descending else exp.Min)(
            this=column(plan.order_by)))
        again = b.where(plan.filters, plan.logic)
        if again is not None:
            best = best.where(again, copy=False)
        q = q.where(column(plan.order_by).eq(exp.Subquery(this=best)), copy=False)
    if plan.order_by:
        q = q.order_by(ordered(column(plan.order_by), plan.descending), copy=False)
    step = scatter_step(plan, b.schema.n_rows)
    if step > 1:
        # every step-th matching row in table order: spread over the whole table, and the
        # same rows every time (the pandas code takes them with d.iloc[::step])
        cols = [column(c) for c in plan.columns] or [exp.Star()]
        numbered = q.select(alias(exp.Window(this=exp.RowNumber()), "_row"), copy=False)
        keep = exp.Mod(this=exp.paren(exp.Sub(this=column("_row"),
                                              expression=exp.Literal.number(1)), copy=False),
                       expression=exp.Literal.number(step)).eq(exp.Literal.number(0))
        q = exp.select(*cols, copy=False).from_(numbered.subquery("t"), copy=False)
        q = q.where(keep, copy=False)
        q = q.limit(int(plan.limit or 0), copy=False)
    elif plan.limit:
        q = q.limit(TIES if plan.order_by and plan.limit == 1 else int(plan.limit), copy=False)
    return q


def scatter_step(plan: RowsPlan, n_rows: int) -> int:
    """Scatter plots of big tables show every ``step``-th row (1: all rows)."""
    if plan.chart != "scatter" or plan.order_by or not plan.limit or n_rows <= plan.limit:
        return 1
    return -(-int(n_rows) // int(plan.limit))


def _distribution(plan: DistributionPlan, b: Builder) -> Any:
    from sqlglot import exp

    from .sqlbuild import column

    col = column(plan.columns[0])
    stats = [Measure("count", plan.columns[0]), Measure("mean", plan.columns[0]),
             Measure("std", plan.columns[0]), Measure("min", plan.columns[0]),
             Measure("quantile", plan.columns[0], 0.25), Measure("median", plan.columns[0]),
             Measure("quantile", plan.columns[0], 0.75), Measure("max", plan.columns[0])]
    keys = [column(g) for g in plan.group_by]
    q = b.select_from(*keys, *[alias(b.measure(m), name) for m, name in zip(stats, DIST_STATS)])
    conds = [b.where(plan.filters, plan.logic)] + [exp.not_(k.is_(exp.null()), copy=False)
                                                   for k in keys]
    conds = [c for c in conds if c is not None]
    if conds:
        q = q.where(exp.and_(*conds, copy=False), copy=False)
    if keys:
        q = q.group_by(*[k.copy() for k in keys], copy=False)
        q = q.order_by(*[k.copy() for k in keys], copy=False)
    del col
    return q


def _aggregate(plan: AggregatePlan, b: Builder) -> Any:
    from sqlglot import exp

    from .sqlbuild import column

    if plan.unpivot:
        return _unpivoted(plan, b)
    key_exprs: list[Any] = []
    select: list[Any] = []
    if plan.time_bucket is not None:
        key_exprs.append(b.bucket(plan.time_bucket))
        select.append(alias(b.bucket(plan.time_bucket), plan.time_bucket.alias))
    for g in plan.group_by:
        if plan.time_bucket is not None and g == plan.time_bucket.alias:
            continue
        key_exprs.append(column(g))
        select.append(column(g))
    where = b.where(plan.filters, plan.logic)
    if plan.share and not key_exprs and plan.part:
        # "what share of tips come from dinner": the part is a condition inside the total
        m = plan.measures[0]
        cond = exp.and_(*[b.cond(f) for f in plan.part], copy=False)
        part = exp.Filter(this=b.measure(m), expression=exp.Where(this=cond))
        total = b.measure(m)
        share = exp.Div(this=exp.Mul(this=exp.Literal.number("100.0"), expression=part.copy()),
                        expression=exp.Nullif(this=total.copy(), expression=exp.Literal.number(0)))
        q = b.select_from(alias(part, "part"), alias(total, "total"), alias(share, "share_pct"))
        return q.where(where, copy=False) if where is not None else q
    for m in plan.measures:
        select.append(alias(b.measure(m), m.alias))
    if plan.share and key_exprs:
        first = b.measure(plan.measures[0])
        total = exp.Window(this=exp.Sum(this=first.copy()))
        select.append(alias(exp.Div(
            this=exp.Mul(this=exp.Literal.number("100.0"), expression=first),
            expression=exp.Nullif(this=total, expression=exp.Literal.number(0))), "share_pct"))
    conds = [where] if where is not None else []
    if plan.limit or plan.share:
        # pandas drops missing keys; here they must not take a top-N slot or a share
        conds += [exp.not_(k.copy().is_(exp.null()), copy=False) for k in key_exprs]
    q = b.select_from(*select)
    if conds:
        q = q.where(exp.and_(*conds, copy=False) if len(conds) > 1 else conds[0], copy=False)
    if key_exprs:
        q = q.group_by(*[k.copy() for k in key_exprs], copy=False)
        key_cols = [column(k) for k in plan.keys]
        if plan.order_by:
            q = q.order_by(ordered(column(plan.order_by), plan.descending), *key_cols, copy=False)
        else:
            q = q.order_by(*key_cols, copy=False)
        if plan.limit:
            q = q.limit(int(plan.limit), copy=False)
    return q


def _unpivoted(plan: AggregatePlan, b: Builder) -> Any:
    """Compare measure columns: filter the wide rows, stack the columns (one UNION ALL
    branch per column, portable to every dialect), then aggregate the long form."""
    from sqlglot import exp

    from .sqlbuild import column

    u = plan.unpivot or {}
    cols = list(u["columns"])
    ids = [c for c in b.schema.names() if c not in cols]
    where = b.where(plan.filters, plan.logic)
    branches = []
    for c in cols:
        sel = b.select_from(*[column(i) for i in ids],
                            alias(exp.Literal.string(c), u["name"]),
                            alias(exp.cast(column(c), "DOUBLE", copy=False), u["value"]))
        branches.append(sel.where(where.copy(), copy=False) if where is not None else sel)
    stacked = branches[0]
    for br in branches[1:]:
        stacked = exp.union(stacked, br, distinct=False)
    long = b.schema.unpivoted(cols, u["name"], u["value"])
    inner = Builder(long, stacked.subquery("stacked"), inline=b.inline)
    inner.values = b.values  # one set of parameters for the whole query
    flat = plan.copy(unpivot=None, filters=[], logic="and", steps=[])
    return _aggregate(flat, inner)


def compile_series(plan: ToolPlan, schema: Any, table: Any, target: str,
                   dialect: str = "duckdb") -> Compiled:
    """The aggregated time series a forecast runs on: one value per time bucket."""
    from ..planner.plan_parts import TimeBucket

    s = plan.series
    assert s is not None
    m = Measure(s.agg, target)
    if s.grain == "raw":
        p = AggregatePlan(measures=[m], group_by=[s.time], filters=plan.filters,
                          logic=plan.logic, steps=plan.steps)
    else:
        p = AggregatePlan(measures=[m], time_bucket=TimeBucket(s.time, s.grain),
                          filters=plan.filters, logic=plan.logic, steps=plan.steps)
    return compile_plan(p, schema, table, dialect)


def compile_rows(plan: Plan, schema: Any, table: Any, columns: list[str],
                 dialect: str = "duckdb") -> Compiled:
    """The filtered rows a tool runs on (only the columns it needs)."""
    return compile_plan(RowsPlan(columns=columns, filters=plan.filters, logic=plan.logic,
                                 steps=plan.steps), schema, table, dialect)


def distribution_sample(plan: DistributionPlan, schema: Any, table: Any,
                        dialect: str = "duckdb") -> Compiled:
    """At most :data:`DIST_SAMPLE` values (a seeded sample) for the histogram."""
    from sqlglot import exp

    b = Builder(schema, relation(table))
    b.with_steps(plan.steps)
    rows = _rows(RowsPlan(columns=[*plan.group_by, *plan.columns], filters=plan.filters,
                          logic=plan.logic), b)
    if schema.n_rows > DIST_SAMPLE:
        rows = exp.select(exp.Star(), copy=False).from_(rows.subquery("t"), copy=False)
        rows.set("sample", sample_clause(DIST_SAMPLE))
    return b.compiled(rows, dialect)


def compile_sql(plan: Plan, schema: Any, view: Any) -> Compiled:
    """DuckDB SQL of ``plan`` (kept for callers of the earlier name)."""
    return compile_plan(plan, schema, view)


def inline(c: Compiled) -> str:
    """The SQL with its values written in, for people to read and copy."""
    return c.inline()


__all__ = ["Compiled", "build", "compile_plan", "compile_rows", "compile_series",
           "compile_sql", "distribution_sample", "inline", "scatter_step"]
