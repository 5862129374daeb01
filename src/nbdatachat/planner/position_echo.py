"""A second word of the same table order, said again (issue 12, table order).

People often say the direction twice: "after X, what came *next*", "the *next* record
issued after X", "who was the *previous* mayor before Y". Once a row after / before an
anchor is read (``positions.py``), a further "next" / "following" (after) or "previous" /
"preceding" / "prior" (before) only repeats it, and is understood.

Left unread (so the coverage check still refuses) when it says something else:
- the other direction ("the next one before X"): which one is meant is unclear;
- a ranking ("the *next highest* after X": just above or just below?), a number ("the next
  3"), or "next to" (beside, often the same row: "the year next to a name").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .grammar import Parser

#: direction of the position kind -> the words that repeat it
_ECHOES = {"next": {"next", "following", "subsequent"},
           "previous": {"previous", "preceding", "prior"}}
_DIRECTION = {"next": "next", "count_after": "next", "previous": "previous",
              "count_before": "previous"}


def absorb_echoes(p: "Parser") -> None:
    """Mark each repeat of the read position's direction as understood (module docstring)."""
    pos = p.r.position
    direction = _DIRECTION.get(pos.kind) if pos is not None else None
    if direction is None or not pos.anchor:
        return
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "word" or nd.low not in _ECHOES[direction]:
            continue
        nxt = p.node(i + 1)
        if nxt is not None and nxt.low == "single" and nxt.role is None:
            p.use(i + 1, role="position")  # "the next single" (a record), not the number 1
        elif nxt is not None and (nxt.is_number or nxt.low in ("to", "one") or
                                  "sup" in nxt.tags or "ordinal" in nxt.tags):
            continue
        p.use(i, role="position")


__all__ = ["absorb_echoes"]
