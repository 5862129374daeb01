"""The row ranked just past a named one ("the next highest population after X",
``planner/rank_after.py``) is the first row of a ranking whose filter keeps the rows past
X's value. Another row sharing X's value is neither before nor after X in that ranking:
the answer says so instead of skipping it (or naming it) at random; so are several rows
sharing the next value. With "next" (the plan's ``anchor`` names X) X must head the
ranking: "the next highest after X" inside it may mean the row just above X."""

from __future__ import annotations

from ..errors import DataError
from ..operations.base import fmt_value, human
from ..planner.plan import Filter, Plan, RowsPlan
from .source import Source


def past_filter(plan: Plan) -> Filter | None:
    """The filter "<measure> below/above the named row's" of a ranking plan, if any."""
    by = getattr(plan, "order_by", None)
    for f in getattr(plan, "filters", None) or []:
        if f.column == by and f.op in ("<", ">") and isinstance(f.value, dict) and \
                "row" in f.value:
            return f
    return None


def check_anchor_ties(plan: Plan, source: Source) -> None:
    """Raise :class:`DataError` when rows other than the named one share its value of the
    ranking's measure (``plan`` is a ``nth`` position plan ordered by that measure)."""
    from .compile import compile_plan

    f = past_filter(plan)
    if f is None:
        return
    column, value = f.value["row"]["column"], f.value["row"]["value"]
    same = RowsPlan(columns=[column, f.column],
                    filters=[Filter(f.column, "=", {"row": {"column": column, "value": value}})])
    compiled = compile_plan(same, source.schema, source.view, source.backend.dialect)
    rows = source.fetchall(compiled.sql, compiled.params)
    others = [r[0] for r in rows if r[0] != value]
    if others:
        shown = ", ".join(fmt_value(o) for o in others[:5]) + (" ..." if len(others) > 5 else "")
        raise DataError(f"{fmt_value(value)} shares its {human(f.column)} "
                        f"({fmt_value(rows[0][1])}) with {shown}, so no one row comes right "
                        f"after it in that ranking.",
                        details={"tied": [fmt_value(o) for o in others[:5]]})
    ahead = RowsPlan(columns=[column], filters=[Filter(f.column, ">" if f.op == "<" else "<",
                                                       f.value)])
    compiled = compile_plan(ahead, source.schema, source.view, source.backend.dialect)
    above = source.fetchall(compiled.sql, compiled.params)
    if above and getattr(plan, "anchor", None):
        word = "highest" if plan.descending else "lowest"
        raise DataError(f"{fmt_value(value)} is not the {word} by {human(f.column)} "
                        f"({len(above)} row{'s' if len(above) != 1 else ''} before it), so "
                        f"\"the next {word}\" after it could be the row just before it or "
                        f"just after it; ask for a place instead (\"the second {word}\").",
                        details={"ahead": len(above)})
    label = column
    nxt = RowsPlan(columns=[label, f.column], filters=[f], order_by=f.column,
                   descending=plan.descending, limit=2)
    compiled = compile_plan(nxt, source.schema, source.view, source.backend.dialect)
    top = [r for r in source.fetchall(compiled.sql, compiled.params) if r[1] is not None]
    if len(top) == 2 and top[0][1] == top[1][1]:
        raise DataError(f"Several rows come right after {fmt_value(value)} by "
                        f"{human(f.column)}, tied at {fmt_value(top[0][1])} (such as "
                        f"{fmt_value(top[0][0])} and {fmt_value(top[1][0])}), so I cannot "
                        f"name one.", details={"tied": [fmt_value(r[0]) for r in top]})


__all__ = ["check_anchor_ties", "past_filter"]
