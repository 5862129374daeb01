"""What a benchmark question is: the words a person types, and what a right answer must show.

Every expectation is computed by pandas (or statsmodels/scipy/sklearn for tool questions) from
the dataset itself when the question set is built, never typed in, so the benchmark stays right
if a dataset package changes its numbers. The checker (:mod:`.checker`) decides whether an
``Answer`` satisfies an expectation; keeping the two apart lets the test suite feed synthetic
answers to the checker and prove it accepts right answers and rejects wrong ones.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

CAPABILITIES = (
    "aggregate", "group_by", "filter", "top_n", "argmax", "time_series", "share",
    "distribution", "correlation", "tool", "follow_up", "refusal", "clarification",
)

# How a key column's values are compared: text case-insensitively, numbers as floats, years
# quarters and months whatever their spelling (1970, "1970", Timestamp("1970-01-01"), "2000-Q1").
KEY_KINDS = ("text", "number", "year", "quarter", "month")


class Expect:
    """Base class of expectations; ``describe()`` is what the miss list prints."""

    def describe(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


@dataclass
class Number(Expect):
    """One number that must appear in the answer's table or text.

    ``values`` holds every acceptable form (a share as percent and as fraction, the p-value of
    Student's and of Welch's t-test, each textbook percentile definition); any one matches.
    ``pvalue`` lets a text such as "p < 0.001" count when the true p-value is below it.
    """

    values: tuple[float, ...]
    pvalue: bool = False

    def describe(self) -> str:
        shown = ", ".join(f"{v:.6g}" for v in self.values[:3])
        return f"number {shown}" if len(self.values) == 1 else f"one of {shown}"


@dataclass
class Grouped(Expect):
    """A value per group: the table needs key column(s) holding exactly these groups and a
    numeric column with the matching value for each.

    ``series`` is indexed by the group key (a MultiIndex for two keys). ``ordered`` (top/bottom
    N) also requires the rows in this order and no extra rows. ``scales`` lists the factors a
    column may differ by (a share may come as 35.2 or as 0.352).
    """

    series: pd.Series
    keys: tuple[str, ...] = ("text",)
    ordered: bool = False
    scales: tuple[float, ...] = (1.0,)

    def describe(self) -> str:
        items = list(self.series.items())
        head = ", ".join(f"{_key_str(k)}: {v:.5g}" for k, v in items[:4])
        more = f", ... ({len(items)} groups)" if len(items) > 4 else ""
        order = " in this order" if self.ordered else ""
        return f"groups{order} {{{head}{more}}}"


@dataclass
class Values(Expect):
    """A list of numbers (e.g. "the 5 biggest bills") that a table column must hold in order."""

    values: tuple[float, ...]

    def describe(self) -> str:
        return "values " + ", ".join(f"{v:.5g}" for v in self.values)


@dataclass
class RowSet(Expect):
    """The set of labels a listing must contain (e.g. the countries matching a filter)."""

    labels: frozenset[str]

    def describe(self) -> str:
        shown = sorted(self.labels)
        return "rows " + ", ".join(shown[:6]) + (" ..." if len(shown) > 6 else "")


@dataclass
class Label(Expect):
    """An arg-max answer: the label must be named in the answer's text, before any other
    group's label (a text listing every group in turn does not say which one wins)."""

    label: str
    others: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"label {self.label!r} in text"


@dataclass
class Distribution(Expect):
    """A distribution: a histogram/box chart of ``column``, or a binned table whose counts add
    up to the ``count`` non-missing values."""

    column: str
    count: int

    def describe(self) -> str:
        return f"histogram of {self.column} (n={self.count})"


@dataclass
class Tool(Expect):
    """A question routed to an analysis tool: one of ``names`` appears in the plan and the
    ``inner`` expectation (the key number, forecast rows, clusters) holds."""

    names: tuple[str, ...]
    inner: Expect

    def describe(self) -> str:
        return f"tool {'/'.join(self.names)} + {self.inner.describe()}"


@dataclass
class Forecast(Expect):
    """A forecast table with ``horizon`` rows whose values stay in a plausible band around the
    series (``low``..``high``, the observed range widened by its span)."""

    horizon: int
    low: float
    high: float

    def describe(self) -> str:
        return f"{self.horizon} forecast rows within [{self.low:.4g}, {self.high:.4g}]"


@dataclass
class Clusters(Expect):
    """A clustering: ``k`` clusters, as a k-row summary or as a label column with k values."""

    k: int

    def describe(self) -> str:
        return f"{self.k} clusters"


@dataclass
class ChartKind(Expect):
    """The answer's chart is of this kind: line, bar, scatter, pie, area, histogram."""

    kind: str

    def describe(self) -> str:
        return f"a {self.kind} chart"


@dataclass
class Refusal(Expect):
    """The question cannot be answered from the data: status cannot_answer or
    needs_clarification, never a made-up number."""

    def describe(self) -> str:
        return "cannot_answer / needs_clarification"


@dataclass
class Clarify(Expect):
    """Two or more columns fit equally: status needs_clarification naming each of them."""

    options: tuple[str, ...]

    def describe(self) -> str:
        return "needs_clarification naming " + " / ".join(self.options)


@dataclass
class AnyOf(Expect):
    """Several answers are equally right (a series "over time" by month, quarter or year)."""

    options: tuple[Expect, ...]

    def describe(self) -> str:
        return " OR ".join(o.describe() for o in self.options)


@dataclass
class Question:
    """One benchmark item. ``turns`` is the conversation; the expectation checks the last."""

    dataset: str
    capability: str
    turns: tuple[str, ...]
    expect: Expect
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return " -> ".join(self.turns)


def _key_str(key: object) -> str:
    if isinstance(key, tuple):
        return "/".join(_key_str(k) for k in key)
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


# Small constructors keep the question sets readable: one line per question.

def number(*values: float, pvalue: bool = False) -> Number:
    vals = tuple(float(v) for v in values)
    if not vals or not all(math.isfinite(v) for v in vals):
        raise ValueError(f"expected number must be finite, got {values}")
    return Number(vals, pvalue=pvalue)


def share(fraction: float) -> Number:
    """A share: accepted as a percentage (35.2) or as a fraction (0.352)."""
    return number(100.0 * fraction, fraction)


def grouped(series: pd.Series, *, keys: str | Sequence[str] = "text", ordered: bool = False,
            percent: bool = False) -> Grouped:
    keys = (keys,) if isinstance(keys, str) else tuple(keys)
    series = series.dropna()
    if percent:
        return Grouped(series * 100.0, keys, ordered, scales=(1.0, 0.01))
    return Grouped(series, keys, ordered)


def top(series: pd.Series, n: int, *, keys: str = "text", ascending: bool = False) -> Grouped:
    """The first ``n`` groups by value, ordered; refuses ties at the cut (the question would
    have two right answers)."""
    s = series.dropna().sort_values(ascending=ascending, kind="stable")
    if len(s) > n and s.iloc[n - 1] == s.iloc[n]:
        raise ValueError(f"tie at position {n}: {s.index[n - 1]!r} and {s.index[n]!r}")
    return Grouped(s.iloc[:n], (keys,), ordered=True)


def argmax(series: pd.Series, *, lowest: bool = False) -> Label:
    """The label of the highest (or lowest) value; refuses ties."""
    s = series.dropna().sort_values(ascending=lowest)
    if len(s) > 1 and s.iloc[0] == s.iloc[1]:
        raise ValueError(f"tie for first place: {s.index[0]!r} and {s.index[1]!r}")
    return Label(_key_str(s.index[0]), tuple(_key_str(k) for k in s.index[1:]))
