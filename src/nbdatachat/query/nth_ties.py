"""The row at place N by a measure ("the second highest") is one row only when the first
N + 1 values by that measure are all different: two rows tied first leave "second" to
either of them, or to the next value; two rows sharing the Nth value are both Nth. Then
the answer says so instead of naming one at random, and so when fewer than N rows have a
value."""

from __future__ import annotations

from ..errors import DataError
from ..planner.plan import Plan, RowsPlan
from .source import Source


def check_nth_ties(plan: Plan, source: Source) -> None:
    """Raise :class:`DataError` when the place ``plan.n`` by ``plan.order_by`` is not one
    row (``plan`` is a ``nth`` position plan ordered by a column)."""
    from .compile import compile_plan

    n = int(plan.n)
    top = RowsPlan(columns=[plan.order_by], filters=list(plan.filters), logic=plan.logic,
                   steps=list(plan.steps), order_by=plan.order_by,
                   descending=plan.descending, limit=n + 1)
    compiled = compile_plan(top, source.schema, source.view, source.backend.dialect)
    values = [row[0] for row in source.fetchall(compiled.sql, compiled.params)]
    present = [v for v in values if v is not None and v == v]
    word = "highest" if plan.descending else "lowest"
    if len(present) < n:
        raise DataError(f"Only {len(present)} row{'s' if len(present) != 1 else ''} "
                        f"{'have' if len(present) != 1 else 'has'} a value of "
                        f"{plan.order_by!r}, so there is no {_ordinal(n)} {word}.",
                        details={"rows": len(present)})
    tied = [k for k in range(1, len(present)) if present[k] == present[k - 1]]
    if any(k <= n - 1 for k in tied) or n in tied:
        at = min(k for k in tied if k <= n) - 1
        raise DataError(f"Several rows share the {_ordinal(at + 1)} {word} {plan.order_by} "
                        f"({_fmt(present[at])}), so the {_ordinal(n)} {word} is not one row; "
                        f"the first {min(len(present), n + 1)} values are "
                        f"{', '.join(_fmt(v) for v in present[:n + 1])}.",
                        details={"values": [_fmt(v) for v in present[:n + 1]]})


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


__all__ = ["check_nth_ties"]
