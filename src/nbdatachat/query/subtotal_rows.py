"""Subtotal rows: a table of parts with several summary rows ("Total for the north:", "Total
for the south:", "Grand total"), none of which is the sum of all the other rows, so
``summary_rows`` alone misses them and they are listed and ranked among the parts.

Rows of one text column count as summary rows when all hold: at least two of them have a key
opening with a summary word ("total", "subtotal", "grand total", or one of the summary words
of the lexicon, whole), and, in at least a third of the numeric columns where they have
values (densities and shares beside the counts do not add up), the numbers of those rows
add up to once (subtotals only) or twice (subtotals and a grand total) the sum of the other
rows. They are then left out of listings by a condition,
rankings and aggregates exactly like a "Total" row (``without_summary_rows``).
"""

from __future__ import annotations

import re
from typing import Any

from ..operations.base import column
from ..planner.lexicon import SUMMARY_WORDS
from .part_sums import split_sums

TOLERANCE = 0.01  # relative difference still counted as equal (rounded tables)
MAX_ROWS = 8  # a column with more summary-like keys is no table of parts with subtotals
OPENERS = ("total", "subtotal", "sub total", "grand total")
WHY = "a subtotal or total of other rows"


def opens_with_summary_word(value: Any) -> bool:
    """"Total for the north:", "Subtotal", "Grand total", "Total (all regions)"."""
    words = re.sub(r"[^a-z ]+", " ", str(value).lower()).split()
    text = " ".join(words)
    if not words or len(words) > 6:
        return False
    return text in SUMMARY_WORDS or any(
        text == o or text.startswith(o + " ") for o in OPENERS)


def find_subtotal_rows(source: Any, numbers: list[str]) -> list[tuple[str, str]]:
    """The (column, key) of the subtotal and grand total rows of ``source``, or [] when the
    sums do not hold."""
    from sqlglot import exp

    schema = source.schema
    for col, p in schema.columns.items():
        if p.kind != "text" or not p.values:
            continue
        keys = [v for v in p.values if v is not None and opens_with_summary_word(v)]
        if not 2 <= len(keys) <= MAX_ROWS:
            continue
        is_row = column(col).isin(*[exp.Literal.string(k) for k in keys])
        others = exp.Not(this=exp.Paren(this=exp.Coalesce(
            this=is_row.copy(), expressions=[exp.false()])))
        (n_keys, n_parts), sums = split_sums(source, numbers, is_row, others,
                                             [is_row, others])
        if n_keys != len(keys) or n_parts < 2:
            continue  # a key on several rows, or too few parts to sum
        for times in (1, 2):
            checked = matched = 0
            for total, rest in sums:
                if total is None or rest is None:
                    continue
                checked += 1
                want = times * float(rest)
                if abs(float(total) - want) <= TOLERANCE * max(abs(want), 1e-9):
                    matched += 1
            if matched and matched * 3 >= checked:
                return [(col, k) for k in keys]
    return []
