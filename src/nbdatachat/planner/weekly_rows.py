"""How long, over a table with one row per week (issue 12): "how long was <title> at the
top?", "how long was <title> on the list (in weeks)?" -> how many weeks, the rows that name
it counted.

A weekly list (a chart, a box office of each weekend) holds one row per week, so how long a
title stayed on it is the number of rows naming it, in weeks. The table is weekly when a
column of dates has one date per row, every date distinct and the first and the last
exactly seven days times (rows - 1) apart (a day or two of slack for a missing week is not
allowed: the count would no longer be weeks), or when a column named for the week numbers
the rows 1, 2, 3 ... (``row_nouns.row_numbers``).

When a "how long" question is refused, it is read once more as "how many weeks ..." (a
unit "(in weeks)" said after it dropped; any other unit, or "since", "ago", "after",
"before", "between", "until", "take" keep the refusal), and that reading is kept only when
it answers with a count of the rows (one count, no groups); every check of the reader
applies to it unchanged, and the answer says how "how long" was read.
"""

from __future__ import annotations

import re
from typing import Callable

import pandas as pd

from .lexicon import name_tokens
from .plan import AggregatePlan, PlanResult
from .row_nouns import row_numbers
from .schema import SchemaModel

_FORM = re.compile(r"^\s*(?:for\s+)?how\s+long\s+(?P<aux>was|were|is|are|did|does|do|has|had)"
                   r"\b(?P<rest>.*)$", re.I | re.S)
_IN_WEEKS = re.compile(r"\s*\(?\s*\bin\s+weeks\s*\)?\s*(?=[?.!]*\s*$)", re.I)
#: words that ask another length than the rows' weeks, or a time up to now
_OTHER = re.compile(r"\b(?:since|ago|after|before|between|until|till|take|took|takes|"
                    r"in\s+(?:days|months|years|hours|minutes|seconds)|days|months|years|"
                    r"hours|minutes|seconds)\b", re.I)


def weekly_column(s: SchemaModel) -> str | None:
    """The column that makes the table one row per week (module docstring), or None."""
    n = s.n_rows
    if n < 3:
        return None
    for c in s.names():
        p = s.col(c)
        if p.kind in ("date", "datetime") and p.n_null == 0 and p.n_distinct == n and \
                p.min is not None and p.max is not None:
            days = (pd.Timestamp(p.max) - pd.Timestamp(p.min)).days
            if days == 7 * (n - 1):
                return c
        if {t.lower() for t in name_tokens(c)} == {"week"} and row_numbers(s, c) and \
                p.n_distinct == n and p.n_null == 0:
            return c
    return None


def weeks_form(question: str) -> str | None:
    """``question`` said as "how many weeks ...", or None when it is no such question."""
    m = _FORM.match(question)
    if m is None:
        return None
    rest = _IN_WEEKS.sub("", m["rest"])
    if _OTHER.search(rest) or re.search(r"\bweeks?\b", rest, re.I):
        return None
    return f"how many weeks {m['aux']}{rest}"


def as_weeks(question: str, refused: PlanResult, schema: SchemaModel,
             plan_of: Callable[[str], PlanResult]) -> PlanResult:
    """The count of the rows of the "how many weeks" wording (module docstring), else
    ``refused``."""
    col = weekly_column(schema)
    alt = weeks_form(question) if col is not None else None
    if alt is None:
        return refused
    res = plan_of(alt)
    plan = res.plan
    if res.status != "ok" or not isinstance(plan, AggregatePlan) or plan.group_by or \
            len(plan.measures) != 1 or plan.measures[0].agg != "count" or \
            plan.measures[0].column is not None or plan.unpivot or \
            plan.time_bucket is not None or plan.share or plan.either_count:
        return refused
    plan.question = question
    res.notes.insert(0, f'Read "how long" as how many weeks: the table has one row per week '
                        f'({col!r}), so the rows counted are weeks.')
    return res


__all__ = ["as_weeks", "weekly_column", "weeks_form"]
