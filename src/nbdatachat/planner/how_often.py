"""How often a value occurs: "who won more than once", "which venues were used at least
three times", "how many riders placed exactly twice", "who won only once".

The phrase of frequency says how many rows a value must have; the rest of the question
says which column's values are counted and which rows count ("who won *in Oslo* more than
once"). The rest is read on its own, asked as "which ..." ("how many riders placed" becomes
"which riders placed"); when that reading lists one column's values over some rows (a plain
rows or lookup plan, nothing ranked or limited), the plan is the ``duplicates`` set of that
column over those rows, with the bounds the phrase gives, and for "how many" the number of
such values. Anything else falls back to the question as asked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .plan import PlanResult, RowsPlan
from .plan_kinds import LookupPlan, SetPlan
from .schema import SchemaModel

if TYPE_CHECKING:
    from .base import PlanContext
    from .constituents import Reading

_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
_N = r"(?P<n>\d+|" + "|".join(_NUMBER) + r")"
_TIMES = r"(?:times|occasions)"
#: each form and the bounds it gives, from its number n
_FORMS: list[tuple[re.Pattern[str], Callable[[int], tuple[int, int | None]]]] = [
    (re.compile(r"\b(?:more than|over) once\b"), lambda n: (2, None)),
    (re.compile(r"\b(?:more than|over) twice\b"), lambda n: (3, None)),
    (re.compile(r"\b(?:more than|over) " + _N + r" (?:times?|occasions?)\b"),
     lambda n: (n + 1, None)),
    (re.compile(r"\bat least twice\b|\btwice or more\b"), lambda n: (2, None)),
    (re.compile(r"\bat least " + _N + r" " + _TIMES + r"\b"), lambda n: (n, None)),
    (re.compile(r"\b" + _N + r" or more " + _TIMES + r"\b|\b" + _N.replace("?P<n>", "?P<m>")
                + r" " + _TIMES + r" or more\b"), lambda n: (n, None)),
    (re.compile(r"\b(?:multiple|several) " + _TIMES + r"\b"), lambda n: (2, None)),
    (re.compile(r"\b(?:only|just|exactly) once\b"), lambda n: (1, 1)),
    (re.compile(r"\bexactly twice\b"), lambda n: (2, 2)),
    (re.compile(r"\bexactly " + _N + r" " + _TIMES + r"\b"), lambda n: (n, n)),
]
_ONE_EXAMPLE = re.compile(r"^(?:please\s+)?(?:name|give|tell me|list)\s+(?:a|an|one)\b")
_HOW_MANY = re.compile(r"^(?:how many|what (?:is|was) the (?:total )?number of|the number "
                       r"of|number of)\s+", re.I)


def how_often(question: str, schema: SchemaModel, context: "PlanContext",
              plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult],
              read: Callable[[str, SchemaModel], "Reading"]) -> PlanResult | None:
    """The ``duplicates`` set plan of a question of frequency (module docstring), else
    None."""
    low = question.strip().lower()
    if _ONE_EXAMPLE.match(low):
        return None  # "name a town seen at least twice": one of them, not all
    for form, bounds in _FORMS:
        m = form.search(low)
        if m is None:
            continue
        said = (m.groupdict().get("n") or m.groupdict().get("m") or "2")
        n = int(said) if said.isdigit() else _NUMBER[said]
        lo, hi = bounds(n)
        if lo < 1 or (hi is not None and hi < lo):
            return None
        rest = " ".join((low[:m.start()] + " " + low[m.end():]).split()).rstrip(" ?.") + "?"
        count = _HOW_MANY.match(rest) is not None
        if count:
            rest = _HOW_MANY.sub("which ", rest, count=1)
        res = plan_of(rest, schema, context)
        if res.status != "ok":
            return _unconditioned(read(rest, schema), lo, hi, count)
        return _planned(res, lo, hi, count)
    return None


def _planned(res: PlanResult, lo: int, hi: int | None, count: bool) -> PlanResult | None:
    plan = res.plan
    if not isinstance(plan, (RowsPlan, LookupPlan)):
        return None
    if getattr(plan, "order_by", None) or getattr(plan, "by", None) or \
            getattr(plan, "yes_no", False) or getattr(plan, "same", None) or plan.steps or \
            getattr(plan, "limit", None) == 1:  # "name a <noun> ...": one example asked
        return None
    pinned = {f.column for f in plan.filters if f.op in ("=", "in")}
    cols = [c for c in plan.columns if c not in pinned]
    if len(cols) != 1:
        return None
    out = SetPlan(op="duplicates", columns=cols, filters=list(plan.filters),
                  logic=plan.logic, min_count=lo, max_count=hi, count=count)
    res.plan = out
    res.notes = list(res.notes) + [f"read as the {cols[0]} values occurring "
                                   f"{out.how_often()}"]
    return res


def _unconditioned(r: "Reading", lo: int, hi: int | None,
                   count: bool) -> PlanResult | None:
    """"who won" / "which venues were used": with no condition the rest is refused as a
    list of every row, but it names one column whose values the frequency counts. Only
    when every content word of it names that one column."""
    if r.unknown or r.filters or r.problems:
        return None
    cols = {c for nd in r.nodes if nd.kind == "col" for c in nd.columns[:1]}
    if not cols and r.which_col is not None:
        cols = {r.which_col}  # "who won": the column the verb names ("Winner")
    other = [nd for nd in r.nodes if nd.kind not in ("col", "word")]
    words = [nd for nd in r.nodes if nd.kind == "word" and not nd.tags and
             nd.role != "which"]
    if len(cols) != 1 or other or words:
        return None
    plan = SetPlan(op="duplicates", columns=sorted(cols), min_count=lo, max_count=hi,
                   count=count)
    res = PlanResult.ok(plan)
    res.notes = [f"read as the {plan.columns[0]} values occurring {plan.how_often()}"]
    return res


__all__ = ["how_often"]
