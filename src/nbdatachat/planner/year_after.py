"""How long after a year the next row came (issue 12): "how many years after 1999 did <they>
release their next album", "how long after 2004 was there another <row>", "how long after
1990 did <row> come again".

The question gives a year and asks for the first row after it (its words "next", "another",
"again", "following", or "was there a ..."); the rows are narrowed only by values that
describe the row asked for ("was there a <value> <row>"): a value as the verb's subject
("did <label> release their next album") may name the next row's maker or only its
publisher, so it is left to the other readings (which refuse). The answer is the earliest
year after the given one in the table's one column of whole-number years holding it, minus
that year (``min`` of the derived years since). Refused: no such column or several, months
or days asked of years, a year the column ends at (no row comes after it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .constituents import FilterC, Incomplete, Reading, constructs_beside, filters_of
from .lengths import opener
from .plan import AggregatePlan
from .plan_parts import Expr, Measure, Step
from .schema import SchemaModel, holds_years

if TYPE_CHECKING:
    from .grammar import Parser

_NEXT = {"next", "another", "again", "following", "subsequent"}


@dataclass
class YearAfterC:
    """The years from ``year`` to the first row after it in ``column``."""

    column: str | None
    year: float
    problem: str | None = None
    kind: str = "duration"  # planned by durations.duration_plan, which passes it here


def read_year_after(p: "Parser") -> None:
    """Find "how long after <year> ... next <row>" (module docstring)."""
    head, unit = opener(p)
    if not head:
        return
    k = head[-1] + 1
    num = p.node(k + 1)
    if p.low(k) != "after" or num is None or num.kind != "num" or not _is_year(num.value):
        return
    words = [p.low(i) for i in range(k + 2, len(p.n))]
    marks = [i for i in range(k + 2, len(p.n)) if p.low(i) in _NEXT]
    there = words[:2] in (["was", "there"], ["were", "there"])
    if len(marks) != 1 and not there:
        return
    if not there and any(p.n[i].kind == "val" for i in range(k + 2, len(p.n))):
        return  # "did <A> release their next album": A's next, or the band's? Not guessed
    year = float(num.value)
    cols = [c for c, prof in p.s.columns.items() if holds_years(prof) and
            float(prof.min) <= year <= float(prof.max)]
    y = YearAfterC(column=cols[0] if len(cols) == 1 else None, year=year)
    if len(cols) > 1:
        y.problem = ("Several columns of years hold " + f"{year:g}: " +
                     ", ".join(repr(c) for c in cols) + ". Which one do you mean?")
    elif not cols:
        return
    elif year >= float(p.s.col(cols[0]).max):
        y.problem = f"No row of the table comes after {year:g} ({cols[0]!r} ends there)."
    elif unit not in (None, "years"):
        y.problem = f"{cols[0]!r} holds years, so I can't count {unit} from it."
    # the year is read here, not as a filter of its own ("after 1999" -> later rows)
    p.r.filters = [f for f in p.r.filters if f.at not in (k, k + 1) and
                   not (f.column == y.column and f.value == year)]
    if y.column is not None:
        p.r.filters.append(FilterC(y.column, ">", year, at=k + 1, how="compare"))
    used = [*head, k, k + 1, *marks]
    if there:
        used += [k + 2, k + 3]
    for i in used:
        p.n[i].role = "duration"
    p.r.rowdiff = y


def _is_year(v) -> bool:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return False
    return f.is_integer() and 1000 <= f <= 2100


def year_after_plan(r: Reading, s: SchemaModel) -> AggregatePlan:
    """The earliest year after the given one among the rows, minus it."""
    y: YearAfterC = r.rowdiff
    if y.problem:
        raise Incomplete(y.problem, s.names()[:12])
    if r.logic == "or":
        raise Incomplete("That asks how long after a year the next row came, with conditions "
                         "joined by 'or', which I cannot read together yet.", s.names()[:12])
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "limit",
                                 "chart", "count", "change", "contrast", "tool", "measure")
    if blocking:
        raise Incomplete(f"That asks how long after a year the next row came together with "
                         f"{blocking[0]}, which I cannot read together yet.", s.names()[:12])
    name = f"years after {y.year:g}"
    while name in s.columns:
        name += " (derived)"
    return AggregatePlan(measures=[Measure("min", name)], filters=filters_of(r),
                         logic=r.logic, steps=[Step("derive", name, Expr.of(
                             "-", Expr.col(str(y.column)), Expr.num(y.year)))])


__all__ = ["YearAfterC", "read_year_after", "year_after_plan"]
