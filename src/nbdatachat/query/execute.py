"""Running a validated plan: SQL plans in DuckDB, tool plans through ``run_tool``.

DuckDB reads the registered data in place; only the (small) result comes back as pandas.
Tool plans first select the rows and columns the tool needs with the same filters (or, for a
forecast, the aggregated series), then call the tool by name with typed inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import ComputationError, DataError, NbDataChatError
from ..planner.plan import Plan
from .compile import (compile_rows, compile_series, compile_sql, distribution_sample_sql, inline)
from .source import Source


@dataclass
class QueryResult:
    """The table behind an answer, how it was computed and what a chart needs."""

    table: pd.DataFrame
    sql: str | None = None
    chart_data: pd.DataFrame | None = None  # raw sample for histograms / scatters
    tool_result: Any = None
    n_input_rows: int | None = None
    notes: list[str] = field(default_factory=list)


def run_plan(plan: Plan, source: Source) -> QueryResult:
    if plan.kind == "tool":
        return _run_tool(plan, source)
    compiled = compile_sql(plan, source.schema, source.view)
    try:
        table = source.query(compiled.sql, compiled.params)
    except NbDataChatError:
        raise
    except Exception as exc:
        raise ComputationError(f"The query failed in DuckDB: {exc}",
                               details={"sql": inline(compiled)}) from None
    if plan.kind == "aggregate" and plan.keys and not (plan.limit or plan.share):
        # missing keys are grouped by DuckDB but dropped by pandas: drop the (few) result
        # rows instead of testing every input row
        keys = [k for k in plan.keys if k in table.columns]
        if keys and table[keys].isna().any(axis=None):
            table = table.dropna(subset=keys).reset_index(drop=True)
    table = _tidy(table)
    res = QueryResult(table, inline(compiled))
    if plan.kind == "distribution":
        samp = distribution_sample_sql(plan, source.schema, source.view)
        res.chart_data = _tidy(source.query(samp.sql, samp.params))
    return res


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Counts come back from DuckDB as int64 already; sums of integers come back as int128
    (object or float). Give whole-number sums and counts an integer dtype so they print as
    whole numbers."""
    for c in df.columns:
        s = df[c]
        name = str(c)
        if not (name == "count" or name.startswith(("count_", "sum_", "part", "total"))):
            continue
        if s.dtype == object:
            s = pd.to_numeric(s, errors="coerce")
        if pd.api.types.is_float_dtype(s) and len(s) and s.notna().all():
            vals = s.to_numpy()
            if (vals == vals.round()).all() and abs(vals).max() < 2**53 and name != "total" \
                    and not name.startswith("part"):
                s = s.astype("int64")
        df[c] = s
    return df


# -- tools --------------------------------------------------------------------------------

_ALIASES = {
    "target": ("target", "y", "column", "value", "outcome"),
    "features": ("features", "columns", "x", "predictors", "variables"),
    "group": ("group", "group_column", "groups_column", "by", "factor", "category"),
    "groups": ("groups", "levels", "group_values", "values"),
    "n_clusters": ("n_clusters", "k", "clusters"),
}


def tool_inputs(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """Map the planner's generic arguments onto the tool's own input fields."""
    from ..tools import get_tool

    fields = set(get_tool(name).inputs.model_fields)
    out: dict[str, Any] = {}
    for key, value in args.items():
        if key in fields:
            out[key] = value
            continue
        for alias in _ALIASES.get(key, ()):
            if alias in fields and alias not in out:
                out[alias] = value
                break
    # A tool with one column pair (t_test's value/group) but no "features": use target+group.
    if "features" in args and "features" not in fields and "target" in fields and \
            "target" not in out:
        out["target"] = args["features"][0]
    return out


def _run_tool(plan: Plan, source: Source) -> QueryResult:
    from ..tools import run_tool

    assert plan.tool is not None
    name, args = plan.tool.name, dict(plan.tool.args)
    schema = source.schema
    if name in ("arima", "exponential_smoothing"):
        agg = args.pop("agg", "sum")
        args.pop("grain", None)
        time_col = args.pop("time")
        compiled = compile_series(plan, schema, source.view, args["target"], agg)
        series = _tidy(source.query(compiled.sql, compiled.params))
        if len(series) < 4:
            raise DataError(f"Only {len(series)} time points after filtering; a forecast needs "
                            f"more history.", details={"points": len(series)})
        value_col = series.columns[-1]
        date_col = series.columns[0]
        data = series.rename(columns={value_col: args["target"]})
        inputs = {"target": args["target"], "date": date_col, "horizon": args.get("horizon")}
        sql = inline(compiled)
        n_rows = len(series)
        del time_col
    else:
        cols: list[str] = []
        for key in ("target", "group"):
            if args.get(key) and args[key] not in cols:
                cols.append(args[key])
        for c in args.get("features", []):
            if c not in cols:
                cols.append(c)
        compiled = compile_rows(plan, schema, source.view, cols)
        data = source.query(compiled.sql, compiled.params)
        if args.get("groups") and args.get("group"):
            data = data[data[args["group"]].isin(args["groups"])]
        sql = inline(compiled)
        n_rows = len(data)
        if data.empty:
            raise DataError("No rows match the question's filters, so there is nothing to "
                            "analyse.", details={"filters": [f.describe() for f in plan.filters]})
        inputs = tool_inputs(name, args)
    inputs = {k: v for k, v in inputs.items() if v is not None}
    try:
        result = run_tool(name, dataset=data, **inputs)
    except NbDataChatError:
        raise
    except Exception as exc:  # pragma: no cover - tools wrap their own errors
        raise ComputationError(f"{name} failed: {exc}", details={"tool": name}) from None
    table = _tool_table(result)
    return QueryResult(table, sql, tool_result=result, n_input_rows=n_rows)


def _tool_table(result: Any) -> pd.DataFrame:
    for key in ("forecast", "coefficient_table", "coefficients", "correlations",
                "correlation_matrix", "group_stats", "groups", "clusters", "summary"):
        t = result.tables.get(key)
        if isinstance(t, pd.DataFrame) and not t.empty:
            return t.reset_index(drop=True)
    for t in result.tables.values():
        if isinstance(t, pd.DataFrame) and not t.empty:
            return t.reset_index(drop=True)
    row = {**{k: v for k, v in result.performance.items() if not isinstance(v, (dict, list))},
           **{k: v for k, v in result.statistics.items() if not isinstance(v, (dict, list))}}
    return pd.DataFrame([row]) if row else pd.DataFrame()


__all__ = ["QueryResult", "run_plan", "tool_inputs"]
