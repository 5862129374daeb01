"""The sum of the two numbers of a score cell, as SQL and as pandas code: the ``Expr`` op
``score_sum`` ("W 27–24": 51, "3–1 (a.e.t.)": 4; a cell with no score is missing).

With the margin (``margin``, the two numbers' absolute difference) and the outcome mark of
the row (``outcome``: 1 a win, -1 a loss, 0 a draw) it gives each side's score whichever
number is written first: the own side's is (sum + outcome * margin) / 2, the higher number
of a win and the lower of a loss; the other side's is (sum - outcome * margin) / 2
(``planner/score_sides.py`` builds those expressions).
"""

from __future__ import annotations

from typing import Any

from ..planner.plan_parts import SCORE_PAIR_PATTERN


def score_sum_sql(group: Any) -> Any:
    """The SQL of the sum; ``group(pattern, n)`` is the n-th number a pattern finds."""
    from sqlglot import exp

    return exp.Add(this=group(SCORE_PAIR_PATTERN, 1), expression=group(SCORE_PAIR_PATTERN, 2))


def score_sum_code(text: str) -> str:
    """The pandas expression of the sum; ``text`` is the code of ``Series.str.extract``."""
    pair = f"{text}({SCORE_PAIR_PATTERN!r}).astype('Float64')"
    return f"(lambda t: t[0] + t[1])({pair})"


__all__ = ["score_sum_code", "score_sum_sql"]
