"""How forecasts are put into words: numbers at a sensible precision, the first forecast
with its interval, where the path ends and the trend."""

from __future__ import annotations

import math

import numpy as np

from .series import TimeSeries


def _fmt(x: float) -> str:
    if x is None or not math.isfinite(x):
        return "n/a"
    ax = abs(x)
    if ax >= 1e6 or (0 < ax < 1e-2):
        return f"{x:.3g}"
    if ax >= 100:
        return f"{x:,.1f}"
    return f"{x:,.3g}" if ax < 1 else f"{x:,.2f}"

def _forecast_insights(ts: TimeSeries, target: str, mean: np.ndarray, lower: np.ndarray,
                       upper: np.ndarray, confidence: float, season: int = 0) -> list[str]:
    """The first forecast with its interval, where the path ends, and the trend.

    With a seasonal model the trend compares each forecast with the same period one cycle
    earlier (else a seasonal dip would read as a falling trend); otherwise the last forecast
    is compared with the last observation.
    """
    future = ts.future_labels(len(mean))

    def when(i: int) -> str:
        return f"{ts.show(future[i])}" if future is not None else f"step {i + 1}"

    pct = f"{confidence * 100:g} %"
    out = [f"The model forecasts {_fmt(mean[0])} for {when(0)}, with a {pct} interval from "
           f"{_fmt(lower[0])} to {_fmt(upper[0])}."]
    y = ts.y.to_numpy(dtype="float64")
    scale = float(np.nanstd(y)) or 1.0
    h = len(mean)
    if season >= 2 and len(y) >= season:
        k = min(h, season)
        before = y[len(y) - season: len(y) - season + k]
        ok = np.isfinite(before)
        if ok.any():
            change = float(np.mean(mean[:k][ok]) - np.mean(before[ok]))
            base = float(np.mean(before[ok]))
            rel = f" ({change / abs(base) * 100:+.1f} %)" if base != 0 else ""
            trend = ("flat" if abs(change) < 0.05 * scale else
                     "rising" if change > 0 else "falling")
            out.append(f"The trend is {trend}: the next {k} forecasts average "
                       f"{_fmt(float(np.mean(mean[:k])))} against {_fmt(base)} for the same "
                       f"periods one cycle earlier{rel}.")
        return out
    if h > 1:
        last = float(y[np.isfinite(y)][-1])
        change = float(mean[-1] - last)
        trend = ("flat" if abs(change) < 0.05 * scale else
                 "rising" if change > 0 else "falling")
        rel = f", {change / abs(last) * 100:+.1f} % vs the last observed {_fmt(last)}" \
            if last != 0 else ""
        out.append(f"The trend is {trend}: {target} reaches {_fmt(mean[-1])} for "
                   f"{when(h - 1)} ({pct} interval {_fmt(lower[-1])} to "
                   f"{_fmt(upper[-1])}{rel}).")
    return out
