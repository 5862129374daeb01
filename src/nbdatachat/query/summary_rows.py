"""Summary rows: a "Total" / "All" / "Overall" row inside the data, whose numbers are the sum
of the other rows, is found once per dataset and left out of rankings and aggregates (and
the answer says so), so it is never ranked as if it were one more country or team.

A row counts as a summary row only when both hold: its key (a text cell) is one of the
summary words, and its numbers equal the sum of the other rows (within rounding) for most of
the numeric columns where it has a value, or are about that sum or more in every one of them
(a total over more groups than the table lists: "All" above its largest groups only, in at
least two columns that add up, the listed rows being most of it; a density or a change in %
is no sum and is not checked). When no cell holds a summary word ("40
opponents*"), the one row whose numbers are the sum of the others in at least two columns
(and most of them, within 5%: hand-copied totals are often a little off) is a summary row
too. A question that names the row ("the total for
2010") keeps it: a plan that filters on that column is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..operations.base import column
from ..planner.lexicon import SUMMARY_WORDS
from ..planner.plan import Plan
from ..planner.plan_parts import Filter
from .part_sums import split_sums

TOLERANCE = 0.01  # relative difference still counted as equal (rounded tables)
MAX_CANDIDATES = 4
#: a "Total" / "All" row that is at least the sum of the others in every column: a total
#: over more than the rows listed ("All" beside the largest groups only)
PARTIAL_WHY = ("its numbers are about the sum of the other rows, or more, in every column that "
               "adds up")
#: ... when the listed rows are most of it (at most this many times their sum), in at least
#: two columns: a product called "Total" priced above the others is an ordinary row
MOST_LISTED = 1.5
#: header words of columns whose figures do not add up over rows
_NOT_SUMS = {"density", "per", "change", "growth", "rate", "ratio", "average", "avg", "mean",
             "percent", "percentage", "pct", "share", "median"}
#: ... and may fall this much short of the sum (hand-copied figures, a group counted twice)
COPY_SLACK = 0.1
MIN_ROWS_UNNAMED = 6  # a row named by no summary word is looked for in tables this long
#: ... and its sums may be off this much (totals copied by hand: 195 beside 193 + ...)
UNNAMED_TOLERANCE = 0.05


@dataclass
class SummaryRow:
    column: str
    value: str
    why: str = "its numbers are the sum of the other rows"

    def note(self) -> str:
        which = f"with no {self.column}" if self.value is None else \
            f"{self.column} = {self.value!r}"
        return f"left out the summary row {which} ({self.why})"


def adds_up(column: str) -> bool:
    """A column whose total row is a sum: not a rate, a share, a change or an average by its
    name ("Density (per km²)", "Change (%)", "Average")."""
    words = set(re.findall(r"[a-z]+", str(column).lower()))
    return not (words & _NOT_SUMS or re.search(r"[%/]", str(column)))


def _is_summary_word(value: Any) -> bool:
    """"Total", "Grand total", and a total naming what it adds up ("Total prefecture",
    "Region total"): the sums checked afterwards decide."""
    words = re.sub(r"[^a-z ]+", " ", str(value).lower()).split()
    return " ".join(words) in SUMMARY_WORDS or (
        2 <= len(words) <= 3 and "total" in (words[0], words[-1]))


def find_summary_rows(source: Any) -> list[SummaryRow]:
    """The summary rows of ``source`` (a query ``Source``), checked in its engine."""
    from sqlglot import exp

    schema = source.schema
    numbers = [c for c, p in schema.columns.items() if p.numeric and p.role == "measure"]
    if not numbers or schema.n_rows < 3:
        return []
    found: list[SummaryRow] = []
    candidates = [(c, v) for c, p in schema.columns.items()
                  if p.kind == "text" and p.values for v in p.values if _is_summary_word(v)]
    tolerance, unnamed = TOLERANCE, False
    if not candidates and len(numbers) >= 2 and schema.n_rows >= MIN_ROWS_UNNAMED:
        candidates = _unnamed_candidates(source, numbers)
        tolerance, unnamed = UNNAMED_TOLERANCE, True
    for col, value in candidates[:MAX_CANDIDATES]:
        if value is None:  # the one row with a blank name ("Total" sits in a number column)
            is_row = exp.Is(this=column(col), expression=exp.Null())
            others = exp.Not(this=exp.Paren(this=is_row.copy()))
        else:
            is_row = column(col).eq(exp.Literal.string(value))
            others = exp.NullSafeNEQ(this=column(col), expression=exp.Literal.string(value))
        (n_rows,), sums = split_sums(source, numbers, is_row, others, [is_row])
        if n_rows != 1:
            continue
        checked = matched = covers = additive = 0
        for name, (total, rest) in zip(numbers, sums):
            if total is None or rest is None:
                continue
            checked += 1
            if abs(float(total) - float(rest)) <= tolerance * max(abs(float(total)), 1e-9):
                matched += 1
            if not adds_up(name):
                continue  # a density or a change in % is no sum: it tells nothing here
            additive += 1
            if 0 < float(rest) * (1 - COPY_SLACK) <= float(total) <= float(rest) * MOST_LISTED:
                covers += 1
        if unnamed and matched >= 2 and matched * 2 > checked:
            return [SummaryRow(col, value)]  # one row: its first text cell names it
        if not unnamed and matched and matched * 2 >= checked:
            found.append(SummaryRow(col, value))
        elif not unnamed and additive >= 2 and covers == additive:
            found.append(SummaryRow(col, value, PARTIAL_WHY))
    if not found and not unnamed:
        from .subtotal_rows import WHY, find_subtotal_rows

        found = [SummaryRow(c, k, WHY) for c, k in find_subtotal_rows(source, numbers)]
    return found


def _unnamed_candidates(source: Any, numbers: list[str]) -> list[tuple[str, str]]:
    """A row named by no summary word ("40 opponents*") whose numbers are each the sum of
    the other rows in at least two columns: its text cells, to be checked like a "Total"
    (its first text column, blank, when it has no text at all)."""
    from sqlglot import exp

    from .sqlbuild import render

    schema = source.schema
    texts = [c for c, p in schema.columns.items() if p.kind == "text"]
    if not texts:
        return []
    table = exp.to_table(source.view, dialect="duckdb")
    hits: list[Any] = []
    for c in numbers:
        total = exp.Subquery(this=exp.select(exp.Sum(this=column(c))).from_(table.copy()))
        twice = exp.Mul(this=column(c), expression=exp.Literal.number(2))
        near = exp.LTE(this=exp.Abs(this=exp.Sub(this=twice, expression=total.copy())),
                       expression=exp.Mul(this=exp.Literal.number(UNNAMED_TOLERANCE),
                                          expression=exp.Abs(this=total.copy())))
        hits.append(exp.Case(ifs=[exp.If(this=near, true=exp.Literal.number(1))],
                             default=exp.Literal.number(0)))
    matched = hits[0]
    for h in hits[1:]:
        matched = exp.Add(this=matched, expression=h)
    q = exp.select(*[column(c) for c in texts]).from_(table).where(
        exp.GTE(this=matched, expression=exp.Literal.number(2))).limit(2)
    rows = source.fetchall(render(q, source.backend.dialect))
    if len(rows) != 1:
        return []  # none, or several rows alike: no one summary row
    named = [(c, v) for c, v in zip(texts, rows[0]) if v is not None][:MAX_CANDIDATES]
    # no text cell at all (a "Total" label read as a blank of a number column, the name
    # left empty): the row is the one without a name, checked like a named one
    return named or [(texts[0], None)]


def without_summary_rows(plan: Plan, rows: list[SummaryRow]) -> tuple[Plan, list[str]]:
    """``plan`` with the summary rows left out (unless it asks about their column), and the
    notes saying so."""
    if not rows or plan.kind == "tool":
        return plan, []
    named = {f.column for f in plan.filters} | {f.column for f in getattr(plan, "anchor", [])}
    if plan.kind == "comparison":
        named.add(plan.column)  # type: ignore[attr-defined]
    extra = [Filter(r.column, "!=", r.value) if r.value is not None else
             Filter(r.column, "not null") for r in rows if r.column not in named]
    if not extra:
        return plan, []
    if plan.filters and plan.logic == "or":
        return plan, []  # "a or b": adding an "and" would change its meaning; keep the plan
    out = plan.copy(filters=[*plan.filters, *extra])
    return out, [r.note() for r in rows if r.column not in named]


__all__ = ["SUMMARY_WORDS", "SummaryRow", "find_summary_rows", "without_summary_rows"]
