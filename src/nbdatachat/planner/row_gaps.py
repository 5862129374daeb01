"""How much time lies between two named rows (issue 12): "how long after <A> was <B>
<done>", "how many years after <A> did <B> <happen>", "how long was it between <A> and
<B>", "how many years passed between <A> and <B>".

A and B are values of one column, each naming its row; the time comes from the table's
one column of years (whole numbers in a calendar range, or text cells that are a year).
Also "how many years later was B <done> after A", "... earlier ... before", and "A was
<done> how many years before B" (the opener between the rows). "after" gives B's year
minus A's (negative when B came first, which the answer shows); "between" gives the
distance either way. The answer says the unit (years) and the
column used.

Refused (never guessed): several columns of years and none named by the question's verb
("elected" -> "First elected"), a column of dates (how long between two days has no one
unit: days, months, years), months or days asked of years, and a third value beside the
two rows. A value naming several rows takes its first year (the plan says "minimum").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .lengths import opener, years_column_like
from .lexicon import name_tokens
from .plan_kinds import ComparisonPlan
from .plan_parts import Expr, Measure, Step
from .schema import SchemaModel
from .table_spans import choose_time, read_table_span
from .year_after import read_year_after

if TYPE_CHECKING:
    from .grammar import Parser

#: words read past between the opener and "between" ("how long *was it* between")
_LEAD = {"was", "is", "were", "are", "it", "there", "the", "time", "period", "of", "a",
         "gap", "passed", "elapsed", "went", "by", "have", "had", "did", "in", "years",
         "difference"}
#: words read past around the two rows ("after *the* A", "A *'s* election")
_GAP = {"the", "a", "an", "his", "her", "their", "its", "'s", "’s", "of", "when", "was",
        "were", "is", "did", "had", "has", "it", "they", "he", "she", "first", "then",
        ",", "?", "."}
_AUX = {"was", "were", "did", "had", "is", "are", "does", "do", "has"}
_UNIT_WORDS = {"years": "years", "year": "years", "days": "days", "months": "months"}
#: the words of a difference of times before "between"
_DIFF_WORDS = {"what", "what's", "whats", "is", "was", "the", "difference", "in", "of", ",",
               "how", "many", "how many", "there", *_UNIT_WORDS}


@dataclass
class GapC:
    """The years between the rows of ``items`` (values of ``column``) in ``time``;
    ``after``: the second minus the first, else the distance either way."""

    column: str
    items: list[Any]
    time: str | None
    after: bool
    problem: str | None = None
    options: list[str] | None = None
    kind: str = "duration"  # planned by durations.duration_plan, which passes it here


def read_row_gap(p: "Parser") -> None:
    """Find "how long after A was B <done>" / "how long between A and B" (module
    docstring), else the years after a year to the next row (:mod:`year_after`), else the
    whole table's span (:mod:`table_spans`)."""
    _read_gap(p)
    if p.r.rowdiff is None:
        _read_later(p)
    if p.r.rowdiff is None:
        read_year_after(p)
    if p.r.rowdiff is None:
        read_table_span(p)


def _read_gap(p: "Parser") -> None:
    head, unit = opener(p)
    if not head:
        head, unit = _difference_opener(p)
    if not head:
        return
    k = head[-1] + 1
    if p.low(k) == "after":
        after = True
        used = [*head, k]
    else:
        while p.node(k) is not None and p.n[k].kind == "word" and p.low(k) in _LEAD:
            k += 1
        if p.low(k) != "between":
            return
        after = False
        used = [*head, *range(head[-1] + 1, k + 1)]
    vals = [i for i in range(k + 1, len(p.n)) if p.n[i].kind == "val"]
    if len(vals) != 2 or any(p.n[i].role is not None for i in vals):
        return
    a, b = vals
    col = _shared(p, a, b)
    if col is None:
        return
    items = [_one_value(p, a, col), _one_value(p, b, col)]
    if None in items:
        return
    between = [i for i in range(a + 1, b) if p.n[i].low not in _GAP]
    if after:
        if any(p.n[i].kind != "col" and p.n[i].low not in _AUX | {"and", "then"}
               for i in between):
            return  # "how long after A('s election) was B": an auxiliary, the time column
    elif [p.n[i].low for i in between if not _names_rows(p, i, col) and
          not _names_event(p, i, b)] != ["and"]:
        return  # "between A and B", "between flight A and flight B"
    named: list[int] = []
    for i in range(k + 1, len(p.n)):
        nd = p.n[i]
        if i in (a, b):
            continue
        if nd.role is not None or nd.kind in ("num", "date", "decade", "quote"):
            return  # read by an earlier rule, or a number: not this simple form
        if nd.kind == "col" and _names_rows(p, i, col) and p.low(i + 1) not in _AUX:
            used.append(i)  # "flight A": the rows' column said before each value
        elif nd.kind == "col":
            named.append(i)
        elif nd.kind == "word" and (nd.low in _GAP or nd.low in _AUX or nd.low == "and" or
                                    i > b or _names_event(p, i, a) or
                                    _names_event(p, i, b)):
            used.append(i)  # the event's verb ("elected", "founded") or a function word
        else:
            return
    verbs = [p.low(i) for i in used if p.n[i].kind == "word" and p.low(i) not in _GAP and
             p.low(i) not in _AUX and p.low(i) not in _LEAD and p.low(i) not in _DIFF_WORDS and
             p.low(i) not in ("after", "between", "and", "how", "long")]
    g = _source(p, col, items, after, named, unit, verbs)
    if g is None:
        return
    _mark_gap(p, g, named, used, a, b)


#: "how many years *later* was B ... after A" (B's year minus A's), "*earlier* ... before"
_LATER = {"later": "after", "earlier": "before", "before": "before"}
#: words read past in those forms ("was B *in* service after A")
_PAST = _GAP | _AUX | {"in", "on", "at", "into", "out"}


def _read_later(p: "Parser") -> None:
    """"how many years later was B <done> after A" (B's year minus A's; "earlier ...
    before": A's minus B's), and "A was <done> how many years before / after B" (the opener
    in the middle): the same two rows' years, read as :func:`_read_gap` reads them."""
    vals = [i for i in range(len(p.n)) if p.n[i].kind == "val"]
    if len(vals) != 2 or any(p.n[i].role is not None for i in vals):
        return
    a, b = vals
    head, unit = opener(p)
    if head:  # "how many years later was B ... after A"
        k = head[-1] + 1
        links = [i for i in range(a + 1, b) if p.low(i) == _LATER.get(p.low(k))]
        if not k < a or len(links) != 1:
            return
        verbs_span = range(k + 1, links[0])
        first_minus_second = p.low(k) == "later"
        used = [*head, k, links[0]]
    else:  # "A was elected how many years before B"
        head, unit = _middle_opener(p, a, b)
        if not head or p.low(head[-1] + 1) not in ("before", "after"):
            return
        k = head[-1] + 1
        if any(p.low(i) not in _GAP for i in range(k + 1, b)) or \
                any(p.low(i) not in ("so", "and", "then") for i in range(a)):
            return
        verbs_span = range(a + 1, head[0])
        first_minus_second = p.low(k) == "after"
        used = [*head, k]
    col = _shared(p, a, b)
    if col is None:
        return
    items = [_one_value(p, a, col), _one_value(p, b, col)]
    if None in items:
        return
    named: list[int] = []
    verbs: list[str] = []
    for i in range(len(p.n)):
        nd = p.n[i]
        if i in used or i in (a, b):
            continue
        if nd.role is not None or nd.kind not in ("word", "col", "sym"):
            return  # read by an earlier rule, or a number: not this simple form
        if nd.kind == "col" and not _names_rows(p, i, col):
            named.append(i)
        elif nd.kind == "col" or nd.low in _PAST or nd.kind == "sym":
            used.append(i)
        elif i in verbs_span and nd.kind == "word" and not nd.tags:
            verbs.append(nd.low)  # the event's verb ("elected"), which may name the column
            used.append(i)
        else:
            return
    # the plan gives the second item minus the first ("after")
    g = _source(p, col, items[::-1] if first_minus_second else items, True, named, unit,
                verbs)
    if g is None:
        return
    _mark_gap(p, g, named, used, a, b)


def _mark_gap(p: "Parser", g: GapC, named: list[int], used: list[int], a: int,
              b: int) -> None:
    """Mark the gap ``g`` read: its words, and the named items' time column."""
    for i in named:
        if g.time is not None and g.time in p.n[i].columns:
            used.append(i)
    p.use(*used, a, b, role="duration")
    p.r.rowdiff = g


def _middle_opener(p: "Parser", a: int, b: int) -> tuple[list[int], str | None]:
    """"how many years" / "how long" between the two rows ("A was elected *how many years*
    before B")."""
    for i in range(a + 1, b):
        if p.low(i) == "how" and p.low(i + 1) == "long":
            return [i, i + 1], None
        if p.low(i) == "how many" and p.low(i + 1) in _UNIT_WORDS:
            return [i, i + 1], _UNIT_WORDS[p.low(i + 1)]
        if p.low(i) == "how" and p.low(i + 1) == "many" and p.low(i + 2) in _UNIT_WORDS:
            return [i, i + 1, i + 2], _UNIT_WORDS[p.low(i + 2)]
    return [], None


def _difference_opener(p: "Parser") -> tuple[list[int], str | None]:
    """"what is the difference in years (between)", "the years difference": the words up to
    "between", which must say a difference and a unit of time."""
    first = p.next_content(0, {"so", "and", "then"})
    k = first
    while p.node(k) is not None and p.n[k].kind in ("word", "sym", "col") and \
            p.low(k) in _DIFF_WORDS:
        k += 1
    words = {p.low(i) for i in range(first, k)}
    if p.low(k) != "between" or "difference" not in words or not words & set(_UNIT_WORDS):
        return [], None
    return list(range(first, k)), next(_UNIT_WORDS[w] for w in words if w in _UNIT_WORDS)


def _root(word: str) -> str:
    """A word without its ending of a verb or a noun of the act ("founding", "founded" ->
    "found"; "election", "elected" -> "elect"), to tie "the founding of" to "Founded"."""
    w = word.lower()
    for end in ("ing", "ion", "ed", "es", "e", "s"):
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[:-len(end)]
    return w


def _names_rows(p: "Parser", i: int, col: str) -> bool:
    """A word naming the rows' own column ("between *flight* A and *flight* B")."""
    return p.n[i].kind == "col" and set(p.n[i].columns) == {col}


def _names_event(p: "Parser", i: int, a: int) -> bool:
    """"after the *founding* of A", "between the *release* of A and ...": a noun of the
    event right before "of" and the first row."""
    return p.n[i].kind == "word" and i < a and p.low(i + 1) == "of" and \
        all(p.low(j) in _GAP for j in range(i + 1, a))


def _shared(p: "Parser", a: int, b: int) -> str | None:
    ca = list(dict.fromkeys(m.column for m in p.n[a].item.matches))
    cb = list(dict.fromkeys(m.column for m in p.n[b].item.matches))
    both = [c for c in ca if c in cb]
    return both[0] if len(both) == 1 else None


def _one_value(p: "Parser", i: int, col: str) -> Any:
    vals = list(dict.fromkeys(m.value for m in p.n[i].item.matches if m.column == col))
    return vals[0] if len(vals) == 1 else None


def _source(p: "Parser", col: str, items: list[Any], after: bool, named: list[int],
            unit: str | None, verbs: list[str]) -> GapC | None:
    s = p.s
    years = [c for c in s.names() if c != col and years_column_like(s, c)]
    dated = [c for c in s.names() if c != col and s.col(c).kind in ("date", "datetime")]
    mentioned = {c for i in named for c in p.n[i].columns}
    g = GapC(column=col, items=items, time=None, after=after)
    if mentioned - set(years) - set(dated):
        return None  # another column named: not this reading
    roots = {_root(w) for w in verbs}  # "the founding of A" -> "Founded"
    said = [c for c in years + dated if c in mentioned] or \
        [c for c in years + dated if {_root(t) for t in name_tokens(c)} & roots]
    cands = said or years + dated
    if not cands:
        return None
    # "how many years between": the calendar years of two days
    g.time, g.problem, g.options = choose_time(
        cands, dated, unit, dated_years=True,
        dated_problem="holds dates; I count the years between two rows from a column of "
                      "years only, and the time between two days (days, months or years) "
                      "not yet.")
    return g


def gap_plan(r: Reading, s: SchemaModel) -> ComparisonPlan:
    """The two rows' years compared: the second minus the first ("after"), or the gap."""
    g: GapC = r.rowdiff
    if g.problem:
        raise Incomplete(g.problem, g.options or s.names()[:12], clarify=bool(g.options))
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "limit",
                                 "chart", "count", "change", "position", "contrast", "tool",
                                 "measure")
    if blocking:
        raise Incomplete(f"That asks how long lies between two rows together with "
                         f"{blocking[0]}, which I cannot read together yet.", s.names()[:12])
    time = str(g.time)
    steps: list = []
    name = f"year of {time}"  # said in the answer: the years compared
    while name in s.columns:
        name += " (derived)"
    read = s.col(time).kind in ("text", "date", "datetime")
    steps = [Step("derive", name, Expr.of("year", Expr.col(time)) if read else Expr.col(time))]
    time = name
    a, b = g.items
    return ComparisonPlan(measure=Measure("min", time), column=g.column,
                          items=[b, a] if g.after else [a, b],
                          output="difference" if g.after else "abs_difference",
                          filters=filters_of(r), logic=r.logic, steps=steps)


__all__ = ["GapC", "gap_plan", "read_row_gap"]
