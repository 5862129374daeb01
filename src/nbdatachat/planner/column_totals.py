"""How many more of one column than of another over the whole table (issue 12, "how many
more ... than ..."): "how many more red cards were shown than yellow", "how many more
home wins than away wins were there" with no row named.

``row_difference.py`` reads two columns of one row; with no row named the question is about
all the rows: the total of the first column minus the total of the second, signed as asked
("how many fewer" swaps them). Read only for two columns of whole counts with no blank cell
(then the sum of the per-row differences is the difference of the sums; a blank would count
a row on one side only) and no negative value; otherwise the reader asks for the row as
before. A summary row ("Total") is left out as for any total.
"""

from __future__ import annotations

import re

from .constituents import Reading
from .plan import AggregatePlan
from .plan_parts import Expr, Measure, Step
from .schema import SchemaModel


def _count_column(s: SchemaModel, col: str) -> bool:
    p = s.col(col)
    return p.kind == "integer" and not p.n_null and p.min is not None and float(p.min) >= 0


def totals_plan(r: Reading, s: SchemaModel) -> AggregatePlan | None:
    """The total of ``first`` minus the total of ``second`` over every row, or None when the
    two columns are not whole counts without blanks or the difference is not signed."""
    d = r.rowdiff
    if d.absolute or not (_count_column(s, d.first) and _count_column(s, d.second)):
        return None
    name = "difference_" + re.sub(r"\W+", "_", f"{d.first}_minus_{d.second}").strip("_")
    while name in s.columns:
        name += "_derived"
    r.notes.append(f"no row named: the total of {d.first} minus the total of {d.second} over "
                   f"all the rows")
    return AggregatePlan(measures=[Measure("sum", name)], logic=r.logic,
                         steps=[Step("derive", name, Expr.of("-", Expr.col(d.first),
                                                             Expr.col(d.second)))])


__all__ = ["totals_plan"]
