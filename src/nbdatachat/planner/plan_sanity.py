"""Plans that answer another question than the one asked, refused before they run.

Five shapes were answered confidently and wrongly on tables the reader had never seen:

* a value after "than" read as the only row: "who ran a shorter time than X" ranked X's own
  row and answered X. "Than X" compares with X's row; when no rule read it so, it must not
  be an equality filter;
* a column that numbers the rows added up: "how many episodes were shown in June" over "Episode
  number" (48, 49, 50 ...) answered the sum of the numbers. A column of whole numbers, all
  different and running one after another (each row its own number), counts nothing;
* a number compared with the column that numbers the rows while the noun after it was read
  past: "how many weeks had more than 120 fans" compared the week numbers with 120;
* "between <value> and <value>" of a text column read as the rows holding either value;
* "what was her greatest number of titles in a season" answered the year: the question asks for
  the number (the greatest value), and a ranking that answers with its group gives the
  wrong kind of answer;
* "the best season" read as the largest year: a time column is ranked only by "latest",
  "earliest", "last", "first", or by its value said plainly ("the lowest built year");
  "best", "worst", "top" of a year say nothing about which year is meant;
* "which <noun>" with the noun read past, answered from a column of ranks or places ("which
  town has the fewest people" answering "10th"): a place names no thing;
* rows whose every shown column is one the question fixed to a value ("who rode <a horse>
  in 1973" showing the horse and the year): the answer only repeats the question.
"""

from __future__ import annotations

import re

from .constituents import Incomplete, Reading
from .lexicon import PLACE_HEADERS, name_tokens, stem
from .plan import AggregatePlan, Plan, RowsPlan
from .row_nouns import row_numbers
from .schema import SchemaModel, holds_years
from .team_asked import check_team_asked
from .two_measure_top import check_two_measure_top

#: "what was her greatest number of ...": the number is asked, not the group holding it
_EXTREME_NUMBER = re.compile(
    r"^\s*what(?:'s|\s+is|\s+was|\s+were|\s+are)?\s+(?:his|her|their|its|the)\s+"
    r"(?:greatest|highest|largest|biggest|most|lowest|least|smallest|fewest)\s+"
    r"(?:number|amount|total|count)\s+of\b", re.I)
#: "the total won between A and B": both together, not a span
_TOGETHER = re.compile(r"\b(?:total|combined|together|altogether|sum)\b", re.I)
#: header words of a column that numbers things
_NUMBERING = {"number", "no", "nr", "num", "id", "code"}


def check_plan_sanity(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """Raise :class:`Incomplete` for the shapes of the module docstring."""
    _than_value(r, s, plan)
    _unit_dropped(r, s)
    _span_as_either(r, s, plan)
    _numbering_added(s, plan)
    _only_the_question(plan, s)
    _quality_of_a_time(r, s, plan)
    _rank_as_name(r, s, plan)
    check_two_measure_top(r, s)  # "the highest number of A and B": ranked on A alone
    check_team_asked(r, s, plan)  # "which team ..." answered with a player's name
    if _EXTREME_NUMBER.match(r.question) and isinstance(plan, AggregatePlan) and \
            plan.argmax and plan.group_by:
        raise Incomplete("That asks for the greatest or least number itself, but this reading "
                         f"answers with the {plan.group_by[0]!r} holding it. Ask 'what was "
                         "the highest <column>'.", s.names()[:12])


def _than_value(r: Reading, s: SchemaModel, plan: Plan) -> None:
    said = {(f.column, str(f.value).lower()) for f in getattr(plan, "filters", []) or []
            if f.op == "="}
    for i, nd in enumerate(r.nodes[1:], start=1):
        if nd.kind != "val" or r.nodes[i - 1].low != "than" or not nd.columns:
            continue
        if any(c == col and v == nd.low for col, v in said for c in nd.columns[:1]) or \
                any(col == nd.columns[0] for col, _ in said):
            raise Incomplete(f'"than {nd.text}" compares with that row, but this reading takes '
                             f"it as the only row. Ask for the rows on one side of it, e.g. "
                             f"'which rows have a lower <column> than {nd.text}'.",
                             s.names()[:12])


def _span_as_either(r: Reading, s: SchemaModel, plan: Plan) -> None:
    """"between September 26 and October 24": two values of one column after "between" ask
    for the span between them, never for the rows holding either value (unless a total of
    both is asked: "the total won between A and B")."""
    if plan.kind in ("comparison", "change") or _TOGETHER.search(r.question):
        return  # "the difference between A and B": two items; "the total between A and B"
    n = r.nodes
    for i in range(len(n) - 3):
        a, b = n[i + 1], n[i + 3]
        if n[i].low != "between" or n[i + 2].low != "and" or a.kind != "val" or \
                b.kind != "val" or not a.columns or a.columns[:1] != b.columns[:1]:
            continue
        col = a.columns[0]
        if any(f.column == col and (f.op in ("in", "not in") or
                                    getattr(plan, "logic", "and") == "or")
               for f in getattr(plan, "filters", []) or []):
            raise Incomplete(f'"between {a.text} and {b.text.rstrip(",.?;")}" asks for the span between two '
                             f"values of {col!r}, which I cannot read over its cells; ask for "
                             f"each one, or for the rows after one and before the other.",
                             s.names()[:12])


def _unit_dropped(r: Reading, s: SchemaModel) -> None:
    """"how many weeks had more than 120 fans": the number compared with the column that
    numbers the rows while the noun after it, what it counts, was read past."""
    ignored = {w.lower() for w in r.ignored}
    for f in r.filters:
        at = getattr(f, "at", -1)
        if f.how != "compare" or not 0 <= at < len(r.nodes) - 1 or f.column not in s.columns:
            continue
        unit = r.nodes[at + 1]
        if unit.kind == "word" and unit.low in ignored and \
                (numbers_rows(s, f.column) or row_numbers(s, f.column)):
            raise Incomplete(f'"{r.nodes[at].text} {unit.text}" was compared with '
                             f"{f.column!r}, which numbers the rows; no column holds "
                             f'"{unit.text}". Name the column to compare.', s.names()[:12])


#: superlatives that say a quality, never a place in time
_QUALITY = {"best", "worst", "top"}


def _quality_of_a_time(r: Reading, s: SchemaModel, plan: Plan) -> None:
    if (r.superlative_word or "").lower() not in _QUALITY:
        return
    ranked = [m.column for m in plan.measures if m.agg in ("max", "min") or plan.argmax] \
        if isinstance(plan, AggregatePlan) else \
        [plan.order_by] if isinstance(plan, RowsPlan) and plan.limit == 1 else []
    for c in ranked:
        p = s.col(c) if c in s.columns else None
        if p is not None and (p.role == "time" or holds_years(p)):
            raise Incomplete(f'"{r.superlative_word}" ranks {c!r} by its own value, which '
                             f"says nothing of what makes one {r.superlative_word}. Say which "
                             f"column to rank by.", s.names()[:12])


def _rank_as_name(r: Reading, s: SchemaModel, plan: Plan) -> None:
    m = re.match(r"\s*(?:which|what)\s+(\w+)", r.question.lower())
    if m is None or m.group(1) not in {w.lower() for w in r.ignored}:
        return
    shown = plan.columns[:1] if isinstance(plan, RowsPlan) else \
        plan.group_by[:1] if isinstance(plan, AggregatePlan) else []
    if shown and {stem(t) for t in name_tokens(shown[0])} & PLACE_HEADERS and \
            _ranks(s, shown[0]):
        raise Incomplete(f'"which {m.group(1)}" would be answered with {shown[0]!r}, a place '
                         f"in a ranking, not a {m.group(1)}. Say which column names them.",
                         s.names()[:12])


def _ranks(s: SchemaModel, column: str) -> bool:
    """``column`` holds ranks (numbers, "3rd", "#4", "T2"), not the names of places."""
    p = s.col(column)
    vals = [str(v).strip() for v in (p.values or []) if v is not None]
    return p.numeric or bool(vals) and all(re.fullmatch(r"#?T?=?\d+(?:st|nd|rd|th)?\.?", v,
                                                        re.I) for v in vals)


def _only_the_question(plan: Plan, s: SchemaModel) -> None:
    if not isinstance(plan, RowsPlan) or not plan.columns or plan.order_by or plan.logic != "and":
        return
    fixed = {f.column for f in plan.filters if f.op == "=" and not isinstance(f.value, list)}
    if set(plan.columns) <= fixed:
        raise Incomplete("This reading would only show the values the question gives "
                         f"({', '.join(plan.columns)}); say which column holds the answer. "
                         f"Columns: {', '.join(s.names()[:15])}.", s.names()[:12])


def _numbering_added(s: SchemaModel, plan: Plan) -> None:
    if not isinstance(plan, AggregatePlan):
        return
    for m in plan.measures:
        if m.agg not in ("sum", "mean") or not m.column or m.column not in s.columns:
            continue
        if numbers_rows(s, m.column):
            raise Incomplete(f"{m.column!r} numbers the rows (each row its own number), so "
                             f"adding its numbers answers another question. Ask how many "
                             f"rows, e.g. 'how many rows ...'.", s.names()[:12])


def numbers_rows(s: SchemaModel, column: str) -> bool:
    """Whole numbers, all different, one after another, in a column named for numbering."""
    p = s.col(column)
    n = s.n_rows
    if p.kind != "integer" or n < 5 or p.min is None or p.max is None or p.n_null:
        return False
    if not {t.lower() for t in name_tokens(column)} & _NUMBERING and "#" not in column:
        return False
    return p.n_distinct == n and float(p.max) - float(p.min) + 1 <= n + max(1, n // 10)


__all__ = ["check_plan_sanity", "numbers_rows"]
