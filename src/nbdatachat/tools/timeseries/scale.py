"""Forecasts of measures that cannot be negative (sales, counts, prices).

A linear model's prediction interval is symmetric, so for a non-negative series it can reach
below zero ("revenue between -1,200 and 3,400"). ``transform`` chooses what happens:

* ``auto`` (default): the model is fitted as is; when the history is never negative, any
  forecast or lower bound below 0 is set to 0 (clipped) and the result says so;
* ``log``: the model is fitted to ``log(y)`` (the series must be positive) and forecasts and
  bounds are transformed back with ``exp``: intervals stay positive and widen with the level.
  The point forecast is then the median on the original scale; coefficients and information
  criteria are on the log scale;
* ``none``: the model's numbers unchanged.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from ...errors import DataError

Transform = Literal["auto", "none", "log"]


def check_log(values: np.ndarray, target: str) -> None:
    finite = values[np.isfinite(values)]
    if len(finite) and finite.min() <= 0:
        raise DataError(f"transform='log' needs a positive series, but {target!r} has values "
                        f"<= 0 (minimum {finite.min():g}). Use transform='auto' (forecasts "
                        f"clipped at 0) or 'none'.", details={"parameter": "transform"})


def log_note(target: str) -> str:
    return (f"Fitted on log({target}) and transformed back: intervals stay positive; the "
            f"forecast is the median, and coefficients and AIC/BIC are on the log scale.")


def clip_at_zero(history: np.ndarray, mean: np.ndarray, lower: np.ndarray, upper: np.ndarray,
                 target: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Forecast and bounds clipped at 0 when the history is never negative."""
    finite = history[np.isfinite(history)]
    if not len(finite) or finite.min() < 0 or (lower >= 0).all():
        return mean, lower, upper, []
    below = int((lower < 0).sum())
    notes = [f"{target} is never negative in the data, but the lower bound fell below 0 for "
             f"{below} of {len(lower)} step(s): those bounds are clipped at 0 (so the interval "
             f"covers at least its nominal share). transform='log' models a positive series "
             f"with intervals that stay positive."]
    if (mean < 0).any():
        notes.append(f"{int((mean < 0).sum())} point forecast(s) below 0 are clipped at 0 too.")
    return (np.maximum(mean, 0.0), np.maximum(lower, 0.0), np.maximum(upper, 0.0), notes)
