"""Two columns of the same row subtracted (issue 12, capability 3 within a row).

Constructions read here, each naming two numeric columns of the table and picking the row
with the question's values:

* a difference: "the *difference between* gold *and* silver for Norway", "the gap between
  A and B in <row>" -> |A - B| of that row;
* how many more: "*how many more* gold *than* silver did Norway win", "how much higher was
  A than B for <row>" -> A - B (B - A for fewer / less / lower);
* a span: "*how much time* was there *between* when <row> joined *and* when it left", "how many
  years between A and B for <row>" -> |B - A| (year or number columns; dates are not read).

The difference becomes a derived column (a typed expression, never text) of a lookup of one
row: when the values pick several rows the answer asks which one. Nothing else may be asked
at the same time (a grouping, a total, a ranking): the reading is refused instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .column_totals import totals_plan
from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .difference_of import misspelt_difference
from .extremes_gap import ExtremesC, extremes_plan, read_extremes_gap
from .lexicon import is_participle
from .plan import AggregatePlan
from .plan_kinds import LookupPlan
from .plan_parts import Expr, Step
from .schema import SchemaModel
from .score_margin import MarginC, margin_plan, read_score_margin
from .score_sides import SideScoreC, side_plan

if TYPE_CHECKING:
    from .grammar import Parser

_DIFF = {"difference", "gap"}
#: words between the difference word and the first column ("the difference *in the*
#: number of ... *between*")
_LEAD = {"between", "in", "the", "of", "number of", "number", "amount of", "its", "their",
         "his", "her", "when", "it", "they", "he", "she", "was", "were", "is", "are",
         "there", "did", "does", "do"}
#: words between the two columns besides the joining word
_JOIN_GAP = {"the", "number of", "its", "their", "his", "her", "when", "it", "they", "he",
             "she", "was", "were", "is", "are", "in", "of"}
#: auxiliaries and verbs of having that may come between the columns of "how many more A
#: (did X have) than B"
_AUX = {"did", "does", "do", "was", "were", "is", "are", "has", "have", "had"}
_SPAN_OPENERS = (("how long",), ("how", "long"), ("how many years",), ("how many", "years"),
                 ("how", "many", "years"), ("how much time",), ("how much", "time"),
                 ("how", "much", "time"))


@dataclass
class RowDiffC:
    """``first`` minus ``second`` of one row (``absolute``: the gap either way)."""

    first: str
    second: str
    absolute: bool
    at: int = -1


def read_row_difference(p: "Parser") -> None:
    """Find one difference of two columns of a row (see the module docstring)."""
    misspelt_difference(p)  # "the different between A and B"
    cols = [i for i, nd in enumerate(p.n) if nd.kind == "col" and nd.role is None]
    for a, b in zip(cols, cols[1:]):
        ca, cb = _numeric(p, a), _numeric(p, b)
        if ca is None or cb is None or ca == cb:
            continue
        if _difference(p, a, b, ca, cb) or _how_many_more(p, a, b, ca, cb):
            return
    _how_long(p)
    read_extremes_gap(p)  # "the difference between the highest and the lowest X"
    if p.r.rowdiff is None:
        read_score_margin(p)  # "the score difference in week 4"


def _how_long(p: "Parser") -> None:
    """"how long was the <column> of X": "how long" asks for the named column's value, as
    "what" does; read only when a column follows the verb."""
    opener = _span_opener(p)
    if len(opener) != 2 or p.low(opener[0]) != "how" or p.low(opener[1]) != "long":
        return
    k = opener[-1] + 1
    if p.low(k) not in ("was", "is", "were", "are"):
        return
    j = k + 1
    while p.node(j) is not None and (p.n[j].kind == "val" or p.n[j].low in (
            "the", "a", "an", "his", "her", "their", "its", "'s", "’s")):
        j += 1  # "how long was the <row>'s time"
    nd = p.node(j)
    if nd is None or nd.kind != "col" or nd.role is not None:
        return
    p.use(*opener, role="asked")


def _numeric(p: "Parser", i: int) -> str | None:
    nd = p.n[i]
    if len(set(nd.columns)) != 1:
        return None  # a word of several columns: never guessed here
    c = p.column_of(nd, prefer="numeric")
    prof = p.s.col(c)
    return c if prof.numeric and not prof.binary and prof.role != "id" else None


def _joined(p: "Parser", a: int, b: int) -> list[int] | None:
    """The nodes joining ``a and b`` (only "and" and gap words between)."""
    between = list(range(a + 1, b))
    words = [p.n[k] for k in between]
    if any(nd.kind != "word" or nd.role not in (None, "followup") for nd in words):
        return None  # ("when *it* was": a pronoun of the row, not a follow-up)
    if [nd.low for nd in words if nd.low not in _JOIN_GAP] != ["and"]:
        return None
    return between


def _lead(p: "Parser", start: int, a: int) -> list[int] | None:
    """Nodes from ``start`` up to column ``a``: gap words and values (the row), with one
    "between"; None when anything else stands there."""
    used: list[int] = []
    between = False
    for k in range(start, a):
        nd = p.n[k]
        if nd.kind == "val" and nd.role is None:
            continue  # the row, read as a filter later ("between norway's gold and ...")
        if nd.kind in ("word", "sym") and nd.role is None and (nd.low in _LEAD or
                                                                nd.low in ("'s", "’s")):
            between = between or nd.low == "between"
            used.append(k)
            continue
        return None
    return used if between else None


def _difference(p: "Parser", a: int, b: int, ca: str, cb: str) -> bool:
    join = _joined(p, a, b)
    if join is None:
        return False
    opener = _span_opener(p)
    word = next((k for k in range(a - 1, -1, -1) if p.n[k].low in _DIFF and
                 p.n[k].role is None), None)
    if word is not None:
        lead = _lead(p, word + 1, a)
        used = [word]
    elif opener:
        lead = _lead(p, opener[-1] + 1, a)
        used = list(opener)
    else:
        return False
    if lead is None:
        return False
    p.r.rowdiff = RowDiffC(ca, cb, absolute=True, at=a)
    p.use(*used, *lead, *join, role="rowdiff")
    p.n[a].role = p.n[b].role = "rowdiff"
    return True


def _span_opener(p: "Parser") -> list[int]:
    """The nodes of "how long" / "how many years" / "how much time" opening the question."""
    first = p.next_content(0, {"so", "and", "then"})
    for words in _SPAN_OPENERS:
        idx = list(range(first, first + len(words)))
        if all(p.low(k) == w and p.n[k].role is None for k, w in zip(idx, words)):
            return idx
    return []


def _how_many_more(p: "Parser", a: int, b: int, ca: str, cb: str) -> bool:
    """"how many more A than B (did X have)", "how much lower was A than B"."""
    first = p.next_content(0, {"so", "and", "then"})
    opener = [first] if p.low(first) in ("how many", "how much") else (
        [first, first + 1] if p.low(first) == "how" and p.low(first + 1) in ("many", "much")
        else [])
    if not opener:
        return False
    k = opener[-1] + 1
    deg = p.node(k)
    if deg is None or deg.role is not None or "degree" not in deg.tags:
        return False
    used = [*opener, k]
    for j in range(k + 1, a):  # "how many more *of the* gold ..."
        if p.n[j].role is not None or p.n[j].low not in ("the", "of", "was", "were", "did"):
            return False
        used.append(j)
    than = None
    for j in range(a + 1, b):
        nd = p.n[j]
        if nd.low == "than" and nd.role is None:
            if than is not None:
                return False
            than = j
            used.append(j)
        elif nd.kind == "val" and nd.role is None:
            continue  # "how many more gold did Norway win than silver": the row
        elif nd.kind == "word" and nd.role is None and (nd.low in _AUX or nd.low == "the" or
                                                        "verb" in nd.tags or
                                                        is_participle(nd.low)):
            continue  # read by the rules after, or refused by the coverage check
        else:
            return False
    if than is None or any(p.n[j].low == "than" for j in range(than + 1, b)):
        return False
    lo = deg.tags["degree"] == "lo"
    p.r.rowdiff = RowDiffC(cb if lo else ca, ca if lo else cb, absolute=False, at=a)
    p.use(*used, role="rowdiff")
    p.n[a].role = p.n[b].role = "rowdiff"
    return True


def rowdiff_plan(r: Reading, s: SchemaModel) -> LookupPlan | AggregatePlan:
    """The lookup of one row's derived difference; refuses what it cannot carry."""
    d = r.rowdiff
    if isinstance(d, ExtremesC):
        return extremes_plan(r, s)
    if isinstance(d, MarginC):
        return margin_plan(r, s)
    if isinstance(d, SideScoreC):
        return side_plan(r, s)
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "share", "limit",
                                 "chart", "count", "change", "position", "contrast", "tool",
                                 "measure")
    if blocking:
        raise Incomplete(f"That asks for the difference of {d.first!r} and {d.second!r} "
                         f"together with {blocking[0]}, which I cannot read together yet.",
                         s.names()[:12])
    filters = filters_of(r)
    if not filters and totals_plan(r, s) is not None:  # "how many more A than B" overall
        return totals_plan(r, s)
    if not filters:
        raise Incomplete(f"The difference of {d.first!r} and {d.second!r} for which row? "
                         f"Name it, e.g. by a value of {(s.label_column() or s.names()[0])!r}.",
                         s.names()[:12], clarify=True)
    a, b = Expr.col(d.first), Expr.col(d.second)
    expr = Expr.of("-", a, b)
    if d.absolute:
        expr = Expr.of("abs", expr)
        name = f"difference between {d.first} and {d.second}"
    else:
        name = f"{d.first} minus {d.second}"
    while name in s.columns:
        name += " (derived)"
    return LookupPlan(columns=[name], filters=filters, logic=r.logic,
                      steps=[Step("derive", name, expr)], one=True)


__all__ = ["RowDiffC", "read_row_difference", "rowdiff_plan"]
