""""What date was *the fixture* with the most spectators": one game picked by a measure.

Over a schedule (``event_words.is_schedule``: the rows are games, a date on every row) "which
date had the most spectators" alone reads as a grouping: the date (or its week) with the
highest total. Said of "the game", "the match", the question picks one row: the game with
the highest value of the measure, and asks for its date. ``event_words`` leaves the game
noun unread beside a date asked for by a superlative (for the grouping's sake); this module
reads it as the rows when

* the table is a schedule, the noun is a game noun (``event_words.EVENT_NOUNS``) no column
  or value grounded, with no number, degree word or unread qualifier before it;
* the question asks for a time column (``which date``, ``on which day``) whose values are
  one per row (no two games on one date: a row picked by the date is one game), and ranks
  by one numeric column ("the most spectators", "the lowest attendance");

and then the plan built (the time column grouped, the measure summed, the top group) is
turned into the rows' plan: the date and the measure of the row with the highest (lowest)
value. Anything else is left as it was, and the noun unread still makes the reader refuse.

With no game noun ("which day had the largest crowd"), over any table whose time
column holds one value per row, the question names no grain ("week", "month": ``r.grain``)
but the plan built buckets the column by a grain chosen from the data's spacing (the week
with the highest average): the date asked is a row's own, so the plan is the rows' plan too.
"""

from __future__ import annotations

from .constituents import Reading
from .event_words import EVENT_NOUNS, is_schedule
from .lexicon import stem
from .plan import Plan
from .schema import SchemaModel

_NOT_BEFORE = {"most", "least", "more", "fewer", "less", "many", "much", "few", "several",
               "some", "any", "no", "consecutive", "straight", "total", "home", "away"}
_NOTE = 'read "{}" as the rows: each row is one game (a schedule), picked by {}'


def read_game_pick(r: Reading, s: SchemaModel) -> None:
    """Read the game noun as the rows (module docstring); runs after ``event_words``."""
    if _time_asked(r, s) is None:
        return
    unread = {w.lower() for w in r.unknown}
    nouns = [i for i, nd in enumerate(r.nodes) if nd.kind == "word" and nd.role is None and
             nd.low in unread]
    if not nouns or any(stem(r.nodes[i].low) not in EVENT_NOUNS for i in nouns):
        return
    for i in nouns:
        prev = r.nodes[i - 1] if i else None
        if prev is not None and (prev.is_number or prev.kind in ("num", "col", "val") and
                                 prev.role is None or prev.low in _NOT_BEFORE):
            return
    for i in nouns:
        nd = r.nodes[i]
        nd.role = "ignored"
        r.ignored.append(nd.text)
    r.unknown = [w for w in r.unknown if w.lower() not in {r.nodes[i].low for i in nouns}]
    r.notes.append(_NOTE.format(r.nodes[nouns[0]].text, "the superlative"))


def game_pick_plan(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """The rows' plan for a question :func:`read_game_pick` read (module docstring)."""
    game = any(nd.role == "ignored" and stem(nd.low) in EVENT_NOUNS for nd in r.nodes)
    tc = _time_asked(r, s, schedule=game)
    if tc is None or plan.kind != "aggregate" or not getattr(plan, "argmax", False) or \
            plan.steps:
        return plan
    tb = getattr(plan, "time_bucket", None)
    groups = list(getattr(plan, "group_by", []) or [])
    if not (tb is not None and tb.column == tc and not groups or
            game and tb is None and groups == [tc]):
        return plan
    if not game and (r.grain is not None or tb.grain == "raw"):
        return plan  # "which week had the most": the grain said
    measures = plan.measures
    if len(measures) != 1 or measures[0].column is None or \
            measures[0].agg not in ("sum", "max", "min", "mean"):
        return plan
    col = measures[0].column
    if not s.col(col).numeric:
        return plan
    descending = bool(plan.descending)
    return Plan(kind="rows", columns=[tc, col], filters=plan.filters, logic=plan.logic,
                order_by=col, descending=descending, limit=1, question=plan.question)


def _time_asked(r: Reading, s: SchemaModel, schedule: bool = True) -> str | None:
    """The time column asked for beside a superlative, one value per row (over a
    schedule when ``schedule``); else None."""
    tc = r.which_col
    if tc is None or not r.superlative or r.count or r.groups or r.limit or \
            r.position is not None or tc not in s.columns:
        return None
    p = s.col(tc)
    if p.role != "time" and p.kind not in ("date", "datetime"):
        return None
    if p.n_null or p.n_distinct < s.n_rows or schedule and not is_schedule(s):
        return None
    return tc


__all__ = ["game_pick_plan", "read_game_pick"]
