"""Which value runs longest (issue 12, table order): "which league won the most consecutive
years", "who hosted the most consecutive times", "which team had the longest streak".

The asked column ("which league": League; "who won": the column the verb names, Winner) is
the one whose values are compared: the answer is the value held by the most consecutive
rows in the table's own order (all of them when tied), with the length of the run. Read
only when nothing else is asked: a condition would join rows that are not consecutive, and
"which club had the most wins in a row" (a run of a result per team) is another question,
left unread (then refused). A longest run of one row is no run: refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading
from .plan_kinds import PositionPlan
from .positions import PositionC
from .runs import _MOST, _RUN_WORDS
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

_BETWEEN = {"the", "number of", "number", "amount of", "streak of", "run of"}
#: what the consecutive rows are counted in ("the most consecutive *years*")
_UNITS = {"years", "year", "times", "seasons", "season", "editions", "races", "titles",
          "championships", "tournaments", "games", "matches", "events", "terms", "weeks",
          "months", "days", "rounds", "elections", "rows", "entries", "finishes", "run",
          "streak"}
_OPENERS = {"which", "what", "who"}


def read_run_values(p: "Parser") -> None:
    """Find "which X ... the most consecutive ..." (see the module docstring)."""
    if p.r.position is not None:
        return
    runs = [i for i, nd in enumerate(p.n) if nd.role is None and nd.kind == "word" and
            nd.low in _RUN_WORDS - {"straight", "in a row"}]
    opener = p.n[0].low if p.n else ""
    if len(runs) != 1 or opener not in _OPENERS:
        return
    i = runs[0]
    used = [i]
    k = i - 1
    while k >= 0 and p.n[k].role is None and p.n[k].low in _BETWEEN:
        used.append(k)
        k -= 1
    if k < 0 or p.n[k].role is not None or p.n[k].low not in _MOST:
        return
    used.append(k)
    if p.low(k - 1) == "the":
        used.append(k - 1)
    nxt = p.node(i + 1)
    if nxt is not None and nxt.role is None and (
            nxt.kind == "word" and nxt.low in _UNITS or nxt.kind == "col" and
            nxt.low in _UNITS and all(p.s.col(c).n_distinct >= p.s.n_rows
                                      for c in nxt.columns)):
        used.append(i + 1)  # "the most consecutive seasons": counted in rows of Season
    col = p.r.which_col
    if col is None and opener == "who":
        free = [nd for k2, nd in enumerate(p.n) if nd.kind == "col" and nd.role is None and
                k2 not in used]
        if len(free) != 1 or len(set(free[0].columns)) != 1:
            return
        col = free[0].columns[0]
        free[0].role = "asked"
    if col is None:
        return
    p.r.position = PositionC("longest_run_value", i)
    p.r.__dict__["run_value_column"] = col
    p.use(*used, role="position")


def run_value_plan(r: Reading, s: SchemaModel) -> PositionPlan:
    """The :class:`PositionPlan` of "which value runs longest"; refuses anything else asked
    with it."""
    blocking = [name for name, on in (
        ("a condition", r.filters), ("a grouping", r.groups),
        ("an aggregation", r.global_agg or any(m.aggs for m in r.measures)),
        ("a highest/lowest", r.superlative), ("a share", r.share), ("a top N", r.limit),
        ("a chart", r.chart.kind), ("a count", r.count), ("a change", r.change),
        ("a comparison of two rows", r.contrast), ("an analysis", r.tool)) if on]
    if blocking:
        raise Incomplete(f"That asks which value runs longest together with {blocking[0]}, "
                         f"which I cannot read together yet (a condition would join rows "
                         f"that are not consecutive).", s.names()[:12])
    col = r.__dict__["run_value_column"]
    loose = [nd.text for nd in r.nodes if nd.role in (None, "column") and
             nd.kind in ("col", "val")]  # ("column": named, taken by no constituent)
    if loose:
        # "which driver held the lead the most consecutive times": a second column
        # named may be the one that runs; never guessed
        raise Incomplete(f"I could not tell what {loose[0]!r} does in the question, so I "
                         f"cannot say whose run of {col!r} values is meant.", s.names()[:12])
    p = s.col(col)
    if p.numeric and p.role == "measure":
        raise Incomplete(f"{col!r} holds amounts, not names that repeat; say which column "
                         f"runs.", s.names()[:12])
    if p.n_distinct and s.n_rows and p.n_distinct >= s.n_rows:
        raise Incomplete(f"Every row has its own {col!r}, so no value holds consecutive rows.",
                         s.names()[:12])
    return PositionPlan(position="longest_run_value", columns=[col])


__all__ = ["read_run_values", "run_value_plan"]
