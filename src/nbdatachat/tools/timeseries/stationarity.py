"""Unit-root and seasonality tests that choose the differencing of a series (KPSS, ADF,
STL seasonal strength)."""

from __future__ import annotations

import warnings as _warnings

import numpy as np


def _kpss_pvalue(x: np.ndarray) -> float:
    from statsmodels.tsa.stattools import kpss

    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")  # p-value outside the table: bounded at 0.01/0.1
        return float(kpss(x, regression="c", nlags="auto")[1])


def _adf_pvalue(x: np.ndarray) -> float | None:
    from statsmodels.tsa.stattools import adfuller

    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            return float(adfuller(x, autolag="AIC")[1])
    except (ValueError, np.linalg.LinAlgError):
        return None


def _choose_d(x: np.ndarray, max_d: int = 2, alpha: float = 0.05) -> int:
    """Differences needed for stationarity: KPSS repeatedly, as R's forecast::ndiffs."""
    d = 0
    while d < max_d and len(x) > 8 and np.ptp(x) > 0 and _kpss_pvalue(x) < alpha:
        x = np.diff(x)
        d += 1
    return d


def _seasonal_strength(x: np.ndarray, s: int) -> float | None:
    """Hyndman's F_s = 1 - var(remainder) / var(seasonal + remainder), from an STL fit."""
    if s < 2 or len(x) < 2 * s + 1:
        return None
    from statsmodels.tsa.seasonal import STL

    res = STL(x, period=s, robust=True).fit()
    denom = float(np.var(res.seasonal + res.resid))
    return max(0.0, 1 - float(np.var(res.resid)) / denom) if denom > 0 else 0.0
