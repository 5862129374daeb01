"""Forecasting tools: ``arima`` and ``exponential_smoothing``.

Both share one path from a table to a clean, equally spaced series (:func:`prepare_series`):
find and parse the time column, sort by it, refuse repeated timestamps unless the caller
says how to combine them, infer the frequency (and so the seasonal period and the dates of
future steps), and insert missing periods as gaps rather than silently treating them as
adjacent. The fitted models then share one result layout (coefficients, performance,
a ``forecast`` table, ``plot_data["history"]`` / ``plot_data["forecast"]``).

ARIMA is estimated the way R's ``arima()`` does it (exact Gaussian likelihood of the
*differenced* series, Kalman filter, numerical-Hessian standard errors), so the numbers can
be checked against R; forecasts and intervals come from the undifferenced state-space model
filtered with those parameters, which is what R's ``predict.Arima`` does.
"""

from __future__ import annotations

import math
import warnings as _warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field, field_validator

from ..data.readers import coerce_datetime
from ..errors import ComputationError, DataError, InvalidRequest
from ._threads import single_threaded
from .base import ToolInputs, ToolResult
from .prepare import numeric_column, require_columns
from .registry import tool

# --------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------

Aggregate = Literal["sum", "mean", "median", "min", "max", "first", "last"]
Criterion = Literal["aic", "aicc", "bic"]

_NILE_EXAMPLE = [{"year": 1871 + i, "flow": v} for i, v in enumerate(
    [1120, 1160, 963, 1210, 1160, 1160, 813, 1230, 1370, 1140, 995, 935, 1110, 994, 1020,
     960, 1180, 799, 958, 1140, 1100, 1210, 1150, 1250, 1260, 1220, 1030, 1100, 774, 840])]


class ForecastInputs(ToolInputs):
    """Fields shared by the forecasting tools."""

    target: str = Field(..., min_length=1, description="The numeric series to forecast.")
    date: str | None = Field(
        default=None,
        description="The time column (dates, or years as integers). When omitted, a datetime "
                    "column or a column named like date/month/year is used; without one, "
                    "rows are taken as equally spaced in their current order.")
    aggregate: Aggregate | None = Field(
        default=None,
        description="How to combine rows that share a timestamp (e.g. several regions per "
                    "month). Without it, repeated timestamps are an error.")
    horizon: int | None = Field(
        default=None, ge=1, le=10_000,
        description="Number of future steps to forecast; default depends on the frequency "
                    "(10 years, 8 quarters, 12 months, 13 weeks, 14 days).")
    confidence: float = Field(default=0.95, gt=0, lt=1,
                              description="Coverage of the prediction intervals (0.95 = 95 %).")
    criterion: Criterion = Field(default="aic",
                                 description="Information criterion for automatic model choice.")


def _check_ints(v: list[int] | None, name: str, limits: Sequence[tuple[str, int, int]]
                ) -> list[int] | None:
    if v is None:
        return v
    if len(v) != len(limits):
        labels = ", ".join(lab for lab, _, _ in limits)
        raise ValueError(f"{name} needs {len(limits)} integers [{labels}], got {len(v)}")
    for x, (lab, lo, hi) in zip(v, limits):
        if not lo <= x <= hi:
            raise ValueError(f"{lab} in {name} must be between {lo} and {hi}, got {x}")
    return v


class ArimaInputs(ForecastInputs):
    order: list[int] | None = Field(
        default=None,
        description="[p, d, q]: autoregressive order, differences, moving-average order. "
                    "When omitted, d is chosen by a KPSS unit-root test and p, q (0..3) by "
                    "a stepwise search on the information criterion.")
    seasonal: bool = Field(default=False,
                           description="Add a seasonal part with the period implied by the "
                                       "frequency (12 for monthly, 4 for quarterly...).")
    seasonal_order: list[int] | None = Field(
        default=None, description="[P, D, Q, s]: seasonal orders and period. Implies "
                                  "seasonal=true; chosen automatically when omitted.")
    include_constant: bool | None = Field(
        default=None,
        description="Include a mean (d=0) or drift (d=1). Default: as R's arima() when the "
                    "order is given (mean only without differencing); searched otherwise.")

    @field_validator("order")
    @classmethod
    def _order(cls, v: list[int] | None) -> list[int] | None:
        return _check_ints(v, "order", [("p", 0, 10), ("d", 0, 2), ("q", 0, 10)])

    @field_validator("seasonal_order")
    @classmethod
    def _sorder(cls, v: list[int] | None) -> list[int] | None:
        return _check_ints(v, "seasonal_order",
                           [("P", 0, 3), ("D", 0, 1), ("Q", 0, 3), ("s", 2, 366)])


class EtsInputs(ForecastInputs):
    trend: Literal["none", "add", "damped"] | None = Field(
        default=None, description="Trend component: none, additive, or additive damped. "
                                  "Chosen by the criterion when omitted.")
    seasonal: Literal["none", "add", "mul"] | None = Field(
        default=None, description="Seasonal component: none, additive or multiplicative. "
                                  "Chosen by the criterion when omitted.")
    seasonal_periods: int | None = Field(
        default=None, ge=2, le=366,
        description="Length of the seasonal cycle; inferred from the frequency when omitted.")


# --------------------------------------------------------------------------------------
# From a table to a regular series
# --------------------------------------------------------------------------------------

_TIME_HINTS = ("date", "time", "month", "year", "period", "day", "week", "quarter", "ds")
# (pandas offset prefix, label, seasonal period, default horizon)
_FREQUENCIES: tuple[tuple[str, str, int, int], ...] = (
    ("Y", "yearly", 1, 10), ("A", "yearly", 1, 10), ("Q", "quarterly", 4, 8),
    ("M", "monthly", 12, 12), ("W", "weekly", 52, 13), ("B", "business daily", 5, 10),
    ("D", "daily", 7, 14), ("h", "hourly", 24, 24), ("H", "hourly", 24, 24),
)
# Fallback when pandas cannot infer a frequency (gaps): median spacing in days -> period code.
_SPACINGS = ((0.9, 1.1, "D"), (6.5, 7.5, "W"), (27, 32, "M"), (85, 95, "Q"), (360, 370, "Y"))


@dataclass
class TimeSeries:
    """A regular series ready for a model, with what it took to get there."""

    y: pd.Series                      # float, RangeIndex; NaN marks a missing period
    labels: pd.Index | None           # timestamps (or years) of each value, None when unknown
    frequency: str                    # "monthly", "yearly", ..., "irregular", "unknown"
    period: int                       # seasonal period implied by the frequency (1: none)
    default_horizon: int
    date_column: str | None
    offset: Any = None                # pandas DateOffset, to date future steps
    years: bool = False               # labels came from integer years: show them as years
    warnings: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.y)

    def future_labels(self, steps: int) -> pd.Index | None:
        if self.labels is None or self.offset is None:
            return None
        return pd.date_range(self.labels[-1], periods=steps + 1, freq=self.offset)[1:]

    def show(self, label: Any) -> Any:
        """A label as users write it: 1971, 2024-01, 2024Q1, 2024-01-07."""
        if label is None or not isinstance(label, pd.Timestamp):
            return label
        if self.years:
            return int(label.year)
        if self.frequency == "monthly":
            return label.strftime("%Y-%m")
        if self.frequency == "quarterly":
            return f"{label.year}Q{label.quarter}"
        if label == label.normalize():
            return label.strftime("%Y-%m-%d")
        return label.isoformat()

    def json_label(self, label: Any) -> Any:
        if isinstance(label, pd.Timestamp):
            return int(label.year) if self.years else (
                label.strftime("%Y-%m-%d") if label == label.normalize() else label.isoformat())
        return label


def _detect_date_column(frame: pd.DataFrame, target: str) -> str | None:
    cols = [c for c in frame.columns if c != target]
    for c in cols:
        if pd.api.types.is_datetime64_any_dtype(frame[c]):
            return str(c)
    for c in cols:
        name = str(c).lower().strip()
        if name in _TIME_HINTS or any(h in name for h in ("date", "time", "year", "month")):
            try:
                _parse_times(frame[c], str(c))
            except DataError:
                continue
            return str(c)
    return None


def _parse_times(s: pd.Series, name: str) -> tuple[pd.Series, bool]:
    """The column as datetimes; integer years (1000-3000) become January 1st of the year."""
    if pd.api.types.is_datetime64_any_dtype(s):
        out = pd.Series(pd.DatetimeIndex(s), index=s.index)
        if getattr(out.dt, "tz", None) is not None:
            out = out.dt.tz_localize(None)
        return out, False
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        v = s.astype("float64")
        ok = v.dropna()
        if len(ok) and (ok == ok.round()).all() and ok.between(1000, 3000).all():
            years = pd.to_datetime(v.round().astype("Int64").astype("string"), format="%Y",
                                   errors="coerce")
            return years, True
        raise DataError(f"The date column {name!r} holds numbers that are not years (values "
                        f"such as {', '.join(f'{x:g}' for x in ok.unique()[:3])}). Pass a "
                        f"column of dates or of years, or omit date to use the row order.",
                        details={"parameter": "date", "column": name})
    parsed = coerce_datetime(s, name)
    if parsed is None:
        sample = ", ".join(repr(x) for x in s.dropna().astype(str).unique()[:3])
        raise DataError(f"The date column {name!r} does not hold dates (values such as "
                        f"{sample}). Pass a column of dates or years, or omit date to use the "
                        f"row order.", details={"parameter": "date", "column": name})
    return parsed, False


def _frequency_of(offset: Any) -> tuple[str, int, int]:
    code = offset.rule_code if hasattr(offset, "rule_code") else str(offset)
    n = getattr(offset, "n", 1)
    for prefix, label, period, horizon in _FREQUENCIES:
        if code.startswith(prefix) and not code.startswith("MIN"):
            if n == 1:
                return label, period, horizon
            return f"every {n} {label.replace('ly', 's').replace('dai', 'day')}", 1, 10
    return "regular", 1, 10


def prepare_series(frame: pd.DataFrame, target: str, date: str | None,
                   aggregate: str | None = None) -> TimeSeries:
    """The ``target`` column of ``frame`` as a regular series ordered by time.

    Raises a typed error naming the problem (unknown or non-numeric column, missing or
    repeated timestamps, all values missing) and lists what was repaired in ``warnings``.
    """
    require_columns(frame, [target], "target")
    y = numeric_column(frame, target, "target")
    warnings: list[str] = []
    date_col = date
    if date is not None:
        require_columns(frame, [date], "date")
        if date == target:
            raise InvalidRequest(f"{target!r} is both the target and the date column; pass the "
                                 f"time column as date.", details={"parameter": "date"})
    else:
        date_col = _detect_date_column(frame, target)
    if date_col is None:
        warnings.append("No date column found: rows are taken as equally spaced in their "
                        "current order. Pass date= to order them by time.")
        ts = TimeSeries(y.reset_index(drop=True), None, "unknown", 1, 10, None,
                        warnings=warnings)
        return _finish(ts)
    times, years = _parse_times(frame[date_col], date_col)
    missing = times.isna().to_numpy()
    if missing.any():
        rows = [int(i) for i in np.flatnonzero(missing)[:5]]
        raise DataError(f"{int(missing.sum())} row(s) have no usable value in the date column "
                        f"{date_col!r} (row positions {', '.join(map(str, rows))}). Fill in "
                        f"or drop those rows.", details={"parameter": "date", "column": date_col,
                                                          "rows": rows})
    data = pd.DataFrame({"t": times.to_numpy(), "y": y.to_numpy()})
    if not data["t"].is_monotonic_increasing:
        data = data.sort_values("t", kind="stable")
    if data["t"].duplicated().any():
        counts = data["t"].value_counts()
        first = counts[counts > 1]
        if aggregate is None:
            example = first.index[0]
            shown = example.year if years else example.date()
            raise DataError(
                f"The date column {date_col!r} repeats: {len(first)} timestamp(s) appear more "
                f"than once (e.g. {shown} appears {int(first.iloc[0])} times), so the table "
                f"holds several series (one per group?). Filter it to one series, or pass "
                f"aggregate='sum' (or 'mean', ...) to combine the rows of each date.",
                details={"parameter": "date", "column": date_col, "repeated": int(len(first)),
                         "hint": "aggregate"})
        data = data.groupby("t", sort=True)["y"].agg(aggregate).reset_index()
        warnings.append(f"Combined rows sharing a date with {aggregate} "
                        f"({len(times)} rows into {len(data)} dates).")
    idx = pd.DatetimeIndex(data["t"])
    values = data["y"].reset_index(drop=True)
    offset = None
    label = "irregular"
    period, horizon = 1, 10
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")  # pandas 3 announces infer_freq returning an offset
        inferred = pd.infer_freq(idx) if len(idx) >= 3 else None
    if inferred is not None:
        offset = pd.tseries.frequencies.to_offset(inferred)
        label, period, horizon = _frequency_of(offset)
    elif len(idx) >= 2:
        offset, idx, values, filled = _regularise(idx, values)
        if offset is not None:
            label, period, horizon = _frequency_of(offset)
            if filled:
                warnings.append(f"{filled} missing {label} period(s) between "
                                f"{idx[0].date()} and {idx[-1].date()} were inserted as gaps.")
        else:
            gap = _median_gap_days(idx)
            warnings.append(f"The dates are irregularly spaced (median gap {gap:.3g} days): "
                            f"observations are treated as equally spaced and forecast steps "
                            f"have no dates.")
    ts = TimeSeries(values.astype("float64"), idx, label, period, horizon, date_col, offset,
                    years, warnings)
    return _finish(ts)


def _median_gap_days(idx: pd.DatetimeIndex) -> float:
    seconds = np.diff(idx.to_numpy()).astype("timedelta64[s]").astype("float64")
    return float(np.median(seconds)) / 86_400


def _regularise(idx: pd.DatetimeIndex, values: pd.Series
                ) -> tuple[Any, pd.DatetimeIndex, pd.Series, int]:
    """Recognise a regular frequency with missing periods; reindex with gaps (NaN)."""
    gap = _median_gap_days(idx)
    for lo, hi, code in _SPACINGS:
        if not lo <= gap <= hi:
            continue
        periods = idx.to_period(code)
        if not periods.is_unique:
            return None, idx, values, 0
        full = pd.period_range(periods[0], periods[-1], freq=code)
        start_of = {"Y": "YS", "Q": "QS", "M": "MS", "W": None, "D": "D"}[code]
        if code == "W":
            offset = pd.offsets.Week(weekday=idx[0].weekday())
            new_idx = pd.date_range(idx[0], periods=len(full), freq=offset)
        else:
            offset = pd.tseries.frequencies.to_offset(start_of)
            new_idx = full.to_timestamp(how="start")
        pos = full.get_indexer(periods)
        out = pd.Series(np.nan, index=range(len(full)), dtype="float64")
        out.iloc[pos] = values.to_numpy()
        return offset, pd.DatetimeIndex(new_idx), out, len(full) - len(periods)
    return None, idx, values, 0


def _finish(ts: TimeSeries) -> TimeSeries:
    """Trim missing ends; refuse series with no information."""
    y = ts.y
    ok = y.notna().to_numpy()
    if not ok.any():
        raise DataError(f"The target has no values: every row of the series is missing.",
                        details={"parameter": "target"})
    first, last = int(np.argmax(ok)), len(ok) - int(np.argmax(ok[::-1]))
    if first > 0 or last < len(ok):
        ts.warnings.append(f"Dropped {first + len(ok) - last} missing value(s) at the start or "
                           f"end of the series.")
        ts.y = y.iloc[first:last].reset_index(drop=True)
        if ts.labels is not None:
            ts.labels = ts.labels[first:last]
    inner = int(ts.y.isna().sum())
    if inner:
        ts.warnings.append(f"{inner} value(s) inside the series are missing; the model treats "
                           f"them as gaps.")
    finite = ts.y.dropna()
    if not np.isfinite(finite.to_numpy()).all():
        raise DataError("The series contains infinite values; replace them before forecasting.",
                        details={"parameter": "target"})
    if len(finite) and np.ptp(finite.to_numpy()) == 0:
        raise DataError(f"The series is constant ({finite.iloc[0]:g}); there is nothing to "
                        f"model. Its forecast is that same value.",
                        details={"parameter": "target"})
    return ts


def _horizon(inputs: ForecastInputs, ts: TimeSeries) -> int:
    limit = max(ts.n, 2 * ts.period)
    if inputs.horizon is None:
        return min(ts.default_horizon, limit)
    h = inputs.horizon
    if h > limit:
        raise InvalidRequest(f"horizon {h} is out of range for a series of {ts.n} observations: "
                             f"forecast at most {limit} steps ahead (the length of the "
                             f"history), or add data.",
                             details={"parameter": "horizon", "maximum": limit, "given": h})
    return h


def _require_length(ts: TimeSeries, needed: int, what: str) -> None:
    n = int(ts.y.notna().sum())
    if n < needed:
        raise DataError(f"The series has {n} observations; {what} needs at least {needed}. "
                        f"Add data, or choose a simpler model.",
                        details={"parameter": "target", "rows": n, "required": needed})


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


def _fmt(x: float) -> str:
    if x is None or not math.isfinite(x):
        return "n/a"
    ax = abs(x)
    if ax >= 1e6 or (0 < ax < 1e-2):
        return f"{x:.3g}"
    if ax >= 100:
        return f"{x:,.1f}"
    return f"{x:,.3g}" if ax < 1 else f"{x:,.2f}"


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



# --------------------------------------------------------------------------------------
# ARIMA
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Spec:
    p: int
    d: int
    q: int
    P: int = 0
    D: int = 0
    Q: int = 0
    s: int = 0
    const: bool = False

    @property
    def label(self) -> str:
        text = f"ARIMA({self.p},{self.d},{self.q})"
        if self.s:
            text += f"({self.P},{self.D},{self.Q})[{self.s}]"
        if self.const:
            text += " with drift" if self.d + self.D == 1 else " with mean"
        return text

    @property
    def n_params(self) -> int:
        return self.p + self.q + self.P + self.Q + int(self.const) + 1

    @property
    def min_obs(self) -> int:
        """Observations needed: the differencing loses d + D*s, the lags need history and
        there must be more observations left than parameters."""
        lags = max(self.p + self.P * self.s, self.q + self.Q * self.s)
        return self.d + self.D * self.s + max(lags, self.n_params) + 2

    def sarimax_kwargs(self) -> dict[str, Any]:
        return {"order": (self.p, self.d, self.q),
                "seasonal_order": (self.P, self.D, self.Q, self.s),
                "trend": "c" if self.const else "n"}


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


def _interpolated(y: pd.Series) -> np.ndarray:
    return y.interpolate(limit_direction="both").to_numpy(dtype="float64")


def _fit_arima(y: np.ndarray, spec: _Spec, *, cov_type: str, sink: list[str],
               start_params: Any = None, maxiter: int = 200) -> Any:
    """R-equivalent fit: exact ML of the differenced series by the Kalman filter."""
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    with _captured(sink, spec.label):
        model = SARIMAX(y, simple_differencing=True, enforce_stationarity=True,
                        enforce_invertibility=True, **spec.sarimax_kwargs())
        return model.fit(disp=False, cov_type=cov_type, start_params=start_params,
                         maxiter=maxiter)


def _criterion(res: Any, criterion: str) -> float:
    value = float(getattr(res, criterion))
    return value if math.isfinite(value) else math.inf


def _search_arima(y: np.ndarray, d: int, D: int, s: int, const: bool | None,
                  criterion: str, n_obs: int, max_models: int = 20,
                  fixed_PQ: tuple[int, int] | None = None
                  ) -> tuple[_Spec, Any, list[dict[str, Any]]]:
    """Stepwise search (Hyndman-Khandakar, as R's auto.arima) over p, q in 0..3 and
    P, Q in 0..1: start from a few simple models, move to the best neighbour until none
    improves the criterion."""
    const_options = [const] if const is not None else (
        [True, False] if d + D <= 1 else [False])
    seasonal = s >= 2
    max_pq, max_PQ = 3, 1 if seasonal else 0

    def ok(sp: _Spec) -> bool:
        return (0 <= sp.p <= max_pq and 0 <= sp.q <= max_pq and 0 <= sp.P <= max_PQ
                and 0 <= sp.Q <= max_PQ and sp.min_obs <= n_obs
                and (sp.const in const_options)
                and (fixed_PQ is None or (sp.P, sp.Q) == fixed_PQ))

    tried: dict[_Spec, tuple[float, Any, list[str]]] = {}

    def evaluate(sp: _Spec) -> float:
        if sp in tried:
            return tried[sp][0]
        notes: list[str] = []
        try:
            res = _fit_arima(y, sp, cov_type="none", sink=notes, maxiter=60)
            score = _criterion(res, criterion)
        except (ValueError, np.linalg.LinAlgError, IndexError) as exc:
            res, score = None, math.inf
            notes.append(f"{sp.label}: {exc}")
        tried[sp] = (score, res, notes)
        return score

    c0 = const_options[0]
    ss = s if seasonal else 0
    P0, Q0 = fixed_PQ if fixed_PQ is not None else ((1, 1) if seasonal else (0, 0))
    fP, fQ = fixed_PQ if fixed_PQ is not None else (0, 0)
    starts = [_Spec(2, d, 2, P0, D, Q0, ss, c0), _Spec(0, d, 0, fP, D, fQ, ss, c0),
              _Spec(1, d, 0, P0, D, fQ, ss, c0), _Spec(0, d, 1, fP, D, Q0, ss, c0)]
    if len(const_options) > 1:
        starts.append(_Spec(0, d, 0, fP, D, fQ, ss, not c0))
    for sp in starts:
        if ok(sp) and len(tried) < max_models:
            evaluate(sp)
    if not tried:
        smallest = _Spec(0, d, 0, 0, D, 0, ss, False).min_obs
        raise DataError(f"The series has {n_obs} observations: too short for any ARIMA model "
                        f"with d={d}{f', D={D}, s={s}' if seasonal else ''}. It needs at least "
                        f"{smallest}.", details={"parameter": "target", "rows": n_obs,
                                                 "required": smallest})
    best = min(tried, key=lambda k: tried[k][0])
    improved = True
    while improved and len(tried) < max_models:
        improved = False
        b = best
        moves = [(dp, dq, 0, 0) for dp in (-1, 0, 1) for dq in (-1, 0, 1) if (dp, dq) != (0, 0)]
        if seasonal and fixed_PQ is None:
            moves += [(0, 0, dP, dQ) for dP in (-1, 0, 1) for dQ in (-1, 0, 1)
                      if (dP, dQ) != (0, 0)]
        neighbours = [_Spec(b.p + a, d, b.q + c, b.P + e, D, b.Q + f, ss, b.const)
                      for a, c, e, f in moves]
        if len(const_options) > 1:
            neighbours.append(_Spec(b.p, d, b.q, b.P, D, b.Q, ss, not b.const))
        for sp in neighbours:
            if not ok(sp) or sp in tried or len(tried) >= max_models:
                continue
            if evaluate(sp) < tried[best][0]:
                best, improved = sp, True
                break
    if not math.isfinite(tried[best][0]):
        raise ComputationError("No ARIMA model could be fitted to this series; check it for "
                               "outliers or pass an explicit order.",
                               details={"tool": "arima"})
    rows = [{"model": sp.label, "order": [sp.p, sp.d, sp.q],
             "seasonal_order": [sp.P, sp.D, sp.Q, sp.s] if sp.s else None,
             "constant": sp.const, criterion: score if math.isfinite(score) else None,
             "chosen": sp == best}
            for sp, (score, _, _) in sorted(tried.items(), key=lambda kv: kv[1][0])]
    return best, tried[best][1], rows


@tool("arima", description="ARIMA / seasonal ARIMA forecasting of a time series: automatic "
      "order selection (unit-root test for d, stepwise information-criterion search for p, q) "
      "or a given order; coefficients with standard errors, fit statistics and a forecast "
      "with prediction intervals. Estimates match R's arima().",
      inputs=ArimaInputs, category="Time Series Analysis",
      example={"dataset": _NILE_EXAMPLE, "target": "flow", "date": "year",
               "order": [1, 1, 1], "horizon": 5})
@single_threaded
def arima(inputs: ArimaInputs, frame: pd.DataFrame) -> ToolResult:
    ts = prepare_series(frame, inputs.target, inputs.date, inputs.aggregate)
    warnings = list(ts.warnings)
    horizon = _horizon(inputs, ts)
    y = ts.y.to_numpy(dtype="float64")
    filled = _interpolated(ts.y)
    n_obs = int(np.isfinite(y).sum())
    _require_length(ts, 5, "an ARIMA model")

    # Seasonal part: explicit [P, D, Q, s], or the frequency's period when seasonal=true.
    s = 0
    if inputs.seasonal_order is not None:
        s = inputs.seasonal_order[3]
    elif inputs.seasonal:
        if ts.period < 2:
            raise InvalidRequest(f"seasonal=true needs a seasonal period, but {ts.frequency} "
                                 f"data have none. Pass seasonal_order=[P, D, Q, s] with the "
                                 f"period s.", details={"parameter": "seasonal"})
        s = ts.period
    statistics: dict[str, Any] = {"frequency": ts.frequency}
    kpss_p = _kpss_pvalue(filled) if len(filled) > 8 else None
    statistics["kpss_pvalue"] = kpss_p
    statistics["adf_pvalue"] = _adf_pvalue(filled) if len(filled) > 8 else None

    candidates: list[dict[str, Any]] | None = None
    fit_notes: list[str] = []
    if inputs.order is not None and (inputs.seasonal_order is not None or s == 0):
        p, d, q = inputs.order
        P, D, Q = (inputs.seasonal_order or [0, 0, 0, 0])[:3]
        const = inputs.include_constant if inputs.include_constant is not None \
            else d + D == 0
        spec = _Spec(p, d, q, P, D, Q, s, const)
        if spec.min_obs > n_obs:
            raise DataError(f"The series has {n_obs} observations; {spec.label} needs at least "
                            f"{spec.min_obs}. Add data or choose a smaller order.",
                            details={"parameter": "order", "rows": n_obs,
                                     "required": spec.min_obs})
        if d == 0 and D == 0 and kpss_p is not None and kpss_p < 0.05:
            warnings.append(f"The series looks non-stationary (KPSS p = {kpss_p:.3g}) but the "
                            f"order has no differencing; consider d=1.")
        res = _fit_arima(y, spec, cov_type="approx", sink=fit_notes)
    else:
        if inputs.seasonal_order is not None:
            D = inputs.seasonal_order[1]
        elif s:
            strength = _seasonal_strength(filled, s)
            statistics["seasonal_strength"] = strength
            D = int(strength is not None and strength > 0.64)
        else:
            D = 0
        if inputs.order is not None:  # order given, seasonal part searched
            spec, res0, candidates = _search_fixed_pq(y, inputs.order, D, s, inputs, n_obs)
        else:
            d = _choose_d(filled[s:] - filled[:-s] if D else filled, max_d=1 if D else 2)
            fixed = tuple(inputs.seasonal_order[::2][:2]) if inputs.seasonal_order else None
            spec, res0, candidates = _search_arima(
                y, d, D, s, inputs.include_constant, inputs.criterion, n_obs, fixed_PQ=fixed)
        res = _fit_arima(y, spec, cov_type="approx", sink=fit_notes,
                         start_params=res0.params if res0 is not None else None)
    warnings.extend(fit_notes)
    if not res.mle_retvals.get("converged", True):
        msg = f"{spec.label}: the likelihood optimisation did not converge."
        if msg not in warnings and not any("converge" in w for w in warnings):
            warnings.append(msg)

    # Forecasts and one-step predictions from the undifferenced model, as R's predict().
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    with _captured(warnings, spec.label):
        full = SARIMAX(y, enforce_stationarity=True, enforce_invertibility=True,
                       **spec.sarimax_kwargs()).filter(res.params)
        fc = full.get_forecast(horizon)
        mean = np.asarray(fc.predicted_mean, dtype="float64")
        ci = np.asarray(fc.conf_int(alpha=1 - inputs.confidence), dtype="float64")
    fitted = np.asarray(full.fittedvalues, dtype="float64").copy()
    burn = spec.d + spec.D * spec.s
    fitted[:burn] = np.nan
    if not np.isfinite(mean).all():
        raise ComputationError(f"{spec.label} produced non-finite forecasts; try a simpler "
                               f"order.", details={"tool": "arima"})

    names = [n for n in res.model.param_names if n != "sigma2"]
    params = pd.Series(res.params, index=res.model.param_names)
    bse = pd.Series(res.bse, index=res.model.param_names)
    pvalues = pd.Series(res.pvalues, index=res.model.param_names)
    ci_params = pd.DataFrame(np.asarray(res.conf_int(alpha=0.05)), index=res.model.param_names)
    coef, se, pv, conf = _coef_table(params, bse, pvalues, ci_params, names)
    performance = {"aic": float(res.aic), "aicc": float(res.aicc), "bic": float(res.bic),
                   "loglik": float(res.llf), "sigma2": float(params["sigma2"]),
                   **_accuracy(y, fitted)}
    statistics.update(_residual_checks(res, spec, warnings))
    if n_obs < 30:
        warnings.append(f"Short series ({n_obs} observations): estimates and intervals are "
                        f"uncertain; treat the forecast as rough.")

    table, plot_data = _forecast_outputs(ts, fitted, mean, ci[:, 0], ci[:, 1])
    insights = []
    span = ""
    if ts.labels is not None:
        span = f" ({ts.show(ts.labels[0])} to {ts.show(ts.labels[-1])})"
    how = (f"chosen by {inputs.criterion.upper()} ({_fmt(performance[inputs.criterion])}) among "
           f"{len(candidates)} candidate models" if candidates is not None else "fitted")
    insights.append(f"{spec.label} {how} on {n_obs} {ts.frequency} observations of "
                    f"{inputs.target}{span}.")
    insights += _forecast_insights(ts, inputs.target, mean, ci[:, 0], ci[:, 1],
                                   inputs.confidence, spec.s)
    sig = [f"{n} = {coef[n]:.3g} (p {'< 0.001' if pv[n] is not None and pv[n] < 0.001 else f'= {pv[n]:.3g}'})"
           for n in names if pv[n] is not None and math.isfinite(pv[n])]
    if sig:
        insights.append("Coefficients: " + "; ".join(sig) + ".")
    mape = performance["mape"]
    insights.append(f"One-step-ahead in-sample error: RMSE {_fmt(performance['rmse'])}"
                    + (f", MAPE {mape:.1f} %." if mape is not None else "."))
    tables = {"forecast": table}
    if candidates is not None:
        tables["candidates"] = pd.DataFrame(candidates).astype(object)
    extra = {"order": [spec.p, spec.d, spec.q],
             "seasonal_order": [spec.P, spec.D, spec.Q, spec.s] if spec.s else None,
             "include_constant": spec.const, "horizon": horizon,
             "confidence": inputs.confidence, "frequency": ts.frequency,
             "date_column": ts.date_column}
    return ToolResult("arima", performance=performance, coefficients=coef, std_errors=se,
                      p_values=pv, conf_int=conf, statistics=statistics, insights=insights,
                      warnings=warnings, n_obs=n_obs, tables=tables, extra=extra,
                      plot_data=plot_data)


def _search_fixed_pq(y: np.ndarray, order: list[int], D: int, s: int, inputs: ArimaInputs,
                     n_obs: int) -> tuple[_Spec, Any, list[dict[str, Any]]]:
    """Given [p, d, q] with seasonal=true: choose P, Q in 0..1 by the criterion."""
    p, d, q = order
    const = inputs.include_constant if inputs.include_constant is not None else d + D == 0
    rows, best, best_res, best_score = [], None, None, math.inf
    for P in (0, 1):
        for Q in (0, 1):
            sp = _Spec(p, d, q, P, D, Q, s, const)
            if sp.min_obs > n_obs:
                continue
            notes: list[str] = []
            try:
                res = _fit_arima(y, sp, cov_type="none", sink=notes, maxiter=60)
                score = _criterion(res, inputs.criterion)
            except (ValueError, np.linalg.LinAlgError, IndexError):
                res, score = None, math.inf
            rows.append((sp, score))
            if score < best_score:
                best, best_res, best_score = sp, res, score
    if best is None:
        need = _Spec(p, d, q, 0, D, 0, s, const).min_obs
        raise DataError(f"The series has {n_obs} observations; a seasonal ARIMA with period "
                        f"{s} and this order needs at least {need}.",
                        details={"parameter": "order", "rows": n_obs, "required": need})
    table = [{"model": sp.label, "order": [sp.p, sp.d, sp.q],
              "seasonal_order": [sp.P, sp.D, sp.Q, sp.s], "constant": sp.const,
              inputs.criterion: sc if math.isfinite(sc) else None, "chosen": sp == best}
             for sp, sc in sorted(rows, key=lambda r: r[1])]
    return best, best_res, table


def _residual_checks(res: Any, spec: _Spec, warnings: list[str]) -> dict[str, Any]:
    """Ljung-Box test of the residuals: leftover autocorrelation means missed structure."""
    from statsmodels.stats.diagnostic import acorr_ljungbox

    resid = np.asarray(res.resid, dtype="float64")
    resid = resid[np.isfinite(resid)]
    k = spec.p + spec.q + spec.P + spec.Q
    lags = min(2 * spec.s if spec.s else 10, len(resid) // 5)
    if lags <= k or len(resid) < 10:
        return {}
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        lb = acorr_ljungbox(resid, lags=[lags], model_df=k)
    pval = float(lb["lb_pvalue"].iloc[0])
    if pval < 0.05:
        warnings.append(f"Residuals are still autocorrelated (Ljung-Box p = {pval:.3g} at lag "
                        f"{lags}): the model misses some structure; try another order or "
                        f"seasonal=true.")
    return {"ljung_box_lag": lags, "ljung_box_pvalue": pval}


# --------------------------------------------------------------------------------------
# Exponential smoothing (ETS / Holt-Winters)
# --------------------------------------------------------------------------------------

_TREND_CODE = {"none": "N", "add": "A", "damped": "Ad"}
_SEASON_CODE = {"none": "N", "add": "A", "mul": "M"}
# Like R's ets(): longer cycles need too many initial states to estimate.
_ETS_MAX_PERIOD = 24
_SMOOTHING = ("smoothing_level", "smoothing_trend", "smoothing_seasonal", "damping_trend")


@dataclass(frozen=True)
class _Ets:
    trend: str
    seasonal: str
    s: int

    @property
    def error(self) -> str:
        # Multiplicative seasonality goes with multiplicative errors (ETS(M,*,M)): the
        # additive-error variant is numerically unstable (Hyndman et al. 2008, ch. 15).
        return "mul" if self.seasonal == "mul" else "add"

    @property
    def label(self) -> str:
        error = "M" if self.error == "mul" else "A"
        return f"ETS({error},{_TREND_CODE[self.trend]},{_SEASON_CODE[self.seasonal]})"

    @property
    def n_params(self) -> int:
        """Estimated quantities: smoothing weights, initial states, sigma."""
        k = 2 + 1  # alpha, initial level, sigma
        if self.trend != "none":
            k += 2 + (self.trend == "damped")
        if self.seasonal != "none":
            k += 1 + self.s - 1
        return k

    @property
    def min_obs(self) -> int:
        return max(self.n_params + 2, 2 * self.s if self.seasonal != "none" else 4)


    def heuristic_ok(self, n: int) -> bool:
        """Whether the heuristic start (statsmodels' rule: 10 observations, and two full
        cycles plus half a cycle at each end for the seasonal moving average) applies."""
        if self.seasonal == "none":
            return n >= 10
        return n >= max(2 * self.s, 10 + 2 * (self.s // 2))


def _fit_ets(y: pd.Series, spec: _Ets, sink: list[str], init: str = "estimated") -> Any:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    with _captured(sink, spec.label):
        model = ETSModel(y, error=spec.error,
                         trend=None if spec.trend == "none" else "add",
                         damped_trend=spec.trend == "damped",
                         seasonal=None if spec.seasonal == "none" else spec.seasonal,
                         seasonal_periods=spec.s if spec.seasonal != "none" else None,
                         initialization_method=init)
        return model.fit(disp=False, maxiter=1000)


def _select_ets(y: pd.Series, specs: list[_Ets], criterion: str
                ) -> tuple[_Ets, Any, list[str], list[dict[str, Any]]]:
    """Fit the candidates and keep the best by ``criterion``.

    Estimating the initial states (level, trend and s seasonal values) makes each seasonal
    fit an optimisation over ~17 parameters. With several candidates, they are first
    screened with heuristic initial states (Hyndman et al., section 2.6: only the smoothing
    weights are optimised, ~10x faster); the two best are refitted with estimated states and
    the final choice is made on those, comparable, fits.
    """
    n = len(y)
    screen = len(specs) > 2 and all(sp.heuristic_ok(n) for sp in specs)

    def fit(sp: _Ets, init: str) -> tuple[float, Any, list[str]]:
        sink: list[str] = []
        try:
            res = _fit_ets(y, sp, sink, init)
            return _criterion(res, criterion), res, sink
        except (ValueError, np.linalg.LinAlgError) as exc:
            return math.inf, None, [*sink, f"{sp.label}: {exc}"]

    screened = {sp: fit(sp, "heuristic")[0] for sp in specs} if screen else {}
    finalists = sorted(specs, key=lambda sp: screened[sp])[:2] if screen else specs
    final = {sp: fit(sp, "estimated") for sp in finalists}
    best = min(final, key=lambda sp: final[sp][0])
    rows = []
    for sp in sorted(specs, key=lambda sp: (final.get(sp, (math.inf,))[0],
                                           screened.get(sp, math.inf))):
        row: dict[str, Any] = {"model": sp.label, "trend": sp.trend, "seasonal": sp.seasonal}
        if screen:
            sc = screened[sp]
            row[f"{criterion}_screening"] = sc if math.isfinite(sc) else None
        sc = final.get(sp, (math.inf,))[0]
        row[criterion] = sc if math.isfinite(sc) else None
        row["chosen"] = sp == best
        rows.append(row)
    score, res, sink = final[best]
    return best, res, sink, rows


@tool("exponential_smoothing", description="Exponential smoothing (ETS / Holt-Winters) "
      "forecasting: level, optional additive or damped trend and additive or multiplicative "
      "seasonality, chosen by information criterion when not given; smoothing parameters, fit "
      "statistics and a forecast with prediction intervals.",
      inputs=EtsInputs, category="Time Series Analysis",
      example={"dataset": [{"month": f"2023-{m:02d}-01", "sales": v} for m, v in enumerate(
          [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118], start=1)],
          "target": "sales", "date": "month", "trend": "add", "seasonal": "none",
          "horizon": 3})
@single_threaded
def exponential_smoothing(inputs: EtsInputs, frame: pd.DataFrame) -> ToolResult:
    ts = prepare_series(frame, inputs.target, inputs.date, inputs.aggregate)
    warnings = list(ts.warnings)
    horizon = _horizon(inputs, ts)
    if ts.y.isna().any():
        ts.y = ts.y.interpolate()
        warnings.append("Missing values inside the series were filled by linear interpolation "
                        "(exponential smoothing needs a complete series).")
    y = pd.Series(ts.y.to_numpy(dtype="float64"))
    n = len(y)
    positive = bool((y > 0).all())
    s = inputs.seasonal_periods or ts.period

    if inputs.seasonal in ("add", "mul") and s < 2:
        raise InvalidRequest(f"seasonal={inputs.seasonal!r} needs a seasonal period, but "
                             f"{ts.frequency} data have none. Pass seasonal_periods (e.g. 12 "
                             f"for months in a year).",
                             details={"parameter": "seasonal_periods"})
    if inputs.seasonal in ("add", "mul") and s > _ETS_MAX_PERIOD:
        raise InvalidRequest(f"Exponential smoothing supports seasonal periods up to "
                             f"{_ETS_MAX_PERIOD} (one initial state per season); {s} is too "
                             f"long. Aggregate the data (e.g. weekly to monthly) or use arima "
                             f"with seasonal_order.",
                             details={"parameter": "seasonal_periods", "maximum": _ETS_MAX_PERIOD})
    if inputs.seasonal == "mul" and not positive:
        raise DataError("Multiplicative seasonality needs a strictly positive series; this one "
                        "has zero or negative values. Use seasonal='add'.",
                        details={"parameter": "seasonal"})
    trends = [inputs.trend] if inputs.trend else ["none", "add", "damped"]
    notes: list[str] = []
    if inputs.seasonal:
        seasonals = [inputs.seasonal]
    elif 2 <= s <= _ETS_MAX_PERIOD and n >= _Ets("none", "add", s).min_obs:
        seasonals = ["none", "add"] + (["mul"] if positive else [])
    else:
        seasonals = ["none"]
        if s > _ETS_MAX_PERIOD:
            notes.append(f"Seasonality was not considered: a period of {s} is longer than "
                         f"exponential smoothing supports ({_ETS_MAX_PERIOD}).")
        elif s >= 2:
            notes.append(f"Seasonality was not considered: {n} observations are fewer than "
                         f"two full cycles of {s} plus the model's parameters "
                         f"({_Ets('none', 'add', s).min_obs}).")
    specs = [_Ets(t, se, s if se != "none" else 0) for t in trends for se in seasonals]
    fits = [sp for sp in specs if sp.min_obs <= n]
    if not fits:
        need = min(sp.min_obs for sp in specs)
        raise DataError(f"The series has {n} observations; {specs[0].label} needs at least "
                        f"{need}. Add data, or choose a simpler model (no seasonality or trend).",
                        details={"parameter": "target", "rows": n, "required": need})
    best, res, sink, candidate_rows = _select_ets(y, fits, inputs.criterion)
    if res is None:
        raise ComputationError(f"Exponential smoothing could not be fitted to this series "
                               f"({'; '.join(sink) or 'no finite likelihood'}).",
                               details={"tool": "exponential_smoothing"})
    score = _criterion(res, inputs.criterion)
    warnings.extend(sink)
    warnings.extend(notes)

    with _captured(warnings, best.label):
        pred = res.get_prediction(start=n, end=n + horizon - 1,
                                  rng=np.random.default_rng(0))  # simulated PIs: reproducible
        frame_pi = pred.summary_frame(alpha=1 - inputs.confidence)
    mean = frame_pi["mean"].to_numpy(dtype="float64")
    lower = frame_pi["pi_lower"].to_numpy(dtype="float64")
    upper = frame_pi["pi_upper"].to_numpy(dtype="float64")
    fitted = np.asarray(res.fittedvalues, dtype="float64")
    if not np.isfinite(mean).all():
        raise ComputationError(f"{best.label} produced non-finite forecasts; try a simpler "
                               f"model.", details={"tool": "exponential_smoothing"})

    names = list(res.model.param_names)
    params = pd.Series(np.asarray(res.params), index=names)
    bse = pd.Series(np.asarray(res.bse), index=names)
    pvalues = pd.Series(np.asarray(res.pvalues), index=names)
    smoothing = [k for k in _SMOOTHING if k in names]
    coef, se, pv, _ = _coef_table(params, bse, pvalues, None, smoothing)
    initial = {k: float(params[k]) for k in names if k.startswith("initial_")}
    sigma2 = float(np.mean(np.asarray(res.resid, dtype="float64") ** 2))
    performance = {"aic": float(res.aic), "aicc": float(res.aicc), "bic": float(res.bic),
                   "loglik": float(res.llf), "sigma2": sigma2, **_accuracy(y.to_numpy(), fitted)}
    statistics = {"frequency": ts.frequency, "seasonal_periods": best.s or None,
                  "initial_states": initial}
    if n < 30:
        warnings.append(f"Short series ({n} observations): estimates and intervals are "
                        f"uncertain; treat the forecast as rough.")

    table, plot_data = _forecast_outputs(ts, fitted, mean, lower, upper)
    span = f" ({ts.show(ts.labels[0])} to {ts.show(ts.labels[-1])})" \
        if ts.labels is not None else ""
    chosen = len(fits) > 1
    how = (f"chosen by {inputs.criterion.upper()} ({_fmt(score)}) among {len(fits)} "
           f"candidate models" if chosen else "fitted")
    insights = [f"{best.label} {how} on {n} {ts.frequency} observations of "
                f"{inputs.target}{span}."]
    insights += _forecast_insights(ts, inputs.target, mean, lower, upper, inputs.confidence,
                                   best.s)
    alpha = coef.get("smoothing_level")
    if alpha is not None:
        pace = ("adapts quickly to recent values" if alpha > 0.5 else
                "averages over a long history" if alpha < 0.2 else
                "balances recent and older values")
        insights.append(f"The level smoothing weight alpha = {alpha:.3g}: the model {pace}.")
    if best.trend == "damped" and "damping_trend" in coef:
        insights.append(f"The trend is damped (phi = {coef['damping_trend']:.3g}): it flattens "
                        f"out over the horizon.")
    mape = performance["mape"]
    insights.append(f"One-step-ahead in-sample error: RMSE {_fmt(performance['rmse'])}"
                    + (f", MAPE {mape:.1f} %." if mape is not None else "."))
    tables = {"forecast": table}
    if chosen:
        tables["candidates"] = pd.DataFrame(candidate_rows).astype(object)
    extra = {"model": best.label, "trend": best.trend, "seasonal": best.seasonal,
             "seasonal_periods": best.s or None, "horizon": horizon,
             "confidence": inputs.confidence, "frequency": ts.frequency,
             "date_column": ts.date_column}
    return ToolResult("exponential_smoothing", performance=performance, coefficients=coef,
                      std_errors=se, p_values=pv, statistics=statistics, insights=insights,
                      warnings=warnings, n_obs=n, tables=tables, extra=extra,
                      plot_data=plot_data)
