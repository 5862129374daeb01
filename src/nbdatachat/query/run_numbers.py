"""Runs counted in whole numbers (issue 12): "how many consecutive years ...", "which club
won 3 consecutive titles".

A :class:`~nbdatachat.planner.plan_kinds.PositionPlan` run (``longest_run``,
``longest_run_value``) with ``run_by`` (a column of whole numbers, a year) counts
consecutive *numbers* of that column, not consecutive rows: 2001, 2002 and 2003 are a run of
three even with other rows between them or two rows in 2002, and 2001 then 2003 is no run.
``n`` of ``longest_run_value`` above 1 asks for every value holding at least ``n``
(``which club won 3 consecutive titles``) rather than the longest. Each piece is given as
SQL (SQLGlot, gaps and islands: a number minus its rank among the run's numbers is constant
along a run) and as the pandas code a user can run.
"""

from __future__ import annotations

from typing import Any

from ..operations.base import column
from ..planner.plan_kinds import PositionPlan
from .sqlbuild import Builder, alias, ordered


def runs_by_number(plan: PositionPlan, b: Builder) -> Any:
    """SQL of a run counted in consecutive numbers of ``plan.run_by``."""
    from sqlglot import exp

    y = column(plan.run_by)
    conds = [c for c in (b.where(plan.filters, plan.logic),
                         b.where(plan.anchor, "and") if plan.position == "longest_run"
                         else None) if c is not None]
    keys = [] if plan.position == "longest_run" else [column(plan.columns[0])]
    not_null = [exp.Not(this=exp.Is(this=k.copy(), expression=exp.Null()))
                for k in [y, *keys]]
    hits = b.select_from(*[alias(k.copy(), "run_value") for k in keys],
                         alias(y.copy(), "run_number")).distinct()
    hits = hits.where(exp.and_(*conds, *not_null, copy=False), copy=False).subquery("hits")
    rank = exp.Window(this=exp.RowNumber(), order=exp.Order(expressions=[
        ordered(column("run_number"), False)]))
    if keys:
        rank.set("partition_by", [column("run_value")])
    islands = exp.select(*([column("run_value")] if keys else []),
                         alias(exp.Sub(this=column("run_number"), expression=rank), "island"),
                         copy=False).from_(hits, copy=False).subquery("islands")
    runs = exp.select(*([column("run_value")] if keys else []),
                      alias(exp.Count(this=exp.Star()), "run"), copy=False).from_(
        islands, copy=False).group_by(*([column("run_value")] if keys else []),
                                      column("island"), copy=False).subquery("runs")
    if not keys:
        longest = exp.Coalesce(this=exp.Max(this=column("run")),
                               expressions=[exp.Literal.number(0)])
        return exp.select(alias(longest, "count"), copy=False).from_(runs, copy=False)
    return pick_values(plan, runs)


def pick_values(plan: PositionPlan, runs: Any) -> Any:
    """From ``runs`` (``run_value``, ``run``): the value(s) of the longest run, or with
    ``n`` above 1 every value whose longest run is at least ``n``."""
    from sqlglot import exp

    name = plan.columns[0]
    if plan.n > 1:
        best = exp.Max(this=column("run"))
        return exp.select(alias(column("run_value"), name), alias(best, "run"),
                          copy=False).from_(runs, copy=False).group_by(
            column("run_value"), copy=False).having(
            exp.GTE(this=best.copy(), expression=exp.Literal.number(int(plan.n))),
            copy=False).order_by(column("run_value"), copy=False)
    top = exp.select(exp.Max(this=column("run")), copy=False).from_(runs.copy(), copy=False)
    return exp.select(alias(column("run_value"), name), column("run"),
                      copy=False).distinct().from_(runs, copy=False).where(
        column("run").eq(exp.Subquery(this=top)), copy=False).order_by(
        column("run_value"), copy=False)


def runs_code(plan: PositionPlan, anchor: str) -> list[str]:
    """The pandas lines of a run counted in consecutive numbers of ``plan.run_by`` (``d``
    the rows after the plan's filters, ``anchor`` the run's conditions as code)."""
    y = plan.run_by
    if plan.position == "longest_run":
        return [f"hit = ({anchor}).fillna(False).astype(bool)",
                f"y = pd.Series(sorted(set(d.loc[hit, {y!r}].dropna())), dtype=float)",
                "island = y - pd.Series(range(len(y)), index=y.index)  # constant along a run",
                "result = int(island.value_counts().max()) if len(y) else 0"]
    col = plan.columns[0]
    return [f"pairs = d[[{col!r}, {y!r}]].dropna().drop_duplicates().sort_values("
            f"[{col!r}, {y!r}])",
            f"pairs['island'] = pairs[{y!r}] - pairs.groupby({col!r}).cumcount()",
            f"runs = pairs.groupby([{col!r}, 'island']).size().rename('run').reset_index()"
            f".rename(columns={{{col!r}: 'run_value'}})", *pick_code(plan)]


def pick_code(plan: PositionPlan) -> list[str]:
    """The pandas lines of :func:`pick_values` over ``runs`` (``run_value``, ``run``)."""
    col = plan.columns[0]
    best = ["best = runs.groupby('run_value', as_index=False)['run'].max()"]
    keep = f"best['run'] >= {int(plan.n)}" if plan.n > 1 else "best['run'] == best['run'].max()"
    return best + [f"result = best[{keep}].sort_values('run_value').rename(columns="
                   f"{{'run_value': {col!r}}})[[{col!r}, 'run']]"]


def in_order(plan: PositionPlan, from_numbered: Any, pos: Any, numbers: bool) -> Any:
    """SQL of ``in_order``: over the rows with a value of ``columns[0]`` in table order, how
    many go down from the row before (``descents``) and, for ``numbers``, how many go up by
    more than one (``gaps``)."""
    from sqlglot import exp

    v = column(plan.columns[0])
    prev = exp.Window(this=exp.Lag(this=v.copy()), order=exp.Order(expressions=[
        ordered(pos.copy(), False)]))
    steps = from_numbered(alias(v.copy(), "v"), alias(prev, "prev")).where(
        exp.Not(this=exp.Is(this=v.copy(), expression=exp.Null())), copy=False)

    def count(cond: Any) -> Any:
        return exp.Sum(this=exp.Case(ifs=[exp.If(this=cond, true=exp.Literal.number(1))],
                                     default=exp.Literal.number(0)))

    down = count(exp.LT(this=column("v"), expression=column("prev")))
    gaps = count(exp.GT(this=exp.Sub(this=column("v"), expression=column("prev")),
                        expression=exp.Literal.number(1))) if numbers else exp.Literal.number(0)
    return exp.select(alias(exp.Coalesce(this=down, expressions=[exp.Literal.number(0)]),
                            "descents"),
                      alias(exp.Coalesce(this=gaps, expressions=[exp.Literal.number(0)]),
                            "gaps"), alias(exp.Literal.number(int(numbers)), "numbers"),
                      copy=False).from_(steps.subquery("steps"), copy=False)


def in_order_code(plan: PositionPlan) -> list[str]:
    """The pandas lines of :func:`in_order`."""
    col = plan.columns[0]
    return [f"v = d[{col!r}].dropna()",
            "down = int((v < v.shift()).sum())  # rows below the row before",
            "numbers = int(pd.api.types.is_numeric_dtype(v))",
            "gaps = int((v.diff() > 1).sum()) if numbers else 0",
            "result = {'descents': down, 'gaps': gaps, 'numbers': numbers}"]


__all__ = ["in_order", "in_order_code", "pick_code", "pick_values", "runs_by_number",
           "runs_code"]
