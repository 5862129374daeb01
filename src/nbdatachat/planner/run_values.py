"""Which value runs longest (issue 12, table order): "which circuit was champion in the
most successive seasons", "who topped the list the most consecutive weeks".

The asked column ("which league": League; "who won": the column the verb names, Winner) is
the one whose values are compared: the answer is the value held by the most consecutive
rows in the table's own order (all of them when tied), with the length of the run. Read
only when nothing else is asked: a condition would join rows that are not consecutive, and
"which crew strung together the most wins in a row" (a result per crew) is another question,
left unread (then refused). A longest run of one row is no run: refused.

"name a club that ..." asks the same of the column named after "name a" (or "an", "one",
"the"); it and "which rider is *the only* one ..." expect one value: the plan's ``asked`` is 1,
and several values found are asked back rather than listed (service/asked_count.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, filters_of
from .lexicon import OUTCOME_NOUNS, name_tokens
from .plan_kinds import PositionPlan
from .positions import PositionC
from .run_units import read_run_years
from .runs import _MOST, _RUN_WORDS, result_columns
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
#: "name *a* club that ...": the column after "name" and one of these is asked, one value
_ONE = {"a", "an", "one", "the"}
#: results, not rows: "which club had 3 consecutive *wins*" is a run of a result per club
_OUTCOMES = {"win", "wins", "loss", "losses", "victories", "defeats", "draws", "ties"}
#: wins in a table with no column of results: its rows are the wins ("which driver had 4
#: consecutive wins" over a list of each year's winner)
_WINS = {"wins", "victories", "titles"}
#: words before a run said without a number: "which club *won* consecutive titles" (two)
_BARE = {"won", "had", "has", "have", "win", "held", "hosted", "took", "were", "was", "for",
         "in"}


def _at_least(p: "Parser", k: int) -> int:
    """The run's least length said before the run word at ``k + 1``: "3 consecutive", "two
    consecutive" (3, 2); "won consecutive titles" is two; 0 when no length is said."""
    nd = p.node(k)
    if nd is None or nd.role is not None:
        return 0
    if nd.is_number and nd.value is not None and float(nd.value).is_integer() and \
            2 <= nd.value <= 100 and not (nd.item.tok is not None and nd.item.tok.ordinal):
        return int(nd.value)
    return 2 if nd.kind == "word" and nd.low in _BARE else 0


_WINNING = {"winning", "win", "wins", "victories", "winners"}
_WINNER_WORDS = {"winner", "winners", "champion", "champions", "victor"}


def _winner_columns(p: "Parser") -> list[str]:
    """Text columns whose header names the winner ("Winner", "Men's winner")."""
    return [c for c in p.s.columns if not p.s.col(c).numeric and
            {t.lower() for t in name_tokens(c)} & _WINNER_WORDS]


def _plural(word: str) -> bool:
    """A plain plural noun ("members", "hosts"): the rows counted, said without a number."""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss")


def read_run_values(p: "Parser") -> None:
    """Find "which X ... the most consecutive ..." (see the module docstring)."""
    if p.r.position is not None:
        return
    runs = [i for i, nd in enumerate(p.n) if nd.role is None and nd.kind == "word" and
            nd.low in _RUN_WORDS - {"straight", "in a row"}]
    opener = p.n[0].low if p.n else ""
    named = opener == "name" and p.low(1) in _ONE and p.node(2) is not None and \
        p.n[2].kind == "col" and p.n[2].role is None and runs and runs[0] > 2
    if len(runs) != 1 or opener not in _OPENERS and not named:
        return
    i = runs[0]
    used = [i]
    only = [k for k in range(1, i) if p.n[k].low == "only" and p.low(k - 1) == "the" and
            p.n[k].role is None and p.n[k - 1].role is None]
    asked = 1 if named or only else None
    k = i - 1
    while k >= 0 and p.n[k].role is None and p.n[k].low in _BETWEEN:
        used.append(k)
        k -= 1
    n = _at_least(p, k) if k == i - 1 else 0
    if n:
        if p.n[k].is_number:
            used.append(k)
            if p.low(k - 1) == "at least" and p.n[k - 1].role is None:
                # "held at least three successive titles": the run's least length, as a bare
                # number is; no column is compared with it
                used.append(k - 1)
                said = f'I could not tell which column "{p.n[k].text}" is compared with.'
                p.r.problems[:] = [x for x in p.r.problems if x != said]
    elif k < 0 or p.n[k].role is not None or p.n[k].low not in _MOST:
        return
    else:
        used.append(k)
        if p.low(k - 1) == "the":
            used.append(k - 1)
    read_run_years(p, i, one_per_row=False)
    years = p.r.__dict__.pop("run_by", None)
    if n:
        p.r.__dict__["run_by"] = years
    p.r.__dict__["run_years"] = years
    nxt = p.node(i + 1)
    if nxt is not None and nxt.role is None and (
            nxt.kind == "word" and nxt.low in _UNITS or nxt.kind == "col" and
            nxt.low in _UNITS and (all(p.s.col(c).n_distinct >= p.s.n_rows
                                       for c in nxt.columns) or
                                   p.r.__dict__.get("run_by") in nxt.columns)):
        used.append(i + 1)  # "the most consecutive seasons": counted in rows of Season
    elif nxt is not None and nxt.role is None and nxt.low in _WINS and not result_columns(p.s):
        used.append(i + 1)  # "which driver had 4 consecutive wins" in a list of winners
    elif nxt is not None and nxt.role is None and nxt.kind == "word" and \
            not nxt.tags and nxt.low.isalpha() and nxt.low not in _OUTCOMES | OUTCOME_NOUNS \
            and (n or _plural(nxt.low)):
        # "which club had 3 consecutive outings at home", "which guild had the most
        # consecutive members": the rows' noun
        used.append(i + 1)
    elif n:
        p.r.__dict__.pop("run_by", None)
        return  # "which club had 2 consecutive losses": a result per club, not its rows
    col = p.r.which_col
    if named:
        col = p.column_of(p.n[2], prefer="dimension")
        p.n[2].role = "asked"
        used.extend([0, 1])
    winners = _winner_columns(p)
    if col is None and nxt is not None and nxt.role is None and nxt.low in _WINNING and \
            len(winners) == 1 and not n:
        # "which side put together the best successive winning streak": the winners' column
        col = winners[0]
        used.append(i + 1)
        if p.low(i + 2) in ("streak", "streaks", "run"):
            used.append(i + 2)
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
    p.r.__dict__["run_value_n"] = max(n, 1)
    if asked:
        p.r.__dict__["run_value_asked"] = asked
        used.extend(only[:1] + [k - 1 for k in only[:1]])
        p.r.notes.append("the question asks for one value: answered only if exactly one "
                         "holds the run")
    p.use(*used, role="position")


def run_value_plan(r: Reading, s: SchemaModel) -> PositionPlan:
    """The :class:`PositionPlan` of "which value runs longest"; refuses anything else asked
    with it."""
    n = r.__dict__.get("run_value_n", 1)
    run_by = r.__dict__.get("run_by") if n > 1 else \
        r.__dict__.get("run_years") if r.filters else None
    blocking = [name for name, on in (
        ("a condition", r.filters and not run_by), ("a grouping", r.groups),
        ("an aggregation", r.global_agg or any(m.aggs for m in r.measures)),
        ("a highest/lowest", r.superlative), ("a share", r.share), ("a top N", r.limit),
        ("a chart", r.chart.kind), ("a count", r.count), ("a change", r.change),
        ("a comparison of two rows", r.contrast), ("an analysis", r.tool)) if on]
    if blocking:
        raise Incomplete(f"That asks which value runs longest together with {blocking[0]}, "
                         f"which I cannot read together yet (a condition would join rows "
                         f"that are not consecutive).", s.names()[:12])
    col = r.__dict__["run_value_column"]
    said = {f.column for f in r.filters}
    loose = [nd.text for nd in r.nodes if nd.role in (None, "column") and
             nd.kind in ("col", "val") and not (nd.kind == "col" and nd.columns and
                                                set(nd.columns) <= said)]
    # ("column": named, taken by no constituent; a column a condition reads is not loose)
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
    # with a year column, a condition keeps the runs: "which crew came first in the most
    # successive years" counts the years of the rows holding it
    return PositionPlan(position="longest_run_value", columns=[col], n=n, run_by=run_by,
                        filters=filters_of(r) if run_by else [],
                        asked=r.__dict__.get("run_value_asked"))


__all__ = ["read_run_values", "run_value_plan"]
