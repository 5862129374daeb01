"""Comparisons with another row's value ("more gold than <X>", "taller than <Y>"): a filter
whose value is ``{"row": {"column": c, "value": x}}`` compares with the one row where ``c``
is ``x``. That row is checked before the plan runs: none or several such rows (or a row
with no value to compare with) is said, never answered as an empty list or a zero count;
the value found is said with the answer ("the row where Nation is X has Gold 7")."""

from __future__ import annotations

from typing import Any

from ..errors import DataError
from ..operations.base import fmt_value, human
from ..planner.plan import Plan
from .source import Source


def row_filters(plan: Plan) -> list[Any]:
    """The filters comparing with another row's value, or with another column of the same
    row (``{"column": c}``)."""
    return [f for f in getattr(plan, "filters", None) or []
            if isinstance(f.value, dict) and ("row" in f.value or set(f.value) in (
                {"column"}, {"repeated"}))]


def _pair_rows(f: Any, source: Source, plan: Plan) -> None:
    """``A = {"column": B}`` or ``A = {"repeated": True}``: no row at all with the two cells
    equal (or with a value another row has) is said, never answered as an empty list or a
    zero count (the same thing is more often written two ways)."""
    from sqlglot import exp

    from .sqlbuild import Builder, relation

    b = Builder(source.schema, relation(source.view))
    b.with_steps(plan.steps)
    q = exp.select(exp.Count(this=exp.Star()), copy=False).from_(b.relation.copy(), copy=False)
    q = q.where(b.cond(f), copy=False)
    compiled = b.compiled(q, source.backend.dialect)
    if not source.fetchall(compiled.sql, compiled.params)[0][0]:
        what = f"{human(f.column)} the same as " + (
            human(f.value["column"]) if "column" in f.value else "another row's")
        raise DataError(f"No row has {what} (they may be written differently), so I cannot "
                        f"answer that from these cells.", details={"row": what})


def check_row_values(plan: Plan, source: Source) -> list[str]:
    """Notes giving each compared row's value; raises :class:`DataError` when the row
    named is not exactly one row with a value."""
    from sqlglot import exp

    from .sqlbuild import Builder, column, relation

    notes = []
    for f in row_filters(plan):
        if "row" not in f.value:
            _pair_rows(f, source, plan)
            continue
        other, value = f.value["row"]["column"], f.value["row"]["value"]
        b = Builder(source.schema, relation(source.view))
        b.with_steps(plan.steps)
        q = exp.select(exp.Count(this=exp.Star()), exp.Min(this=column(f.column)),
                       exp.Count(this=column(f.column)), copy=False)
        q = q.from_(b.relation.copy(), copy=False).where(
            column(other).eq(b.value(value)), copy=False)
        compiled = b.compiled(q, source.backend.dialect)
        rows, found, valued = source.fetchall(compiled.sql, compiled.params)[0]
        what = f"{human(other)} is {fmt_value(value)}"
        if not rows:
            raise DataError(f"No row has {what}, so there is no {human(f.column)} of it to "
                            f"compare with.", details={"row": what})
        if rows > 1:
            raise DataError(f"{rows} rows have {what}, so \"its {human(f.column)}\" is not one "
                            f"number. Add a detail that picks one of them.",
                            details={"row": what, "rows": int(rows)})
        if not valued:
            raise DataError(f"The row where {what} has no {human(f.column)} to compare "
                            f"with.", details={"row": what})
        notes.append(f"the row where {what} has {human(f.column)} {fmt_value(found)}")
    return notes


__all__ = ["check_row_values", "row_filters"]
