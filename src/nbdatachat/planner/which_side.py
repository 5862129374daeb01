""""Did A or B win (the game on <day>)?" where the two names are values of a column named
for one side of a contest ("Losing team") and the question's verb asks for the other side.

Counting each name's rows in the losing column and answering the name with more rows
answers who *lost*: the reading takes the table's one column named for the verb's side
("Winning team") instead, when both names are values of it; otherwise it is refused.
A verb on the column's own side, or no outcome verb, leaves the reading as it is.
"""

from __future__ import annotations

from typing import Any

from .constituents import Incomplete, Reading
from .lexicon import load
from .role_columns import header_side
from .schema import SchemaModel

_L = load()["role_outcomes"]
_VERBS = {w: side for side in ("win", "loss") for w in _L[side]["verbs"]}


def side_column(r: Reading, s: SchemaModel, col: str, items: list[Any]) -> str:
    """The column to count ``items`` in for "did A or B <win / lose>" (module docstring)."""
    have = header_side(col)
    asked = {_VERBS[nd.low] for nd in r.nodes if nd.kind == "word" and nd.low in _VERBS}
    if have is None or len(asked) != 1 or asked == {have}:
        return col
    want = asked.pop()
    others = [c for c in s.columns if c != col and header_side(c) == want and
              not s.col(c).numeric]
    if len(others) == 1:
        values = s.col(others[0]).values
        if values is not None and all(str(i) in {str(v) for v in values} for i in items):
            return others[0]
    raise Incomplete(f"{items[0]!r} and {items[1]!r} are values of {col!r}, the side that "
                     f"did not {'win' if want == 'win' else 'lose'}; counting their rows there "
                     f"would answer the opposite question.", s.names()[:12])


__all__ = ["side_column"]
