"""Rows compared and ranked by a column of elapsed times (issue 12), beside
:mod:`lengths` (one row's own time).

Compared: "how many <rows> are at least 4 minutes long", "which ... are longer than 3:30"
-> the rows whose cell, as seconds (``Expr`` op ``elapsed``), compares with the amount
(a number with a unit of time, or a clock), counted or listed; refused when a cell of the
column holds something else with digits ("6:42 (audio) 8:18 (video)"), which the count
would miss. Ranked: "how long is the longest <row noun>" (the time), "what is the shortest
<row noun>" / "which <column> had the longest time" (the row's name) -> the row with the
most / fewest seconds (ties shown; refused when the "which" column repeats).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .lengths import (AUX, CLOCK, MARK_WORDS, SECONDS, elapsed_column, how_long, mark_column,
                      shown_values)
from .plan import Plan
from .plan_parts import Expr, Filter, Measure, Step
from .schema import SchemaModel
from .time_rank import one_elapsed, row_column, time_degree, which_column

if TYPE_CHECKING:
    from .grammar import Parser

#: units of time -> seconds
_UNIT_SECONDS = {"second": 1, "seconds": 1, "sec": 1, "secs": 1, "minute": 60, "minutes": 60,
                 "min": 60, "mins": 60, "hour": 3600, "hours": 3600, "hr": 3600, "hrs": 3600}
_CMP = {">", ">=", "<", "<="}


@dataclass
class LengthFilterC:
    """Rows whose elapsed time in ``column`` compares (``op``) with ``seconds``: "how many
    songs are at least 4 minutes long", "which tracks are longer than 3:30"."""

    column: str
    op: str
    seconds: float
    kind: str = "duration"
    unit: str = ""  # set: the number each cell opens with, in that unit ("3,465 ft")


@dataclass
class LengthRankC:
    """The row with the longest (``rank`` "hi") / shortest elapsed time in ``column``;
    ``answer``: the column given (the time itself for "how long is the longest ...")."""

    column: str
    rank: str
    answer: str | None
    op: str = "elapsed"  # "metres": marks of jumps or throws
    kind: str = "duration"


def read_length_filter(p: "Parser") -> None:
    """"how many <rows> are at least 4 minutes long", "which <rows> are less than five
    minutes long", "... longer than 3:30", "... 6 minutes long at most": a comparison with
    the one column of elapsed times, as seconds. The length must be said ("long", "longer
    than", "shorter than": a bare "over 4 minutes" may be a column of minutes), and the
    amount needs a unit of time or a clock."""
    for k, nd in enumerate(p.n):
        if nd.tags.get("cmp") not in _CMP or nd.role is not None:
            continue
        w = nd.low
        if w in ("at most", "at least", "or more", "or less") and k >= 1 and \
                p.low(k - 1) == "long":  # "6 minutes long at most"
            amount = _amount(p, k - 1, back=True)
            said = [k - 1]
        else:
            amount = _amount(p, k + 1)
            said = [amount[0] + 1] if amount and p.low(amount[0] + 1) == "long" else []
            if not said and not w.startswith(("longer", "shorter")):
                continue
        if amount is None:
            continue
        cands = [c for c in p.s.names() if elapsed_column(p.s, c)]
        if len(cands) != 1:
            return  # none, or which one: left to the other readings (and refused there)
        first, last, seconds = amount[1], amount[0], amount[2]
        # "how many songs are ...": the rows' noun, even when it is part of some title
        opener = p.next_content(0, {"so", "and", "then"})
        noun = p.node(opener + 1)
        if noun is not None and p.low(opener) in ("how many", "which", "what") and \
                noun.kind == "val" and noun.role is None and \
                all(m.how == "part" for m in noun.item.matches):
            said.append(opener + 1)
        p.use(k, *range(first, last + 1), *said, role="length")
        p.r.rowdiff = LengthFilterC(cands[0], str(nd.tags["cmp"]), seconds)
        return


def read_length_rank(p: "Parser") -> None:
    """"how long is the longest <row noun>" (the time), "what is the shortest <row noun>"
    (the row's name): the row with the most / fewest seconds in the one text column of
    elapsed times (numeric length columns are ranked by the ordinary superlative)."""
    sup = [i for i, nd in enumerate(p.n) if nd.tags.get("implied", (None,))[0] == "length"
           and nd.role in (None, "superlative")]
    rank = p.n[sup[0]].tags["implied"][1] if len(sup) == 1 else None
    if not sup and (degree := time_degree(p)) is not None:
        sup, rank = [degree[0]], degree[1]  # "the fastest time", "the best time" (time_rank)
    if len(sup) != 1:
        return
    at = how_long(p)
    first = p.next_content(0, {"so", "and", "then"})
    marked = any(nd.low in MARK_WORDS and nd.kind in ("word", "col") and nd.role is None
                 for nd in p.n) and "implied" in p.n[sup[0]].tags  # "the longest throw"
    if at is None and p.low(first) not in ("what", "which", "name", "who") and \
            not (marked and first == sup[0]):
        return
    used = [sup[0], *([at, at + 1] if at is not None else [first])]
    asked: str | None = None
    named: list[int] = []
    for i, nd in enumerate(p.n):
        if i == sup[0] + 1 and nd.kind == "val" and nd.role is None and all(
                m.how == "part" for m in nd.item.matches):
            used.append(i)  # "the longest track": the rows' noun, not part of a title
            continue
        if i in used or nd.role in ("filter", "which") or nd.kind == "val":
            continue
        if nd.role is not None or nd.kind in ("num", "date", "decade", "quote") or \
                nd.has("ordinal", "number", "position"):
            return  # "the second longest", "the last song": not this simple form
        if i == sup[0] + 1 and nd.kind == "col" and asked is None and \
                (row := row_column(p, i, sup[0])) is not None:
            asked = row  # "the fastest boat": the boats' column
            used.append(i)
        elif nd.kind == "col" and which_column(p, i) is not None and asked is None:
            asked = which_column(p, i)  # "which Kenyan runner": the runners' column
            used.append(i)
        elif nd.kind == "col" and nd.low not in MARK_WORDS:
            named.append(i)
        elif nd.low in AUX or nd.low in ("the", "a", "an", "of", "one"):
            used.append(i)
        elif nd.low in ("time", "length", "duration") and nd.kind == "word":
            named.append(i)  # "what was the longest time": the time itself
        elif nd.low in MARK_WORDS:
            used.append(i)  # the word, or a column it only matched a part of ("Jumper")
    if marked:
        cands = [c for c in p.s.names() if mark_column(p.s, c)]
    else:
        cands = [c for c in p.s.names() if p.s.col(c).kind == "text" and
                 elapsed_column(p.s, c)]
    mentioned = {c for i in named for c in p.n[i].columns}
    if not marked:
        cands = one_elapsed(cands, mentioned)  # "Run 1", "Run 2", "Total": the total
    if len(cands) != 1 or mentioned - set(cands):
        return
    if any(p.n[i].kind == "word" for i in named):
        mentioned.add(cands[0])
    # "what is the length of the shortest ...", "what was the longest time": the time
    itself = at is not None or (p.low(first) == "what" and cands[0] in mentioned and
                                not p.r.which_col) or (marked and (first == sup[0] or (
                                    p.low(first) == "what" and not p.r.which_col)))
    answer = cands[0] if itself else (p.r.which_col or asked or p.s.label_column())
    used += named
    for i in used:
        p.n[i].role = "length"
    p.r.rowdiff = LengthRankC(cands[0], str(rank), answer, "metres" if marked else "elapsed")


def _amount(p: "Parser", i: int, back: bool = False) -> tuple[int, int, float] | None:
    """The amount of time starting at ``i`` (ending before ``i`` when ``back``): "4
    minutes", "five minutes", "3:30"; (index of its last node, of its first, seconds)."""
    a, b = (i - 2, i - 1) if back else (i, i + 1)
    if a < 0 or b >= len(p.n) or any(p.n[j].role is not None for j in (a, b)):
        return None
    x, y = p.n[a], p.n[b]
    if x.is_number and y.low in _UNIT_SECONDS:
        return b, a, float(x.value) * _UNIT_SECONDS[y.low]
    if x.kind == "num" and y.kind == "num":
        s, t = x.item.tok, y.item.tok
        if s is not None and t is not None and t.start == s.end + 1 and \
                p.r.question[s.end:t.start] == ":" and len(t.text) == 2:
            return b, a, float(s.value or 0) * 60 + float(t.value or 0)
    return None


def compare_plan(r: Reading, s: SchemaModel) -> Plan:
    """The rows whose time compares with an amount, counted or listed; or the row with the
    longest / shortest time."""
    if isinstance(r.rowdiff, LengthRankC):
        return _rank_plan(r, s, r.rowdiff)
    return _filter_plan(r, s, r.rowdiff)


def _rank_plan(r: Reading, s: SchemaModel, d: LengthRankC) -> Plan:
    if d.op == "elapsed":
        _refuse_unread(s, d.column, "ranking")
    if d.answer is None:
        raise Incomplete("Which column names the rows? Ask for one, e.g. \"which <column> "
                         "...\".", s.names()[:12])
    _block(r, s)
    if d.answer not in (d.column, s.label_column()) and s.col(d.answer).n_distinct < s.n_rows:
        most = ("longest" if d.rank == "hi" else "shortest") + " time" if d.op == "elapsed" \
            else ("highest " if d.rank == "hi" else "lowest ") + d.column
        raise Incomplete(f"Several rows share a {d.answer!r}: the one row with the {most}, "
                         f"or the total per {d.answer!r}? Ask for one of them.", s.names()[:12])
    name = _seconds_name(s, d.column, "seconds" if d.op == "elapsed" else "metres") \
        if d.op != "lead" else _seconds_name(s, d.column, "", f"{d.column} as a number")
    if not s.col(d.column).numeric or d.op == "elapsed":
        expr = Expr.of(d.op, Expr.col(d.column))
    else:
        expr = Expr.col(d.column)
    return Plan(kind="rows", columns=[d.answer, name], filters=filters_of(r), logic=r.logic,
                steps=[Step("derive", name, expr),
                       Step("drop_missing", columns=[name])],
                order_by=name, descending=d.rank == "hi", limit=1)


def _seconds_name(s: SchemaModel, col: str, unit: str = "seconds", said: str = "") -> str:
    name = said or f"{unit} of {col}"
    while name in s.columns:
        name += " (derived)"
    return name


def _refuse_unread(s: SchemaModel, col: str, what: str) -> None:
    unread = [v for v in shown_values(s, col) if re.search(r"\d", v) and not
              (CLOCK.match(v) or SECONDS.match(v))]
    if unread:
        raise Incomplete(f"Some cells of {col!r} are not one time each ({unread[0]!r}), so "
                         f"{what} the rows by their time could miss some.", s.names()[:12])


def _block(r: Reading, s: SchemaModel) -> None:
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "limit", "chart",
                                 "change", "position", "contrast", "tool", "measure")
    if blocking:
        raise Incomplete(f"That compares the rows' times together with {blocking[0]}, "
                         f"which I cannot read together yet.", s.names()[:12])


def _filter_plan(r: Reading, s: SchemaModel, f: LengthFilterC) -> Plan:
    _block(r, s)
    if not f.unit:  # a unit: its cells were all read when the reading was made
        _refuse_unread(s, f.column, "counting")
    name = f"seconds of {f.column}" if not f.unit else f"{f.column} as a number" \
        if f.unit == "number" else f"the year of {f.column}" if f.unit == "year" else \
        f"{f.column} in {f.unit}"
    while name in s.columns:
        name += " (derived)"
    op = "elapsed" if not f.unit else "year" if f.unit == "year" else "lead"
    steps = [Step("derive", name, Expr.of(op, Expr.col(f.column)))]  # "year": text_years
    filters = filters_of(r) + [Filter(name, f.op, f.seconds)]
    if r.count:
        return Plan(measures=[Measure("count")], filters=filters, logic="and", steps=steps)
    label = r.which_col or s.label_column()
    asks = r.which or (r.nodes and r.nodes[0].low in ("what", "which", "list", "name", "show"))
    if not asks or label is None or label == f.column:
        raise Incomplete("Which rows do you mean: how many, or which ones (by which "
                         "column)?", s.names()[:12], clarify=True)
    if label != s.label_column() and s.col(label).n_distinct < s.n_rows:
        raise Incomplete(f"Several rows share a {label!r}: the {label!r} of the rows that "
                         f"long, or the {label!r} whose rows add up to it? Ask for one of "
                         f"them.", s.names()[:12])
    return Plan(kind="rows", columns=[label], filters=filters, logic="and",
                steps=steps)


__all__ = ["LengthFilterC", "LengthRankC", "compare_plan", "read_length_filter",
           "read_length_rank"]
