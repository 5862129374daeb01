"""Ranks read the right way up, and rankings of what cannot be ranked refused.

A position in a ranking is a number where smaller is better: "the highest position", "the
top ranked team", "the best place" is the smallest number (1st), "the lowest / worst
position" the largest. A superlative over a column of positions (its name says position,
rank, place, seed or standing, or it is just "Peak"; or the words after the superlative say
it is a rank: "the highest rank on the chart", "top placed", "highest on the <column>
chart") is read that way, and the reader says so. Words
that only say "more" or "less" of a rank ("the most positions", "the least highest
position", "the largest rank") are ambiguous there: the reader asks instead.

Also here: "the row with the highest <text column>" (an alphabetical order, not a
quantity) is refused.
"""

from __future__ import annotations

import re

from .constituents import Incomplete, Reading
from .lexicon import ORDINALS, name_tokens, stem
from .plan import AggregatePlan, Plan, RowsPlan
from .plan_parts import Measure
from .schema import SchemaModel

#: words of a column name that make its numbers positions in a ranking
_RANK_COLUMN = {"position", "pos", "rank", "ranking", "place", "placing", "seed", "seeding",
                "standing"}
#: words of a question that say the superlative is a rank ("the highest rank", "top placed")
_RANK_WORDS = {"position", "positions", "rank", "ranks", "ranked", "ranking", "rankings",
               "placed", "placing", "placings", "seed", "seeded", "seeding", "standing",
               "standings", "charted", "charting"}
_CHART = {"chart", "charts"}
_SKIP = {"the", "a", "an", "on", "in", "of", "its", "their", "his", "her", "ever"}
#: superlatives that say "better" of a rank: the smallest number
_BEST = {"highest", "top", "best", "higher", "better", "peak"}
#: superlatives that say "worse" of a rank: the largest number
_WORST = {"lowest", "worst", "bottom", "lower", "worse"}


def read_ranks(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """The plan with a superlative over a rank column turned the right way up (see the
    module docstring); raises :class:`Incomplete` when the superlative's direction over a
    rank is unclear, or when it would rank a column of text."""
    if not r.superlative:
        return plan
    ranked = ranked_column(plan)
    if ranked is None or ranked not in s.columns:
        return plan
    p = s.col(ranked)
    if isinstance(plan, RowsPlan) and not p.numeric and p.role != "time" and \
            p.kind not in ("date", "datetime"):
        raise Incomplete(f'"{r.superlative_word}" would rank {ranked!r}, a column of text, '
                         f"whose highest or lowest is only an alphabetical order. Name the "
                         f"column to compare. Columns: {', '.join(s.names()[:15])}.",
                         s.measures[:12] or s.names()[:12])
    if not p.numeric or r.sort in ("asc", "desc") or not _is_rank(r, s, ranked):
        return plan
    word = (r.superlative_word or "").lower()
    if word in _BEST:
        best = True
    elif word in _WORST:
        best = False
    else:
        raise Incomplete(f'{ranked!r} holds positions in a ranking (1 is the top), so '
                         f'"{r.superlative_word}" could mean the best position or the largest '
                         f'number. Say "the best position" or "the lowest position".',
                         ["best position", "lowest position"], clarify=True)
    r.notes.append(f'read "{r.superlative_word} {_noun(r, ranked)}" as the '
                   f"{'smallest' if best else 'largest'} {ranked} (1 is the top of a ranking)")
    return turned(plan, best)


def ranked_column(plan: Plan) -> str | None:
    if isinstance(plan, RowsPlan) and plan.order_by and plan.limit is not None and \
            plan.chart is None:
        return plan.order_by
    if isinstance(plan, AggregatePlan) and not plan.unpivot and len(plan.measures) == 1:
        m = plan.measures[0]
        if m.over is None and not m.percent and m.column is not None and (
                (plan.argmax and plan.order_by == m.alias) or
                (not plan.keys and m.agg in ("max", "min"))):
            return m.column
    return None


def _is_rank(r: Reading, s: SchemaModel, column: str) -> bool:
    p = s.col(column)
    if p.min is None or float(p.min) < 0:
        return False
    toks = {stem(t) for t in name_tokens(column)}
    if toks & set(ORDINALS) or any(re.fullmatch(r"\d+(?:st|nd|rd|th)", x) for x in toks):
        return False  # "Third place", "1st place": how many such finishes, not a position
    if toks & _RANK_COLUMN or toks == {"peak"}:
        return True
    if "pick" in {t.lower() for t in name_tokens(column)}:
        return True  # "Pick", "Overall pick": the order of a draft (not "Picks", a count)
    return _rank_word(r, column) is not None


def _rank_word(r: Reading, column: str) -> str | None:
    """The word after the superlative that makes it a rank: "the highest *rank*", "top
    *placed*", "the highest <column> *position*", "highest on the <column> *chart*". Another
    noun first ("the most *weeks* on the chart") is what the superlative measures."""
    nodes = r.nodes
    for i, nd in enumerate(nodes):
        if nd.low != (r.superlative_word or "").lower():
            continue
        for j in range(i + 1, min(i + 6, len(nodes))):
            nxt = nodes[j + 1].low if j + 1 < len(nodes) else ""
            if nodes[j].low in _RANK_WORDS:
                return nodes[j].low
            if column in nodes[j].columns:
                return nxt if nxt in _CHART | _RANK_WORDS else None
            if nodes[j].low not in _SKIP:
                return None
    return None


def _noun(r: Reading, column: str) -> str:
    return _rank_word(r, column) or column


def turned(plan: Plan, best: bool) -> Plan:
    if isinstance(plan, RowsPlan):
        return plan.copy(descending=not best)
    m = plan.measures[0]
    agg = "min" if best else "max"
    new = Measure(agg, m.column)
    if not plan.keys:
        return plan.copy(measures=[new])
    return plan.copy(measures=[new], order_by=new.alias, descending=not best)


__all__ = ["ranked_column", "read_ranks", "turned"]
