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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .constituents import Incomplete, Reading, constructs_beside, filters_of
from .how_long import kind_noun, named_doer
from .lexicon import name_tokens, stem
from .plan_kinds import LookupPlan
from .plan_parts import ELAPSED_PATTERN, SECONDS_PATTERN, YEAR_PATTERN, Expr, Step
from .schema import SchemaModel, holds_years

if TYPE_CHECKING:
    from .grammar import Parser

CLOCK = re.compile(ELAPSED_PATTERN)
YEAR = re.compile(YEAR_PATTERN)
_UNITS = {"years": "years", "year": "years", "days": "days", "months": "months",
          "weeks": "weeks"}
SECONDS = re.compile(SECONDS_PATTERN)
#: verbs of taking a time, and of doing what is timed ("finish the race", "swim the heat")
_TAKE = {"take", "took", "takes", "taking", "need", "needed"}
_DO = {"finish", "finished", "complete", "completed", "run", "ran", "swim", "swam", "ski",
       "skied", "walk", "walked", "ride", "rode", "cycle", "cycled", "skate", "skated",
       "row", "rowed", "drive", "drove", "cover", "covered", "race", "raced", "do", "done"}
#: jumps and throws, measured as marks ("how long was <row>'s jump", "how long did <row> throw")
MARK_WORDS = {"jump", "jumped", "jumps", "throw", "threw", "thrown", "throws", "leap", "leapt",
               "leaped", "vault", "vaulted", "hurl", "hurled", "putt", "put"}
MARK = re.compile(r"^\s*\d+(?:\.\d+)?\s*(?:m\b.*)?$")
#: what is finished ("the race", "the event")
_EVENTS = {"race", "event", "course", "distance", "heat", "final", "run", "stage", "leg"}
AUX = {"did", "does", "do", "is", "was", "were", "are", "has", "had", "have"}
_COPULA = {"is", "was", "are", "were"}
_GAP = {"the", "a", "an", "his", "her", "their", "its", "'s", "’s", "it", "to", "for",
        "him", "them", "in", "at", "of", "on", "all", "whole", "entire", "until"}
#: column-name words (stems) of a time and of a length
_TIME_NAMES = {"time", "duration", "running", "runtime", "elapsed"}
_LENGTH_NAMES = {"length", "long", "duration", "running", "runtime", "distance", "time"}
_TOTAL_NAMES = {"total", "overall", "final", "aggregate", "combined"}
#: names of columns that may hold times without saying so ("Notes", "Total", "Run 1")
_HOLDERS = {"note", "notes", "result", "mark", "performance", "best", "run", "split", "heat", "leg",
            "race"} | _TOTAL_NAMES


@dataclass
class LengthC:
    """The named row's own time or length: the cell of ``column`` (``elapsed``: a text
    column of elapsed times, checked cell by cell); ``problem`` said when planning."""

    column: str | None = None
    elapsed: bool = False
    op: str = "elapsed"  # how a text cell is read: "elapsed" (seconds) or "metres" (a mark)
    problem: str | None = None
    options: list[str] = field(default_factory=list)
    kind: str = "duration"  # planned by durations.duration_plan, which passes it here


def read_length(p: "Parser") -> None:
    """Find "how long did it take <row> to finish" / "how long is <row>" (module
    docstring)."""
    at = how_long(p)
    if at is None:
        return
    if _until_now(p, at):
        return
    used = [at, at + 1, *named_doer(p, at)]  # "did it take <a name no cell holds> to ..."
    timed = False
    marked = False  # a jump or a throw: its mark, not a time
    copula = False
    named: list[int] = []
    soft: list[int] = []  # "swim", "ski" grounded to a column: it names it only if a time
    row = False
    for i, nd in enumerate(p.n):
        if i in used:
            continue
        w = nd.low
        if nd.role == "filter":
            row = True  # a time filter ("the tour in 1984")
            continue
        if nd.role == "followup" and w == "this" and kind_noun(p, i + 1):
            used.append(i)  # "of this *song*": the table's own work, no earlier answer
            continue
        if nd.role is not None and not (w == "it" and nd.role == "followup"):
            return  # read by an earlier rule (a superlative, a difference ...)
        if nd.kind == "val":
            row = True  # the row named (read as a filter later)
            continue
        if w in ("last", "lasted") and all(x.kind == "sym" for x in p.n[i + 1:]):
            timed = True  # "how long did <row> last?"
            used.append(i)
            continue
        if w == "from" and p.node(i + 1) is not None and p.n[i + 1].kind == "val" and \
                not any(p.low(j) in ("to", "until", "till") for j in range(i, len(p.n))):
            used.append(i)  # "the song *from* <value>": no range, nothing ends it
            continue
        if nd.has("sup", "implied", "agg", "cmp", "ordinal", "position", "count"):
            return  # "how long is the longest ...", "... on average": not one row's cell
        if nd.kind == "col" and w in MARK_WORDS and all(
                m.how in ("partial", "fuzzy", "truncation") for m in nd.item.matches):
            marked = True  # "jump" that only matched part of "Jumper" is the verb
            used.append(i)
            continue
        if nd.kind == "col" and _names_value(p, i):
            used.append(i)  # "the <value> version": the column of the value beside it
            continue
        if nd.kind == "col" and w not in _TAKE | _DO | _EVENTS:
            named.append(i)  # "in run 2": that column (checked below)
            continue
        if nd.kind == "col":
            soft.append(i)
        if nd.kind in ("num", "date", "decade", "quote"):
            return
        if nd.kind not in ("word", "col"):
            continue
        if w in MARK_WORDS and nd.kind == "word":
            marked = True
        elif w in _TAKE or w in _DO:
            timed = True
        elif w in AUX and i == at + 2:
            copula = w in _COPULA
        elif w not in _EVENTS and w not in _GAP and w not in AUX and not kind_noun(p, i):
            continue  # not read here (but "the *song* <row>"): the coverage check says so
        used.append(i)
    if not row or not (timed or copula or marked):
        return
    d = _marks(p, named) if marked else _source(p, named, soft, timed)
    if d is None:
        return
    for i in named:
        if d.column in p.n[i].columns:
            used.append(i)
    for i in used:
        if p.n[i].low in ("it", "this"):
            p.r.pronoun = False
        p.n[i].role = "length"
    p.r.rowdiff = d


def how_long(p: "Parser") -> int | None:
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
    said = {c for c in mentioned if _stems(c) & (_TIME_NAMES if timed else _LENGTH_NAMES)}
    cands = [c for c in s.names() if c not in filtered and
             (elapsed_column(s, c, loose=c in mentioned) or c in said or
              (not timed and _length_number(s, c)))]
    if mentioned:
        hit = [c for c in cands if c in mentioned]
        if not hit or mentioned - set(hit):
            return None  # another column named: not this reading
        cands = hit
    if not cands:
        return None
    verb = [c for c in cands if any(c in p.n[i].columns for i in soft)]
    pick = verb if len(verb) == 1 else cands  # "take to row": the "Row time", not the total
    for words in (_TOTAL_NAMES, _TIME_NAMES if timed else _LENGTH_NAMES):
        if len(pick) > 1:
            pick = [c for c in pick if _stems(c) & words] or pick
    if len(pick) > 1:
        return LengthC(problem="Several columns could hold that time: " + ", ".join(
            repr(c) for c in pick) + ". Which one do you mean?", options=pick)
    c = pick[0]  # a column named for a length holding "20.6 km": its cell as it is
    return LengthC(column=c, elapsed=s.col(c).kind == "text" and
                   elapsed_column(s, c, loose=True))


def _marks(p: "Parser", named: list[int]) -> LengthC | None:
    """The one column of jump or throw marks ("61.40 m", "74.12 m (=SB)"; or numbers named
    "Result", "Mark", "Distance"), its cell given as it is."""
    s = p.s
    mentioned = {c for i in named for c in p.n[i].columns}
    cands = [c for c in s.names() if mark_column(s, c)]
    if mentioned - set(cands) or len(cands) != 1:
        return None
    return LengthC(column=cands[0], elapsed=s.col(cands[0]).kind == "text", op="metres")


def mark_column(s: SchemaModel, c: str) -> bool:
    """A column of measured marks: a number named for a result or a distance, or text
    mostly numbers of metres, at least half with the unit ("6.88 m (w)", "13.05")."""
    p = s.col(c)
    stems = _stems(c)
    if p.numeric:
        return p.role != "id" and bool(stems & {"result", "mark", "distance", "best",
                                                 "performance"})
    if p.kind != "text" or not stems & (_HOLDERS | {"distance", "best"}):
        return False
    vals = [v for v in shown_values(s, c) if re.search(r"\d", v)]
    marks = [v for v in vals if MARK.match(v)]
    units = [v for v in marks if re.match(r"^\s*[\d.]+\s*m\b", v)]
    return bool(vals) and len(marks) * 4 >= 3 * len(vals) and len(units) * 2 >= len(vals)


def _until_now(p: "Parser", at: int) -> bool:
    """"how long ago ...", "how long has it been since ...": counted to today, which the
    table does not give and the reader never assumes; said instead of a missing word."""
    words = [p.low(i) for i in range(at + 2, min(at + 6, len(p.n)))]
    if not (words[:1] == ["ago"] or ("been" in words and "since" in words)):
        return False
    p.use(*[i for i in range(at, min(at + 6, len(p.n))) if p.low(i) in (
        "how", "long", "ago", "has", "have", "it", "been", "since", "was", "were", "did")],
        role="length")
    p.r.pronoun = False
    p.r.problems.append("That counts the time up to today, and the table does not say "
                        "today's date (I never assume it). Ask for the year or date itself "
                        "instead, e.g. \"when was ...\".")
    return True


def opener(p: "Parser") -> tuple[list[int], str | None]:
    """"how long" (no unit said) or "how many years / days" opening the question."""
    first = p.next_content(0, {"so", "and", "then", "for"})  # "for how many years ..."
    if p.low(first) == "how" and p.low(first + 1) == "long":
        return [first, first + 1], None
    if p.low(first) == "how many" and p.low(first + 1) in _UNITS:
        return [first, first + 1], _UNITS[p.low(first + 1)]
    if p.low(first) == "how" and p.low(first + 1) == "many" and p.low(first + 2) in _UNITS:
        return [first, first + 1, first + 2], _UNITS[p.low(first + 2)]
    return [], None


def years_column_like(s: SchemaModel, c: str) -> bool:
    """A column of years: whole numbers in a calendar range, or text that is mostly years
    (the rest "present", "?" ... read as missing)."""
    p = s.col(c)
    if p.kind == "text":
        vals = shown_values(s, c)
        return bool(vals) and sum(bool(YEAR.match(v)) for v in vals) * 2 > len(vals)
    return holds_years(p)


def _names_value(p: "Parser", i: int) -> bool:
    """A column named right beside one of its values ("the Axwell remix *version*")."""
    cols = set(p.n[i].columns)
    return any(0 <= j < len(p.n) and p.n[j].kind == "val" and cols & set(p.n[j].columns)
               for j in (i - 1, i + 1))


def _stems(c: str) -> set[str]:
    return {stem(t) for t in name_tokens(c)}


def shown_values(s: SchemaModel, c: str) -> list[str]:
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
    vals = [v.strip() for v in shown_values(s, c)]
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


def length_plan(r: Reading, s: SchemaModel) -> LookupPlan:
    """The lookup of the named row's time or length cell."""
    d: LengthC = r.rowdiff
    if d.problem:
        raise Incomplete(d.problem, d.options, clarify=True)
    blocking = constructs_beside(r, "grouping", "aggregation", "superlative", "limit", "chart",
                                 "count", "change", "position", "contrast", "tool", "measure")
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
    name = f"{'seconds' if d.op == 'elapsed' else 'metres'} of {col}"
    while name in s.columns:
        name += " (derived)"
    return LookupPlan(columns=[col], filters=filters, logic=r.logic, one=True,
                      steps=[Step("derive", name, Expr.of(d.op, Expr.col(col))),
                             Step("drop_missing", columns=[name])])


__all__ = ["AUX", "CLOCK", "MARK", "MARK_WORDS", "SECONDS", "LengthC", "elapsed_column",
           "how_long", "length_plan", "mark_column", "opener", "read_length", "shown_values",
           "years_column_like"]
