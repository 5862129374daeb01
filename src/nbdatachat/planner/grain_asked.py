"""A time unit asked for and ranked by how many rows it has: "which month held the most
fixtures", "what year had the fewest releases", "in which month were the most races held"
over a table with one column of full dates and no column of that unit (issue 12).

The reader tags "year" and "month" as a time grain; said right after "which" / "what" (and
not ranked itself, see ``grain_extreme.py``), with a superlative counting rows, nothing
groups the rows by that unit, and the count is refused as one total. Here the rows are
grouped by the year (or month) of the date column and the unit with the most (fewest) rows
is the answer.

Read only when all of this holds:

* the plan counts rows with no group, ranking, limit or share (what the superlative gave
  with nothing to rank);
* the grain word follows "which" / "what" and is singular ("which months" lists several);
* exactly one column holds full dates, and no column holds years (for "year") or is named
  for the unit (for "month"): those answer the question themselves;
* for "month", the dates span less than a year, so a month of the calendar ("April") is
  one bucket; over several years "which month" could mean either, and is asked back.
"""

from __future__ import annotations

from .constituents import Incomplete, Reading
from .grain_extreme import holds_grain
from .plan import AggregatePlan, Plan
from .plan_parts import TimeBucket
from .schema import SchemaModel

_GRAINS = ("year", "month")


def _asked_grain(r: Reading) -> str | None:
    """The grain word said right after "which" / "what" and left unread."""
    for i, nd in enumerate(r.nodes[1:], 1):
        if nd.kind == "word" and nd.tags.get("grain") in _GRAINS and nd.role is None and \
                r.nodes[i - 1].low in ("which", "what") and not nd.low.endswith("s"):
            return str(nd.tags["grain"])
    return None


def _date_column(s: SchemaModel) -> str | None:
    cols = [c for c in s.columns if s.col(c).kind in ("date", "datetime")]
    return cols[0] if len(cols) == 1 else None


def _span_days(s: SchemaModel, col: str) -> float | None:
    import pandas as pd

    p = s.col(col)
    try:
        return (pd.Timestamp(p.max) - pd.Timestamp(p.min)).days
    except (TypeError, ValueError):
        return None


def grain_asked(r: Reading, s: SchemaModel, plan: Plan) -> Plan:
    """``plan`` as the year (month) with the most or fewest rows when the question asks for
    that unit (module docstring); else ``plan`` unchanged."""
    if not (isinstance(plan, AggregatePlan) and r.superlative and not plan.keys and
            not plan.argmax and not plan.limit and not plan.share and not plan.unpivot and
            [m.agg for m in plan.measures] == ["count"] and plan.measures[0].column is None):
        return plan
    grain = _asked_grain(r)
    col = _date_column(s) if grain else None
    if grain is None or col is None or any(holds_grain(s, c, grain) for c in s.columns):
        return plan
    if grain == "month":
        days = _span_days(s, col)
        if days is None or days >= 365:
            raise Incomplete(f"{col!r} spans more than a year, so \"which month\" could mean a "
                             f"month of the calendar or a month of one year. Say which (e.g. "
                             f"\"by month of the year\").", s.names()[:12])
    m = plan.measures[0]
    lo = r.superlative == "lo"
    r.notes.append(f'"which {grain}": the rows grouped by the {grain} of {col!r}, the '
                   f"{grain} with the {'fewest' if lo else 'most'} rows.")
    return plan.copy(time_bucket=TimeBucket(col, grain), order_by=m.alias, descending=not lo,
                     argmax=True)


__all__ = ["grain_asked"]
