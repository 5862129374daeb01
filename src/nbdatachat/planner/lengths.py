"""How long one row's own time or length is (issue 12): "how long did it take <row> to
finish", "how long did <row> take", "<row> took how long", "how long is <row>".

Unlike :mod:`durations` (how long a row *lasted*, from a start and an end), the answer is a
cell the table already holds: the row's value in its one column of elapsed times or
lengths. Such a column is found by its name and its values:

* elapsed times: a text column whose cells are mostly clocks ("4:05", "1:02:03.5") or
  seconds ("58.27"), not counting gaps to a leader ("+24.3") and words ("DNF",
  "Retired"), or a numeric column named for a time ("Time (s)"); a column of clock times of
  the day (every minute or second a multiple of five, no fractions: "20:30") is not one
  unless named for a length or duration;
* lengths ("how long is <row>" only): those, or a numeric column named for a length.

"take / finish / complete / run" ask for a time; "is / was" for a length or a time. With
several such columns, the one the question names, else the one named for a total ("Total",
"Overall time" beside runs or splits), else the one named for a time ("Time" beside "Start",
"Deficit"), else it asks which. The row's cell must be an elapsed time itself: a gap ("+24.3")
or a word ("Retired") is not read as the row's time (the plan drops cells that are none,
and finding no row is said, never answered).

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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, filters_of
from .lexicon import name_tokens, stem
from .plan import Plan
from .plan_kinds import LookupPlan
from .plan_parts import ELAPSED_PATTERN, SECONDS_PATTERN, Expr, Filter, Measure, Step
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

CLOCK = re.compile(ELAPSED_PATTERN)
SECONDS = re.compile(SECONDS_PATTERN)
#: verbs of taking a time, and of doing what is timed ("finish the race", "swim the heat")
_TAKE = {"take", "took", "takes", "taking", "need", "needed"}
_DO = {"finish", "finished", "complete", "completed", "run", "ran", "swim", "swam", "ski",
       "skied", "walk", "walked", "ride", "rode", "cycle", "cycled", "skate", "skated",
       "row", "rowed", "drive", "drove", "cover", "covered", "race", "raced", "do", "done"}
#: what is finished ("the race", "the event")
_EVENTS = {"race", "event", "course", "distance", "heat", "final", "run", "stage", "leg"}
_AUX = {"did", "does", "do", "is", "was", "were", "are", "has", "had", "have"}
_COPULA = {"is", "was", "are", "were"}
_GAP = {"the", "a", "an", "his", "her", "their", "its", "'s", "’s", "it", "to", "for",
        "him", "them", "in", "at", "of", "on", "all", "whole", "entire"}
#: column-name words (stems) of a time and of a length
_TIME_NAMES = {"time", "duration", "running", "runtime", "elapsed"}
_LENGTH_NAMES = {"length", "long", "duration", "running", "runtime", "distance", "time"}
_TOTAL_NAMES = {"total", "overall", "final", "aggregate", "combined"}
#: names of columns that may hold times without saying so ("Notes", "Total", "Run 1")
_HOLDERS = {"note", "notes", "result", "mark", "performance", "run", "split", "heat", "leg",
            "race"} | _TOTAL_NAMES


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


@dataclass
class LengthRankC:
    """The row with the longest (``rank`` "hi") / shortest elapsed time in ``column``;
    ``answer``: the column given (the time itself for "how long is the longest ...")."""

    column: str
    rank: str
    answer: str | None
    kind: str = "duration"


@dataclass
class LengthC:
    """The named row's own time or length: the cell of ``column`` (``elapsed``: a text
    column of elapsed times, checked cell by cell); ``problem`` said when planning."""

    column: str | None = None
    elapsed: bool = False
    problem: str | None = None
    options: list[str] = field(default_factory=list)
    kind: str = "duration"  # planned by durations.duration_plan, which passes it here


def read_length(p: "Parser") -> None:
    """Find "how long did it take <row> to finish" / "how long is <row>" (module
    docstring)."""
    at = _how_long(p)
    if at is None:
        return
    used = [at, at + 1]
    timed = False
    copula = False
    named: list[int] = []
    soft: list[int] = []  # "swim", "ski" grounded to a column: it names it only if a time
    row = False
    for i, nd in enumerate(p.n):
        if i in (at, at + 1):
            continue
        w = nd.low
        if nd.role == "filter":
            continue  # a time filter ("in 2003")
        if nd.role is not None and not (w == "it" and nd.role == "followup"):
            return  # read by an earlier rule (a superlative, a difference ...)
        if nd.kind == "val":
            row = True  # the row named (read as a filter later)
            continue
        if nd.has("sup", "implied", "agg", "cmp", "ordinal", "position", "count"):
            return  # "how long is the longest ...", "... on average": not one row's cell
        if nd.kind == "col" and w not in _TAKE | _DO | _EVENTS:
            named.append(i)  # "in run 2": that column (checked below)
            continue
        if nd.kind == "col":
            soft.append(i)
        if nd.kind in ("num", "date", "decade", "quote"):
            return
        if nd.kind not in ("word", "col"):
            continue
        if w in _TAKE or w in _DO:
            timed = True
        elif w in _AUX and i == at + 2:
            copula = w in _COPULA
        elif w not in _EVENTS and w not in _GAP and w not in _AUX:
            continue  # not read here: the coverage check says so
        used.append(i)
    if not row or not (timed or copula):
        return
    d = _source(p, named, soft, timed)
    if d is None:
        return
    for i in named:
        if d.column in p.n[i].columns:
            used.append(i)
    for i in used:
        if p.n[i].low == "it":
            p.r.pronoun = False
        p.n[i].role = "length"
    p.r.rowdiff = d


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
        p.use(k, *range(first, last + 1), *said, role="length")
        p.r.rowdiff = LengthFilterC(cands[0], str(nd.tags["cmp"]), seconds)
        return


def read_length_rank(p: "Parser") -> None:
    """"how long is the longest <row noun>" (the time), "what is the shortest <row noun>"
    (the row's name): the row with the most / fewest seconds in the one text column of
    elapsed times (numeric length columns are ranked by the ordinary superlative)."""
    sup = [i for i, nd in enumerate(p.n) if nd.tags.get("implied", (None,))[0] == "length"
           and nd.role in (None, "superlative")]
    if len(sup) != 1:
        return
    at = _how_long(p)
    first = p.next_content(0, {"so", "and", "then"})
    if at is None and p.low(first) not in ("what", "which", "name"):
        return
    used = [sup[0], *([at, at + 1] if at is not None else [first])]
    named: list[int] = []
    for i, nd in enumerate(p.n):
        if i in used or nd.role in ("filter", "which") or nd.kind == "val":
            continue
        if nd.role is not None or nd.kind in ("num", "date", "decade", "quote") or \
                nd.has("ordinal", "number", "position"):
            return  # "the second longest", "the last song": not this simple form
        if nd.kind == "col":
            named.append(i)
        elif nd.low in _AUX or nd.low in ("the", "a", "an", "of", "one"):
            used.append(i)
        elif nd.low in ("time", "length", "duration") and nd.kind == "word":
            named.append(i)  # "what was the longest time": the time itself
    cands = [c for c in p.s.names() if p.s.col(c).kind == "text" and elapsed_column(p.s, c)]
    mentioned = {c for i in named for c in p.n[i].columns}
    if len(cands) != 1 or mentioned - set(cands):
        return
    if any(p.n[i].kind == "word" for i in named):
        mentioned.add(cands[0])
    # "what is the length of the shortest ...", "what was the longest time": the time
    itself = at is not None or (p.low(first) == "what" and cands[0] in mentioned and
                                not p.r.which_col)
    answer = cands[0] if itself else (p.r.which_col or p.s.label_column())
    used += named
    for i in used:
        p.n[i].role = "length"
    p.r.rowdiff = LengthRankC(cands[0], p.n[sup[0]].tags["implied"][1], answer)


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


def _how_long(p: "Parser") -> int | None:
    for i in range(len(p.n) - 1):
        if p.low(i) == "how" and p.low(i + 1) == "long" and p.n[i].role is None and \
                p.n[i + 1].role is None:
            return i
    return None


def _source(p: "Parser", named: list[int], soft: list[int], timed: bool) -> LengthC | None:
    s = p.s
    filtered = {f.column for f in p.r.filters} | {c for nd in p.n if nd.kind == "val"
                                                   for c in nd.columns}
    mentioned = {c for i in named for c in p.n[i].columns}
    cands = [c for c in s.names() if c not in filtered and
             (elapsed_column(s, c, loose=c in mentioned) or
              (not timed and _length_number(s, c)))]
    if mentioned:
        hit = [c for c in cands if c in mentioned]
        if not hit or mentioned - set(hit):
            return None  # another column named: not this reading
        cands = hit
    if not cands:
        return None
    verb = [c for c in cands if any(c in p.n[i].columns for i in soft)]
    pick = verb if len(verb) == 1 else cands  # "take to ski": the "Ski time", not the total
    for words in (_TOTAL_NAMES, _TIME_NAMES if timed else _LENGTH_NAMES):
        if len(pick) > 1:
            pick = [c for c in pick if _stems(c) & words] or pick
    if len(pick) > 1:
        return LengthC(problem="Several columns could hold that time: " + ", ".join(
            repr(c) for c in pick) + ". Which one do you mean?", options=pick)
    c = pick[0]
    return LengthC(column=c, elapsed=s.col(c).kind == "text")


def _stems(c: str) -> set[str]:
    return {stem(t) for t in name_tokens(c)}


def _shown(s: SchemaModel, c: str) -> list[str]:
    p = s.col(c)
    return [str(v) for v in (p.values or p.examples or []) if v is not None]


def elapsed_column(s: SchemaModel, c: str, loose: bool = False) -> bool:
    """A column of elapsed times (see the module docstring). A column not named for a time
    ("Total", "Notes", "Result") needs two clocks that are surely no time of the day (with
    fractions of a second or hours: "1:48.64", "2:10:46"); ``loose`` (the question names
    the column): any clock or number of seconds will do."""
    p = s.col(c)
    stems = _stems(c)
    named = bool(stems & (_TIME_NAMES | _LENGTH_NAMES))
    if p.numeric:
        return (named or loose and bool(stems & _HOLDERS)) and p.role != "id"
    if p.kind != "text":
        return False
    vals = [v.strip() for v in _shown(s, c)]
    timed = [v for v in vals if re.search(r"\d", v) and not v.startswith(("+", "-"))]
    clocks = [v for v in timed if CLOCK.match(v)]
    plain = [v for v in timed if SECONDS.match(v)]
    if not timed or (len(clocks) + len(plain)) * 4 < 3 * len(timed):
        return False
    if not named and not loose:
        strong = [v for v in clocks if "." in v or v.count(":") == 2]
        if len(strong) < 2 or not stems & _HOLDERS:
            return False
    if not clocks:
        return loose or bool(stems & _TIME_NAMES)
    if named and stems & {"length", "duration", "running", "runtime"}:
        return True
    return not _time_of_day(clocks)


def _time_of_day(clocks: list[str]) -> bool:
    """Clocks that look like times of the day ("20:30", "9:15"): two parts, no fractions,
    every last part a multiple of five."""
    for v in clocks:
        m = CLOCK.match(v)
        if m is None or m.group(1) or "." in m.group(3) or int(m.group(3)) % 5:
            return False
    return True


def _length_number(s: SchemaModel, c: str) -> bool:
    p = s.col(c)
    return p.numeric and p.role != "id" and bool(_stems(c) & {"length", "long", "duration",
                                                              "runtime", "distance"})


def length_plan(r: Reading, s: SchemaModel) -> Plan:
    """The lookup of the named row's time or length cell; or the rows whose time compares
    with an amount, counted or listed."""
    if isinstance(r.rowdiff, LengthFilterC):
        return _filter_plan(r, s, r.rowdiff)
    if isinstance(r.rowdiff, LengthRankC):
        return _rank_plan(r, s, r.rowdiff)
    d: LengthC = r.rowdiff
    if d.problem:
        raise Incomplete(d.problem, d.options, clarify=True)
    blocking = [name for name, on in (
        ("a grouping", r.groups), ("an aggregation", r.global_agg or any(
            m.aggs for m in r.measures)), ("a highest/lowest", r.superlative),
        ("a top N", r.limit), ("a chart", r.chart.kind), ("a count", r.count),
        ("a change", r.change), ("the order of the rows", r.position),
        ("a comparison of two rows", r.contrast), ("an analysis", r.tool),
        ("another column", any(m.column for m in r.measures))) if on]
    if blocking:
        raise Incomplete(f"That asks how long one row's time is together with "
                         f"{blocking[0]}, which I cannot read together yet.", s.names()[:12])
    filters = filters_of(r)
    if not filters:
        raise Incomplete("How long is which row's time? Name it, e.g. by a value of "
                         f"{(s.label_column() or s.names()[0])!r}.", s.names()[:12],
                         clarify=True)
    col = str(d.column)
    if not d.elapsed:
        return LookupPlan(columns=[col], filters=filters, logic=r.logic, one=True)
    name = f"seconds of {col}"
    while name in s.columns:
        name += " (derived)"
    return LookupPlan(columns=[col], filters=filters, logic=r.logic, one=True,
                      steps=[Step("derive", name, Expr.of("elapsed", Expr.col(col))),
                             Step("drop_missing", columns=[name])])


def _rank_plan(r: Reading, s: SchemaModel, d: LengthRankC) -> Plan:
    _refuse_unread(s, d.column, "ranking")
    if d.answer is None:
        raise Incomplete("Which column names the rows? Ask for one, e.g. \"which <column> "
                         "...\".", s.names()[:12])
    _block(r, s)
    if d.answer not in (d.column, s.label_column()) and s.col(d.answer).n_distinct < s.n_rows:
        raise Incomplete(f"Several rows share a {d.answer!r}: the one row with the "
                         f"{'longest' if d.rank == 'hi' else 'shortest'} time, or the total "
                         f"per {d.answer!r}? Ask for one of them.", s.names()[:12])
    name = _seconds_name(s, d.column)
    return Plan(kind="rows", columns=[d.answer, name], filters=filters_of(r), logic=r.logic,
                steps=[Step("derive", name, Expr.of("elapsed", Expr.col(d.column))),
                       Step("drop_missing", columns=[name])],
                order_by=name, descending=d.rank == "hi", limit=1)


def _seconds_name(s: SchemaModel, col: str) -> str:
    name = f"seconds of {col}"
    while name in s.columns:
        name += " (derived)"
    return name


def _refuse_unread(s: SchemaModel, col: str, what: str) -> None:
    unread = [v for v in _shown(s, col) if re.search(r"\d", v) and not
              (CLOCK.match(v) or SECONDS.match(v))]
    if unread:
        raise Incomplete(f"Some cells of {col!r} are not one time each ({unread[0]!r}), so "
                         f"{what} the rows by their time could miss some.", s.names()[:12])


def _block(r: Reading, s: SchemaModel) -> None:
    blocking = [name for name, on in (
        ("a grouping", r.groups), ("an aggregation", r.global_agg or any(
            m.aggs for m in r.measures)), ("a highest/lowest", r.superlative),
        ("a top N", r.limit), ("a chart", r.chart.kind), ("a change", r.change),
        ("the order of the rows", r.position), ("a comparison of two rows", r.contrast),
        ("an analysis", r.tool), ("another column", any(m.column for m in r.measures))) if on]
    if blocking:
        raise Incomplete(f"That compares the rows' times together with {blocking[0]}, "
                         f"which I cannot read together yet.", s.names()[:12])


def _filter_plan(r: Reading, s: SchemaModel, f: LengthFilterC) -> Plan:
    blocking = [name for name, on in (
        ("a grouping", r.groups), ("an aggregation", r.global_agg or any(
            m.aggs for m in r.measures)), ("a highest/lowest", r.superlative),
        ("a top N", r.limit), ("a chart", r.chart.kind), ("a change", r.change),
        ("the order of the rows", r.position), ("a comparison of two rows", r.contrast),
        ("an analysis", r.tool), ("another column", any(m.column for m in r.measures))) if on]
    if blocking:
        raise Incomplete(f"That compares the rows' times together with {blocking[0]}, "
                         f"which I cannot read together yet.", s.names()[:12])
    unread = [v for v in _shown(s, f.column) if re.search(r"\d", v) and not
              (CLOCK.match(v) or SECONDS.match(v))]
    if unread:
        raise Incomplete(f"Some cells of {f.column!r} are not one time each "
                         f"({unread[0]!r}), so counting the rows by their time could miss "
                         f"some.", s.names()[:12])
    name = f"seconds of {f.column}"
    while name in s.columns:
        name += " (derived)"
    steps = [Step("derive", name, Expr.of("elapsed", Expr.col(f.column)))]
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


__all__ = ["LengthC", "LengthFilterC", "LengthRankC", "read_length_filter", "read_length_rank", "elapsed_column", "length_plan", "read_length"]
