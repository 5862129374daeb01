"""A length compared through the verb "last" (issue 12): "how many voyages lasted more than
40 days", "which songs last for over 3:30", "how many bouts lasted at least 3 rounds".

"Lasted more than 40 days" says what "were more than 40 days" says of a column of lengths,
but the reader takes "last" for the order of the rows (or leaves "lasted" unread) and
refuses. When such a question is refused, it is read once more with the verb (and a "for"
after it) said as "were" / "are", and that reading is kept only when it answers with one
comparison of the amount said on a column that holds how long each row lasted:

* a clock ("3:30") or a unit of seconds, minutes or hours: the seconds of a column of
  elapsed times (``Expr`` op ``elapsed``), or a column named for that unit ("Minutes");
* days, weeks, months, years, rounds, laps, seasons: a column named for that unit
  ("Days", "Round", "Length (days)");

never a column named for a time of the day ("Kick-off", "Time (UTC)"), and the comparison
must be on the amount said. Any other reading keeps the refusal; the answer says how it
read the verb.

The same verb ends "how many rounds did the bout against X last?": read once more as "how
many rounds did the bout against X have?", kept only when that answers with the named row's
cell of the one column named for the unit ("Round", "Days"), never a count of rows.
"""

from __future__ import annotations

import re
from typing import Callable

from .lexicon import name_tokens, stem
from .plan import PlanResult
from .plan_kinds import LookupPlan

_CMP = r"more|less|fewer|longer|shorter|over|under|above|below|at\s+least|at\s+most"
_LASTED = re.compile(rf"\b(?P<verb>last|lasts|lasted)\s+(?:for\s+)?(?=(?:{_CMP})\b)", re.I)
_NUMBER = (r"\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
           r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred")
_AMOUNT = re.compile(rf"^(?:{_CMP})(?:\s+than)?\s+(?:(?P<clock>\d+(?::\d+)+(?:\.\d+)?)|"
                     rf"(?:{_NUMBER})\s+(?P<unit>[a-z]+))", re.I)
#: units said of a clock-like length, read from a column of elapsed times
_ELAPSED_UNITS = {"second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins",
                  "hour", "hours", "hr", "hrs"}
#: units counted by a column named for them
_COUNTED_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years",
                  "round", "rounds", "lap", "laps", "season", "seasons"}
#: "how many <unit> did <row> last?"
_HOW_MANY = re.compile(r"^\s*how\s+many\s+(?P<unit>[a-z]+)\s+(?P<aux>did|does|do|will)\s+"
                       r"(?P<rest>\S.*?)\s+last(?:\s+for)?\s*[?.!]*\s*$", re.I | re.S)
#: words naming a column of times of the day, not of lengths
_CLOCK_NAMES = {"utc", "gmt", "local", "kickoff", "kick", "start", "departure", "arrival",
                "greatest", "sunrise", "sunset", "date"}


def lasted_form(question: str) -> str | None:
    """``question`` with "lasted (for) <comparison>" said as "were <comparison>", or None
    when it says no such thing (or says it twice)."""
    said = list(_LASTED.finditer(question))
    if len(said) != 1:
        return None
    m = said[0]
    be = "were" if m.group("verb").lower() == "lasted" else "are"
    return question[:m.start()] + be + " " + question[m.end():]


def as_lasted(question: str, refused: PlanResult,
              plan_of: Callable[[str], PlanResult]) -> PlanResult:
    """The answered reading of the "were" wording (module docstring), else ``refused``."""
    if refused.status == "needs_clarification":
        return refused
    if _HOW_MANY.match(question):
        return _as_had(question, refused, plan_of)
    alt = lasted_form(question)
    if alt is None:
        return refused
    m = _LASTED.search(question)
    amount = _AMOUNT.match(question[m.end():])
    if amount is None:
        return refused
    unit = (amount.group("unit") or "").lower()
    if not amount.group("clock") and unit not in _ELAPSED_UNITS | _COUNTED_UNITS:
        return refused
    res = plan_of(alt)
    plan = res.plan
    if res.status != "ok" or plan is None:
        return refused
    compared = [f for f in plan.filters if f.op in (">", ">=", "<", "<=")]
    if len(compared) != 1 or len(plan.filters) != 1:
        return refused
    column = _length_column(plan, compared[0].column, amount.group("clock"), unit)
    if column is None:
        return refused
    plan.question = question
    res.notes.insert(0, f'Read "{m.group("verb")}" as the length of each row in {column!r}: '
                        f'read as "{alt}".')
    return res


def _as_had(question: str, refused: PlanResult,
            plan_of: Callable[[str], PlanResult]) -> PlanResult:
    """"how many <unit> did <row> last?" as the row's cell of the column named for the
    unit, else ``refused``."""
    m = _HOW_MANY.match(question)
    unit = m.group("unit").lower()
    if unit not in _ELAPSED_UNITS | _COUNTED_UNITS:
        return refused
    alt = f"how many {m.group('unit')} {m.group('aux')} {m.group('rest')} have?"
    res = plan_of(alt)
    plan = res.plan
    if res.status != "ok" or not isinstance(plan, LookupPlan) or len(plan.columns) != 1 or \
            plan.steps or not plan.filters or plan.by or plan.yes_no:
        return refused
    column = plan.columns[0]
    words = {stem(t) for t in name_tokens(column)}
    if stem(unit) not in words or words & {stem(w) for w in _CLOCK_NAMES}:
        return refused
    plan.question = question
    res.notes.insert(0, f'Read "last" as how long the row lasted, in {unit}: its {column!r}; '
                        f'read as "{alt}".')
    return res


def _length_column(plan, filtered: str, clock: str | None, unit: str) -> str | None:
    """The table's column the comparison is on, when it holds lengths in the unit said."""
    derived = {st.name: st.expr for st in plan.steps if st.action == "derive"}
    expr = derived.get(filtered)
    elapsed = None
    if expr is not None:
        if expr.op != "elapsed" or not expr.args or expr.args[0].op != "col":
            return None
        elapsed = expr.args[0].column
    column = elapsed or filtered
    words = {stem(t) for t in name_tokens(column)}
    if words & {stem(w) for w in _CLOCK_NAMES}:
        return None
    if clock or unit in _ELAPSED_UNITS:
        return column if elapsed or stem(unit) in words else None
    return column if elapsed is None and stem(unit) in words else None


__all__ = ["as_lasted", "lasted_form"]
