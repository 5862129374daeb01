"""A time unit ranked by a superlative: "which was the *best year* for goals", "the *top
month* for sales", "the *worst day* for rainfall".

The reader tags "year", "month", "day" ... as a time grain, and when no column is bucketed
by it the word is left unread; the superlative then reads the column's own highest or lowest
value ("the maximum Goals is 30"), which drops the word that asks for the year. Here the
grain word said right after the superlative asks for the time of the row holding the extreme:

* the plan is the maximum or minimum of one numeric column, with no group, ranking, limit
  or share (the reading the superlative gave with nothing to rank);
* exactly one column other than the measured one holds that unit: for "year" a column of
  years (a time column of whole numbers, or a column named year / season), for another unit a
  column named after it ("Month" for "month"); columns of full dates are not cut down here;
* that column has one row per value, so "the best year" is the row's year (with several
  rows a year, the year's total and its best row are two readings: asked back).

Then the plan becomes "the <time column> with the highest (lowest) <measure>", over the
rows the filters select. When the grain word after the superlative is unread and these do
not hold, the question is refused rather than answered without the word.
"""

from __future__ import annotations

from .constituents import Incomplete, Reading
from .plan import AggregatePlan, Plan
from .plan_parts import Measure
from .schema import SchemaModel
from .lexicon import name_tokens, stem

#: column-name words that hold years (besides a time column of whole numbers)
_YEAR_NAMES = {"year", "yr", "season"}


def _unread_grain(r: Reading) -> str | None:
    """The grain ("year", "month" ...) said right after the superlative and left unread."""
    for i, nd in enumerate(r.nodes[:-1]):
        if nd.kind != "word" or "sup" not in nd.tags or nd.role != "superlative":
            continue
        nxt = r.nodes[i + 1]
        if nxt.kind == "word" and "grain" in nxt.tags and nxt.role is None and \
                not nxt.low.endswith("s"):  # "the most days": an amount of days, not a day
            return str(nxt.tags["grain"])
    return None


def holds_grain(s: SchemaModel, col: str, grain: str) -> bool:
    """Column ``col`` holds the unit ``grain`` itself (a column of years, a "Month")."""
    p = s.col(col)
    toks = {stem(t) for t in name_tokens(col)}
    if grain == "year":
        return (p.role == "time" and p.kind in ("integer", "number")) or bool(toks & _YEAR_NAMES)
    return grain in toks and p.kind not in ("date", "datetime")


def grain_extreme(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan`` as the time of the row with the extreme value when the question ranks a
    time unit ("the best year for X"; see the module docstring); refused when such a word
    would be dropped and cannot be read; else ``plan`` unchanged."""
    grain = _unread_grain(r)
    if grain is None:
        return plan
    word = r.superlative_word or "the superlative"
    if isinstance(plan, AggregatePlan) and not plan.keys and not plan.argmax and \
            not plan.limit and not plan.share and not plan.unpivot and \
            len(plan.measures) == 1 and plan.measures[0].agg in ("max", "min") and \
            plan.measures[0].column is not None and plan.measures[0].over is None:
        m = plan.measures[0]
        cols = [c for c in s.columns if c != m.column and holds_grain(s, c, grain)]
        if len(cols) == 1 and s.col(cols[0]).n_distinct == s.n_rows and \
                not s.col(cols[0]).n_null:
            r.notes.append(f'"{word} {grain}": the {cols[0]} of the row with the '
                           f"{'highest' if m.agg == 'max' else 'lowest'} {m.column}.")
            agg = Measure(m.agg, m.column)
            return plan.copy(measures=[agg], group_by=[cols[0]], order_by=agg.alias,
                             descending=m.agg == "max", argmax=True)
    raise Incomplete(f'"{word} {grain}" asks for the {grain} of the highest or lowest '
                     f"row, which this reading would not answer (it needs one column of "
                     f"{grain}s with one row each). Columns: {', '.join(s.names()[:15])}.",
                     s.names()[:12])


__all__ = ["grain_extreme", "holds_grain"]
