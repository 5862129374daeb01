"""Gates on words of the rows' order ("above", "below", "listed before") that a finished plan
read another way. They only refuse; each names what the plan would silently change:

* "listed above 2007", "shown below 40": a number after a word of the list's order is a
  row of the list, not a bound; a plan comparing a column with that number (more than
  2007) answers another question;
* "how many places above B is A": rows counted before or after B where one column equals
  A, the only row holding A, counts 0 or 1; the question asks how far apart A and B are;
  "what number of <noun>s are above X" counts rows, but when the column the noun names
  repeats a value (two rows of one country) the rows and the different values differ;
* "which <noun> is listed above X" answered with a number from a column of counts or
  amounts ("Seats", "Members") named by that noun: "which" asks for a row's name, and
  the count its header shares a word with is seldom what is meant;
* "which crew finished 3 points below X", "2 rows below X": a number no part of the reading
  uses, beside a row-order plan that would answer the row right next to X;
* "the team placed just above X in the <column>": the row next to X in the order of that
  column, not in the table's; a table-order plan that leaves a column said after "in"
  unused is refused;
* "does A rank higher than B on the <chart>": on a chart a higher rank is the smaller
  number; a comparison of a column not known for places (``degrees.rank_column``) by
  the larger number is refused.
"""

from __future__ import annotations

import re

from .constituents import Incomplete, Reading
from .degrees import rank_column
from .plan import Plan
from .plan_kinds import ComparisonPlan, PositionPlan
from .schema import SchemaModel

_LISTED_NUMBER = re.compile(
    r"\b(?:listed|shown|appearing|appears)\s+(?:(?:just|right|directly|immediately)"
    r"\s+)?(?:above|below|before|after|ahead\s+of|behind)\s+(?:the\s+)?"
    r"(?P<n>\d[\d,]*(?:\.\d+)?)\b", re.I)
_BOUNDS = (">", "<", ">=", "<=")
_RANK_DEGREE = re.compile(r"\b(?:rank|ranks|ranked|chart|charts|charted|peak|peaks|peaked)\s+"
                          r"(?:(?:much|a\s+lot|any)\s+)?(?:higher|lower|better|worse)\b", re.I)
_NEAR = ("next", "previous", "count_before", "count_after")


def check_row_order(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """Refuse (``Incomplete``) a plan that reads a word of the rows' order another way."""
    _check_listed_number(r, s, plan)
    if isinstance(plan, PositionPlan):
        _check_counted_pair(r, s, plan)
        _check_which_count(r, s, plan)
        _check_free_number(r, s, plan)
        _check_ranked_in(r, s, plan)
    if isinstance(plan, ComparisonPlan):
        _check_rank_degree(r, s, plan)


def _check_listed_number(r: Reading, s: SchemaModel, plan: Plan) -> None:
    m = _LISTED_NUMBER.search(r.question)
    if m is None:
        return
    try:
        n = float(m["n"].replace(",", ""))
    except ValueError:
        return
    for f in getattr(plan, "filters", None) or []:
        if f.op in _BOUNDS and isinstance(f.value, (int, float)) and float(f.value) == n:
            raise Incomplete(f'"{m.group(0)}" asks where the rows stand in the list (before '
                             f"or after the row of {m['n']}), not for values {f.op} {m['n']}; "
                             f"ask which rows come before that row.", s.names()[:12])


def _check_counted_pair(r: Reading, s: SchemaModel, plan: PositionPlan) -> None:
    if plan.position not in ("count_before", "count_after") or len(plan.anchor) != 1:
        return
    if r.which_col is not None and not _one_row(s, r.which_col):
        raise Incomplete(f"Count the rows, or the different {r.which_col} values (some "
                         f"repeat)? Ask 'how many rows ...' or 'how many different "
                         f"{r.which_col} ...'.", s.names()[:12])
    a = plan.anchor[0]
    for f in plan.filters:
        if f.op == "=" and f.column == a.column and f.value != a.value and \
                _one_row(s, f.column):
            raise Incomplete(f"Counting the rows where {f.column} is {f.value} "
                             f"{'before' if plan.position == 'count_before' else 'after'} "
                             f"{a.value} gives 0 or 1; the question seems to ask how far "
                             f"apart the two rows are, which I cannot read yet.",
                             s.names()[:12])


def _check_which_count(r: Reading, s: SchemaModel, plan: PositionPlan) -> None:
    if plan.position not in ("next", "previous") or r.which_col is None or \
            plan.columns != [r.which_col] or any(a.column == r.which_col for a in plan.anchor):
        return
    c = r.which_col
    p = s.col(c)
    if not p.numeric or c in s.time_columns or s.answers_when(c) or rank_column(s, c):
        return
    raise Incomplete(f"'{c}' holds numbers, but \"which\" asks for a row's name; say "
                     f"'what is the {c} of the row above/below ...' for the number, or name "
                     f"the column of names.", s.names()[:12])


def _written(question: str, n: float) -> bool:
    """``n`` is written in digits in the question (not a word such as "single" read as 1)."""
    said = str(int(n)) if float(n).is_integer() else str(n)
    return re.search(rf"(?<![\d.]){re.escape(said)}(?![\d])", question.replace(",", "")) \
        is not None


def _check_free_number(r: Reading, s: SchemaModel, plan: PositionPlan) -> None:
    if plan.position not in _NEAR:
        return
    held = {str(f.value) for f in plan.anchor + plan.filters}
    free = [n for n in r.numbers if not {str(n), str(int(n)) if float(n).is_integer()
                                         else str(n)} & held and _written(r.question, n)]
    if free:
        n = free[0]
        said = int(n) if float(n).is_integer() else n
        raise Incomplete(f"No part of this reading of the rows' order uses the number {said}; "
                         f"say how far from the row you mean, or ask for the row next to "
                         f"it.", s.names()[:12])


def _check_ranked_in(r: Reading, s: SchemaModel, plan: PositionPlan) -> None:
    if plan.position not in _NEAR or plan.order_by is not None:
        return
    used = set(plan.columns) | {f.column for f in plan.anchor + plan.filters}
    for i, nd in enumerate(r.nodes):
        if nd.kind != "col" or nd.role not in (None, "column") or i == 0:
            continue
        k = i - 1
        if r.nodes[k].low == "the" and k > 0:
            k -= 1
        c = nd.columns[0]
        if r.nodes[k].low == "in" and c not in used:
            raise Incomplete(f'"in {nd.text}" ({c}) may ask for the order by it, not the '
                             f"table's own order, and no part of this reading uses it.",
                             s.names()[:12])


def _check_rank_degree(r: Reading, s: SchemaModel, plan: ComparisonPlan) -> None:
    m = _RANK_DEGREE.search(r.question)
    col = plan.measure.column
    if m is None or col is None or rank_column(s, col):
        return
    raise Incomplete(f'"{m.group(0)}" on {col!r}: a higher rank is the smaller number, but '
                     f"{col!r} is not known to hold places; ask whether the number is "
                     f"smaller or larger.", s.names()[:12])


def _one_row(s: SchemaModel, col: str) -> bool:
    p = s.col(col)
    return not p.approx and p.n_distinct == p.n_rows - p.n_null


__all__ = ["check_row_order"]
