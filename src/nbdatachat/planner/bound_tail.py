"""A bound said twice: "at least 12 or more wins", "no more than 3 or fewer".

The word before the number already bounds it; a tail that bounds it the same way ("or
more" after "at least" or "more than", "or less" after "at most" or "less than") adds
nothing, and left unread it hides the column named after it. The tail is taken with the
bound, and the column is looked for after it. A tail pointing the other way ("at least 5
or less") is left alone: such a question is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .grammar import Parser


def with_tail(p: "Parser", op: str, i: int, j: int) -> tuple[list[int], int]:
    """(the nodes the bound ``op`` at ``i`` on the number at ``j`` uses, the index where the
    thing it bounds is looked for)."""
    tail = p.node(j + 1)
    said = tail.tags.get("cmp") if tail is not None and tail.role is None else None
    if isinstance(said, str) and said.endswith("+") and said[0] == op[0] and op[0] in "<>":
        return [i, j, j + 1], j + 2
    return [i, j], j + 1


__all__ = ["with_tail"]
