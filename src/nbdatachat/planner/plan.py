"""The typed plan: what a question asks the engine to compute, as a tagged union of kinds.

A planner (the local reader, or an LLM) turns a question into a :class:`Plan`; the query
layer validates it against the schema and compiles it to SQL or a tool call. Every kind is a
dataclass whose ``kind`` field tags it:

============== ============================================================================
``aggregate``  measures (``mean(tip)``) over filtered rows, by groups / time buckets, ranked
``rows``       the matching rows themselves (a listing, a top-N of rows, scatter points)
``lookup``     cells of the row(s) a filter names, or of the row with the highest/lowest value
``position``   table order: first/last/Nth row, the row after/before another, rows above it
``comparison`` one measure for two named items: values, difference, ratio, which is larger
``change``     a measure between two points or periods: difference, percent change, ratio
``set``        distinct values, duplicates, top-N within groups
``rank``       the rank of one item among all, by a measure
``percentile`` the percentile of a value in a column
``distribution`` the spread of one column (optionally by groups)
``tool``       a named analysis tool with arguments checked by the tool's own input model
============== ============================================================================

The kinds from ``lookup`` to ``percentile`` (answers about particular rows or values) are
defined in ``plan_kinds.py``. Every kind has ``filters`` (with ``logic``), ``steps`` run
first (derived columns as typed expressions, dropping missing rows), an optional ``chart``
kind and the ``question``.

``Plan(kind=..., ...)`` builds the right kind; ``Plan.from_dict`` reads JSON (also the flat
shape stored by earlier versions); :func:`plan_json_schema` / :func:`parse_plan` (in
``plan_schema.py``) give an LLM the schema to fill and check what it wrote.
"""

from __future__ import annotations

import copy as _copy
from dataclasses import asdict, dataclass, field, fields
from collections.abc import Callable
from typing import Any, ClassVar, Literal

from ..operations.aggregations import AGGREGATIONS
from ..operations.base import human
from ..operations.filters import FILTER_OPS as _FILTER_OPS
from .plan_parts import (CHART_KINDS, TIME_GRAINS, Encoding, Expr, Filter, Measure, Series,
                         Step, TimeBucket, ToolCall)

PlanKind = Literal["aggregate", "rows", "lookup", "position", "comparison", "change", "set",
                   "rank", "percentile", "distribution", "tool"]
#: aggregation name -> its word (from the registry; kept for callers of the old constant)
AGGREGATES: dict[str, str] = {k: a.word for k, a in AGGREGATIONS.items()}
FILTER_OPS = tuple(_FILTER_OPS)


@dataclass(kw_only=True)
class Plan:
    """Base of every plan kind. ``Plan(kind="rows", columns=[...])`` builds a
    :class:`RowsPlan`; ``Plan(measures=[...])`` an :class:`AggregatePlan`."""

    kind: str = "aggregate"
    filters: list[Filter] = field(default_factory=list)
    logic: Literal["and", "or"] = "and"
    steps: list[Step] = field(default_factory=list)
    chart: str | None = None
    encoding: Encoding | None = None
    question: str = ""

    KINDS: ClassVar[dict[str, type["Plan"]]] = {}

    def __new__(cls, *args: Any, **kwargs: Any) -> "Plan":
        if cls is Plan:
            kind = kwargs.get("kind", "aggregate")
            target = Plan.KINDS.get(kind)
            if target is None:
                from ..errors import InvalidRequest

                raise InvalidRequest(f"Unknown plan kind {kind!r}; use one of "
                                     f"{', '.join(Plan.KINDS)}.", details={"field": "kind"})
            return object.__new__(target)
        return object.__new__(cls)

    # -- serialization -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; empty values are left out (``kind`` and a non-default
        ``descending`` always stay)."""
        d = asdict(self)
        return {k: v for k, v in d.items()
                if k == "kind" or v not in (None, [], {}, False, "", "and") or
                (k == "descending" and v is False)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        """A plan from JSON: validated field by field (unknown fields are an error); the flat
        shape of earlier versions is migrated."""
        if _PARSER is None:  # pragma: no cover - the package imports plan_schema
            raise RuntimeError("import nbdatachat.planner before reading plans")
        return _PARSER(data)

    def copy(self, **changes: Any) -> "Plan":
        """A deep copy with ``changes``; changing ``kind`` keeps the fields both kinds have."""
        kind = changes.get("kind", self.kind)
        target = Plan.KINDS[kind]
        own = {f.name for f in fields(target)}
        values = {f.name: _copy.deepcopy(getattr(self, f.name)) for f in fields(self)
                  if f.name in own}
        values.update({k: v for k, v in changes.items()})
        values["kind"] = kind
        return target(**values)

    # -- reading -------------------------------------------------------------------
    def columns_used(self) -> list[str]:
        """Every column the plan reads (for permission checks and table picking)."""
        out: list[str] = []
        for f in self.filters:
            out.append(f.column)
        for s in self.steps:
            out += s.columns if s.action == "drop_missing" else (s.expr.columns() if s.expr
                                                                  else [])
        if self.encoding is not None:
            out += self.encoding.columns()
        return list(dict.fromkeys(c for c in out if c))

    def where(self) -> str:
        """``day is not Sun and size is more than 2`` (empty without filters)."""
        return f" {self.logic} ".join(f.describe() for f in self.filters)

    def describe(self) -> str:
        """The one-line reading a person can check: ``average tip where day is not Sun``."""
        text = self._what()
        where = self.where()
        text += f" where {where}" if where else ""
        pre = []
        for s in self.steps:  # a labelled step is said in plain words where its column is named
            named = human(s.name) if s.action == "derive" and s.label else ""
            if named and named in text:
                at = text.index(named) + len(named)
                text = f"{text[:at]} ({s.label}){text[at:]}"
            else:
                pre.append(s.describe())
        chart = self.encoding.describe() if self.encoding is not None else ""
        return (f"{'; '.join(pre)}, then " if pre else "") + text + (f", {chart}" if chart else "")

    def _what(self) -> str:  # pragma: no cover - every kind overrides it
        return self.kind

    def __str__(self) -> str:
        return self.describe()


#: parse-and-validate JSON into a plan: set by ``plan_schema`` (which knows every kind, so this
#: module need not import it; the package imports both before any plan is read)
_PARSER: Callable[[Any], Plan] | None = None


def set_parser(parse: Callable[[Any], Plan]) -> None:
    """Install the function :meth:`Plan.from_dict` reads JSON with (``plan_schema.parse_plan``)."""
    global _PARSER
    _PARSER = parse


def register(cls: type[Plan]) -> type[Plan]:
    """Add a plan kind to the union (``Plan(kind=...)``, ``from_dict``, the JSON Schema)."""
    kind = next(f.default for f in fields(cls) if f.name == "kind")
    Plan.KINDS[kind] = cls
    return cls


def _by(keys: list[str]) -> str:
    return " by " + " and ".join(human(k) for k in keys) if keys else ""


@register
@dataclass(kw_only=True)
class AggregatePlan(Plan):
    """``SELECT keys, measures FROM data WHERE filters GROUP BY keys ORDER BY order_by LIMIT``.

    ``share`` adds each group's percentage of the first measure's total (or, with ``part``
    and no groups, the share of the total where ``part`` holds); ``argmax`` says the
    question asked *which* group is highest/lowest. ``unpivot`` (``{"columns": [...],
    "name": ..., "value": ...}``) stacks measure columns into rows first, to compare them.
    ``either_count``: the count of distinct values could as well mean the rows ("how many
    winners"); the service answers only when both numbers are the same, else asks which.
    """

    kind: Literal["aggregate"] = "aggregate"
    measures: list[Measure] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)
    time_bucket: TimeBucket | None = None
    order_by: str | None = None
    descending: bool = True
    limit: int | None = None
    share: bool = False
    part: list[Filter] = field(default_factory=list)
    argmax: bool = False
    unpivot: dict[str, Any] | None = None
    either_count: bool = False

    @property
    def keys(self) -> list[str]:
        """Output key columns, in order: the time bucket first, then the group-bys."""
        out = [self.time_bucket.alias] if self.time_bucket else []
        return out + [g for g in self.group_by if g not in out]

    def columns_used(self) -> list[str]:
        cols = [c for m in self.measures for c in (m.column, m.over) if c]
        cols += self.group_by + [f.column for f in self.part]
        if self.time_bucket:
            cols.append(self.time_bucket.column)
        if self.unpivot:
            cols += list(self.unpivot.get("columns") or [])
        return list(dict.fromkeys(cols + super().columns_used()))

    def _what(self) -> str:
        what = " and ".join(m.describe() for m in self.measures) or "number of rows"
        keys = list(self.group_by)
        if self.time_bucket is not None:
            tb = self.time_bucket
            keys = [tb.column if tb.grain == "raw" else f"{tb.grain} of {tb.column}"] + \
                [g for g in keys if g != tb.alias]
        text = what + _by(keys)
        if self.share and self.part:
            text = f"share of the {what} where " + " and ".join(f.describe() for f in self.part)
        elif self.share:
            text += " as a share of the total"
        if self.argmax or (self.order_by and self.limit == 1):
            text = f"the {human(', '.join(keys))} with the " \
                   f"{'highest' if self.descending else 'lowest'} {what}"
        elif self.order_by and self.limit:
            text = f"{'top' if self.descending else 'bottom'} {self.limit} " \
                   f"{' and '.join(human(k) for k in keys)} by {what}"
        elif self.order_by:
            text += f", {'highest' if self.descending else 'lowest'} first"
        if self.unpivot:
            text += f" (comparing {', '.join(human(c) for c in self.unpivot['columns'])})"
        return text


@register
@dataclass(kw_only=True)
class RowsPlan(Plan):
    """The matching rows: ``columns`` (all when empty), sorted by ``order_by``, at most
    ``limit``. A ``scatter`` chart with a limit and no order takes a seeded sample."""

    kind: Literal["rows"] = "rows"
    columns: list[str] = field(default_factory=list)
    order_by: str | None = None
    descending: bool = True
    limit: int | None = None

    def columns_used(self) -> list[str]:
        cols = self.columns + ([self.order_by] if self.order_by else [])
        return list(dict.fromkeys(cols + super().columns_used()))

    def _what(self) -> str:
        cols = ", ".join(human(c) for c in self.columns) or "all columns"
        if self.chart == "scatter" and len(self.columns) == 2:
            return f"{human(self.columns[1])} against {human(self.columns[0])} (each row)"
        if self.order_by:
            word = "highest" if self.descending else "lowest"
            n = f"the {self.limit} rows" if self.limit and self.limit > 1 else "the row"
            return f"{n} with the {word} {human(self.order_by)} ({cols})"
        return f"rows ({cols})" + (f", first {self.limit}" if self.limit else "")


@register
@dataclass(kw_only=True)
class DistributionPlan(Plan):
    """How the values of ``columns[0]`` are spread (count, mean, quartiles ...), by groups."""

    kind: Literal["distribution"] = "distribution"
    columns: list[str] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)

    def columns_used(self) -> list[str]:
        return list(dict.fromkeys(self.columns + self.group_by + super().columns_used()))

    def _what(self) -> str:
        return f"distribution of {', '.join(human(c) for c in self.columns)}" + \
            _by(self.group_by)


@register
@dataclass(kw_only=True)
class ToolPlan(Plan):
    """A named analysis tool run on the filtered rows. ``tool.args`` are the tool's own
    inputs (checked by its input model); a forecast's ``series`` says how the rows become
    one value per time step."""

    kind: Literal["tool"] = "tool"
    tool: ToolCall = field(default_factory=lambda: ToolCall(""))
    series: Series | None = None

    def columns_used(self) -> list[str]:
        cols: list[str] = []
        for v in self.tool.args.values():
            if isinstance(v, str):
                cols.append(v)
            elif isinstance(v, list):
                cols += [x for x in v if isinstance(x, str)]
        if self.series:
            cols.append(self.series.time)
        return list(dict.fromkeys(cols + super().columns_used()))

    def _what(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.tool.args.items())
        text = f"{self.tool.name}({args})"
        if self.series:
            s = self.series
            text += f" on the {s.agg} per {s.grain if s.grain != 'raw' else human(s.time)}"
        return text


@dataclass
class PlanResult:
    """What a planner returns: a plan, or why there is none.

    ``status`` is ``"ok"``, ``"needs_clarification"`` (``options`` lists the choices) or
    ``"cannot_answer"``; ``message`` is the sentence shown to the user in the latter cases.
    ``ignored`` lists the words of the question that the reader did not use (the table's
    own noun, politeness, chart vocabulary): the answer shows them with its reading.
    """

    status: Literal["ok", "needs_clarification", "cannot_answer"]
    plan: Plan | None = None
    message: str = ""
    options: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    #: question words read as the table spells them ("read 'bornze' as 'Bronze'")
    respelled: list[str] = field(default_factory=list)
    #: the words a refusal found no column or value for (``career_subject`` reads a name)
    unread: list[str] = field(default_factory=list)

    @classmethod
    def ok(cls, plan: Plan, notes: list[str] | None = None,
           ignored: list[str] | None = None) -> "PlanResult":
        return cls("ok", plan, notes=list(notes or []), ignored=list(ignored or []))

    @classmethod
    def clarify(cls, message: str, options: list[str]) -> "PlanResult":
        return cls("needs_clarification", None, message, list(options))

    @classmethod
    def refuse(cls, message: str, options: list[str] | None = None) -> "PlanResult":
        return cls("cannot_answer", None, message, list(options or []))


__all__ = ["AGGREGATES", "AggregatePlan", "CHART_KINDS", "DistributionPlan", "Encoding", "Expr",
           "FILTER_OPS", "Filter", "Measure", "Plan", "PlanKind", "PlanResult", "RowsPlan",
           "Series", "Step", "TIME_GRAINS", "TimeBucket", "ToolCall", "ToolPlan", "register"]
