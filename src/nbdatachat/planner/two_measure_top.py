""""Who had the highest number of titles and wins?": a superlative over two measures joined
by "and" asks for the row at the top of both together (their sum) or of each; a reading that
orders by the first measure and only shows the second answers another question. Refused,
asking which one measure (or a total) to rank by."""

from __future__ import annotations

from .constituents import Incomplete, Reading
from .schema import SchemaModel


def check_two_measure_top(r: Reading, s: SchemaModel) -> None:
    """Raise :class:`Incomplete` when the measure a superlative reads is followed by "and"
    and a second numeric column that the reading only shows."""
    n = r.nodes
    for i in range(1, len(n) - 2):
        first, link, second = n[i], n[i + 1], n[i + 2]
        if first.kind != "col" or first.role not in ("measure", "column") or link.low != "and" or \
                second.kind != "col" or second.role != "column" or not second.columns:
            continue
        col = second.columns[0]
        if col not in s.columns or not s.col(col).numeric or col in first.columns:
            continue
        if not _ranked_by(n, i):
            continue
        raise Incomplete(f'"{first.text} and {second.text}" ranks on two measures: their '
                         f"total, or the top of each? Ask for one measure (or 'the highest "
                         f"total of ...').", s.names()[:12])


def _ranked_by(n: list, i: int) -> bool:
    """A superlative right before node ``i``, with only "number of" / "the" between."""
    j = i - 1
    while j >= 0 and n[j].kind == "word" and n[j].role != "superlative" and \
            ("count" in n[j].tags or "func" in n[j].tags):
        j -= 1
    return j >= 0 and n[j].role == "superlative" and j < i


__all__ = ["check_two_measure_top"]
