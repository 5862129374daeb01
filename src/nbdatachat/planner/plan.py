"""The typed plan: the small intermediate form between a question and the engine.

A planner (the local rule-based one, or later an LLM) turns a question into a :class:`Plan`;
the query layer validates it against the data's schema and compiles it to SQL or to a tool
call. Plans are plain data: ``Plan.to_dict()`` / ``Plan.from_dict()`` round-trip through JSON,
so conversations can be stored in a database and an LLM can be asked to emit the same shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

PlanKind = Literal["aggregate", "rows", "distribution", "tool"]

#: Aggregations the query engine knows, with the words used to describe them.
AGGREGATES: dict[str, str] = {
    "count": "number of rows",
    "count_distinct": "number of distinct",
    "sum": "total",
    "mean": "average",
    "median": "median",
    "min": "minimum",
    "max": "maximum",
    "std": "standard deviation of",
    "var": "variance of",
    "quantile": "percentile of",
}

FILTER_OPS = ("=", "!=", "<", "<=", ">", ">=", "between", "in", "not in", "year", "month",
              "quarter", "date>=", "date<", "is null", "not null")
TIME_GRAINS = ("year", "quarter", "month", "week", "day", "hour")
CHART_KINDS = ("bar", "line", "scatter", "pie", "donut", "area", "histogram", "table", "box",
               "heatmap")


@dataclass
class Measure:
    """One aggregated output column: ``agg(column)``; ``column`` is None for ``count(*)``."""

    agg: str
    column: str | None = None
    q: float | None = None  # for agg == "quantile", in [0, 1]
    over: str | None = None  # a derived measure: column / over, per row ("price per unit")
    percent: bool = False  # ... times 100 ("tip as a percentage of the bill")

    @property
    def source(self) -> str | None:
        """The name of the value aggregated: the column, or ``tip_pct_of_total_bill``."""
        if self.over is None or self.column is None:
            return self.column
        return f"{self.column}_{'pct_of' if self.percent else 'per'}_{self.over}"

    @property
    def alias(self) -> str:
        if self.agg == "count" and self.column is None:
            return "count"
        if self.agg == "quantile":
            return f"p{round((self.q or 0.5) * 100, 2):g}_{self.source}"
        return f"{self.agg}_{self.source}"

    def describe(self) -> str:
        col = _human(self.column) if self.column else ""
        if self.over is not None and self.column:
            link = "as a percentage of" if self.percent else "per"
            col = f"{col} {link} {_human(self.over)}"
        if self.agg == "count" and self.column is None:
            return "number of rows"
        if self.agg == "count":
            return f"number of {col} values"
        if self.agg == "count_distinct":
            return f"number of distinct {col}"
        if self.agg == "quantile":
            return f"{_ordinal(round((self.q or 0.5) * 100, 2))} percentile of {col}"
        word = AGGREGATES.get(self.agg, self.agg)
        if col.lower().startswith(word.split()[0] + " "):
            return col  # "total bill", not "total total bill"
        return f"{word} {col}".strip()


@dataclass
class Filter:
    """``column op value``. ``op`` is one of :data:`FILTER_OPS`; for ``between`` the value is
    ``[low, high]`` (inclusive), for ``in`` a list; ``year``/``month``/``quarter`` compare a
    part of a date column; ``date>=``/``date<`` compare dates given as ISO strings."""

    column: str
    op: str
    value: Any = None

    def describe(self) -> str:
        col = _human(self.column)
        v = self.value
        if isinstance(v, dict):
            word = {"mean": "average", "median": "median"}.get(v.get("agg"), v.get("agg"))
            return f"{col} {self.op} the {word} {col}"
        if self.op == "=":
            return f"{col} is {_fmt(v)}"
        if self.op == "!=":
            return f"{col} is not {_fmt(v)}"
        if self.op == "in":
            return f"{col} is {' or '.join(_fmt(x) for x in v)}"
        if self.op == "not in":
            return f"{col} is not {' or '.join(_fmt(x) for x in v)}"
        if self.op == "between":
            return f"{col} is between {_fmt(v[0])} and {_fmt(v[1])}"
        if self.op in ("year", "month", "quarter"):
            if isinstance(v, list):
                return f"{self.op} of {col} in {v[0]}-{v[1]}"
            return f"{self.op} of {col} is {v}"
        if self.op == "date>=":
            return f"{col} on or after {v}"
        if self.op == "date<":
            return f"{col} before {v}"
        if self.op == "is null":
            return f"{col} is missing"
        if self.op == "not null":
            return f"{col} is present"
        return f"{col} {self.op} {_fmt(v)}"


@dataclass
class TimeBucket:
    """Group a time column into buckets of ``grain`` (``year`` for a plain year column)."""

    column: str
    grain: str = "month"

    @property
    def alias(self) -> str:
        return self.column if self.grain == "raw" else f"{self.grain}"


@dataclass
class ToolCall:
    """A modelling question routed to an analysis tool (``nbdatachat.run_tool``)."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    """What to compute. Read it as SQL-ish: ``SELECT group_by, measures FROM data WHERE
    filters GROUP BY group_by ORDER BY order_by LIMIT limit``, or a tool call.

    ``share`` adds each group's percentage of the total of the first measure; ``argmax``
    says the question asked *which* group is highest/lowest (the answer names it).
    """

    kind: PlanKind = "aggregate"
    measures: list[Measure] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)
    time_bucket: TimeBucket | None = None
    filters: list[Filter] = field(default_factory=list)
    logic: Literal["and", "or"] = "and"
    order_by: str | None = None
    descending: bool = True
    limit: int | None = None
    share: bool = False
    part: list[Filter] = field(default_factory=list)  # share of rows/total where these hold
    argmax: bool = False
    columns: list[str] = field(default_factory=list)  # for kind == "rows" / "distribution"
    tool: ToolCall | None = None
    chart: str | None = None  # requested chart kind (see CHART_KINDS), None = automatic
    question: str = ""
    #: A wide table read long: ``{"columns": [...], "name": "stock", "value": "price"}``
    #: stacks those measure columns into a ``name`` key and a ``value`` column first
    #: (SQL UNPIVOT), so "which stock had the highest price" compares columns.
    unpivot: dict[str, Any] | None = None

    # -- serialization -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        # Empty values are left out, but never a value that differs from its default
        # (descending=False must survive a round trip).
        return {k: v for k, v in d.items()
                if v not in (None, [], {}, False, "") or k == "kind" or
                (k == "descending" and v is False)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        d = dict(data)
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            from ..errors import InvalidRequest

            raise InvalidRequest(f"Unknown plan field(s): {', '.join(sorted(unknown))}. "
                                 f"Known fields: {', '.join(sorted(known))}.",
                                 details={"fields": sorted(unknown)})
        d["measures"] = [m if isinstance(m, Measure) else Measure(**m)
                         for m in d.get("measures") or []]
        d["filters"] = [f if isinstance(f, Filter) else Filter(**f) for f in d.get("filters") or []]
        d["part"] = [f if isinstance(f, Filter) else Filter(**f) for f in d.get("part") or []]
        tb = d.get("time_bucket")
        d["time_bucket"] = TimeBucket(**tb) if isinstance(tb, dict) else tb
        tc = d.get("tool")
        d["tool"] = ToolCall(**tc) if isinstance(tc, dict) else tc
        return cls(**d)

    def copy(self, **changes: Any) -> "Plan":
        return Plan.from_dict({**self.to_dict(), **{k: v for k, v in changes.items()}})

    # -- reading -------------------------------------------------------------------
    @property
    def keys(self) -> list[str]:
        """Output key columns, in order: the time bucket first, then the group-bys."""
        out = [self.time_bucket.alias] if self.time_bucket else []
        return out + [g for g in self.group_by if g not in out]

    def __str__(self) -> str:
        if self.kind == "tool" and self.tool:
            args = ", ".join(f"{k}={v!r}" for k, v in self.tool.args.items())
            where = f" WHERE {self._where()}" if self.filters else ""
            return f"TOOL {self.tool.name}({args}){where}"
        parts = []
        if self.unpivot:
            u = self.unpivot
            parts.append(f"UNPIVOT {', '.join(u['columns'])} INTO {u['name']}, {u['value']}")
        if self.kind == "rows":
            parts.append("ROWS " + (", ".join(self.columns) if self.columns else "*"))
        elif self.kind == "distribution":
            parts.append("DISTRIBUTION OF " + ", ".join(self.columns))
        else:
            sel = [m.alias.replace(f"_{m.source}", f"({m.column}"
                                   f"{f' / {m.over}' if m.over else ''}"
                                   f"{' * 100' if m.percent else ''})")
                   if m.column else "count(*)" for m in self.measures]
            if self.time_bucket:
                sel.insert(0, f"{self.time_bucket.grain}({self.time_bucket.column})")
            parts.append("SELECT " + ", ".join([*self.group_by, *sel]))
        if self.filters:
            parts.append("WHERE " + self._where())
        if self.keys and self.kind == "aggregate":
            parts.append("GROUP BY " + ", ".join(self.keys))
        if self.share and self.part:
            parts.append("SHARE WHERE " + " AND ".join(f.describe() for f in self.part))
        elif self.share:
            parts.append("AS SHARE OF TOTAL")
        if self.order_by:
            parts.append(f"ORDER BY {self.order_by} {'DESC' if self.descending else 'ASC'}")
        if self.limit:
            parts.append(f"LIMIT {self.limit}")
        if self.chart:
            parts.append(f"CHART {self.chart}")
        return " ".join(parts)

    def _where(self) -> str:
        return f" {self.logic.upper()} ".join(f.describe() for f in self.filters)


@dataclass
class PlanResult:
    """What a planner returns: a plan, or why there is none.

    ``status`` is ``"ok"``, ``"needs_clarification"`` (``options`` lists the choices) or
    ``"cannot_answer"``; ``message`` is the sentence shown to the user in the latter cases.
    """

    status: Literal["ok", "needs_clarification", "cannot_answer"]
    plan: Plan | None = None
    message: str = ""
    options: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def ok(cls, plan: Plan, notes: list[str] | None = None) -> "PlanResult":
        return cls("ok", plan, notes=list(notes or []))

    @classmethod
    def clarify(cls, message: str, options: list[str]) -> "PlanResult":
        return cls("needs_clarification", None, message, list(options))

    @classmethod
    def refuse(cls, message: str, options: list[str] | None = None) -> "PlanResult":
        return cls("cannot_answer", None, message, list(options or []))


def _human(name: str | None) -> str:
    return str(name or "").replace("_", " ").strip()


def _ordinal(n: float) -> str:
    n_txt = f"{n:g}"
    if not float(n).is_integer():
        return n_txt + "th"
    k = int(n)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def _fmt(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v) if abs(v) < 10000 else f"{v:,}"  # 2007 is a year, not 2,007
    if isinstance(v, float):
        return f"{v:,}"
    return str(v)


__all__ = ["AGGREGATES", "CHART_KINDS", "FILTER_OPS", "Filter", "Measure", "Plan", "PlanResult",
           "TIME_GRAINS", "TimeBucket", "ToolCall"]
