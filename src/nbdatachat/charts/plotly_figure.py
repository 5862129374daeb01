"""ChartSpec -> Plotly figure dict, built by hand so it needs no plotly import.

Style decision: transparent backgrounds, mid-grey text (#777) and translucent grey grid lines,
so the same figure reads in JupyterLab's light and dark themes without knowing which is on.
The template is a small inline dict (not ``"plotly_white"``, whose expansion adds ~10 KB to
every payload). Hover labels name each value with its display name and a number format chosen
from the data's magnitude.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import reduce as R
from .columns import humanize
from .encode import array, jsonify, labels

if TYPE_CHECKING:
    from .spec import ChartSpec

#: Vega's category10-like palette: saturated enough for white and dark backgrounds.
PALETTE = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#EECA3B", "#B279A2",
           "#FF9DA6", "#9D755D", "#BAB0AC"]
TEXT = "#777777"
GRID = "rgba(128,128,128,0.22)"

TEMPLATE: dict[str, Any] = {"layout": {
    "colorway": PALETTE,
    "font": {"family": "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
             "size": 13, "color": TEXT},
    "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
    "xaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "linecolor": GRID, "automargin": True},
    "yaxis": {"gridcolor": GRID, "zerolinecolor": GRID, "linecolor": GRID, "automargin": True},
    "hoverlabel": {"font": {"size": 12}},
    "legend": {"bgcolor": "rgba(0,0,0,0)"},
}}


def number_format(values: Any) -> str:
    """A d3 format for hover values: integers with separators, 2 decimals in the usual
    range, 3 significant digits for small numbers."""
    v = np.asarray(values, dtype="float64").ravel()
    v = v[np.isfinite(v)]
    if len(v) == 0:
        return ",.2f"
    if np.all(v == np.round(v)):
        return ",.0f"
    top = float(np.max(np.abs(v)))
    if top >= 1000:
        return ",.1f"
    if top >= 1:
        return ",.2f"
    return ".3~g"


def _series(spec: ChartSpec, data: pd.DataFrame | None = None
            ) -> list[tuple[str, pd.DataFrame, str]]:
    """(name, rows, y column) for each drawn series of ``data`` (the whole chart, or one
    panel's rows): one per y, or one per colour group."""
    data = spec.data if data is None else data
    ys = spec.ys
    if spec.color is not None and spec.kind not in ("heatmap", "scatter") and ys:
        groups = data.groupby(spec.color, sort=False, dropna=False)
        return [(str(k), g, ys[0]) for k, g in groups]
    return [(humanize(y) if len(ys) > 1 else (spec.y_label or y), data, y) for y in ys]


def series_colors(spec: ChartSpec) -> dict[str, str]:
    """Series name -> colour over the whole chart, so a group keeps its colour in every
    panel of a faceted chart."""
    if spec.kind == "scatter" and spec.color is not None:
        names = [str(k) for k in spec.data[spec.color].drop_duplicates()]
    elif spec.kind in ("histogram", "pie", "donut", "box", "heatmap"):
        return {}
    else:
        names = [name for name, _, _ in _series(spec)]
    return {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(dict.fromkeys(names))}


def panels(spec: ChartSpec) -> list[tuple[Any, pd.DataFrame]]:
    """(facet value, rows) per panel in the panels' order; one (None, all rows) without a
    facet."""
    if spec.facet is None:
        return [(None, spec.data)]
    col = spec.data[spec.facet]
    out = []
    for value in spec.facet_values():
        rows = spec.data[col.isna()] if pd.isna(value) else \
            spec.data[col == value]
        out.append((value, rows))
    return out


def _hover(spec: ChartSpec, x_part: str, name: str, fmt: str, value: str = "y") -> str:
    return f"{spec.x_label or ''}: {x_part}<br>{name}: %{{{value}:{fmt}}}<extra></extra>"


def _traces(spec: ChartSpec) -> list[dict[str, Any]]:
    builders = {"bar": _bars, "horizontal_bar": _bars, "line": _lines, "area": _lines,
                "scatter": _scatter, "histogram": _histogram, "pie": _pie, "donut": _pie,
                "box": _box, "heatmap": _heatmap}
    build = builders[spec.kind]
    colors = series_colors(spec)
    if spec.facet is None:
        return build(spec, spec.data, colors)
    out: list[dict[str, Any]] = []
    shown: set[str] = set()
    for k, (value, rows) in enumerate(panels(spec)):
        for trace in build(spec, rows, colors):
            suffix = "" if k == 0 else str(k + 1)
            trace.update(xaxis="x" + suffix, yaxis="y" + suffix)
            name = str(trace.get("name"))
            trace["legendgroup"] = name
            trace["showlegend"] = name not in shown and (spec.color is not None or
                                                         len(spec.ys) > 1)
            shown.add(name)
            trace["hovertemplate"] = (f"{spec.facet_label}: {value}<br>" +
                                      trace.get("hovertemplate", ""))
            out.append(trace)
    return out


def _bars(spec: ChartSpec, data: pd.DataFrame, colors: dict[str, str]
          ) -> list[dict[str, Any]]:
    horizontal = spec.kind == "horizontal_bar"
    out = []
    for i, (name, rows, y) in enumerate(_series(spec, data)):
        cats, vals = array(rows[spec.x]) if spec.x else np.array([spec.y_label]), array(rows[y])
        fmt = number_format(vals)
        trace: dict[str, Any] = {"type": "bar", "name": name,
                                 "marker": {"color": colors.get(name, PALETTE[i % len(PALETTE)])}}
        if horizontal:
            trace.update(orientation="h", x=vals, y=cats,
                         hovertemplate=f"{spec.x_label}: %{{y}}<br>{name}: %{{x:{fmt}}}"
                                       "<extra></extra>")
        else:
            trace.update(x=cats, y=vals, hovertemplate=_hover(spec, "%{x}", name, fmt))
        if spec.error_y is not None:
            err = {"type": "data", "array": array(rows[spec.error_y]), "visible": True,
                   "color": TEXT}
            trace["error_x" if horizontal else "error_y"] = err
        out.append(trace)
    return out


def _lines(spec: ChartSpec, data: pd.DataFrame, colors: dict[str, str]
           ) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if spec.band is not None:
        lo, hi = spec.band
        rows = data.dropna(subset=[lo, hi])
        xb = array(rows[spec.x])
        fmt = number_format(array(rows[hi]))
        out.append({"type": "scatter", "mode": "lines", "x": xb, "y": array(rows[lo]),
                    "line": {"width": 0}, "showlegend": False, "name": humanize_band(lo),
                    "hovertemplate": _hover(spec, "%{x}", humanize_band(lo), fmt)})
        out.append({"type": "scatter", "mode": "lines", "x": xb, "y": array(rows[hi]),
                    "line": {"width": 0}, "fill": "tonexty",
                    "fillcolor": "rgba(128,128,128,0.25)", "name": "interval",
                    "hovertemplate": _hover(spec, "%{x}", humanize_band(hi), fmt)})
    series = _series(spec, data)
    stacked = spec.kind == "area" and len(series) > 1
    for i, (name, rows, y) in enumerate(series):
        if spec.band is not None:
            rows = rows[rows[y].notna()]
        vals = array(rows[y])
        fmt = number_format(vals)
        trace: dict[str, Any] = {
            "type": "scatter", "name": name, "x": array(rows[spec.x]), "y": vals,
            "mode": "lines+markers" if len(rows) <= 60 else "lines",
            "line": {"color": colors.get(name, PALETTE[i % len(PALETTE)]), "width": 2},
            "hovertemplate": _hover(spec, "%{x}", name, fmt),
        }
        if spec.kind == "area":
            trace.update(stackgroup="one") if stacked else trace.update(fill="tozeroy")
        out.append(trace)
    return out


def humanize_band(col: str) -> str:
    return humanize(col)


def _scatter(spec: ChartSpec, data: pd.DataFrame, colors: dict[str, str]
             ) -> list[dict[str, Any]]:
    y = spec.ys[0]
    trace_type = "scattergl" if len(data) > R.WEBGL_THRESHOLD else "scatter"
    fx, fy = number_format(array(data[spec.x])), number_format(array(data[y]))
    size = 5 if len(data) > R.WEBGL_THRESHOLD else 8
    hover = (f"{spec.x_label}: %{{x:{fx}}}<br>{spec.y_label}: %{{y:{fy}}}")
    base = {"type": trace_type, "mode": "markers"}
    if spec.color is None:
        return [{**base, "x": array(data[spec.x]), "y": array(data[y]), "name": spec.y_label,
                 "marker": {"color": PALETTE[0], "size": size, "opacity": 0.75},
                 "hovertemplate": hover + "<extra></extra>"}]
    c = data[spec.color]
    if pd.api.types.is_numeric_dtype(c) and not pd.api.types.is_bool_dtype(c):
        fc = number_format(array(c))
        return [{**base, "x": array(data[spec.x]), "y": array(data[y]), "name": spec.y_label,
                 "marker": {"color": array(c), "colorscale": "Viridis", "size": size,
                            "opacity": 0.8, "showscale": True,
                            "colorbar": {"title": {"text": spec.color_label}}},
                 "hovertemplate": hover + f"<br>{spec.color_label}: %{{marker.color:{fc}}}"
                                          "<extra></extra>"}]
    out = []
    for i, (key, rows) in enumerate(data.groupby(spec.color, sort=False, dropna=False)):
        out.append({**base, "x": array(rows[spec.x]), "y": array(rows[y]), "name": str(key),
                    "marker": {"color": colors.get(str(key), PALETTE[i % len(PALETTE)]),
                               "size": size, "opacity": 0.75},
                    "hovertemplate": hover + f"<br>{spec.color_label}: {key}<extra></extra>"})
    return out


def _histogram(spec: ChartSpec, data: pd.DataFrame, colors: dict[str, str]
               ) -> list[dict[str, Any]]:
    start, end = array(data["bin_start"]), array(data["bin_end"])
    fmt = number_format(np.concatenate([start, end]))
    return [{"type": "bar", "name": "count", "x": start, "y": array(data["count"]),
             "width": end - start, "offset": 0, "customdata": end,
             "marker": {"color": PALETTE[0], "line": {"width": 1, "color": "rgba(0,0,0,0)"}},
             "hovertemplate": f"{spec.x_label}: %{{x:{fmt}}} to %{{customdata:{fmt}}}"
                              "<br>Count: %{y:,}<extra></extra>"}]


def _pie(spec: ChartSpec, data: pd.DataFrame, colors: dict[str, str]
         ) -> list[dict[str, Any]]:
    y = spec.ys[0]
    vals = array(data[y])
    fmt = number_format(vals)
    return [{"type": "pie", "labels": np.array(labels(data[spec.x]), dtype=object),
             "values": vals, "name": spec.y_label, "sort": False, "direction": "clockwise",
             "hole": 0.45 if spec.kind == "donut" else 0,
             "marker": {"colors": [PALETTE[i % len(PALETTE)] for i in range(len(data))]},
             "textinfo": "percent+label",
             "hovertemplate": f"%{{label}}<br>{spec.y_label}: %{{value:{fmt}}} "
                              "(%{percent})<extra></extra>"}]


def _box(spec: ChartSpec, data: pd.DataFrame, colors: dict[str, str]
         ) -> list[dict[str, Any]]:
    trace: dict[str, Any] = {
        "type": "box", "name": spec.y_label, "boxpoints": False,
        "q1": array(data["q1"]), "median": array(data["median"]), "q3": array(data["q3"]),
        "lowerfence": array(data["lower_fence"]), "upperfence": array(data["upper_fence"]),
        "mean": array(data["mean"]), "marker": {"color": PALETTE[0]},
    }
    if spec.x is not None and spec.x in data.columns:
        trace["x"] = np.array(labels(data[spec.x]), dtype=object)
    else:
        trace["x"] = np.array([spec.y_label] * len(data), dtype=object)
    return [trace]


def _heatmap(spec: ChartSpec, data: pd.DataFrame, colors: dict[str, str]
             ) -> list[dict[str, Any]]:
    value = spec.color or (spec.ys[1] if len(spec.ys) > 1 else None)
    y = spec.ys[0]
    if value is None:
        grid = pd.crosstab(data[y], data[spec.x])
    else:
        grid = data.pivot_table(index=y, columns=spec.x, values=value, aggfunc="mean",
                                sort=False, observed=True)
    z = grid.to_numpy(dtype="float64")
    finite = z[np.isfinite(z)]
    if spec.value_range is not None:
        lo, hi = spec.value_range
        diverging = lo < 0 < hi
    else:
        diverging = bool(len(finite)) and finite.min() < 0 < finite.max()
    fmt = number_format(finite)
    trace: dict[str, Any] = {
        "type": "heatmap", "z": z,
        "x": np.array(labels(pd.Series(grid.columns)), dtype=object),
        "y": np.array(labels(pd.Series(grid.index)), dtype=object),
        "colorscale": "RdBu" if diverging else "Blues", "reversescale": bool(diverging),
        "colorbar": {"title": {"text": spec.color_label or "Count"}},
        "hovertemplate": f"{spec.x_label}: %{{x}}<br>{spec.y_label}: %{{y}}<br>"
                         f"{spec.color_label or 'Count'}: %{{z:{fmt}}}<extra></extra>",
    }
    if spec.value_range is not None:
        trace.update(zmin=spec.value_range[0], zmax=spec.value_range[1])
        if diverging:
            trace["zmid"] = 0
    elif diverging:
        bound = float(np.max(np.abs(finite)))
        trace.update(zmid=0, zmin=-bound, zmax=bound)
    if z.size <= 400:
        trace["texttemplate"] = f"%{{z:{fmt}}}"
    return [trace]


def _layout(spec: ChartSpec, traces: list[dict[str, Any]]) -> dict[str, Any]:
    title = spec.title
    if spec.notes:
        title += "<br><sup>" + "; ".join(spec.notes) + "</sup>"
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "margin": {"l": 60, "r": 20, "t": 70 if spec.notes else 55, "b": 50},
        "showlegend": len({str(t.get("name")) for t in traces}) > 1 and
        spec.kind not in ("pie", "donut"),
    }
    if spec.kind in ("pie", "donut"):
        layout["showlegend"] = True
        return layout
    horizontal = spec.kind == "horizontal_bar"
    cat_axis, val_axis = ("yaxis", "xaxis") if horizontal else ("xaxis", "yaxis")
    x_title, y_title = spec.x_label, spec.y_label
    layout[cat_axis] = {"title": {"text": x_title}}
    layout[val_axis] = {"title": {"text": y_title}}
    if spec.kind in ("bar", "horizontal_bar", "box"):
        order = [t for t in dict.fromkeys(
            v for tr in traces for v in jsonify(tr["y" if horizontal else "x"]))]
        layout[cat_axis].update(type="category", categoryorder="array", categoryarray=order)
        if horizontal:
            layout[cat_axis]["autorange"] = "reversed"  # first row (largest) on top
        layout["barmode"] = "stack" if spec.stacked else "group"
        layout["bargap"] = 0.25
    if spec.kind == "histogram":
        layout["bargap"] = 0.03
    if spec.kind in ("line", "area"):
        layout["hovermode"] = "x unified"
    if spec.kind == "heatmap":
        layout["xaxis"].update(type="category", showgrid=False)
        layout["yaxis"].update(type="category", showgrid=False, autorange="reversed")
    if spec.color is not None and spec.kind not in ("heatmap",):
        layout["legend"] = {"title": {"text": spec.color_label}}
    if spec.identity_line and spec.kind == "scatter":
        vals = np.concatenate([array(spec.data[spec.x]), array(spec.data[spec.ys[0]])])
        vals = vals[np.isfinite(vals)]
        if len(vals):
            lo, hi = float(vals.min()), float(vals.max())
            layout["shapes"] = [{"type": "line", "x0": lo, "y0": lo, "x1": hi, "y1": hi,
                                 "line": {"color": TEXT, "dash": "dash", "width": 1}}]
    if spec.facet is not None:
        _facet_axes(spec, layout)
    return layout


#: Panels per row of a faceted chart before wrapping; gaps between panels (paper units).
FACET_COLUMNS = 4
_GAP_X, _GAP_Y = 0.04, 0.14


def _facet_axes(spec: ChartSpec, layout: dict[str, Any]) -> None:
    """Small multiples, as plotly.express' ``facet_col`` / ``facet_col_wrap`` lay them out:
    one x/y axis pair per panel (``x2``/``y2`` ...), all panels sharing the first panel's
    scales (``matches``), value labels on the outer axes only, and each panel titled
    "<facet> = <value>"."""
    values = spec.facet_values()
    n = len(values)
    cols = min(n, FACET_COLUMNS)
    rows = -(-n // cols)
    width = (1 - _GAP_X * (cols - 1)) / cols
    height = (1 - _GAP_Y * (rows - 1)) / rows
    base_x, base_y = layout.get("xaxis", {}), layout.get("yaxis", {})
    notes: list[dict[str, Any]] = []
    for k, value in enumerate(values):
        row, col = divmod(k, cols)
        x0 = col * (width + _GAP_X)
        y1 = 1 - row * (height + _GAP_Y)
        suffix = "" if k == 0 else str(k + 1)
        xa = {**base_x, "domain": [x0, x0 + width], "anchor": "y" + suffix}
        ya = {**base_y, "domain": [max(0.0, y1 - height), y1], "anchor": "x" + suffix}
        if k:
            xa["matches"], ya["matches"] = "x", "y"
        if col:
            ya["showticklabels"] = False
            ya["title"] = {"text": ""}
        if row < rows - 1 and k + cols < n:
            xa["title"] = {"text": ""}  # only the bottom panel of each column names x
        layout["xaxis" + suffix], layout["yaxis" + suffix] = xa, ya
        notes.append({"text": f"{spec.facet_label} = {value}", "showarrow": False,
                      "xref": "paper", "yref": "paper", "x": x0 + width / 2, "y": y1,
                      "xanchor": "center", "yanchor": "bottom", "font": {"size": 12}})
    layout["annotations"] = layout.get("annotations", []) + notes
    layout["margin"]["t"] += 20
    if rows > 1:
        layout["height"] = 320 * rows + 100


def figure_dict(spec: ChartSpec, *, arrays: bool) -> dict[str, Any]:
    """The figure as ``{"data", "layout"}``; numpy arrays (for go.Figure, fast) when
    ``arrays`` else JSON-safe lists (for the mimetype payload)."""
    traces = _traces(spec)
    fig = {"data": traces, "layout": _layout(spec, traces)}
    return fig if arrays else jsonify(fig)
