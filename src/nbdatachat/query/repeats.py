"""Repeated rows under a count: rows that are copies of another row in every column but a
running number ("No." 4 and 5 holding the same match) make "how many times ..." two
numbers, the rows as listed or the things they describe, so the answer asks which.

A running number is a column whose values are all different and run 1, 2, ..., n (the
table's own numbering, possibly written "1.", "2."); every other column must be equal for
two rows to be copies. A table with no running number is left alone: rows of observations
(survey answers, readings) may repeat and still be different people or days. Other plans,
and counts with no copies among their rows, are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..operations.base import column
from ..planner.plan import AggregatePlan, Plan
from ..planner.plan_parts import Measure


@dataclass
class Repeats:
    rows: int  # rows counted
    distinct: int  # ... of which different from each other (numbering aside)
    numbering: list[str]

    def message(self, where: str) -> str:
        copies = self.rows - self.distinct
        aside = f" (all but {', '.join(self.numbering)})" if self.numbering else ""
        verb = "repeats" if copies == 1 else "repeat"
        return (f"{self.rows:,} rows match{where}, but {copies:,} of them {verb} another row "
                f"in every column{aside}. Counted once each, that is {self.distinct:,}; as "
                f"listed, {self.rows:,}. Which do you mean?")


def _numbering(schema: Any) -> list[str]:
    out = []
    for c, p in schema.columns.items():
        if p.numeric and not p.approx and p.n_distinct == schema.n_rows and p.n_null == 0 \
                and p.min is not None and float(p.min) in (0.0, 1.0) and \
                float(p.max) - float(p.min) + 1 == schema.n_rows:
            out.append(c)
    return out


def counted_repeats(plan: Plan, source: Any) -> Repeats | None:
    """The :class:`Repeats` among the rows a plain row count counts, or None."""
    from sqlglot import exp

    from .sqlbuild import Builder, relation

    if not isinstance(plan, AggregatePlan) or plan.group_by or plan.time_bucket or \
            plan.unpivot or plan.part or len(plan.measures) != 1 or \
            plan.measures[0].agg != "count" or plan.measures[0].column is not None or \
            plan.steps:
        return None
    schema = source.schema
    skip = _numbering(schema)
    cols = [c for c in schema.names() if c not in skip]
    if not skip or not cols:
        return None  # rows of observations (survey answers) may repeat and be different
    b = Builder(schema, relation(source.view))
    rows = b.select_from(*[column(c) for c in cols])
    where = b.where(plan.filters, plan.logic)
    if where is not None:
        rows = rows.where(where, copy=False)
    sub = rows.subquery("counted")
    distinct = exp.select(exp.Count(this=exp.Star()), copy=False).from_(
        exp.select(exp.Star(), copy=False).from_(sub.copy(), copy=False).distinct()
        .subquery("different"), copy=False)
    q = exp.select(exp.Count(this=exp.Star()),
                   exp.Subquery(this=distinct), copy=False).from_(sub, copy=False)
    compiled = b.compiled(q, source.backend.dialect)
    n, different = source.fetchall(compiled.sql, compiled.params)[0]
    if n is None or different is None or int(different) >= int(n):
        return None
    return Repeats(int(n), int(different), skip)


def rows_with_values(plan: Plan, source: Any) -> int | None:
    """For a count of distinct values marked ``either_count``: how many of the rows the
    plan's filters keep hold a value in the counted column (None for other plans)."""
    if not isinstance(plan, AggregatePlan) or not plan.either_count or \
            len(plan.measures) != 1 or plan.measures[0].agg != "count_distinct" or \
            plan.measures[0].column is None:
        return None
    from .sqlbuild import Builder, relation

    from sqlglot import exp

    col = plan.measures[0].column
    b = Builder(source.schema, relation(source.view))
    q = b.select_from(b.measure(Measure("count", col)))
    # a blank cell ("") holds no value: counted as a value it would agree with the
    # distinct count that also counts it, and a row with no name would pass as one
    text = exp.Trim(this=exp.cast(column(col), "VARCHAR"))
    where = b.where(plan.filters, plan.logic)
    filled = exp.NEQ(this=text, expression=exp.Literal.string(""))
    q = q.where(filled if where is None else exp.and_(where, filled, copy=False), copy=False)
    compiled = b.compiled(q, source.backend.dialect)
    n = source.fetchall(compiled.sql, compiled.params)[0][0]
    return None if n is None else int(n)


def groups_without_rows(plan: Plan, source: Any, limit: int = 8) -> list[str]:
    """For "which <group> had the fewest rows where ...": the values of the group column
    no row under the plan's filters holds (their count there is 0, and a count by group
    never lists them). Empty for other plans."""
    from sqlglot import exp

    from .sqlbuild import Builder, relation

    if not isinstance(plan, AggregatePlan) or not plan.argmax or plan.descending or \
            len(plan.group_by) != 1 or not plan.filters or len(plan.measures) != 1 or \
            plan.measures[0].agg != "count" or plan.measures[0].column is not None or \
            plan.steps or plan.time_bucket:
        return []
    g = plan.group_by[0]
    b = Builder(source.schema, relation(source.view))
    seen = b.select_from(column(g)).where(b.where(plan.filters, plan.logic), copy=False)
    q = b.select_from(column(g)).where(exp.and_(
        exp.not_(column(g).is_(exp.null()), copy=False),
        exp.not_(exp.In(this=column(g), query=exp.Subquery(this=seen.where(
            exp.not_(column(g).is_(exp.null()), copy=False), copy=False))), copy=False),
        copy=False), copy=False).distinct().limit(limit, copy=False)
    compiled = b.compiled(q, source.backend.dialect)
    return [str(r[0]) for r in source.fetchall(compiled.sql, compiled.params)]


__all__ = ["Repeats", "counted_repeats", "groups_without_rows", "rows_with_values"]
