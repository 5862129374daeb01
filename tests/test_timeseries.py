"""Forecasting tools: ``arima`` checked against R, ``exponential_smoothing`` against a direct
statsmodels call, and the series preparation (dates, frequency, gaps) and its errors."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from nbdatachat.errors import ColumnNotFound, DataError, InvalidRequest, NbDataChatError
from nbdatachat.tools import run_tool, tool_schema


@pytest.fixture(scope="module")
def nile() -> pd.DataFrame:
    from statsmodels.datasets import nile as sm_nile

    df = sm_nile.load_pandas().data
    return pd.DataFrame({"year": df["year"].astype(int), "flow": df["volume"].astype(float)})


@pytest.fixture(scope="module")
def monthly_sales() -> pd.DataFrame:
    """The demo `sales` table summed over its four regions: 36 months, trend + season."""
    from nbdatachat.data import default_catalog

    df = default_catalog().get("sales").frame()
    return df.groupby("month", as_index=False)["sales"].sum()


def _json(result) -> dict:
    return json.loads(json.dumps(result.to_dict(), allow_nan=False))


# --- ARIMA matches R ------------------------------------------------------------------

def test_arima_111_matches_r_on_nile(nile):
    # R: fit <- arima(Nile, order = c(1, 1, 1)); predict(fit, n.ahead = 3)
    r = run_tool("arima", dataset=nile, target="flow", date="year", order=[1, 1, 1], horizon=3)
    assert r.coefficients["ar.L1"] == pytest.approx(0.2544, abs=2e-3)
    assert r.coefficients["ma.L1"] == pytest.approx(-0.8741, abs=2e-3)
    assert r.performance["loglik"] == pytest.approx(-630.63, abs=0.05)
    assert r.performance["aic"] == pytest.approx(1267.25, abs=0.05)
    assert r.performance["sigma2"] == pytest.approx(19769, rel=1e-3)
    # R's s.e. come from the numerical Hessian: 0.1194 and 0.0605.
    assert r.std_errors["ar.L1"] == pytest.approx(0.1194, abs=3e-3)
    assert r.std_errors["ma.L1"] == pytest.approx(0.0605, abs=3e-3)
    out = _json(r)
    first = out["forecast"][0]
    assert first["date"] == 1971 and first["step"] == 1
    assert first["forecast"] == pytest.approx(816.18, abs=0.5)
    # R: predict()$se[1] = 140.6 -> 95 % interval 816.18 +- 1.96 * 140.6
    assert (first["upper"] - first["lower"]) / 2 / 1.959964 == pytest.approx(140.6, abs=0.3)
    widths = [f["upper"] - f["lower"] for f in out["forecast"]]
    assert widths == sorted(widths), "intervals widen with the horizon"
    assert [f["date"] for f in out["forecast"]] == [1971, 1972, 1973]
    assert out["n_obs"] == 100 and out["order"] == [1, 1, 1]
    assert out["performance"]["rmse"] > 0 and 0 < out["performance"]["mape"] < 100
    assert "1971" in r.insights[1] and "95 %" in r.insights[1]
    hist, fc = r.plot_data["history"], r.plot_data["forecast"]
    assert len(hist) == 100 and list(hist["date"][:2]) == [1871, 1872]
    assert np.isnan(hist["fitted"].iloc[0]) and hist["fitted"].iloc[1:].notna().all()
    assert len(fc) == 3 and fc["forecast"].iloc[0] == pytest.approx(first["forecast"])


def test_arima_confidence_changes_only_the_interval(nile):
    a = run_tool("arima", dataset=nile, target="flow", order=[1, 1, 1], horizon=1)
    b = run_tool("arima", dataset=nile, target="flow", order=[1, 1, 1], horizon=1,
                 confidence=0.8)
    fa, fb = _json(a)["forecast"][0], _json(b)["forecast"][0]
    assert fa["forecast"] == pytest.approx(fb["forecast"])
    # Normal quantiles: the 80 % half-width is 1.2816 / 1.96 of the 95 % one.
    ratio = (fb["upper"] - fb["lower"]) / (fa["upper"] - fa["lower"])
    assert ratio == pytest.approx(1.281552 / 1.959964, rel=1e-4)
    # The date column was found without being named.
    assert _json(a)["date_column"] == "year"


@pytest.mark.slow
def test_auto_arima_on_nile_picks_the_r_order(nile):
    # forecast::auto.arima(Nile) also selects ARIMA(1,1,1).
    from statsmodels.tsa.stattools import kpss

    r = run_tool("arima", dataset=nile.to_dict("records"), target="flow")
    out = _json(r)
    assert out["order"] == [1, 1, 1]
    cands = out["candidates"]
    assert 5 <= len(cands) <= 20
    chosen = [c for c in cands if c["chosen"]]
    assert len(chosen) == 1 and chosen[0]["aic"] == min(c["aic"] for c in cands if c["aic"])
    assert chosen[0]["aic"] == pytest.approx(out["performance"]["aic"], abs=0.05)
    assert all(c["order"][1] == 1 for c in cands)  # d from the unit-root test
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert kpss(nile["flow"], regression="c", nlags="auto")[1] < 0.05
    assert "chosen by AIC" in r.insights[0]


def test_auto_arima_recovers_a_simulated_ar1():
    rng = np.random.default_rng(7)
    e = rng.normal(size=80)
    y = np.empty(80)
    y[0] = e[0]
    for t in range(1, 80):
        y[t] = 0.7 * y[t - 1] + e[t]
    df = pd.DataFrame({"day": pd.date_range("2024-01-01", periods=80, freq="D"),
                       "value": 50 + y})
    r = run_tool("arima", dataset=df, target="value", horizon=7)
    out = _json(r)
    assert out["order"][1] == 0 and out["order"][0] >= 1
    assert out["frequency"] == "daily"
    assert out["forecast"][0]["date"] == "2024-03-21"
    ar = r.coefficients["ar.L1"]
    assert 0.45 < ar < 0.95
    # Mean-reverting: the forecast moves from the last value toward the series mean.
    f = [row["forecast"] for row in out["forecast"]]
    assert abs(f[-1] - df["value"].mean()) < abs(df["value"].iloc[-1] - df["value"].mean()) + 1


def test_seasonal_arima_integrates_the_seasonal_difference(monthly_sales):
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    r = run_tool("arima", dataset=monthly_sales, target="sales", date="month",
                 order=[0, 0, 1], seasonal_order=[0, 1, 0, 12], include_constant=True,
                 horizon=12)
    out = _json(r)
    assert out["seasonal_order"] == [0, 1, 0, 12] and out["frequency"] == "monthly"
    assert out["forecast"][0]["date"] == "2024-01-01"
    y = monthly_sales["sales"].to_numpy()
    # Same model fitted directly to the seasonally differenced series.
    dy = y[12:] - y[:-12]
    direct = SARIMAX(dy, order=(0, 0, 1), trend="c").fit(disp=False)
    assert r.coefficients["ma.L1"] == pytest.approx(direct.params[1], abs=2e-3)
    assert r.performance["loglik"] == pytest.approx(direct.llf, abs=0.01)
    # Level forecast = value one year earlier + forecast of the seasonal difference.
    dfc = direct.forecast(12)
    expected = y[-12:] + dfc
    got = np.array([row["forecast"] for row in out["forecast"]])
    np.testing.assert_allclose(got, expected, rtol=0, atol=0.5)
    assert any("one cycle earlier" in s for s in r.insights)


def test_repeated_dates_need_aggregate():
    from nbdatachat.data import default_catalog

    sales = default_catalog().get("sales").frame()
    with pytest.raises(DataError) as exc:
        run_tool("arima", dataset=sales, target="sales", date="month", order=[1, 0, 0])
    assert "aggregate" in exc.value.message and "4 times" in exc.value.message
    r = run_tool("arima", dataset=sales, target="sales", date="month", aggregate="mean",
                 order=[1, 0, 0], horizon=2)
    assert r.n_obs == 36
    assert any("Combined rows" in w for w in r.warnings)
    assert r.plot_data["history"]["actual"].iloc[0] == pytest.approx(
        sales.loc[sales["month"] == sales["month"].min(), "sales"].mean())


def test_text_dates_unsorted_with_a_gap_are_regularised():
    months = pd.date_range("2020-01-01", periods=30, freq="MS")
    rng = np.random.default_rng(3)
    values = 100 + np.arange(30) * 2.0 + rng.normal(0, 1, 30)
    df = pd.DataFrame({"when": months.strftime("%Y-%m-%d"), "v": values})
    df = df.drop(index=10).sample(frac=1, random_state=1)  # one month missing, shuffled
    r = run_tool("arima", dataset=df.to_dict("records"), target="v", date="when",
                 order=[1, 1, 0], horizon=2)
    out = _json(r)
    assert out["frequency"] == "monthly"
    assert any("1 missing monthly period" in w for w in r.warnings)
    hist = r.plot_data["history"]
    assert len(hist) == 30 and np.isnan(hist["actual"].iloc[10])
    assert list(hist["actual"].iloc[:3]) == pytest.approx(list(values[:3]))
    assert [row["date"] for row in out["forecast"]] == ["2022-07-01", "2022-08-01"]


def test_no_date_column_uses_row_order():
    r = run_tool("arima", dataset={"y": [3.0, 5, 4, 6, 5, 7, 6, 8, 7, 9, 8, 10]}, target="y",
                 order=[1, 0, 0], horizon=2)
    out = _json(r)
    assert "date" not in out["forecast"][0]
    assert any("No date column" in w for w in r.warnings)
    assert any("Short series" in w for w in r.warnings)
    assert list(r.plot_data["forecast"]["date"]) == [13, 14]


# --- exponential smoothing ------------------------------------------------------------

def test_holt_winters_matches_direct_statsmodels(monthly_sales):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    r = run_tool("exponential_smoothing", dataset=monthly_sales, target="sales", date="month",
                 trend="add", seasonal="add", horizon=12)
    y = pd.Series(monthly_sales["sales"].to_numpy())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = ETSModel(y, error="add", trend="add", seasonal="add",
                          seasonal_periods=12).fit(disp=False)
        pred = direct.get_prediction(start=36, end=47).summary_frame(alpha=0.05)
    out = _json(r)
    assert out["model"] == "ETS(A,A,A)" and out["seasonal_periods"] == 12
    assert r.performance["aic"] == pytest.approx(direct.aic, rel=1e-6)
    got = np.array([row["forecast"] for row in out["forecast"]])
    np.testing.assert_allclose(got, pred["mean"].to_numpy(), rtol=1e-6)
    np.testing.assert_allclose([row["lower"] for row in out["forecast"]],
                               pred["pi_lower"].to_numpy(), rtol=1e-6)
    assert r.coefficients["smoothing_level"] == pytest.approx(
        float(np.asarray(direct.params)[direct.model.param_names.index("smoothing_level")]),
        rel=1e-6)
    # Sensible numbers: the forecast year is above the last observed year (rising trend),
    # and the in-sample error is small relative to the level.
    assert got.mean() > y[-12:].mean()
    assert r.performance["mape"] < 15
    assert out["forecast"][0]["date"] == "2024-01-01"


def test_ets_automatic_choice_on_seasonal_series(monthly_sales):
    r = run_tool("exponential_smoothing", dataset=monthly_sales, target="sales",
                 date="month", horizon=6)
    out = _json(r)
    cands = out["candidates"]
    assert len(cands) == 9  # trend none/add/damped x seasonal none/add/mul
    chosen = [c for c in cands if c["chosen"]]
    assert len(chosen) == 1 and chosen[0]["seasonal"] != "none"
    finals = [c["aic"] for c in cands if c["aic"] is not None]
    assert chosen[0]["aic"] == min(finals) == pytest.approx(r.performance["aic"])
    assert len(out["forecast"]) == 6


def test_ets_non_seasonal_yearly_choice_and_direct_check(nile):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    r = run_tool("exponential_smoothing", dataset=nile, target="flow", horizon=5)
    out = _json(r)
    assert out["seasonal"] == "none" and len(out["candidates"]) == 3
    direct = ETSModel(pd.Series(nile["flow"].to_numpy()), error="add").fit(disp=False)
    if out["trend"] == "none":
        assert r.performance["aic"] == pytest.approx(direct.aic, rel=1e-6)
    assert r.performance["aic"] <= direct.aic + 1e-6
    # Simple exponential smoothing of the Nile: alpha about 0.25, flat forecast near 800.
    assert 700 < out["forecast"][0]["forecast"] < 950
    assert out["forecast"][0]["date"] == 1971


# --- bad input ------------------------------------------------------------------------

@pytest.mark.parametrize("inputs, error, fragment", [
    ({"target": "flw"}, ColumnNotFound, "Did you mean 'flow'"),
    ({"target": "flow", "date": "yeer"}, ColumnNotFound, "date"),
    ({"target": "flow", "horizon": 0}, InvalidRequest, "horizon"),
    ({"target": "flow", "order": [1, 1]}, InvalidRequest, "[p, d, q]"),
    ({"target": "flow", "order": [1, 3, 1]}, InvalidRequest, "between 0 and 2"),
    ({"target": "flow", "confidence": 95}, InvalidRequest, "confidence"),
    ({"target": "flow", "seasonal": True}, InvalidRequest, "seasonal_order"),
    ({"target": "year", "date": "year"}, InvalidRequest, "both the target and the date"),
])
def test_arima_input_errors(nile, inputs, error, fragment):
    with pytest.raises(error) as exc:
        run_tool("arima", dataset=nile, **inputs)
    assert fragment in exc.value.message
    assert set(exc.value.to_dict()["error"]) == {"code", "message", "details"}


def test_series_errors():
    text = pd.DataFrame({"year": range(2000, 2010), "y": list("abcdefghij")})
    with pytest.raises(DataError, match="not numeric"):
        run_tool("arima", dataset=text, target="y", order=[1, 0, 0])
    gaps = pd.DataFrame({"date": ["2024-01-01", None, "2024-01-03", "2024-01-04"] * 3,
                         "y": np.arange(12.0)})
    with pytest.raises(DataError) as exc:
        run_tool("arima", dataset=gaps, target="y", date="date", order=[1, 0, 0])
    assert "no usable value in the date column" in exc.value.message
    assert exc.value.details["rows"][:2] == [1, 5]
    const = pd.DataFrame({"t": range(20), "y": [4.0] * 20})
    with pytest.raises(DataError, match="constant"):
        run_tool("arima", dataset=const, target="y", order=[1, 0, 0])
    bad_date = pd.DataFrame({"when": ["soon"] * 12, "y": np.arange(12.0)})
    with pytest.raises(DataError, match="does not hold dates"):
        run_tool("arima", dataset=bad_date, target="y", date="when", order=[1, 0, 0])


def test_too_short_series_names_the_minimum():
    short = pd.DataFrame({"year": range(2001, 2009), "y": [5.0, 7, 6, 8, 9, 8, 10, 11]})
    with pytest.raises(DataError) as exc:
        run_tool("arima", dataset=short, target="y", order=[3, 1, 3])
    assert "needs at least" in exc.value.message
    assert exc.value.details["required"] > 8 and exc.value.details["rows"] == 8
    month = pd.DataFrame({"m": pd.date_range("2023-01-01", periods=18, freq="MS"),
                          "y": np.arange(18.0) + np.tile([0.0, 3.0, 1.0], 6)})
    with pytest.raises(DataError) as exc:
        run_tool("exponential_smoothing", dataset=month, target="y", seasonal="add")
    assert exc.value.details["required"] == 24
    with pytest.raises(InvalidRequest, match="no seasonal period|seasonal_periods"):
        run_tool("exponential_smoothing", dataset=short, target="y", seasonal="add")
    neg = month.assign(y=month["y"] - 5)
    with pytest.raises(DataError, match="strictly positive"):
        run_tool("exponential_smoothing", dataset=neg, target="y", seasonal="mul")


def test_fit_warnings_are_captured_not_printed():
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    from nbdatachat.tools.timeseries.results import _captured

    sink: list[str] = []
    with warnings.catch_warnings(record=True) as escaped:
        warnings.simplefilter("always")
        with _captured(sink, "ARIMA(3,0,3)"):
            warnings.warn("Maximum Likelihood optimization failed", ConvergenceWarning)
            warnings.warn("something odd", UserWarning)
        rng = np.random.default_rng(0)
        y = np.cumsum(rng.normal(size=30)) + rng.normal(size=30) * 5
        r = run_tool("arima", dataset={"y": y.tolist()}, target="y", order=[3, 0, 3],
                     horizon=3)
    assert escaped == []
    assert sink[0].startswith("ARIMA(3,0,3): the likelihood optimisation did not fully "
                              "converge")
    assert sink[1] == "ARIMA(3,0,3): something odd"
    assert isinstance(r.warnings, list)


def test_schema_examples_run_and_serialize():
    for name in ("arima", "exponential_smoothing"):
        schema = tool_schema(name)
        example = dict(schema["example_input"]["taskList"]["inputs"])
        example.pop("name")
        result = run_tool(name, **example)
        out = _json(result)
        assert out["model_type"] == name and out["forecast"]
        assert "target" in schema["input_schema"]["properties"]


def test_errors_are_nbdatachat_errors(nile):
    # Anything the caller can fix surfaces as the typed error family, never a raw exception.
    for kwargs in ({"target": "flow", "order": [0, 0, 0], "horizon": 0},
                   {"target": "flow", "aggregate": "average"},
                   {"target": "flow", "transform": "exp"}):
        with pytest.raises(NbDataChatError):
            run_tool("arima", dataset=nile, **kwargs)
