"""The pandas code equivalent to a plan, for people to read, paste and adapt.

It is generated text that nbdatachat itself never executes. It assumes the data is in a
DataFrame called ``df`` and leaves the answer in ``result``.
"""

from __future__ import annotations

from ..planner.plan import Filter, Measure, Plan

_PANDAS_AGG = {"sum": "sum", "mean": "mean", "median": "median", "min": "min", "max": "max",
               "std": "std", "var": "var", "count": "count", "count_distinct": "nunique"}
_PERIOD = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D", "hour": "h"}


def _col(name: str) -> str:
    return f"d[{name!r}]"


def _filter_code(f: Filter) -> str:
    c = _col(f.column)
    v = f.value
    if isinstance(v, dict):
        return f"({c} {f.op} df[{f.column!r}].{v['agg']}())"
    if f.op == "=":
        return f"({c} == {v!r})"
    if f.op == "!=":
        return f"({c} != {v!r})"
    if f.op in ("<", "<=", ">", ">="):
        return f"({c} {f.op} {v!r})"
    if f.op == "between":
        return f"{c}.between({v[0]!r}, {v[1]!r})"
    if f.op == "in":
        return f"{c}.isin({list(v)!r})"
    if f.op == "not in":
        return f"~{c}.isin({list(v)!r})"
    if f.op in ("year", "month", "quarter"):
        if isinstance(v, (list, tuple)):
            return f"{c}.dt.{f.op}.between({v[0]!r}, {v[1]!r})"
        return f"({c}.dt.{f.op} == {v!r})"
    if f.op == "date>=":
        return f"({c} >= pd.Timestamp({str(v)!r}))"
    if f.op == "date<":
        return f"({c} < pd.Timestamp({str(v)!r}))"
    if f.op == "is null":
        return f"{c}.isna()"
    if f.op == "not null":
        return f"{c}.notna()"
    return "True"  # pragma: no cover - validated before


def _mask(plan: Plan) -> str:
    joiner = " & " if plan.logic == "and" else " | "
    return joiner.join(_filter_code(f) for f in plan.filters)


def _named_agg(m: Measure, first_col: str) -> str:
    if m.column is None:
        return f"{m.alias}=({first_col!r}, 'size')"
    if m.agg == "quantile":
        return f"{m.alias}=({m.column!r}, lambda s: s.quantile({m.q!r}))"
    return f"{m.alias}=({m.column!r}, {_PANDAS_AGG[m.agg]!r})"


def _scalar(m: Measure) -> str:
    if m.column is None:
        return "len(d)"
    if m.agg == "quantile":
        return f"d[{m.column!r}].quantile({m.q!r})"
    return f"d[{m.column!r}].{_PANDAS_AGG[m.agg]}()"


def _renamed(order_by: str, old: list[Measure], new: list[Measure]) -> str:
    for a, b in zip(old, new):
        if a.alias == order_by:
            return b.alias
    return order_by


def pandas_code(plan: Plan, columns: list[str] | None = None) -> str:
    """Code reproducing ``plan`` on a DataFrame ``df``; ``columns`` are the frame's columns
    (needed to count rows with a named aggregation)."""
    lines = ["import pandas as pd", "", "d = df"]
    if plan.filters:
        lines.append(f"d = d[{_mask(plan)}]")
    first_col = (columns or ["index"])[0]
    if plan.unpivot:
        u = plan.unpivot
        ids = [c for c in (columns or []) if c not in u["columns"]]
        lines.append(f"d = d.melt(id_vars={ids!r}, value_vars={list(u['columns'])!r}, "
                     f"var_name={u['name']!r}, value_name={u['value']!r})")
        plan = plan.copy(unpivot=None, filters=[])
        first_col = u["name"]
    if plan.kind == "tool" and plan.tool is not None:
        args = ", ".join(f"{k}={v!r}" for k, v in plan.tool.args.items())
        lines += ["import nbdatachat", "",
                  f"result = nbdatachat.run_tool({plan.tool.name!r}, dataset=d, {args})"]
        return "\n".join(lines)
    if plan.kind == "rows":
        if plan.columns:
            lines.append(f"d = d[{list(plan.columns)!r}]")
        if plan.order_by:
            lines.append(f"d = d.sort_values({plan.order_by!r}, "
                         f"ascending={not plan.descending})")
        if plan.chart == "scatter" and not plan.order_by and plan.limit:
            lines.append(f"result = d.sample(min(len(d), {plan.limit}), random_state=7)")
        else:
            lines.append(f"result = d.head({plan.limit})" if plan.limit else "result = d")
        return "\n".join(lines)
    if plan.kind == "distribution":
        col = plan.columns[0]
        stats = ("['count', 'mean', 'std', 'min', "
                 "('p25', lambda s: s.quantile(0.25)), 'median', "
                 "('p75', lambda s: s.quantile(0.75)), 'max']")
        if plan.group_by:
            lines.append(f"result = d.groupby({list(plan.group_by)!r})[{col!r}].agg({stats})"
                         f".reset_index()")
        else:
            lines.append(f"result = d[{col!r}].agg({stats})")
        return "\n".join(lines)
    if any(m.over for m in plan.measures):
        # derived measures become a column first, then aggregate like any other
        measures = []
        for m in plan.measures:
            if m.over is None:
                measures.append(m)
                continue
            scale = " * 100" if m.percent else ""
            lines.append(f"d = d.assign(**{{{m.source!r}: d[{m.column!r}] / "
                         f"d[{m.over!r}].where(d[{m.over!r}] != 0){scale}}})")
            measures.append(Measure(m.agg, m.source, m.q))
        plan = plan.copy(measures=[vars(x) for x in measures],
                         order_by=None if plan.order_by is None else
                         _renamed(plan.order_by, plan.measures, measures))
    keys = list(plan.group_by)
    tb = plan.time_bucket
    if tb is not None:
        if tb.grain == "raw":
            keys.insert(0, tb.column)
        else:
            lines.append(f"d = d.assign(**{{{tb.alias!r}: d[{tb.column!r}].dt.to_period("
                         f"{_PERIOD[tb.grain]!r}).dt.start_time}})")
            keys.insert(0, tb.alias)
    if not keys:
        m = plan.measures[0]
        if plan.share and plan.part:
            mask = " & ".join(_filter_code(f) for f in plan.part)
            part = ("d[mask].shape[0]" if m.column is None
                    else f"d.loc[mask, {m.column!r}].{_PANDAS_AGG[m.agg]}()")
            lines += [f"mask = {mask}", f"result = 100 * {part} / {_scalar(m)}"]
            return "\n".join(lines)
        if len(plan.measures) == 1:
            lines.append(f"result = {_scalar(m)}")
        else:
            body = ", ".join(f"{x.alias!r}: {_scalar(x)}" for x in plan.measures)
            lines.append(f"result = pd.Series({{{body}}})")
        return "\n".join(lines)
    aggs = ", ".join(_named_agg(m, first_col) for m in plan.measures)
    lines.append(f"result = d.groupby({keys!r}, as_index=False).agg({aggs})")
    if plan.share:
        a = plan.measures[0].alias
        lines.append(f"result['share_pct'] = 100 * result[{a!r}] / result[{a!r}].sum()")
    if plan.order_by:
        lines.append(f"result = result.sort_values({plan.order_by!r}, "
                     f"ascending={not plan.descending}, kind='stable')")
    if plan.limit:
        lines.append(f"result = result.head({plan.limit})")
    return "\n".join(lines)


__all__ = ["pandas_code"]
