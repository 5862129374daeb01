"""The difference inside a score cell (issue 12, differences): "the score difference in
week 4", "the difference in the score of the game against X", "the largest goal difference
of any match", "when was the points difference the smallest".

A column of scores holds two numbers per cell ("W 27–24", "3–1 (a.e.t.)", "12-10"): the
difference asked is theirs, whichever side is whose (an absolute difference; Expr op
``margin``, derived per row, never text evaluated). The column is found by its cells: every
cell with a digit is one score, at least two of them; a word for no game ("canceled",
"Bye") is let through. The column is the one the question names, else the one named for a score or
a result (a win-loss record "59-47" has the same shape), else none.

Read: a difference word with a score noun before it ("score difference", "goal difference")
or after "in" / "of" ("the difference in (the) score(s)", "difference of points"), the noun
naming no other column. Then
* with filters and no superlative: the margin of the one row they pick (asked back when
  several match);
* with "largest" / "smallest" and no other column asked: the largest / smallest margin;
* with "largest" and "when" / "which <column>": that column of the row with the largest margin;
* "(won) by a difference of 19 (points)" with "which <column>": that column of the rows with
  that margin; "won" / "lost" picks the wins / losses by the mark the cells open with ("W",
  Expr op ``outcome``), refused when the cells have no such mark.
"the game", "the match" name the rows of such a table and are read past.
Refused: no row named and no superlative, a grouping, a count, a top N, a chart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .lexicon import name_tokens, stem
from .outcomes import result_columns
from .plan import AggregatePlan
from .plan_kinds import LookupPlan
from .plan_parts import Expr, Filter, Measure, Step
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

_CELL = re.compile(r"^\s*(?:[A-Za-z]{1,8}\.?,?\s*)?(\d{1,3})\s*[-\u2013\u2014]\s*(\d{1,3})"
                   r"(?:\s*\([^()\d]*\))*\s*(?:[A-Za-z.*]{1,6})?\s*$")
_NOUNS = {"score", "scores", "point", "points", "goal", "goals", "run", "runs", "pts"}
_DIFF = {"difference", "differential", "margin"}
#: verbs and nouns of the outcome the result cell opens with (Expr op "outcome")
_OUTCOME = {"win": 1, "won": 1, "wins": 1, "beat": 1, "victory": 1, "lose": -1, "lost": -1,
            "loss": -1, "losses": -1, "defeat": -1, "defeated": -1}
_GAMES = {"game", "match", "contest", "fixture", "final", "bout", "meeting"}
_NAMED = {"score", "scor", "result", "final", "ft"}


@dataclass
class MarginC:
    """The difference of the two numbers of each cell of ``column``."""

    column: str
    kind: str = "margin"
    value: float | None = None  # "by a difference of 19": the rows with that margin
    outcome: int | None = None  # "won by": 1, "lost by": -1 (the cell's outcome mark)
    said: bool = False  # an outcome word was said (with no mark in the cells to check it)


def when_column(r: Reading, s: SchemaModel) -> str | None:
    """The one column of dates or years a question opening with "when" answers from (asked
    back when there are several); None when the question does not open with "when"."""
    if r.question.lower().split()[:1] != ["when"]:
        return None
    times = [t for t in s.columns if s.answers_when(t)]
    if len(times) != 1:
        raise Incomplete("When: by which column of dates or years?", times[:12], clarify=True)
    return times[0]


def score_columns(s: SchemaModel) -> list[str]:
    """The text columns whose every cell with a digit is one score (see the docstring)."""
    out = []
    for c in s.columns:
        prof = s.col(c)
        vals = [str(v).strip() for v in (prof.values or []) if v is not None and str(v).strip()]
        if prof.numeric or prof.approx or len(vals) < 2:
            continue
        digits = [v for v in vals if any(ch.isdigit() for ch in v)]
        if len(digits) >= 2 and 2 * len(digits) >= len(vals) and \
                all(_CELL.match(v) for v in digits):
            out.append(c)
    return out


def _noun(p: "Parser", k: int) -> str | None:
    """"col" when the node at ``k`` is a score noun, "" when it is no score noun, or the
    column it names."""
    nd = p.node(k)
    if nd is None or nd.role is not None or nd.low not in _NOUNS:
        return ""
    if nd.kind == "col":
        cols = list(dict.fromkeys(m.column for m in nd.item.matches))
        return cols[0] if len(cols) == 1 else None
    return "col" if nd.kind == "word" else ""


def _of_number(p: "Parser", d: int) -> bool:
    """"difference *of 27* (points)": a whole number right after "of"."""
    nd = p.node(d + 2)
    return p.low(d + 1) == "of" and p.n[d + 1].role is None and nd is not None and \
        nd.kind == "num" and nd.role is None and float(nd.value).is_integer()


def _charted_points(p: "Parser", k: int) -> bool:
    """"27 *points*" that the chart rule read as a chart of points."""
    nd = p.node(k)
    return nd is not None and nd.role == "chart" and nd.low in ("point", "points")


def read_score_margin(p: "Parser") -> None:
    """Find "the score difference" / "the difference in the score" (see the docstring)."""
    diff = [i for i, nd in enumerate(p.n) if nd.low in _DIFF and nd.role in (None, "change")]
    if len(diff) != 1:
        return
    d = diff[0]
    used = [d]
    named = _noun(p, d - 1)
    value = None
    charted = False
    if named:
        used.append(d - 1)
    if _of_number(p, d):  # "won by a difference of 19 points", "a score difference of 3"
        value = float(p.n[d + 2].value)
        used += [d + 1, d + 2]
        after = _noun(p, d + 3)
        charted = _charted_points(p, d + 3)
        if after is None or after not in ("", "col") and named and after != named:
            return
        named = named or after or ("col" if charted else "")
        if not named:
            return  # "a difference of 19": of what?
        used += [d + 3] if after or charted else []
        k = d - 2 if used[1:2] == [d - 1] else d - 1
        if p.low(k) == "a" and p.low(k - 1) in ("by", "with"):
            used += [k, k - 1]
    elif not named and p.low(d + 1) in ("in", "of") and p.n[d + 1].role is None:
        k = d + 2 if p.low(d + 2) != "the" else d + 3
        named = _noun(p, k)
        if not named:
            return
        used += list(range(d + 1, k + 1))
    elif not named:
        return
    cols = score_columns(p.s)
    if named not in ("col", None):
        if named not in cols:
            return  # "the points difference" over a column of points: not a score cell
        cols = [named]
    else:  # a win-loss record ("59-47") is no score: the column must say score or result
        cols = [c for c in cols if {stem(t) for t in name_tokens(c)} & _NAMED]
    if len(cols) != 1:
        return
    won = [k for k, nd in enumerate(p.n) if nd.role is None and nd.low in _OUTCOME]
    if len({_OUTCOME[p.low(k)] for k in won}) > 1:
        return
    marked = cols[0] in result_columns(p.s)  # the cells open with who won ("W 27-24")
    p.r.rowdiff = MarginC(cols[0], value=value, said=bool(won),
                          outcome=_OUTCOME[p.low(won[0])] if won and marked else None)
    used += won
    if charted:
        p.n[d + 3].role = None
        p.r.chart.kind = None
    p.use(*used, role="rowdiff")
    for k, nd in enumerate(p.n):  # "the game in 1962": each row of scores is one game
        if nd.role is None and nd.low in _GAMES and (nd.kind == "word" or nd.kind == "col" and
                                                     all(m.how in ("partial", "truncation")
                                                         for m in nd.item.matches)):
            p.use(k, role="rowdiff")
            if p.low(k - 1) == "single" and p.low(k - 2) in ("a", "any"):
                p.use(k - 1, k - 2, role="rowdiff")  # "in a single game": any one game


def margin_plan(r: Reading, s: SchemaModel) -> LookupPlan | AggregatePlan:
    """The margin of the named row, or the largest / smallest margin (see the docstring)."""
    c = r.rowdiff
    blocking = constructs_beside(r, "grouping", "aggregation", "share", "limit", "chart",
                                 "count", "position", "contrast", "tool", "measure")
    if blocking:
        raise Incomplete(f"That asks for the difference inside the {c.column!r} cells together "
                         f"with {blocking[0]}, which I cannot read together yet.",
                         s.names()[:12])
    name = "margin_of_" + re.sub(r"\W+", "_", c.column).strip("_")
    while name in s.columns:
        name += "_derived"
    steps = [Step("derive", name, Expr.of("margin", Expr.col(c.column)))]
    filters = filters_of(r)
    if c.outcome is not None:  # "won by": the rows whose result opens with a win
        mark = "outcome_of_" + name[len("margin_of_"):]
        steps.append(Step("derive", mark, Expr.of("outcome", Expr.col(c.column))))
        filters.append(Filter(mark, "=", c.outcome))
    r.notes.append(f"the difference in {c.column}: the two numbers of its cell subtracted, "
                   f"the larger minus the smaller")
    if c.said and c.outcome is None and (c.value is not None or r.superlative):
        raise Incomplete(f"The cells of {c.column!r} do not say which games were won, so I "
                         f"cannot pick the wins or losses among them.", s.names()[:12])
    if c.value is not None:
        return _with_margin(r, s, c, name, steps, filters)
    if r.superlative is not None:
        if r.superlative_column is not None:
            raise Incomplete(f'I could not tell what "{r.superlative_word}" ranks here.',
                             s.names()[:12])
        agg = "max" if r.superlative == "hi" else "min"
        asked = r.which_col if r.which_col and r.which_col != c.column else None
        if asked is None:
            asked = when_column(r, s)
        if asked is None and r.which:
            raise Incomplete(f"Which column names the game with the {r.superlative_word} "
                             f"difference? Ask for it, e.g. 'which date ...'.",
                             s.names()[:12], clarify=True)
        if asked is None:
            return AggregatePlan(measures=[Measure(agg, name)], filters=filters,
                                 logic=r.logic, steps=steps)
        m = Measure(agg, name)  # one row per value of the asked column: ties all named
        return AggregatePlan(measures=[m], group_by=[asked], order_by=m.alias,
                             descending=agg == "max", argmax=True, filters=filters,
                             logic=r.logic, steps=steps)
    if not filters:
        raise Incomplete(f"The difference in {c.column!r} of which game? Name it, e.g. by "
                         f"its date.", s.names()[:12], clarify=True)
    return LookupPlan(columns=[name], filters=filters, logic=r.logic, steps=steps, one=True)


def _with_margin(r: Reading, s: SchemaModel, c: MarginC, name: str, steps: list[Step],
                 filters: list[Filter]) -> LookupPlan:
    """"on which day did they win by a difference of 19": the asked column of the rows whose
    margin is that number."""
    if r.superlative is not None or not r.which_col or r.which_col == c.column:
        raise Incomplete(f"Which column should I give for the games with a difference of "
                         f"{c.value:g} in {c.column!r}?", s.names()[:12], clarify=True)
    return LookupPlan(columns=[r.which_col], filters=[*filters, Filter(name, "=", c.value)],
                      logic="and", steps=steps)


__all__ = ["MarginC", "margin_plan", "read_score_margin", "score_columns", "when_column"]
