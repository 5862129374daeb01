"""The sums a summary row is checked against: one query, run in the dataset's own engine,
that sums every number column over the candidate rows and over the other rows
(``summary_rows`` for one "Total" row, ``subtotal_rows`` for several)."""

from __future__ import annotations

from typing import Any

from ..operations.base import column


def split_sums(source: Any, numbers: list[str], is_row: Any, others: Any,
               counted: list[Any]) -> tuple[tuple, list[tuple[Any, Any]]]:
    """One query in the source's engine: the number of rows each ``counted`` condition
    picks, and for each of ``numbers`` its sum over the rows ``is_row`` picks and over the
    ``others``: what a summary row's numbers are checked against."""
    from sqlglot import exp

    from .sqlbuild import render

    def where(cond: Any) -> Any:
        return exp.Where(this=cond.copy())

    items: list[Any] = [exp.Filter(this=exp.Count(this=exp.Star()), expression=where(c))
                        for c in counted]
    for c in numbers:
        items.append(exp.Filter(this=exp.Sum(this=column(c)), expression=where(is_row)))
        items.append(exp.Filter(this=exp.Sum(this=column(c)), expression=where(others)))
    q = exp.select(*items).from_(exp.to_table(source.view, dialect="duckdb"))
    row = source.fetchall(render(q, source.backend.dialect))[0]
    k = len(counted)
    return tuple(row[:k]), [(row[k + 2 * i], row[k + 2 * i + 1]) for i in range(len(numbers))]


__all__ = ["split_sums"]
