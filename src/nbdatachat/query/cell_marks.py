"""Marks read from a text cell, as SQL and as pandas code: the ``Expr`` ops of
``plan_parts.MARK_OPS`` ("outcome": 1 for a win "W 24-17", -1 a loss, 0 a draw; "away": 1 for
"at X" / "@ X", 0 a bare name). Each op is a list of (code, pattern) tried in order over the
lowered cell; the first pattern found gives the code, none gives a missing value. A code of
None stops the search with a missing value ("vs. X": a neutral site, neither home nor away).

The patterns are plain regular expressions both engines read alike (no look-ahead), so the
SQL and the pandas code agree cell for cell; the reader checks them against the cells it
read before it plans with them.
"""

from __future__ import annotations

from typing import Any

from ..planner.plan_parts import MARK_OPS


def mark_sql(col: Any, op: str) -> Any:
    """CASE WHEN <pattern> THEN <code> ... END over the lowered text of ``col``."""
    from sqlglot import exp

    text = exp.Lower(this=exp.cast(col.copy(), "TEXT", copy=False))
    ifs = [exp.If(this=exp.RegexpLike(this=text.copy(), expression=exp.Literal.string(p)),
                  true=exp.Null() if code is None else exp.Literal.number(code))
           for code, p in MARK_OPS[op]]
    return exp.Case(ifs=ifs)


def mark_code(text: str, op: str) -> str:
    """The pandas expression of the codes of the Series ``text`` (its code as a string)."""
    out = "(lambda t: pd.Series(pd.NA, index=t.index, dtype='Float64')"
    for code, p in reversed(MARK_OPS[op]):  # the first pattern applied last, so it wins
        value = "pd.NA" if code is None else repr(float(code))
        out += f".mask(t.str.contains({p!r}, na=False), {value})"
    return out + f")({text}.astype('string').str.lower())"


__all__ = ["mark_code", "mark_sql"]
