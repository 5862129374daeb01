"""How long, over a table with one row per year (issue 12): "how long did <name> coach the
side?", "how long in years total did they play in the second tier?" -> how many years, the
rows that match counted.

A yearly record (a club's seasons, a yearly award) holds one row per year, so how long a
condition held is the number of its rows, in years (or seasons). The table is yearly when
exactly one column names its rows by year, every row once and no year missing between the
first and the last: whole-number years (a column named for years or seasons, or read as
time) whose highest minus lowest is the number of rows less one, or text seasons
("1998–99", "2004/05") each one year after the one before when sorted. Events every four
years or a season left out would make rows no longer years, and keep the refusal.

When a "how long" question is refused, it is read once more as "how many years ..." ("how
many seasons ..." over seasons; "in years" / "in total" said after "how long" kept as
"total"), and that reading is kept only when it answers with one count of the rows (or of
the distinct years), with no groups and with a condition on some other column (the whole
table's span is another question). "since", "ago", "after", "before", "between", "until",
"take" and other units (days, months, weeks ...) keep the refusal; the answer says how
"how long" was read.
"""

from __future__ import annotations

import re
from typing import Callable

from .lexicon import name_tokens, stem
from .plan import AggregatePlan, PlanResult
from .schema import SchemaModel, holds_years

_FORM = re.compile(r"^\s*(?:for\s+)?how\s+long(?P<said>\s+in\s+(?:years|seasons))?"
                   r"(?P<total>\s+(?:in\s+)?total)?\s+"
                   r"(?P<aux>was|were|is|are|did|does|do|has|had|have)\b(?P<rest>.*)$",
                   re.I | re.S)
_IN_YEARS = re.compile(r"\s*\(?\s*\bin\s+(?:years|seasons)\s*\)?\s*(?=[?.!]*\s*$)", re.I)
#: words that ask another length than the rows' years, or a time up to now
_OTHER = re.compile(r"\b(?:since|ago|after|before|between|until|till|take|took|takes|"
                    r"days?|weeks?|months?|hours?|minutes?|seconds?|years?|seasons?|"
                    r"long|longer|longest|first|last)\b", re.I)
_SEASON = re.compile(r"^\s*(\d{4})\s*[–—/-]\s*(\d{2}|\d{4})\s*$")
_NAMES = {"year", "season"}


def yearly_column(s: SchemaModel) -> tuple[str, str] | None:
    """(the column that makes the table one row per year, "years" or "seasons"), or None
    (module docstring)."""
    found = []
    n = s.n_rows
    for c in s.names():
        p = s.col(c)
        named = {stem(t) for t in name_tokens(c)} & _NAMES
        if n < 3 or p.n_null or p.n_distinct != n:
            continue
        unit = "seasons" if "season" in named else "years"
        if holds_years(p) and (named or p.role == "time") and \
                float(p.max) - float(p.min) == n - 1:
            found.append((c, unit))
        elif p.kind == "text" and named and _consecutive_seasons(p.values or [], n):
            found.append((c, unit))
    return found[0] if len(found) == 1 else None


def _consecutive_seasons(values: list, n: int) -> bool:
    starts = []
    for v in values:
        m = _SEASON.match(str(v))
        if m is None:
            return False
        first, second = m.group(1), m.group(2)
        end = int(first[:2] + second) if len(second) == 2 else int(second)
        if end != int(first) + 1 and not (len(second) == 2 and int(second) == (int(first) + 1) % 100):
            return False
        starts.append(int(first))
    starts.sort()
    return len(starts) == n and all(b - a == 1 for a, b in zip(starts, starts[1:]))


def years_form(question: str, unit: str) -> str | None:
    """``question`` said as "how many <unit> ...", or None when it is no such question."""
    m = _FORM.match(question)
    if m is None:
        return None
    rest = _IN_YEARS.sub("", m["rest"])
    if _OTHER.search(rest):
        return None
    total = " total" if m["total"] else ""
    return f"how many {unit}{total} {m['aux']}{rest}"


def as_years(question: str, refused: PlanResult, schema: SchemaModel,
             plan_of: Callable[[str], PlanResult]) -> PlanResult:
    """The count of the rows of the "how many years" wording (module docstring), else
    ``refused``."""
    if refused.status == "needs_clarification":
        return refused
    yearly = yearly_column(schema)
    alt = years_form(question, yearly[1]) if yearly is not None else None
    if alt is None:
        return refused
    col = yearly[0]
    res = plan_of(alt)
    plan = res.plan
    if res.status != "ok" or not isinstance(plan, AggregatePlan) or plan.group_by or \
            len(plan.measures) != 1 or plan.measures[0].agg not in ("count", "count_distinct") or \
            plan.measures[0].column not in (None, col) or plan.unpivot or plan.share or \
            plan.time_bucket is not None or plan.steps or \
            not any(f.column != col for f in plan.filters):
        return refused
    plan.question = question
    res.notes.insert(0, f'Read "how long" as how many {yearly[1]}: the table has one row per '
                        f"year ({col!r}, none missing), so the rows counted are "
                        f"{yearly[1]}.")
    return res


__all__ = ["as_years", "years_form", "yearly_column"]
