"""Compiling a validated plan to DuckDB SQL, and to the equivalent pandas code.

Identifiers are always quoted and values are always bound parameters (``?``), so nothing a
user types can become SQL. The pandas code is for people: paste it in a notebook with the
data in ``df`` and get the same table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..data import quote_ident as qi
from ..planner.plan import Filter, Measure, Plan
from ..planner.schema import SchemaModel

SCATTER_SAMPLE_SEED = 7
DIST_SAMPLE = 10_000


@dataclass
class Compiled:
    sql: str
    params: list[Any] = field(default_factory=list)


def _lit(v: Any) -> str:
    """A literal for display only (the SQL shown to users, with parameters inlined)."""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


def inline(c: Compiled) -> str:
    """The SQL with parameters written in, for people to read and copy."""
    parts = c.sql.split("?")
    out = parts[0]
    for p, rest in zip(c.params, parts[1:]):
        out += _lit(p) + rest
    return out


def _filter_sql(f: Filter, schema: SchemaModel, params: list, view: str | None = None) -> str:
    c = qi(f.column)
    kind = schema.col(f.column).kind
    v = f.value
    if isinstance(v, dict) and view is not None:
        # "above average": compare with the column's statistic over all rows
        fn = {"mean": "avg", "median": "median"}[v["agg"]]
        return f"{c} {f.op} (SELECT {fn}({c}) FROM {view})"
    if f.op == "=":
        params.append(v)
        return f"{c} = ?"
    if f.op == "!=":
        params.append(v)
        return f"{c} IS DISTINCT FROM ?"
    if f.op in ("<", "<=", ">", ">="):
        params.append(v)
        return f"{c} {f.op} ?"
    if f.op == "between":
        params.extend(v)
        return f"{c} BETWEEN ? AND ?"
    if f.op in ("in", "not in"):
        params.extend(v)
        marks = ", ".join("?" for _ in v)
        if f.op == "in":
            return f"{c} IN ({marks})"
        return f"({c} NOT IN ({marks}) OR {c} IS NULL)"
    if f.op == "year" and not isinstance(v, (list, tuple)):
        # A range, not year(col) = ?: no function per row, and DuckDB can skip row groups.
        cast = "DATE" if kind == "date" else "TIMESTAMP"
        params.extend([f"{int(v):04d}-01-01", f"{int(v) + 1:04d}-01-01"])
        return f"({c} >= CAST(? AS {cast}) AND {c} < CAST(? AS {cast}))"
    if f.op in ("year", "month", "quarter"):
        if isinstance(v, (list, tuple)):
            params.extend(v)
            return f"{f.op}({c}) BETWEEN ? AND ?"
        params.append(v)
        return f"{f.op}({c}) = ?"
    if f.op in ("date>=", "date<"):
        params.append(str(v))
        cast = "DATE" if kind == "date" else "TIMESTAMP"
        return f"{c} {f.op[4:]} CAST(? AS {cast})"
    if f.op == "is null":
        return f"{c} IS NULL"
    if f.op == "not null":
        return f"{c} IS NOT NULL"
    raise ValueError(f"unknown filter op {f.op}")  # pragma: no cover - validated before


def where_sql(plan: Plan, schema: SchemaModel, params: list, view: str | None = None) -> str:
    if not plan.filters:
        return ""
    joiner = f" {plan.logic.upper()} "
    return "(" + joiner.join(_filter_sql(f, schema, params, view) for f in plan.filters) + ")"


def measure_sql(m: Measure, schema: SchemaModel) -> str:
    if m.column is None:
        return "count(*)"
    c = qi(m.column)
    if schema.col(m.column).kind == "bool" and m.agg not in ("count", "count_distinct", "min",
                                                             "max"):
        c = f"CAST({c} AS DOUBLE)"
    if m.over is not None:
        # a per-row ratio; a zero denominator gives NULL (skipped), never infinity
        c = f"(CAST({c} AS DOUBLE) / NULLIF({qi(m.over)}, 0){' * 100' if m.percent else ''})"
    return {
        "count": f"count({c})",
        "count_distinct": f"count(DISTINCT {c})",
        "sum": f"sum({c})",
        "mean": f"avg({c})",
        "median": f"median({c})",
        "min": f"min({c})",
        "max": f"max({c})",
        "std": f"stddev_samp({c})",
        "var": f"var_samp({c})",
        "quantile": f"quantile_cont({c}, {float(m.q if m.q is not None else 0.5)!r})",
    }[m.agg]


def bucket_sql(plan: Plan) -> str | None:
    tb = plan.time_bucket
    if tb is None:
        return None
    if tb.grain == "raw":
        return qi(tb.column)
    return f"date_trunc('{tb.grain}', {qi(tb.column)})"


def compile_sql(plan: Plan, schema: SchemaModel, view: str) -> Compiled:
    """SQL for aggregate / rows / distribution plans (tool plans compile their input query
    with :func:`compile_series`)."""
    if plan.unpivot:
        # compare measure columns: stack them (filters first, on the wide rows), then
        # aggregate the long form like any table
        u = plan.unpivot
        inner = plan.copy(unpivot=None, kind="rows", columns=[], measures=[], group_by=[],
                          time_bucket=None, order_by=None, limit=None, share=False,
                          argmax=False, chart=None)
        wide = compile_sql(inner, schema, view)
        stacked = (f"(UNPIVOT ({wide.sql}) ON {', '.join(qi(c) for c in u['columns'])} "
                   f"INTO NAME {qi(u['name'])} VALUE {qi(u['value'])})")
        long = schema.unpivoted(list(u["columns"]), u["name"], u["value"])
        out = compile_sql(plan.copy(unpivot=None, filters=[], logic="and"), long, stacked)
        return Compiled(out.sql, wide.params + out.params)
    params: list[Any] = []
    if plan.kind == "rows":
        cols = ", ".join(qi(c) for c in plan.columns) if plan.columns else "*"
        where = where_sql(plan, schema, params, view)
        sql = f"SELECT {cols} FROM {view}"
        if where:
            sql += f" WHERE {where}"
        if plan.order_by:
            sql += f" ORDER BY {qi(plan.order_by)} {'DESC' if plan.descending else 'ASC'} NULLS LAST"
        if plan.chart == "scatter" and not plan.order_by and plan.limit and \
                schema.n_rows > plan.limit:
            sql = (f"SELECT * FROM ({sql}) AS t USING SAMPLE reservoir({int(plan.limit)} ROWS) "
                   f"REPEATABLE ({SCATTER_SAMPLE_SEED})")
        elif plan.limit:
            sql += f" LIMIT {int(plan.limit)}"
        return Compiled(sql, params)
    if plan.kind == "distribution":
        col = qi(plan.columns[0])
        keys = [qi(g) for g in plan.group_by]
        stats = (f"count({col}) AS \"count\", avg({col}) AS \"mean\", stddev_samp({col}) AS "
                 f"\"std\", min({col}) AS \"min\", quantile_cont({col}, 0.25) AS \"p25\", "
                 f"median({col}) AS \"median\", quantile_cont({col}, 0.75) AS \"p75\", "
                 f"max({col}) AS \"max\"")
        where = where_sql(plan, schema, params, view)
        conds = [where] if where else []
        conds += [f"{k} IS NOT NULL" for k in keys]
        sql = f"SELECT {', '.join([*keys, stats])} FROM {view}"
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        if keys:
            sql += f" GROUP BY {', '.join(str(i + 1) for i in range(len(keys)))}"
            sql += f" ORDER BY {', '.join(keys)}"
        return Compiled(sql, params)
    # aggregate
    select: list[str] = []
    keys: list[str] = []
    bucket = bucket_sql(plan)
    if bucket is not None:
        alias = qi(plan.time_bucket.alias)
        select.append(f"{bucket} AS {alias}")
        keys.append(alias)
    for g in plan.group_by:
        if plan.time_bucket is not None and g == plan.time_bucket.alias:
            continue
        select.append(qi(g))
        keys.append(qi(g))
    key_exprs = ([bucket] if bucket else []) + [qi(g) for g in plan.group_by]
    if plan.share and not keys and plan.part:
        # "what share of tips come from dinner": the part is a condition inside the total.
        m = plan.measures[0]
        agg = measure_sql(m, schema)
        where = where_sql(plan, schema, params, view)
        part_params: list[Any] = []
        cond = " AND ".join(_filter_sql(f, schema, part_params, view) for f in plan.part)
        part = f"{agg} FILTER (WHERE {cond})"
        sql = (f"SELECT {part} AS \"part\", {agg} AS \"total\", "
               f"100.0 * {part} / NULLIF({agg}, 0) AS \"share_pct\" FROM {view}")
        if where:
            sql += f" WHERE {where}"
        return Compiled(sql, part_params * 2 + params)
    for m in plan.measures:
        select.append(f"{measure_sql(m, schema)} AS {qi(m.alias)}")
    if plan.share and keys:
        first = measure_sql(plan.measures[0], schema)
        select.append(f"100.0 * {first} / NULLIF(sum({first}) OVER (), 0) AS \"share_pct\"")
    where = where_sql(plan, schema, params, view)
    conds = [where] if where else []
    if plan.limit or plan.share:
        # pandas drops missing keys; here they must not take a top-N slot or a share
        conds += [f"{k} IS NOT NULL" for k in key_exprs]
    sql = f"SELECT {', '.join(select)} FROM {view}"
    if conds:
        sql += " WHERE " + " AND ".join(conds)
    if keys:
        sql += f" GROUP BY {', '.join(str(i + 1) for i in range(len(keys)))}"
        if plan.order_by:
            direction = "DESC" if plan.descending else "ASC"
            sql += f" ORDER BY {qi(plan.order_by)} {direction} NULLS LAST, {', '.join(keys)}"
        else:
            sql += f" ORDER BY {', '.join(keys)}"
    if plan.limit and keys:
        sql += f" LIMIT {int(plan.limit)}"
    return Compiled(sql, params)


def compile_series(plan: Plan, schema: SchemaModel, view: str, target: str, agg: str
                   ) -> Compiled:
    """The aggregated time series a forecast runs on: one value per time bucket."""
    tb = plan.time_bucket
    m = Measure(agg, target)
    p = Plan(kind="aggregate", measures=[m], time_bucket=tb, filters=plan.filters,
             logic=plan.logic)
    if tb is not None and tb.grain == "raw":
        p = Plan(kind="aggregate", measures=[m], group_by=[tb.column], filters=plan.filters,
                 logic=plan.logic)
    return compile_sql(p, schema, view)


def compile_rows(plan: Plan, schema: SchemaModel, view: str, columns: list[str]) -> Compiled:
    """The filtered rows a tool runs on (only the columns it needs)."""
    params: list[Any] = []
    cols = ", ".join(qi(c) for c in columns) if columns else "*"
    where = where_sql(plan, schema, params, view)
    sql = f"SELECT {cols} FROM {view}" + (f" WHERE {where}" if where else "")
    return Compiled(sql, params)


def distribution_sample_sql(plan: Plan, schema: SchemaModel, view: str) -> Compiled:
    params: list[Any] = []
    cols = [qi(c) for c in [*plan.group_by, *plan.columns]]
    where = where_sql(plan, schema, params, view)
    sql = f"SELECT {', '.join(cols)} FROM {view}" + (f" WHERE {where}" if where else "")
    if schema.n_rows > DIST_SAMPLE:
        sql = (f"SELECT * FROM ({sql}) AS t USING SAMPLE reservoir({DIST_SAMPLE} ROWS) "
               f"REPEATABLE ({SCATTER_SAMPLE_SEED})")
    return Compiled(sql, params)


__all__ = ["Compiled", "compile_rows", "compile_series", "compile_sql",
           "distribution_sample_sql", "inline", "measure_sql", "where_sql"]
