"""Whether a column runs in order down the table (issue 12): "is each year listed in
consecutive order?", "do the dates go in consecutive order?".

Read only when the question is that and nothing else: a yes/no opener, one column of years
or dates, the run word, and words of order ("all", "the", "listed", "in", "order"). The
answer is the :class:`PositionPlan` ``in_order`` of that column: "No" when a value is below
the one before it; "Yes" when none is and, for years, each is the same as or one more than
the one before; years that only go up but skip some are not answered ("consecutive" may mean
in order or without gaps).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading
from .plan_kinds import PositionPlan
from .positions import PositionC
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

_OPENERS = {"are", "is", "were", "was", "do", "does"}
_FILLER = {"all", "the", "listed", "shown", "in", "a", "an", "order", "or", "not", "go",
           "of", "this", "list", "table", "chart", "?", "/", "arranged", "placed", "put",
           "column", "every", "each", "values"}


def read_in_order(p: "Parser", i: int) -> bool:
    """"is each year listed in consecutive order" around the run word at ``i`` (see the module
    docstring); True when read."""
    if not p.n or p.n[0].low not in _OPENERS:
        return False
    cols = [k for k, nd in enumerate(p.n) if nd.kind == "col" and nd.role is None]
    if len(cols) != 1 or len(set(p.n[cols[0]].columns)) != 1:
        return False
    col = p.n[cols[0]].columns[0]
    prof = p.s.col(col)
    if not (prof.kind in ("date", "datetime") or prof.kind == "integer" and
            prof.min is not None and 1000 <= float(prof.min) and float(prof.max) <= 2100):
        return False
    rest = [nd for k, nd in enumerate(p.n) if k not in (0, i, cols[0])]
    if any(nd.role not in (None, "column_word") or nd.low not in _FILLER for nd in rest):
        return False
    p.r.position = PositionC("longest_run", i)
    p.r.__dict__["in_order"] = col
    p.use(*range(len(p.n)), role="position")
    return True


def in_order_plan(r: Reading, s: SchemaModel) -> PositionPlan:
    """The ``in_order`` plan of the column read by :func:`read_in_order`."""
    col = r.__dict__["in_order"]
    if s.col(col).n_null:
        raise Incomplete(f"Some rows have no {col!r}, so I cannot say whether the column "
                         f"runs in order.", s.names()[:12])
    return PositionPlan(position="in_order", columns=[col])


__all__ = ["in_order_plan", "read_in_order"]
