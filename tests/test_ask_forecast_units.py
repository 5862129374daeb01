"""Forecast horizons in the question's unit (issue 12 / issue 14 item 8): "the next 3 months"
of daily data is forecast as 3 monthly totals, the tool resampling the daily series; a short
horizon stays in the data's own steps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from nbdatachat import ask


def _daily_sales(days: int = 730) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    date = pd.date_range("2022-01-01", periods=days, freq="D")
    trend = np.linspace(100, 160, days)
    weekly = 10 * np.sin(2 * np.pi * np.arange(days) / 7)
    return pd.DataFrame({"date": date, "sales": (trend + weekly + rng.normal(0, 5, days))
                         .round(2)})


def test_next_three_months_of_daily_data_are_three_monthly_totals():
    d = _daily_sales()
    a = ask(d, "forecast sales for the next 3 months")
    assert a.status == "answered", a.text
    args = a.plan.tool.args
    assert args["horizon"] == 3 and args["horizon_unit"] == "month"
    assert args["aggregate"] == "sum"  # sales add up over a month
    fc = a.table
    assert len(fc) == 3
    # monthly totals: about 30 days of ~160 a day, nowhere near one day's sales
    last_month = d[d.date >= "2023-12-01"].sales.sum()
    assert 0.8 * last_month < fc["forecast"].iloc[0] < 1.3 * last_month
    extra = a.tool_result.extra
    assert extra["horizon_unit"] == "month" and extra["horizon_requested"] == 3


def test_a_short_horizon_stays_in_the_data_steps():
    d = _daily_sales()
    a = ask(d, "forecast sales for the next 2 weeks")
    assert a.status == "answered", a.text
    assert a.plan.tool.args["horizon"] == 14
    assert "horizon_unit" not in a.plan.tool.args
    assert len(a.table) == 14


def test_a_mean_measure_is_averaged_per_period():
    d = _daily_sales().rename(columns={"sales": "temperature"})
    a = ask(d, "forecast the average temperature for the next 4 months")
    assert a.status == "answered", a.text
    args = a.plan.tool.args
    assert args["horizon_unit"] == "month" and args["aggregate"] == "mean"
    assert len(a.table) == 4
    assert 100 < a.table["forecast"].iloc[0] < 220  # a daily level, not a monthly sum


def test_history_too_short_for_the_unit_forecasts_in_data_steps():
    d = _daily_sales(days=120)  # four months: too few monthly points to fit
    a = ask(d, "forecast sales for the next 2 months")
    assert a.status == "answered", a.text
    assert "horizon_unit" not in a.plan.tool.args
    assert a.plan.tool.args["horizon"] == 61
