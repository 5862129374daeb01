"""``chi_square`` from an in-engine contingency table: no rows are fetched.

One scan counts the rows, the rows with both values and each column's distinct values; a
column with more than ``MAX_CATEGORIES`` values gets the in-memory tool's error (so the
table has at most ``MAX_CATEGORIES ** 2`` cells, and the engine never returns more). A
second scan counts the rows of each pair of values by ``GROUP BY`` both columns; the test,
its numbers and its words are the in-memory tool's
:func:`~nbdatachat.tools.chi_square_result.chi_square_result`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ...errors import DataError
from .sql import EngineTable, both, col, count, not_null, when

#: kinds of a column whose values come back as the in-memory tool labels them
CATEGORY_KINDS = ("text", "integer", "number", "bool")


def chi_square(table: EngineTable, inputs: Any, kinds: dict[str, str]) -> Any:
    """The in-memory ``chi_square``'s result from counts computed by the engine holding
    ``table``; None for columns of dates or times, or whose values share a label (the
    in-memory tool decides)."""
    from sqlglot import exp

    from ..chi_square_result import check_categories, chi_columns, chi_square_result
    from ..groups import MAX_CATEGORIES, level_label

    a, b = chi_columns(inputs)
    if kinds.get(a) not in CATEGORY_KINDS or kinds.get(b) not in CATEGORY_KINDS:
        return None
    where = both(not_null([a]), not_null([b]))
    n_rows, n, n_a, n_b = table.fetch(table.select(
        count(), exp.Sum(this=when(where, exp.Literal.number(1))),
        count(exp.Distinct(expressions=[col(a)])),
        count(exp.Distinct(expressions=[col(b)]))))[0]
    n_rows, n = int(n_rows), int(n or 0)
    if n == 0:
        raise DataError(f"No row has values in both {a!r} and {b!r}.",
                        details={"columns": [a, b]})
    for name, n_levels in ((a, int(n_a)), (b, int(n_b))):
        check_categories(name, n_levels)
    q = table.select(col(a), col(b), count(), where=where.copy(), group_by=[col(a), col(b)])
    cells = table.fetch(q.limit(MAX_CATEGORIES ** 2 + 1, copy=False))
    if len(cells) > MAX_CATEGORIES ** 2:  # pragma: no cover - the distinct counts bound it
        raise DataError(f"More than {MAX_CATEGORIES ** 2} combinations of {a!r} and {b!r}.",
                        details={"columns": [a, b]})
    labels: list[dict[str, Any]] = [{}, {}]
    for row in cells:
        for side, value in enumerate(row[:2]):
            if isinstance(value, float) and math.isnan(value):
                return None  # NaN is missing in pandas, a value in SQL
            label = level_label(value)
            if labels[side].setdefault(label, value) != value:
                return None  # two values, one label: the in-memory tool merges them
    levels = [_ordered(labels[0], kinds[a]), _ordered(labels[1], kinds[b])]
    index = [{lab: i for i, lab in enumerate(lv)} for lv in levels]
    counts = np.zeros((len(levels[0]), len(levels[1])), dtype=np.int64)
    for va, vb, c in cells:
        counts[index[0][level_label(va)], index[1][level_label(vb)]] += int(c)
    warnings = [f"Dropped {n_rows - n} of {n_rows} rows with a missing {a!r} or {b!r}."] \
        if n < n_rows else []
    result = chi_square_result(inputs, a, b, counts, levels[0], levels[1], warnings)
    path = (f"in-engine: the {counts.shape[0]}x{counts.shape[1]} contingency table was "
            f"counted by {table.engine} over {n_rows:,} rows; no rows were fetched")
    result.statistics["path"] = path
    result.insights.append(f"Computed {path}.")
    return result


def _ordered(labels: dict[str, Any], kind: str) -> list[str]:
    """Levels in the in-memory tool's order: numbers numerically, others by label."""
    if kind in ("integer", "number"):
        return sorted(labels, key=lambda lab: float(labels[lab]))
    return sorted(labels)


__all__ = ["chi_square"]
