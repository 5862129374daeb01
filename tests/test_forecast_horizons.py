"""Forecast horizons in calendar units, the horizon cap and non-negative intervals
(issue 14 item 8), checked against pandas resampling and statsmodels fits done here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nbdatachat import run_tool
from nbdatachat.errors import DataError, InvalidRequest
from nbdatachat.tools.timeseries.horizon import MAX_STEPS


@pytest.fixture(scope="module")
def nile() -> pd.DataFrame:
    from statsmodels.datasets import nile as sm_nile

    df = sm_nile.load_pandas().data
    return pd.DataFrame({"year": df["year"].astype(int), "flow": df["volume"].astype(float)})


@pytest.fixture(scope="module")
def hourly() -> pd.DataFrame:
    """A year of hourly revenue (from 2023-01-01 05:00, so January is partial): a daily
    cycle, a slow upward drift, noise; never negative."""
    rng = np.random.default_rng(11)
    t = pd.date_range("2023-01-01 05:00", "2023-12-31 23:00", freq="h")
    hours = np.arange(len(t))
    revenue = (200 + 0.01 * hours + 80 * np.sin(2 * np.pi * hours / 24)
               + rng.normal(0, 25, len(t)))
    return pd.DataFrame({"ts": t, "revenue": np.maximum(revenue, 0)})


def test_six_months_of_hourly_data_is_six_monthly_steps(hourly):
    r = run_tool("arima", dataset=hourly, target="revenue", date="ts", horizon=6,
                 horizon_unit="month", aggregate="sum")
    monthly = hourly.set_index("ts")["revenue"].resample("MS").sum()
    counts = hourly.set_index("ts")["revenue"].resample("MS").count()
    assert counts.iloc[0] == 744 - 5  # January starts at 05:00: complete enough to keep
    hist = r.plot_data["history"]
    np.testing.assert_allclose(hist["actual"], monthly.to_numpy())
    assert list(r.tables["forecast"]["date"]) == [f"2024-{m:02d}-01" for m in range(1, 7)]
    assert r.extra["horizon"] == 6 and r.extra["horizon_unit"] == "month"
    assert r.extra["frequency"] == "monthly" and r.n_obs == 12
    assert any("Resampled the hourly series to months (sum per month; 8,755 rows into 12 "
               "months)" in w for w in r.warnings)


def test_partial_periods_are_dropped_and_mean_is_the_default(hourly):
    late = hourly[hourly["ts"] >= "2023-01-25"]  # January holds 7 of 31 days: partial
    r = run_tool("exponential_smoothing", dataset=late, target="revenue", date="ts",
                 horizon=2, horizon_unit="month")
    by_month = late.set_index("ts")["revenue"].resample("MS")
    np.testing.assert_allclose(r.plot_data["history"]["actual"], by_month.mean().iloc[1:])
    typical = by_month.count().median()  # 732 hours: the median month
    assert any(f"Dropped partial month(s) at the ends of the data: 2023-01-01 (168 of about "
               f"{typical:g} rows)" in w for w in r.warnings)
    assert any("Per-month averages" in w for w in r.warnings)
    assert len(r.tables["forecast"]) == 2


def test_finer_unit_is_converted_to_the_data_steps():
    days = pd.DataFrame({"day": pd.date_range("2024-01-01", periods=60, freq="D"),
                         "visits": 100 + np.arange(60) % 7 * 5.0})
    r = run_tool("exponential_smoothing", dataset=days, target="visits", date="day",
                 horizon=48, horizon_unit="hour")
    assert len(r.tables["forecast"]) == 2
    assert "48 hour(s) ahead of daily data is 2 daily step(s)." in r.warnings
    same = run_tool("exponential_smoothing", dataset=days, target="visits", date="day",
                    horizon=5, horizon_unit="day")
    assert len(same.tables["forecast"]) == 5 and not any("step(s)" in w for w in same.warnings)


def test_horizon_is_capped_with_a_message(nile):
    r = run_tool("arima", dataset=nile, target="flow", order=[1, 1, 1], horizon=500)
    assert len(r.tables["forecast"]) == len(nile) == 100
    assert any(w.startswith("Horizon capped at 100 steps (asked: 500): the history has 100 "
                            "observations") and "horizon_unit" in w for w in r.warnings)
    assert r.extra["horizon_requested"] == 500 and r.extra["horizon"] == 100
    long = pd.DataFrame({"y": 50 + np.sin(np.arange(3000) / 5.0)})
    capped = run_tool("exponential_smoothing", dataset=long, target="y", horizon=5000,
                      trend="none", seasonal="none")
    assert len(capped.tables["forecast"]) == MAX_STEPS == 1000


def test_horizon_unit_needs_dates():
    with pytest.raises(InvalidRequest) as exc:
        run_tool("arima", dataset=pd.DataFrame({"y": np.arange(30.0) % 5}), target="y",
                 horizon=2, horizon_unit="month")
    assert exc.value.details["parameter"] == "horizon_unit"


@pytest.fixture(scope="module")
def small_sales() -> pd.DataFrame:
    """Monthly sales near zero with large swings: a plain model's interval dips below 0."""
    rng = np.random.default_rng(4)
    values = np.abs(rng.normal(6, 5, 48)) + 0.5
    return pd.DataFrame({"month": pd.date_range("2020-01-01", periods=48, freq="MS"),
                         "sales": values})


def test_intervals_of_a_non_negative_measure_are_clipped(small_sales):
    raw = run_tool("arima", dataset=small_sales, target="sales", date="month",
                   order=[1, 0, 0], horizon=6, transform="none")
    auto = run_tool("arima", dataset=small_sales, target="sales", date="month",
                    order=[1, 0, 0], horizon=6)
    lo = raw.tables["forecast"]["lower"].to_numpy()
    assert (lo < 0).any()  # the premise: a symmetric interval reaches below zero
    np.testing.assert_allclose(auto.tables["forecast"]["lower"], np.maximum(lo, 0))
    np.testing.assert_allclose(auto.tables["forecast"]["upper"], raw.tables["forecast"]["upper"])
    np.testing.assert_allclose(auto.tables["forecast"]["forecast"],
                               raw.tables["forecast"]["forecast"])
    assert auto.statistics["transform"] == "clipped at 0"
    assert raw.statistics["transform"] == "none"
    assert any(f"fell below 0 for {int((lo < 0).sum())} of 6 step(s)" in w
               for w in auto.warnings)
    # The sentences quote the clipped numbers: the last step's lower bound is 0.
    assert lo[-1] < 0 and "95 % interval 0 to" in " ".join(auto.insights)


def test_log_transform_matches_a_statsmodels_fit_on_the_log_scale(small_sales):
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    r = run_tool("arima", dataset=small_sales, target="sales", date="month", order=[1, 0, 0],
                 horizon=6, transform="log")
    res = SARIMAX(np.log(small_sales["sales"].to_numpy()), order=(1, 0, 0), trend="c",
                  simple_differencing=True).fit(disp=False)
    fc = res.get_forecast(6)
    ci = np.asarray(fc.conf_int(alpha=0.05))
    table = r.tables["forecast"]
    np.testing.assert_allclose(table["forecast"], np.exp(fc.predicted_mean), rtol=1e-4)
    np.testing.assert_allclose(table["lower"], np.exp(ci[:, 0]), rtol=1e-4)
    np.testing.assert_allclose(table["upper"], np.exp(ci[:, 1]), rtol=1e-4)
    assert (table["lower"] > 0).all() and r.statistics["transform"] == "log"
    assert any("Fitted on log(sales)" in s for s in r.insights)
    np.testing.assert_allclose(r.plot_data["history"]["actual"], small_sales["sales"])
    ets = run_tool("exponential_smoothing", dataset=small_sales, target="sales", date="month",
                   trend="none", seasonal="none", horizon=3, transform="log")
    logged = run_tool("exponential_smoothing",
                      dataset=small_sales.assign(sales=np.log(small_sales["sales"])),
                      target="sales", date="month", trend="none", seasonal="none", horizon=3,
                      transform="none")
    np.testing.assert_allclose(ets.tables["forecast"]["forecast"],
                               np.exp(logged.tables["forecast"]["forecast"]), rtol=1e-9)
    np.testing.assert_allclose(ets.tables["forecast"]["lower"],
                               np.exp(logged.tables["forecast"]["lower"]), rtol=1e-9)


def test_log_transform_refuses_non_positive_series(small_sales):
    zeros = small_sales.assign(sales=small_sales["sales"].where(small_sales.index != 3, 0.0))
    with pytest.raises(DataError) as exc:
        run_tool("arima", dataset=zeros, target="sales", date="month", transform="log")
    assert "positive series" in exc.value.message and "minimum 0" in exc.value.message
