"""From a table to a regular series: find and parse the time column, order by it, refuse
or combine repeated timestamps, infer the frequency, insert missing periods as gaps,
and bound the horizon."""

from __future__ import annotations

import warnings as _warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ...data.readers import coerce_datetime
from ...errors import DataError, InvalidRequest
from ..prepare import numeric_column, require_columns
from .horizon import forecast_steps, grain_word, needs_resampling, resample, spacing_days
from .inputs import ForecastInputs

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
    spacing: float | None = None      # median days between observations (None: no dates)

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
                   aggregate: str | None = None, horizon_unit: str | None = None
                   ) -> TimeSeries:
    """The ``target`` column of ``frame`` as a regular series ordered by time; resampled to
    ``horizon_unit`` when that unit is coarser than the data's spacing (see :mod:`.horizon`).

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
    spacing = spacing_days(data["t"])
    if needs_resampling(horizon_unit, spacing):
        data, notes = resample(data, horizon_unit, aggregate, grain_word(spacing))
        warnings.extend(notes)
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
                    years, warnings, spacing_days(idx))
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
        raise DataError("The target has no values: every row of the series is missing.",
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


def _horizon(inputs: ForecastInputs, ts: TimeSeries) -> tuple[int, list[str]]:
    """Steps to forecast, and notes on a unit conversion or a cap (see :mod:`.horizon`)."""
    unit = inputs.horizon_unit
    if unit not in (None, "step") and ts.spacing is None:
        raise InvalidRequest(f"horizon_unit={unit!r} needs dated observations, but the series "
                             f"has no usable date column. Pass date=, or give horizon in "
                             f"steps.", details={"parameter": "horizon_unit"})
    return forecast_steps(inputs.horizon, unit, ts.default_horizon, ts.n, ts.period,
                          ts.spacing, ts.frequency)


def _require_length(ts: TimeSeries, needed: int, what: str) -> None:
    n = int(ts.y.notna().sum())
    if n < needed:
        raise DataError(f"The series has {n} observations; {what} needs at least {needed}. "
                        f"Add data, or choose a simpler model.",
                        details={"parameter": "target", "rows": n, "required": needed})

def _interpolated(y: pd.Series) -> np.ndarray:
    return y.interpolate(limit_direction="both").to_numpy(dtype="float64")
