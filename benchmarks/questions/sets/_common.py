"""Shared helpers of the question sets: the statistics behind tool questions.

Expected numbers for tool questions come from a direct call of the library a statistician
would use (statsmodels OLS, scipy's t-test and one-way ANOVA), never from nbdatachat.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..spec import Expect, Forecast, Number, Question, number

# Names under which a plan may call each tool (the tool registry's name comes first).
REGRESSION = ("linear_regression", "ols", "regression")
T_TEST = ("t_test", "ttest", "t-test")
ANOVA = ("anova",)
FORECAST = ("arima", "exponential_smoothing", "forecast", "holt", "ets", "sarimax")
KMEANS = ("kmeans", "k_means", "k-means")


def make(dataset: str, capability: str, turns: str | Sequence[str], expect: Expect,
         note: str = "") -> Question:
    turns = (turns,) if isinstance(turns, str) else tuple(turns)
    return Question(dataset, capability, turns, expect, note)


def ols(frame: pd.DataFrame, y: str, x: str | Sequence[str]) -> tuple[pd.Series, pd.Series]:
    """Coefficients and p-values of ``y ~ const + x`` on the complete rows."""
    import statsmodels.api as sm

    xs = [x] if isinstance(x, str) else list(x)
    rows = frame[[y, *xs]].dropna()
    fit = sm.OLS(rows[y].astype(float), sm.add_constant(rows[xs].astype(float))).fit()
    return fit.params, fit.pvalues


def slope(frame: pd.DataFrame, y: str, x: str) -> Number:
    return number(ols(frame, y, x)[0][x])


def slope_pvalue(frame: pd.DataFrame, y: str, x: str) -> Number:
    return number(ols(frame, y, x)[1][x], pvalue=True)


def t_test_pvalue(a: pd.Series, b: pd.Series) -> Number:
    """Student's and Welch's two-sample p-values: either is a right answer."""
    from scipy import stats

    a, b = a.dropna().astype(float), b.dropna().astype(float)
    student = stats.ttest_ind(a, b, equal_var=True).pvalue
    welch = stats.ttest_ind(a, b, equal_var=False).pvalue
    return number(student, welch, pvalue=True)


def anova_pvalue(frame: pd.DataFrame, value: str, group: str) -> Number:
    from scipy import stats

    groups = [g[value].dropna().astype(float) for _, g in frame.groupby(group, sort=True)]
    return number(stats.f_oneway(*groups).pvalue, pvalue=True)


def percentile(series: pd.Series, q: float) -> Number:
    """Every textbook definition of a percentile (linear, lower, higher, nearest, midpoint)."""
    s = series.dropna()
    methods = ("linear", "lower", "higher", "nearest", "midpoint")
    return number(*dict.fromkeys(float(s.quantile(q, interpolation=m)) for m in methods))


def correlation(frame: pd.DataFrame, a: str, b: str) -> Number:
    return number(frame[a].corr(frame[b]))


def forecast_band(series: pd.Series, horizon: int) -> Forecast:
    """A forecast of ``horizon`` steps must stay within the observed range widened by half
    its span on each side: loose enough for any sensible model, tight enough to catch a
    table of step numbers or of the wrong column."""
    s = series.dropna().astype(float)
    span = float(s.max() - s.min()) or abs(float(s.mean())) or 1.0
    return Forecast(horizon, float(s.min()) - 0.5 * span, float(s.max()) + 0.5 * span)


def count(mask: pd.Series) -> Number:
    return number(int(np.count_nonzero(mask.to_numpy())))
