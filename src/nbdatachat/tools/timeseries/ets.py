"""Exponential smoothing (ETS / Holt-Winters): model candidates, fitting, selection by the
information criterion and the ``exponential_smoothing`` tool."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...errors import ComputationError, DataError, InvalidRequest
from .._threads import single_threaded
from ..base import ToolResult
from ..progress import step
from ..registry import tool
from .inputs import EtsInputs
from .results import _accuracy, _captured, _coef_table, _criterion, _forecast_outputs
from .scale import check_log, clip_at_zero, log_note
from .series import _horizon, prepare_series
from .wording import _fmt, _forecast_insights

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

    done = [0]
    fits = len(specs) + 2 if screen else len(specs)

    def fit(sp: _Ets, init: str) -> tuple[float, Any, list[str]]:
        step(f"Fitting exponential smoothing {sp.label}"
             f"{' (screening)' if init == 'heuristic' else ''}", fraction=done[0] / fits)
        done[0] += 1
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
    ts = prepare_series(frame, inputs.target, inputs.date, inputs.aggregate,
                        inputs.horizon_unit)
    warnings = list(ts.warnings)
    horizon, horizon_notes = _horizon(inputs, ts)
    warnings.extend(horizon_notes)
    if ts.y.isna().any():
        ts.y = ts.y.interpolate()
        warnings.append("Missing values inside the series were filled by linear interpolation "
                        "(exponential smoothing needs a complete series).")
    original = pd.Series(ts.y.to_numpy(dtype="float64"))
    if inputs.transform == "log":
        check_log(original.to_numpy(), inputs.target)
    y = np.log(original) if inputs.transform == "log" else original
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
    transform = inputs.transform
    if transform == "log":
        mean, lower, upper, fitted = (np.exp(v) for v in (mean, lower, upper, fitted))
        ts.y = original
    elif transform == "auto":
        mean, lower, upper, clip_notes = clip_at_zero(original.to_numpy(), mean, lower, upper,
                                                      inputs.target)
        warnings.extend(clip_notes)
        transform = "clipped at 0" if clip_notes else "none"

    names = list(res.model.param_names)
    params = pd.Series(np.asarray(res.params), index=names)
    bse = pd.Series(np.asarray(res.bse), index=names)
    pvalues = pd.Series(np.asarray(res.pvalues), index=names)
    smoothing = [k for k in _SMOOTHING if k in names]
    coef, se, pv, _ = _coef_table(params, bse, pvalues, None, smoothing)
    initial = {k: float(params[k]) for k in names if k.startswith("initial_")}
    sigma2 = float(np.mean(np.asarray(res.resid, dtype="float64") ** 2))
    performance = {"aic": float(res.aic), "aicc": float(res.aicc), "bic": float(res.bic),
                   "loglik": float(res.llf), "sigma2": sigma2, **_accuracy(original.to_numpy(), fitted)}
    statistics = {"frequency": ts.frequency, "seasonal_periods": best.s or None,
                  "transform": transform,
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
    if transform == "log":
        insights.append(log_note(inputs.target))
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
             "horizon_unit": inputs.horizon_unit, "horizon_requested": inputs.horizon,
             "transform": transform,
             "seasonal_periods": best.s or None, "horizon": horizon,
             "confidence": inputs.confidence, "frequency": ts.frequency,
             "date_column": ts.date_column}
    return ToolResult("exponential_smoothing", performance=performance, coefficients=coef,
                      std_errors=se, p_values=pv, statistics=statistics, insights=insights,
                      warnings=warnings, n_obs=n, tables=tables, extra=extra,
                      plot_data=plot_data)
