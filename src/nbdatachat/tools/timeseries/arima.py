"""ARIMA / seasonal ARIMA: the model specification, R-equivalent fitting, the stepwise
order search (as R's auto.arima), residual checks and the ``arima`` tool."""

from __future__ import annotations

import math
import warnings as _warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...errors import ComputationError, DataError, InvalidRequest
from .._threads import single_threaded
from ..base import ToolResult
from ..progress import step
from ..registry import tool
from .inputs import _NILE_EXAMPLE, ArimaInputs
from .results import _accuracy, _captured, _coef_table, _criterion, _forecast_outputs
from .scale import check_log, clip_at_zero, log_note
from .series import _horizon, _interpolated, _require_length, prepare_series
from .stationarity import _adf_pvalue, _choose_d, _kpss_pvalue, _seasonal_strength
from .wording import _fmt, _forecast_insights

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

def _fit_arima(y: np.ndarray, spec: _Spec, *, cov_type: str, sink: list[str],
               start_params: Any = None, maxiter: int = 200) -> Any:
    """R-equivalent fit: exact ML of the differenced series by the Kalman filter."""
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    with _captured(sink, spec.label):
        model = SARIMAX(y, simple_differencing=True, enforce_stationarity=True,
                        enforce_invertibility=True, **spec.sarimax_kwargs())
        return model.fit(disp=False, cov_type=cov_type, start_params=start_params,
                         maxiter=maxiter)

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
        step(f"Searching ARIMA models: fitting {sp.label} ({len(tried) + 1} of at most "
             f"{max_models})", fraction=len(tried) / max_models)
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
    ts = prepare_series(frame, inputs.target, inputs.date, inputs.aggregate,
                        inputs.horizon_unit)
    warnings = list(ts.warnings)
    horizon, horizon_notes = _horizon(inputs, ts)
    warnings.extend(horizon_notes)
    original = ts.y.copy()
    if inputs.transform == "log":
        check_log(original.to_numpy(dtype="float64"), inputs.target)
        ts.y = np.log(original)
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
    step("Testing the series for a trend (KPSS, ADF)")
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
        step(f"Fitting {spec.label}")
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
        step(f"Fitting the chosen model, {spec.label}")
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
    lower, upper = ci[:, 0], ci[:, 1]
    transform = inputs.transform
    if transform == "log":
        mean, lower, upper, fitted = (np.exp(v) for v in (mean, lower, upper, fitted))
        ts.y, y = original, original.to_numpy(dtype="float64")
    elif transform == "auto":
        mean, lower, upper, clip_notes = clip_at_zero(y, mean, lower, upper, inputs.target)
        warnings.extend(clip_notes)
        transform = "clipped at 0" if clip_notes else "none"
    statistics["transform"] = transform

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

    table, plot_data = _forecast_outputs(ts, fitted, mean, lower, upper)
    insights = []
    span = ""
    if ts.labels is not None:
        span = f" ({ts.show(ts.labels[0])} to {ts.show(ts.labels[-1])})"
    how = (f"chosen by {inputs.criterion.upper()} ({_fmt(performance[inputs.criterion])}) among "
           f"{len(candidates)} candidate models" if candidates is not None else "fitted")
    insights.append(f"{spec.label} {how} on {n_obs} {ts.frequency} observations of "
                    f"{inputs.target}{span}.")
    if transform == "log":
        insights.append(log_note(inputs.target))
    insights += _forecast_insights(ts, inputs.target, mean, lower, upper,
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
             "horizon_unit": inputs.horizon_unit, "horizon_requested": inputs.horizon,
             "transform": transform,
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
