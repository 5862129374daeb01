"""Superlatives whose column is a place in a ranking, named or implied by the verb.

"Which year did the side finish worst?", "which rider placed best?" name no
column, but the verb (finish, place, rank) says the thing compared is a place, and a
table with exactly one column of places (numbers or places written as text: "1st", "T4")
has only one it can be. "Which year shows the best standing?" names the column, whose
cells may be places written as text; "what is the top standing" answers with that place
as written (the row holding the smallest place number). Either way the best / highest /
top place is the smallest number and the worst / lowest / bottom the largest. Words that
only say "more" or "less" ("ranked the most") are not read, and nor is a table with two or
more place columns: the "of what?" question stays.
"""

from __future__ import annotations

import re

from .choose_between import place_measure, ranked, ranked_columns, text_places
from ..data.text_values import BLANK_MARKERS
from .constituents import Incomplete, Reading
from .implied_count import rows_counted_most
from .lexicon import name_tokens
from .plan import Measure, Plan, RowsPlan
from .plan_parts import PLACE_PATTERN, Step
from .schema import SchemaModel

#: verbs whose superlative is a place ("finished the highest", "ranked the best")
_PLACE_VERBS = {"finish", "finished", "finishes", "finishing", "place", "placed", "places",
                "placing", "rank", "ranked", "ranks", "ranking"}
#: superlatives of a place that say "better" (the smallest number) / "worse" (the largest)
_BEST = {"highest", "top", "best"}
_WORST = {"lowest", "worst", "bottom"}
#: small words between the verb and the superlative ("finished in the top")
_BETWEEN = {"the", "in", "at"}
_PLACE = re.compile(PLACE_PATTERN)
_NUMBER = re.compile(r"\d+")
#: words of a column name saying a place is held within one of several levels (a 2nd place
#: in a lower division is no better than a 5th in a higher one)
_LEVELS = {"tier", "tiers", "division", "divisions", "league", "leagues", "level", "levels",
           "class", "classes", "conference", "group", "groups", "flight", "grade"}


def implied_place(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan`` ranking its one group by the place the question names or implies (see the
    module docstring); raises the "of what?" :class:`Incomplete` when there is none."""
    found = _place_column(r, s, plan)
    if found is not None and (_levels_apart(s, plan, found[0]) or
                              not _cells_read(s, found[0], found[1], bool(plan.filters))):
        found = None
    if found is None and (counted := rows_counted_most(r, s, plan)) is not None:
        return counted  # "relegated the most": the rows of each value counted
    if found is None:
        raise Incomplete(f'"{r.superlative_word}" of what? Name the column to compare, e.g. '
                         f'"{r.superlative_word} {(s.measures or s.names())[0]}".',
                         s.measures[:12] or s.names()[:12])
    col, best, said, key = found
    steps: list[Step] = []
    target = col
    if text_places(s, col):
        derive, _ = place_measure(s, col)
        target = derive[0].name
        steps = derive + [Step("drop_missing", columns=[target])]
    m = Measure("min" if best else "max", target)
    r.notes.append(f'read "{said}" as the {"smallest" if best else "largest"} {col} '
                   f"(1 is the top of a ranking)")
    if key is None:  # "what was her best finish": the place itself, as written
        r.superlative_column = target  # what the superlative ranks by
        return RowsPlan(columns=list(dict.fromkeys([col, target])), order_by=target,
                        descending=not best, limit=1,
                        filters=list(plan.filters), logic=plan.logic,
                        steps=list(plan.steps) + steps)
    return plan.copy(measures=[m], group_by=[key], steps=list(plan.steps) + steps,
                     order_by=m.alias, descending=not best, argmax=True)


def _place_column(r: Reading, s: SchemaModel,
                  plan: Plan) -> tuple[str, bool, str, str | None] | None:
    """(the place column, whether the best place is asked, the words read, the one column
    ranked by it, or None for the place itself) or None."""
    word = (r.superlative_word or "").lower()
    groups = list(getattr(plan, "group_by", None) or [])
    if word not in _BEST | _WORST or not groups or getattr(plan, "time_bucket", None) or \
            getattr(plan, "unpivot", None):
        return None
    nodes = r.nodes
    at = next((i for i, nd in enumerate(nodes) if nd.role == "superlative"), None)
    if at is None or [nd.role for nd in nodes].count("superlative") != 1:
        return None
    after = nodes[at + 1] if at + 1 < len(nodes) else None
    if after is not None and after.kind == "col" and after.role in (None, "column"):
        cols = list(after.columns)  # "the best position": the column named
        rest = [g for g in groups if g not in cols]
        if len(cols) == 1 and len(rest) <= 1 and ranked(s, cols[0]):
            return cols[0], word in _BEST, f"{word} {after.text}", (rest or [None])[0]
        return None
    if len(groups) != 1:
        return None
    key = groups[0]
    j = at - 1
    while j >= 0 and nodes[j].low in _BETWEEN:
        j -= 1
    if j < 0 or nodes[j].low not in _PLACE_VERBS:
        return None
    if after is not None and after.kind == "word" and not after.tags and after.low.isalpha():
        return None  # "ranked the highest <some noun>": a quantity, not the place
    cols = ranked_columns(s, key)
    if len(cols) != 1:
        return None  # no place column, or two: which one is meant?
    return cols[0], word in _BEST, " ".join(nd.text for nd in nodes[j:at + 1]), key


def _cells_read(s: SchemaModel, col: str, best: bool, filtered: bool) -> bool:
    """Whether every cell of a text column of places that could change the answer reads as
    a place: for the best place, no cell left unread whose number ("2q") is not larger than
    the best place read; for the worst, no cell unread at all but blanks ("DNF" may be the
    worst of all). Rows picked by a filter may not hold the best place of the table: an
    unread number must then be larger than every place read."""
    p = s.col(col)
    if p.numeric:
        return True
    values = [str(v).strip() for v in (p.values or [])]
    if len(values) < p.n_distinct:
        return False  # not every cell seen
    unread = [v for v in values if v and v not in BLANK_MARKERS and not _PLACE.match(v)]
    read = [int(_NUMBER.search(v).group()) for v in values if v and _PLACE.match(v) and
            _NUMBER.search(v)]
    if not read or unread and not best:
        return not unread and bool(read)
    # a cell beginning with a number ("12q") but unread cannot change the best place
    # when its number is larger than the best place read
    bar = max(read) if filtered else min(read)
    return all(int(n.group()) > bar for v in unread if (n := _NUMBER.search(v)))


def _levels_apart(s: SchemaModel, plan: Plan, col: str) -> bool:
    """Whether the rows compared hold their places in different levels (another column
    named tier, division, league ... with two or more values, not pinned to one)."""
    pinned = {f.column for f in plan.filters if f.op == "="}
    return any(c != col and c not in pinned and s.col(c).n_distinct > 1 and
               {tok.lower() for tok in name_tokens(c)} & _LEVELS for c in s.columns)


__all__ = ["implied_place"]
