"""``chart_for_tool``: the chart that goes with a tool result.

Which chart is decided by what the tool left in ``plot_data`` / ``tables`` (the plot-data
contract), not by the tool's name, so a new tool gets a chart by following the contract:

* ``plot_data["forecast"]`` (+ ``"history"``): history and forecast lines with the interval
  as a band (arima, exponential_smoothing);
* ``plot_data["fitted"]`` with ``actual``/``fitted``: fitted vs actual with the y = x line
  (regressions);
* ``plot_data["labels"]``: points coloured by cluster (kmeans);
* ``plot_data["scatter"]`` (two numeric columns: a correlation of two): their scatter;
* a square correlation matrix (table, plot_data or ``statistics``): heatmap;
* a contingency table (``tables`` key containing "contingency" or "confusion": a label
  column, one count column per level): heatmap of counts (chi_square, evaluate_model);
* ``plot_data["qq"]`` (``theoretical``, ``sample``): a normal Q-Q plot with the y = x line
  (normality_test);
* ``plot_data["distribution"]`` (one numeric column of raw values): histogram
  (skewness_kurtosis);
* ``plot_data["box"]`` (raw values, long: a label column and a value column): box plots
  (outliers);
* ``plot_data["bars"]`` (a label column and one count column): bars (missing_values);
* per-group means: a table with a label column and ``mean`` (plus ``std`` and ``n``, or
  ``ci_low``/``ci_high``, or ``sem``) in ``plot_data`` or in a ``tables`` entry whose key
  contains "group"; or raw rows (label + value columns) in ``plot_data["groups"]``: bars with
  95 % confidence intervals (t_test, anova).

Anything else (or a result without that data) gets None: no chart rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import reduce as R
from .columns import as_datetime, humanize
from .spec import ChartSpec

if TYPE_CHECKING:  # pragma: no cover
    from ..tools.base import ToolResult

_TIME_NAMES = ("date", "time", "period", "timestamp", "ds", "step", "t", "index")
_CLUSTER_NAMES = ("cluster", "label", "labels", "segment", "group")


def chart_for_tool(result: ToolResult) -> ChartSpec | None:
    """The fitting chart for a tool result, or None when its data does not support one."""
    plot = dict(getattr(result, "plot_data", None) or {})
    builders = []
    if _frame(plot.get("forecast")) is not None:
        builders.append(_forecast_chart)
    if _frame(plot.get("fitted")) is not None:
        builders.append(_fitted_chart)
    if _frame(plot.get("labels")) is not None:
        builders.append(_cluster_chart)
    for key, build in (("qq", _qq_chart), ("distribution", _distribution_chart),
                       ("box", _box_chart), ("bars", _bars_chart), ("scatter", _pair_chart)):
        if _frame(plot.get(key)) is not None:
            builders.append(build)
    builders += [_correlation_chart, _group_means_chart, _contingency_chart]
    for build in builders:
        try:
            spec = build(result, plot)
        except (KeyError, ValueError, TypeError, IndexError):
            spec = None
        if spec is not None:
            return spec
    return None


def _frame(value: Any) -> pd.DataFrame | None:
    return value if isinstance(value, pd.DataFrame) and not value.empty else None


def _target(result: ToolResult) -> str:
    inputs = getattr(result, "inputs", None) or {}
    return str(inputs.get("target") or inputs.get("value") or inputs.get("column") or "")


def _numeric(frame: pd.DataFrame) -> list[str]:
    return [str(c) for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
            and not pd.api.types.is_bool_dtype(frame[c])]


def _time_column(frame: pd.DataFrame) -> str | None:
    lowered = {str(c).lower(): str(c) for c in frame.columns}
    for name in _TIME_NAMES:
        if name in lowered:
            return lowered[name]
    for c in frame.columns:
        if as_datetime(frame[c]) is not None:
            return str(c)
    return None


# --------------------------------------------------------------------------- forecast
def _forecast_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    fc = _frame(plot.get("forecast"))
    hist = _frame(plot.get("history"))
    x = _time_column(fc)
    if x is None:
        return None
    lower = next((c for c in ("lower", "lower_ci", "lo", "ci_lower") if c in fc.columns), None)
    upper = next((c for c in ("upper", "upper_ci", "hi", "ci_upper") if c in fc.columns), None)
    forecast_col = "forecast" if "forecast" in fc.columns else next(
        c for c in _numeric(fc) if c not in (x, lower, upper))
    parts = []
    ys: list[str] = []
    if hist is not None and x in hist.columns:
        actual = "actual" if "actual" in hist.columns else next(
            (c for c in _numeric(hist) if c not in (x, "fitted")), None)
        if actual is not None:
            parts.append(hist[[x, actual]])
            ys.append(actual)
    parts.append(fc[[c for c in (x, forecast_col, lower, upper) if c is not None]])
    ys.append(forecast_col)
    data = pd.concat(parts, ignore_index=True)
    if len(ys) == 2 and len(parts[0]) and pd.notna(data[ys[0]].iloc[len(parts[0]) - 1]):
        # Start the forecast line at the last observation so the two lines join up.
        last = len(parts[0]) - 1
        for col in (forecast_col, lower, upper):
            if col is not None:
                data.loc[last, col] = data.loc[last, ys[0]]
    if as_datetime(data[x]) is not None and not pd.api.types.is_numeric_dtype(data[x]):
        data[x] = as_datetime(data[x])
    target = _target(result)
    what = target or "the series"
    band = (lower, upper) if lower and upper else None
    notes = []
    if band:
        level = (getattr(result, "inputs", None) or {}).get("confidence")
        pct = f"{float(level) * 100:g} % " if isinstance(level, (int, float)) else ""
        notes.append(f"shaded: {pct}prediction interval")
    time_name = (getattr(result, "inputs", None) or {}).get("date")
    return ChartSpec("line", data, x, ys, title=f"Forecast of {what} ({result.model_type})",
                     x_label=humanize(time_name) if isinstance(time_name, str) else None,
                     y_label=humanize(target) if target else "Value",
                     sort_field=x, sort_direction="asc", band=band, notes=notes)


# --------------------------------------------------------------------------- regression
def _fitted_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    fitted = _frame(plot.get("fitted"))
    if not {"actual", "fitted"} <= set(fitted.columns):
        return None
    target = _target(result)
    data = fitted[["fitted", "actual"]].dropna()
    if data.empty:
        return None
    label = humanize(target) if target else "Value"
    classes = pd.unique(data["actual"])
    if len(classes) == 2 and data["fitted"].between(0, 1).all():
        # A classifier: predicted probability per actual class says more than a 0/1 scatter.
        data = data.assign(actual=data["actual"].map(lambda v: f"{target or 'class'} = {v:g}"))
        return ChartSpec("box", data, "actual", "fitted",
                         title=f"Predicted probability by actual {target or 'class'} "
                               f"({result.model_type})",
                         x_label=f"Actual {label}", y_label="Predicted probability")
    return ChartSpec("scatter", data, "fitted", "actual",
                     title=f"Actual vs fitted {target or 'values'} ({result.model_type})",
                     x_label=f"Fitted {label}", y_label=f"Actual {label}",
                     identity_line=True, notes=["dashed line: perfect fit (y = x)"])


# --------------------------------------------------------------------------- clusters
def _cluster_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    labels = _frame(plot.get("labels"))
    lowered = {str(c).lower(): str(c) for c in labels.columns}
    cluster = next((lowered[n] for n in _CLUSTER_NAMES if n in lowered), None)
    if cluster is None:
        return None
    features = [c for c in _numeric(labels) if c != cluster]
    if len(features) < 2:
        return None
    x, y = features[0], features[1]
    data = labels[[x, y]].copy()
    data[cluster] = labels[cluster].map(lambda v: f"cluster {v}" if not isinstance(v, str) else v)
    notes = [] if len(features) == 2 else [f"first two of {len(features)} features shown"]
    return ChartSpec("scatter", data, x, y, color=cluster,
                     title=f"{y} vs {x} by {cluster} ({result.model_type})", notes=notes)


# --------------------------------------------------------------------------- correlation
def _candidate_frames(result: ToolResult, plot: dict[str, Any]) -> Iterator[pd.DataFrame]:
    for source in (plot, getattr(result, "tables", None) or {}):
        for value in source.values():
            if isinstance(value, pd.DataFrame) and not value.empty:
                yield value


def _square_matrix(frame: pd.DataFrame) -> pd.DataFrame | None:
    """``frame`` as a labelled square matrix if it is one (labels in the index or in the
    first column), else None."""
    num = _numeric(frame)
    if len(num) >= 2 and set(map(str, frame.index)) == set(num) and len(frame) == len(num):
        m = frame[num]
        m.index = m.index.map(str)
        return m
    first = frame.columns[0]
    if not pd.api.types.is_numeric_dtype(frame[first]):
        labels = frame[first].astype(str)
        if len(num) >= 2 and set(labels) == set(num) and len(frame) == len(num):
            return frame.set_index(labels)[num]
    return None


def _pair_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    """The correlation of two columns: their scatter (the relation itself, where a 2 x 2
    matrix would show one number twice)."""
    frame = plot["scatter"]
    num = _numeric(frame)
    if len(num) != 2:
        return None
    x, y = num
    stats = getattr(result, "statistics", None) or {}
    r = stats.get("r")
    title = f"{y} vs {x}" + (f" (r = {float(r):.2f})" if isinstance(r, (int, float))
                             and np.isfinite(r) else "")
    data = frame[[x, y]].dropna()
    notes = [f"{R.fmt_int(len(frame) - len(data))} row(s) with missing values left out"] \
        if len(data) < len(frame) else []
    return ChartSpec("scatter", data, x, y, title=title, notes=notes)


def _correlation_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    matrix = None
    for frame in _candidate_frames(result, plot):
        matrix = _square_matrix(frame)
        if matrix is not None:
            break
    if matrix is None:
        stats = getattr(result, "statistics", None) or {}
        nested = stats.get("matrix") or stats.get("correlation") or stats
        if isinstance(nested, dict) and nested and all(isinstance(v, dict)
                                                       for v in nested.values()):
            m = pd.DataFrame(nested)
            if set(m.index) == set(m.columns) and len(m) >= 2:
                matrix = m.loc[list(m.columns)]
    if matrix is None:
        return None
    values = matrix.to_numpy(dtype="float64")
    finite = values[np.isfinite(values)]
    if len(finite) == 0 or finite.min() < -1 - 1e-9 or finite.max() > 1 + 1e-9:
        return None
    cols = list(matrix.columns)
    long = pd.DataFrame({"variable_x": np.tile(cols, len(matrix)),
                         "variable_y": np.repeat(list(matrix.index), len(cols)),
                         "correlation": values.ravel()})
    method = (getattr(result, "inputs", None) or {}).get("method")
    title = f"{str(method).title() + ' c' if method else 'C'}orrelation matrix"
    return ChartSpec("heatmap", long, "variable_x", "variable_y", color="correlation",
                     title=title, x_label="", y_label="", color_label="r",
                     value_range=(-1.0, 1.0))


# --------------------------------------------------------------------------- group means
def _interval(sd: np.ndarray, n: np.ndarray) -> np.ndarray:
    from scipy import stats

    with np.errstate(divide="ignore", invalid="ignore"):
        return stats.t.ppf(0.975, np.maximum(n - 1, 1)) * sd / np.sqrt(n)


def _group_means_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    summary = None
    tables = getattr(result, "tables", None) or {}
    grouped = [v for k, v in tables.items() if "group" in str(k).lower()]
    for frame in [*(_frame(v) for v in plot.values()), *(_frame(v) for v in grouped)]:
        if frame is None:
            continue
        lowered = {str(c).lower(): str(c) for c in frame.columns}
        labels = [str(c) for c in frame.columns
                  if not pd.api.types.is_numeric_dtype(frame[c])]
        if "mean" in lowered and labels:
            summary = (frame, labels[0], lowered)
            break
    target = _target(result) or "value"
    if summary is not None:
        frame, group, lowered = summary
        data = pd.DataFrame({group: frame[group].astype(str),
                             "mean": frame[lowered["mean"]].astype("float64")})
        lo = next((lowered[c] for c in ("ci_low", "ci_lower", "lower") if c in lowered), None)
        hi = next((lowered[c] for c in ("ci_high", "ci_upper", "upper") if c in lowered), None)
        if lo and hi:
            data["ci95"] = (frame[hi].to_numpy(float) - frame[lo].to_numpy(float)) / 2
        sd = next((lowered[c] for c in ("std", "sd") if c in lowered), None)
        n = next((lowered[c] for c in ("n", "count") if c in lowered), None)
        se = next((lowered[c] for c in ("sem", "se") if c in lowered), None)
        if not (lo and hi) and sd and n:
            data["ci95"] = _interval(frame[sd].to_numpy(float), frame[n].to_numpy(float))
        elif not (lo and hi) and se:
            data["ci95"] = 1.96 * frame[se].to_numpy(float)
    else:
        raw = next((f for f in (_frame(plot.get(k)) for k in ("groups", "data", "values"))
                    if f is not None), None)
        if raw is None:
            return None
        labels = [c for c in raw.columns if not pd.api.types.is_numeric_dtype(raw[c])]
        values = _numeric(raw)
        if not labels or not values:
            return None
        group, value = labels[0], values[0]
        g = raw.groupby(group, sort=False, observed=True)[value].agg(["mean", "std", "count"])
        data = pd.DataFrame({group: g.index.astype(str), "mean": g["mean"].to_numpy(),
                             "ci95": _interval(g["std"].to_numpy(float),
                                               g["count"].to_numpy(float))})
        target = _target(result) or value
    if len(data) < 2:
        return None
    error = "ci95" if "ci95" in data.columns else None
    notes = ["error bars: 95 % confidence interval of the mean"] if error else []
    by = (getattr(result, "inputs", None) or {}).get("group")
    by = by if isinstance(by, str) else group
    return ChartSpec("bar", data.reset_index(drop=True), group, "mean", error_y=error,
                     title=f"Mean {target} by {by} ({result.model_type})",
                     x_label=humanize(by),
                     y_label=f"Mean {humanize(target)}", sort_field=group,
                     sort_direction="asc", notes=notes)


# --------------------------------------------------------------------------- contingency
def _contingency_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    tables = getattr(result, "tables", None) or {}
    key, table = next(((str(k).lower(), _frame(v)) for k, v in tables.items()
                       if ("contingency" in str(k).lower() or "confusion" in str(k).lower())
                       and _frame(v) is not None), (None, None))
    if table is None or len(table.columns) < 3:
        return None
    if "confusion" in key:
        return _confusion_chart(result, table)
    row = str(table.columns[0])
    counts = [c for c in _numeric(table) if c != row]
    if len(counts) < 2:
        return None
    inputs = getattr(result, "inputs", None) or {}
    col = inputs.get("column") if isinstance(inputs.get("column"), str) else "column"
    if col == row:
        col = f"{col}_level"
    long = table.melt(id_vars=[row], value_vars=counts, var_name=col, value_name="count")
    long[row] = long[row].astype(str)
    return ChartSpec("heatmap", long, col, row, color="count",
                     title=f"Number of rows by {row} and {col} ({result.model_type})",
                     color_label="Count", agg="count")


def _confusion_chart(result: ToolResult, table: pd.DataFrame) -> ChartSpec | None:
    actual = str(table.columns[0])
    predicted = [c for c in _numeric(table) if c != actual]
    long = table.melt(id_vars=[actual], value_vars=predicted, var_name="predicted",
                      value_name="count")
    long[actual] = long[actual].astype(str)
    target = _target(result)
    return ChartSpec("heatmap", long, "predicted", actual, color="count",
                     title=f"Confusion matrix of {target or 'the classes'} on the test rows "
                           f"({result.model_type})",
                     x_label="Predicted", y_label="Actual", color_label="Rows", agg="count")


# --------------------------------------------------------------------------- distributions
def _qq_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    qq = _frame(plot.get("qq"))
    if not {"theoretical", "sample"} <= set(qq.columns):
        return None
    what = _target(result) or "the values"
    return ChartSpec("scatter", qq[["theoretical", "sample"]], "theoretical", "sample",
                     title=f"Normal Q-Q plot of {what} ({result.model_type})",
                     x_label="Normal quantile (same mean and sd)",
                     y_label=f"{humanize(what)} (sorted)", identity_line=True,
                     notes=["dashed line: a perfectly normal sample"])


def _distribution_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    values = _frame(plot.get("distribution"))
    numeric = _numeric(values)
    if not numeric:
        return None
    col = numeric[0]
    return ChartSpec("histogram", values[[col]], col, None,
                     title=f"Distribution of {col} ({result.model_type})")


def _box_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    data = _frame(plot.get("box"))
    labels = [c for c in data.columns if not pd.api.types.is_numeric_dtype(data[c])]
    values = _numeric(data)
    if not labels or not values:
        return None
    return ChartSpec("box", data[[labels[0], values[0]]], labels[0], values[0],
                     title=f"Spread of each column, outliers beyond the whiskers "
                           f"({result.model_type})", x_label="", y_label="Value")


def _bars_chart(result: ToolResult, plot: dict[str, Any]) -> ChartSpec | None:
    data = _frame(plot.get("bars"))
    labels = [c for c in data.columns if not pd.api.types.is_numeric_dtype(data[c])]
    values = _numeric(data)
    if not labels or not values:
        return None
    label, value = labels[0], values[0]
    return ChartSpec("bar", data[[label, value]].reset_index(drop=True), label, value,
                     title=f"{humanize(value)} by {label} ({result.model_type})",
                     x_label=humanize(label), y_label=humanize(value),
                     sort_field=value, sort_direction="desc")
