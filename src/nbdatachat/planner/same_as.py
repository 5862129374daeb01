"""Rows sharing a value with a named row (issue 12): "the same <column> as X".

Constructions read here, each with one column of the table (what is shared) and one value
naming the other row (the anchor):

* "which tower has *the same* number of storeys *as* <X>", "what other kite was
  flown in *the same* year *as* <X>", "who is *the same* age *as* <X>" -> the asked
  column of the rows whose <column> equals that of <X>'s row, <X>'s row left out;
* the asked column is the "which / what X" column, else the one other column the question
  names, else the rows' name (for "who").

"how many X have the same <column> as <Y>" counts those rows. Text is compared in any
case. Read first elsewhere: two columns of one row ("the same golds as bronzes",
``same_columns.py``), rows sharing a value with each other ("which two X have the same Y",
``same_shared.py``); the time a "the same year / day" compares is ``same_time.py``'s.
Nothing else may be asked at the same time (a grouping, a ranking, table order): the
reading is refused instead. The anchor must be one value of one column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .constituents import FilterC, Incomplete, Reading, filters_of
from .contrast_numbers import names_row, one_row_each
from .plan import Filter, Plan
from .plan_parts import Measure
from .lexicon import stem
from .plan_kinds import LookupPlan
from .same_nouns import read_row_words, word_column
from .same_time import GRAINS, day_anchor, day_rows, shared_key, time_column
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

#: words between "same" and the shared column ("the same *number of* floors")
_LEAD = {"number of", "number", "amount of", "amount", "total", "of"}
#: words between "as" and the anchor ("as *that of* X", "as *in* 2011", "as *the* X")
_ANCHOR_GAP = {"the", "that of", "that", "of", "in", "for", "did", "does", "was", "is"}
_WH = {"which", "what", "who", "whom", "whose", "name", "list", "tell me", "give"}


@dataclass
class SameC:
    """Rows whose ``column`` equals that of the ``anchor`` row."""

    column: str
    anchor: list[FilterC] = field(default_factory=list)
    at: int = -1
    subject: list[FilterC] = field(default_factory=list)  # "does X have the same ...": X
    asked: str | None = None  # "X has the same depth as which <noun>": set by the reading
    grain: str | None = None  # "year": the year of the dates of ``column`` (``same_time.py``)


def read_same_as(p: "Parser") -> None:
    """Find one "the same <column> as <value>" (see the module docstring)."""
    from .same_columns import read_same_columns
    from .same_shared import read_same_shared

    if read_same_columns(p) or read_same_shared(p):  # "the same A as B" in one row; "which
        return  # two X have the same Y (as each other)"
    for i, nd in enumerate(p.n):
        if nd.role not in (None, "followup") or nd.kind != "word" or \
                nd.low not in ("same", "the same"):
            continue
        used = [i]
        if nd.low == "same" and p.low(i - 1) == "the":
            used.append(i - 1)
        j = i + 1
        while p.node(j) is not None and p.n[j].kind == "word" and p.n[j].low in _LEAD:
            used.append(j)
            j += 1
        mod = p.node(j)
        if mod is not None and mod.kind == "word" and mod.role is None and not mod.tags and \
                mod.low.isalpha() and p.node(j + 1) is not None and p.n[j + 1].kind == "col":
            p.r.ignored.append(mod.text)  # "the same amount of *league* points"
            used.append(j)
            j += 1
        col_nd = p.node(j)
        grain = forced = None
        if (col_nd is None or col_nd.kind != "col") and p.low(j) in GRAINS:
            timed = time_column(p, min(used), p.low(j))  # "joined the same year as X"
            if timed is not None:
                col_nd, grain, forced = timed
                used.append(j)
        if (col_nd is None or col_nd.kind != "col") and forced is None and \
                (forced := word_column(p, j)) is not None:
            used.append(j)  # "the same *time* as X" over one column "Time/Gap"
        said = None
        noun = p.node(j) if forced is None else None
        if noun is not None and noun.kind == "word" and noun.role is None and \
                noun.low.isalpha() and p.low(j + 1) == "as" and set(noun.tags) <= {"verb"}:
            # "did <column> have the same number of *byes* as in 1987": the column's unit
            said = _said_column(p, min(used), possessed=True)
            if said is not None:
                used.append(j)
                col_nd = said  # j stays on the unit: "as" follows it
        if (col_nd is None or col_nd.kind != "col") and p.low(j) == "as" and said is None:
            said = _said_column(p, min(used))  # "whose tally was the same as X's"
            if said is not None:
                col_nd, j = said, j - 1
        pair = None
        if said is None and (col_nd is None or col_nd.kind != "col") and p.low(j) == "as":
            pair = _pair_subject(p, min(used))  # "is the <column> of A the same as B"
            if pair is not None:
                col_nd, j = pair[0], j - 1
        whose = said is not None and col_nd.role == "which"
        if forced is None and (col_nd is None or col_nd.kind != "col" or col_nd.role is not
                               None and not whose or len(set(col_nd.columns)) != 1):
            return
        col = forced or p.column_of(col_nd)
        k = j + 1
        unit = p.node(k)
        if unit is not None and unit.kind == "word" and unit.role is None and (
                not unit.tags and unit.low.endswith("s") or unit.low in ("time", "value")) \
                and unit.low.isalpha() and p.low(k + 1) == "as":
            used.append(k)  # "the same number of silver *cups* as", "the same start *time*"
            k += 1
        verb = p.node(k)
        if verb is not None and verb.kind == "word" and verb.role is None and \
                "verb" in verb.tags and verb.low.endswith("ed") and p.low(k + 1) == "as":
            used.append(k)  # "the same distance *recorded* as X": how the value came about
            k += 1
        if p.low(k) != "as":
            return
        used.append(k)
        k += 1
        if p.low(k) in ("which", "what", "how many", "who", "whom") and pair is None and \
                said is None:
            _reversed(p, i, k, col, col_nd, used)  # "X has the same depth as which Y?"
            if p.r.same is not None:
                p.r.same.grain = grain
            return
        while p.node(k) is not None and (
                p.n[k].kind == "word" and p.n[k].low in _ANCHOR_GAP or pair is not None and
                p.n[k].kind == "col" and p.n[k].role is None and set(p.n[k].columns) == {col}):
            used.append(k)  # "... as (the <column> of) B"
            k += 1
        if _kind_noun(p, k, i):  # "as the track <X>": the rows' noun said again
            used.append(k)
            k += 1
        elif p.node(k) is not None and p.n[k].kind == "word" and not p.n[k].tags and \
                p.n[k].role is None and p.low(k + 1) in ("versus", "against", "vs"):
            used += [k, k + 1]  # "as the match against <X>": X's row
            k += 2
        target = p.node(k)
        year = _year_anchor(p, target)
        numbered = _numbered_anchor(p, k) if year is None else None
        day = None
        if numbered is not None:  # "as heat number 3": the row numbered 3 in that column
            acol, values = numbered
            p.r.filters = [f for f in p.r.filters if f.at not in (k, k + 1)]
            used.append(k)
            k += 1
            target = p.node(k)
        elif year is not None:
            acol, values = year
            p.r.filters = [f for f in p.r.filters if f.at != k]
            used += [x for x in range(k - 1, k) if p.n[x].low == "in"]
        elif target is not None and target.kind != "val" and \
                (day := day_anchor(p, k)) is not None:  # "as (on) May 3, 1961": that day's row
            acol, values, k = day[0], [day[1][0].value], day[2]
            target = p.node(k)
        elif target is None or target.kind != "val" or target.role is not None or \
                not target.items:
            return
        else:
            acol = p._value_column(target)
            values = list(dict.fromkeys(m.value for m in target.item.matches
                                        if m.column == acol))
        if len(values) != 1 or p.r.clarify is not None or acol == col:
            return
        after_at = p.next_content(k + 1, {"'s", "’s", "the", "had", "has", "have"})
        after = p.node(after_at)
        if pair is not None and after is not None and after.kind == "col" and \
                after.role is None and set(after.columns) == {col}:
            used.append(after_at)  # "... as the <B> purse": the column said again
            after = p.node(p.next_content(after_at + 1))
        if after is not None and after.kind == "col" and after.role is None and \
                set(after.columns) == {acol}:
            used.append(after_at)  # "as X high school": the anchor's own column said again
            after = p.node(p.next_content(after_at + 1))
        if after is not None and (after.kind in ("val", "col") or after.low in ("and", "or")):
            # "as X and Y", "the same losses as X's wins": more than one row, or another
            # column of it: not read here
            return
        same = SameC(col, [FilterC(acol, "=", values[0], at=k)], at=i, grain=grain)
        if pair is not None:
            x = pair[1]
            sval = list(dict.fromkeys(m.value for m in p.n[x].item.matches if m.column == acol))
            if len(sval) != 1 or sval[0] == values[0] or not one_row_each(p.s, acol):
                return  # "are the riders of team A the same as team B": sets, not read
            same.subject = [FilterC(acol, "=", sval[0], at=x)]
            used += pair[2]
            p.r.filters = [f for f in p.r.filters if f.at != x]
            p.n[x].role = "anchor"
        subject = None if pair is not None else _subject(p, used[-1] if nd.low == "same" and p.low(i - 1) == "the" else i,
                           acol, values[0], col_nd)
        if subject is not None:
            x, sval, extra = subject
            same.subject = [FilterC(acol, "=", sval, at=x)]
            used += extra
            p.r.filters = [f for f in p.r.filters if f.at != x]
            p.n[x].role = "anchor"
        if day is not None:
            day_rows(p, same, day[1])
        p.r.same = same
        if not same.subject:  # "what other <noun> <verb> the same ...": the rows' words
            read_row_words(p, i - (nd.low == "same" and p.low(i - 1) == "the"), same)
        p.use(*used, role="same")
        p.n[i].role = "same"  # a follow-up opener word here is this construction's
        if whose:
            p.r.which_col = None  # "whose score was ...": the score is shared, not asked
        col_nd.role = "same"
        target.role = "anchor"
        return


def _reversed(p: "Parser", i: int, k: int, col: str, col_nd, used: list[int]) -> None:
    """"<X> has the same <column> as which / what other <noun>", "... as how many other
    <noun>": the anchor is the one value named before "same"; the answer is another row of
    its kind (or their count)."""
    vals = [x for x in range(min(used)) if p.n[x].kind == "val" and
            p.n[x].role in (None, "filter")]
    if len(vals) != 1:
        return
    x = vals[0]
    read = [f for f in p.r.filters if f.at == x]
    if len(read) == 1 and read[0].op == "=" and not isinstance(read[0].value, (list, dict)):
        acol, value = read[0].column, read[0].value
    else:
        cols = list(dict.fromkeys(m.column for m in p.n[x].item.matches))
        if len(cols) != 1:
            return
        acol = cols[0]
        vs = list(dict.fromkeys(m.value for m in p.n[x].item.matches if m.column == acol))
        if len(vs) != 1:
            return
        value = vs[0]
    named = [y for y in range(min(used)) if p.n[y].kind == "col" and p.n[y].role is None]
    if acol == col or p.s.col(acol).numeric or any(set(p.n[y].columns) != {acol}
                                                   for y in named):
        return  # only the anchor's own kind may be named before ("the X tower has ...")
    j = k + 1
    if p.low(j) == "many":
        j += 1
    if p.low(j) == "other":
        j += 1
    if p.low(k) in ("who", "whom") and p.low(j) == "else":
        j += 1  # "as whom else"
    tail = [y for y in range(j, len(p.n)) if p.n[y].kind != "sym" and p.n[y].low not in "?.!"]
    tail = [y for y in tail if not (y == j + 1 and p.low(y) == "s")]  # "which rider(s)"
    asked = acol
    if len(tail) == 1 and p.n[tail[0]].kind == "col" and p.n[tail[0]].role in (None, "which"):
        asked = p.column_of(p.n[tail[0]])
        if asked == col:
            return
    elif len(tail) > 1 or tail and (p.n[tail[0]].kind != "word" or p.n[tail[0]].tags and
                                    "people" not in p.n[tail[0]].tags):
        return  # "as which other french rider": more than the rows' noun
    again = [y for y in range(x + 1, min(used)) if tail and p.n[y].kind == "word" and
             p.n[y].role is None and p.n[y].low == p.n[tail[0]].low]  # "X pylon ... which pylon"
    p.r.filters = [f for f in p.r.filters if f.at != x]
    if p.low(k) == "how many":
        p.r.count = True  # "as how many other riders": those rows counted
    same = SameC(col, [FilterC(acol, "=", value, at=x)], at=i,
                 asked=None if p.low(k) == "how many" else asked)
    p.r.same = same
    p.r.which_col = None
    read_row_words(p, i - (p.n[i].low == "same" and p.low(i - 1) == "the"), same, named=x)
    p.use(*used, *range(k, j), *tail, *again, *named, role="same")
    p.n[i].role = "same"
    col_nd.role = "same"
    p.n[x].role = "anchor"


def _said_column(p: "Parser", start: int, possessed: bool = False):
    """"the <column> was / is the same as <X>": the column named right before the copula;
    ``possessed``: "<numeric column> have / had the same number of <unit> as <X>"."""
    b = start - 1
    if possessed:
        nd = p.node(b - 1)
        if p.low(b) not in ("have", "has", "had") or nd is None or nd.kind != "col" or \
                nd.role is not None or len(set(nd.columns)) != 1 or \
                not p.s.col(p.column_of(nd)).numeric:
            return None
        return nd
    if p.low(b) not in ("was", "is", "were", "are"):
        # "was the <column> the same as <X>": the copula before the column
        nd = p.node(b)
        c = b - 1 - (p.low(b - 1) == "the")
        if nd is None or nd.kind != "col" or nd.role is not None or \
                p.low(c) not in ("was", "is", "were", "are") or len(set(nd.columns)) != 1:
            return None
        return nd
    nd = p.node(b - 1)
    if nd is None or nd.kind != "col" or len(set(nd.columns)) != 1:
        return None
    if nd.role == "which" and p.low(b - 2) == "whose" and p.r.which_col == p.column_of(nd):
        return nd  # "whose score": the person, by the score
    return nd if nd.role is None else None


def _pair_subject(p: "Parser", start: int):
    """"is / was the <column> of <A> the same as (the <column> of) <B>": (the column's node,
    A's index, the other words read), a yes/no opening with the copula."""
    b = start - 1
    front = p.node(b)
    if front is not None and front.kind == "col" and front.role is None and \
            p.node(b - 1) is not None and p.n[b - 1].kind == "val" and \
            p.n[b - 1].role in (None, "filter") and len(set(front.columns)) == 1:
        # "is the <A> <column> the same as the <B> <column>"
        c = b - 2 - (p.low(b - 2) == "the")
        if p.low(c) not in ("is", "was", "are", "were") or \
                p.next_content(0, {"so", "and", "then"}) != c:
            return None
        return front, b - 1, list(range(c, b - 1))
    the = p.low(b - 1) == "the"  # "in *the* <A> championship"
    val, link = p.node(b), p.low(b - 1 - the)
    if val is None or val.kind != "val" or val.role not in (None, "filter") or \
            link not in ("of", "for", "in", "at", "on"):
        return None
    nd = p.node(b - 2 - the)
    if nd is None or nd.kind != "col" or nd.role is not None or len(set(nd.columns)) != 1:
        return None
    c = b - 3 - the - (p.low(b - 3 - the) == "the")
    words = [x for x in range(c, b) if x != b - 2 - the]
    if p.low(c) not in ("is", "was", "are", "were") or \
            p.next_content(0, {"so", "and", "then"}) != c:
        return None
    return nd, b, words


def _kind_noun(p: "Parser", k: int, before: int) -> bool:
    """A plain noun right before the anchor value that the question already said before
    "same" ("which *track* ... as the *track* <X>")."""
    nd, val = p.node(k), p.node(k + 1)
    if nd is None or val is None or val.kind != "val" or nd.role is not None:
        return False
    if nd.kind == "col":  # "as the club <X>": the value's own column
        return set(nd.columns) <= {m.column for m in val.item.matches}
    return nd.kind == "word" and not nd.tags and nd.low.isalpha() and \
        any(stem(p.n[x].low) == stem(nd.low) for x in range(before))


def _year_anchor(p: "Parser", nd) -> tuple[str, list] | None:
    """"the same number of titles as (in) 2012": a year of the table's one year column."""
    if nd is None or nd.kind != "num" or nd.role not in (None, "filter") or \
            not isinstance(nd.value, (int, float)) or not 1000 <= nd.value <= 2100:
        return None
    years = [c for c in p.s.columns if p.s.col(c).year_like and p.s.col(c).numeric]
    if len(years) != 1:
        return None
    return years[0], [int(nd.value)]


def _numbered_anchor(p: "Parser", k: int) -> tuple[str, list] | None:
    """"as round 5", "as heat no. 3": a column of whole numbers named, then one of its
    numbers, each naming one row."""
    nd, num = p.node(k), p.node(k + 1)
    if nd is None or num is None or nd.kind != "col" or nd.role not in (None, "filter") or \
            num.kind != "num" or num.role not in (None, "filter") or \
            not isinstance(num.value, (int, float)) or not float(num.value).is_integer():
        return None
    cols = list(dict.fromkeys(m.column for m in nd.item.matches))
    if len(cols) != 1 or not names_row(p.s, cols[0], float(num.value)) or \
            not one_row_each(p.s, cols[0]):
        return None
    return cols[0], [int(num.value)]


def _subject(p: "Parser", start: int, col: str, other,
             shared=None) -> tuple[int, object, list[int]] | None:
    """"does X have the same ...": the yes/no's first row X, a value of the anchor's
    column right after the opening auxiliary, with only "have"/"has"/"had" before "same"."""
    first = p.next_content(0, {"so", "and", "then"})
    if p.low(first) not in ("does", "do", "did", "is", "was", "are", "were", "has", "have",
                            "had"):
        return None
    j = first + 1
    while p.node(j) is not None and p.n[j].low == "the":
        j += 1
    x = p.node(j)
    if x is None or x.kind != "val" or x.role not in (None, "filter"):
        return None
    between = [k for k in range(j + 1, start)]
    if any(p.n[k].low not in ("have", "has", "had", "the", "got", "get") and
           p.n[k] is not shared for k in between):  # "was X *launched* the same year as"
        return None
    vals = list(dict.fromkeys(m.value for m in x.item.matches if m.column == col))
    if len(vals) != 1 or vals[0] == other:
        return None
    return j, vals[0], [first, *range(first + 1, j), *(k for k in between
                                                        if p.n[k] is not shared)]


def same_plan(r: Reading, s: SchemaModel, nums: list[str], dims: list[str]) -> LookupPlan:
    """The lookup of the rows sharing the anchor row's value; refuses what it cannot carry."""
    c = r.same
    blocking = [name for name, on in (
        ("a grouping", r.groups), ("an aggregation", r.global_agg or any(
            m.aggs for m in r.measures)), ("a highest/lowest", r.superlative),
        ("a share", r.share), ("a top N", r.limit), ("a chart", r.chart.kind),
        ("a count", r.count), ("a change", r.change), ("the order of the rows", r.position),
        ("a comparison of two rows", r.contrast), ("an analysis", r.tool)) if on]
    steps, key = shared_key(s, c.column, c.grain)  # "the same year": of dates, their years
    if blocking == ["a count"] and not c.subject and len(c.anchor) == 1:
        return _count_plan(r, c, key, steps)  # "how many X have the same Y as Z"
    if blocking:
        raise Incomplete(f"That asks for the rows with the same {c.column!r} as another "
                         f"together with {blocking[0]}, which I cannot read together yet.",
                         s.names()[:12])
    anchor = [Filter(f.column, f.op, f.value) for f in c.anchor]
    filters = [f for f in filters_of(r) if all(
        not (f.column == a.column and f.value == a.value) for a in anchor)]
    if c.subject:
        # "does X have the same Y as Z": X's row among the rows sharing Z's Y, or none
        subject = [Filter(f.column, f.op, f.value) for f in c.subject]
        return LookupPlan(columns=[subject[0].column], filters=subject + filters,
                          logic="and", same=[key], like=anchor, limit=1, yes_no=True,
                          steps=steps)
    asked = [c.asked] if c.asked else _asked(r, s, nums, dims, c.column, anchor)
    if len(asked) == 1 and s.col(asked[0]).numeric and not s.col(anchor[0].column).numeric \
            and re.search(r"(#|\bno\.?|\bnumber)\s*$", asked[0].lower()):
        asked = [anchor[0].column]  # "which boat" over "Boat #" numbers: a name, like X's
    if not asked:
        raise Incomplete(f"Which column of the rows with the same {c.column!r} do you want? "
                         f"Columns: " + ", ".join(s.names()[:15]) + ".", s.names()[:12],
                         clarify=True)
    words = [nd.low for nd in r.nodes if nd.kind == "word"][:3]
    one = len(words) >= 2 and words[0] in ("name", "tell me", "give me", "give") and \
        words[1] in ("a", "an", "one")  # "name a ship that ...": any one of them
    return LookupPlan(columns=asked, filters=filters, logic=r.logic, same=[key],
                      like=anchor, limit=1 if one else 50, steps=steps)


def _count_plan(r: Reading, c: SameC, key: str, steps: list) -> Plan:
    """The other rows whose ``c.column`` equals that of the one anchor row, counted (the
    query checks the anchor is one row: ``query/row_values.py``)."""
    a = c.anchor[0]
    filters = [f for f in filters_of(r) if not (f.column == a.column and f.value == a.value)]
    same = Filter(key, "=", {"row": {"column": a.column, "value": a.value}})
    return Plan(measures=[Measure("count")], filters=[same, Filter(a.column, "!=", a.value),
                                                      *filters], logic="and", steps=steps)


def _asked(r: Reading, s: SchemaModel, nums, dims, shared: str,
           anchor: list[Filter]) -> list[str]:
    words = [nd.low for nd in r.nodes if nd.kind == "word"]
    who = any(w in ("who", "whom", "whose") for w in words)
    acol = anchor[0].column
    named = {c for nd in r.nodes if nd.kind == "col" and nd.role not in ("same",)
             for c in nd.columns}
    valued = {f.column for f in r.filters}
    # "what movie directed by X ...": a column a value of the question picks is not asked
    which = r.which_col if r.which_col not in valued else None
    if acol != shared and not s.col(acol).numeric and (who or acol in named or
                                                       which == acol or (
                                                           r.entity and which is None)):
        # "who else won the same year as X", "what director has the same date as X" (a
        # noun no column holds): another of the anchor's kind, like compared with like
        return [acol]
    if which is not None:
        return [which] if which != shared else []
    first = words[0] if words else ""
    if first not in _WH and not (len(words) > 1 and first in ("in", "on", "at") and
                                 words[1] in _WH):
        return []  # a yes/no or anything else: not this construction's answer
    free = [col for col in dict.fromkeys(dims + nums) if col != shared and col not in valued]
    if who:
        free = [col for col in free if not s.col(col).numeric]
    if len(free) == 1:
        return free
    if len(free) > 1:
        raise Incomplete("Which of these do you want for those rows: " + ", ".join(free) +
                         "?", free, clarify=True)
    label = s.label_column()
    if label is not None and label != shared and (who or r.which or r.entity):
        return [label]
    if not s.col(anchor[0].column).numeric and anchor[0].column != shared and (
            r.which or r.entity or "other" in words):
        return [anchor[0].column]  # "what other album ... as <album>": another album
    return []


__all__ = ["SameC", "read_same_as", "same_plan"]
