"""How long one row lasted (issue 12): "how long did X serve", "how many years was X in
office", "how long did X live", "how long was X's term".

The question names a row (a value of a label column) and asks how long it lasted; the table
says when it started and ended in one of two ways:

* two columns paired by general language: a start word and its end word with the rest of
  the names equal ("Began service" / "Ended service", "Start date" / "End date", "From" /
  "Until", "Birth year" / "Death year" for a life) -> end minus start, when both hold years
  (whole numbers in a calendar range, or text that is years); when both hold dates: the
  days from one to the other ("how long", "how many days"), or the whole years completed
  ("how many years");
* one text column holding spans of years ("1990–1995", "1990-95") -> last year minus first
  year (``Expr`` ops ``span_first`` / ``span_last``, computed by the query like any step).

Two columns of years a row's events are named by ("between when <row> was composed and when
it was published") are read by :mod:`column_interval` into the same start and end.

The answer says the unit (years, days, whole years) and the columns used. It is refused when
the pairing or the column is ambiguous (several pairs / span columns, none named), when days
or months are asked of years, when no row is named, and when the row's end is missing or not
a year or a date ("present"): today's date is never assumed. A duration column the table
already has ("Tenure", "Duration") is left to the ordinary lookup: this reading steps aside
when one is named.

Ranked: "who served the longest", "which <column> had the shortest term" -> the row with the
highest / lowest of the same derived duration (rows with no end left out, said in the plan),
named by the label column or by the "which" column when each row has its own value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .column_interval import read_column_interval
from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .distance_cells import DistanceC, distance_plan, read_distance
from .duration_columns import TERM_PAIRS as _TERM_PAIRS, \
    column_pairs, dates as _dates, held_lengths, held_pairs as _held_pairs, \
    span_columns as _span_columns, span_share as _span_share, written_days as _written_days, \
    year_expr as _year_expr
from .lead_rank import read_lead_rank
from .length_compare import LengthFilterC, LengthRankC, compare_plan, read_length_filter, \
    read_length_rank
from .lengths import LengthC, length_plan, opener, read_length
from .how_long import among_rows, pair_verb
from .lexicon import stem
from .plan import Plan, RowsPlan
from .plan_kinds import LookupPlan
from .plan_parts import Expr, Step
from .row_gaps import GapC, gap_plan
from .table_spans import TableSpanC, span_plan
from .term_position import term_position_plan
from .term_threshold import TermFilterC, read_term_threshold, term_filter_plan
from .time_threshold import read_time_threshold
from .year_after import YearAfterC, year_after_plan
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

#: verbs and states of lasting (stems), and of living
_TERM_WORDS = {"serve", "served", "serving", "stay", "stayed", "remain", "remained", "last",
               "lasted", "play", "played", "coach", "coached", "hold", "held", "rule",
               "ruled", "reign", "reigned", "work", "worked", "lead", "led", "manage",
               "managed", "govern", "governed", "office", "power", "charge", "term",
               "tenure", "career", "service", "active", "run", "ran", "exist", "existed",
               "operate", "operated", "open"}
_LIFE_WORDS = {"live", "lived", "alive", "life", "lifetime", "lifespan"}
#: words read past inside the construction
_GAP = {"the", "a", "an", "his", "her", "their", "its", "'s", "’s", "in", "for", "of", "as",
        "at", "with", "on", "total", "altogether", "he", "she", "they", "it", "did", "was",
        "were", "is", "are", "has", "had", "have", "been", "does", "do", "period", "length"}
_AUX = {"did", "was", "were", "is", "are", "has", "had", "does", "do"}
_COPULA = {"was", "were", "is", "are"}



@dataclass
class DurationC:
    """How long the named row lasted: ``end`` - ``start`` (two columns) or the span of one
    column ``span``; ``problem``: the reading found, but not answerable (said when planned)."""

    start: str | None = None
    end: str | None = None
    span: str | None = None
    unit: str = "years"
    life: bool = False
    problem: str | None = None
    options: list[str] = field(default_factory=list)
    kind: str = "duration"
    rank: str | None = None  # "hi" / "lo": the row with the longest / shortest
    answer: str | None = None  # the column that names that row
    held: str | None = None  # a column of lengths the table holds ("Years served")


def read_duration(p: "Parser") -> None:
    """Find "how long did <row> <last>" (see the module docstring); else the row's own time
    or length ("how long did it take <row> to finish", :mod:`lengths`)."""
    _read_term(p)
    if p.r.rowdiff is None:
        read_term_threshold(p)  # "in service under a year": the span compared
    if p.r.rowdiff is None and (both := read_column_interval(p)) is not None:
        p.use(*both[2], role="duration")  # "between when X was composed and published"
        p.r.pronoun = p.r.pronoun and "it" not in {p.low(i) for i in both[2]}
        p.r.rowdiff = DurationC(start=both[0], end=both[1])
    if p.r.rowdiff is None:
        read_distance(p)  # "how long was the race at X (distance)": a distance cell
    if p.r.rowdiff is None:
        read_length(p)
    if p.r.rowdiff is None:
        read_length_filter(p)
    if p.r.rowdiff is None:
        read_time_threshold(p)  # "finished below 2:01": no word of length
    if p.r.rowdiff is None:
        read_length_rank(p)
    if p.r.rowdiff is None:
        read_lead_rank(p)  # "the most parishes" over "41 parishes"


def _read_term(p: "Parser") -> None:
    opener_at, unit = opener(p)
    if not opener_at:
        _read_longest(p)
        return
    k = opener_at[-1] + 1
    if p.low(k) not in _AUX or p.n[k].role is not None:
        return
    rest = range(k + 1, len(p.n))
    used = [*opener_at, k]
    kinds: set[str] = set()  # what the question says lasted: a life, a term
    named: list[int] = []
    row = False
    rows = {c for nd in p.n if nd.kind == "val" for c in nd.columns}
    noun = _first_last(p)  # "the first <noun>": the rows' noun (:mod:`term_position`)
    for i in rest:
        nd = p.n[i]
        if i == noun:
            continue
        if nd.role is not None:
            return  # read by an earlier rule (a time filter, a difference ...)
        w = nd.low
        if nd.kind == "val":
            row = True
            continue
        if nd.kind in ("word", "sym") and w in ("?", "."):
            continue
        if nd.kind not in ("word", "col"):
            return  # a number or a date: "how long after 1990", not this
        if nd.kind == "col" and set(nd.columns) <= rows and p.low(k) in _COPULA:
            kinds.add("term")  # "how long was X a warden": being one is a term
        if nd.kind == "col" and any(set(pr) == set(nd.columns) for pr in column_pairs(
                p.s, _TERM_PAIRS)):
            kinds.add("term")  # "X's time of service": the words a start and an end share
        lasted = _what_lasted(w, kinds)
        if not lasted and nd.kind == "word" and w not in _GAP and _office(p, i):
            used.append(i)  # "serve as *director*": the office held, the table's own
            continue
        if not lasted and nd.kind == "word" and w not in _GAP:
            continue  # not read here: the coverage check says so
        if nd.kind == "col" and not (lasted and _part_of_name(nd)):
            named.append(i)  # "how long was X's term": the Term column (checked below)
            continue
        used.append(i)  # "play" that only matched part of "Player" is the verb
    if not kinds and row and len(_held_pairs(p.s) + _span_columns(p.s)) == 1 and \
            (verb := pair_verb(p, k)):
        kinds, used = {"term"}, used + verb  # "how long did <row> <verb>": the pair says it
    if not (row or noun) or len(kinds) != 1:
        return  # a row named, or "the first <noun>" (:mod:`term_position`)
    used += [noun] if noun and not row else []
    own = [i for i in named if set(p.n[i].columns) <= rows]  # "was X *a coach*": X's column
    named = [i for i in named if i not in own]
    used += own
    life = kinds == {"life"}
    d = _source(p, named, life, unit)
    if d is None:
        return
    for i in named:
        if p.n[i].role is None and _names_source(p, i, d):
            used.append(i)
    p.use(*used, role="duration")
    p.r.rowdiff = d


def _read_longest(p: "Parser") -> None:
    """"who served the longest (term)", "which <noun> had the shortest tenure": the row with
    the longest / shortest duration, answered with the label column (or the one column named
    after "which"). Rows with no end are left out, and the plan says so."""
    first = p.next_content(0, {"so", "and", "then"})
    lead = among_rows(p, first)  # "of these riders, who ..."
    first = lead[-1] + 1 if lead else first
    if p.low(first) not in ("who", "which", "what"):
        return
    used = [*lead, first]
    asked: str | None = None
    rank = None
    kinds: set[str] = set()  # what the question says lasted: a life, a term
    named: list[int] = []
    for i in range(first + 1, len(p.n)):
        nd = p.n[i]
        w = nd.low
        if i == first + 1 and nd.role == "which" and p.r.which_col:
            asked = p.r.which_col  # "which <column> ...", read by the grammar
            continue
        if nd.role not in (None, "superlative") or nd.kind in ("val", "num", "date"):
            return  # a filter or another reading: not this simple form
        if nd.tags.get("implied", (None,))[0] == "length" and rank is None:
            rank = nd.tags["implied"][1]
            used.append(i)
            continue
        if i == first + 1 and p.low(first) != "who" and nd.kind in ("word", "col") and \
                stem(w) not in _TERM_WORDS:
            if nd.kind == "col":
                asked = p.column_of(nd, prefer="dimension")
            used.append(i)  # "which <noun>": the rows' noun, or the column named
            continue
        if nd.kind in ("word", "sym") and w in ("?", "."):
            continue
        lasted = _what_lasted(w, kinds)
        if not lasted and nd.kind == "word" and w not in _GAP:
            continue  # not read here: the coverage check says so
        if nd.kind == "col" and not (lasted and _part_of_name(nd)):
            named.append(i)  # ("term" that only matched part of "Term expires" is the word)
            continue
        if nd.kind not in ("word", "col"):
            return
        used.append(i)
    if rank is None or len(kinds) != 1:
        return
    life = kinds == {"life"}
    d = _source(p, named, life, None)
    if d is None:
        return
    d.rank = rank
    d.answer = asked or _names_column(p.s, {d.span, d.start, d.end})
    prof = p.s.col(d.answer) if d.answer else None
    if prof is not None and not d.problem and prof.n_distinct < p.s.n_rows:
        d.problem = (f"Several rows share a {d.answer!r}: the one row that lasted the "
                     f"{'longest' if rank == 'hi' else 'shortest'}, or the total per "
                     f"{d.answer!r}? Ask for one of them.")
    for i in named:
        if p.n[i].role is None and _names_source(p, i, d):
            used.append(i)
    for i in used:
        p.n[i].role = "duration"
    p.r.rowdiff = d


def _office(p: "Parser", i: int) -> bool:
    """A plain word right after "served as (the)" or "held (the)": the office or the thing
    held (one word, the last but a mark), which names no column or value of the table."""
    j = i - 1 - (p.low(i - 1) in ("the", "a", "an", "his", "her", "their", "its"))
    rest = [p.low(x) for x in range(i + 1, len(p.n))]
    held = p.low(j) in ("hold", "held", "holds") or \
        p.low(j) == "as" and stem(p.low(j - 1)) in _TERM_WORDS  # "hold *the belt*"
    return held and all(w in ("?", ".", "!") for w in rest)


def _part_of_name(nd) -> bool:
    """A word grounded only as a part of column names ("play" in "Player")."""
    return all(m.how in ("partial", "fuzzy", "truncation", "verb") for m in nd.item.matches)


def _names_column(s: SchemaModel, sources: set) -> str | None:
    """The label column, or in a small table the one text column with a value per row
    (besides the duration's own columns)."""
    label = s.label_column()
    if label is not None and label not in sources:
        return label
    own = [c for c in s.names() if s.col(c).kind == "text" and s.col(c).n_null == 0 and
           s.col(c).n_distinct == s.n_rows and c not in sources and not _span_share(s, c)]
    return own[0] if len(own) == 1 else None


def _names_source(p: "Parser", i: int, d: DurationC) -> bool:
    cols = set(p.n[i].columns)
    return bool(cols) and cols <= {c for c in (d.start, d.end, d.span) if c}


def _what_lasted(word: str, kinds: set[str]) -> bool:
    """Add to ``kinds`` what ``word`` says lasted ("lived": a life, "served": a term)."""
    for kind, words in (("life", _LIFE_WORDS), ("term", _TERM_WORDS)):
        if word in words or stem(word) in words:
            kinds.add(kind)
            return True
    return False


def _source(p: "Parser", named: list[int], life: bool, unit: str | None) -> DurationC | None:
    """The columns the duration comes from, or None when the table has none (the question
    is left to other readings); ambiguity becomes a ``problem`` said when planning."""
    s = p.s
    # both years, both dates, or one of each (an end column holding "present" stays text)
    pairs = _held_pairs(s, life)
    # a life only from a column named for one ("Lifetime"); a term never from such a column
    spans = _span_columns(s, life)
    mentioned = {c for i in named for c in p.n[i].columns}
    if mentioned:
        # a named column must be one of the sources ("in office" -> Took/Left office)
        pairs = [pr for pr in pairs if set(pr) & mentioned] or pairs
        spans = [c for c in spans if c in mentioned] or spans
        other = mentioned - {c for pr in pairs for c in pr} - set(spans)
        if other:
            return None  # "how long was X's <duration column>": the ordinary lookup
    held = [] if life or mentioned else held_lengths(s, unit)
    if len(held) == 1:  # the table says how long itself ("Years": 5 for "1901–1905")
        return DurationC(held=held[0], unit=unit or "years")
    found = [DurationC(start=a, end=b, life=life) for a, b in pairs] + \
        [DurationC(span=c, life=life) for c in spans]
    if not found:
        return None
    d = found[0] if len(found) == 1 else DurationC(life=life)
    dated = d.start is not None and _dates(s, d.start) and _dates(s, str(d.end))
    d.unit = unit or ("days" if dated and not life else "years")  # a life: its whole years
    if len(found) > 1:
        d.problem = ("Several columns could say how long that lasted: " +
                     "; ".join(_what(x) for x in found) + ". Which one do you mean?")
        d.options = [_what(x) for x in found]
    elif dated and d.unit not in ("days", "years"):
        d.problem = (f"{_what(d)} holds dates; I can count the days or the whole years "
                     f"between them, not {unit}.")
    elif life and not dated and d.start and any(_written_days(s, c) for c in (d.start, d.end)):
        d.problem = (f"{_what(d)} holds dates written as text; a life's whole years need "
                     f"the days, which I do not read from text, and counting the calendar "
                     f"years would overstate some ages by one.")
    elif not dated and unit not in (None, "years"):
        d.problem = (f"{_what(d)} holds years, so I can't count {unit} from it; ask how "
                     f"many years instead.")
    return d


def _what(d: DurationC) -> str:
    return f"{d.span!r} (a span of years)" if d.span else f"{d.start!r} to {d.end!r}"


def duration_plan(r: Reading, s: SchemaModel) -> Plan:
    """The lookup of one row's derived duration; refuses what it cannot carry."""
    if isinstance(r.rowdiff, LengthC):
        return length_plan(r, s)
    if isinstance(r.rowdiff, DistanceC):
        return distance_plan(r, s)
    if isinstance(r.rowdiff, (LengthFilterC, LengthRankC)):
        return compare_plan(r, s)
    if isinstance(r.rowdiff, GapC):
        return gap_plan(r, s)
    if isinstance(r.rowdiff, TableSpanC):
        return span_plan(r, s)
    if isinstance(r.rowdiff, YearAfterC):
        return year_after_plan(r, s)
    if isinstance(r.rowdiff, TermFilterC):
        return term_filter_plan(r, s)
    d: DurationC = r.rowdiff
    if d.problem:
        raise Incomplete(d.problem, d.options or s.names()[:12], clarify=bool(d.options))
    blocking = constructs_beside(r, "grouping", "aggregation",
                                 *(() if d.rank else ("superlative",)), "limit", "chart",
                                 "count", "change", *(("position",) if d.held else ()),
                                 "contrast", "tool", "measure")
    if blocking:
        raise Incomplete(f"That asks how long a row lasted together with {blocking[0]}, "
                         f"which I cannot read together yet.", s.names()[:12])
    filters = filters_of(r)
    if d.rank:
        return _longest_plan(r, s, d, filters)
    if r.position is not None and not d.held:  # "how long did the first <noun> serve"
        return term_position_plan(r, s, *_derived(s, d), _start(s, d))
    if not filters:
        raise Incomplete("How long did which row last? Name it, e.g. by a value of "
                         f"{(s.label_column() or s.names()[0])!r}.", s.names()[:12],
                         clarify=True)
    if d.held:  # the table's own column of lengths: the row's cell
        return LookupPlan(columns=[d.held], filters=filters, logic=r.logic, one=True)
    name, expr = _derived(s, d)
    return LookupPlan(columns=[name], filters=filters, logic=r.logic,
                      steps=[Step("derive", name, expr)], one=True)


def _longest_plan(r: Reading, s: SchemaModel, d: DurationC, filters: list) -> RowsPlan:
    if d.answer is None:
        raise Incomplete("Which column names the rows? The table has no column of names; "
                         "ask for a column, e.g. \"which <column> ...\".", s.names()[:12])
    if d.held and s.col(d.held).kind == "text":
        raise Incomplete(f"{d.held!r} is written as text (\"231+\", \"—\"), so I do not rank "
                         f"the rows by it.", s.names()[:12])
    if d.held:
        return RowsPlan(columns=[d.answer, d.held], filters=filters, logic=r.logic,
                        steps=[Step("drop_missing", columns=[d.held])], order_by=d.held,
                        descending=d.rank == "hi", limit=1)
    name, expr = _derived(s, d)
    return RowsPlan(columns=[d.answer, name], filters=filters, logic=r.logic,
                    steps=[Step("derive", name, expr), Step("drop_missing", columns=[name])],
                    order_by=name, descending=d.rank == "hi", limit=1)


def _first_last(p: "Parser") -> int | None:
    """"the first / last <noun>" and no value: the noun's index (the row is the one that
    began first / last), else None."""
    if any(nd.kind == "val" for nd in p.n):
        return None
    return next((i + 1 for i, nd in enumerate(p.n) if nd.tags.get("limit") in ("first", "last")
                 and p.node(i + 1) is not None and not p.n[i + 1].tags and
                 p.n[i + 1].role is None and (p.n[i + 1].kind == "word" or p.n[i + 1].kind ==
                 "col" and all(p.s.col(c).kind == "text" for c in p.n[i + 1].columns))), None)


def _start(s: SchemaModel, d: DurationC) -> Expr:
    return Expr.of("span_first", Expr.col(d.span)) if d.span else \
        _year_expr(s, str(d.start))


def _derived(s: SchemaModel, d: DurationC) -> tuple[str, Expr]:
    """The derived column's name (its unit and columns) and expression."""
    if d.span:
        expr = Expr.of("-", Expr.of("span_last", Expr.col(d.span)),
                       Expr.of("span_first", Expr.col(d.span)))
        name = f"length of {d.span} in years"
    elif _dates(s, str(d.start)) and _dates(s, str(d.end)):
        op = "days" if d.unit == "days" else "whole_years"
        expr = Expr.of(op, Expr.col(str(d.start)), Expr.col(str(d.end)))
        name = f"{'days' if op == 'days' else 'whole years'} from {d.start} to {d.end}"
    else:
        expr = Expr.of("-", _year_expr(s, str(d.end)), _year_expr(s, str(d.start)))
        name = f"years from {d.start} to {d.end}"
    while name in s.columns:
        name += " (derived)"
    return name, expr


__all__ = ["DurationC", "column_pairs", "duration_plan", "read_duration"]
