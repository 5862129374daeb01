"""The parts plans are made of: measures, filters, time buckets, tool calls, steps.

Plain dataclasses (cheap to build, JSON through ``dataclasses.asdict``); their operators and
aggregations are the keys of the registries in :mod:`nbdatachat.operations`, which also give
their wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ..operations.aggregations import AGGREGATIONS
from ..operations.base import human
from ..operations.filters import describe_filter

TIME_GRAINS = ("year", "quarter", "month", "week", "day", "hour")
CHART_KINDS = ("bar", "line", "scatter", "pie", "donut", "area", "histogram", "table", "box",
               "heatmap")


@dataclass
class Measure:
    """One aggregated output column: ``agg(column)``; ``column`` is None for ``count(*)``.

    ``over`` makes a per-row ratio first ("price per unit": ``column / over``, then the
    aggregation of the ratios: the mean of ratios); with ``totals`` it is the ratio of the
    aggregates instead (``sum(column) / sum(over)``: the ratio of totals). ``percent``
    multiplies by 100. ``agg`` is a key of :data:`~nbdatachat.operations.AGGREGATIONS`.
    """

    agg: str
    column: str | None = None
    q: float | None = None  # for agg == "quantile", in [0, 1]
    over: str | None = None
    percent: bool = False
    totals: bool = False

    @property
    def source(self) -> str | None:
        """The name of the value aggregated: the column, or ``tip_pct_of_total_bill``."""
        if self.over is None or self.column is None:
            return self.column
        if self.totals:
            return f"{self.column}_{'pct_of' if self.percent else 'to'}_{self.over}"
        return f"{self.column}_{'pct_of' if self.percent else 'per'}_{self.over}"

    @property
    def alias(self) -> str:
        """The output column's name: ``mean_tip``, ``p90_total_bill``, ``count``."""
        if self.agg == "count" and self.column is None:
            return "count"
        if self.agg == "quantile":
            return f"p{round((self.q if self.q is not None else 0.5) * 100, 2):g}_{self.source}"
        return f"{self.agg}_{self.source}"

    def describe(self) -> str:
        """``average tip``, ``90th percentile of total bill``, ``number of rows``."""
        col = human(self.column) if self.column else ""
        d = AGGREGATIONS.get(self.agg)
        if self.over is not None and self.column and self.totals and d is not None:
            a, b = d.describe(col, self.q), d.describe(human(self.over), self.q)
            return f"{a} {'as a percentage of' if self.percent else 'divided by'} {b}"
        if self.over is not None and self.column:
            col = f"{col} {'as a percentage of' if self.percent else 'per'} {human(self.over)}"
        if d is None:
            return f"{self.agg} {col}".strip()
        return d.describe(col, self.q)


@dataclass
class Filter:
    """``column op value``: ``op`` is a key of :data:`~nbdatachat.operations.FILTER_OPS`;
    ``between`` takes ``[low, high]`` (inclusive), ``in``/``not in`` a list,
    ``year``/``month``/``quarter`` a number or ``[first, last]``, ``date>=``/``date<`` an
    ISO date, ``is null``/``not null`` nothing; the comparisons may take
    ``{"agg": "mean" | "median"}`` to compare with the column's statistic over all rows, or
    ``{"row": {"column": c, "value": x}}`` to compare with the column's value in the one row
    where ``c`` is ``x`` ("more gold than X")."""

    column: str
    op: str
    value: Any = None

    def describe(self) -> str:
        return describe_filter(self.column, self.op, self.value)


@dataclass
class TimeBucket:
    """Group a time column into buckets of ``grain`` (``raw``: the column's own values, e.g.
    a year number)."""

    column: str
    grain: str = "month"

    @property
    def alias(self) -> str:
        return self.column if self.grain == "raw" else self.grain


@dataclass
class ToolCall:
    """A named analysis tool and its arguments, in the tool's own input fields (see
    ``nbdatachat.tool_schema(name)``; the data is the plan's filtered rows)."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Series:
    """The time series a forecast runs on: ``agg(target)`` per ``grain`` of ``time``."""

    time: str
    grain: str = "raw"
    agg: str = "sum"


@dataclass
class Encoding:
    """What a chart request said about the chart: the columns on ``x`` and ``y``, the one
    that colours the marks, the one that splits it into panels (``facet``), a histogram's
    bin width (``bin``) or number of bins (``bins``) and whether the colour groups of bars are stacked (``stacked``)."""

    x: str | None = None
    y: str | None = None
    color: str | None = None
    facet: str | None = None
    bin: float | None = None
    bins: int | None = None
    stacked: bool = False

    def columns(self) -> list[str]:
        return [c for c in (self.x, self.y, self.color, self.facet) if c]

    def describe(self) -> str:
        parts = []
        if self.color:
            parts.append(f"colored by {human(self.color)}")
        if self.facet:
            parts.append(f"one panel per {human(self.facet)}")
        if self.bin:
            parts.append(f"bins of {self.bin:g}")
        if self.bins:
            parts.append(f"{self.bins} bins")
        if self.stacked:
            parts.append("stacked")
        return ", ".join(parts)


#: the text-reading expression ops and the span of years they read (first year, a dash or
#: "to", last year written in full or by its last two digits)
SPAN_OPS = ("span_first", "span_last", "year")
#: a written date before its year ("March 28, ", "4 July ", "Sept. "), optional
DATE_HEAD = (r"(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Mm]ay|[Jj]un|"
              r"[Jj]ul|[Aa]ug|[Ss]ep|[Oo]ct|[Nn]ov|[Dd]ec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?")
SPAN_PATTERN = (r"^\s*" + DATE_HEAD + r"(\d{4})\s*(?:[–—−-]|to)\s*" + DATE_HEAD +
                r"(\d{4}|\d{2})\s*$")
#: a cell that is one year, alone or ending a written date ("1886", "July 1890", "May 3, 1952",
#: "14 October 1961"), or a date as text ("2001-01-21 00:00:00"): the year
#: a four-digit year (1500-2099) anywhere in a cell, not part of a longer number
YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
YEAR_PATTERN = (r"^\s*" + DATE_HEAD + r"(\d{4})"
                r"(?:-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?)?\s*$")
#: the ops over two date columns (start, end)
DATE_OPS = ("days", "whole_years")
#: the seconds of a written elapsed time: a clock ("4:05", "1:02:03.5") or a plain number of
#: seconds ("58.27"); anything else ("+24.3", "DNF", "12.37 (+0.3)") is missing
ELAPSED_OPS = ("elapsed", "metres", "place", "win_share", "amount", "inches", "margin", "lead",
               "score_sum")
ELAPSED_PATTERN = r"^\s*(?:(\d+):)?(\d+):(\d{2}(?:\.\d+)?)\s*$"
SECONDS_PATTERN = r"^\s*(\d+(?:\.\d+)?)\s*$"
#: a measured mark in metres: "61.40 m", "74.12 m (=SB)", "13.05" ("metres"; else missing)
METRES_PATTERN = r"^\s*(\d+(?:\.\d+)?)\s*(?:m\b.*)?$"
#: a place in a standing written as text: "1st", "15th", "T4", "=2", "7" ("place"; else missing)
PLACE_PATTERN = r"^\s*[Tt=]?(\d{1,3})(?:st|nd|rd|th|ST|ND|RD|TH)?\.?\s*$"
#: a record of wins and losses: "69-69", "12–4" ("win_share": wins / (wins + losses); else
#: missing, a record with ties "10-5-1" included)
RECORD_PATTERN = r"^\s*(\d{1,4})\s*[-–]\s*(\d{1,4})\s*$"
#: the first score of a result cell: "W 27–24", "3–1 (a.e.t.)" ("margin": the two numbers'
#: absolute difference; a cell with none, "canceled", is missing)
SCORE_PAIR_PATTERN = r"^\D*?(\d{1,3})\s*[-–—]\s*(\d{1,3})(?:\D|$)"
#: an amount written as text: "$11 million", "£0.67m", "10,000", "8²" (a footnote mark);
#: "amount": the number times its scale word (``AMOUNT_SCALES``), else missing ("N/A", "?")
AMOUNT_PATTERN = (r"(?i)^\s*[$€£¥]?\s*(\d[\d,]*(?:\.\d+)?)\s*"
                  r"(million|billion|thousand|mn|bn|m|k)?\.?\s*[²³¹*†‡]*\s*$")
#: the number a text cell opens with, alone or a unit after it: "3,465 ft", "1,090 feet (332 m)",
#: "30,000" ("lead": the number without its commas; a cell opening otherwise is missing)
LEAD_PATTERN = "^[\\s\u00a0]*(\\d[\\d,]*(?:\\.\\d+)?)[\\s\u00a0]*(?:[^\\d\\s\u00a0:,.]|$)"
#: a height in feet and inches: "6'2", "5' 11\"", "6-4" ("inches": feet * 12 + inches)
HEIGHT_PATTERN = r"^\s*(\d)\s*(?:'|’|′|ft\.?|-)\s*(\d{1,2})\s*(?:\"|''|”|″|in\.?)?\s*$"
#: marks read from a text cell ("outcome": 1 a win "W 24-17", -1 a loss, 0 a draw; "away":
#: 1 "at X" / "@ X", 0 a bare name, missing a neutral "vs. X"), each pattern over the lowered
#: cell; no pattern matched: missing (``query/cell_marks.py``)
_SP = "[ \u00a0]"  # spaces as both engines read them (no-break space included)
MARK_OPS = {"outcome": [(1, f"^{_SP}*(?:w|win|won|winner|winners|victory)(?:[^a-z]|$)"),
                        (-1, f"^{_SP}*(?:l|loss|lost|lose|defeat|runner)(?:[^a-z]|$)"),
                        (0, f"^{_SP}*(?:d|draw|drawn|drew|t|tie|tied)(?:[^a-z]|$)")],
            "away": [(1, f"^{_SP}*(?:at{_SP}|@)"), (None, f"^{_SP}*(?:vs[.]?|v[.]?|n){_SP}"),
                     (0, "[^ \u00a0]")]}


def mark_of(op: str, value: object) -> int | None:
    """The ``MARK_OPS`` code of one cell, as the SQL and the pandas code give it."""
    text = None if value is None else str(value).lower()
    return next((code for code, p in MARK_OPS[op] if text is not None and re.search(p, text)),
                None)


AMOUNT_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
                 "billion": 1e9, "bn": 1e9}


@dataclass
class Expr:
    """A typed expression over columns (never text to evaluate).

    ``op`` is ``"col"`` (``column``), ``"num"`` (``value``), one of ``+ - * /`` over two
    ``args``, or ``"abs"``/``"neg"`` over one. Division by zero gives a missing value.
    ``"span_first"`` / ``"span_last"`` read the first / last year of a text column of spans
    of years ("1990–1995", "1990-95" -> 1990 / 1995), ``"year"`` a text cell that is one year
    ("1990"); a cell that is no such span or year ("present", "b. 1962") gives a missing
    value. ``"days"`` / ``"whole_years"`` over two date columns: the days, or the whole years
    completed, from the first date to the second. ``"elapsed"``: the seconds of a text cell
    that is an elapsed time, ``"metres"`` the metres of a measured mark, ``"place"`` the
    number of a place written as text ("15th", "T4"), ``"win_share"`` the wins over the
    games of a record ("12-4": 0.75), ``"amount"`` an amount written as text ("$11 million"),
    ``"inches"`` a height in feet and inches ("6'2": 74), ``"lead"`` the number a cell opens
    with before its unit ("3,465 ft": 3465) (``ELAPSED_OPS``), missing when it is none. ``"outcome"`` / ``"away"``: the mark of a result or of a game's place a text cell
    opens with (``MARK_OPS``).
    """

    op: Literal["col", "num", "+", "-", "*", "/", "abs", "neg", "span_first", "span_last",
                "year", "days", "whole_years", "elapsed", "metres", "place", "win_share", "amount",
                "inches", "outcome", "away", "margin", "lead", "score_sum"]
    column: str | None = None
    value: float | None = None
    args: list["Expr"] = field(default_factory=list)

    @classmethod
    def col(cls, name: str) -> "Expr":
        return cls("col", column=name)

    @classmethod
    def num(cls, value: float) -> "Expr":
        return cls("num", value=value)

    @classmethod
    def of(cls, op: str, *args: "Expr") -> "Expr":
        return cls(op, args=list(args))  # type: ignore[arg-type]

    def columns(self) -> list[str]:
        if self.op == "col":
            return [str(self.column)]
        return [c for a in self.args for c in a.columns()]

    def non_numeric_columns(self) -> list[str]:
        """The columns read as text (spans) or dates (``DATE_OPS``), not as numbers."""
        if self.op in SPAN_OPS or self.op in DATE_OPS or self.op in ELAPSED_OPS or \
                self.op in MARK_OPS:
            return self.columns()
        return [c for a in self.args for c in a.non_numeric_columns()]

    def describe(self) -> str:
        if self.op == "col":
            return human(self.column)
        if self.op == "num":
            v = self.value
            return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        if self.op in DATE_OPS and len(self.args) == 2:
            what = "days" if self.op == "days" else "whole years"
            return f"{self.args[1].describe()} - {self.args[0].describe()} (in {what})"
        if self.op in ELAPSED_OPS:
            unit = {"elapsed": "seconds", "metres": "metres", "place": "place number",
                    "win_share": "share of wins", "inches": "inches",
                    "margin": "margin of the score", "lead": "number",
                    "score_sum": "sum of the score"}.get(self.op, "amount")
            return f"{unit} of {self.args[0].describe() if self.args else '?'}"
        if self.op in MARK_OPS:
            return f"{'result' if self.op == 'outcome' else 'away (1) or home (0)'} of " \
                   f"{self.args[0].describe() if self.args else '?'}"
        if self.op in SPAN_OPS:
            inner = self.args[0].describe() if self.args else "?"
            return {"span_first": "first year of ", "span_last": "last year of "}.get(
                self.op, "year of ") + inner
        if self.op in ("abs", "neg"):
            inner = self.args[0].describe() if self.args else "?"
            return f"|{inner}|" if self.op == "abs" else f"-{inner}"
        parts = [a.describe() if a.op in ("col", "num") else f"({a.describe()})"
                 for a in self.args]
        return f" {self.op} ".join(parts)


@dataclass
class Step:
    """A step run on the rows before the plan: ``derive`` adds column ``name`` = ``expr``;
    ``drop_missing`` drops rows missing any of ``columns``; ``head`` keeps the first ``n``
    rows in the table's own order ("the average points of the first 3 teams"). ``label``: a
    derived column's meaning in plain words, said in the reading in place of its formula
    ("score of the home side (the first number of the score)")."""

    action: Literal["derive", "drop_missing", "head"]
    name: str | None = None
    expr: Expr | None = None
    columns: list[str] = field(default_factory=list)
    n: int | None = None
    label: str | None = None

    def describe(self) -> str:
        if self.action == "derive" and self.label:
            return f"{human(self.name)}: {self.label}"
        if self.action == "derive":
            return f"{human(self.name)} = {self.expr.describe() if self.expr else '?'}"
        if self.action == "head":
            return f"the first {self.n} rows in table order"
        return f"drop rows missing {', '.join(human(c) for c in self.columns)}"


__all__ = ["AMOUNT_PATTERN", "AMOUNT_SCALES", "CHART_KINDS", "DATE_HEAD", "DATE_OPS",
           "ELAPSED_OPS", "ELAPSED_PATTERN", "Encoding", "Expr", "Filter", "HEIGHT_PATTERN",
           "LEAD_PATTERN",
           "MARK_OPS", "Measure", "mark_of",
           "METRES_PATTERN", "PLACE_PATTERN", "RECORD_PATTERN", "SCORE_PAIR_PATTERN",
           "SECONDS_PATTERN", "SPAN_OPS",
           "SPAN_PATTERN", "Series", "Step", "TIME_GRAINS", "TimeBucket", "ToolCall",
           "YEAR_PATTERN"]
