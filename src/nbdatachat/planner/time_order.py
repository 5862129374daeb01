"""Which of two named rows came first: "which was released earlier, A or B", "who was
elected first, A or B", and "was A built before or after B?".

The rows are ordered by one time column: a column of dates, or a column of whole years
named for a date or an event ("Year", "Released", "First elected"), or a column the question
names whose whole numbers give each row its own place ("picked earlier": the smaller Pick).
The column the question names wins; with no name, the table must have exactly one such column, because a table with
"Born" and "Died" could order the two rows either way. A year column with blanks is not
taken (a blank often means "the same as above", and would drop its row). Table order alone
is never used: rows listed by rank or by name are not in time order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .plan import PlanResult
from .plan_kinds import ComparisonPlan
from .schema import SchemaModel, holds_years
from .year_columns import named_for_time

if TYPE_CHECKING:
    from .base import PlanContext
    from .grammar import Parser

#: words ordering two rows in time: the earlier ("lo") or the later ("hi") one
TIME_ORDER = {"earlier": "lo", "first": "lo", "sooner": "lo", "earliest": "lo",
              "later": "hi", "latest": "hi", "last": "hi"}


def time_columns_of(s: SchemaModel, item_col: str, mentioned: list[str]) -> list[str]:
    """The columns two rows could be put in time order by: the named ones when any is."""
    found = []
    for c, prof in s.columns.items():
        if c == item_col or prof.n_null >= prof.n_rows:
            continue
        if prof.kind in ("date", "datetime") or (
                holds_years(prof) and not prof.n_null and named_for_time(c)):
            found.append(c)
    named = [c for c in found if c in mentioned]
    return named or [c for c in mentioned if c != item_col and _order_numbers(s, c)] or found


def _order_numbers(s: SchemaModel, column: str) -> bool:
    """A column the question names whose whole numbers from 1 give each row its own place
    ("picked earlier" over a Pick column: the smaller pick)."""
    p = s.col(column)
    if p.kind != "integer" or p.n_null or p.n_distinct < p.n_rows or p.min is None:
        return False
    try:
        return float(p.min) >= 1
    except (TypeError, ValueError):
        return False


def time_order(p: "Parser", item_col: str, used: set[int]):
    """"which came first / was released earlier, A or B": (the word's index, "lo" | "hi",
    the one time column) when exactly one such word and one time column are there."""
    words = [(i, TIME_ORDER[nd.low]) for i, nd in enumerate(p.n)
             if i not in used and nd.role is None and nd.kind == "word" and
             nd.low in TIME_ORDER]
    cols = time_columns_of(p.s, item_col, p.r.mentioned())
    if len(words) != 1 or len(cols) != 1:
        return None
    return words[0][0], words[0][1], cols[0]


#: verbs of a row's place in the list, not in time ("does A come before B": the table's order)
_LIST_VERBS = {"come", "came", "comes", "listed", "appear", "appears", "appeared", "placed",
               "ranked", "finish", "finished", "go", "goes", "went"}
#: verbs of a thing coming into being: "the first bridge built" is the earliest in time
_MADE = {"built", "founded", "established", "opened", "launched", "released", "created",
         "formed", "constructed", "completed", "introduced", "published", "erected",
         "composed", "invented", "discovered", "produced", "issued", "inaugurated"}


def made_word(r) -> str | None:
    """The verb of coming into being the question uses ("built", "founded"), if any."""
    return next((nd.low for nd in r.nodes if nd.kind == "word" and nd.low in _MADE), None)


_WAYS = {"before": "lo", "earlier": "lo", "after": "hi", "later": "hi"}
_BEFORE_AFTER = re.compile(
    r"^(?P<aux>was|were|is|are|did|does|do|had|has|have)\s+(?P<a>.+?)\s+"
    r"(?P<w1>before|after|earlier|later)\s+or\s+(?P<w2>before|after|earlier|later)"
    r"(?:\s+than)?\s+(?P<b>.+?)\s*\?*\s*$", re.I)


def before_or_after(question: str, schema: SchemaModel, context: "PlanContext",
                    plan_of: Callable[[str, SchemaModel, "PlanContext"], PlanResult]
                    ) -> PlanResult | None:
    """"was A built before or after B?": read as "which was built earlier, A or B" and
    answered with the question's own word for A's side ("before" when A's time is the
    earlier); None when the question is not of this form, its verb is one of a place in the
    list ("does A come before B": the table's order, read elsewhere), or that reading is
    not a comparison of A and B in time."""
    m = _BEFORE_AFTER.match(question.strip())
    if m is None:
        return None
    w1, w2 = m["w1"].lower(), m["w2"].lower()
    if _WAYS[w1] == _WAYS[w2]:
        return None
    words_a = m["a"].split()
    if set(w.lower() for w in words_a) & _LIST_VERBS:
        return None
    for k in range(len(words_a), 0, -1):  # "A built": the item, then the verb said of it
        verb = " ".join(words_a[k:])
        res = plan_of(f"which was {verb + ' ' if verb else ''}earlier, "
                      f"{' '.join(words_a[:k])} or {m['b']}?", schema, context)
        plan = res.plan if res.status == "ok" else None
        if isinstance(plan, ComparisonPlan) and plan.output == "smaller" and \
                len(plan.items) == 2 and plan.measure.agg == "min":
            break
    else:
        return None
    words = [w1, w2] if _WAYS[w1] == "hi" else [w2, w1]  # [said of the later, the earlier]
    plan.output, plan.words, plan.question = "which_way", words, question
    return PlanResult.ok(plan, res.notes, ignored=res.ignored)


__all__ = ["TIME_ORDER", "before_or_after", "made_word", "time_columns_of", "time_order"]
