"""NLV Corpus (cars): chart requests and their target Vega-Lite charts.

A row of ``NLV_Corpus_cars.csv`` holds one utterance, or several separated by ``|`` when
``sequential`` is ``y`` (typed one after another in one conversation; the last answer is
graded). Its target is ``vlSpecs_cars.json["cars-<visId>"]``.

Grading reads the chart from the answer's :class:`~nbdatachat.charts.spec.ChartSpec`:

* kind: the target mark (``point``, ``line``, ``bar``; ``bar`` with a binned x is a
  ``histogram``) against the spec's kind (``scatter`` -> point, ``line``/``area`` -> line,
  ``bar``/``horizontal_bar`` -> bar, ``histogram``);
* fields, by role (field names compared case-insensitively, a count axis has no field):

  - point marks: the two positional fields as an unordered pair (x/y may swap: both are
    quantitative, either reading shows the same relation) and the grouping fields
    (colour and facet together: the engine draws a facet request as colour);
  - a count of distinct values (``count_distinct_Model``, "number of models") is read as a
    count axis, like the target's count of rows: the same chart for these data;
  - bar, line and histogram: the measure on the value axis (the aggregated ``y``; none for
    a count) must be the same field, and the set of dimensions (x, colour, facet) must be
    equal: which dimension goes on x and which on colour/facet may swap, since the same
    grouped numbers are shown; a histogram's dimension is its binned field.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_AGG_PREFIX = re.compile(r"^(?:mean|avg|average|sum|total|median|min|max|count|"
                         r"count_distinct|std|var|q\d+)_", re.IGNORECASE)
COUNT_NAMES = {"count", "n", "rows", "number of rows", "frequency"}


@dataclass(frozen=True)
class Chart:
    """A chart reduced to what is graded: kind and fields by role."""

    kind: str  # point | line | bar | histogram | <other engine kinds as they are>
    x: str | None = None
    y: str | None = None  # the measure (None: a count, or no y)
    color: str | None = None
    facet: str | None = None

    def roles(self) -> tuple[Any, ...]:
        """The comparable reading of the fields (see the module doc)."""
        low = [None if f is None else f.lower() for f in (self.x, self.y, self.color, self.facet)]
        x, y, color, facet = low
        if self.kind == "point":
            return ("point", frozenset(f for f in (x, y) if f),
                    frozenset(f for f in (color, facet) if f))
        return ("measure", y, frozenset(f for f in (x, color, facet) if f))


@dataclass(frozen=True)
class NlvRow:
    index: int  # 1-based row of the CSV
    utterances: tuple[str, ...]
    sequential: bool
    vis_id: str


def read_rows(root: Path) -> list[NlvRow]:
    with (root / "NLV_Corpus_cars.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = []
        for i, rec in enumerate(reader, start=1):
            sequential = rec["sequential"].strip().lower() == "y"
            text = rec["Utterance Set"]
            parts = [p.strip() for p in text.split("|")] if sequential else [text.strip()]
            rows.append(NlvRow(i, tuple(p for p in parts if p), sequential,
                               rec["visId"].strip()))
    return rows


def read_targets(root: Path) -> dict[str, Chart]:
    """``visId`` -> the target chart of ``vlSpecs_cars.json``."""
    specs = json.loads((root / "vlSpecs_cars.json").read_text(encoding="utf-8"))
    return {key.removeprefix("cars-"): target_chart(spec) for key, spec in specs.items()}


def target_chart(spec: dict[str, Any]) -> Chart:
    mark = spec.get("mark")
    mark = mark.get("type") if isinstance(mark, dict) else mark
    enc = spec.get("encoding", {})

    def field(channel: str) -> str | None:
        ch = enc.get(channel) or {}
        return None if ch.get("aggregate") == "count" else ch.get("field")

    x_binned = bool((enc.get("x") or {}).get("bin"))
    kind = "histogram" if mark == "bar" and x_binned else str(mark)
    return Chart(kind, field("x"), field("y"), field("color"),
                 field("column") or field("row") or field("facet"))


_KINDS = {"scatter": "point", "line": "line", "area": "line", "bar": "bar",
          "horizontal_bar": "bar", "histogram": "histogram"}


def answer_chart(answer: Any, columns: list[str]) -> Chart | None:
    """The chart of an answer, its fields mapped back to the data's ``columns`` (an
    aggregated ``mean_MPG`` is ``MPG``; a count column has no field). None without a chart."""
    spec = getattr(answer, "chart_spec", None)
    if spec is None:
        return None
    kind = _KINDS.get(str(spec.kind), str(spec.kind))
    ys = list(getattr(spec, "ys", None) or ([spec.y] if isinstance(spec.y, str) else spec.y or []))
    y = source_column(ys[0], columns) if len(ys) == 1 else (
        "+".join(sorted(filter(None, (source_column(v, columns) for v in ys)))) or None)
    facet = getattr(spec, "facet", None)
    if kind == "histogram":
        y = None
    return Chart(kind, source_column(spec.x, columns), y, source_column(spec.color, columns),
                 source_column(facet, columns))


def source_column(name: Any, columns: list[str]) -> str | None:
    """The data column a chart field shows, or None for a count or no field."""
    if name is None:
        return None
    text = str(name)
    lowered = {c.lower(): c for c in columns}
    if text.lower() in lowered:
        return lowered[text.lower()]
    if text.lower() in COUNT_NAMES or text.lower().startswith("count_distinct_"):
        return None  # a count axis; counting distinct rows' names is read as a count too
    stripped = _AGG_PREFIX.sub("", text)
    if stripped.lower() in lowered:
        return lowered[stripped.lower()]
    return text


@dataclass(frozen=True)
class ChartGrade:
    kind_right: bool
    fields_right: bool

    @property
    def both(self) -> bool:
        return self.kind_right and self.fields_right


def grade_chart(target: Chart, got: Chart | None) -> ChartGrade:
    if got is None:
        return ChartGrade(False, False)
    kind_right = got.kind == target.kind
    # Roles are compared under the target's reading (a scatter request answered with a bar
    # of two measures is wrong in kind, and its fields are read as a bar's).
    as_target = Chart(target.kind, got.x, got.y, got.color, got.facet)
    return ChartGrade(kind_right, as_target.roles() == target.roles())
