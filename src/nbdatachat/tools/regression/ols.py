"""Ordinary least squares (``linear_regression``): Householder QR with refinement, t-tests,
F-test, information criteria and collinearity diagnostics."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .. import insights as say
from .._threads import one_thread
from ..base import LazyFrames, ToolResult
from ..prepare import build_design
from ..registry import tool
from .inference import _baselines, _effect_insights, _fitted_frame, _mean, _stdtr_p
from .inputs import _EXAMPLE_ROWS, LinearRegressionInputs

SMALL_FIT_CELLS = 200_000

# -- linear regression -------------------------------------------------------------------------

@tool("linear_regression",
      description="Ordinary least squares: how the target changes with each feature, holding "
      "the others constant. Coefficients with standard errors, t-tests, p-values and "
      "confidence intervals; R², adjusted R², RMSE, AIC/BIC and the overall F-test; "
      "collinearity diagnostics (condition number, VIF). Accurate on ill-conditioned data.",
      inputs=LinearRegressionInputs,
      example={"dataset": _EXAMPLE_ROWS[:3], "target": "sales",
               "features": ["marketing", "price"]})
def linear_regression(inputs: LinearRegressionInputs, frame: pd.DataFrame) -> ToolResult:
    from ..linalg import solve_least_squares

    design = build_design(frame, inputs.target, inputs.features)
    X, y = design.X, design.y
    icpt = inputs.fit_intercept
    # Small fits are a handful of tiny LAPACK calls: threads only add wake-up latency (and
    # milliseconds per call when the other cores are busy). Big fits keep every core.
    with one_thread(X.size <= SMALL_FIT_CELLS):
        fit = solve_least_squares(X, y, fit_intercept=icpt, names=design.names)
    n, k = design.n, fit.n_params
    df_resid, df_model = n - k, k - int(icpt)
    terms = (["intercept"] if icpt else []) + design.names
    rss = fit.rss
    ybar = _mean(y)
    tss = float(np.dot(y - ybar, y - ybar)) if icpt else float(np.dot(y, y))
    r2 = 1.0 - rss / tss if tss > 0 else float("nan")
    mse = rss / n
    exact = df_resid == 0

    from scipy import special

    level = inputs.confidence_level
    if df_resid > 0:
        sigma2 = rss / df_resid
        se = np.sqrt(sigma2 * np.clip(np.diag(fit.cov_unscaled), 0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            tval = fit.coef / se
        pval = _stdtr_p(tval, df_resid)
        crit = float(special.stdtrit(df_resid, 1 - (1 - level) / 2))
        lo, hi = fit.coef - crit * se, fit.coef + crit * se
        adj_r2 = 1.0 - (1.0 - r2) * (n - int(icpt)) / df_resid
        ess = tss - rss
        f_stat = (ess / df_model) / sigma2 if df_model > 0 and sigma2 > 0 else float("nan")
        f_p = (float(special.fdtrc(df_model, df_resid, f_stat)) if math.isfinite(f_stat)
               else (0.0 if df_model > 0 and ess > 0 else float("nan")))
        rse = math.sqrt(sigma2)
    else:
        sigma2 = rse = adj_r2 = f_stat = f_p = float("nan")
        se = tval = pval = lo = hi = None
    if rss > 0 and df_resid > 0:
        llf = -n / 2.0 * (math.log(2 * math.pi) + math.log(rss / n) + 1.0)
        aic, bic = -2 * llf + 2 * k, -2 * llf + math.log(n) * k
    else:
        llf = aic = bic = float("nan")

    # Collinearity: VIF_j = [(A'A)^-1]_jj * centered sum of squares of x_j; the latter is the
    # norm of column j of R below the intercept row (Householder keeps it exact).
    vifs: dict[str, float] | None = None
    corr_cond = fit.condition_number
    if icpt and len(design.names) >= 2:
        css = np.sum(fit.R[1:, 1:] ** 2, axis=0)
        inv_corr = fit.cov_unscaled[1:, 1:] * np.sqrt(np.outer(css, css))
        vifs = {name: float(v) for name, v in zip(design.names, np.diag(inv_corr))}
        ev = np.linalg.eigvalsh((inv_corr + inv_corr.T) / 2)
        corr_cond = float(math.sqrt(ev[-1] / ev[0])) if ev[0] > 0 else float("inf")
    elif icpt:
        corr_cond = 1.0

    warnings = list(design.warnings)
    for w in (say.sample_size_warning(n, k), say.collinearity_warning(corr_cond, vifs)):
        if w:
            warnings.append(w)
    if fit.condition_number > 1e10:
        warnings.append(f"The design is numerically ill-conditioned (condition number "
                        f"{say.fmt(fit.condition_number)} after scaling); the fit used "
                        f"iterative refinement, but digits beyond about "
                        f"{max(1, int(16 - math.log10(fit.condition_number)))} may reflect "
                        f"rounding of the input data.")

    feat_idx = slice(int(icpt), None)
    baselines = _baselines(frame, design.names)
    insight = [say.r_squared_sentence(r2, inputs.target, centered=icpt, exact_fit=exact)]
    if df_model > 0 and math.isfinite(f_p):
        verdict = ("are jointly statistically significant" if f_p < say.SIGNIFICANCE_LEVEL
                   else "are not jointly statistically significant")
        insight.append(f"Taken together, the features {verdict} at the 5% level "
                       f"(F = {say.fmt(f_stat)}, {say.fmt_p(f_p)}).")
    # Size of each term's contribution, in units of the target: |b_j| * |x_j|.
    contribution = np.abs(fit.coef[feat_idx]) * np.sqrt(np.sum(fit.R[:, feat_idx] ** 2, 0))
    scale_y = math.sqrt(tss) if tss > 0 else 1.0
    order_key = np.abs(tval[feat_idx]) if tval is not None else contribution
    insight += _effect_insights(design.names, fit.coef[feat_idx], inputs.target,
                                baselines=baselines,
                                pvalues=None if pval is None else pval[feat_idx],
                                order_key=order_key, inference=True,
                                negligible=contribution <= 1e-10 * scale_y)
    if exact:
        insight.append("Standard errors and p-values are undefined: there are no residual "
                       "degrees of freedom left to estimate the noise.")

    order = design.names + (["intercept"] if icpt else [])
    pos = {t: i for i, t in enumerate(terms)}

    def keyed(values: np.ndarray | None) -> dict[str, Any]:
        return {t: (None if values is None or not np.isfinite(values[pos[t]])
                    else float(values[pos[t]])) for t in order}

    coefs = keyed(fit.coef)
    conf = {t: (None if lo is None else [float(lo[pos[t]]), float(hi[pos[t]])]) for t in order}
    table = {  # read as a DataFrame only if someone asks (the JSON needs no frame)
        "term": order,
        "coefficient": [coefs[t] for t in order],
        "std_error": list(keyed(se).values()),
        "t_value": list(keyed(tval).values()),
        "p_value": list(keyed(pval).values()),
        "ci_lower": [None if c is None else c[0] for c in conf.values()],
        "ci_upper": [None if c is None else c[1] for c in conf.values()],
        "vif": [None if vifs is None or t not in vifs else vifs[t] for t in order],
    }
    performance = {
        "r_squared": r2, "adj_r_squared": adj_r2, "mse": mse, "rmse": math.sqrt(mse),
        "residual_std_error": rse, "aic": aic, "bic": bic, "log_likelihood": llf,
        "f_statistic": f_stat, "f_p_value": f_p,
    }
    statistics = {
        "df_model": df_model, "df_resid": df_resid, "n_dropped": design.n_dropped,
        "condition_number": fit.condition_number, "collinearity_condition_number": corr_cond,
        "vif": vifs or {}, "confidence_level": level, "r_squared_centered": icpt,
        "refined": fit.refined,
    }
    return ToolResult(
        "linear_regression", performance=performance, coefficients=coefs,
        std_errors=keyed(se), p_values=keyed(pval), conf_int=conf, statistics=statistics,
        insights=insight, warnings=warnings, n_obs=n,
        tables=LazyFrames(coefficient_table=table),
        plot_data=LazyFrames(fitted=lambda: _fitted_frame(design, y, fit.fitted,
                                                          fit.residuals)))
