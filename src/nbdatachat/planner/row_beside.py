"""The row next to one named by a condition an earlier rule read (issue 12, table order),
run first by ``clause_anchor.read_clause_anchor`` once every other rule ran:

* "who is listed *next after* rank 218", "what squad number is listed *previous to*
  squad 7", "the entry *previous to* no. 16", "who would the *next* opponent be *after*
  week 4": the anchor is a number of a column or a date, read as conditions (a number
  after a column of whole numbers all different is read here); by that column when it
  numbers the rows all differently and no list word ("listed", "on the chart") is said;
* "which is the *previous* attendance *for* week 10": the column asked sits between the
  direction word and "for";
* "what group is *next under* X on the chart", "*next below* / *next above* X": a value of
  the table, the row after / before it;
* "what city is *next to* <a value of another column>": beside it, in the same row (the
  cell of the asked column of that row), also when ``positions.py`` read it as the row
  after; "next to" a value of the asked column itself ("which song came next to X") stays
  the row after, and a value several rows hold is left unread;
* after ``positions.py`` read "after X": the direction word said again ("who was *next to
  be* sent home after X") and the rows' own noun ("the next *album* after X", only with an
  anchor of one column's values and no other condition).

Each anchor is all the conditions read between the direction word and the end of the
question (list words such as "on the chart" aside); a condition anywhere else leaves the
direction word unread, so the coverage check refuses as before. The anchor may name several
rows: the query then says so instead of answering (``query/execute.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .anchor_forms import LIST_NOUNS
from .constituents import FilterC
from .positions import PositionC

if TYPE_CHECKING:
    from .grammar import Parser

_NEXT = {"next", "following"}
_PREVIOUS = {"previous", "preceding", "prior"}
#: words after the direction word that link it to the anchor, and the way they point
_LINKS = {"after": "next", "under": "next", "below": "next", "to": None, "before": "previous",
          "above": "previous", "from": None}
#: words inside an anchor besides the conditions ("rank *number* 218", "the title X")
_INSIDE = {"the", "of", "number", "no", "#", "a", "an", "on", ",", "one"}
_END = {"?", ".", "!"}
_COPULA = {"be", "is", "was", "listed"}
#: the conditions an anchor row may have: values, and a day or year said
_ANCHOR_OPS = {"=", "date>=", "date<", "year", "contains"}
#: words between an agreeing direction word and the link read already ("next *to be*")
_ECHO = _COPULA | {"to", "one", "the", "would", "will"}


def read_beside(p: "Parser") -> bool:
    """Read one of the forms of the module docstring; True when read."""
    if p.r.position is not None:
        return _echo(p)
    if p.r.same is not None or p.r.contrast is not None:
        return False
    words = [i for i, nd in enumerate(p.n) if nd.role is None and nd.kind == "word" and
             nd.low in _NEXT | _PREVIOUS]
    if len(words) != 1:
        return False
    i = words[0]
    way = "next" if p.n[i].low in _NEXT else "previous"
    used = [i]
    j = i + 1
    asked = p.node(j)
    rows = asked is not None and (_noun(asked) or asked.role == "rows")
    if asked is not None and (asked.kind == "col" and asked.role in (None, "which") or rows):
        j += 1  # "the next *opponent* after", "the next *game* after": asked, or the rows
        if rows:
            used.append(j - 1)
        while p.low(j) in _COPULA and p.n[j].role is None:
            used.append(j)  # "who would the next opponent *be* after week 4"
            j += 1
    if p.low(j) in ("for", "of") and j > i + 1 and p.n[j - 1].kind == "col":
        used.append(j)  # "the previous attendance *for* week 10": the column asked
        j += 1
    elif p.low(j) in _LINKS and p.n[j].role is None:
        link = p.low(j)
        if link == "to" and way == "next":
            return _same_row(p, i, j + 1)  # "next to": beside, in the same row
        if _LINKS[link] not in (None, way) or link == "from" and way == "next":
            return False  # "next before X", "next from X": unclear
        used.append(j)
        j += 1
    else:
        return False
    span = _anchor_span(p, j)
    if span is None:
        return False
    anchor = [f for f in p.r.filters if f.at in span]
    if any(nd.kind == "col" and nd.role is None and p.low(k + 1) != "of"
           for k, nd in enumerate(p.n) if k not in span and k != i + 1):
        _undo_list(p)
        return False  # "who played <column> previous to ...": what is asked is unclear
    p.r.filters = [f for f in p.r.filters if f.at not in span]
    p.r.position = PositionC(way, i, anchor=anchor)
    a = anchor[0]
    prof = p.s.col(a.column)
    if len(anchor) == 1 and a.op == "=" and prof.numeric and prof.n_distinct == p.s.n_rows \
            and not any(nd.low in LIST_NOUNS | {"listed"} for nd in p.n):
        p.r.position.order_by = a.column  # "the winner previous to 1997": by year
    p.use(*used, role="position")
    for k in span:
        if p.n[k].role in (None, "filter"):
            p.n[k].role = "anchor"
    return True


def _anchor_span(p: "Parser", j: int) -> list[int] | None:
    """The indices from ``j`` to the end of the question holding the anchor's conditions
    (and the words inside it), when every condition of the question is among them."""
    end = len(p.n)
    while end > j and (p.n[end - 1].low in _END or p.n[end - 1].role is None and
                       p.n[end - 1].low in LIST_NOUNS | {"on", "in", "the", "this"} and
                       _list_tail(p, end - 1)):
        if p.n[end - 1].low not in _END:
            p.n[end - 1].role = p.n[end - 1].role or "position_list"
        end -= 1
    span = list(range(j, end))
    extra = _numbered(p, span)
    if not span or any(f.at not in span for f in p.r.filters) or not any(
            f.at in span for f in p.r.filters + extra):
        _undo_list(p)
        return None
    for k in span:
        nd = p.n[k]
        if nd.role == "filter" or any(f.at == k for f in extra) or \
                nd.kind == "col" and nd.role is None or \
                nd.role is None and nd.low in _INSIDE or \
                _noun(nd) and p.low(k - 1) in ("the", "a", "an"):
            continue  # "after *the game on* June 22": the rows' noun inside the anchor
        _undo_list(p)
        return None
    if any(f.op not in _ANCHOR_OPS or f.op != "=" and f.how != "time" or f.negated
           for f in p.r.filters):  # "after 1990" read as Year > 1990: not one row
        _undo_list(p)
        return None
    for f in extra:  # "previous to no. 23": that row's number, read here
        p.r.filters.append(f)
        p.n[f.at].role = "filter"
    return span


def _numbered(p: "Parser", span: list[int]) -> list[FilterC]:
    """"no. 16", "entry 4" left unread: a number right after a column of whole numbers that
    are all different (the row's own number)."""
    out = []
    for k in span:
        nd, col = p.n[k], p.node(k - 1)
        if nd.kind != "num" or nd.role is not None or col is None or col.kind != "col" or \
                col.role is not None or nd.value is None or \
                not float(nd.value).is_integer() or len(set(col.columns)) != 1:
            continue
        prof = p.s.col(p.column_of(col))
        if prof.kind == "integer" and prof.n_distinct == p.s.n_rows and prof.min is not None \
                and float(prof.min) <= float(nd.value) <= float(prof.max):
            out.append(FilterC(prof.name, "=", int(nd.value), at=k, how="named"))
    return out


def _echo(p: "Parser") -> bool:
    """"who was *next to be* sent home after X", "which one would the *next one be* after
    X": the row after X read already; the direction word agreeing with it, and the words
    between it and the anchor's link, said it again."""
    pos = p.r.position
    if _beside_instead(p):
        return True
    values = [f for f in pos.anchor if f.how == "value"]
    plain = not p.r.filters and all(f.how == "value" for f in pos.anchor) and \
        len({f.column for f in values}) == 1
    for x, nd in enumerate(p.n[:pos.at]):
        # only an anchor of one column's values: "the previous winner before X *in 2008*"
        # means by the years, which the table's order need not follow; a name in two
        # columns ("Seitz" "Michael") answers with half of it
        if plain and pos.kind in ("next", "previous") and nd.role == "position" and \
                nd.low in _NEXT | _PREVIOUS and _rows_noun(p.n[x + 1]) and \
                (x + 2 == pos.at or p.low(x + 2) == "listed" and x + 3 == pos.at):
            p.use(x + 1, x + 2, role="rows")  # "the next *album* after X": the rows' noun
            return True
    words = [k for k, nd in enumerate(p.n) if nd.role is None and nd.kind == "word" and
             nd.low in _NEXT | _PREVIOUS]
    if pos.kind not in ("next", "previous") or len(words) != 1 or \
            (p.n[words[0]].low in _NEXT) != (pos.kind == "next") or words[0] > pos.at:
        return False
    i = words[0]
    between = [k for k in range(i + 1, pos.at) if p.n[k].role is None]
    if any(p.n[k].kind != "col" and p.low(k) not in _ECHO and not _noun(p.n[k])
           for k in between):
        return False
    p.use(i, *[k for k in between if p.n[k].kind != "col"], role="position")
    return True


def _beside_instead(p: "Parser") -> bool:
    """"what is the description next to X" read as the row after X: when the column asked is
    not X's, "next to" is beside X in its own row (the row after is "next to" X only among
    values of one column: "which song came next to X")."""
    pos = p.r.position
    if pos.kind != "next" or p.low(pos.at) != "next" or p.low(pos.at + 1) != "to" or \
            len(pos.anchor) != 1 or pos.anchor[0].op != "=":
        return False
    free = [p.column_of(nd) for nd in p.n[:pos.at] if nd.kind == "col" and
            nd.role in (None, "which") and len(set(nd.columns)) == 1]
    which = p.r.which_col or (free[0] if len(free) == 1 else None)
    prof = p.s.col(pos.anchor[0].column)
    if which is None or which == pos.anchor[0].column or \
            pos.anchor[0].how == "value" and prof.n_distinct != p.s.n_rows:
        return False  # a value held by several rows: which one is beside is unclear
    p.r.filters.extend(pos.anchor)
    p.r.position = None
    for nd in p.n:
        if nd.role == "position":
            nd.role = "beside"
        elif nd.role == "anchor":
            nd.role = "filter"
    return True


def _rows_noun(nd) -> bool:
    """A noun no column or value grounded, or a word for people ("person"), after the
    direction word: what the rows are."""
    return nd.kind == "word" and nd.role is None and nd.low.isalpha() and \
        set(nd.tags) <= {"people"}


def _noun(nd) -> bool:
    """A plain noun no column or value grounded ("game", "race"): the rows' own noun."""
    return nd.kind == "word" and nd.role is None and not nd.tags and nd.low.isalpha()


def _list_tail(p: "Parser", k: int) -> bool:
    """``k`` is in a closing "on the chart" / "in the table"."""
    m = k
    while m < len(p.n) and p.n[m].low not in _END:
        m += 1
    words = [p.low(x) for x in range(k, m)]
    ends = [x for x in range(k, m) if p.low(x) in LIST_NOUNS]
    if not ends:
        # "on" / "the" before the list noun: part of the tail when one follows
        return any(p.low(x) in LIST_NOUNS for x in range(k, m)) and set(words) <= \
            LIST_NOUNS | {"on", "in", "the", "this"}
    return set(words) <= LIST_NOUNS | {"on", "in", "the", "this"}


def _undo_list(p: "Parser") -> None:
    for nd in p.n:
        if nd.role == "position_list":
            nd.role = None


def _same_row(p: "Parser", i: int, j: int) -> bool:
    """"the <column> next to <anchor>": the anchor's own row, when the asked column is not
    the anchor's."""
    span = _anchor_span(p, j)
    free = [p.column_of(nd) for nd in p.n[:i] if nd.kind == "col" and nd.role is None]
    which = p.r.which_col or (free[0] if len(free) == 1 else None)  # "who is the director"
    if span is None or which is None:
        _undo_list(p)
        return False
    anchor = [f for f in p.r.filters if f.at in span]
    if any(f.column == which for f in p.r.filters) or len(anchor) == 1 and \
            anchor[0].how == "value" and p.s.col(anchor[0].column).n_distinct != p.s.n_rows:
        _undo_list(p)
        return False  # "which city is next to <a city>": the row before or after; a value
        # several rows hold: which one is beside is unclear
    p.use(i, j - 1, role="beside")
    for nd in p.n:
        if nd.role == "position_list":
            nd.role = "beside"
    return True


__all__ = ["read_beside"]
