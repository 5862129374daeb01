"""Plan kinds that answer about particular rows or values (issue 12): lookup, position
(table order), comparison, change, set, rank and percentile. Registered in the
:class:`~nbdatachat.planner.plan.Plan` union like the kinds of ``plan.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..operations.base import fmt_value, human, ordinal
from .plan import Plan, _by, register
from .plan_parts import Filter, Measure


@register
@dataclass(kw_only=True)
class LookupPlan(Plan):
    """Cells of particular rows: ``columns`` of the rows the filters select ("the titles of
    Ann Lee"), or of the row with the highest (``descending``) / lowest value of
    ``by`` ("who has the most titles"). ``limit`` caps the rows returned. ``one``: the
    question names a single row ("how many laps did <driver> complete"); when the filters
    match several, the answer asks which one instead of listing or combining them.
    ``same`` with ``like``: only the rows whose ``same`` columns equal those of the row(s)
    the ``like`` filters pick, those rows left out ("which album came out the same year as
    X"). ``yes_no``: the answer is whether any row is found ("does A have the same label
    as B")."""

    kind: Literal["lookup"] = "lookup"
    columns: list[str] = field(default_factory=list)
    by: str | None = None
    descending: bool = True
    limit: int = 10
    one: bool = False
    same: list[str] = field(default_factory=list)
    like: list[Filter] = field(default_factory=list)
    yes_no: bool = False  # answer "Yes" when a row is found, "No" when none is
    asked: int | None = None  # "which two clubs": answered only when that many names match

    def columns_used(self) -> list[str]:
        return list(dict.fromkeys(self.columns + ([self.by] if self.by else []) +
                                  self.same + [f.column for f in self.like] +
                                  super().columns_used()))

    def _what(self) -> str:
        cols = " and ".join(human(c) for c in self.columns)
        if self.same:
            like = " and ".join(f.describe() for f in self.like)
            if self.yes_no:
                return f"whether the row where {self.where()} has the same " \
                       f"{' and '.join(human(c) for c in self.same)} as the row where {like}"
            return f"{cols} of the other rows with the same " \
                   f"{' and '.join(human(c) for c in self.same)} as the row where {like}"
        if self.by:
            return f"{cols} of the row with the {'highest' if self.descending else 'lowest'} " \
                   f"{human(self.by)}"
        return f"{cols} of one row (the first)" if self.limit == 1 else cols


@register
@dataclass(kw_only=True)
class PositionPlan(Plan):
    """Table order. ``position`` is ``first``/``last``/``nth`` (``n``, 1-based) of the rows,
    ``next``/``previous`` (``n`` rows after/before the ``anchor`` row), or
    ``count_before``/``count_after`` (how many rows above/below it), or ``longest_run``
    (the most consecutive rows the ``anchor`` conditions hold for, as ``count``), or
    ``longest_run_value`` (the value of ``columns[0]`` the most consecutive rows hold, all
    tied values, with the ``run``; with ``n`` above 1, every value holding at least ``n``),
    both counted in consecutive whole numbers of ``run_by`` (a year) instead of rows when it
    is set, or ``in_order`` (does ``columns[0]`` never go down from a row to the next, and
    by how much it goes up: ``descents``, ``gaps``), or
    ``relative`` (does the ``anchor`` row come before the ``other`` row: ``labels[0]`` if
    so, else ``labels[1]``, e.g. "above"/"below"). Order is the table's own row order, or
    ``order_by`` (ascending unless ``descending``). ``asked``: how many values the question
    expects ("the only club that ..."): answered only when that many are found."""

    kind: Literal["position"] = "position"
    position: Literal["first", "last", "nth", "next", "previous", "count_before",
                      "count_after", "longest_run", "longest_run_value",
                      "relative", "in_order"] = "first"
    n: int = 1
    anchor: list[Filter] = field(default_factory=list)
    order_by: str | None = None
    descending: bool = False
    columns: list[str] = field(default_factory=list)
    other: list[Filter] = field(default_factory=list)
    labels: list[str] = field(default_factory=lambda: ["before", "after"])
    run_by: str | None = None
    asked: int | None = None

    def columns_used(self) -> list[str]:
        cols = self.columns + [f.column for f in self.anchor + self.other] + \
            ([self.order_by] if self.order_by else []) + ([self.run_by] if self.run_by else [])
        return list(dict.fromkeys(cols + super().columns_used()))

    def _what(self) -> str:
        cols = " and ".join(human(c) for c in self.columns) or "the row"
        order = (f"by {human(self.order_by)}{' descending' if self.descending else ''}"
                 if self.order_by else "in table order")
        anchor = " and ".join(f.describe() for f in self.anchor)
        p = self.position
        if p in ("first", "last"):
            return f"{cols} of the {p} row {order}"
        if p == "nth":
            return f"{cols} of the {ordinal(self.n)} row {order}"
        if p in ("next", "previous"):
            step = "" if self.n == 1 else f"{self.n} rows "
            return f"{cols} of the row {step}{'after' if p == 'next' else 'before'} the " \
                   f"row where {anchor} ({order})"
        if p == "relative":
            other = " and ".join(f.describe() for f in self.other)
            return f"whether the row where {anchor} comes {self.labels[0]} or " \
                   f"{self.labels[1]} the row where {other} ({order})"
        if p == "in_order":
            return f"whether {cols} runs in order down the table, without gaps"
        if self.run_by:
            order = f"counted in consecutive {human(self.run_by)} numbers"
        if p == "longest_run":
            return f"longest run of consecutive rows where {anchor} ({order})"
        if p == "longest_run_value":
            if self.n > 1:
                unit = f"{human(self.run_by)} numbers" if self.run_by else "rows"
                return f"{cols} holding at least {self.n} consecutive {unit} ({order})"
            return f"{cols} with the longest run of consecutive rows holding it ({order})"
        return f"number of rows {'before' if p == 'count_before' else 'after'} the row " \
               f"where {anchor} ({order})"


@register
@dataclass(kw_only=True)
class ComparisonPlan(Plan):
    """One ``measure`` for two ``items`` of ``column`` (or one item against ``threshold``).

    ``output``: ``values`` (both), ``difference`` (first - second: "how many more"),
    ``abs_difference`` (the gap between them, whichever is larger: "the difference between"),
    ``ratio`` (first / second), ``larger``/``smaller`` (which one), ``is_larger``/
    ``is_smaller`` (a yes/no: is the first larger?), ``at_least``/``at_most`` (a yes/no:
    is the item's value at least / at most ``threshold``?), ``which_way`` (one of the
    question's two ``words``: the first when the first item's value is larger, "was A
    higher or lower than B" -> "higher" / "lower"; with one item and a ``threshold``, the
    first word when the item's value is above the threshold: "was A's area above or below
    45"; with no ``column`` and no items, the measure over all the rows the filters select
    against ``threshold``: "are there more or less than 8 rows")."""

    kind: Literal["comparison"] = "comparison"
    measure: Measure = field(default_factory=lambda: Measure("count"))
    column: str = ""
    items: list[Any] = field(default_factory=list)
    output: Literal["values", "difference", "abs_difference", "ratio", "larger", "smaller",
                    "is_larger", "is_smaller", "at_least", "at_most",
                    "which_way"] = "values"
    threshold: float | None = None
    words: list[str] = field(default_factory=list)  # which_way: [if larger, if smaller]

    def columns_used(self) -> list[str]:
        cols = [c for c in (self.column, self.measure.column, self.measure.over) if c]
        return list(dict.fromkeys(cols + super().columns_used()))

    def _what(self) -> str:
        what = self.measure.describe()
        if self.output == "which_way" and self.threshold is not None and not self.items:
            return f"is the {what} {_than(self.words)}{fmt_value(self.threshold)}"
        items = [fmt_value(i) for i in self.items]
        a, b = (items + ["?", "?"])[:2]
        col = human(self.column)
        return {
            "values": f"{what} for {col} {a} and {b}",
            "difference": f"{what} for {col} {a} minus {b}",
            "abs_difference": f"difference in {what} between {col} {a} and {b}",
            "ratio": f"{what} for {col} {a} divided by {b}",
            "larger": f"which {col} of {a} and {b} has the higher {what}",
            "smaller": f"which {col} of {a} and {b} has the lower {what}",
            "is_larger": f"is the {what} for {col} {a} higher than for {b}",
            "is_smaller": f"is the {what} for {col} {a} lower than for {b}",
            "at_least": f"is the {what} for {col} {a} at least {fmt_value(self.threshold)}",
            "at_most": f"is the {what} for {col} {a} at most {fmt_value(self.threshold)}",
            "which_way": f"is the {what} for {col} {a} "
                         + (f"{' or '.join(self.words) or 'higher or lower'} than for {b}"
                            if self.threshold is None or len(self.items) != 1
                            else _than(self.words) + fmt_value(self.threshold)),
        }[self.output]


def _than(words: list[str]) -> str:
    """The comparison of a value against a threshold: "above or below ", "more or less than
    ", or a yes/no's "higher than " ("Yes" said of the larger side) / "lower than "."""
    if set(words) == {"Yes", "No"}:
        return "higher than " if words[0] == "Yes" else "lower than "
    way = " or ".join(words) or "higher or lower"
    return way + (" " if set(words) <= {"above", "below", "over", "under"} else " than ")


@register
@dataclass(kw_only=True)
class ChangePlan(Plan):
    """How ``measure`` changed along ``time`` from ``start`` to ``end`` (values of the
    column: years, dates, or a ``grain`` bucket such as a year of a date column); a missing
    ``start``/``end`` is the first/last point of the data ("since 2004").

    ``output``: ``difference`` (end - start), ``percent`` (change in %), ``ratio``
    (end / start), ``growth_rate`` (compound rate per time unit, in %). With ``group_by``,
    one change per group, ranked by ``descending`` when ``limit`` is set."""

    kind: Literal["change"] = "change"
    measure: Measure = field(default_factory=lambda: Measure("count"))
    time: str = ""
    grain: str = "raw"
    start: Any = None
    end: Any = None
    output: Literal["difference", "percent", "ratio", "growth_rate"] = "difference"
    group_by: list[str] = field(default_factory=list)
    descending: bool = True
    limit: int | None = None

    def columns_used(self) -> list[str]:
        cols = [self.time] + self.group_by + \
            [c for c in (self.measure.column, self.measure.over) if c]
        return list(dict.fromkeys(cols + super().columns_used()))

    def _what(self) -> str:
        word = {"difference": "change in", "percent": "percent change in", "ratio":
                "ratio of", "growth_rate": "growth rate per period of"}[self.output]
        span = f"from {fmt_value(self.start)} to {fmt_value(self.end)}"
        time = human(self.time) if self.grain == "raw" else f"{self.grain} of {human(self.time)}"
        text = f"{word} {self.measure.describe()} {span} ({time})" + _by(self.group_by)
        if self.limit:
            text = f"{'largest' if self.descending else 'smallest'} {self.limit}: {text}"
        return text


@register
@dataclass(kw_only=True)
class SetPlan(Plan):
    """Sets of values. ``op``: ``distinct`` (the distinct values of ``columns``, with how
    often each occurs), ``duplicates`` (values of ``columns`` occurring more than once, or
    from ``min_count`` to ``max_count`` times: "who won at least three times", "only
    once"), ``top_per_group`` (the ``n`` rows with the highest ``order_by`` within each of
    ``group_by``). ``count``: the answer is how many values there are ("how many ...")."""

    kind: Literal["set"] = "set"
    op: Literal["distinct", "duplicates", "top_per_group"] = "distinct"
    columns: list[str] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)
    order_by: str | None = None
    descending: bool = True
    n: int = 1
    min_count: int = 2
    max_count: int | None = None
    count: bool = False

    def columns_used(self) -> list[str]:
        cols = self.columns + self.group_by + ([self.order_by] if self.order_by else [])
        return list(dict.fromkeys(cols + super().columns_used()))

    def _what(self) -> str:
        cols = " and ".join(human(c) for c in self.columns)
        if self.op == "distinct":
            return f"distinct values of {cols}"
        if self.op == "duplicates":
            text = f"values of {cols} occurring {self.how_often()}"
            return f"number of {text}" if self.count else text
        word = "highest" if self.descending else "lowest"
        return f"the {self.n} rows with the {word} {human(self.order_by)} in each " \
               f"{' and '.join(human(g) for g in self.group_by)}"

    def how_often(self) -> str:
        """"more than once", "at least 3 times", "exactly twice", "from 2 to 4 times"."""
        lo, hi = self.min_count, self.max_count
        if hi is None:
            return "more than once" if lo == 2 else f"at least {_times(lo)}"
        if hi == lo:
            return f"exactly {_times(lo)}"
        return f"from {lo} to {_times(hi)}" if lo > 1 else f"at most {_times(hi)}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


@register
@dataclass(kw_only=True)
class RankPlan(Plan):
    """The rank of ``item`` of ``column`` among all its values by ``measure`` (1 = the
    highest when ``descending``), with how many there are."""

    kind: Literal["rank"] = "rank"
    measure: Measure = field(default_factory=lambda: Measure("count"))
    column: str = ""
    item: Any = None
    descending: bool = True

    def columns_used(self) -> list[str]:
        cols = [self.column] + [c for c in (self.measure.column, self.measure.over) if c]
        return list(dict.fromkeys(cols + super().columns_used()))

    def _what(self) -> str:
        order = "highest" if self.descending else "lowest"
        return f"rank of {human(self.column)} {fmt_value(self.item)} by " \
               f"{self.measure.describe()} ({order} first)"


@register
@dataclass(kw_only=True)
class PercentilePlan(Plan):
    """The percentile of ``value`` in ``column``: the percentage of the column's values at
    or below it."""

    kind: Literal["percentile"] = "percentile"
    column: str = ""
    value: float = 0.0

    def columns_used(self) -> list[str]:
        return list(dict.fromkeys([self.column] + super().columns_used()))

    def _what(self) -> str:
        return f"percentile of {fmt_value(self.value)} in {human(self.column)}"


__all__ = ["ChangePlan", "ComparisonPlan", "LookupPlan", "PercentilePlan", "PositionPlan",
           "RankPlan", "SetPlan"]
