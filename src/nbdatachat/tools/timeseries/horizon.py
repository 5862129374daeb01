"""Forecast horizons in calendar units: resampling, step conversion and the cap.

"The next 6 months" of hourly data is not 4,384 hourly steps: a model fitted to hours says
little about a month ahead, and such a fit blocks for minutes. With ``horizon_unit`` the
series is brought to the horizon's unit first:

* a unit coarser than the data's spacing (months of hourly data): the series is resampled
  to that unit (``aggregate`` per period, the mean by default; partial periods at either end
  are dropped) and ``horizon`` counts those periods;
* the same unit: ``horizon`` counts the data's own steps;
* a finer unit ("the next 48 hours" of daily data): ``horizon`` is converted to the data's
  steps, rounded up (2 days).

Whatever the unit, a forecast is capped at the length of the history (at least two seasonal
cycles) and at :data:`MAX_STEPS`; the result says when and why it was capped.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd

HorizonUnit = Literal["step", "hour", "day", "week", "month", "quarter", "year"]

UNIT_DAYS = {"hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 365.25 / 12,
             "quarter": 365.25 / 4, "year": 365.25}
#: pandas rule of each unit's periods, labelled by their start.
RESAMPLE_RULES = {"hour": "h", "day": "D", "week": "W-MON", "month": "MS", "quarter": "QS",
                  "year": "YS"}
MAX_STEPS = 1000
#: A period holding fewer rows than this share of the median period is partial.
PARTIAL_SHARE = 0.5
#: A unit this much coarser than the data's spacing is a different grain.
COARSER = 1.5


def spacing_days(times: pd.Series | pd.DatetimeIndex) -> float | None:
    """Median gap between distinct time points, in days (None with fewer than two)."""
    idx = pd.DatetimeIndex(pd.Series(times).dropna().unique()).sort_values()
    if len(idx) < 2:
        return None
    gaps = np.diff(idx.to_numpy()).astype("timedelta64[s]").astype("float64")
    return float(np.median(gaps)) / 86_400


def grain_word(spacing: float | None) -> str:
    """The calendar word closest to a spacing in days: hourly, daily, ... yearly."""
    if spacing is None or spacing <= 0:
        return "irregular"
    unit = min(UNIT_DAYS, key=lambda u: abs(math.log(spacing / UNIT_DAYS[u])))
    return {"hour": "hourly", "day": "daily", "week": "weekly", "month": "monthly",
            "quarter": "quarterly", "year": "yearly"}[unit]


def needs_resampling(unit: str | None, spacing: float | None) -> bool:
    return (unit not in (None, "step") and spacing is not None
            and UNIT_DAYS[unit] > COARSER * spacing)


def resample(data: pd.DataFrame, unit: str, how: str | None, frequency: str
             ) -> tuple[pd.DataFrame, list[str]]:
    """``data`` (columns ``t``, ``y``) aggregated to periods of ``unit``; empty periods are
    missing (gaps), partial periods at the ends dropped."""
    how = how or "mean"
    grouped = data.set_index("t")["y"].resample(RESAMPLE_RULES[unit])
    counts = grouped.count()
    values = grouped.sum(min_count=1) if how == "sum" else grouped.agg(how)
    notes = [f"Resampled the {frequency} series to {unit}s ({how} per {unit}; "
             f"{len(data):,} rows into {len(values):,} {unit}s) to forecast in {unit}s."]
    typical = float(counts[counts > 0].median()) if (counts > 0).any() else 0.0
    keep = np.ones(len(values), dtype=bool)
    dropped = []
    for pos in (0, len(values) - 1):
        if len(values) > 2 and 0 < counts.iloc[pos] < PARTIAL_SHARE * typical:
            keep[pos] = False
            dropped.append(f"{values.index[pos].date()} ({int(counts.iloc[pos])} of about "
                           f"{typical:g} rows)")
    if dropped:
        notes.append(f"Dropped partial {unit}(s) at the ends of the data: "
                     f"{', '.join(dropped)}.")
        values = values[keep]
    if how == "sum":
        notes.append(f"Per-{unit} totals: the forecast is a total per {unit}.")
    elif how == "mean":
        notes.append(f"Per-{unit} averages: pass aggregate='sum' to forecast totals per "
                     f"{unit}.")
    out = pd.DataFrame({"t": values.index, "y": values.to_numpy(dtype="float64")})
    return out, notes


def forecast_steps(horizon: int | None, unit: str | None, default: int, n: int, period: int,
                   spacing: float | None, frequency: str) -> tuple[int, list[str]]:
    """The number of steps to forecast, and notes on any conversion or cap."""
    notes: list[str] = []
    limit = min(max(n, 2 * period), MAX_STEPS)
    if horizon is None:
        return min(default, limit), notes
    if unit in (None, "step") or spacing is None or UNIT_DAYS[unit] * COARSER >= spacing:
        steps = horizon  # the data's own steps, or periods of a series resampled to the unit
    else:
        steps = max(1, math.ceil(horizon * UNIT_DAYS[unit] / spacing - 1e-9))
        if steps != horizon:
            notes.append(f"{horizon} {unit}(s) ahead of {frequency} data is {steps} "
                         f"{frequency} step(s).")
    if steps > limit:
        why = (f"the history has {n} observations, and a forecast further ahead than the "
               f"history is long is guesswork" if limit < MAX_STEPS else
               "longer forecasts are unreadable and slow")
        hint = "" if unit not in (None, "step") else \
            " For a long range, pass horizon_unit (e.g. 'month') to forecast coarser periods."
        notes.append(f"Horizon capped at {limit} steps (asked: {steps}): {why}.{hint}")
        steps = limit
    return steps, notes
