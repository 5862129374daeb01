"""Runs of consecutive rows (issue 12, table order): "how many consecutive ...", "... in a
row", "the most consecutive ...".

The question's conditions (its values and comparisons: "Acme", "attendance above
20,000") pick rows; the answer is the length of the longest unbroken run of such rows in
the table's own order. Read only as a number asked for ("how many consecutive", "the most
consecutive", "the longest streak of"): "which club had two consecutive defeats" asks for
something else and is left unread (then refused). A run needs at least one condition; a
grouping, a ranking or an aggregation with it is refused by :func:`positions.position_plan`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .constituents import FilterC, Incomplete, Reading, filters_of
from .lexicon import HARMLESS_VERBS
from .plan import Filter
from .plan_kinds import PositionPlan
from .positions import PositionC
from .run_bound import bind_numbers
from .run_order import in_order_plan, read_in_order
from .run_streaks import read_streak
from .run_units import (bind_years, counted_in_a_noun, listed_column, other_side, own_side,
                        read_run_unit, read_run_years, took_place, unit_problem)
from .schema import SchemaModel

if TYPE_CHECKING:
    from .grammar import Parser

_RUN_WORDS = {"consecutive", "consecutively", "in a row", "straight", "successive"}
_MOST = {"most", "longest", "greatest", "largest", "highest", "biggest"}
_BETWEEN = {"the", "of", "number of", "number", "streak of", "run of", "streak", "run",
            "amount of", "amount"}


def read_runs(p: "Parser") -> None:
    """Find one run constituent (see the module docstring)."""
    words = [i for i, nd in enumerate(p.n) if nd.role in (None, "position") and
             nd.kind == "word" and nd.low in _RUN_WORDS]
    again = [k for k in words[1:] if p.n[k].low in ("in a row", "straight")]
    if len(words) == 2 and again:  # "for how many successive meetings in a row": said twice
        p.use(again[0], role="position")
        words = words[:1]
    if len(words) <= 1 and read_streak(p, outcome_filter):
        own_side(p, p.r.position.at)  # "how long was our best unbeaten streak"
        return
    if len(words) != 1:
        return
    i = words[0]
    if p.n[i].low == "consecutive" and read_in_order(p, i):
        return  # "is each year listed in consecutive order"
    if p.n[i].low in ("straight", "in a row") and not _after_a_noun(p, i):
        return
    used = [i]
    first = p.next_content(0, {"so", "and", "then", "in", "for", "during"})
    if p.low(i - 1) == "how many" and p.n[i - 1].role is None and p.n[i].low == "consecutive":
        first = i - 1  # "<a name> was the ground for how many consecutive fixtures"
    k = first
    opener: list[int] = []
    if p.low(k) in ("how many",):
        opener = [k]
    elif p.low(k) == "how" and p.low(k + 1) == "many":
        opener = [k, k + 1]
    elif p.low(k) in ("what", "what was", "what is") or p.low(k) == "number of":
        # "the most consecutive titles", "number of consecutive titles"
        j = k + 1
        while p.node(j) is not None and p.n[j].low in ("was", "is", "the", "were", "are",
                                                       "his", "her", "their", "its"):
            j += 1
        if p.low(k) == "number of":
            opener = [k]
        elif p.low(j) in _MOST:
            opener = list(range(k, j + 1))
        else:
            return
    else:
        return
    # between the opener and the run word: only "the most", "number of", "streak of"
    for j in range(opener[-1] + 1, i):
        nd = p.n[j]
        if nd.role is not None or nd.kind != "word" or (nd.low not in _BETWEEN and
                                                        nd.low not in _MOST):
            if p.n[i].low in ("straight", "in a row"):
                continue  # "how many matches did they take in a row": read by the rules after
            return
        used.append(j)
    p.r.position = PositionC("longest_run", i)
    p.use(*opener, *used, role="position")
    if p.n[i].low == "in a row":
        p.n[i].role = "position"
    if p.low(i + 1) in ("amount of", "number of") and p.n[i + 1].role is None:
        p.use(i + 1, role="position")  # "our best consecutive amount of fixtures"
        i += 1
    elif p.low(i + 1) in ("streak", "run") and p.low(i + 2) == "of" and \
            p.n[i + 1].role is None and p.n[i + 2].role is None:
        p.use(i + 1, i + 2, role="position")  # "our best successive streak of defeats"
        i += 2
    if not _outcome(p, i + 1):
        read_run_unit(p, i, outcome_filter)
    took_place(p, i)
    if not listed_column(p, i):  # "how many consecutive remarks are there": rows
        read_run_years(p, i)
    nxt = p.node(i + 1)
    if nxt is not None and nxt.low in _OUTCOME_LETTER and result_columns(p.s):
        own_side(p, i)  # "the squad's consecutive victories"


#: the first letter of a result cell for each kind of outcome ("W 24-17", "Won", "L")
_OUTCOME_LETTER = {"win": "w", "wins": "w", "victory": "w", "victories": "w",
                   "winning": "w", "losing": "l",
                   "loss": "l", "losses": "l", "defeat": "l", "defeats": "l",
                   "draw": "d", "draws": "d", "tie": "t", "ties": "t"}
_OUTCOME_TOKENS = {"w": "w", "win": "w", "won": "w", "winner": "w", "l": "l", "loss": "l",
                   "lost": "l", "runner": "l",
                   "lose": "l", "d": "d", "draw": "d", "drew": "d", "drawn": "d", "t": "t",
                   "tie": "t", "tied": "t"}


def _outcome(p: "Parser", k: int) -> bool:
    """"consecutive *wins*", "consecutive *winning* streak": the rows whose one result column
    starts with the outcome's letter, when every value of that column opens with an outcome
    word or letter. False when the word there is no outcome."""
    nd = p.node(k)
    if nd is None or nd.role is not None or nd.kind != "word" or \
            nd.low not in _OUTCOME_LETTER:
        return False
    if not outcome_filter(p, k, _OUTCOME_LETTER[nd.low]):
        return True  # no result column, or several: the noun stays unread and is refused
    nxt = p.node(k + 1)
    if nxt is not None and nxt.role is None and nxt.low in ("streak", "streaks", "run"):
        nxt.role = "position"  # "our best consecutive win streak so far"
    return True


def outcome_filter(p: "Parser", k: int, letter: str) -> bool:
    """Read node ``k`` as the rows whose one result column opens with ``letter``."""
    found = [c for c, firsts in result_columns(p.s).items() if letter in firsts]
    if len(found) != 1:
        return False
    p.r.filters.append(FilterC(found[0], "starts with", letter, at=k, how="value"))
    p.n[k].role = "filter"
    return True


def result_columns(s: SchemaModel) -> dict[str, set[str]]:
    """Text columns whose every value opens with an outcome word or letter ("W 24-17",
    "Won", "L"), each with the outcome letters it holds."""
    found = {}
    for c in s.columns:
        prof = s.col(c)
        vals = [str(v) for v in (prof.values or []) if v is not None and str(v).strip()]
        if prof.numeric or len(vals) < 2:
            continue
        firsts = {_OUTCOME_TOKENS.get(_first_word(v)) for v in vals
                  if _first_word(v) not in _NO_GAME}
        if None not in firsts and len(firsts) >= 2:
            found[c] = firsts
    return found


#: a row of a result column that is no game played: it neither makes nor breaks a streak
_NO_GAME = {"bye", "cancelled", "canceled", "postponed", "abandoned", "nc"}


def played_rows(s: SchemaModel, anchor: list[Filter]) -> list[Filter]:
    """For a run of an outcome ("consecutive wins"), the rows that are games at all: a bye,
    a cancelled game or an empty result between two wins does not break the streak."""
    results = result_columns(s)
    out: list[Filter] = []
    for f in anchor:
        if f.op not in ("starts with", "=", "in") or f.column not in results:
            continue
        out.append(Filter(f.column, "not null"))
        skip = [v for v in s.col(f.column).values or [] if isinstance(v, str) and
                _first_word(v) in _NO_GAME]
        if skip:
            out.append(Filter(f.column, "not in", skip))
    return out


def _first_word(value: str) -> str:
    word = ""
    for ch in value.strip().lower():
        if not ch.isalpha():
            break
        word += ch
    return word


_MARKS = "*†‡§#+^"


def _decorated(value: str, name: str) -> bool:
    """``value`` is ``name`` with only a parenthesised or bracketed note, or footnote marks,
    after it ("Hale (2)", "Ashford*", "Smith [a]")."""
    if not value.lower().startswith(name.lower()):
        return False
    rest = value[len(name):].strip()
    while rest:
        if rest[0] in _MARKS:
            rest = rest[1:].strip()
        elif rest[0] in "([" and (")" if rest[0] == "(" else "]") in rest:
            rest = rest[rest.index(")" if rest[0] == "(" else "]") + 1:].strip()
        else:
            return False
    return True


def _listed(value: str, name: str) -> bool:
    """``value`` lists ``name`` among others ("Ames and Bode", "Ames / Bode"): the name's row
    too, as a pair's win is each one's."""
    parts = re.split(r"\s+and\s+|\s*[&/,]\s*", value.strip())
    return len(parts) > 1 and any(_decorated(part, name) for part in parts)


def _verb_in_a_value(r: Reading, f) -> bool:
    """The filter's one word is a common verb matched only as a part of longer values."""
    nd = r.nodes[f.at] if 0 <= f.at < len(r.nodes) else None
    return nd is not None and nd.kind == "val" and " " not in nd.text and \
        nd.low in HARMLESS_VERBS and all(m.how == "part" for m in nd.item.matches)


def _holds_word(value: str, said: str) -> bool:
    """``said`` is in ``value`` as whole words: "hale" in "hale (2)" and in "old hale", but
    "7th" is not in "17th"."""
    return re.search(rf"(?<![\w]){re.escape(said)}(?![\w])", value) is not None


def _after_a_noun(p: "Parser", i: int) -> bool:
    """"three games *in a row*", "wins *straight*": the run word follows what repeats."""
    prev = p.node(i - 1)
    return prev is not None and prev.kind in ("word", "val", "col")




def run_plan(r: Reading, s: SchemaModel) -> PositionPlan:
    """The :class:`PositionPlan` of a run: the question's conditions as its ``anchor``."""
    if "in_order" in r.__dict__:
        return in_order_plan(r, s)
    blocking = [name for name, on in (
        ("a grouping", r.groups), ("an aggregation", r.global_agg or any(
            m.aggs for m in r.measures)), ("a highest/lowest", r.superlative),
        ("a share", r.share), ("a top N", r.limit), ("a chart", r.chart.kind),
        ("a count", r.count), ("a change", r.change), ("a distribution", r.distribution),
        ("a comparison of two rows", r.contrast), ("an analysis", r.tool),
        ("a column to report", any(m.column for m in r.measures))) if on]
    if blocking:
        raise Incomplete(f"That asks for a run of consecutive rows together with "
                         f"{blocking[0]}, which I cannot read together yet.", s.names()[:12])
    if r.logic != "and":
        raise Incomplete("A run of consecutive rows where one condition or another holds is "
                         "not read yet; ask for one condition.", s.names()[:12])
    bind_years(r, s)  # "in 1943" over a column of whole years no rule read
    bind_numbers(r, s)  # "was the rank #4": a number right after its column's word
    unread = [nd.text for nd in r.nodes if nd.role is None and (
        nd.kind in ("val", "col", "num", "date", "decade") or nd.has("month", "weekday"))]
    if unread:
        # "consecutive wins in October" where October picked no rows: the run would be
        # over every month
        raise Incomplete(f"I could not tell which rows {unread[0]!r} picks, so a run of "
                         f"consecutive rows would count rows it should not.", s.names()[:12])
    problem = unit_problem(r) or other_side(r, result_columns(s))
    if problem:
        raise Incomplete(problem, s.names()[:12])
    verbs = [f for f in r.filters if _verb_in_a_value(r, f)]
    if verbs and len(verbs) < len(r.filters):
        # "for how many successive seasons did we *play* in div 3": the verb, not a part of
        # "Play-ins - relegated"
        r.filters = [f for f in r.filters if f not in verbs]
        r.notes.append(f"read {r.nodes[verbs[0].at].text!r} as a verb, not as part of "
                       f"{verbs[0].value!r}")
    anchor = filters_of(r)
    if not anchor:
        raise Incomplete("Consecutive rows of what? Say which value or condition repeats, "
                         "e.g. 'how many consecutive rows have <column> above 10'.",
                         s.names()[:12], clarify=True)
    if not counted_in_a_noun(r) and all(
            s.col(f.column).role == "time" or s.col(f.column).kind in ("date", "datetime")
            for f in anchor):
        # "our best run of successive wins in 1987": the year picks the rows, but what repeats
        # (wins) is not a condition of the data; a run of every row of 1996 is no answer
        raise Incomplete("Consecutive rows of what? Only a time is given; say which value "
                         "or condition repeats.", s.names()[:12], clarify=True)
    for k, f in enumerate(anchor):
        if f.op != "=" or not isinstance(f.value, str):
            continue
        said = f.value.lower()
        also = [v for v in s.col(f.column).values or [] if isinstance(v, str) and
                v != f.value and _holds_word(v.lower(), said)]
        marked = [v for v in also if _decorated(v, f.value) or _listed(v, f.value)]
        if marked and len(marked) == len(also):
            # "Hale", "Hale (2)", "Kingsbridge*": one name with a count, a note or a
            # footnote mark beside it; all of them are that name's rows
            anchor[k] = Filter(f.column, "in", [f.value, *marked])
            continue
        if also:
            # "Hale" and "Hale (2)": the same one written two ways breaks no run in
            # fact, but would break it here
            raise Incomplete(f"{f.value!r} is also written as {also[0]!r} in {f.column!r}, "
                             f"so a run of rows equal to it could stop early. Say which "
                             f"values to count.", s.names()[:12])
    names = [f for f in anchor if f.op == "=" and s.col(f.column).n_distinct and
             s.col(f.column).n_distinct >= s.n_rows]
    if names and len(names) == len(anchor):
        # "how many consecutive meetings has Vela attended" where each row is one club: a
        # name of one row picks one row, so its run lies across the columns, not the rows
        raise Incomplete(f"Each row has its own {names[0].column!r}, so {names[0].value!r} "
                         f"picks one row and no run of rows; the run asked for may lie "
                         f"across the columns, which I cannot read yet.", s.names()[:12])
    return PositionPlan(position="longest_run", anchor=anchor, filters=played_rows(s, anchor),
                        run_by=r.__dict__.get("run_by"))


__all__ = ["read_runs", "run_plan"]
