"""Table order: questions about where a row stands in the table (issue 12, capability 2).

Constructions read here (the order is the table's own row order unless the question names
one, see below):

* the row right after / before another: "which stop comes *after* Elm Road", "who is
  *below* X on the list", "the team *before* X", "the *next* album *after* X", "*previous to*
  X", "*directly before* X"; the anchor is a value of the question, the answer the asked
  column of the row next to it (or the anchor's own column when none is asked);
* rows counted before / after another: "*how many* films was she in *before* X";
* the first / last row: "who is listed *first*", "which is the *last* county in the table",
  "which institution was founded *last*"; an order is implied by a number or date column
  named next to the word ("founded last": by Founded), "finished first/last" by a rank
  column when the table has one, and otherwise by the table's one time column unless the
  question places the row in the table ("listed", "on the chart"): "the first opponent
  faced" is the earliest, whichever way the table runs; filters of the question pick the rows first ("the first
  year in which he had over 10 sacks").

Anything else in the question that a position cannot carry (groups, aggregations, a
superlative, a second anchor) leaves the position word unread, and the coverage check then
refuses with a reason: an order question is answered only when read completely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .constituents import FilterC, Incomplete, Reading, constructs_beside, filters_of
from .date_mentions import text_date
from .lexicon import ORDINALS, PLACE_HEADERS, is_summary_label, name_tokens, stem
from .plan import Filter
from .plan_kinds import PositionPlan
from .position_echo import absorb_echoes
from .position_rows import agent_columns, names_rows, noun_is_rows
from .anchor_forms import (EARLIER_LINKS, LIST_NOUNS, check_asked, loose, numbered_anchor,
                           skip_anchor_column, skip_list_words)
from .schema import SchemaModel, header_twins
from .top_row import read_top_row
from .time_order import made_word
from .wh_columns import asked_by_wh, made_in, not_a_time, owner_asked, verb_object

if TYPE_CHECKING:
    from .grammar import Parser

#: words of an anchor position and the direction they point in
_AFTER = {"after", "below", "following", "next after", "right after", "directly after",
          "immediately after", "just after", "behind", "subsequent to", "after the"}
_BEFORE = {"before", "above", "preceding", "prior to", "previous to", "right before",
           "directly before", "immediately before", "just before", "ahead of",
           "preceded", "before the"}
_ADVERBS = {"right", "directly", "immediately", "just"}
#: nouns of a row itself ("the next *name* listed", "the first *entry*")
_ROW_NOUNS = {"name", "entry", "one", "row", "item", "line", "listing"}
_ANCHOR_GAP = {"the", "a", "an"}
_FINISH_VERBS = {"finish", "finished", "finishes", "placed", "place", "ranked", "rank"}
_RANK_NAMES = PLACE_HEADERS | {"result"}


@dataclass
class PositionC:
    """A position constituent: ``kind`` as in :class:`PositionPlan`, its anchor filters and
    the order implied by the question (None: the table's own order)."""

    kind: str
    at: int
    anchor: list[FilterC] = field(default_factory=list)
    order_by: str | None = None
    descending: bool = False
    n: int = 1


def read_positions(p: "Parser") -> None:
    """Find one position constituent (see the module docstring)."""
    for i, nd in enumerate(p.n):
        if nd.role is not None or nd.kind != "word" or "position" not in nd.tags:
            continue
        low = nd.low
        if low in ("top of", "bottom of") and p.low(p.next_content(i + 1, {"the", "this"})) \
                in LIST_NOUNS:
            # "at the top of the list", "on top of the table"
            p.r.position = PositionC("first" if low == "top of" else "last", i)
            k = i - 1
            while k >= 0 and p.n[k].role is None and p.n[k].low in ("at", "on", "the"):
                p.use(k, role="position")
                k -= 1
            p.use(i, role="position")
            _list_context(p)
            for k in range(i + 1, p.next_content(i + 1, {"the", "this"}) + 1):
                p.use(k, role="position")
            return
        if low in _AFTER or low in _BEFORE or low in ("next", "previous", "following",
                                                      "preceding", "prior"):
            if _anchored(p, i):
                return
        elif low in ("first", "last") and _first_last(p, i):
            return
    top = read_top_row(p)  # "which river is listed at the top?"
    if top is not None:
        p.r.position = PositionC("first", top)
        _list_context(p)


def _anchored(p: "Parser", i: int) -> bool:
    """"... after X" / "next after X" / "the one before X" / "previous to X"."""
    nd = p.n[i]
    used = [i]
    word = nd.low
    # "next after X", "the next X after Y": the direction word is the last one before X
    j = i + 1
    if word in ("next", "previous", "following", "preceding", "prior"):
        k = j
        while p.node(k) is not None and p.n[k].low in _ANCHOR_GAP | {"one"}:
            k += 1
        k = skip_list_words(p, k, used)  # "previous *in the table* to X"
        nxt = p.node(k)
        links = ("to", "after", "before") + (("from", "of") if loose(p, i, word) else ())
        if nxt is not None and nxt.kind == "val" and word in ("following", "preceding") and \
                k == j:
            word = "after" if word == "following" else "before"  # "the one following X"
        elif nxt is not None and nxt.role is None and nxt.low in links:
            used.append(k)
            word = {"after": "after", "before": "before"}.get(nxt.low, word)
            if word in ("next", "following"):
                word = "after"
            elif word in ("previous", "preceding", "prior"):
                word = "before"
            j = k + 1
        elif nxt is not None and (nxt.kind == "col" and nxt.role in (None, "which") or
                                  nxt.low in _ROW_NOUNS or "sup" in nxt.tags):
            # "the next album after X": the column between is the asked one; "the next
            # name listed after X"; "the next highest population after X": by that column
            if "sup" in nxt.tags:
                # "the next highest population after X": the one just above X in that
                # ranking or just below it? people mean both: asked back, never guessed
                p.r.problems.append(f'"{nd.text} {nxt.text}" could mean the one just above '
                                    f"or just below in that ranking; ask for the rank "
                                    f"instead.")
                return False
            k2 = k + 1
            while p.node(k2) is not None and p.n[k2].low in ("listed", "shown", "in", "on") \
                    and p.n[k2].role is None:
                used.append(k2)
                k2 += 1
            if nxt.low in _ROW_NOUNS:
                used.append(k)
            after = p.node(k2)
            if after is None or after.role is not None or after.low not in (
                    ("after", "before") + (EARLIER_LINKS if loose(p, i, word) else ())):
                return False  # "the previous port *to* X", but never "next <noun> to X"
            if after.low == "before" and word in ("next", "following"):
                return False
            used.append(k2)
            word = after.low if after.low in ("after", "before") else "before"
            j = k2 + 1
        else:
            return False
    prev = p.node(i - 1)
    if prev is not None and prev.role is None and prev.low in _ADVERBS:
        used.append(i - 1)
    while p.node(j) is not None and p.n[j].low in _ANCHOR_GAP and p.n[j].role is None:
        used.append(j)
        j += 1
    named = numbered_anchor(p, j + 1) if p.node(j) is not None and p.n[j].kind == "col" \
        else None
    if named is not None and named.column in p.n[j].columns:
        p.n[j].role = "anchor"  # "previous to *year* 1987": the anchor's own column
        j += 1
    if not (nd.low == "next" and p.low(i + 1) == "to"):  # "next to the name X": beside
        j = skip_anchor_column(p, j, used)  # "before the station X", "after player X"
    target = p.node(j)
    counted = any(n.role == "count" or "count" in n.tags for n in p.n[:i])
    numbered = None if counted else numbered_anchor(p, j)
    if numbered is not None:
        if numbered in p.r.filters:  # "the year previous to 1987": that row, not a filter
            p.r.filters.remove(numbered)
        col, values = numbered.column, [numbered.value]
    elif target is None or target.kind != "val" or target.role is not None:
        return False
    else:
        col = p._value_column(target)
        values = list(dict.fromkeys(m.value for m in target.item.matches if m.column == col))
    if len(values) != 1 or p.r.clarify is not None:
        return False
    # a day of the date column ("who played before November 5"): never "another day"
    dated = numbered is None and (all(m.how == "date" for m in target.item.matches) or
                                  p.s.col(col).kind in ("date", "datetime") or
                                  text_date(values[0]) is not None)
    new = [FilterC(col, "=", values[0], at=j, how="date" if dated else "value")]
    direction = "next" if word in _AFTER or word in ("after",) else "previous"
    kind = direction
    if counted:
        kind = "count_after" if direction == "next" else "count_before"
    p.r.position = PositionC(kind, i, anchor=new)
    if numbered is not None:
        p.r.position.order_by = col  # the year before 1987 is the one before it by year
    p.use(*used, role="position")
    p.n[j].role = "anchor"
    _list_context(p)
    _finish_order(p, i)
    absorb_echoes(p)
    return True


def _first_last(p: "Parser", i: int) -> bool:
    """"who is listed first", "the last county in the table", "founded last"."""
    nd = p.n[i]
    nxt = p.node(i + 1)
    if p.low(i - 1) in ("to", "from") and _ordinal(p.node(i - 2)):
        return False  # "second to last", "3rd from last": not the last row; left unread
    listed = p.low(i + 2) in ("listed", "shown", "on", "in", "of")
    if nxt is not None and nxt.low in ("name", "entry") and listed:
        nxt.role = "position"  # "the first name in the list": the row's name
    elif nxt is not None and (nxt.is_number or nxt.low in ("name", "names", "time", "times",
                                                         "half", "quarter", "round",
                                                         "place", "leg", "one")):
        return False  # "first 5", "last name", "first place", "the last one"
    if nxt is not None and nxt.kind == "word" and nxt.role is None and "verb" in nxt.tags \
            and "func" not in nxt.tags:
        return False  # "the last win": rows of a kind the data must say (a result column)
    kind = nd.low
    p.r.position = PositionC(kind, i)
    p.use(i, role="position")
    _list_context(p)
    _in_amount(p, i)
    if not _finish_order(p, i) and p.r.position.order_by is None:
        _implied_order(p, i)
    return True


def _ordinal(nd) -> bool:
    """"second", "3rd" (a word that is also a time unit, "second", counts too)."""
    return nd is not None and (nd.low in ORDINALS or (
        nd.item.tok is not None and nd.item.tok.ordinal))


def _list_context(p: "Parser") -> None:
    """"on the list", "in the table", "on this chart", "at the top of the table": the
    order is the table's; the words are understood."""
    for k, nd in enumerate(p.n):
        if nd.role is not None or nd.low not in LIST_NOUNS or nd.kind != "word":
            continue
        span = [k]
        m = k - 1
        while m >= 0 and p.n[m].role is None and p.n[m].low in ("the", "this", "that",
                                                                 "our", "of"):
            span.append(m)
            m -= 1
        if m >= 0 and p.n[m].role is None and p.n[m].low in ("on", "in", "from", "of",
                                                             "at"):
            span.append(m)
            p.use(*span, role="position")


def _finish_order(p: "Parser", i: int) -> bool:
    """"finished first", "came in last": by a rank column when the table has one."""
    k = i - 1
    while k >= 0 and p.n[k].low in ("in", "the", "at"):
        k -= 1
    if k < 0 or p.n[k].low not in _FINISH_VERBS:
        return False
    ranks = [c for c in p.s.columns if p.s.col(c).numeric and
             {stem(t) for t in name_tokens(c)} & _RANK_NAMES]
    pos = p.r.position
    if pos is not None and pos.kind in ("first", "last") and pos.order_by is None and \
            len(ranks) == 1:
        pos.order_by = ranks[0]
    if p.n[k].role is None and p.n[k].kind == "word":
        p.use(k, role="position")
    return True


def _in_amount(p: "Parser", i: int) -> None:
    """"ranked first *in gold*", "last in points": the place is in the column said right
    after it, not the overall rank or the table's order. A count (whole numbers: medals,
    goals, wins) puts the most first; over other numbers (times, rates) more need not be
    better, so the reader asks instead of guessing."""
    k = i + 1
    if p.low(k) != "in" or p.n[k].role is not None:
        return
    j = k + 1 if p.low(k + 1) != "the" else k + 2
    nd = p.node(j)
    if nd is None or nd.kind != "col" or nd.role is not None:
        return
    c = p.column_of(nd, prefer="numeric")
    prof = p.s.col(c)
    if not prof.numeric or prof.role == "time" or \
            {stem(t) for t in name_tokens(c)} & _RANK_NAMES:
        return
    p.use(*range(k, j), role="position")
    nd.role = "order"
    if prof.kind != "integer":
        p.r.problems.append(f'"{p.n[i].text} in {nd.text}" could mean the most or the least '
                            f"{c!r}; ask for the highest or the lowest instead.")
        return
    pos = p.r.position
    pos.order_by, pos.descending = c, True


def _implied_order(p: "Parser", i: int) -> None:
    """"founded last", "the first year ...": a number or date column named right before
    the word orders the rows."""
    pos = p.r.position
    k = i - 1
    while k >= 0 and p.n[k].kind == "word" and p.n[k].low in ("the", "was", "were", "is"):
        k -= 1
    nd = p.node(k)
    if nd is None or nd.kind != "col" or nd.role not in (None,):
        return
    c = p.column_of(nd)
    prof = p.s.col(c)
    if prof.numeric or prof.kind in ("date", "datetime") or prof.role == "time":
        pos.order_by = c
        nd.role = "order"


def position_plan(r: Reading, s: SchemaModel, nums: list[str], dims: list[str]) -> PositionPlan:
    """The :class:`PositionPlan` of a reading with a position constituent; refuses what a
    position cannot carry."""
    pos = r.position
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "share", "limit",
                                 "chart", "change", "distribution")
    if r.count and not pos.kind.startswith("count_"):
        blocking.append("a count")
    if blocking:
        raise Incomplete(f"That combines the order of the rows with {blocking[0]}, which I "
                         f"cannot read together yet. Ask for the row first, e.g. 'which "
                         f"row comes first'.", s.names()[:12])
    rows = bool(r.entity) and pos.kind in ("first", "last") and not pos.anchor and \
        noun_is_rows(r, s)
    if r.entity and not pos.kind.startswith("count_") and not (pos.anchor and not nums and
                                                              not dims) and not rows:
        # "the last *loss*", "the first *player* to win": a kind of row the data does not
        # name; table order over every row would answer another question
        raise Incomplete(f"I cannot tell which rows are {r.entity[0]!r} in this data, so I "
                         f"cannot say which one comes {_word(pos)}. Columns: " +
                         ", ".join(s.names()[:15]) + ".", s.names()[:12])
    agents = agent_columns(r)  # "the last song produced by X": X's column is not asked
    nums, dims = [c for c in nums if c not in agents], [c for c in dims if c not in agents]
    anchor = [Filter(f.column, f.op, f.value) for f in pos.anchor]
    ranked = [nd.text for i, nd in enumerate(r.nodes) if i and r.nodes[i - 1].low == "in" and
              nd.kind == "col" and nd.role == "column" and nd.columns[0] in nums and
              nd.columns[0] != pos.order_by and nd.columns[0] != r.which_col]
    if anchor and ranked:  # "next to X in gold": the order of a ranking by it, not the table's
        raise Incomplete(f'"in {ranked[0]}" asks for the order of a ranking by it, which I '
                         f"cannot read with a row's neighbour yet.", s.names()[:12])
    filters = filters_of(r)
    if anchor and r.logic == "and":
        # "the competition before the Olympics in Atlanta": details said after the anchor
        # pick the anchor row; said before it ("which North station comes before X") they
        # pick the rows the order runs over
        later = {(f.column, f.op, repr(f.value)) for f in r.filters if f.at > pos.anchor[0].at}
        detail = [f for f in filters if (f.column, f.op, repr(f.value)) in later and
                  all(f.column != a.column for a in anchor)]
        anchor += detail
        filters = [f for f in filters if f not in detail]
    asked = _asked(r, s, nums, dims, pos, anchor)
    if not asked and rows and r.nodes[0].low in ("what", "which"):  # its name
        asked = [c for c in [_row_name(s)] if c is not None and names_rows(r, s, c)]
    if asked and (not_a_time(r, s, asked[0]) or verb_object(r, asked[0])):
        asked = []
    if pos.kind.startswith("count_"):
        asked = []
    elif asked and header_twins(s, asked[0]) and not any(a.column == asked[0] for a in anchor):
        # (the anchor's own column is the one its value was found in)
        twins = header_twins(s, asked[0])
        raise Incomplete(f"{len(twins)} columns are headed {asked[0]!r}: "
                         f"{', '.join(twins)}. Which one do you want?", twins, clarify=True)
    elif not asked:
        raise Incomplete("Which column of that row do you want? Columns: " +
                         ", ".join(s.names()[:15]) + ".", s.names()[:12], clarify=True)
    kind = pos.kind
    if kind in ("next", "previous") and len(asked) == 1 and r.which_col is None:
        check_asked(r, s, asked[0], anchor)
    if kind in ("first", "last") and pos.order_by is None and len(asked) == 1:
        prof = s.col(asked[0])
        if prof.kind in ("date", "datetime") or prof.year_like or made_in(r, s, asked[0]):
            pos.order_by = asked[0]  # "what year was the first ...": the earliest year
    if kind in ("first", "last") and pos.order_by is None and not _listed(r):
        # "the first rival met", "the last captain": first in time, which is the
        # table's order only when it runs oldest first; "listed first" keeps the table's
        times = [c for c in s.time_columns if c not in asked] or \
            [c for c in s.names() if c not in asked and _seasons(s, c)]
        if len(times) == 1:
            pos.order_by = times[0]
        elif made_word(r) is not None and r.logic != "or" and \
                not any(f.op == "in" for f in filters):  # "the first court house built"
            raise Incomplete(f'"{pos.kind} ... {made_word(r)}" asks for the earliest or latest '
                             f"in time, and no one column of this data says when.",
                             s.names()[:12])
    for c in asked:
        # a "Total" row at the end of a table is not its last entry
        for v in s.col(c).values or []:
            if is_summary_label(v) and all(f.column != c for f in filters + anchor):
                filters.append(Filter(c, "!=", v))
    return PositionPlan(position=kind, n=pos.n, anchor=anchor, order_by=pos.order_by,
                        descending=pos.descending, columns=asked, filters=filters,
                        logic=r.logic)


def _asked(r: Reading, s: SchemaModel, nums, dims, pos: PositionC,
           anchor: list[Filter]) -> list[str]:
    """The column whose value answers: the "which X" column, else the one column the
    question names that no other constituent took, else the row's name (for "who"), else
    the anchor's own column."""
    if r.which_col is not None:
        check_asked(r, s, r.which_col, anchor)
        return [r.which_col]
    first = next((nd.low for nd in r.nodes if nd.kind == "word"), "")
    if first in ("how", "why"):
        return []  # a manner: no column of the row says which
    if anchor and _who(r) and not s.col(anchor[0].column).numeric and \
            pos.anchor[0].how != "date":
        return [anchor[0].column]  # "who was picked after X": another X (not another day)
    free = [c for c in list(dict.fromkeys(dims + nums)) if c != pos.order_by]
    if _who(r) or _named(r):
        # "who was picked after X": a person's name, not the number of the pick
        free = [c for c in free if not s.col(c).numeric]
    wh = asked_by_wh(r, s, free, pos.order_by)  # "where": the place; "when": the time
    if wh is None and pos.order_by is None:  # "the captain of the last boat listed"
        wh = owner_asked(r, s, free)
    if wh is not None:
        return wh
    if len(free) == 1:
        return free
    if len(free) > 1:
        raise Incomplete("Which of these do you want for that row: " + ", ".join(free) + "?",
                         free, clarify=True)
    if (pos.order_by or r.which and _listed(r)) and not anchor:
        who = _who(r)
        label = _row_name(s)
        if who and label:
            return [label]
        if label and r.which:
            return [label]
    if anchor and not ((_who(r) or _named(r)) and s.col(anchor[0].column).numeric) and \
            not (_who(r) and pos.anchor[0].how == "date"):
        return [anchor[0].column]
    label = _row_name(s)
    if (_who(r) or _named(r)) and label and not (
            anchor and pos.anchor[0].how == "date" and label == anchor[0].column):
        return [label]
    return []


def _seasons(s: SchemaModel, c: str) -> bool:
    """A column of whole years named "Season" (1961, 1962 ...): a time like "Year"."""
    p = s.col(c)
    return p.kind == "integer" and p.min is not None and 1000 <= float(p.min) and \
        float(p.max) <= 2200 and [stem(t) for t in name_tokens(c)] == ["season"]


def _listed(r: Reading) -> bool:
    return any(nd.low in LIST_NOUNS or nd.low in ("listed", "shown", "list", "top",
                                                   "bottom", "row", "rows") for nd in r.nodes)


def _word(pos: PositionC) -> str:
    return {"next": "after", "previous": "before", "count_after": "after",
            "count_before": "before"}.get(pos.kind, pos.kind)


def _named(r: Reading) -> bool:
    return any(nd.low in ("name", "names", "called") for nd in r.nodes)


def _who(r: Reading) -> bool:
    return any(nd.low in ("who", "whom", "whose") for nd in r.nodes)


def _row_name(s: SchemaModel) -> str | None:
    """The column naming the rows: the label column when its values read as names, else the
    first all-different column of names. "Who heads this list" is a player, not
    the column of scores that happens to have the most distinct values."""
    label = s.label_column()
    return label if label is not None and _wordy(s, label) else _text_key(s)


def _wordy(s: SchemaModel, c: str) -> bool:
    """Mostly letters, not codes or scores such as "2-12" or "6–4, 7–5"."""
    vals = [str(v) for v in (s.col(c).values or s.col(c).examples or [])]
    wordy = [v for v in vals if sum(ch.isalpha() for ch in v) > len(v) / 2]
    return bool(vals) and len(wordy) >= 0.8 * len(vals)


def _text_key(s: SchemaModel) -> str | None:
    """The first text column whose values are all different and read as names (mostly
    letters, not codes or scores such as "2-12"): the rows' names."""
    for c in s.names():
        p = s.col(c)
        if p.kind == "text" and s.n_rows and p.n_distinct == s.n_rows and _wordy(s, c):
            return c
    return None


__all__ = ["PositionC", "position_plan", "read_positions"]
