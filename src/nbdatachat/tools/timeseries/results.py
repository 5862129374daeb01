"""Pieces every forecasting result shares: the fit's warnings as sentences, the
information criterion, in-sample accuracy, the coefficient table and the forecast
table with its plot data."""

from __future__ import annotations

import math
import warnings as _warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from .series import TimeSeries

# --------------------------------------------------------------------------------------
# Shared helpers for fitting and reporting
# --------------------------------------------------------------------------------------

@contextmanager
def _captured(sink: list[str], model: str) -> Iterator[None]:
    """Collect the fit's warnings as sentences instead of letting them print."""
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        yield
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    for w in caught:
        text = str(w.message)
        if issubclass(w.category, (DeprecationWarning, FutureWarning)) or (
                "starting" in text and "parameters" in text):
            continue  # library housekeeping (e.g. zero starting values), not about the result
        if issubclass(w.category, ConvergenceWarning):
            msg = (f"{model}: the likelihood optimisation did not fully converge; estimates "
                   f"may be unreliable (try a simpler model).")
        else:
            msg = f"{model}: {text.splitlines()[0]}"
        if msg not in sink:
            sink.append(msg)

def _accuracy(actual: np.ndarray, fitted: np.ndarray) -> dict[str, float | None]:
    ok = np.isfinite(actual) & np.isfinite(fitted)
    err = actual[ok] - fitted[ok]
    if err.size == 0:
        return {"rmse": None, "mae": None, "mape": None}
    nonzero = actual[ok] != 0
    mape = (float(np.mean(np.abs(err[nonzero] / actual[ok][nonzero]))) * 100
            if nonzero.all() else None)
    return {"rmse": float(np.sqrt(np.mean(err ** 2))), "mae": float(np.mean(np.abs(err))),
            "mape": mape}


def _forecast_outputs(ts: TimeSeries, fitted: np.ndarray, mean: np.ndarray,
                      lower: np.ndarray, upper: np.ndarray
                      ) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    h = len(mean)
    future = ts.future_labels(h)
    table = pd.DataFrame({"step": np.arange(1, h + 1)})
    if future is not None:
        table["date"] = [ts.json_label(d) for d in future]
    table["forecast"], table["lower"], table["upper"] = mean, lower, upper
    hist_t = ts.labels if ts.labels is not None else pd.RangeIndex(1, ts.n + 1)
    fut_t = future if future is not None else pd.RangeIndex(ts.n + 1, ts.n + h + 1)
    if ts.years:
        hist_t, fut_t = hist_t.year, fut_t.year
    history = pd.DataFrame({"date": hist_t, "actual": ts.y.to_numpy(), "fitted": fitted})
    forecast = pd.DataFrame({"date": fut_t, "forecast": mean, "lower": lower, "upper": upper})
    return table, {"history": history, "forecast": forecast}

def _coef_table(params: pd.Series, bse: pd.Series, pvalues: pd.Series, ci: pd.DataFrame | None,
                names: Sequence[str]) -> tuple[dict, dict, dict, dict]:
    coef, se, pv, conf = {}, {}, {}, {}
    for n in names:
        coef[n] = float(params[n])
        se[n] = float(bse[n]) if n in bse.index else None
        pv[n] = float(pvalues[n]) if n in pvalues.index else None
        if ci is not None and n in ci.index:
            conf[n] = [float(ci.loc[n].iloc[0]), float(ci.loc[n].iloc[1])]
    return coef, se, pv, conf

def _criterion(res: Any, criterion: str) -> float:
    value = float(getattr(res, criterion))
    return value if math.isfinite(value) else math.inf
