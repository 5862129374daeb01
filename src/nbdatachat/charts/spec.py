"""``ChartSpec``: one chart, described once, rendered as Plotly, Chart.js or a graph suggestion.

The spec holds the small table that is actually plotted plus its encoding (x, y, colour,
sort, labels). Everything a browser receives is derived from it, so the Plotly figure, the
Chart.js config and the ``graphSuggestion`` always agree. Building a spec enforces the size
budget (see :mod:`nbdatachat.charts.reduce`), whoever builds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import InvalidRequest, column_not_found
from . import reduce as R
from .columns import as_datetime, humanize, order_key

if TYPE_CHECKING:  # pragma: no cover
    import plotly.graph_objects as go

KINDS = ("bar", "horizontal_bar", "line", "area", "scatter", "histogram", "pie", "donut",
         "box", "heatmap")

#: ``graphType`` names of the data-intelligence seed (003) for each kind.
GRAPH_TYPES = {
    "bar": "Vertical Bar Chart", "horizontal_bar": "Horizontal Bar Chart",
    "line": "Line Chart", "area": "Area Chart", "scatter": "Scatter Chart",
    "histogram": "Histogram", "pie": "Pie Chart", "donut": "Donut Chart",
    "box": "Box Plot", "heatmap": "Heatmap",
}

PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"

#: Kinds drawn as small multiples when a spec has a facet (others draw one chart and say so).
FACET_KINDS = ("bar", "horizontal_bar", "line", "area", "scatter", "histogram")


@dataclass
class ChartSpec:
    """A chart of ``data``: ``x`` on the horizontal (category axis for bars), ``y`` the
    measure(s), ``color`` a second category (or the cell value of a heatmap), ``facet`` a
    category that splits the chart into side-by-side panels sharing their axes (small
    multiples; bar, line, area, scatter and histogram charts), ``stacked`` stacks the colour
    groups of a bar chart instead of placing them side by side.

    For ``histogram`` ``data`` holds bin counts (``bin_start``, ``bin_end``, ``count``) of
    column ``x`` (``bin_width`` wide, or ``bin_count`` of them, when given: "bin size 500", "10 bins"); for ``box`` it holds per-group quartiles of ``y``. Raw rows are binned or
    summarised on construction. ``band`` names the (lower, upper) columns of an interval
    drawn around the lines (forecasts); ``error_y`` a column of +/- half-widths for bars;
    ``identity_line`` draws y = x on a scatter (fitted vs actual); ``value_range`` fixes the
    colour scale of a heatmap (-1..1 for correlations).
    """

    kind: str
    data: pd.DataFrame
    x: str | None
    y: str | list[str] | None
    color: str | None = None
    title: str = ""
    x_label: str | None = None
    y_label: str | None = None
    sort_field: str | None = None
    sort_direction: str | None = None
    notes: list[str] = field(default_factory=list)
    color_label: str | None = None
    band: tuple[str, str] | None = None
    error_y: str | None = None
    identity_line: bool = False
    agg: str | None = None
    value_range: tuple[float, float] | None = None
    facet: str | None = None
    facet_label: str | None = None
    stacked: bool = False
    bin_width: float | None = None
    bin_count: int | None = None

    # ------------------------------------------------------------------ checks & budget
    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidRequest(f"Unknown chart kind {self.kind!r}; use one of "
                                 f"{', '.join(KINDS)}.",
                                 details={"parameter": "kind", "allowed": list(KINDS)})
        if not isinstance(self.data, pd.DataFrame):
            raise InvalidRequest("ChartSpec.data must be a pandas DataFrame.",
                                 details={"parameter": "data"})
        if self.sort_direction not in (None, "asc", "desc"):
            raise InvalidRequest(f"sort_direction must be 'asc' or 'desc', not "
                                 f"{self.sort_direction!r}.",
                                 details={"parameter": "sort_direction"})
        self.notes = list(self.notes)
        if self.facet is not None and self.kind not in FACET_KINDS:
            self.notes.append(f"one chart for all {humanize(self.facet)} values: a "
                              f"{self.kind.replace('_', ' ')} chart has no panels")
            self.facet = None
        if self.stacked and self.kind not in ("bar", "horizontal_bar"):
            self.stacked = False
        if self.kind == "histogram":
            self._prepare_histogram()
        elif self.kind == "box":
            self._prepare_box()
        else:
            self._check_columns([self.x, *self.ys, self.color, self.facet, self.error_y,
                                 *(self.band or ())])
            self._keep_largest_facets()
            self._fit_budget()
        if self.x_label is None:
            self.x_label = humanize(self.x) if self.x is not None else None
        if self.y_label is None:
            self.y_label = self._default_y_label()
        if self.color_label is None and self.color is not None:
            self.color_label = humanize(self.color)
        if self.facet_label is None and self.facet is not None:
            self.facet_label = humanize(self.facet)

    @property
    def ys(self) -> list[str]:
        """``y`` as a list (empty when there is no y)."""
        if self.y is None:
            return []
        return [self.y] if isinstance(self.y, str) else list(self.y)

    def _check_columns(self, cols: list[str | None]) -> None:
        available = [str(c) for c in self.data.columns]
        for c in cols:
            if c is not None and c not in self.data.columns:
                raise column_not_found(str(c), available, role="chart column")

    def _default_y_label(self) -> str | None:
        if self.kind == "histogram":
            return "Count"
        ys = self.ys
        if not ys:
            return None
        word = _AGG_WORDS.get(self.agg or "", "")
        names = " / ".join(humanize(y) for y in ys) if len(ys) <= 3 else "Value"
        return f"{word} {names}".strip() if word and word != "Number of" else names

    def _prepare_histogram(self) -> None:
        binned = all(c in self.data.columns for c in R.BIN_COLUMNS)
        if binned and (self.x is None or self.x not in self.data.columns):
            return
        if self.x is None:
            raise InvalidRequest("A histogram needs x: the numeric column to bin.",
                                 details={"parameter": "x"})
        self._check_columns([self.x, self.facet])
        self._keep_largest_facets()
        n = len(self.data)
        values, edges = R.bin_edges(self.data[self.x], width=self.bin_width,
                                    count=self.bin_count)
        if self.bin_width is not None and len(values) and (
                len(edges) < 2 or not np.isclose(edges[1] - edges[0], self.bin_width)):
            self.notes.append(f"bins of {self.bin_width:g} would make more than "
                              f"{R.MAX_BINS} bars: automatic bins used")
            self.bin_width = None
        if self.bin_count is not None and len(edges) - 1 != self.bin_count:
            self.notes.append(f"{self.bin_count} bins are not possible here: automatic bins "
                              "used")
            self.bin_count = None
        if self.facet is None:
            self.data = R.histogram_bins(self.data[self.x], edges=edges)
        else:
            parts = [R.histogram_bins(rows[self.x], edges=edges).assign(**{self.facet: key})
                     for key, rows in self.data.groupby(self.facet, sort=False, dropna=False,
                                                         observed=True)]
            self.data = pd.concat(parts, ignore_index=True)[[self.facet, *R.BIN_COLUMNS]]
        self.y, self.color = None, None
        missing = n - int(self.data["count"].sum())
        if missing:
            self.notes.append(f"{R.fmt_int(missing)} missing value(s) left out")

    def _keep_largest_facets(self) -> None:
        if self.facet is None:
            return
        n = self.data[self.facet].nunique(dropna=False)
        if n <= R.MAX_FACETS:
            return
        keep = self.data[self.facet].value_counts(dropna=False).index[:R.MAX_FACETS]
        self.data = self.data[self.data[self.facet].isin(keep)]
        self.notes.append(f"showing the {R.MAX_FACETS} largest of {R.fmt_int(n)} "
                          f"{humanize(self.facet)} panels")

    def facet_values(self) -> list[Any]:
        """The panels' values in their natural order (numbers, months ...) or else sorted as
        text; empty without a facet."""
        if self.facet is None:
            return []
        values = pd.Series(self.data[self.facet].drop_duplicates().tolist())
        key = order_key(values)
        if key is None:
            key = values.astype(str)
        return values.iloc[key.sort_values(kind="stable").index].tolist()

    def _prepare_box(self) -> None:
        if all(c in self.data.columns for c in R.BOX_COLUMNS):
            return
        if len(self.ys) != 1:
            raise InvalidRequest("A box plot needs y: one numeric column.",
                                 details={"parameter": "y"})
        self._check_columns([self.x, self.ys[0]])
        self.data = R.box_stats(self.data, self.ys[0], self.x)
        self.color = None

    def _fit_budget(self) -> None:
        n = len(self.data)
        if self.kind == "scatter" and n > R.MAX_SCATTER_POINTS:
            cols = [c for c in [self.x, *self.ys] if c is not None]
            data = self.data.dropna(subset=cols) if cols else self.data
            self.data = R.sample_rows(data, R.MAX_SCATTER_POINTS)
            self.notes.append(f"showing a random sample of {R.fmt_int(len(self.data))} of "
                              f"{R.fmt_int(n)} points")
        elif self.kind in ("line", "area") and self.x is not None:
            self._sort_by_x()
            if self.ys:
                values = list(dict.fromkeys([*self.ys, *(self.band or ())]))
                by = [c for c in (self.color, self.facet) if c is not None]
                self.data, size = R.bucket_series(self.data, self.x, values,
                                                  R.MAX_LINE_POINTS, by=by)
                if size > 1:
                    self.notes.append(f"each point averages {R.fmt_int(size)} consecutive "
                                      f"values ({R.fmt_int(n)} -> {R.fmt_int(len(self.data))})")
        elif self.kind == "heatmap" and self.x is not None and self.ys:
            for axis in (self.x, self.ys[0]):
                keep = self.data[axis].value_counts().index[:R.MAX_HEATMAP_SIDE]
                if self.data[axis].nunique() > len(keep):
                    self.data = self.data[self.data[axis].isin(keep)]
                    self.notes.append(f"{humanize(axis)}: showing the {len(keep)} most "
                                      f"frequent values")
        elif self.x is not None and n > R.HARD_MAX_CATEGORIES:
            self.data = self.data.iloc[:R.HARD_MAX_CATEGORIES]
            self.notes.append(f"showing the first {R.HARD_MAX_CATEGORIES} of {R.fmt_int(n)} rows")

    def _sort_by_x(self) -> None:
        col = self.data[self.x]
        key = as_datetime(col)
        if key is None:
            key = order_key(col)
        if key is None:
            return
        if not key.is_monotonic_increasing:
            order = key.reset_index(drop=True).sort_values(kind="stable").index
            self.data = self.data.iloc[order.to_numpy()]

    # ------------------------------------------------------------------ outputs
    def to_plotly(self) -> go.Figure:
        """The chart as a Plotly figure (plotly is imported here, not at package import)."""
        import plotly.graph_objects as go

        from .plotly_figure import figure_dict

        return go.Figure(figure_dict(self, arrays=True))

    def to_plotly_json(self) -> dict[str, Any]:
        """The ``application/vnd.plotly.v1+json`` payload: ``{"data": [...], "layout": {...}}``
        with plain JSON lists, without importing plotly."""
        from .plotly_figure import figure_dict

        return figure_dict(self, arrays=False)

    def to_chartjs(self) -> dict[str, Any]:
        """A Chart.js 4 config plus the analytics-chat seed's ``chartType`` and ``title``."""
        from .chartjs import chartjs_config

        return chartjs_config(self)

    def to_graph_suggestion(self) -> dict[str, Any]:
        """The data-intelligence seed's ``graphSuggestion`` (real column names)."""
        y = self.ys
        out = {
            "graphType": GRAPH_TYPES[self.kind],
            "x_axis": self.x,
            "y_axis": (y[0] if len(y) == 1 else (y or None)),
            "color_by": self.color,
            "sorting_field": self.sort_field,
            "sorting_direction": self.sort_direction,
            "title": self.title,
            "x_axis_display_name": self.x_label,
            "y_axis_display_name": self.y_label,
        }
        # beyond the seed's fields, only when the chart has them (the seed's shape otherwise)
        if self.facet is not None:
            out["facet_by"] = self.facet
        if self.stacked:
            out["stacked"] = True
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe description of the chart (the plotted rows are not included)."""
        out: dict[str, Any] = {
            "kind": self.kind, "title": self.title, "x": self.x, "y": self.y,
            "color": self.color, "x_label": self.x_label, "y_label": self.y_label,
            "color_label": self.color_label, "sort_field": self.sort_field,
            "sort_direction": self.sort_direction, "notes": list(self.notes),
            "n_points": int(len(self.data)), "columns": [str(c) for c in self.data.columns],
        }
        for key in ("agg", "error_y", "facet", "facet_label", "bin_width", "bin_count"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.band is not None:
            out["band"] = list(self.band)
        if self.value_range is not None:
            out["value_range"] = list(self.value_range)
        if self.identity_line:
            out["identity_line"] = True
        if self.stacked:
            out["stacked"] = True
        return out

    def __repr__(self) -> str:
        facet = f" facet={self.facet!r}" if self.facet is not None else ""
        return (f"<ChartSpec {self.kind} x={self.x!r} y={self.y!r} color={self.color!r}{facet} "
                f"points={len(self.data)} title={self.title!r}>")


_AGG_WORDS = {"mean": "Average", "sum": "Total", "median": "Median", "min": "Minimum",
              "max": "Maximum", "count": "Number of", "std": "Std. dev. of"}
