""""Above" / "below" said in the forms the reader refuses, re-read in a form it answers.

* The row asked comes after "above"/"below": "Ann Lee is listed just above whom?", "Ann
  Lee is ranked below which rider?" -> "who is listed just below Ann Lee?", "which rider
  is ranked above Ann Lee?"; "Ann Lee finished below how many riders?" -> "how many riders
  finished above Ann Lee?". Kept only as a row-order plan (the row next to the named one,
  or the rows counted before/after it).
* "listed below of X": the stray "of" is dropped ("listed below X"), kept the same way.
* "on top of X" with X a row, not the list ("ranked on top of Ann Lee") -> "above X", kept
  the same way ("on top of the list" is the first row, read in positions.py); "on top of
  the data table" -> "on top of the table", kept only as the first row.
* Two named rows "above or below" one another on a measure the question names: "was A above
  or below B in points?" -> "was A higher or lower than B in points?", answered with the
  question's own word ("above" said of the larger number, of the smaller place on a rank).
  Kept only as a two-item comparison whose measure column the question names; a table-order
  reading ("is A listed above or below B") is tried first elsewhere (relative.py).
  The measure may come before the second row: "was A above or below the points total for
  B" -> "... than B in points total".
* The subject before the verb: "A was chosen above or below B?" -> "was A chosen above or
  below B?", then read as above.
* "X placed above Y" -> "X finished above Y" ("placed" may name a place column or another
  one), kept as a row-order plan like the first form.
* One row's place against a place: "(in 2004,) was the place above or below 10th" -> the
  cell "what was the place in 2004" reads, of a column of places (numbers named for places,
  or places written as text, "19th"), against 10, the smaller number being above (better,
  higher); a column holding no places is refused.

A follow-up is never rewritten, and any other reading of the rewritten question is dropped:
the refusal stands.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .choose_between import place_measure, text_places
from .contrast_numbers import one_row_each
from .degrees import rank_column
from .noun_phrase import read_instead
from .plan import PlanResult
from .plan_kinds import ComparisonPlan, LookupPlan, PositionPlan
from .plan_parts import Measure

if TYPE_CHECKING:
    from .constituents import Reading
    from .schema import SchemaModel

_OPP = {"above": "below", "below": "above"}
_VERB = r"(?:listed|ranked|placed|shown|located|positioned|seeded|picked|chosen|selected|" \
        r"drafted|found|written)"
_CLOSE = r"(?:immediately|directly|right|just)"
#: "<X> is (listed) (just) above whom / which <noun>"
_ASKED_AFTER = re.compile(
    rf"^(?P<x>.+?)\s+(?P<be>is|was|are|were)\s+(?P<verb>{_VERB}\s+)?(?P<close>{_CLOSE}\s+)?"
    rf"(?P<dir>above|below)\s+(?P<wh>whom|who|which|what)(?P<noun>(?:\s+[a-z][\w-]*){{0,2}})"
    rf"\s*\??\s*$", re.I)
#: "<X> finished below how many <noun>"
_HOW_MANY_AFTER = re.compile(
    rf"^(?P<x>.+?)\s+(?P<verb>finished|placed|ranked|ended|came|is|was|are|were)\s+"
    rf"(?P<verb2>{_VERB}\s+)?(?P<dir>above|below)\s+how\s+many\s+"
    rf"(?P<noun>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*\??\s*$", re.I)
_OF = re.compile(r"\b(above|below)\s+of\s+", re.I)
_ON_TOP = re.compile(r"\b(?:on\s+)?top\s+of\b", re.I)
_DATA_LIST = re.compile(r"\b(top\s+of\s+(?:the|this)\s+)data\s+(table|list|chart)\b", re.I)
_EITHER = re.compile(r"\b(above|below)\s*(?:\bor\b|/)\s*(above|below)\b(\s+than\b)?", re.I)
_WH_OR_AUX = re.compile(r"^(who|whom|what|which|where|when|how|why|is|was|were|are|did|does|"
                        r"do|has|have|had|in|on|at|for|during)\b", re.I)
_SUBJECT_FIRST = re.compile(r"^(?P<x>.+?)\s+(?P<aux>is|was|are|were|did)\s+(?P<rest>.+)$",
                            re.I)
_PLACED = re.compile(rf"\bplaced\s+((?:{_CLOSE}\s+)?(?:above|below)\b)", re.I)
_WAYS = r"above|below|higher|lower|better|worse"
#: "(in 2004,) was the place above or below 10th": one row's place against a number
_PLACE_EITHER = re.compile(
    rf"^(?:(?P<lead>(?:in|during|for|at|on)\s+[^,?]+?),?\s+)?(?P<aux>was|is|were|are)\s+"
    rf"(?P<pre>.+?)\s+(?P<w1>{_WAYS})\s+or\s+(?P<w2>{_WAYS})\s+(?:than\s+)?(?:the\s+)?"
    rf"(?P<n>\d{{1,3}})(?P<suf>st|nd|rd|th)?(?:\s+place)?(?P<post>(?:\s+[^?]*?)?)\s*\??\s*$",
    re.I)
_UP = {"above", "higher", "better"}
_MEASURE_OF = re.compile(r"^\s+(?:the\s+)(?P<what>[a-z][\w %-]*?)\s+(?:for|of)\s+(?P<b>[^?]+?)"
                         r"\s*\??\s*$", re.I)
_PLURAL_BE = {"is": "are", "was": "were"}
_NEAR = ("next", "previous", "count_before", "count_after")


def as_above_below(question: str, refused: PlanResult, schema: "SchemaModel",
                   read: Callable[[str], PlanResult],
                   reading: Callable[[str, "SchemaModel"], "Reading"]) -> PlanResult:
    """``refused`` again, or the answered reading of one of the rewrites above."""
    q = question.strip()
    if _DATA_LIST.search(q):  # "on top of the data table": the table's first row
        res = read_instead(question, _DATA_LIST.sub(r"\1\2", q), refused, read)
        first = isinstance(res.plan, PositionPlan) and res.plan.position == "first"
        return res if res is not refused and first else refused
    alt = _asked_after(q)
    if alt is None and _OF.search(q):
        alt = _OF.sub(lambda m: m.group(1) + " ", q)
    if alt is None and len(_ON_TOP.findall(q)) == 1 and not _EITHER.search(q):
        alt = _ON_TOP.sub("above", q)  # "ranked on top of X": "ranked above X"
    if alt is None and _PLACED.search(q) and not _EITHER.search(q):
        alt = _PLACED.sub(lambda m: "finished " + m.group(1), q)  # "placed": "Place" or ...?
    if alt is not None:
        res = read_instead(question, alt, refused, read)
        if res is not refused and isinstance(res.plan, PositionPlan) and \
                res.plan.position in _NEAR and res.plan.anchor:
            return res
        return refused
    placed = _PLACE_EITHER.match(q)
    if placed is not None:
        return _against_place(question, placed, refused, schema, read)
    m = _EITHER.search(q)
    if m is None or m.group(1).lower() == m.group(2).lower():
        return refused
    if not _WH_OR_AUX.match(q):
        s = _SUBJECT_FIRST.match(q)
        if s is None:
            return refused
        moved = f"{s['aux']} {s['x']} {s['rest']}"
        res = read_instead(question, moved, refused, read)
        if res is not refused and (
                isinstance(res.plan, PositionPlan) and res.plan.position == "relative" or
                isinstance(res.plan, ComparisonPlan) and res.plan.output == "which_way"):
            return res
        q = moved
        m = _EITHER.search(q)
        if m is None:
            return refused
    return _either_way(question, q, m, refused, schema, read, reading)


def _against_place(question: str, m: re.Match[str], refused: PlanResult,
                   schema: "SchemaModel", read: Callable[[str], PlanResult]) -> PlanResult:
    """One row's place against a place number: "in 2004 was the place above or below 10th".
    The place is the one cell "what was the place in 2004" reads, of a column of places
    (numbers named for places, or places written as text: "19th"); above is the smaller
    number. Anything else keeps the refusal."""
    w1, w2 = m["w1"].lower(), m["w2"].lower()
    if (w1 in _UP) == (w2 in _UP):
        return refused
    aux, lead, post = m["aux"].lower(), (m["lead"] or "").strip(), m["post"].strip()
    if not lead and not m["suf"]:
        return refused  # a plain number with nothing before the verb: either_number's
    asked = " ".join(w for w in ("what", aux, m["pre"].strip(), lead, post) if w) + "?"
    res = read(asked)
    plan = res.plan
    if res.status != "ok" or not isinstance(plan, LookupPlan) or plan.by or plan.same or \
            plan.yes_no or len(plan.columns) != 1 or plan.logic != "and" or plan.steps:
        return refused
    col = plan.columns[0]
    named = [f for f in plan.filters if f.op == "=" and not isinstance(f.value, (list, dict))]
    if len(named) != 1 or named[0].column == col or not one_row_each(schema, named[0].column):
        return refused
    if rank_column(schema, col):
        steps, measure = [], Measure("sum", col)
    elif text_places(schema, col):
        steps, measure = place_measure(schema, col)
    else:
        return refused  # "above 10th" of a column that holds no places
    words = [w2, w1] if w1 in _UP else [w1, w2]  # [said of the larger number, the smaller]
    item = named[0]
    out = ComparisonPlan(measure=measure, column=item.column, items=[item.value],
                         output="which_way", threshold=float(m["n"]), words=words,
                         filters=[f for f in plan.filters if f is not item], steps=steps)
    out.question = question
    return PlanResult.ok(out, [f'Read as "{asked}", that place against {m["n"]}.',
                               *res.notes], ignored=res.ignored)


def _asked_after(q: str) -> str | None:
    m = _ASKED_AFTER.match(q)
    if m is not None and not _WH_OR_AUX.match(m["x"]):
        wh = "who" if m["wh"].lower() in ("who", "whom") else m["wh"].lower()
        noun = m["noun"].strip()
        if wh in ("which", "what") and not noun:
            return None  # "what" alone: a row, or a cell of it?
        return " ".join(w for w in (wh, noun, m["be"].lower(), (m["verb"] or "").strip(),
                                    (m["close"] or "").strip(), _OPP[m["dir"].lower()],
                                    m["x"].strip()) if w) + "?"
    m = _HOW_MANY_AFTER.match(q)
    if m is not None and not _WH_OR_AUX.match(m["x"]):
        verb = m["verb"].lower()
        verb = _PLURAL_BE.get(verb, verb)
        return " ".join(w for w in ("how many", m["noun"].strip(), verb,
                                    (m["verb2"] or "").strip(), _OPP[m["dir"].lower()],
                                    m["x"].strip()) if w) + "?"
    return None


def _either_way(question: str, q: str, m: re.Match[str], refused: PlanResult,
                schema: "SchemaModel", read: Callable[[str], PlanResult],
                reading: Callable[[str, "SchemaModel"], "Reading"]) -> PlanResult:
    """"was A above or below B in <measure>" read as "higher or lower than"."""
    first = m.group(1).lower()
    pair = "higher or lower than" if first == "above" else "lower or higher than"
    alts = [q[:m.start()] + pair + q[m.end():]]
    of = _MEASURE_OF.match(q[m.end():])
    if of is not None:  # "above or below the gold count for B": "than B in gold count"
        alts.append(f"{q[:m.start()]}{pair} {of['b']} in {of['what']}?")
    for alt in alts:
        if re.search(r"\bthan\s+than\b", alt):
            continue
        res = _compared(question, alt, refused, schema, read, reading)
        if res is not refused:
            return res
    return refused


def _compared(question: str, alt: str, refused: PlanResult, schema: "SchemaModel",
              read: Callable[[str], PlanResult],
              reading: Callable[[str, "SchemaModel"], "Reading"]) -> PlanResult:
    said = {"higher": "above", "lower": "below"}
    res = read_instead(question, alt, refused, read)
    plan = res.plan
    if res is refused or not isinstance(plan, ComparisonPlan) or plan.output != "which_way" \
            or len(plan.items) != 2 or plan.threshold is not None or \
            plan.measure.column is None or set(plan.words) != set(said):
        return refused
    if plan.measure.column not in reading(alt, schema).mentioned():
        return refused  # "is A above or below B" with no measure named: the table's order?
    if not rank_column(schema, plan.measure.column) and _running(schema, plan.measure.column):
        return refused  # "picked above": an earlier pick is the smaller number, unlike votes
    plan.words = [said[w] for w in plan.words]
    return res


def _running(s: "SchemaModel", col: str) -> bool:
    """A column of running whole numbers from 0 or 1 (a pick, a seed, a number in a list),
    nearly one per row: "above" there is the order of the numbers, not the larger one."""
    p = s.col(col)
    try:
        lo, hi = float(p.min), float(p.max)
    except (TypeError, ValueError):
        return False
    rows = p.n_rows - p.n_null
    return lo.is_integer() and hi.is_integer() and lo <= 1 and hi <= 2 * max(rows, 1) and \
        p.n_distinct >= 0.8 * rows


__all__ = ["as_above_below"]
