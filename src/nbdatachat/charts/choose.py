"""``choose_chart``: the fitting chart for a result table, by the Voyager / Lux / Show Me rules.

Rules, decided from measurement levels (see :mod:`nbdatachat.charts.columns`):

* time on x -> line (area for a cumulative/composition intent); one line per group;
* category + measure -> bar, sorted by the measure (desc) unless the category has a natural
  order (months, weekdays, years, numeric bins keep it); many categories -> horizontal bar of
  the top N with the rest noted; raw rows are aggregated (mean by default);
* two measures -> scatter; one measure (raw rows) -> histogram;
* "share" intent with at most 6 categories -> pie;
* a second category -> colour (grouped bars, one line per group, coloured points);
* two categories without a measure -> heatmap of counts;
* a single number -> no chart.
"""

from __future__ import annotations

import pandas as pd

from ..errors import DataError, InvalidRequest, column_not_found
from . import reduce as R
from .build import build_spec
from .columns import ColumnKind, is_dense_integer_key, is_discrete
from .spec import KINDS, ChartSpec
from .table import ChartPlan, Table

INTENTS = ("trend", "compare", "share", "distribution", "relationship", "ranking",
           "composition", "cumulative")
AGGS = ("mean", "sum", "median", "min", "max", "count")


def _clean(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """String column names, duplicates dropped (noted): charts address columns by name."""
    notes: list[str] = []
    frame = table
    if not all(isinstance(c, str) for c in frame.columns):
        frame = frame.set_axis([str(c) for c in frame.columns], axis=1)
    if frame.columns.duplicated().any():
        dup = sorted(set(frame.columns[frame.columns.duplicated()]))
        frame = frame.loc[:, ~frame.columns.duplicated()]
        notes.append(f"duplicate column(s) {', '.join(dup)}: first copy used")
    return frame, notes


def choose_chart(table: pd.DataFrame, *, x: str | None = None,
                 y: str | list[str] | None = None, color: str | None = None,
                 kind: str | None = None, title: str | None = None,
                 intent: str | None = None, agg: str | None = None,
                 top_n: int | None = None,
                 kinds: dict[str, ColumnKind] | None = None, facet: str | None = None,
                 stacked: bool = False, bin_width: float | None = None,
                 bins: int | None = None
                 ) -> ChartSpec | None:
    """Pick the fitting chart for a result table (None when a chart would not help, e.g. a
    single number).

    ``kind`` forces a type (follow-up "as a line chart"); ``intent`` is a hint: "trend",
    "compare", "share", "distribution", "relationship", "ranking", "composition",
    "cumulative". ``agg`` is how raw rows are aggregated per category (default mean; count
    when there is no measure). ``top_n`` caps the bars shown (default 20). ``kinds`` gives
    measurement levels the caller already knows (``{"mean_tip": "quantitative"}`` from the
    query that made the table), so those columns are not profiled again. ``facet`` splits
    the chart into one panel per value of that column (small multiples sharing their axes),
    ``stacked`` stacks the colour groups of a bar chart, ``bin_width`` sets a histogram's
    bin width ("bin size 500") and ``bins`` their number ("10 bins"). The table is never modified.
    """
    if not isinstance(table, pd.DataFrame):
        raise InvalidRequest(f"choose_chart needs a pandas DataFrame, not "
                             f"{type(table).__name__}.", details={"parameter": "table"})
    for value, allowed, name in ((kind, KINDS, "kind"), (intent, INTENTS, "intent"),
                                 (agg, AGGS, "agg")):
        if value is not None and value not in allowed:
            raise InvalidRequest(f"Unknown chart {name} {value!r}; use one of "
                                 f"{', '.join(allowed)}.",
                                 details={"parameter": name, "allowed": list(allowed)})
    if bin_width is not None and not bin_width > 0:
        raise InvalidRequest(f"bin_width must be a positive number, not {bin_width!r}.",
                             details={"parameter": "bin_width"})
    if bins is not None and not (isinstance(bins, int) and 0 < bins <= R.MAX_BINS):
        raise InvalidRequest(f"bins must be a whole number from 1 to {R.MAX_BINS}, not "
                             f"{bins!r}.", details={"parameter": "bins"})
    if top_n is not None and top_n < 1:
        raise InvalidRequest("top_n must be at least 1.", details={"parameter": "top_n"})
    if table.empty or len(table.columns) == 0:
        return None
    frame, notes = _clean(table)
    ys = [y] if isinstance(y, str) else list(y or [])
    for col in [x, *ys, color, facet]:
        if col is not None and col not in frame.columns:
            raise column_not_found(str(col), [str(c) for c in frame.columns],
                                   role="chart column")
    t = Table.of(frame, kinds)
    if kind is None and len(frame) == 1:
        return None  # one row: the number itself says it better than a chart
    plan = _plan(t if facet is None else t.without(facet), x, ys, color, kind, intent,
                 panels=t.frame[facet] if facet is not None else None)
    if plan is None:
        return None
    if facet is not None:
        plan.facet = facet if facet not in (plan.x, *plan.ys, plan.color) else None
    stacked = stacked or (kind == "histogram" and plan.kind == "bar")  # parts of a whole
    spec = build_spec(t, plan, intent=intent, agg=agg, top_n=top_n or R.MAX_BAR_CATEGORIES,
                      stacked=stacked, bin_width=bin_width, bins=bins)
    if spec is None:
        return None
    if title:
        spec.title = title
    spec.notes = notes + spec.notes
    return spec



def _plan(t: Table, x: str | None, ys: list[str], color: str | None, kind: str | None,
          intent: str | None, panels: pd.Series | None = None) -> ChartPlan | None:
    """Fill in the missing encodings, then the chart kind (``panels``: the facet column,
    whose values make a key repeat across panels)."""
    if kind is not None:
        return _plan_forced(t, x, ys, color, kind)
    if x is None and not ys:
        return _infer(t, color, intent)
    if x is None:  # only y given
        dims = t.dims
        if intent == "distribution" or not dims:
            if len(ys) == 1 and t.kinds[ys[0]] == "quantitative":
                x_dim = color if color and t.kinds[color] != "quantitative" else None
                return ChartPlan("box" if x_dim else "histogram", x_dim if x_dim else ys[0],
                             ys if x_dim else [])
        x = dims[0] if dims else None
        if x is None:
            return ChartPlan("scatter", ys[0], ys[1:2]) if len(ys) >= 2 else None
    xk = t.kinds[x]
    if not ys:
        if xk == "quantitative":
            return ChartPlan("histogram", x, [])
        return ChartPlan("bar", x, [], color)
    yk = [t.kinds[c] for c in ys]
    if all(k != "quantitative" for k in yk) and xk != "quantitative":
        value = color if color is not None and t.kinds[color] == "quantitative" else None
        return ChartPlan("heatmap", x, ys[:1], value)
    if xk == "temporal":
        area = intent in ("cumulative", "composition", "share") and not (
            intent == "share" and color is None and len(ys) == 1)
        return ChartPlan("area" if area else "line", x, ys, color)
    if xk == "quantitative":
        keys = t.frame[[x] if color is None else [x, color]]
        if panels is not None:
            keys = keys.assign(_panel=panels)
        if not keys.duplicated().any() and is_dense_integer_key(t.frame[x].drop_duplicates()):
            return ChartPlan("bar", x, ys, color)
        if intent == "trend":
            return ChartPlan("line", x, ys, color)
        return ChartPlan("scatter", x, ys[:1], color)
    if intent == "distribution" and not t.is_unique([x]):
        return ChartPlan("box", x, ys[:1])
    return ChartPlan("bar", x, ys, color)


def _infer(t: Table, color: str | None, intent: str | None) -> ChartPlan | None:
    dims, measures = t.dims, t.measures
    if color is not None and color in dims:
        dims = [d for d in dims if d != color]
    small_dims = [d for d in dims if t.nunique(d) <= R.MAX_COLOR_GROUPS]
    if intent == "distribution" and measures:
        by = small_dims[0] if small_dims else None
        return ChartPlan("box", by, measures[:1]) if by else ChartPlan("histogram", measures[0], [])
    if intent == "relationship" and len(measures) >= 2:
        return ChartPlan("scatter", measures[0], [measures[1]], color or
                     next((d for d in small_dims if t.kinds[d] == "nominal"), None))
    if not dims:
        if len(measures) == 1:
            return ChartPlan("histogram", measures[0], [])
        return ChartPlan("scatter", measures[0], [measures[1]], color)
    temporal = [d for d in dims if t.kinds[d] == "temporal"]
    aggregated = t.is_unique(dims)
    if not measures:
        if aggregated and len(dims) == 1:
            return None  # a list of distinct values: nothing to measure
        if len(dims) >= 2 and not temporal and intent != "compare":
            return ChartPlan("heatmap", dims[0], [dims[1]])
        return ChartPlan("bar", dims[0], [], color)
    if not aggregated and not temporal and len(measures) >= 2 and intent not in (
            "compare", "ranking", "share"):
        return ChartPlan("scatter", measures[0], [measures[1]], color or
                     next((d for d in small_dims if t.kinds[d] == "nominal"), None))
    x = temporal[0] if temporal else dims[0]
    if color is None and len(dims) >= 2:
        others = [d for d in dims if d != x]
        color = min(others, key=t.nunique)
        if not temporal and t.nunique(color) > t.nunique(x) and t.nunique(x) <= R.MAX_COLOR_GROUPS:
            x, color = color, x
    ys = measures if (aggregated and color is None) else measures[:1]
    ys = ys[:R.MAX_COLOR_GROUPS]
    if temporal:
        area = intent in ("cumulative", "composition")
        return ChartPlan("area" if area else "line", x, ys, color)
    return ChartPlan("bar", x, ys, color)


def _plan_forced(t: Table, x: str | None, ys: list[str], color: str | None,
                 kind: str) -> ChartPlan:
    dims, measures = t.dims, t.measures

    def need(what: str) -> DataError:
        return DataError(f"A {kind.replace('_', ' ')} chart needs {what}; this table has "
                         f"measures {measures or 'none'} and categories {dims or 'none'}.",
                         details={"parameter": "kind", "kind": kind,
                                  "columns": [str(c) for c in t.frame.columns]})

    if kind == "histogram":
        col = x if x is not None and t.kinds[x] == "quantitative" else (
            ys[0] if ys else (measures[0] if measures else None))
        if col is None:
            raise need("a numeric column")
        if color is not None and t.kinds[color] != "quantitative" and \
                is_discrete(t.frame[col]):
            # a few whole values split by a category: a bar of counts per value and group
            # (a histogram has no colour)
            return ChartPlan("bar", col, [], color)
        if color is not None and t.kinds[color] != "quantitative" and \
                t.nunique(color) <= R.MAX_FACETS:
            return ChartPlan("histogram", col, [], facet=color)  # one histogram per group
        return ChartPlan("histogram", col, [])
    if kind == "scatter":
        cols = [c for c in [x, *ys] if c is not None] or measures[:2]
        if len(cols) < 2:
            more = [m for m in measures if m not in cols]
            cols = cols + more[:2 - len(cols)]
        if len(cols) < 2:
            raise need("two numeric columns")
        return ChartPlan("scatter", cols[0], [cols[1]], color)
    if kind == "box":
        y0 = ys[0] if ys else (x if x is not None and t.kinds[x] == "quantitative"
                               else (measures[0] if measures else None))
        if y0 is None:
            raise need("a numeric column")
        by = x if x is not None and x != y0 else (dims[0] if dims else None)
        return ChartPlan("box", by, [y0])
    if kind == "heatmap":
        a = x or (dims[0] if dims else None)
        b = ys[0] if ys else next((d for d in dims if d != a), None)
        if a is None or b is None:
            raise need("two categorical columns")
        value = color or (ys[1] if len(ys) > 1 else None)
        return ChartPlan("heatmap", a, [b], value)
    if kind in ("bar", "horizontal_bar") and x is not None and not ys and \
            t.kinds[x] == "quantitative" and not [m for m in measures if m != x] and \
            not is_discrete(t.frame[x], R.MAX_BAR_CATEGORIES):
        return _plan_forced(t, x, ys, color, "histogram")  # bars of a measure's counts
    # bar / horizontal_bar / pie / donut / line / area
    if x is None:
        temporal = [d for d in dims if t.kinds[d] == "temporal"]
        x = (temporal or dims or [None])[0] if kind in ("line", "area") else (dims or [None])[0]
    if x is None:
        if kind in ("line", "area") and measures:
            x = measures[0]
        else:
            raise need("a category or time column for the x axis")
    if not ys:
        ys = [m for m in measures if m != x][:1 if kind in ("pie", "donut") else
                                              R.MAX_COLOR_GROUPS]
    if kind in ("pie", "donut"):
        ys = ys[:1]
        color = None
    return ChartPlan(kind, x, ys, color)

