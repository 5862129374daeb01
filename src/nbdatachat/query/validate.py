"""Checking a plan against the data before anything runs.

Plans can come from the rule-based planner, from an LLM, or from JSON a user edited; each
column, aggregation, operator and value is checked against the schema here, and the errors
say what is wrong and what exists instead.
"""

from __future__ import annotations

from ..errors import InvalidRequest, closest, column_not_found
from ..planner.plan import AGGREGATES, CHART_KINDS, FILTER_OPS, TIME_GRAINS, Plan
from ..planner.schema import SchemaModel

NUMERIC_AGGS = {"sum", "mean", "median", "std", "var", "quantile"}
MAX_LIMIT = 100_000


def _column(schema: SchemaModel, col: str | None, role: str) -> str:
    if col is None or col not in schema.columns:
        raise column_not_found(str(col), schema.names(), role=role)
    return col


def validate_plan(plan: Plan, schema: SchemaModel) -> Plan:
    """Return ``plan`` with values normalised to the data (e.g. ``"dinner"`` -> ``"Dinner"``);
    raise :class:`~nbdatachat.errors.InvalidRequest` / ``ColumnNotFound`` when it cannot run."""
    if plan.unpivot:
        schema = _unpivot_schema(plan, schema)
    if plan.kind not in ("aggregate", "rows", "distribution", "tool"):
        raise InvalidRequest(f"Unknown plan kind {plan.kind!r}; use aggregate, rows, "
                             f"distribution or tool.", details={"field": "kind"})
    for m in plan.measures:
        if m.agg not in AGGREGATES:
            raise InvalidRequest(f"Unknown aggregation {m.agg!r}; use one of "
                                 f"{', '.join(AGGREGATES)}.", details={"field": "measures"})
        if m.column is None:
            if m.agg != "count":
                raise InvalidRequest(f"The aggregation {m.agg!r} needs a column.",
                                     details={"field": "measures"})
            continue
        _column(schema, m.column, "measure")
        p = schema.col(m.column)
        if m.agg in NUMERIC_AGGS and not (p.numeric or p.kind == "bool"):
            raise InvalidRequest(
                f"Cannot take the {AGGREGATES[m.agg]} {m.column!r}: it holds "
                f"{p.kind} values, not numbers. Numeric columns: "
                f"{', '.join(c for c in schema.names() if schema.col(c).numeric) or 'none'}.",
                details={"field": "measures", "column": m.column})
        if m.over is not None:
            _column(schema, m.over, "measure")
            bad = [c for c in (m.column, m.over) if not schema.col(c).numeric]
            if bad or m.agg in ("count", "count_distinct"):
                raise InvalidRequest(
                    f"A ratio {m.column!r} / {m.over!r} needs two numeric columns and a "
                    f"numeric aggregation (mean, median, sum, min, max); "
                    f"{', '.join(repr(b) for b in bad) or repr(m.agg)} does not fit.",
                    details={"field": "measures", "column": m.column, "over": m.over})
        if m.agg == "quantile" and not (m.q is not None and 0 <= m.q <= 1):
            raise InvalidRequest(f"A percentile must be between 0 and 100 (got {m.q}).",
                                 details={"field": "measures"})
    for g in plan.group_by:
        _column(schema, g, "group_by")
    for c in plan.columns:
        _column(schema, c, "column")
    if plan.time_bucket is not None:
        tb = plan.time_bucket
        _column(schema, tb.column, "time")
        if tb.grain not in TIME_GRAINS and tb.grain != "raw":
            raise InvalidRequest(f"Unknown time grain {tb.grain!r}; use one of "
                                 f"{', '.join(TIME_GRAINS)}.", details={"field": "time_bucket"})
        if tb.grain != "raw" and schema.col(tb.column).kind not in ("date", "datetime"):
            raise InvalidRequest(f"{tb.column!r} is not a date column, so it cannot be bucketed "
                                 f"by {tb.grain}.", details={"field": "time_bucket"})
    for f in [*plan.filters, *plan.part]:
        _column(schema, f.column, "filter")
        if f.op not in FILTER_OPS:
            raise InvalidRequest(f"Unknown filter operator {f.op!r}; use one of "
                                 f"{', '.join(FILTER_OPS)}.", details={"field": "filters"})
        f.value = _normalise_value(schema, f.column, f.op, f.value)
    if plan.order_by is not None:
        outputs = {m.alias for m in plan.measures} | set(plan.keys) | set(schema.columns)
        if plan.share:
            outputs.add("share_pct")
        if plan.order_by not in outputs:
            raise InvalidRequest(f"Cannot order by {plan.order_by!r}: it is not an output "
                                 f"column ({', '.join(sorted(outputs))}).",
                                 details={"field": "order_by"})
    if plan.limit is not None and not (isinstance(plan.limit, int) and 0 < plan.limit <= MAX_LIMIT):
        raise InvalidRequest(f"limit must be a whole number from 1 to {MAX_LIMIT:,}.",
                             details={"field": "limit"})
    if plan.chart is not None and plan.chart not in CHART_KINDS:
        raise InvalidRequest(f"Unknown chart kind {plan.chart!r}; use one of "
                             f"{', '.join(CHART_KINDS)}.", details={"field": "chart"})
    if plan.logic not in ("and", "or"):
        raise InvalidRequest("logic must be 'and' or 'or'.", details={"field": "logic"})
    if plan.kind == "tool" and plan.tool is None:
        raise InvalidRequest("A tool plan needs a tool.", details={"field": "tool"})
    return plan


def _unpivot_schema(plan: Plan, schema: SchemaModel) -> SchemaModel:
    u = plan.unpivot or {}
    cols, name, value = u.get("columns"), u.get("name"), u.get("value")
    if not (isinstance(cols, list) and len(cols) >= 2 and isinstance(name, str) and name and
            isinstance(value, str) and value and name != value):
        raise InvalidRequest("unpivot needs {'columns': [two or more columns], 'name': "
                             "'...', 'value': '...'} with two different names.",
                             details={"field": "unpivot"})
    for c in cols:
        _column(schema, c, "unpivot")
        if not schema.col(c).numeric:
            raise InvalidRequest(f"Only numeric columns can be stacked; {c!r} holds "
                                 f"{schema.col(c).kind} values.",
                                 details={"field": "unpivot", "column": c})
    clash = [n for n in (name, value) if n in schema.columns and n not in cols]
    if clash:
        raise InvalidRequest(f"The stacked columns cannot be called {clash[0]!r}: the data "
                             f"already has a column of that name.",
                             details={"field": "unpivot"})
    return schema.unpivoted(list(cols), name, value)


def _normalise_value(schema: SchemaModel, col: str, op: str, value):
    p = schema.col(col)
    if op in ("is null", "not null"):
        return None
    if isinstance(value, dict):
        if op not in ("<", "<=", ">", ">=") or value.get("agg") not in ("mean", "median") \
                or not p.numeric:
            raise InvalidRequest("A comparison with a statistic needs a numeric column, one of "
                                 "<, <=, >, >= and {'agg': 'mean' | 'median'}.",
                                 details={"field": "filters", "column": col})
        return {"agg": value["agg"]}
    if op in ("year", "month", "quarter"):
        if p.kind not in ("date", "datetime"):
            raise InvalidRequest(f"{col!r} is not a date column; cannot filter on its {op}.",
                                 details={"field": "filters", "column": col})
        return value
    if op in ("date>=", "date<"):
        return str(value)
    if op == "between":
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise InvalidRequest("A between filter needs [low, high].",
                                 details={"field": "filters", "column": col})
        return [_scalar(p, col, v) for v in value]
    if op in ("in", "not in"):
        vals = value if isinstance(value, (list, tuple)) else [value]
        return [_scalar(p, col, v, strict=op == "in") for v in vals]
    return _scalar(p, col, value, strict=op == "=")


def _scalar(p, col: str, v, strict: bool = True):
    if p.numeric:
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, (int, float)):
            return v
        try:
            f = float(str(v).replace(",", ""))
            return int(f) if f.is_integer() else f
        except ValueError:
            raise InvalidRequest(f"{col!r} is numeric but the filter value {v!r} is not a "
                                 f"number.", details={"field": "filters", "column": col}) from None
    if p.kind == "bool":
        if isinstance(v, bool):
            return v
        return str(v).strip().lower() in ("true", "yes", "1", "y", "t")
    if p.kind in ("date", "datetime"):
        return str(v)
    text = str(v)
    if p.values is not None and text not in p.values:
        low = {str(x).lower(): x for x in p.values}
        if text.lower() in low:
            return low[text.lower()]
        if not strict:
            return text  # excluding a value that does not occur is fine
        hints = closest(text, p.values)
        hint = f" Did you mean {', '.join(repr(h) for h in hints)}?" if hints else ""
        shown = ", ".join(map(str, p.values[:15]))
        raise InvalidRequest(f"{col!r} has no value {text!r}.{hint} Values: {shown}"
                             f"{' ...' if len(p.values) > 15 else ''}.",
                             details={"field": "filters", "column": col, "value": text,
                                      "suggestions": hints})
    return text


__all__ = ["validate_plan"]
