"""The row next to one named in a first clause (issue 12, table order): "Kestrel won in
1921. who won *the next year*?", "Amberly opened in 1904, which port came *next*?",
"Gullpoint is listed fourth, but what is *below* it?"; "how did they *finish* the year
after" asks the one column of places of that row.

The first clause names one row by values of the table (and years read as filters); the
second asks, with a wh-word, for the row right after or before it, with no anchor of its
own. The anchor is every condition of the first clause. The row next to it is in the
table's order, or by the column the direction word names when that column numbers the rows
("the previous *season*" over a column of seasons all different).

Left to the coverage check (refused): a first clause with a number nothing reads ("ranked
40"), a second clause with values of its own, a count ("how many did they score the year
before"), or anything after the direction word but its row noun or "it".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clause_when import absorb_time_columns, is_when
from .constituents import FilterC
from .ordinal_places import PLACE_WORDS, place_columns
from .positions import PositionC
from .one_anchor import read_one_anchor
from .row_beside import read_beside

if TYPE_CHECKING:
    from .grammar import Parser

_WH = {"who", "what", "which", "whom"}
_NEXT = {"next", "following", "below", "after"}
_PREVIOUS = {"previous", "preceding", "above", "before", "prior"}
#: words of the second clause besides the wh-word and the direction
_LINKS = {"is", "was", "were", "are", "the", "one", "came", "come", "comes", "it", "then",
          "listed", "on", "list", "table", "chart", "but", "and", "so", "did"}
_YEAR_START = re.compile(r"((?:1[5-9]|20)\d\d)(?:$|[/\u2013-]\d{2,4}$)")
_SUBJECTS = {"they", "he", "she", "it", "we"}
_PLACING = {"finish", "place", "rank", "end", "finished", "placed", "ranked", "ended"}
#: words of the first clause besides its values
_FIRST = {"is", "was", "were", "in", "on", "the", "at", "of", "a", "an", "and", "his",
          "her", "their", "its", "for", "listed", "first"}


def read_clause_anchor(p: "Parser") -> None:
    """Read "X did ... in Y. who ... next?" once every other rule ran (module docstring):
    the filters read in the first clause become the anchor."""
    if read_beside(p) or read_one_anchor(p) or p.r.position is not None or \
            _next_past_filter(p):
        return  # read_beside: "the previous crowd for week 7", "next to <X>"
    wh = next((i for i, nd in enumerate(p.n) if i > 0 and nd.low in _WH and
               nd.role in (None, "which") and nd.kind == "word"), None)
    how = _how_placed(p) if wh is None else None  # "how did they finish the next year"
    if how is not None:
        wh = how[0]
    if wh is None or any(nd.low in ("how", "many", "much") for i, nd in enumerate(p.n)
                         if how is None or i != how[0]):
        return
    first, second = range(0, wh), range((how[1] if how else wh) + 1, len(p.n))
    held = [j for j in second if p.n[j].role == "horizon"]
    if how is not None and held and p.r.horizon is not None:
        # "how did they finish the next year" after a row of the table: no forecast
        if len(held) != 2 or p.low(held[0]) not in ("next", "following") or \
                p.low(held[1]) not in ("year", "season"):
            return
        p.r.horizon = None
        for j in held:
            p.n[j].role = None
    at = [i for i in second if p.n[i].role is None and p.n[i].kind == "word" and
          p.n[i].low in _NEXT | _PREVIOUS]
    if len(at) != 1 or any(p.n[i].kind in ("val", "num", "date") for i in second):
        return
    i = at[0]
    placed = []
    for j in first:
        if p.n[j].kind in ("val", "num", "date") and p.n[j].role is None:
            f = _place_number(p, j)
            if f is None:
                return  # "scored 40": a number no rule read
            placed.append(f)
    anchor = [f for f in p.r.filters if f.at < wh] + placed
    if not anchor or len(anchor) != len(p.r.filters) + len(placed) or not any(
            f.how == "value" for f in anchor) or any(
            (f.op != "=" or f.negated) and not is_when(f) for f in anchor):
        return
    order_by = _noun_order(p, i)
    before = p.node(i - 1)
    if before is not None and before.role in (None, "which") and i - 1 > wh and (
            before.kind == "col" or "grain" in before.tags):
        # "who won *the week* before": the step is in that column, not the table's rows
        order_by = (_noun_order(p, i - 2) or False) if before.kind == "col" else False
    if order_by is False and how is None:  # with "how": the column of years, checked below
        return
    kind = "next" if p.n[i].low in _NEXT else "previous"
    if how is not None:  # "how did they finish the next year": one year from the anchor's
        order_by = _year_step(p, i, anchor, 1 if kind == "next" else -1)
        if order_by is None:
            return
    numeric, texts = place_columns(p)
    # the row's name first ("who finished next" answers with another name, not a place)
    anchor.sort(key=lambda f: (f.column in numeric or f.column in texts, f.how != "value"))
    p.r.filters = []
    p.r.position = PositionC(kind, i, anchor=anchor, order_by=order_by or None)
    p.use(i, role="position")
    for j in first:
        if p.n[j].role == "filter" or any(f.at == j for f in placed):
            p.n[j].role = "anchor"
    absorb_time_columns(p, anchor)  # "ordered on May 3, 1971": a condition of the row
    if how is not None:  # the place the row next to the anchor holds
        p.r.which, p.r.which_col = True, how[2]
        for j in range(how[0], how[1] + 1):
            p.use(j, role="which")
    for j in second:
        if p.n[j].role is None and p.n[j].kind == "word" and p.n[j].low in _LINKS:
            p.use(j, role="position")


def _how_placed(p: "Parser") -> tuple[int, int, str] | None:
    """"how did they *finish* / *place* / *rank* / *end* (up) the next year": (the index of
    "how", of the placing verb, the one column of places it asks). "how did they do" and a
    subject other than a pronoun are left to the other readings."""
    at = [i for i, nd in enumerate(p.n) if i > 0 and nd.low == "how" and nd.role is None]
    if len(at) != 1:
        return None
    i = at[0]
    words = [p.low(j) if p.node(j) is not None else "" for j in range(i + 1, i + 5)]
    if words[:1] not in (["did"], ["does"], ["do"]) or words[1] not in _SUBJECTS or \
            words[2] not in _PLACING:
        return None
    verb = i + 3
    if words[2] in ("end", "ended") and words[3] == "up":
        verb += 1
    if any(p.n[j].role is not None for j in range(i, verb + 1)):
        return None
    numeric, texts = place_columns(p)
    cols = numeric + list(texts)
    return (i, verb, cols[0]) if len(cols) == 1 else None


def _year_step(p: "Parser", i: int, anchor: list[FilterC], step: int) -> str | None:
    """The column of years ordering "the next / previous *year* (*season*)" after "how
    did they finish": the anchor's one condition on a column whose values (one per row)
    each start with a year, rising in the column's sorted order (whole-number years: every
    year from the first to the last), and holding the year one step from the anchor's;
    else None (a gap of years, or no such column: refused)."""
    nxt = p.node(i + 1)
    if nxt is None or nxt.low not in ("year", "season") or p.node(i + 2) is not None and \
            p.low(i + 2) != "?":
        return None
    found = []
    for f in anchor:
        prof = p.s.col(f.column)
        vals = prof.values or []
        if not vals and prof.kind == "integer" and prof.min is not None and \
                prof.max is not None and int(prof.max) - int(prof.min) + 1 == prof.n_distinct:
            vals = [str(y) for y in range(int(prof.min), int(prof.max) + 1)]  # every year
        years = [_start_year(v) for v in vals]
        if f.op == "=" and _start_year(f.value) is not None and p.s.n_rows and \
                len(vals) == prof.n_distinct == p.s.n_rows and None not in years and \
                all(a < b for a, b in zip(years, years[1:])):
            found.append((f.column, _start_year(f.value), years))
    if len(found) != 1 or found[0][1] + step not in found[0][2]:
        return None
    p.use(i + 1, role="position")
    return found[0][0]


def _start_year(v: object) -> int | None:
    m = _YEAR_START.match(str(v).strip())
    return int(m.group(1)) if m else None


def _next_past_filter(p: "Parser") -> bool:
    """"the next record after 1990", "the next champion after the 1990 season": "after
    1990" was read as a filter (Year > 1990); "next" makes it the first of those rows by that column,
    when its values are all different ("previous ... before 1990": the last of the rows
    before). Anything else ranked or counted is left to the position checks."""
    words = [i for i, nd in enumerate(p.n) if nd.role is None and nd.kind == "word" and
             nd.low in ("next", "previous")]
    if len(words) != 1 or len(p.r.filters) != 1:
        return False
    i, f = words[0], p.r.filters[0]
    nxt = p.node(i + 1)
    if nxt is not None and (nxt.is_number and nxt.low != "single" or nxt.low == "to" or
                            "sup" in nxt.tags):
        return False
    want = (">", ">=") if p.n[i].low == "next" else ("<", "<=")
    said = [nd.low for nd in p.n[max(0, f.at - 3):f.at + 1] if nd.role == "filter"]
    prof = p.s.col(f.column)
    if f.op not in want or f.negated or not {"after", "before", "prior to"} & set(said) or \
            not p.s.n_rows or \
            prof.n_distinct != p.s.n_rows or not (prof.numeric or prof.kind in (
                "date", "datetime")):
        return False
    kind = "first" if p.n[i].low == "next" else "last"
    p.r.position = PositionC(kind, i, order_by=f.column)
    p.use(i, role="position")
    if nxt is not None and nxt.low == "single":
        p.use(i + 1, role="position")
    return True


def _place_number(p: "Parser", j: int) -> FilterC | None:
    """"X is ranked 40": a whole number right after a word of placing is X's place in the
    one column of places (a condition of the anchor row: a place X does not hold gives no
    row, never another one)."""
    nd = p.n[j]
    k = j - 1
    while k >= 0 and p.low(k) in ("number", "no", "#"):
        k -= 1
    if nd.kind != "num" or nd.item.tok is None or nd.item.tok.ordinal or \
            not float(nd.value).is_integer() or k < 0 or p.low(k) not in PLACE_WORDS:
        return None
    numeric, _texts = place_columns(p)
    if len(numeric) != 1:
        return None
    return FilterC(numeric[0], "=", int(nd.value), at=j, how="compare")


def _noun_order(p: "Parser", i: int) -> str | bool:
    """The column "the previous *season*" orders by ("" for the table's order), or False
    when the direction word is followed by something else."""
    nxt = p.node(i + 1)
    if nxt is None or nxt.low in ("it", "?", "one", "on", "in"):
        return ""
    if nxt.kind != "col" or nxt.role not in (None, "which"):
        return False if nxt.kind != "word" or "sup" in nxt.tags or nxt.is_number else ""
    c = p.column_of(nxt)
    prof = p.s.col(c)
    if prof.numeric and p.s.n_rows and prof.n_distinct == p.s.n_rows:
        nxt.role = "order"
        return c
    if prof.role == "time" or prof.year_like or prof.kind in ("date", "datetime"):
        return False  # "the previous year" over years that repeat: which row is unclear
    return ""  # "what was the previous port": the column asked


__all__ = ["read_clause_anchor"]
