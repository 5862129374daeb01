"""The model of a question: typed constituents found before anything becomes a plan.

A question is read into a :class:`Reading`: measures (a column with one or several
aggregations), filters (a column, an operator, a value, a polarity), groupings, time
(buckets, "over time"), ordering and limits, a superlative, chart directives and the
question's intent flags. Every node of the question records what consumed it, so the reader
can tell which words were understood, which were read past (and say so) and which grounded
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .grounding import Item
from .lexicon import HARMLESS_VERBS, RESULT_VERBS, is_participle
from .plan import Encoding, Filter


#: Words read past between a word and the constituent it introduces ("by *the* origin").
SKIP = {"the", "a", "an", "of", "their", "its", "his", "her", "all", "different", "various",
        "individual", "every", "each", "in", "on", "for", "to", "with", "at", "from"}
#: ... and before it ("horsepower *is* on the x axis").
BEFORE_SKIP = {"the", "a", "an", "is", "was", "were", "are", "be", "been", "has", "had",
               "have", "with", "whose", "where", "when", "that", "its", "their", "of", "in",
               "on", "for", "did", "does", "do", "got", "get", "total", "amount", "value"}

@dataclass
class Node:
    """One unit of the question: a grounded mention (``col``/``val``), a number, a date, or
    a word or lexicon phrase with its tags (``{"agg": "mean", "cmp": ">"}``)."""

    kind: str  # "col" | "val" | "num" | "date" | "decade" | "quote" | "sym" | "word"
    text: str
    items: list[Item]
    tags: dict[str, Any] = field(default_factory=dict)
    role: str | None = None  # what consumed it ("measure", "filter", "group", "ignored" ...)

    @property
    def item(self) -> Item:
        return self.items[0]

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def value(self) -> Any:
        return self.items[0].value if len(self.items) == 1 else None

    def has(self, *tags: str) -> bool:
        return any(t in self.tags for t in tags)

    @property
    def is_number(self) -> bool:
        return self.kind == "num" or (self.kind == "word" and self.value is not None
                                      and "number" in self.tags)

    @property
    def columns(self) -> list[str]:
        return self.item.columns() if self.kind in ("col", "val") else []


@dataclass
class MeasureC:
    column: str | None
    aggs: list[tuple[str, float | None]] = field(default_factory=list)  # (agg, quantile q)
    at: int = -1
    over: str | None = None  # a ratio per row: column / over
    percent: bool = False


@dataclass
class FilterC:
    column: str
    op: str
    value: Any = None
    negated: bool = False
    at: int = -1
    how: str = "value"  # "value" | "compare" | "named" | "range" | "time" | "binary" | "missing"
    # | "period" (a year of a column of years not named "year", see timewords.period_column)


@dataclass
class ChartC(Encoding):
    """The chart constituent: the plan's :class:`Encoding` plus the chart kind asked for."""

    kind: str | None = None


@dataclass
class Reading:
    """Everything the grammar found in one question (see the module docstring)."""

    question: str
    nodes: list[Node]
    measures: list[MeasureC] = field(default_factory=list)
    filters: list[FilterC] = field(default_factory=list)
    logic: str = "and"
    groups: list[str] = field(default_factory=list)
    groups_each: bool = False  # grouped by "each" / "per" / "in each": one answer per group
    grain: str | None = None
    over_time: bool = False
    limit: int | None = None
    limit_dir: str | None = None  # "hi" | "lo"
    sort: str | None = None  # "asc" | "desc" | "sort" (ordered, direction unsaid)
    sort_by: str | None = None
    superlative: str | None = None  # "hi" | "lo"
    superlative_word: str = ""
    superlative_column: str | None = None  # implied by the word ("hottest" -> temperature)
    mode: bool = False  # "most common"
    count: bool = False
    distinct: bool = False
    share: bool = False
    distribution: bool = False
    change: bool = False
    missing: bool = False
    tool: str | None = None
    tool_at: int = -1
    forecast_method: str | None = None
    which: bool = False  # asks for an entity ("which", "who", "what country")
    which_col: str | None = None  # "which *day* has ...": the column that names the answer
    counted: list[str] = field(default_factory=list)  # "most *medals*": a noun counted
    listing: bool = False  # "list", "show the ..."
    rows: bool = False  # names rows / records
    global_agg: tuple[str, float | None] | None = None  # an aggregation with no column
    numbers: list[float] = field(default_factory=list)  # numbers not used by a filter
    horizon: tuple[int, str | None] | None = None
    chart: ChartC = field(default_factory=ChartC)
    entity: list[str] = field(default_factory=list)  # the table's own noun ("vans")
    #: mentions naming several columns that the question's other words told apart
    #: (``column_words.pick_column``), by ``id`` of the mention's node
    column_picks: dict[int, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    followup: bool = False  # opens like a follow-up ("what about", "and", "only")
    followup_weak: bool = False  # opens like a fragment ("for dinner", "top 10", "by day")
    followup_marker: bool = False  # "instead", "too", "as well"
    pronoun: bool = False
    all_rows: bool = False  # "overall", "in total": drop earlier filters
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why the reading is incomplete
    clarify: tuple[str, list[str]] | None = None
    position: Any = None  # a table-order constituent (``positions.PositionC``)
    contrast: Any = None  # two items compared (``contrast.ContrastC``)
    rowdiff: Any = None  # two columns of a row subtracted (``RowDiffC``, ``DurationC``)
    same: Any = None  # rows sharing a value with a named row (``same_as.SameC``)

    def free(self, kind: str) -> list[tuple[int, Node]]:
        """Nodes of ``kind`` that no constituent consumed."""
        return [(i, n) for i, n in enumerate(self.nodes) if n.kind == kind and n.role is None]

    def mentioned(self) -> list[str]:
        """Columns the question names anywhere, in order."""
        out: list[str] = []
        for n in self.nodes:
            if n.kind == "col" and n.role not in ("ignored",):
                c = n.columns[0]
                if c not in out:
                    out.append(c)
        return out


class Incomplete(Exception):
    """The reading cannot become a plan; ``options`` are choices to offer."""

    def __init__(self, message: str, options: list[str] | None = None,
                 clarify: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.options = list(options or [])
        self.clarify = clarify


def filters_of(r: Reading) -> list[Filter]:
    out: list[Filter] = []
    for f in r.filters:
        flt = Filter(f.column, f.op, f.value)
        if all(not (g.column == flt.column and g.op == flt.op and g.value == flt.value)
               for g in out):
            out.append(flt)
    if r.logic == "or":
        return out
    # "yield in 1931 vs 1932": two values of one column cannot both hold, so the question
    # compares them: one filter on both values, and the column becomes a group
    merged: list[Filter] = []
    for f in out:
        same = [g for g in merged if g.column == f.column and g.op == f.op and
                f.op in ("=", "year") and not isinstance(f.value, (list, dict))]
        if same:
            g = same[0]
            if f.op == "year":
                lo, hi = sorted([g.value if not isinstance(g.value, list) else g.value[0],
                                 f.value])
                merged[merged.index(g)] = Filter(f.column, "year", [lo, hi])
            else:
                merged[merged.index(g)] = Filter(f.column, "in", [g.value, f.value])
            if f.column not in r.groups:
                r.groups.append(f.column)
            continue
        merged.append(f)
    return merged


def constructs_beside(r: Reading, *kinds: str) -> list[str]:
    """The constructs among ``kinds`` that ``r`` holds, named for a refusal and in that
    order: a rule that reads one construct ("how long did X serve") refuses when the
    question also holds another it cannot combine with ("... the longest", "... by team")."""
    held = {
        "grouping": ("a grouping", lambda: r.groups),
        "aggregation": ("an aggregation",
                        lambda: r.global_agg or any(m.aggs for m in r.measures)),
        "superlative": ("a highest/lowest", lambda: r.superlative),
        "share": ("a share", lambda: r.share),
        "limit": ("a top N", lambda: r.limit),
        "chart": ("a chart", lambda: r.chart.kind),
        "count": ("a count", lambda: r.count),
        "change": ("a change", lambda: r.change),
        "position": ("the order of the rows", lambda: r.position),
        "contrast": ("a comparison of two rows", lambda: r.contrast),
        "tool": ("an analysis", lambda: r.tool),
        "distribution": ("a distribution", lambda: r.distribution),
        "measure": ("another column", lambda: any(m.column for m in r.measures)),
    }
    return [held[k][0] for k in kinds if held[k][1]()]


def passing_verb(nd: Node) -> bool:
    """A verb between "not" and a value ("not *played* at", "not *directed* by") that only
    links them: a plain word, a common verb or a past participle, not a result."""
    if nd.role is not None or nd.low in RESULT_VERBS:
        return False
    if nd.kind == "col":  # "directed" naming a Director column: the value's own column
        return all(m.how == "verb" for m in nd.item.matches)
    return nd.kind == "word" and (nd.low in HARMLESS_VERBS or is_participle(nd.low)) and \
        not (set(nd.tags) - {"verb"})


__all__ = ["ChartC", "FilterC", "Incomplete", "MeasureC", "Node", "Reading", "constructs_beside",
           "filters_of", "passing_verb"]
