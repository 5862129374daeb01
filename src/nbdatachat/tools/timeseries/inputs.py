"""Inputs of the forecasting tools: the fields they share and each model's own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field, field_validator

from ..base import ToolInputs
from .horizon import HorizonUnit
from .scale import Transform

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
                    "month), or that fall in one period when horizon_unit resamples the "
                    "series (default there: mean). Without it, repeated timestamps are an "
                    "error.")
    horizon: int | None = Field(
        default=None, ge=1, le=10_000,
        description="How far to forecast, in horizon_unit (default: the data's own steps); "
                    "default depends on the frequency (10 years, 8 quarters, 12 months, 13 "
                    "weeks, 14 days). Capped at the length of the history and 1,000 steps.")
    horizon_unit: HorizonUnit | None = Field(
        default=None,
        description="Unit of horizon: step (the data's own steps) or hour, day, week, month, "
                    "quarter, year. A unit coarser than the data resamples the series to it "
                    "first (\"the next 6 months\" of hourly data: 6 monthly steps); a finer one "
                    "is converted to the data's steps.")
    transform: Transform = Field(
        default="auto",
        description="auto: when the history is never negative, forecasts and interval bounds "
                    "below 0 are clipped at 0 (stated). log: fit log(y) and transform back, "
                    "so intervals stay positive (positive series only). none: as fitted.")
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
