"""Names that carry a running number: a column of winners written "Ann Lee", "Ann Lee (2)",
"Ann Lee (3)" (the mark counts the name's wins so far) holds one name on several rows, though
every cell differs. "How many times did Ann Lee win" counts those rows (3); read naively,
the value names a single row and the count would be refused as saying 1.

Read only when all hold: the question counts rows; the value's column is text whose cells
end in such a mark ("(2)", up to two digits) on at least two rows; once the marks are taken
off, the column repeats names (fewer than 90 % of the rows distinct), so it does not name
single rows; the value, its mark taken off, is the bare name of at least one cell.
The filter then becomes "one of" every cell holding that name, marked or not.
Otherwise the refusal that asks for one of the row's values stands.
:func:`marked_repeats` does the same for every such filter of a count before the rows are
checked, so a name that also has unmarked repeats is not counted on its unmarked cells only.
"""

from __future__ import annotations

import re

from .plan import Plan
from .plan_parts import Filter
from .schema import SchemaModel

#: a running number after a name: "Ann Lee (3)"
_MARK = re.compile(r"\s*\(\d{1,2}\)\s*$")


def _bare(v: object) -> str:
    return _MARK.sub("", str(v)).strip().casefold()


def marked_repeats(s: SchemaModel, plan: Plan) -> None:
    """Every equality filter of ``plan`` on a column of marked names takes all the cells of
    its name (:func:`numbered_repeats`)."""
    names = set(s.names())
    for f in list(plan.filters):
        if f.op == "=" and f.column in names and s.col(f.column).kind == "text":
            numbered_repeats(s, plan, f)


def numbered_repeats(s: SchemaModel, plan: Plan, f: Filter) -> Plan | None:
    """``plan`` counting the rows of every cell of ``f``'s name, marks aside, or None."""
    p = s.col(f.column)
    vals = [str(v) for v in (p.values or [])]
    if p.kind != "text" or not vals or len(vals) < p.n_distinct or \
            isinstance(f.value, (list, dict)):
        return None
    if sum(bool(_MARK.search(v)) for v in vals) < 2:
        return None
    if len({_bare(v) for v in vals}) >= 0.9 * s.n_rows:
        return None  # names still one row each: the marks are not running numbers
    name = _bare(f.value)
    cells = [v for v in vals if _bare(v) == name]
    if not name or not cells:
        return None
    k = plan.filters.index(f)
    plan.filters[k] = Filter(f.column, "in", cells) if len(cells) > 1 else \
        Filter(f.column, "=", cells[0])
    return plan
