"""Checking a plan against the data before anything runs.

Plans come from the local reader, from an LLM, or from JSON a user edited; every column,
aggregation, operator and value is checked against the schema here (the operators and
aggregations say which column kinds they accept, in :mod:`nbdatachat.operations`), and the
errors say what is wrong and what exists instead.
"""

from __future__ import annotations

from ..errors import InvalidRequest, closest, column_not_found
from ..operations import AGGREGATIONS, FILTER_OPS
from ..operations.base import NUMERIC, kinds_text
from ..planner.plan import AggregatePlan, DistributionPlan, Plan, RowsPlan, ToolPlan
from ..planner.plan_kinds import (ChangePlan, ComparisonPlan, LookupPlan, PercentilePlan,
                                  PositionPlan, RankPlan, SetPlan)
from ..planner.plan_parts import CHART_KINDS, TIME_GRAINS, Filter, Measure
from ..planner.schema import ColumnProfile, SchemaModel

MAX_LIMIT = 100_000


def _column(schema: SchemaModel, col: str | None, role: str) -> str:
    if col is None or col not in schema.columns:
        raise column_not_found(str(col), schema.names(), role=role)
    return col


def validate_plan(plan: Plan, schema: SchemaModel) -> Plan:
    """Return ``plan`` with values normalised to the data (e.g. ``"dinner"`` -> ``"Dinner"``);
    raise :class:`~nbdatachat.errors.InvalidRequest` / ``ColumnNotFound`` when it cannot run."""
    if not isinstance(plan, Plan):
        raise InvalidRequest("Not a plan; build one with Plan(kind=..., ...) or "
                             "Plan.from_dict(...).", details={"field": "plan"})
    schema = with_steps(plan, schema)
    if isinstance(plan, AggregatePlan) and plan.unpivot:
        schema = _unpivot_schema(plan, schema)
    if plan.logic not in ("and", "or"):
        raise InvalidRequest("logic must be 'and' or 'or'.", details={"field": "logic"})
    if plan.chart is not None and plan.chart not in CHART_KINDS:
        raise InvalidRequest(f"Unknown chart kind {plan.chart!r}; use one of "
                             f"{', '.join(CHART_KINDS)}.", details={"field": "chart"})
    for f in plan.filters:
        _filter(schema, f)
    if plan.encoding is not None:
        for c in plan.encoding.columns():
            _column(schema, c, "chart")
        if plan.encoding.bin is not None and not plan.encoding.bin > 0:
            raise InvalidRequest("A bin width must be a positive number.",
                                 details={"field": "encoding"})
        bins = plan.encoding.bins
        if bins is not None and not (isinstance(bins, int) and 1 <= bins <= 500):
            raise InvalidRequest("A number of bins must be a whole number from 1 to 500.",
                                 details={"field": "encoding"})
    check = _CHECKS.get(plan.kind)
    if check is not None:
        check(plan, schema)
    return plan


def with_steps(plan: Plan, schema: SchemaModel) -> SchemaModel:
    """The schema the plan runs on: derived columns of its steps added (numbers)."""
    if not plan.steps:
        return schema
    cols = dict(schema.columns)
    current = SchemaModel(schema.table, cols, schema.n_rows)
    for s in plan.steps:
        if s.action == "derive":
            if not s.name or s.expr is None:
                raise InvalidRequest("A derive step needs a name and an expression.",
                                     details={"field": "steps"})
            if s.name in cols:
                raise InvalidRequest(f"The derived column {s.name!r} already exists; pick "
                                     f"another name.", details={"field": "steps"})
            for c in s.expr.columns():
                _column(current, c, "expression")
                if not current.col(c).numeric and c not in s.expr.non_numeric_columns():
                    raise InvalidRequest(f"{c!r} holds {current.col(c).kind} values; an "
                                         f"expression needs numeric columns.",
                                         details={"field": "steps", "column": c})
            cols[s.name] = ColumnProfile(s.name, "number", schema.n_rows, schema.n_rows)
        elif s.action == "head" and not (isinstance(s.n, int) and s.n >= 1):
            raise InvalidRequest("A head step needs a number of rows n >= 1.",
                                 details={"field": "steps"})
        else:
            for c in s.columns:
                _column(current, c, "step")
    return SchemaModel(schema.table, cols, schema.n_rows)


def _measure(schema: SchemaModel, m: Measure) -> None:
    agg = AGGREGATIONS.get(m.agg)
    if agg is None:
        raise InvalidRequest(f"Unknown aggregation {m.agg!r}; use one of "
                             f"{', '.join(AGGREGATIONS)}.", details={"field": "measures"})
    if m.column is None:
        if agg.needs_column:
            raise InvalidRequest(f"The aggregation {m.agg!r} needs a column.",
                                 details={"field": "measures"})
        return
    _column(schema, m.column, "measure")
    p = schema.col(m.column)
    if m.over is not None:
        _column(schema, m.over, "measure")
        bad = [c for c in (m.column, m.over) if not schema.col(c).numeric]
        if bad or m.agg in ("count", "count_distinct", "count_missing"):
            raise InvalidRequest(
                f"A ratio {m.column!r} / {m.over!r} needs two numeric columns and a "
                f"numeric aggregation (mean, median, sum, min, max); "
                f"{', '.join(repr(b) for b in bad) or repr(m.agg)} does not fit.",
                details={"field": "measures", "column": m.column, "over": m.over})
    elif agg.accepts is not None and p.kind not in agg.accepts:
        numeric = ", ".join(c for c in schema.names() if schema.col(c).numeric) or "none"
        raise InvalidRequest(
            f"Cannot take the {agg.word} {m.column!r}: it holds {p.kind} values, not "
            f"numbers ({agg.name} takes {kinds_text(agg.accepts)}). Numeric columns: "
            f"{numeric}.",
            details={"field": "measures", "column": m.column})
    if m.agg == "quantile" and not (m.q is not None and 0 <= m.q <= 1):
        raise InvalidRequest(f"A percentile must be between 0 and 100 (got {m.q}).",
                             details={"field": "measures"})


def _filter(schema: SchemaModel, f: Filter) -> None:
    _column(schema, f.column, "filter")
    op = FILTER_OPS.get(f.op)
    if op is None:
        raise InvalidRequest(f"Unknown filter operator {f.op!r}; use one of "
                             f"{', '.join(FILTER_OPS)}.", details={"field": "filters"})
    p = schema.col(f.column)
    if op.accepts is not None and p.kind not in op.accepts:
        raise InvalidRequest(f"{f.column!r} holds {p.kind} values; the filter {f.op!r} takes "
                             f"{kinds_text(op.accepts)}.",
                             details={"field": "filters", "column": f.column})
    f.value = _normalise_value(schema, f.column, f.op, f.value)


def _limit(limit: int | None) -> None:
    if limit is not None and not (isinstance(limit, int) and 0 < limit <= MAX_LIMIT):
        raise InvalidRequest(f"limit must be a whole number from 1 to {MAX_LIMIT:,}.",
                             details={"field": "limit"})


def _aggregate(plan: AggregatePlan, schema: SchemaModel) -> None:
    for m in plan.measures:
        _measure(schema, m)
    if not plan.measures:
        raise InvalidRequest("An aggregate plan needs at least one measure.",
                             details={"field": "measures"})
    for g in plan.group_by:
        _column(schema, g, "group_by")
    if plan.time_bucket is not None:
        tb = plan.time_bucket
        _column(schema, tb.column, "time")
        if tb.grain not in TIME_GRAINS and tb.grain != "raw":
            raise InvalidRequest(f"Unknown time grain {tb.grain!r}; use one of "
                                 f"{', '.join(TIME_GRAINS)}.", details={"field": "time_bucket"})
        if tb.grain != "raw" and schema.col(tb.column).kind not in ("date", "datetime"):
            raise InvalidRequest(f"{tb.column!r} is not a date column, so it cannot be bucketed "
                                 f"by {tb.grain}.", details={"field": "time_bucket"})
    for f in plan.part:
        _filter(schema, f)
    if plan.order_by is not None:
        outputs = {m.alias for m in plan.measures} | set(plan.keys) | set(schema.columns)
        if plan.share:
            outputs.add("share_pct")
        if plan.order_by not in outputs:
            raise InvalidRequest(f"Cannot order by {plan.order_by!r}: it is not an output "
                                 f"column ({', '.join(sorted(outputs))}).",
                                 details={"field": "order_by"})
    _limit(plan.limit)


def _rows(plan: RowsPlan, schema: SchemaModel) -> None:
    for c in plan.columns:
        _column(schema, c, "column")
    if plan.order_by is not None:
        _column(schema, plan.order_by, "order_by")
    _limit(plan.limit)


def _distribution(plan: DistributionPlan, schema: SchemaModel) -> None:
    if not plan.columns:
        raise InvalidRequest("A distribution plan needs a column.", details={"field": "columns"})
    for c in plan.columns + plan.group_by:
        _column(schema, c, "column")
    if not schema.col(plan.columns[0]).numeric:
        raise InvalidRequest(f"{plan.columns[0]!r} holds {schema.col(plan.columns[0]).kind} "
                             f"values; a distribution needs numbers.",
                             details={"field": "columns"})


def _lookup(plan: LookupPlan, schema: SchemaModel) -> None:
    if not plan.columns:
        raise InvalidRequest("A lookup needs the columns to return.",
                             details={"field": "columns"})
    for c in plan.columns:
        _column(schema, c, "column")
    for c in plan.same:
        _column(schema, c, "same")
    for f in plan.like:
        _filter(schema, f)
    if bool(plan.same) != bool(plan.like):
        raise InvalidRequest("'same' needs 'like' (the filters naming the row to match) and "
                             "the other way round.", details={"field": "same"})
    if plan.by is not None:
        _column(schema, plan.by, "by")
    elif not plan.filters and not plan.like:
        raise InvalidRequest("A lookup needs filters naming the row, or 'by' (the row with the "
                             "highest or lowest value).", details={"field": "filters"})
    _limit(plan.limit)


def _position(plan: PositionPlan, schema: SchemaModel) -> None:
    for c in plan.columns:
        _column(schema, c, "column")
    if plan.order_by is not None:
        _column(schema, plan.order_by, "order_by")
    if plan.run_by is not None and not (
            plan.position in ("longest_run", "longest_run_value") and
            schema.col(_column(schema, plan.run_by, "run_by")).numeric):
        raise InvalidRequest("'run_by' is a column of whole numbers (a year), for a run.",
                             details={"field": "run_by"})
    for f in plan.anchor + plan.other:
        _filter(schema, f)
    if plan.position == "relative" and (not plan.other or len(plan.labels) != 2):
        raise InvalidRequest("'relative' needs 'other' (the second row) and two 'labels'.",
                             details={"field": "other"})
    if plan.position in ("next", "previous", "count_before", "count_after",
                         "longest_run", "relative") and not plan.anchor:
        raise InvalidRequest(f"'{plan.position}' needs an anchor: the row it is relative to.",
                             details={"field": "anchor"})
    if plan.position == "longest_run_value" and (len(plan.columns) != 1 or plan.filters and
                                                 not plan.run_by):
        raise InvalidRequest("'longest_run_value' needs one column and no filters (a filter "
                             "would join rows that are not consecutive).",
                             details={"field": "columns"})
    if plan.position == "in_order" and (len(plan.columns) != 1 or plan.anchor):
        raise InvalidRequest("'in_order' needs one column.", details={"field": "columns"})
    if not (isinstance(plan.n, int) and plan.n >= 1):
        raise InvalidRequest("n must be a whole number from 1.", details={"field": "n"})


def _comparison(plan: ComparisonPlan, schema: SchemaModel) -> None:
    _measure(schema, plan.measure)
    if plan.output == "which_way" and plan.threshold is not None and not plan.column:
        if plan.items:  # the whole selection against a number: no items to name
            raise InvalidRequest("A comparison with no column takes no items.",
                                 details={"field": "items"})
        return
    _column(schema, plan.column, "column")
    want = 1 if plan.output in ("at_least", "at_most") or (
        plan.output == "which_way" and plan.threshold is not None) else 2
    if len(plan.items) != want:
        raise InvalidRequest(f"A {plan.output} comparison needs {want} item(s) of "
                             f"{plan.column!r}.", details={"field": "items"})
    if want == 1 and plan.threshold is None:
        raise InvalidRequest("at_least / at_most need a threshold.",
                             details={"field": "threshold"})
    plan.items = [_scalar(schema.col(plan.column), plan.column, v) for v in plan.items]


def _change(plan: ChangePlan, schema: SchemaModel) -> None:
    _measure(schema, plan.measure)
    _column(schema, plan.time, "time")
    for g in plan.group_by:
        _column(schema, g, "group_by")
    p = schema.col(plan.time)
    if plan.grain != "raw":
        if plan.grain not in TIME_GRAINS or p.kind not in ("date", "datetime"):
            raise InvalidRequest(f"Cannot take the {plan.grain} of {plan.time!r} "
                                 f"({p.kind} values).", details={"field": "grain"})
    if plan.start is None or plan.end is None:
        # "since 2004": to the last point of the data; "over the period": from its first
        lo, hi = p.min, p.max
        if lo is None or hi is None:
            raise InvalidRequest("A change needs a start and an end.",
                                 details={"field": "start"})
        if plan.grain == "year" and hasattr(lo, "year"):
            lo, hi = lo.year, hi.year
        elif plan.grain not in ("raw", "year"):
            raise InvalidRequest(f"A change by {plan.grain} needs a start and an end.",
                                 details={"field": "start"})
        plan.start = lo if plan.start is None else plan.start
        plan.end = hi if plan.end is None else plan.end
    if plan.grain in ("raw", "year"):
        prof = p if plan.grain == "raw" else ColumnProfile("year", "integer", 0, 0)
        plan.start = _scalar(prof, plan.time, plan.start)
        plan.end = _scalar(prof, plan.time, plan.end)
    if plan.output == "growth_rate":
        try:
            steps = float(plan.end) - float(plan.start)
        except (TypeError, ValueError):
            steps = 0.0
        if steps <= 0:
            raise InvalidRequest("A growth rate needs numeric points (years) with the end "
                                 "after the start.", details={"field": "output"})
    _limit(plan.limit)


def _set(plan: SetPlan, schema: SchemaModel) -> None:
    for c in plan.columns + plan.group_by:
        _column(schema, c, "column")
    if plan.op in ("distinct", "duplicates") and not plan.columns:
        raise InvalidRequest(f"'{plan.op}' needs columns.", details={"field": "columns"})
    lo, hi = plan.min_count, plan.max_count
    if not isinstance(lo, int) or lo < 1 or hi is not None and (not isinstance(hi, int) or
                                                                 hi < lo):
        raise InvalidRequest("min_count must be a whole number from 1, and max_count (if "
                             "given) at least min_count.", details={"field": "min_count"})
    if plan.op == "top_per_group":
        if not plan.group_by or plan.order_by is None:
            raise InvalidRequest("top_per_group needs group_by and order_by.",
                                 details={"field": "group_by"})
        _column(schema, plan.order_by, "order_by")
        if not (isinstance(plan.n, int) and 1 <= plan.n <= MAX_LIMIT):
            raise InvalidRequest("n must be a whole number from 1.", details={"field": "n"})


def _tool(plan: ToolPlan, schema: SchemaModel) -> None:
    if not plan.tool.name:
        raise InvalidRequest("A tool plan needs a tool.", details={"field": "tool"})
    from ..planner.plan_schema import check_tool_args

    check_tool_args(plan)
    if plan.series is not None:
        _column(schema, plan.series.time, "time")
        if plan.series.agg not in AGGREGATIONS:
            raise InvalidRequest(f"Unknown aggregation {plan.series.agg!r}.",
                                 details={"field": "series"})


def _rank(plan: RankPlan, schema: SchemaModel) -> None:
    _measure(schema, plan.measure)
    _column(schema, plan.column, "column")
    plan.item = _scalar(schema.col(plan.column), plan.column, plan.item)


def _percentile(plan: PercentilePlan, schema: SchemaModel) -> None:
    _column(schema, plan.column, "column")
    p = schema.col(plan.column)
    if not p.numeric:
        raise InvalidRequest(f"{plan.column!r} holds {p.kind} values; a percentile needs "
                             f"numbers.", details={"field": "column"})
    plan.value = _scalar(p, plan.column, plan.value)


_CHECKS = {"rank": _rank, "percentile": _percentile, "aggregate": _aggregate, "rows": _rows,
           "distribution": _distribution, "lookup": _lookup, "position": _position,
           "comparison": _comparison, "change": _change, "set": _set, "tool": _tool}


def _unpivot_schema(plan: AggregatePlan, schema: SchemaModel) -> SchemaModel:
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
    long = schema.unpivoted(list(cols), name, value)
    # filters apply to the wide rows, before stacking: keep the wide columns' profiles too
    return SchemaModel(long.table, {**schema.columns, **long.columns}, long.n_rows)


def _normalise_value(schema: SchemaModel, col: str, op: str, value):
    p = schema.col(col)
    shape = FILTER_OPS[op].value
    if shape == "none":
        return None
    if isinstance(value, dict) and "row" in value:
        return _row_value(schema, col, op, value)
    if isinstance(value, dict) and op == "=" and value == {"repeated": True}:
        return {"repeated": True}  # a value more than one row holds
    if isinstance(value, dict) and set(value) == {"column"} and op == "=":
        _column(schema, value["column"], "filter")  # the same row's other column
        if schema.col(value["column"]).numeric != p.numeric or value["column"] == col:
            raise InvalidRequest(f"{col!r} can only be compared with another column of the "
                                 f"same kind of values.", details={"field": "filters",
                                                                   "column": col})
        return {"column": value["column"]}
    if isinstance(value, dict):
        if op not in ("<", "<=", ">", ">=") or value.get("agg") not in ("mean", "median") \
                or not p.numeric:
            raise InvalidRequest("A comparison with a statistic needs a numeric column, one of "
                                 "<, <=, >, >= and {'agg': 'mean' | 'median'}.",
                                 details={"field": "filters", "column": col})
        return {"agg": value["agg"]}
    if shape == "part":
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise InvalidRequest(f"A {op} range needs [first, last].",
                                     details={"field": "filters", "column": col})
            return [_int(v, op, col) for v in value]
        return _int(value, op, col)
    if shape == "date":
        return str(value)
    if shape == "pair":
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise InvalidRequest(f"A {op} filter needs [low, high].",
                                 details={"field": "filters", "column": col})
        return [_scalar(p, col, v) for v in value]
    if shape == "list":
        vals = value if isinstance(value, (list, tuple)) else [value]
        if not vals:
            raise InvalidRequest(f"An {op!r} filter needs at least one value.",
                                 details={"field": "filters", "column": col})
        return [_scalar(p, col, v, strict=op == "in") for v in vals]
    if op in ("contains", "starts with"):
        return str(value)
    return _scalar(p, col, value, strict=op == "=")


def _int(v, op: str, col: str) -> int:
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise InvalidRequest(f"The {op} of {col!r} must be a number (got {v!r}).",
                             details={"field": "filters", "column": col}) from None
    return int(f)


def _row_value(schema: SchemaModel, col: str, op: str, value: dict) -> dict:
    """``{"row": {"column": c, "value": x}}``: compared with ``col`` of the row where ``c`` is
    ``x`` (whether that is one row is checked when the plan runs)."""
    row = value.get("row")
    if op not in ("=", "<", "<=", ">", ">=") or op != "=" and not schema.col(col).numeric or \
            not isinstance(row, dict) or set(row) != {"column", "value"}:
        raise InvalidRequest("A comparison with another row's value needs =, or a numeric "
                             "column and one of <, <=, >, >=, and "
                             "{'row': {'column': ..., 'value': ...}}.",
                             details={"field": "filters", "column": col})
    _column(schema, row["column"], "filter")
    other = schema.col(row["column"])
    return {"row": {"column": row["column"], "value": _scalar(other, row["column"],
                                                              row["value"])}}


def _scalar(p, col: str, v, strict: bool = True):
    if p.kind in NUMERIC:
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, (int, float)):
            return v
        try:
            f = float(str(v).replace(",", ""))
            return int(f) if f.is_integer() else f
        except ValueError:
            raise InvalidRequest(f"{col!r} is numeric but the value {v!r} is not a "
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


__all__ = ["MAX_LIMIT", "validate_plan", "with_steps"]
