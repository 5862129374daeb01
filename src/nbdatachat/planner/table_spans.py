"""How many years the whole table spans (issue 12): "how long have they been performing", "how
long did she compete", "how long was his career", "how many years does this list span",
"how long is it from the first <row> to the last", "how long between the first and the
most recent <row>".

No row is named: the subject is the table's own (a pronoun, "the table", "the list", or a
name no cell holds: :func:`how_long.named_subject`) and the
answer is its last year minus its first (aggregation ``range``, said as the range of that
column) over the one column of years (whole numbers in a calendar range, or text cells that
are a year). Refused (never guessed): several columns of years with none named, a column of
dates (the span of days has no one unit), months or days asked of years, "how many years
did he play" (which may count his seasons: a person's span is read from "how long" only),
and any value, number or date in the question (a part of the table: "how long did they play
in the second division" counts seasons or spans them, which the words do not settle).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, constructs_beside
from .how_long import named_subject
from .lengths import opener, years_column_like
from .lexicon import stem
from .plan import AggregatePlan
from .plan_parts import Expr, Measure, Step
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

_AUX = {"did", "does", "do", "have", "has", "had", "was", "is", "were", "are"}
_PRONOUNS = {"they", "he", "she", "we"}
_TABLES = {"table", "list", "chart", "data"}
_POSSESSIVE = {"his", "her", "their"}
#: verbs and nouns of a career or of the table covering years (stems)
_ACTIVE = {"active", "play", "playing", "compet", "compete", "produc", "produce", "make",
           "making", "releas", "release", "record", "perform", "act", "acting", "appear",
           "career", "serv", "serve", "work", "exist", "operat", "cover", "span", "run",
           "last", "been", "go", "race", "racing", "recording", "performing", "working"}
#: words read past ("how long *in years* does *the* table cover")
_GAP = {"the", "a", "in", "for", "years", "year", "total", "altogether", "of", "this", "?",
        ".", ",", "listed", "shown", "given", "on", "it", "is", "was", "there"}
_FIRST = {"first", "earliest"}
_LAST = {"last", "latest", "final", "recent", "most"}


@dataclass
class TableSpanC:
    """The years from the table's first year to its last, in ``time``."""

    time: str | None
    problem: str | None = None
    options: list[str] | None = None
    kind: str = "duration"  # planned by durations.duration_plan, which passes it here


def read_table_span(p: "Parser") -> None:
    """Find "how long have they been performing" / "how long from the first to the last"."""
    head, unit = opener(p)
    if not head:
        return
    if any(nd.kind in ("val", "num", "date", "decade", "quote") for nd in p.n):
        return  # a part of the table, or a row: not the whole table's span
    k = head[-1] + 1
    while p.low(k) in ("in", "years", ","):
        k += 1  # "how long in years did ..."
    rest = list(range(k, len(p.n)))
    words = [p.low(i) for i in rest]
    if any(w in ("take", "took", "since", "until", "till", "ago", "before", "after")
           for w in words):
        return  # a row's own time, a time up to now or to an event: other readings
    if any(p.n[i].role is not None and p.n[i].role not in ("followup", "position",
                                                           "superlative") for i in rest):
        return
    subject = named_subject(p, rest, _ACTIVE) if unit is None else []
    if _first_to_last(words) or subject:
        pass  # "from the first to the last", "how long has <a name> been acting"
    elif words[:1] and words[0] in _AUX and len(words) > 1 and (
            (words[1] in _PRONOUNS or words[1] in _POSSESSIVE) and unit is None or
            words[1] in ("the", "this") and len(words) > 2 and words[2] in _TABLES):
        # "how many years did she race" may count his seasons (1990 and 1999: ten), so a
        # person's span is read only from "how long"; the table's cover from either
        if not any(stem(w) in _ACTIVE or w in _ACTIVE for w in words[2:]):
            return
    else:
        return
    named: list[int] = []
    used = [*head, *range(head[-1] + 1, k), *subject]
    for i in rest:
        nd = p.n[i]
        w = nd.low
        if nd.kind == "col":
            named.append(i)
        elif w in _AUX or w in _PRONOUNS or w in _POSSESSIVE or w in _TABLES or w in _GAP or \
                w in _FIRST or w in _LAST or w in ("between", "from", "to", "and", "date",
                                                   "period", "time", "span") or \
                stem(w) in _ACTIVE or w in _ACTIVE or (p.low(i + 1) == "career"):
            used.append(i)  # "his *acting* career": the kind of career said
        elif _rows_noun(p, i):
            used.append(i)  # "did they produce *singles*", "the first and last *albums*"
    t = _source(p, named, unit)
    if t is None:
        return
    for i in named:
        if t.time is None or t.time in p.n[i].columns or not _part_of_rows(p, i):
            used.append(i)  # the time column, or the rows' own noun ("the first *album*")
    for i in used:
        p.n[i].role = "duration"
    p.r.rowdiff = t


def _rows_noun(p: "Parser", i: int) -> bool:
    """A plain plural naming the rows: the object of the career's verb ("produce *singles*")
    or the noun after "first"/"last"/"most recent" ("most recent *albums* released")."""
    w = p.low(i)
    if p.n[i].kind != "word" or p.n[i].tags or not w.endswith("s") or w.endswith("ss") or \
            len(w) < 4:
        return False
    before = p.low(i - 1)
    return before in _FIRST or before in _LAST or stem(before) in _ACTIVE or before in _ACTIVE


def _first_to_last(words: list[str]) -> bool:
    """"from the first ... to the last ...", "between (the) first and (the) last/most
    recent ..."."""
    if not words or words[0] not in ("from", "between") and \
            not (words[0] in _AUX and "between" in words[:5] or "from" in words[:5]):
        return False
    firsts = [j for j, w in enumerate(words) if w in _FIRST]
    lasts = [j for j, w in enumerate(words) if w in ("last", "latest", "final") or
             w == "recent" and j and words[j - 1] == "most"]
    return len(firsts) == 1 and len(lasts) == 1 and firsts[0] < lasts[0] and \
        any(w in ("to", "and") for w in words[firsts[0]:lasts[0]])


def _part_of_rows(p: "Parser", i: int) -> bool:
    """A column named that is not text (a number: "how long did they score goals") is left
    to the other readings, which then refuse beside this one."""
    return any(p.s.col(c).kind != "text" for c in p.n[i].columns)


def _source(p: "Parser", named: list[int], unit: str | None) -> TableSpanC | None:
    s = p.s
    years = [c for c in s.names() if years_column_like(s, c)]
    dated = [c for c in s.names() if s.col(c).kind in ("date", "datetime")]
    mentioned = {c for i in named for c in p.n[i].columns}
    said = [c for c in years + dated if c in mentioned]
    cands = said or years or dated
    if not cands:
        return None
    t = TableSpanC(time=None)
    t.time, t.problem, t.options = choose_time(
        cands, dated, unit, dated_years=False,
        dated_problem="holds dates, and the time from the first to the last has no one "
                      "unit I can pick (days, months or years).")
    return t


def choose_time(cands: list[str], dated: list[str], unit: str | None, dated_years: bool,
                dated_problem: str) -> tuple[str | None, str | None, list[str] | None]:
    """(the time column, the problem, the options) from the candidate columns of years or
    dates: several are asked about; a column of dates is taken only for a count of years
    when ``dated_years``, else refused with ``dated_problem``; a column of years cannot
    give a count of days or months."""
    if len(cands) > 1:
        return None, ("Several columns could say when each row was: " +
                      ", ".join(repr(c) for c in cands) + ". Which one do you mean?"), cands
    c = cands[0]
    if c in dated:
        return (c, None, None) if dated_years and unit == "years" else \
            (None, f"{c!r} {dated_problem}", None)
    if unit not in (None, "years"):
        return None, f"{c!r} holds years, so I can't count {unit} from it.", None
    return c, None, None


def span_plan(r: Reading, s: SchemaModel) -> AggregatePlan:
    """The table's last year minus its first."""
    t: TableSpanC = r.rowdiff
    if t.problem:
        raise Incomplete(t.problem, t.options or s.names()[:12], clarify=bool(t.options))
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "limit",
                                 "chart", "count", "change", "contrast", "tool", "measure")
    if blocking:
        raise Incomplete(f"That asks how many years the table spans together with "
                         f"{blocking[0]}, which I cannot read together yet.", s.names()[:12])
    time = str(t.time)
    steps: list = []
    if s.col(time).kind == "text":
        name = f"year of {time}"
        while name in s.columns:
            name += " (derived)"
        steps = [Step("derive", name, Expr.of("year", Expr.col(time)))]
        time = name
    return AggregatePlan(measures=[Measure("range", time)], steps=steps)


__all__ = ["TableSpanC", "choose_time", "read_table_span", "span_plan"]
