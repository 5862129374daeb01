"""ChartSpec -> Chart.js 4 config, the analytics-chat seed's ``charts`` item.

The config is what ``new Chart(canvas, config)`` takes (``type``, ``data.labels``,
``data.datasets[{label, data}]``, ``options``) with the seed's ``chartType`` and ``title`` on
top. A faceted chart (small multiples) adds ``panels``: one full config per panel, titled
"<facet> = <value>", with shared axis bounds and colours; its own ``data`` overlays the
panels (one dataset per panel and series) for a page that draws a single canvas. Box plots
and heatmaps have no core Chart.js type: they use the ``boxplot`` type of
``@sgratzl/chartjs-chart-boxplot`` and the ``matrix`` type of ``chartjs-chart-matrix``, named
in ``requires`` so the page knows which plugin to load.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .encode import array, jsonify, labels
from .plotly_figure import PALETTE, _series, panels, series_colors

if TYPE_CHECKING:
    from .spec import ChartSpec

BAND_FILL = "rgba(128,128,128,0.25)"


def _alpha(hex_color: str, a: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{a})"


def _axis(title: str | None, **extra: Any) -> dict[str, Any]:
    return {"title": {"display": bool(title), "text": title or ""}, **extra}


def _category_labels(rows: pd.DataFrame, col: str | None) -> list[str | None]:
    return labels(rows[col]) if col is not None else []


def _aligned(spec: ChartSpec, cats: list[Any], rows: pd.DataFrame, y: str) -> list[Any]:
    """Values of one colour group laid out on the shared category labels (None = no bar)."""
    by_label = dict(zip(labels(rows[spec.x]), jsonify(array(rows[y]))))
    return [by_label.get(c) for c in cats]


def _bar_like(spec: ChartSpec) -> dict[str, Any]:
    cats = list(dict.fromkeys(_category_labels(spec.data, spec.x)))
    datasets = []
    for i, (name, rows, y) in enumerate(_series(spec)):
        color = PALETTE[i % len(PALETTE)]
        datasets.append({"label": name, "data": _aligned(spec, cats, rows, y),
                         "backgroundColor": color, "borderColor": color})
    cat_axis, val_axis = ("y", "x") if spec.kind == "horizontal_bar" else ("x", "y")
    options: dict[str, Any] = {"scales": {cat_axis: _axis(spec.x_label),
                                          val_axis: _axis(spec.y_label, beginAtZero=True)}}
    if spec.kind == "horizontal_bar":
        options["indexAxis"] = "y"
    if spec.stacked:
        for axis in options["scales"].values():
            axis["stacked"] = True
    return {"type": "bar", "data": {"labels": cats, "datasets": datasets}, "options": options}


def _line_like(spec: ChartSpec) -> dict[str, Any]:
    cats = list(dict.fromkeys(_category_labels(spec.data, spec.x)))
    series = _series(spec)
    stacked = spec.kind == "area" and len(series) > 1
    datasets: list[dict[str, Any]] = []
    for i, (name, rows, y) in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        ds: dict[str, Any] = {"label": name, "data": _aligned(spec, cats, rows, y),
                              "borderColor": color, "backgroundColor": _alpha(color, 0.35),
                              "pointRadius": 2 if len(cats) <= 60 else 0, "tension": 0,
                              "spanGaps": spec.band is None}
        if spec.kind == "area":
            ds["fill"] = "-1" if stacked and i > 0 else "origin"
        datasets.append(ds)
    if spec.band is not None:
        lo, hi = spec.band
        datasets.append({"label": lo, "data": _aligned(spec, cats, spec.data, lo),
                         "borderWidth": 0, "pointRadius": 0, "fill": False,
                         "backgroundColor": BAND_FILL})
        datasets.append({"label": hi, "data": _aligned(spec, cats, spec.data, hi),
                         "borderWidth": 0, "pointRadius": 0, "fill": "-1",
                         "backgroundColor": BAND_FILL})
    y_axis = _axis(spec.y_label, stacked=True) if stacked else _axis(spec.y_label)
    return {"type": "line", "data": {"labels": cats, "datasets": datasets},
            "options": {"scales": {"x": _axis(spec.x_label), "y": y_axis},
                        "interaction": {"mode": "index", "intersect": False}}}


def _points(rows: pd.DataFrame, x: str, y: str) -> list[dict[str, Any]]:
    xs, ys = jsonify(array(rows[x])), jsonify(array(rows[y]))
    return [{"x": a, "y": b} for a, b in zip(xs, ys) if a is not None and b is not None]


def _scatter(spec: ChartSpec) -> dict[str, Any]:
    y = spec.ys[0]
    c = spec.data[spec.color] if spec.color is not None else None
    if c is None or (pd.api.types.is_numeric_dtype(c) and not pd.api.types.is_bool_dtype(c)):
        groups = [(spec.y_label, spec.data)]
    else:
        groups = [(str(k), g) for k, g in spec.data.groupby(spec.color, sort=False,
                                                              dropna=False)]
    datasets = []
    for i, (name, rows) in enumerate(groups):
        color = PALETTE[i % len(PALETTE)]
        datasets.append({"label": name, "data": _points(rows, spec.x, y),
                         "backgroundColor": _alpha(color, 0.7), "borderColor": color,
                         "pointRadius": 2 if len(spec.data) > 1000 else 3})
    if spec.identity_line:
        pts = [p for d in datasets for p in d["data"]]
        if pts:
            lo = min(min(p["x"], p["y"]) for p in pts)
            hi = max(max(p["x"], p["y"]) for p in pts)
            datasets.append({"type": "line", "label": "y = x", "data": [{"x": lo, "y": lo},
                                                                        {"x": hi, "y": hi}],
                             "borderColor": "#777777", "borderDash": [6, 4], "pointRadius": 0,
                             "fill": False})
    return {"type": "scatter", "data": {"datasets": datasets},
            "options": {"scales": {"x": _axis(spec.x_label, type="linear"),
                                   "y": _axis(spec.y_label, type="linear")}}}


def _bin_label(a: float, b: float) -> str:
    return f"{a:.4g}–{b:.4g}"


def _histogram(spec: ChartSpec) -> dict[str, Any]:
    d = spec.data
    cats = [_bin_label(a, b) for a, b in zip(d["bin_start"].tolist(), d["bin_end"].tolist())]
    ds = {"label": "Count", "data": jsonify(array(d["count"])), "backgroundColor": PALETTE[0],
          "barPercentage": 1.0, "categoryPercentage": 1.0}
    return {"type": "bar", "data": {"labels": cats, "datasets": [ds]},
            "options": {"scales": {"x": _axis(spec.x_label),
                                   "y": _axis("Count", beginAtZero=True)}}}


def _pie(spec: ChartSpec) -> dict[str, Any]:
    y = spec.ys[0]
    cats = _category_labels(spec.data, spec.x)
    ds = {"label": spec.y_label, "data": jsonify(array(spec.data[y])),
          "backgroundColor": [PALETTE[i % len(PALETTE)] for i in range(len(cats))]}
    return {"type": "doughnut" if spec.kind == "donut" else "pie",
            "data": {"labels": cats, "datasets": [ds]}, "options": {}}


def _box(spec: ChartSpec) -> dict[str, Any]:
    d = spec.data
    has_x = spec.x is not None and spec.x in d.columns
    cats = _category_labels(d, spec.x) if has_x else [spec.y_label]
    items = [{"min": r["min"], "whiskerMin": r["lower_fence"], "q1": r["q1"],
              "median": r["median"], "q3": r["q3"], "whiskerMax": r["upper_fence"],
              "max": r["max"], "mean": r["mean"]}
             for r in jsonify(d[["min", "lower_fence", "q1", "median", "q3", "upper_fence",
                                 "max", "mean"]].to_dict("records"))]
    ds = {"label": spec.y_label, "data": items, "backgroundColor": _alpha(PALETTE[0], 0.4),
          "borderColor": PALETTE[0]}
    return {"type": "boxplot", "requires": ["@sgratzl/chartjs-chart-boxplot"],
            "data": {"labels": cats, "datasets": [ds]},
            "options": {"scales": {"x": _axis(spec.x_label), "y": _axis(spec.y_label)}}}


def _heatmap(spec: ChartSpec) -> dict[str, Any]:
    y = spec.ys[0]
    value = spec.color
    d = spec.data
    if value is None:
        d = d.groupby([spec.x, y], sort=False, observed=True).size().rename("count").reset_index()
        value = "count"
    xs, ys = labels(d[spec.x]), labels(d[y])
    vs = jsonify(array(d[value]))
    finite = np.array([v for v in vs if v is not None], dtype="float64")
    if spec.value_range is not None:
        lo, bound = (float(v) for v in spec.value_range)
        diverging = lo < 0 < bound
        bound = max(abs(lo), abs(bound)) if diverging else bound
    else:
        bound = float(np.max(np.abs(finite))) if len(finite) else 1.0
        diverging = len(finite) > 0 and finite.min() < 0 < finite.max()
        lo = 0.0 if diverging or not len(finite) else float(finite.min())

    def color(v: float | None) -> str:
        if v is None:
            return "rgba(128,128,128,0.1)"
        if diverging:
            t = v / bound if bound else 0.0
            return _alpha("#E45756", abs(t)) if t > 0 else _alpha("#4C78A8", abs(t))
        t = (v - lo) / (bound - lo) if bound > lo else 1.0
        return _alpha("#4C78A8", 0.15 + 0.85 * t)

    points = [{"x": a, "y": b, "v": v} for a, b, v in zip(xs, ys, vs)]
    ds = {"label": spec.color_label or "Count", "data": points,
          "backgroundColor": [color(v) for v in vs], "borderWidth": 1,
          "borderColor": "rgba(128,128,128,0.3)"}
    return {"type": "matrix", "requires": ["chartjs-chart-matrix"],
            "data": {"datasets": [ds]},
            "options": {"scales": {
                "x": _axis(spec.x_label, type="category", labels=list(dict.fromkeys(xs)),
                           offset=True, grid={"display": False}),
                "y": _axis(spec.y_label, type="category", labels=list(dict.fromkeys(ys)),
                           offset=True, reverse=False, grid={"display": False})}}}


_BUILDERS = {"bar": _bar_like, "horizontal_bar": _bar_like, "line": _line_like,
             "area": _line_like, "scatter": _scatter, "histogram": _histogram, "pie": _pie,
             "donut": _pie, "box": _box, "heatmap": _heatmap}


def _panel_body(spec: ChartSpec, rows: pd.DataFrame) -> dict[str, Any]:
    """One panel's config: the chart's builder on the panel's rows."""
    part = copy.copy(spec)
    part.data, part.facet = rows, None
    return _BUILDERS[spec.kind](part)


def _faceted(spec: ChartSpec) -> dict[str, Any]:
    colors = series_colors(spec)
    parts = [(value, _panel_body(spec, rows)) for value, rows in panels(spec)]
    names = {ds["label"] for _, body in parts for ds in body["data"]["datasets"]}
    labelled = "labels" in parts[0][1]["data"]
    cats = list(dict.fromkeys(c for _, body in parts for c in body["data"].get("labels", [])))
    overlay: list[dict[str, Any]] = []
    bounds: dict[str, list[float]] = {}
    for k, (value, body) in enumerate(parts):
        for ds in body["data"]["datasets"]:
            color = colors.get(str(ds["label"]))
            if color is not None:
                ds["borderColor"] = color
                ds["backgroundColor"] = color if spec.kind in ("bar", "horizontal_bar") \
                    else _alpha(color, 0.7)
            _grow_bounds(bounds, ds["data"], body["data"].get("labels"),
                         "x" if spec.kind == "horizontal_bar" else "y")
            merged = dict(ds)
            merged["label"] = f"{value}" if len(names) == 1 else f"{value}: {ds['label']}"
            if len(names) == 1:
                merged["backgroundColor"] = merged["borderColor"] = PALETTE[k % len(PALETTE)]
            if labelled:
                by_label = dict(zip(body["data"]["labels"], ds["data"]))
                merged["data"] = [by_label.get(c) for c in cats]
            overlay.append(merged)
    if spec.kind in ("bar", "horizontal_bar", "histogram", "area"):
        for axis in [a for a in bounds if a != "x" or spec.kind == "horizontal_bar"]:
            bounds[axis][0] = min(bounds[axis][0], 0.0)  # bars grow from zero
    if spec.stacked or (spec.kind == "area" and len(names) > 1):
        bounds.clear()  # stacked totals: each panel scales itself
    panel_cfgs = []
    for value, body in parts:
        scales = body.setdefault("options", {}).setdefault("scales", {})
        for axis, (lo, hi) in bounds.items():  # shared scales, as Plotly's ``matches``
            if axis in scales:
                scales[axis].update(min=lo, max=hi)
        body["options"]["plugins"] = {"title": {"display": True,
                                                "text": f"{spec.facet_label} = {value}"},
                                      "legend": {"display": len(names) > 1}}
        panel_cfgs.append({"facetValue": value, **body})
    first = parts[0][1]
    data = {"labels": cats, "datasets": overlay} if labelled else {"datasets": overlay}
    options = copy.deepcopy(first.get("options", {}))
    for axis in options.get("scales", {}).values():
        axis.pop("min", None)
        axis.pop("max", None)
    return {"type": first["type"], "data": data, "options": options,
            "facet": spec.facet, "panels": panel_cfgs}


def _grow_bounds(bounds: dict[str, list[float]], data: list[Any],
                 labels_: list[Any] | None, value_axis: str) -> None:
    """Widen the shared numeric axis bounds (value axes only) with one dataset's values."""
    if labels_ is None:  # points {x, y}
        pairs = [("x", p["x"]) for p in data] + [("y", p["y"]) for p in data]
    else:
        pairs = [(value_axis, v) for v in data]
    for axis, v in pairs:
        if isinstance(v, (int, float)) and np.isfinite(v):
            lo, hi = bounds.setdefault(axis, [float(v), float(v)])
            bounds[axis] = [min(lo, float(v)), max(hi, float(v))]


def chartjs_config(spec: ChartSpec) -> dict[str, Any]:
    body = _faceted(spec) if spec.facet is not None else _BUILDERS[spec.kind](spec)
    options = body.setdefault("options", {})
    options["responsive"] = True
    plugins = options.setdefault("plugins", {})
    plugins["title"] = {"display": bool(spec.title), "text": spec.title}
    if spec.notes:
        plugins["subtitle"] = {"display": True, "text": "; ".join(spec.notes)}
    n_datasets = len(body["data"]["datasets"])
    plugins["legend"] = {"display": spec.kind in ("pie", "donut") or n_datasets > 1}
    config = {"chartType": spec.kind, "title": spec.title, **body}
    return jsonify(config)
