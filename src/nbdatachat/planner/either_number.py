"""Either way against a number: "was A's area above or below 60?", "did A score more or
less than 50 points?", "is the number of wins of A higher or lower than 10?", "is 150 above or below A's laps?"
(the number's side: "above" when A's value is smaller).

The question names two opposite degree words joined by "or" and then a number. The value
compared is read from the question without the two words and the number, asked as "what
..." ("what was A's area?") or "how many <unit> ..." ("how many points did A score?"). When
that reading gives one number for one named item (the one row a value names, or a sum or
average over the rows one value names, or over all the rows it selects), the plan is a ``which_way`` comparison of that item
against the number, answered with the question's own word for the side that holds (both
numbers stated). A value equal to the number, or no row, is refused (the narration says
why); any other reading falls back to the question as asked (refused today).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .contrast_numbers import one_row_each
from .degrees import rank_column
from .plan import AggregatePlan, PlanResult
from .plan_kinds import ComparisonPlan, LookupPlan
from .plan_parts import Measure
from .schema import SchemaModel

if TYPE_CHECKING:
    from .base import PlanContext

_HI = ("more", "higher", "greater", "above", "over", "bigger", "larger")
_LO = ("less", "lower", "below", "under", "fewer", "smaller")
_WORD = "|".join(_HI + _LO)
_FORM = re.compile(
    rf"^(?P<aux>was|is|were|are|did|does|do|has|have|had)\s+(?P<pre>.*?)\s*\b(?P<w1>{_WORD})"
    rf"(?:\s+or\s+|\s*/\s*)(?P<w2>{_WORD})(?:\s+than)?\s+(?P<num>\d[\d,]*(?:\.\d+)?)\b"
    rf"(?P<post>.*?)\s*"
    rf"\?*\s*$", re.I)
_NUMBER_FIRST = re.compile(
    rf"^(?P<aux>was|is)\s+(?P<num>\d[\d,]*(?:\.\d+)?)\s+(?P<w1>{_WORD})\s+or\s+"
    rf"(?P<w2>{_WORD})(?:\s+than)?\s+(?P<rest>\S.*?)\s*\?*\s*$", re.I)
_YES_NO = re.compile(
    rf"^(?P<aux>was|is|were|are|did|does|do|has|have|had)\s+(?P<pre>.*?)\s*\b(?P<w>{_WORD})"
    rf"(?:\s+than)?\s+(?P<num>\d[\d,]*(?:\.\d+)?)\b(?P<post>.*?)\s*\?*\s*$", re.I)
_BE = ("was", "is", "were", "are")
_BOUND = re.compile(  # a second bound before the one compared ("at least 2 rows")
    rf"\b(at\s+(least|most)|up\s+to|exactly|(no|not)\s+({_WORD})|({_WORD})\s+than)\b", re.I)
_TABLE_PARTS = re.compile(r"\b(columns?|cells?)\b", re.I)
_TALL_UP = ("above", "higher", "over")  # on a rank: above = the smaller number


def either_number(question: str, schema: SchemaModel, context: "PlanContext",
                  plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult]
                  ) -> PlanResult | None:
    """The ``which_way`` plan of an either-way question against a number, else None."""
    m = _FORM.match(question.strip())
    first = _NUMBER_FIRST.match(question.strip()) if m is None else None
    if first is not None:
        m = first
    if m is None:
        return None
    w1, w2 = m["w1"].lower(), m["w2"].lower()
    if (w1 in _HI) == (w2 in _HI):
        return None  # "more or greater": not two ways
    words = [w1, w2] if w1 in _HI else [w2, w1]  # [said of the larger, of the smaller]
    try:
        number = float(m["num"].replace(",", ""))
    except ValueError:
        return None
    if first is not None:  # "is 159 above or below the laps of A": the number's side
        words = words[::-1]
        return _planned(f"what {m['aux'].lower()} {m['rest']}?", question, schema, context,
                        plan_of, number, words)
    aux, pre, post = m["aux"].lower(), m["pre"].strip(), m["post"].strip(" ,")
    if not pre:
        return None
    if pre.lower() == "there":  # "were there more or less than 15 points in week 7"
        if not post:
            return None
        asked = f"how many {post}?"
    elif aux in _BE and len(post.split()) <= 3:  # "was A's area above or below 60 sq mi"
        asked = f"what {aux} {pre}?"
    elif aux not in _BE and post:  # "did A score more or less than 50 points (in 2004)"
        unit, _, rest = post.partition(" ")
        asked = f"how many {unit} {aux} {pre} {rest}".strip() + "?"
    else:
        return None
    return _planned(asked, question, schema, context, plan_of, number, words)


def yes_no_number(question: str, schema: SchemaModel, context: "PlanContext",
                  plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult]
                  ) -> PlanResult | None:
    """"Was A's area more than 45?" (one degree word, a number): "Yes" / "No" read the same
    way, the value equal to the number refused; only for questions not read otherwise."""
    m = _YES_NO.match(question.strip())
    if m is None or re.search(rf"\b({_WORD})\s*(or\b|/)|(\bor\s+|/)({_WORD})\b", question,
                              re.I):
        return None
    w = m["w"].lower()
    try:
        number = float(m["num"].replace(",", ""))
    except ValueError:
        return None
    aux, pre, post = m["aux"].lower(), m["pre"].strip(), m["post"].strip(" ,")
    if not pre or re.search(r"\b(and|or|each|every|all|any|both|none|no)\b", pre, re.I):
        return None  # "do A and B have more than 3", "did each X score over 3": each row?
    if _BOUND.search(pre):
        return None  # "did at least 2 shops sell more than 40": which bound is the count's?
    if pre.lower() == "there":
        if not post:
            return None
        asked = f"how many {post}?"
    elif aux in _BE and len(post.split()) <= 3:
        asked = f"what {aux} {pre}?"
    elif aux not in _BE and post:
        unit, _, rest = post.partition(" ")
        asked = f"how many {unit} {aux} {pre} {rest}".strip() + "?"
    else:
        return None
    words = ["Yes", "No"] if w in _HI else ["No", "Yes"]
    return _planned(asked, question, schema, context, plan_of, number, words,
                    degree=[w, w])


def _planned(asked: str, question: str, schema: SchemaModel, context: "PlanContext",
             plan_of, number: float, words: list[str],
             degree: list[str] | None = None) -> PlanResult | None:
    if _TABLE_PARTS.search(asked):
        return None  # "more or less than 5 columns": the table's shape, not its rows
    res = plan_of(asked, schema, context)
    if res.status != "ok" or res.plan is None:
        return None
    plan = _against(res.plan, schema, number, words, degree or words)
    if plan is None:
        return None
    plan.question = question
    return PlanResult.ok(plan, res.notes, ignored=res.ignored)


def _against(plan, s: SchemaModel, number: float, words: list[str],
             degree: list[str]) -> ComparisonPlan | None:
    """``plan`` (one number for one named item) as that item against ``number``."""
    named = [f for f in plan.filters if f.op == "=" and not isinstance(f.value, (list, dict))]
    if plan.logic != "and" or plan.steps:
        return None
    item = named[0] if len(named) == 1 else None
    rest = [f for f in plan.filters if f is not item]
    if isinstance(plan, LookupPlan):
        if plan.by or plan.same or plan.yes_no or item is None:
            return None
        cols = [c for c in plan.columns if c != item.column]
        if len(cols) != 1 or not s.col(cols[0]).numeric or not one_row_each(s, item.column):
            return None
        measure = Measure("sum", cols[0])
    elif isinstance(plan, AggregatePlan):
        if plan.group_by or plan.share or len(plan.measures) != 1 or plan.time_bucket or \
                any(getattr(plan, k, None) for k in ("having", "order_by", "unpivot", "part")):
            return None
        measure = plan.measures[0]
        if measure.agg not in ("sum", "mean", "count") or measure.over or measure.percent:
            return None
    else:
        return None
    if measure.column and rank_column(s, measure.column):
        if not set(degree) & set(_TALL_UP):
            return None  # "a larger rank": the number or the standing?
        words = words[::-1]  # "placed above 10th": the smaller number
    if item is None:  # "are there more or less than 8 <rows>": the selection's one value
        return ComparisonPlan(measure=measure, output="which_way", threshold=number,
                              words=words, filters=rest)
    return ComparisonPlan(measure=measure, column=item.column, items=[item.value],
                          output="which_way", threshold=number, words=words, filters=rest)


__all__ = ["either_number"]
