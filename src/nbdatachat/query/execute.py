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
from ..planner.plan import Plan, ToolPlan
from .compile import DIST_SAMPLE, compile_plan, compile_rows, compile_series, distribution_sample
from .row_values import check_row_values, row_filters
from .source import Source
from ..backends.dialects import sample_clause
from .sqlbuild import Compiled, render


@dataclass
class QueryResult:
    """The table behind an answer, how it was computed and what a chart needs."""

    table: pd.DataFrame
    sql: str | None = None
    chart_data: pd.DataFrame | None = None  # raw sample for histograms / scatters
    tool_result: Any = None
    n_input_rows: int | None = None
    notes: list[str] = field(default_factory=list)
    total_rows: int | None = None  # set when the table is the first MAX_RESULT_ROWS of more
    said: list[str] = field(default_factory=list)  # sentences the answer text adds


#: Rows a listing or a many-group table returns when the question set no limit: the rest
#: are counted, not fetched, so a question about a billion rows answers in bounded memory.
MAX_RESULT_ROWS = 10_000


def _bounded(plan: Plan) -> bool:
    return getattr(plan, "limit", 0) is None and (
        plan.kind == "rows" or (plan.kind == "aggregate" and bool(getattr(plan, "keys", None))))


def _limited(compiled: Compiled, n: int) -> Compiled:
    """The same query with ``LIMIT n`` (its ORDER BY kept), in the same dialect."""
    expr = compiled.expression
    if expr is None or expr.args.get("limit") is not None or not hasattr(expr, "limit"):
        return compiled
    expr = expr.copy().limit(n, copy=False)
    return Compiled(render(expr, compiled.dialect), compiled.params, expr, compiled.dialect)


def _shown(compiled: Compiled, source: Source) -> str:
    """The SQL as the engine ran it (in its own dialect), values written in, for people to
    read and rerun."""
    return compiled.inline()


def run_plan(plan: Plan, source: Source) -> QueryResult:
    """Run a validated plan on ``source``: its SQL, compiled in the dialect of the engine
    that holds the data (DuckDB, PostgreSQL, Spark), or its tool."""
    if isinstance(plan, ToolPlan):
        return _run_tool(plan, source)
    compiled = compile_plan(plan, source.schema, source.view, source.backend.dialect)
    anchored = check_row_values(plan, source) if row_filters(plan) else []
    bounded = _bounded(plan)
    run = _limited(compiled, MAX_RESULT_ROWS + 1) if bounded else compiled
    total = None
    try:
        table = source.query(run.sql, run.params)
        if bounded and len(table) > MAX_RESULT_ROWS:
            total = int(source.fetchall(f"SELECT count(*) FROM ({compiled.sql}) AS result_rows",
                                        compiled.params)[0][0])
            table = table.iloc[:MAX_RESULT_ROWS]
    except NbDataChatError:
        raise
    except Exception as exc:
        raise ComputationError(f"The query failed in {source.engine}: {exc}",
                               details={"sql": compiled.inline()}) from None
    keys = getattr(plan, "keys", None)
    if plan.kind == "aggregate" and keys and not (plan.limit or plan.share):
        # missing keys are grouped by DuckDB but dropped by pandas: drop the (few) result
        # rows instead of testing every input row
        keys = [k for k in keys if k in table.columns]
        if keys and table[keys].isna().any(axis=None):
            table = table.dropna(subset=keys).reset_index(drop=True)
    if plan.kind == "position" and table.empty and getattr(plan, "anchor", None) and \
            plan.position in ("next", "previous"):
        _check_anchor(plan, source)
    if plan.kind == "position" and plan.position == "nth" and plan.order_by:
        from .nth_ties import check_nth_ties
        from .rank_after import check_anchor_ties

        check_anchor_ties(plan, source)  # "the next highest after X": X tied with none
        check_nth_ties(plan, source)  # "the second highest": one row, or said why not
    if plan.kind == "position" and plan.position == "relative" and len(table):
        row = table.iloc[0]
        for name, flt in (("first", plan.anchor), ("second", plan.other)):
            what = " and ".join(f.describe() for f in flt)
            n = int(row[f"{name}_rows"] or 0)
            if n != 1:
                raise DataError(f"{'No row has' if n == 0 else f'{n} rows have'} {what}, so "
                                f"I cannot say where it stands.", details={"rows": n})
    if plan.kind == "lookup" and table.empty and getattr(plan, "same", None) and \
            not plan.yes_no:
        # "which X has the same Y as Z" presumes one; none found is more often a value
        # written another way than a true "none": said, never answered as an empty list
        what = " and ".join(f.describe() for f in plan.like)
        raise DataError(f"No other row has the same {', '.join(plan.same)} as the row where "
                        f"{what} (or no row has {what}).", details={"like": what})
    if plan.kind == "lookup" and getattr(plan, "one", False) and len(table) == 1:
        _check_derived(plan, table)
    if plan.kind == "lookup" and getattr(plan, "one", False) and table.empty and \
            any(s.action == "drop_missing" for s in plan.steps):
        _check_dropped(plan)
    table = _tidy(table)
    res = QueryResult(table, _shown(compiled, source), total_rows=total, said=anchored)
    if total is not None:
        res.notes.append(f"showing the first {MAX_RESULT_ROWS:,} of {total:,} result rows; "
                         f"ask for a top N or add a filter to see others")
    if plan.kind == "distribution":
        samp = distribution_sample(plan, source.schema, source.view, source.backend.dialect)
        res.chart_data = _tidy(source.query(samp.sql, samp.params))
        if source.schema.n_rows > DIST_SAMPLE:
            res.notes.append(f"the chart shows a random sample of {len(res.chart_data):,} of "
                             f"{source.schema.n_rows:,} rows; the statistics use every row")
    return res


def _check_derived(plan: Plan, table: pd.DataFrame) -> None:
    """The one row named has no value for a column the plan derives ("how long did X serve"
    with an end "present" or blank): said, never answered as a missing number (and today's
    date is never taken for the end)."""
    steps = [s for s in plan.steps if s.action == "derive" and s.name in table.columns]
    if not steps or not table[[s.name for s in steps]].isna().all(axis=None):
        return
    cols = list(dict.fromkeys(c for s in steps for c in (s.expr.columns() if s.expr else [])))
    what = " and ".join(f.describe() for f in plan.filters)
    raise DataError(f"The row where {what} has no value of {steps[0].name!r} to give: "
                    f"{' or '.join(repr(c) for c in cols)} is missing there or not a number "
                    f"or year (an end such as \"present\" is not read as today).",
                    details={"columns": cols})


def _check_dropped(plan: Plan) -> None:
    """The one row named was dropped for having no value the plan derives ("how long did
    X take" where X's cell is a gap to the leader, "+24.3", or "Retired"): said, never
    answered as no rows."""
    derived = [s for s in plan.steps if s.action == "derive" and s.expr is not None]
    cols = list(dict.fromkeys(c for s in derived for c in s.expr.columns()))
    what = " and ".join(f.describe() for f in plan.filters)
    raise DataError(f"No row where {what} has a value of {derived[0].name if derived else '?'!r}"
                    f" to give: {' or '.join(repr(c) for c in cols)} there is not a time or "
                    f"a mark "
                    f"(a gap such as \"+24.3\" or a word), or no row has {what}.",
                    details={"columns": cols})


def _check_anchor(plan: Plan, source: Source) -> None:
    """No row next to the anchor: say why when the anchor is missing or found in several
    places (then "the row after it" names no one row, and guessing would be wrong)."""
    from .compile_kinds import anchor_rows
    from .sqlbuild import Builder, relation

    b = Builder(source.schema, relation(source.view))
    b.with_steps(plan.steps)
    compiled = b.compiled(anchor_rows(plan, b), "duckdb")
    rows, span = source.fetchall(compiled.sql, compiled.params)[0]
    what = " and ".join(f.describe() for f in plan.anchor)
    if not rows:
        raise DataError(f"No row has {what}, so there is no row next to it.",
                        details={"anchor": what})
    if rows > 1 and span != rows:
        raise DataError(f"{rows} rows in different places have {what}, so \"the row "
                        f"{'after' if plan.position == 'next' else 'before'} it\" is not one "
                        f"row. Add a detail that picks one of them.",
                        details={"anchor": what, "rows": int(rows)})
    edge = "last" if plan.position == "next" else "first"
    raise DataError(f"The row where {what} is the {edge} row (in table order), so no row comes "
                    f"{'after' if plan.position == 'next' else 'before'} it.",
                    details={"anchor": what})


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

def _run_tool(plan: ToolPlan, source: Source) -> QueryResult:
    from ..tools import get_tool, run_tool

    name, args = plan.tool.name, dict(plan.tool.args)
    schema = source.schema
    dialect = source.backend.dialect
    sampled = False
    if plan.series is None and _in_engine(name, args, source):
        done = _run_in_engine(plan, source, name, args)
        if done is not None:
            return done
    if plan.series is not None:
        target = args["target"]
        compiled = compile_series(plan, schema, source.view, target, dialect)
        series = _tidy(source.query(compiled.sql, compiled.params))
        if len(series) < 4:
            raise DataError(f"Only {len(series)} time points after filtering; a forecast needs "
                            f"more history.", details={"points": len(series)})
        data = series.rename(columns={series.columns[-1]: target})
        inputs = {**args, "date": series.columns[0]}
        if "aggregate" in get_tool(name).inputs.model_fields and not args.get("horizon_unit"):
            # the engine already combined the rows of each time point; with a horizon_unit
            # the plan's aggregate is how the tool combines the points of each period
            inputs.pop("aggregate", None)
        n_rows = len(series)
    else:
        cols = _tool_columns(args, schema)
        compiled = compile_rows(plan, schema, source.view, cols, dialect)
        if schema.n_rows > TOOL_SAMPLE_ROWS:  # a stated random sample, never every row
            compiled = sampled_rows(compiled, TOOL_SAMPLE_ROWS)
            sampled = True
        data = source.query(compiled.sql, compiled.params)
        n_rows = len(data)
        if data.empty:
            raise DataError("No rows match the question's filters, so there is nothing to "
                            "analyse.", details={"filters": [f.describe() for f in plan.filters]})
        inputs = args
    inputs = {k: v for k, v in inputs.items() if v is not None}
    try:
        result = run_tool(name, dataset=data, **inputs)
    except NbDataChatError:
        raise
    except Exception as exc:  # pragma: no cover - tools wrap their own errors
        raise ComputationError(f"{name} failed: {exc}", details={"tool": name}) from None
    notes = []
    if sampled:
        from ..tools.in_engine import state_sample

        notes.append(state_sample(result, name, n_rows, schema.n_rows, source.engine))
    elif plan.series is not None:
        result.statistics.setdefault(
            "path", f"in-engine aggregate: the {n_rows}-point series was computed by "
                    f"{source.engine}")
    table = _tool_table(result)
    return QueryResult(table, _shown(compiled, source), tool_result=result, n_input_rows=n_rows,
                       notes=notes)


def sampled_rows(compiled: Compiled, n: int) -> Compiled:
    """A seeded random sample of ``n`` of the query's rows, in the query's dialect (DuckDB's
    reservoir sample; a seeded random order and ``LIMIT`` where the engine has none)."""
    from sqlglot import exp

    q = exp.select(exp.Star(), copy=False).from_(compiled.expression.subquery("tool_rows"),
                                                 copy=False)
    q.set("sample", sample_clause(n))
    return Compiled(render(q, compiled.dialect), compiled.params, q, compiled.dialect)


#: Tools without an in-engine path run on at most this many rows: a seeded random sample
#: of the rows they need, stated in the result, when the data has more.
TOOL_SAMPLE_ROWS = 1_000_000

#: Above this many rows (or whenever the data lives in PostgreSQL or Spark) tools that can
#: run from in-engine aggregates do, instead of fetching the rows they need.
IN_ENGINE_ROWS = 1_000_000


def _in_engine(name: str, args: dict[str, Any], source: Source) -> bool:
    from ..tools.in_engine import IN_ENGINE_TOOLS

    big = source.engine != "DuckDB" or source.schema.n_rows > IN_ENGINE_ROWS
    return big and name in IN_ENGINE_TOOLS


def _run_in_engine(plan: ToolPlan, source: Source, name: str, args: dict[str, Any]
                   ) -> QueryResult | None:
    """A tool computed from aggregates in the data's engine (no rows fetched); the result's
    ``statistics["path"]`` says so. The plan's filters apply through its row query, used as
    the relation. None when the tool's inputs need the rows (the caller samples them); a
    regression too ill-conditioned for the path fetches its rows when there are few."""
    from ..tools import in_engine
    from ..tools.registry import validate_inputs

    _, parsed = validate_inputs(name, {**args, "dataset": None})
    cols = _tool_columns(args, source.schema) or source.schema.names()
    rows = compile_rows(plan, source.schema, source.view, cols, source.backend.dialect)
    table = in_engine.EngineTable(source.backend, rows.expression.subquery("tool_rows"),
                                  rows.params)
    kinds = {c: source.schema.col(c).kind for c in cols}
    try:
        result = in_engine.run_on(name, table, parsed, kinds)
    except DataError:
        if name != "linear_regression" or source.schema.n_rows > IN_ENGINE_ROWS:
            raise
        # ill-conditioned and small: the exact in-memory QR path
        from ..tools import run_tool

        data = source.query(rows.sql, rows.params)
        result = run_tool(name, dataset=data, **{k: v for k, v in args.items()
                                                 if v is not None})
        return QueryResult(_tool_table(result), _shown(rows, source), tool_result=result,
                           n_input_rows=len(data))
    if result is None:
        return None
    return QueryResult(_tool_table(result), _shown(rows, source), tool_result=result,
                       n_input_rows=result.n_obs, notes=[result.statistics["path"]])


def _tool_columns(args: dict[str, Any], schema: Any) -> list[str]:
    """The data's columns a tool's arguments name (target, features, group, columns ...),
    in the order named: the only columns its row query selects."""
    cols: list[str] = []
    for value in args.values():
        for c in (value if isinstance(value, list) else [value]):
            if isinstance(c, str) and c in schema.columns and c not in cols:
                cols.append(c)
    return cols


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


__all__ = ["QueryResult", "run_plan"]
