"""Two named items compared on one measure (issue 12, capabilities 3 and 4).

Constructions read here, each with two values of one column (the items) and at most one
measure column (none: the items' rows are counted):

* a choice: "who won more gold, Brazil *or* China", "did A or B have the higher score",
  "which is larger, A or B" -> the item with the higher (lower) value;
* a yes/no: "did A win more gold *than* B", "is A's total higher than B's" -> Yes/No, with
  both numbers in the sentence;
* how many more: "*how many more* medals did A win than B", "how much lower was A than B"
  -> the first minus the second (the second minus the first for fewer/less/lower);
* a difference: "the *difference* in attendance *between* A *and* B" -> the gap.

The degree word (more, fewer, higher, larger ...) gives the direction; an attribute
comparative names its column too ("which is older, A or B" -> an age column). Words such as
"better" or "worse", whose direction depends on the measure, are never guessed: the
reading is left incomplete and the reader refuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .age_order import age_time_column
from .choose_between import (outcome_column, ranked, ranked_columns, rows_counted,
                             share_measure, text_heights, text_measure, text_steps, way_on,
                             year_named, years_counted)
from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .contrast_numbers import listed, number_pairs, one_row_each, take_back
from .contrast_times import is_time, seconds_measure, time_columns, written_times
from .degrees import JUDGEMENT, SIZE_WORDS, performance_verb, rank_modifies, rank_note
from .difference_of import (difference_lead, gap_readable, numbering_counted,
                            repeated_pair, time_lead, unit_unread)
from .lexicon import attribute_words, name_tokens, stem
from .plan_kinds import ComparisonPlan
from .plan_parts import Measure
from .schema import SchemaModel, header_twins
from .than_years import read_than_years
from .time_order import time_order
from .which_side import side_column

if TYPE_CHECKING:
    from .grammar import Parser

_AUX = {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can",
        "could", "will", "would"}
_THAN = {"than", "compared to", "compared with", "over", "versus", "vs"}
_GAP = {"the", "in", "for", "at", "on", "of", "from", "by", ",", "'s", "’s"}
_RANKS = {"rank", "ranking", "position", "pos", "place", "placing", "seed", "standing"}


@dataclass
class ContrastC:
    """Two items of ``column`` compared on ``measure`` (None: a count of their rows)."""

    column: str
    items: list[Any]
    output: str
    measure: str | None = None
    at: int = -1
    agg: str | None = None  # set when the comparison fixes it (the first date of each item)
    words: list[str] = field(default_factory=list)  # "higher or lower": [if larger, smaller]
    steps: list = field(default_factory=list)  # a time's year derived first (age_order.py)


def read_contrast(p: "Parser") -> None:
    """Find one comparison of two items (see the module docstring)."""
    vals = [i for i, nd in enumerate(p.n) if nd.kind == "val" and nd.role is None]
    for x, a in enumerate(vals):
        for b in vals[x + 1:]:
            col = _shared_column(p, a, b)
            if col is None:
                continue
            link = _link(p, a, b)
            if link is None:
                continue
            if _read(p, a, b, col, link):
                others = [p.n[k].text for k in vals if k not in (a, b) and
                          col in {m.column for m in p.n[k].item.matches}]
                if others:  # "A, B or C": comparing two of them would drop the third
                    p.r.contrast = None
                    p.r.problems.append(
                        f"That compares {len(others) + 2} values of {col} "
                        f"({', '.join([*others, p.n[a].text, p.n[b].text])}); I compare two "
                        f"at a time: ask about two of them.")
            return  # the first joined pair is the one compared, read or not
    _read_numbers(p)
    if p.r.contrast is None:  # "how many more in 1975 than 1963": two years read as times
        read_than_years(p, _read_numbers)


def _read_numbers(p: "Parser") -> None:
    for a, b, col, items, naming in number_pairs(p):  # "round 3 or round 5", "1931 or 1932"
        link = _link(p, a, b, set(naming))
        if link is not None:
            undo = take_back(p, b)
            if not _read(p, a, b, col, link, items, naming):
                undo()
            return


def _shared_column(p: "Parser", a: int, b: int) -> str | None:
    ca = list(dict.fromkeys(m.column for m in p.n[a].item.matches))
    cb = list(dict.fromkeys(m.column for m in p.n[b].item.matches))
    both = [c for c in ca if c in cb]
    if len(both) == 1:
        return both[0]
    named = [c for c in both if c in p.r.mentioned()]
    return named[0] if len(named) == 1 else None


def _link(p: "Parser", a: int, b: int, skip: set[int] = frozenset()) \
        -> tuple[str, list[int]] | None:
    """How the two items are joined: ("or" | "than" | "and", the nodes joining them);
    ``skip``: nodes between them that belong to the second item ("round 3 or *round* 5")."""
    before = {m.column for k in range(a) if p.n[k].kind == "col" for m in p.n[k].item.matches}
    # "the population of A than *the population* of B": the measure said again
    after = p.node(b + 1)  # "A's height and B's height": the measure said after each
    if after is not None and after.kind == "col":
        before |= {m.column for m in after.item.matches}
    skip = set(skip) | {k for k in range(a + 1, b) if p.n[k].kind == "col" and
                        p.n[k].role is None and
                        {m.column for m in p.n[k].item.matches} <= before}
    between = [k for k in range(a + 1, b) if k not in skip]
    words = [p.n[k].low for k in between if p.n[k].low not in _GAP and
             p.n[k].role != "date_part"]  # a day or year beside a compared date
    if words == ["or"]:
        return "or", between
    if words == ["and"]:
        return "and", between
    if len(words) >= 2 and " ".join(words[-2:]) in _THAN:
        words = words[:-2] + [" ".join(words[-2:])]  # "compared to" as two tokens
    if words and (words[-1] in _THAN or words[-1].endswith(" than")):
        # "A ... than B", "A higher than B" (the degree word and "than" are one phrase)
        return "than", [k for k in between if p.n[k].low in _THAN or p.n[k].low in _GAP]
    rep = repeated_pair(p, a, b)  # "the points earned by A and the points earned by B"
    return ("and", rep) if rep else None


def _one_value(p: "Parser", i: int, col: str) -> Any:
    vals = list(dict.fromkeys(m.value for m in p.n[i].item.matches if m.column == col))
    return vals[0] if len(vals) == 1 else None


def _degree(p: "Parser", skip: set[int]) -> tuple[int, str, str | None] | None:
    """The one degree word of the question: (index, "hi" | "lo", implied attribute)."""
    found = []
    for i, nd in enumerate(p.n):
        if i in skip or nd.role is not None or nd.kind != "word":
            continue
        if "degree" in nd.tags:
            found.append((i, nd.tags["degree"], None))
        elif "implied" in nd.tags:
            attr, direction = nd.tags["implied"]
            found.append((i, direction, attr))
        elif nd.low in JUDGEMENT:  # better / worse: the way the measure says (degrees.py)
            found.append((i, JUDGEMENT[nd.low], None))
        elif "cmp" in nd.tags and nd.tags["cmp"] in (">", "<") and nd.low.endswith(" than"):
            found.append((i, "hi" if nd.tags["cmp"] == ">" else "lo", _implied_of(nd.low)))
    return found[0] if len(found) == 1 else None


def _implied_of(phrase: str) -> str | None:
    from .lexicon import IMPLIED

    w = phrase.split()[0]
    return IMPLIED[w][0] if w in IMPLIED else None


def _read(p: "Parser", a: int, b: int, col: str, link: tuple[str, list[int]],
          items: list[Any] | None = None, naming: list[int] = ()) -> bool:
    r = p.r
    kind, joins = link
    first = p.next_content(0, {"so", "ok", "and", "then", "but"})
    opener = p.low(first)
    yes_no = opener in _AUX
    how_many = opener in ("how many", "how much") or (
        opener == "how" and p.low(first + 1) in ("many", "much"))
    difference = [i for i, nd in enumerate(p.n) if nd.role in (None, "change") and
                  nd.low in ("difference", "gap", "margin")]
    item_a, item_b = items if items else (_one_value(p, a, col), _one_value(p, b, col))
    words: list[str] = []
    if item_a is None or item_b is None or item_a == item_b:
        return False
    used = [a, b, *joins, *naming]
    lead = min(used) - 1
    if p.low(lead) == "during" and p.n[lead].role is None:  # "higher during round 3 or 5"
        used.append(lead)
    degree = _degree(p, set(used))
    if kind == "and":
        lead = difference_lead(p, difference, a, col) or time_lead(p, a) or []
        if not difference or p.low(a - 1) != "between" and not _between_before(p, a) and \
                not (lead and one_row_each(p.s, col)) and not repeated_pair(p, a, b):
            return False
        output = "abs_difference"
        used += difference + lead + [k for k in range(0, a) if p.n[k].low == "between"]
        if degree is not None:
            return False  # "the difference between the larger ...": not this construction
    elif kind == "or":
        when = time_order(p, col, set(used)) if degree is None else None
        if when is not None:  # "which came first, A or B": the earlier first date of the two
            k, direction, date_col = when
            r.contrast = ContrastC(col, [item_a, item_b],
                                   "smaller" if direction == "lo" else "larger", date_col,
                                   at=a, agg="min")
            p.use(*used, k, role="compare")
            p.n[a].role = p.n[b].role = "item"
            return True
        if degree is None:
            if not yes_no:
                return False
            # "did A or B have inside cylinders": the one of the two the other filters
            # hold for (their rows counted; checked for filters when the plan is built)
            output = "which_has"
        else:
            output = "larger" if degree[1] in ("hi", "good") else "smaller"
            used.append(degree[0])
    else:  # "than"
        if degree is None:
            return False
        used.append(degree[0])
        if how_many:
            output = "difference"
            if degree[1] == "lo":
                item_a, item_b = item_b, item_a  # "how many fewer ... A than B": B - A
        elif yes_no:
            output = "is_larger" if degree[1] in ("hi", "good") else "is_smaller"
            either = _either_way(p, degree)
            if either is not None:  # "was A higher or lower than B": the word that holds
                output, words = "which_way", either[1]
                used.append(either[0])
        else:
            return False
    named = outcome_column(p, col, degree[0]) if degree is not None and \
        output != "which_has" and p.node(degree[0] + 1) is not None and \
        p.node(degree[0] + 1).kind == "col" else None  # "more losses" grounded to Lost
    if named is False:
        return False
    measure = named or (None if output == "which_has" else _measure(
        p, col, degree[2] if degree else None, set(used)))
    aged = age_time_column(p, col, output) if measure is False and degree and \
        degree[2] == "age" else None
    if aged is not None:  # "which is older, A or B" with no ages: the earlier time
        r.contrast = ContrastC(col, [item_a, item_b], aged[2], aged[0], at=a, agg="min",
                               steps=aged[1])
        p.use(*used, role="compare")
        p.n[a].role = p.n[b].role = "item"
        return True
    if measure is False:
        p.r.problems.append(f"I could not tell which one number to compare {item_a} and "
                            f"{item_b} on.")
        return False
    if measure is None and degree is not None:
        measure = outcome_column(p, col, degree[0])  # "more losses": the Lost column
        if measure is False:
            return False
    if measure is None and degree is not None:
        # "more *matches*": the rows counted, named by a noun the data need not have
        k = degree[0] + 1
        nd = p.node(k)
        if nd is not None and nd.kind == "word" and nd.role is None and not nd.tags and \
                nd.low.endswith("s") and nd.low.isalpha():
            p.r.entity.append(nd.text)
            p.r.ignored.append(nd.text)
            used.append(k)
    if items and measure and not one_row_each(p.s, col):
        return False  # "1931 or 1932" where several rows share a year: which one's value?
    if items and not measure and output != "which_has" and not listed(p.s, col, items) and \
            not years_counted(p.s, col, items):
        return False  # rows counted for numbers the column may not hold
    if measure and text_measure(p.s, measure) and (not one_row_each(p.s, col) or output in (
            "difference", "abs_difference") and not gap_readable(p.s, measure)):
        return False  # two times of one item are not "A's time"; a gap in which unit?
    if output in ("difference", "abs_difference") and (
            numbering_counted(p, measure) if measure else unit_unread(p)):
        return False  # "the number of matches" over a column numbering them; "in tonnes"
    if degree is not None and degree[2] == "speed" and measure and is_time(p.s, measure):
        degree = (degree[0], "lo" if degree[1] == "hi" else "hi", None)  # faster: less time
        if output == "difference":  # "how much faster was A than B": B's time minus A's
            item_a, item_b = item_b, item_a
    if degree is not None and output != "which_has":
        oriented = _orient(p, col, measure, degree, output, used)
        if oriented is None:
            return False
        measure, output, flipped = oriented
        if flipped:
            words = words[::-1]  # "ranked higher or lower": higher is the smaller number
    elif measure and {stem(t) for t in name_tokens(measure)} & _RANKS and \
            output != "abs_difference":
        return False  # a rank with no degree word to orient it
    share_measure(p, degree[0] if degree else None, measure, col)  # "a bigger percentage"
    if how_many:
        used += [i for i, nd in enumerate(p.n) if nd.low in ("how many", "how much", "how",
                                                            "many", "much") and i < a]
    r.contrast = ContrastC(col, [item_a, item_b], output, measure if measure else None, at=a,
                           words=words)
    p.use(*used, role="compare")
    p.n[a].role = p.n[b].role = "item"
    return True


def _orient(p: "Parser", item_col: str, measure: str | None, degree, output: str,
            used: list[int]) -> tuple[str | None, str, bool] | None:
    """The measure and output once the degree word is read on the measure (degrees.py):
    "higher" on a rank is the smaller number, "better" the way the measure says; a verb of
    how the items did ("perform better", "finished higher") with no column named compares
    them on the table's one rank column. None when the direction is not clear."""
    at, direction, _ = degree
    word = p.n[at].low
    verb = performance_verb(p, at, set(used))
    if not measure and (direction in ("good", "bad") or verb is not None):
        ranks = ranked_columns(p.s, item_col)
        times = time_columns(p.s, item_col)
        if verb is None:
            return None  # "which was better, A or B": better at what?
        if direction in ("good", "bad") and len(ranks) == 1 and \
                p.s.col(ranks[0]).n_null and len(times) == 1:
            measure = times[0]  # "perform better" where the ranks have gaps: the time
        elif len(ranks) == 1:
            measure = ranks[0]
        else:
            return None
    if not measure:
        measure = _sized(p, item_col, word, at)
        if measure is False:
            return None  # "is A or B larger": larger in what, when no one column says size
        if not measure:
            return (None, output, False) if direction in ("hi", "lo") else None
    names = {stem(t) for t in name_tokens(measure)}
    if names & _RANKS and not ranked(p.s, measure) and not rank_modifies(p.s, measure):
        return None  # a rank of another shape (from 0, a rank inside another noun)
    way = way_on(p.s, measure, word, direction)
    if way is None:
        return None
    if way != direction and output == "difference":
        return None  # "how many places higher": not read yet
    if verb is not None:
        used.append(verb)
    if ranked(p.s, measure):
        p.r.notes.append(rank_note(measure, word, way))
    hi = way == "hi"
    output = {"larger": "larger" if hi else "smaller", "smaller": "larger" if hi else "smaller",
              "is_larger": "is_larger" if hi else "is_smaller",
              "is_smaller": "is_larger" if hi else "is_smaller"}.get(output, output)
    return measure, output, way != ("hi" if direction in ("hi", "good") else "lo")


def _either_way(p: "Parser", degree) -> tuple[int, list[str]] | None:
    """"higher *or lower*", "more *or less*": the phrase naming the other way, right after
    the degree word, and the two words [said of the larger, said of the smaller]."""
    at, direction, _ = degree
    nd = p.node(at + 1)
    if nd is None or nd.role is not None or nd.tags.get("cmp") not in (">=+", "<=+") or \
            not nd.low.startswith("or "):
        return None
    other = nd.low.split(" ", 1)[1]
    if (direction in ("hi", "good")) == (nd.tags["cmp"] == ">=+"):
        return None  # "more or higher": not two ways
    here = p.n[at].low
    return at + 1, [here, other] if direction in ("hi", "good") else [other, here]


def _sized(p: "Parser", item_col: str, word: str, at: int) -> str | None | bool:
    """"which is larger / higher, A or B" with no measure named: the measure the question's
    "which <column>" names ("which *score* is higher, A or B"), else the one column of
    sizes (larger, bigger, smaller) or heights (higher, lower); False when there is none or
    several; None for words that count rows (more, fewer; "the larger <item column>", a
    group with more rows)."""
    after = p.node(at + 1)
    if after is not None and after.kind == "col" and \
            item_col in {m.column for m in after.item.matches}:
        return None
    named = [p.column_of(nd, prefer="numeric") for nd in p.n
             if nd.kind == "col" and nd.role == "which"]
    named = [c for c in named if c != item_col]
    if len(named) == 1 and p.s.col(named[0]).numeric:
        return named[0]
    attribute = SIZE_WORDS.get(word)
    if attribute is None:
        return None
    words = attribute_words(attribute)
    hits = [c for c in p.s.columns if p.s.col(c).numeric and c != item_col and
            {stem(t) for t in name_tokens(c)} & words]
    return hits[0] if len(hits) == 1 else False


def _between_before(p: "Parser", a: int) -> bool:
    """"between A", "between the A", "between the height of A" (the measure said first)."""
    k = a - 1
    while k >= 0 and (p.n[k].low in _GAP or _free_measure(p, k)):
        k -= 1
    return k >= 0 and p.n[k].low == "between"


def _free_measure(p: "Parser", k: int) -> bool:
    nd = p.n[k]
    return nd.kind == "col" and nd.role is None and p.s.col(
        p.column_of(nd, prefer="numeric")).numeric


def _same_copy(s: SchemaModel, item_col: str, measure: str) -> bool:
    """A table printed in side-by-side blocks (Name, feet, Name.1, feet.1): an item found
    in one block's name column is measured by the same block's copy of the measure."""
    return bool(header_twins(s, item_col)) and \
        item_col[len(item_col.rstrip("0123456789.")):] == \
        measure[len(measure.rstrip("0123456789.")):]


def _measure(p: "Parser", item_col: str, implied: str | None, used: set[int]):
    """The measure column: the one free numeric column named, else the column an attribute
    comparative implies; None (count rows) when nothing is named; False when unclear."""
    s = p.s
    named: list[tuple[int, str]] = []
    for i, nd in enumerate(p.n):
        if i in used or nd.kind != "col" or nd.role is not None:
            continue
        c = p.column_of(nd, prefer="numeric")
        if c == item_col:
            continue
        if not s.col(c).numeric and not text_measure(s, c):
            if rows_counted(p, i, c):  # "more films": the rows, one film each
                continue
            return False  # "more votes" where votes are not numbers: nothing to compare
        named.append((i, c))
    cols = list(dict.fromkeys(c for _, c in named))
    if len(cols) > 1 or (cols and header_twins(s, cols[0]) and
                         not _same_copy(s, item_col, cols[0])):
        return False  # two measures, or "votes" over Votes, Votes.1, Votes.2: whose votes?
    if cols:
        for i, _ in named:
            p.n[i].role = "measure"
        return cols[0]
    year = year_named(p, item_col, used)  # "in 1990": a table with a column per year
    if year is not None:
        return year
    if implied is not None:
        words = attribute_words(implied)
        hits = [c for c in s.columns if c != item_col and (
            (s.col(c).numeric or text_heights(s, c)) and {stem(t) for t in name_tokens(c)} &
            words or implied == "length" and written_times(s, c))]
        if not hits and implied == "speed":  # "who was faster": the fewer seconds
            hits = time_columns(s, item_col)
        return hits[0] if len(hits) == 1 else False
    return None


def contrast_plan(r: Reading, s: SchemaModel, default_agg) -> ComparisonPlan:
    """The :class:`ComparisonPlan` of a reading with a contrast constituent;
    ``default_agg(r, s, column)`` is the reader's aggregation of a column named alone."""
    c = r.contrast
    blocking = constructs_beside(r, "grouping", "limit", "share", "chart", "distribution", "tool",
                                 "position")
    if blocking:
        raise Incomplete(f"That compares two items and asks for {blocking[0]} at once, which "
                         f"I cannot read together yet. Ask one of them.", s.names()[:12])
    output = c.output
    steps: list = []
    column = c.column
    if output == "which_has":
        column = side_column(r, s, c.column, list(c.items))  # "did A or B win": which side
        if not [f for f in filters_of(r) if f.column != c.column]:
            raise Incomplete(f"Which of {c.items[0]!r} and {c.items[1]!r} what? Say what to "
                             f"compare them on.", s.measures[:12])
        output = "larger"
        measure = Measure("count")
    elif c.measure is None:
        if r.measures and any(m.column for m in r.measures):
            raise Incomplete("I could not tell which number to compare the two on.",
                             s.measures[:12])
        p = s.col(c.column)
        if s.n_rows and p.n_distinct >= s.n_rows:
            raise Incomplete(f"Each {c.column} is one row, so counting their rows would say 1 "
                             f"and 1. Name the column to compare them on, e.g. "
                             f"'more {(s.measures or s.names())[0]}'.", s.measures[:12])
        measure = Measure("count")
    elif c.agg is not None:
        steps, measure = list(c.steps), Measure(c.agg, c.measure)
    elif written_times(s, c.measure, loose=True):  # "4:05" read as seconds
        steps, measure = seconds_measure(s, c.measure)
    elif text_steps(s, c.measure) is not None:  # "15th" read as 15, "12-4" as 0.75
        steps, measure = text_steps(s, c.measure)
    else:
        aggs = [a for m in r.measures if m.column == c.measure for a, _ in m.aggs]
        measure = Measure(aggs[0] if aggs else default_agg(r, s, c.measure), c.measure)
    filters = [f for f in filters_of(r) if f.column != c.column]
    return ComparisonPlan(measure=measure, column=column, items=list(c.items),
                          output=output, filters=filters, logic=r.logic, words=list(c.words),
                          steps=steps)


__all__ = ["ContrastC", "contrast_plan", "read_contrast"]
