"""Keep what goes to the browser small: bin, summarise, sample or bucket the plotted table.

A chart never ships more than ~1 MB. Instead of sending raw rows, histograms send bin counts,
box plots send quartiles, big scatters send a deterministic random sample and long lines are
averaged over buckets of consecutive points; each step leaves a note saying what was done.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .columns import _is_integer_valued

#: Scatter points kept (a random sample beyond this); Vega-Lite/Lux sample at the same order.
MAX_SCATTER_POINTS = 5_000
#: Above this many points a scatter is drawn with WebGL (``scattergl``), as plotly.express does.
WEBGL_THRESHOLD = 1_000
#: Points per line series before consecutive points are averaged into buckets.
MAX_LINE_POINTS = 2_000
#: Bars shown before the chart turns into a top-N horizontal bar chart.
MAX_BAR_CATEGORIES = 20
#: Categories kept in any categorical chart built directly from a big table.
HARD_MAX_CATEGORIES = 500
#: Series (colours) kept on one chart; more are unreadable.
MAX_COLOR_GROUPS = 10
#: Bins of a histogram with a requested bin width (a smaller width is not honoured).
MAX_BINS = 500
#: Panels of a faceted chart (small multiples); the largest are kept.
MAX_FACETS = 12
#: Rows / columns of a heatmap.
MAX_HEATMAP_SIDE = 50
#: Random seed for every sample, so the same question gives the same chart.
SAMPLE_SEED = 0

BIN_COLUMNS = ("bin_start", "bin_end", "count")
BOX_COLUMNS = ("n", "min", "lower_fence", "q1", "median", "q3", "upper_fence", "max", "mean")


def fmt_int(n: int) -> str:
    return f"{n:,}"


def sample_rows(frame: pd.DataFrame, n: int, seed: int = SAMPLE_SEED) -> pd.DataFrame:
    """A deterministic random sample of ``n`` rows, kept in their original order."""
    if len(frame) <= n:
        return frame
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(len(frame), size=n, replace=False))
    return frame.iloc[idx]


def bin_edges(values: pd.Series, max_bins: int = 60, width: float | None = None,
              count: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(finite values, bin edges). ``width`` asks for bins of that width, aligned on its
    multiples ("bin size 500": 1500-2000, 2000-2500 ...), at most ``MAX_BINS`` of them;
    ``count`` asks for that many equal bins over the range ("10 bins").

    Without a width the rule is numpy's 'auto' (max of Sturges and Freedman-Diaconis), and
    integer data with a small range gets one bin per integer so that counts of 1, 2, 3 are
    not split."""
    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    v = v[np.isfinite(v)]
    if len(v) == 0:
        return v, np.array([0.0, 1.0])
    lo, hi = float(v.min()), float(v.max())
    if width is not None and width > 0 and (hi - lo) / width < MAX_BINS:
        start = np.floor(lo / width) * width
        n = max(1, int(np.floor((hi - start) / width)) + 1)
        return v, start + width * np.arange(n + 1)
    if count is not None and 0 < count <= MAX_BINS and hi > lo:
        return v, np.linspace(lo, hi, count + 1)
    if _is_integer_valued(pd.Series(v)) and hi - lo <= max_bins:
        edges = np.arange(lo, hi + 2.0)
    elif lo == hi:
        edges = np.array([lo - 0.5, hi + 0.5])
    else:
        edges = np.histogram_bin_edges(v, bins="auto")
        if len(edges) - 1 > max_bins:
            edges = np.linspace(lo, hi, max_bins + 1)
        elif len(edges) - 1 < 5:
            edges = np.linspace(lo, hi, 6)
    return v, edges


def histogram_bins(values: pd.Series, max_bins: int = 60, width: float | None = None,
                   edges: np.ndarray | None = None) -> pd.DataFrame:
    """Bin counts (``bin_start``, ``bin_end``, ``count``) of the finite values, on ``edges``
    when given (panels of one chart share them), else on :func:`bin_edges`."""
    v, auto = bin_edges(values, max_bins, width)
    if len(v) == 0 and edges is None:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in BIN_COLUMNS})
    counts, edges = np.histogram(v, bins=auto if edges is None else edges)
    return pd.DataFrame({"bin_start": edges[:-1], "bin_end": edges[1:],
                         "count": counts.astype("int64")})


def box_stats(frame: pd.DataFrame, y: str, x: str | None = None) -> pd.DataFrame:
    """Per-group quartiles and Tukey whiskers (1.5 IQR, clipped to the data) of ``y``.

    Shipping five numbers per group instead of every row keeps box plots small at any size."""

    def stats(s: pd.Series) -> dict[str, float]:
        v = pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        v = v[np.isfinite(v)]
        if len(v) == 0:
            return {k: np.nan for k in BOX_COLUMNS} | {"n": 0}
        q1, med, q3 = np.quantile(v, [0.25, 0.5, 0.75])
        iqr = q3 - q1
        lower = float(v[v >= q1 - 1.5 * iqr].min())
        upper = float(v[v <= q3 + 1.5 * iqr].max())
        return {"n": len(v), "min": float(v.min()), "lower_fence": lower, "q1": float(q1),
                "median": float(med), "q3": float(q3), "upper_fence": upper,
                "max": float(v.max()), "mean": float(v.mean())}

    if x is None:
        return pd.DataFrame([stats(frame[y])])
    rows = [{x: key, **stats(group)} for key, group in
            frame.groupby(x, sort=False, dropna=True, observed=True)[y]]
    return pd.DataFrame(rows)


def bucket_series(frame: pd.DataFrame, x: str, ys: list[str], max_points: int,
                  by: str | list[str] | None = None) -> tuple[pd.DataFrame, int]:
    """Average consecutive points of each line into at most ``max_points`` buckets.

    ``by`` names the column(s) whose values make separate lines (colour, panel). Returns the
    reduced frame and the bucket size (1 when nothing was done). Time stays on the bucket's
    first x so the axis keeps its scale."""
    keys = [by] if isinstance(by, str) else list(by or [])
    groups = [frame] if not keys else [g for _, g in frame.groupby(keys, sort=False)]
    longest = max(len(g) for g in groups)
    if longest <= max_points:
        return frame, 1
    size = int(np.ceil(longest / max_points))
    parts = []
    for g in groups:
        bucket = np.arange(len(g)) // size
        agg = g[ys].apply(pd.to_numeric, errors="coerce").groupby(bucket).mean()
        agg.insert(0, x, g[x].groupby(bucket).first().to_numpy())
        for key in reversed(keys):
            agg.insert(0, key, g[key].iloc[0])
        parts.append(agg)
    return pd.concat(parts, ignore_index=True), size
