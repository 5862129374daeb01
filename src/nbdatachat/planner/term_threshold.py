"""Rows whose term, from a start column to its end column, compares with an amount of time:
"how many wardens were in service less than a year", "who served at least 3 years",
"which stewards held the post for more than 4 years".

The one word a start and its end share ("service" of "Began service" / "Ended service")
names neither column alone: the question means the span between them, as
:mod:`durations` reads "how long did X serve". Here the span is compared: the rows whose
end minus start is below / above the amount are counted or listed.

Read when: one comparison ("less than", "at least", "more than", "at most") is followed by
an amount of years (a number or "a" / "one") or, over two date columns, of days; the table
has exactly one pair of start and end columns of years or dates, or one column of spans of
years ("1901–1905"), and no column already holding the length; the question says what
lasted (a verb or noun of a term: "served", "in office", "held", or the pair's shared word);
nothing is negated. Over dates, "at least N years" / "less than N years" compare the whole
years completed (exact); "more than" / "at most" compare the days with N × 365.25. Over
years, the years between. Months are refused (no exact length); so is a span without an
end ("present"): such rows are left out and the plan says so. A table with no column of
names, one per row, is refused (one person, several terms): one term each, or a person's
terms added up, would answer differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .duration_columns import dates, held_lengths, held_pairs, span_columns, year_expr
from .lexicon import stem
from .plan import Plan
from .plan_parts import Expr, Filter, Measure, Step
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

_CMP = {">", ">=", "<", "<="}
_UNITS = {"year": "years", "years": "years", "day": "days", "days": "days", "month": "months",
          "months": "months"}
#: words (stems) saying a term lasted
TERM_WORDS = {"serve", "served", "serving", "stay", "stayed", "remain", "remained", "last",
               "lasted", "hold", "held", "office", "power", "term", "tenure", "service",
               "reign", "reigned", "rule", "ruled", "govern", "governed"}
#: words read past inside the construction
_GAP = {"in", "for", "the", "a", "an", "of", "was", "were", "is", "are", "had", "has",
        "have", "been", "did", "their", "his", "her", "its", "total", "period"}


@dataclass
class TermFilterC:
    """Rows whose term (``start`` -> ``end``, or the span column ``span``) compares (``op``)
    with ``amount`` ``unit`` (module docstring)."""

    op: str
    amount: float
    unit: str
    start: str | None = None
    end: str | None = None
    span: str | None = None
    kind: str = "duration"  # planned by durations.duration_plan, which passes it here


def read_term_threshold(p: "Parser") -> None:
    """Find the comparison of a term with an amount (module docstring)."""
    if any(nd.role == "neg" or "neg" in nd.tags for nd in p.n):
        return
    cmps = [k for k, nd in enumerate(p.n) if nd.tags.get("cmp") in _CMP and nd.role is None]
    if len(cmps) != 1:
        return
    k = cmps[0]
    amount = _amount(p, k + 1)
    if amount is None:
        return
    value, unit, last = amount
    source = _source(p.s)
    if source is None or unit == "months":
        return
    start, end, span = source
    if unit == "days" and not (start and dates(p.s, start) and dates(p.s, str(end))):
        return
    own = {c for c in (start, end, span) if c}
    said = []
    for i, nd in enumerate(p.n):
        if nd.role is not None or i == k or k < i <= last:
            continue
        if nd.kind == "col" and set(nd.columns) <= own:
            said.append(i)  # the word the start and end share ("in *service*")
        elif nd.kind == "word" and stem(nd.low) in TERM_WORDS | {stem(w) for w in
                                                                   TERM_WORDS}:
            said.append(i)
    if not said:
        return
    gap = [i for i in range(min(said + [k]), max(said + [last]) + 1)
           if p.n[i].role is None and p.n[i].kind == "word" and p.n[i].low in _GAP]
    p.use(k, *range(k + 1, last + 1), *said, *gap, role="duration")
    p.r.rowdiff = TermFilterC(str(p.n[k].tags["cmp"]), value, unit, start, end, span)


def _amount(p: "Parser", i: int) -> tuple[float, str, int] | None:
    """(the amount, its unit, the unit's index) of "3 years", "a year", "one year"."""
    nd = p.node(i)
    if nd is None or nd.role is not None:
        return None
    if nd.kind == "num" and isinstance(nd.value, (int, float)) and \
            not getattr(nd.item.tok, "pct", False):
        value = float(nd.value)
    elif nd.kind == "word" and nd.low in ("a", "an", "one"):
        value = 1.0
    elif nd.is_number and nd.value is not None:
        value = float(nd.value)
    else:
        return None
    unit = p.node(i + 1)
    if unit is None or unit.low not in _UNITS or unit.role is not None:
        return None
    return value, _UNITS[unit.low], i + 1


def _source(s: SchemaModel) -> tuple[str | None, str | None, str | None] | None:
    """(start, end, None) or (None, None, span) when the table has exactly one such source
    and no column of lengths held."""
    pairs, spans = held_pairs(s), span_columns(s)
    if len(pairs) + len(spans) != 1 or held_lengths(s, None):
        return None
    return (pairs[0][0], pairs[0][1], None) if pairs else (None, None, spans[0])


def term_filter_plan(r: Reading, s: SchemaModel) -> Plan:
    """The rows whose term compares with the amount, counted or listed."""
    f: TermFilterC = r.rowdiff
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "limit",
                                 "chart", "change", "position", "contrast", "tool", "measure")
    if blocking:
        raise Incomplete(f"That compares the rows' terms together with {blocking[0]}, which "
                         f"I cannot read together yet.", s.names()[:12])
    name, expr, value = _derived(s, f)
    while name in s.columns:
        name += " (derived)"
    steps = [Step("derive", name, expr), Step("drop_missing", columns=[name])]
    filters = filters_of(r) + [Filter(name, f.op, value)]
    label = r.which_col or s.label_column()
    if label is None or s.col(label).n_distinct < s.n_rows:
        raise Incomplete("Some names have several rows: one term each, or each name's terms "
                         "added up? Ask for one of them.", s.names()[:12])
    if r.count:
        return Plan(measures=[Measure("count")], filters=filters, logic="and", steps=steps)
    first = r.nodes[0].low if r.nodes else ""
    if label is None or label in (f.start, f.end, f.span) or \
            first not in ("who", "what", "which", "list", "name", "show"):
        raise Incomplete("Which rows do you mean: how many, or which ones (by which "
                         "column)?", s.names()[:12], clarify=True)
    return Plan(kind="rows", columns=[label, name], filters=filters, logic="and",
                steps=steps)


def _derived(s: SchemaModel, f: TermFilterC) -> tuple[str, Expr, float]:
    """The derived column's name, its expression and the value it is compared with."""
    if f.span:
        expr = Expr.of("-", Expr.of("span_last", Expr.col(f.span)),
                       Expr.of("span_first", Expr.col(f.span)))
        return f"years of {f.span}", expr, f.amount
    start, end = str(f.start), str(f.end)
    if dates(s, start) and dates(s, end):
        if f.unit == "days" or f.op in (">", "<="):
            days = f.amount if f.unit == "days" else f.amount * 365.25
            return f"days from {start} to {end}", Expr.of(
                "days", Expr.col(start), Expr.col(end)), days
        return f"whole years from {start} to {end}", Expr.of(
            "whole_years", Expr.col(start), Expr.col(end)), f.amount
    expr = Expr.of("-", year_expr(s, end), year_expr(s, start))
    return f"years from {start} to {end}", expr, f.amount


__all__ = ["TermFilterC", "read_term_threshold", "term_filter_plan"]
