"""Regression tools: linear (OLS), ridge, lasso and logistic regression.

Each tool turns the frame into a numeric design with :func:`~.prepare.build_design` (so bad
columns, missing rows and categories are handled the same way everywhere), fits with code
chosen for accuracy and speed, and reports numbers plus sentences that never claim more than
the numbers show:

- ``linear_regression`` uses :mod:`.linalg` (Householder QR with refinement), which matches
  NIST's certified values to the digits the data allow, where ``statsmodels`` can lose all.
- ``ridge_regression`` and ``lasso_regression`` work on the p x p Gram matrix of standardized
  features, so their cost after one pass over the data does not depend on the number of
  rows. That pass reads the checked columns in place (:func:`~.prepare.design_columns`) in
  cache-sized blocks: no n x p copy, and fitted values for charts are only computed when
  ``plot_data`` is read. Penalized estimates are biased on purpose, so they carry no
  standard errors or p-values (the result says so in ``inference_note``).
- ``logistic_regression`` is Newton/IRLS with Wald inference (what ``statsmodels.Logit``
  reports), one blocked pass over the rows per Newton step, with a clear error for perfect
  separation instead of infinite coefficients.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError, InvalidRequest
from . import insights as say
from ._threads import one_thread, single_threaded

SMALL_FIT_CELLS = 200_000
from .base import SupervisedInputs, ToolResult
from .prepare import Design, DesignColumns, build_design, design_columns, require_columns
from .registry import tool

_EXAMPLE_ROWS = [
    {"sales": 100, "marketing": 50, "price": 25},
    {"sales": 150, "marketing": 75, "price": 30},
    {"sales": 120, "marketing": 60, "price": 28},
    {"sales": 170, "marketing": 80, "price": 26},
    {"sales": 90, "marketing": 40, "price": 27},
    {"sales": 135, "marketing": 70, "price": 31},
]
_MAX_EFFECT_SENTENCES = 6
_INFERENCE_NOTE = (
    "{name} shrinks coefficients toward zero on purpose, so they are biased and the usual "
    "standard errors, p-values and confidence intervals would be misleading; none are "
    "reported. Use linear_regression on the selected features for inference.")


# -- inputs ------------------------------------------------------------------------------------

class LinearRegressionInputs(SupervisedInputs):
    fit_intercept: bool = Field(True, description="Include an intercept (constant) term. "
                                "Without one, R² is uncentered (measured around zero).")
    confidence_level: float = Field(0.95, gt=0.5, lt=1,
                                    description="Level of the confidence intervals.")


class _PenalizedInputs(SupervisedInputs):
    standardize: bool = Field(
        True, description="Scale features to unit variance before penalizing, so the penalty "
        "treats features in different units alike (coefficients are reported in original "
        "units). With false, alpha has exactly scikit-learn's meaning on raw features.")


class RidgeRegressionInputs(_PenalizedInputs):
    alpha: float | None = Field(
        None, ge=0, description="Penalty strength (scikit-learn's Ridge alpha: "
        "|y - Xb|² + alpha |b|²). When omitted it is chosen by exact leave-one-out "
        "cross-validation over `alphas`.")
    alphas: list[float] | None = Field(
        None, min_length=1, description="Candidate alphas for leave-one-out selection; "
        "by default 41 values spanning the scale of the data.")


class LassoRegressionInputs(_PenalizedInputs):
    alpha: float | None = Field(
        None, gt=0, description="Penalty strength (scikit-learn's Lasso alpha: "
        "|y - Xb|²/(2n) + alpha |b|₁). When omitted it is chosen by k-fold cross-validation.")
    cv_folds: int = Field(5, ge=2, le=20, description="Folds for choosing alpha.")
    random_state: int = Field(0, description="Seed of the fold assignment (results are "
                              "deterministic for a given seed).")


class LogisticRegressionInputs(SupervisedInputs):
    positive_class: str | None = Field(
        None, description="Target value counted as the event (1). Default: 1/True, or the "
        "second of the two values in sorted order ('yes' over 'no'). With more than two "
        "values, models this value against all others.")
    confidence_level: float = Field(0.95, gt=0.5, lt=1,
                                    description="Level of the confidence intervals.")


# -- shared helpers ----------------------------------------------------------------------------

def _baselines(frame: pd.DataFrame, names: Sequence[str]) -> dict[str, str]:
    """Baseline level of each categorical feature that build_design encoded."""
    out: dict[str, str] = {}
    for name in names:
        ind = say.split_indicator(name)
        if ind and ind[0] in frame.columns and ind[0] not in out:
            out[ind[0]] = sorted(frame[ind[0]].dropna().astype(str).unique())[0]
    return out


def _others(term: str, terms: Sequence[str]) -> list[str]:
    """Features held constant for ``term``: all others, indicators of one variable as one."""
    ind = say.split_indicator(term)
    mine = ind[0] if ind else term
    seen: list[str] = []
    for t in terms:
        i = say.split_indicator(t)
        base = i[0] if i else t
        if base != mine and base not in seen:
            seen.append(base)
    return seen


def _stdtr_p(t: np.ndarray, df: int) -> np.ndarray:
    from scipy import special

    return 2.0 * special.stdtr(df, -np.abs(t))


def _as_dict(names: Sequence[str], values: Sequence[Any] | np.ndarray | None) -> dict[str, Any]:
    if values is None:
        return {n: None for n in names}
    return {n: (None if v is None or not np.isfinite(v) else float(v))
            for n, v in zip(names, values)}


def _effect_insights(terms: list[str], coefs: np.ndarray, target: str, *,
                     baselines: dict[str, str], pvalues: np.ndarray | None,
                     order_key: np.ndarray, inference: bool, odds_event: str | None = None,
                     negligible: np.ndarray | None = None) -> list[str]:
    """One sentence per term, most important first, at most _MAX_EFFECT_SENTENCES.

    ``negligible`` marks coefficients that are zero up to rounding (an exact fit leaves
    1e-42 where the true value is 0); their sentences say "no association".
    """
    order = sorted(range(len(terms)), key=lambda i: -order_key[i]
                   if np.isfinite(order_key[i]) else 0.0)
    out = []
    for i in order[:_MAX_EFFECT_SENTENCES]:
        p = None if pvalues is None or not np.isfinite(pvalues[i]) else float(pvalues[i])
        others = _others(terms[i], terms)
        coef = 0.0 if negligible is not None and negligible[i] else float(coefs[i])
        if odds_event is not None:
            out.append(say.odds_sentence(terms[i], coef, odds_event, others=others,
                                         baselines=baselines, p=p))
        else:
            out.append(say.slope_sentence(terms[i], coef, target, others=others,
                                          baselines=baselines, p=p, inference=inference))
    if len(terms) > _MAX_EFFECT_SENTENCES:
        out.append(f"{len(terms) - _MAX_EFFECT_SENTENCES} more terms are listed in the "
                   f"coefficient table.")
    return out


def _fitted_frame(design: Design, actual: np.ndarray, fitted: np.ndarray,
                  residual: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"actual": actual, "fitted": fitted, "residual": residual},
                        index=design.index, copy=False)


def _mean(x: np.ndarray) -> float:
    """Two-pass mean: exact to rounding even with many constant leading digits."""
    m = float(x.mean())
    return m + float((x - m).mean())


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
    from .linalg import solve_least_squares

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
    table = pd.DataFrame({
        "term": order,
        "coefficient": [coefs[t] for t in order],
        "std_error": list(keyed(se).values()),
        "t_value": list(keyed(tval).values()),
        "p_value": list(keyed(pval).values()),
        "ci_lower": [None if c is None else c[0] for c in conf.values()],
        "ci_upper": [None if c is None else c[1] for c in conf.values()],
        "vif": [None if vifs is None or t not in vifs else vifs[t] for t in order],
    })
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
        tables={"coefficient_table": table},
        plot_data={"fitted": _fitted_frame(design, y, fit.fitted, fit.residuals)})


# -- ridge and lasso: shared standardization on the Gram matrix --------------------------------

class _Standardized:
    """Centered moments of the design, standardized on p x p quantities only.

    One blocked pass over the columns (:func:`.linalg.centered_moments`) gives the means,
    the centered Gram matrix and ``X'y``; dividing feature j by its standard deviation
    ``s_j`` only rescales row and column j of the Gram matrix, so the unit-variance problem
    costs nothing more. The rows are revisited (block by block, never as an n x p copy)
    only by leave-one-out, cross-validation and the rare exact residual sum of squares.
    """

    def __init__(self, design: DesignColumns, standardize: bool) -> None:
        from .linalg import centered_moments

        mom = centered_moments(design.columns, design.sums, design.y, design.y_sum)
        self.n = mom.n
        self.columns, self.y = design.columns, design.y
        self.x_mean, self.y_mean = mom.x_mean, mom.y_mean
        self.x_sd = np.sqrt(np.diag(mom.gram) / mom.n)
        self.x_scale = self.x_sd if standardize else np.ones(len(self.x_sd))
        scale = self.x_scale
        self.gram = mom.gram / np.outer(scale, scale)
        self.xty = mom.xty / scale
        self.tss = mom.tss

    def blocks(self) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        """Row blocks of the centered (unscaled) features and centered target."""
        from .linalg import centered_blocks

        return centered_blocks(self.columns, self.x_mean, self.y, self.y_mean)

    def to_original(self, b_std: np.ndarray) -> tuple[np.ndarray, float]:
        b = b_std / self.x_scale
        return b, float(self.y_mean - self.x_mean @ b)

    def rss(self, b_std: np.ndarray) -> float:
        """Residual sum of squares, from the p x p moments when that is accurate.

        ``|yc - Xb|^2 = yc'yc - 2 b'X'yc + b'X'Xb`` costs no pass over the rows. The
        subtraction loses the digits by which ``rss`` is smaller than the size of its terms;
        when that is more than about three (a near-perfect fit) the residuals are summed
        directly instead, block by block.
        """
        lin = float(b_std @ self.xty)
        quad = float(b_std @ self.gram @ b_std)
        rss = self.tss - 2.0 * lin + quad
        size = (math.sqrt(self.tss) + float(np.abs(b_std) @ np.sqrt(np.diag(self.gram)))) ** 2
        if rss >= 1e-3 * size:
            return rss
        b = b_std / self.x_scale
        total = 0.0
        for _, block, yblock in self.blocks():
            r = yblock - block @ b
            total += float(r @ r)
        return total


class _LazyFitted(Mapping):
    """``plot_data`` of a penalized fit: ``{"fitted": actual/fitted/residual per row}``,
    built on first access.

    A chart needs the per-row frame; a million-row fit called in a loop does not, so it is
    not computed up front (two n-vectors and a pass over the data). It is rebuilt from the
    coefficients and a shallow copy of the input, which pandas' copy-on-write keeps
    unchanged if the caller edits their frame afterwards. The rows (and index) are the
    ones the fit used, since the same design builder drops the same rows.
    """

    _KEY = "fitted"

    def __init__(self, frame: pd.DataFrame, target: str, features: Sequence[str],
                 coef: np.ndarray, intercept: float) -> None:
        self._source: pd.DataFrame | None = frame.copy(deep=False)
        self._target, self._features = target, list(features)
        self._coef, self._intercept = coef, intercept
        self._frames: dict[str, pd.DataFrame] | None = None

    def _load(self) -> dict[str, pd.DataFrame]:
        if self._frames is None:
            design = build_design(self._source, self._target, self._features)
            fitted = design.X @ self._coef
            fitted += self._intercept
            self._frames = {self._KEY: _fitted_frame(design, design.y, fitted,
                                                     design.y - fitted)}
            self._source = None
        return self._frames

    def __getitem__(self, key: str) -> pd.DataFrame:
        if key != self._KEY:
            raise KeyError(key)
        return self._load()[key]

    def __contains__(self, key: object) -> bool:
        return key == self._KEY

    def __iter__(self) -> Iterator[str]:
        return iter((self._KEY,))

    def __len__(self) -> int:
        return 1

    def __repr__(self) -> str:
        state = "built" if self._frames is not None else "built on first access"
        return f"<plot_data {{'fitted': DataFrame ({state})}}>"


def _penalized_result(name: str, inputs: _PenalizedInputs, frame: pd.DataFrame,
                      design: DesignColumns, st: _Standardized, b_std: np.ndarray,
                      performance_extra: dict[str, Any], statistics: dict[str, Any],
                      insights_pre: list[str], insights_post: list[str],
                      warnings: list[str]) -> ToolResult:
    coef, intercept = st.to_original(b_std)
    rss = st.rss(b_std)
    n = st.n
    r2 = 1 - rss / st.tss if st.tss > 0 else float("nan")
    performance = {"r_squared": r2, "mse": rss / n, "rmse": math.sqrt(rss / n),
                   **performance_extra}
    coefs = {t: float(c) for t, c in zip(design.names, coef)}
    coefs["intercept"] = intercept
    # Effect of a one-standard-deviation change: comparable across features.
    std_coef = coef * st.x_sd
    table = pd.DataFrame({"term": list(coefs), "coefficient": list(coefs.values()),
                          "standardized_coefficient": [*std_coef.tolist(), None]})
    statistics = {**statistics, "n_dropped": design.n_dropped,
                  "standardized_coefficients": dict(zip(design.names, std_coef.tolist()))}
    baselines = _baselines(frame, design.names)
    size = np.abs(std_coef)
    insight = [say.r_squared_sentence(r2, inputs.target, in_sample=True), *insights_pre]
    nonzero = [i for i, c in enumerate(coef) if c != 0]
    insight += _effect_insights([design.names[i] for i in nonzero], coef[nonzero],
                                inputs.target, baselines=baselines, pvalues=None,
                                order_key=size[nonzero], inference=False)
    insight += insights_post
    return ToolResult(
        name, performance=performance, coefficients=coefs, statistics=statistics,
        insights=insight, warnings=list(design.warnings) + warnings, n_obs=n,
        tables={"coefficient_table": table},
        extra={"inference_note": _INFERENCE_NOTE.format(name=name)},
        plot_data=_LazyFitted(frame, inputs.target, inputs.features, coef, intercept))


def _penalized_design(frame: pd.DataFrame, inputs: _PenalizedInputs) -> DesignColumns:
    return design_columns(frame, inputs.target, inputs.features)


# -- ridge -------------------------------------------------------------------------------------

def _ridge_loo(st: _Standardized, evals: np.ndarray, evecs: np.ndarray, alphas: np.ndarray
               ) -> np.ndarray:
    """Exact leave-one-out MSE of ridge (with unpenalized intercept) for every alpha.

    With ``X = U S V'``, the hat matrix diagonal is ``1/n + sum_k (XV)_ik² / (d_k + alpha)``
    and the LOO residual is ``e_i / (1 - h_ii)``; rows are processed in blocks so memory
    stays at block x len(alphas) whatever n is.
    """
    n = st.n
    rot = evecs / st.x_scale[:, None]           # standardized X @ V == Xc @ rot
    z = evecs.T @ st.xty                        # V'X'y
    inv = 1.0 / (evals[:, None] + alphas[None, :])  # p x a
    coef_rot = z[:, None] * inv                 # V'b for each alpha
    total = np.zeros(len(alphas))
    for _, block, yblock in st.blocks():
        xv = block @ rot                        # m x p
        h = (xv * xv) @ inv + 1.0 / n
        e = yblock[:, None] - xv @ coef_rot
        with np.errstate(divide="ignore", invalid="ignore"):
            loo = e / (1.0 - h)
        total += np.einsum("ij,ij->j", loo, loo)
    return total / n


@tool("ridge_regression",
      description="Ridge regression (L2 penalty) for correlated features: stable "
      "coefficients at the cost of some bias. The penalty alpha is chosen by exact "
      "leave-one-out cross-validation when not given. No p-values (see inference_note).",
      inputs=RidgeRegressionInputs,
      example={"dataset": _EXAMPLE_ROWS, "target": "sales",
               "features": ["marketing", "price"]})
@single_threaded
def ridge_regression(inputs: RidgeRegressionInputs, frame: pd.DataFrame) -> ToolResult:
    design = _penalized_design(frame, inputs)
    st = _Standardized(design, inputs.standardize)
    evals, evecs = np.linalg.eigh(st.gram)
    evals = np.clip(evals, 0.0, None)
    stats: dict[str, Any] = {}
    perf: dict[str, Any] = {}
    pre: list[str] = []
    warnings: list[str] = []
    if inputs.alpha is not None:
        alpha = float(inputs.alpha)
    else:
        if inputs.alphas is not None:
            alphas = np.asarray(sorted(inputs.alphas), dtype=float)
            if np.any(alphas < 0):
                raise InvalidRequest("alphas must be non-negative.",
                                     details={"parameter": "alphas"})
        else:
            top = float(evals[-1]) if evals[-1] > 0 else 1.0
            alphas = top * np.logspace(-6, 1, 41)
        loo = _ridge_loo(st, evals, evecs, alphas)
        best = int(np.nanargmin(loo)) if np.isfinite(loo).any() else 0
        alpha = float(alphas[best])
        perf["loo_mse"] = float(loo[best])
        stats.update(alpha_grid=[float(alphas[0]), float(alphas[-1])], n_alphas=len(alphas),
                     selection="exact leave-one-out cross-validation")
        pre.append(f"Leave-one-out cross-validation chose alpha = {say.fmt(alpha)} out of "
                   f"{len(alphas)} candidates (LOO RMSE {say.fmt(math.sqrt(loo[best]))}).")
        if len(alphas) > 1 and best == 0:
            pre.append("The smallest alpha tried fitted best: the data ask for almost no "
                       "shrinkage, so ridge is close to ordinary least squares here.")
        elif len(alphas) > 1 and best == len(alphas) - 1:
            warnings.append("The largest alpha tried fitted best: the features predict the "
                            "target poorly and the coefficients are shrunk almost to zero.")
    b_std = evecs @ ((evecs.T @ st.xty) / (evals + alpha)) if alpha > 0 or evals[0] > 0 \
        else None
    if b_std is None:
        raise DataError("With alpha = 0 the features are exactly collinear; give alpha > 0.",
                        details={"parameter": "alpha"})
    eff_df = float(np.sum(evals / (evals + alpha))) if alpha > 0 else float(len(evals))
    perf["alpha"] = alpha
    stats.update(alpha=alpha, effective_df=eff_df + 1.0, standardized=inputs.standardize)
    post = [f"The penalty leaves about {say.fmt(eff_df)} effective degrees of freedom for "
            f"{len(design.names)} features."]
    return _penalized_result("ridge_regression", inputs, frame, design, st, b_std, perf,
                             stats, pre, post, warnings)


# -- lasso -------------------------------------------------------------------------------------

def _soft(x: float, t: float) -> float:
    return x - t if x > t else (x + t if x < -t else 0.0)


def _lasso_cd(G: np.ndarray, c: np.ndarray, alpha: float, b: np.ndarray, *,
              tol: float = 1e-9, max_epochs: int = 10_000) -> tuple[np.ndarray, bool]:
    """Coordinate descent for ``b'Gb/2 - c'b + alpha|b|_1`` (sklearn's lasso with G = X'X/n).

    Runs on the p x p Gram matrix, so one epoch costs O(p²) whatever the number of rows.
    Converged when no coordinate moves by more than ``tol`` times the largest coefficient
    scale, the same criterion as scikit-learn's ``tol`` on the updates.
    """
    b = b.copy()
    grad = c - G @ b  # = c - G b
    diag = np.diag(G).copy()
    p = len(b)
    scale = max(float(np.max(np.abs(c) / np.sqrt(np.where(diag > 0, diag, 1.0)))), 1e-300)
    for _ in range(max_epochs):
        max_move = 0.0
        for j in range(p):
            if diag[j] <= 0:
                continue
            old = b[j]
            rho = grad[j] + diag[j] * old
            new = _soft(rho, alpha) / diag[j]
            if new != old:
                delta = new - old
                grad -= G[:, j] * delta
                b[j] = new
                move = abs(delta) * math.sqrt(diag[j])
                if move > max_move:
                    max_move = move
        if max_move <= tol * scale:
            return b, True
    return b, False


def _fold_moments(st: _Standardized, labels: np.ndarray, folds: int) -> list[tuple]:
    """Per fold: X'X, X'y, column sums, sum y, y'y and row count of the standardized
    features (scaled here, on p x p quantities), accumulated block by block."""
    p = len(st.x_scale)
    acc = [[np.zeros((p, p)), np.zeros(p), np.zeros(p), 0.0, 0.0, 0] for _ in range(folds)]
    for start, block, yblock in st.blocks():
        fold_of = labels[start:start + len(yblock)]
        for f in range(folds):
            mask = fold_of == f
            xf, yf = block[mask], yblock[mask]
            m = acc[f]
            m[0] += xf.T @ xf
            m[1] += xf.T @ yf
            m[2] += xf.sum(axis=0)
            m[3] += float(yf.sum())
            m[4] += float(yf @ yf)
            m[5] += len(yf)
    scale = st.x_scale
    return [(S / np.outer(scale, scale), xy / scale, sx / scale, sy, yy, cnt)
            for S, xy, sx, sy, yy, cnt in acc]


def _lasso_cv(st: _Standardized, alphas: np.ndarray, folds: int, seed: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard error of held-out MSE over ``folds`` shuffled folds, per alpha.

    Every fold is summarized by its moments (X'X, X'y, sums), so training and validation
    errors are p x p algebra: the rows are read once whatever the number of alphas.
    """
    n = st.n
    perm = np.random.default_rng(seed).permutation(n)
    labels = np.empty(n, dtype=np.intp)
    for f, idx in enumerate(np.array_split(perm, folds)):
        labels[idx] = f
    moments = _fold_moments(st, labels, folds)
    total = [sum(m[i] for m in moments) for i in range(6)]
    mse = np.zeros((folds, len(alphas)))
    for f, m in enumerate(moments):
        n_tr = total[5] - m[5]
        S = total[0] - m[0]
        sx = total[2] - m[2]
        sy = total[3] - m[3]
        mu, my = sx / n_tr, sy / n_tr
        G = (S - n_tr * np.outer(mu, mu)) / n_tr
        c = ((total[1] - m[1]) - n_tr * mu * my) / n_tr
        b = np.zeros(len(c))
        Sv, Xyv, sxv, syv, yyv, nv = m
        for a_i, alpha in enumerate(alphas):
            b, _ = _lasso_cd(G, c, alpha, b, tol=1e-7)
            a0 = my - mu @ b
            # sum over held-out rows of (y - a0 - x b)^2, expanded in the fold's moments
            sse = (yyv - 2 * a0 * syv - 2 * b @ Xyv + nv * a0 * a0 + 2 * a0 * (sxv @ b)
                   + b @ Sv @ b)
            mse[f, a_i] = max(sse, 0.0) / nv
    return mse.mean(axis=0), mse.std(axis=0, ddof=1) / math.sqrt(folds)


@tool("lasso_regression",
      description="Lasso regression (L1 penalty): shrinks coefficients and sets the weakest "
      "to exactly zero, selecting features. The penalty alpha is chosen by k-fold "
      "cross-validation (deterministic folds) when not given. No p-values (see "
      "inference_note).",
      inputs=LassoRegressionInputs,
      example={"dataset": _EXAMPLE_ROWS, "target": "sales",
               "features": ["marketing", "price"], "alpha": 1.0})
@single_threaded
def lasso_regression(inputs: LassoRegressionInputs, frame: pd.DataFrame) -> ToolResult:
    design = _penalized_design(frame, inputs)
    st = _Standardized(design, inputs.standardize)
    n = st.n
    G, c = st.gram / n, st.xty / n
    alpha_max = float(np.max(np.abs(c)))
    stats: dict[str, Any] = {}
    perf: dict[str, Any] = {}
    pre: list[str] = []
    warnings: list[str] = []
    if inputs.alpha is not None:
        alpha = float(inputs.alpha)
    else:
        if n < 2 * inputs.cv_folds:
            raise DataError(f"Only {n} usable rows for {inputs.cv_folds}-fold "
                            f"cross-validation; give alpha explicitly or add rows.",
                            details={"rows": n, "cv_folds": inputs.cv_folds})
        alphas = alpha_max * np.logspace(0, -3, 60) if alpha_max > 0 else np.array([1e-3])
        cv_mean, cv_se = _lasso_cv(st, alphas, inputs.cv_folds, inputs.random_state)
        best = int(np.argmin(cv_mean))
        alpha = float(alphas[best])
        perf["cv_mse"] = float(cv_mean[best])
        stats.update(alpha_grid=[float(alphas[-1]), float(alphas[0])], n_alphas=len(alphas),
                     cv_folds=inputs.cv_folds, random_state=inputs.random_state,
                     selection=f"{inputs.cv_folds}-fold cross-validation (shuffled, "
                               f"seed {inputs.random_state})")
        pre.append(f"{inputs.cv_folds}-fold cross-validation chose alpha = {say.fmt(alpha)} "
                   f"(CV RMSE {say.fmt(math.sqrt(cv_mean[best]))}).")
    b_std, converged = _lasso_cd(G, c, alpha, np.zeros(len(c)))
    if not converged:
        warnings.append("Coordinate descent did not fully converge; coefficients may be "
                        "slightly off. Features on very different scales or exact "
                        "duplicates slow it down.")
    dropped = [t for t, b in zip(design.names, b_std) if b == 0]
    kept = [t for t, b in zip(design.names, b_std) if b != 0]
    perf["alpha"] = alpha
    stats.update(alpha=alpha, alpha_max=alpha_max, n_selected=len(kept),
                 standardized=inputs.standardize)
    post = []
    if dropped and kept:
        post.append(f"The penalty set {len(dropped)} of {len(design.names)} coefficients to "
                    f"exactly zero ({say.join_names(dropped)}): at this alpha they add too "
                    f"little to predicting {inputs.target} to be kept.")
    elif not kept:
        post.append(f"At alpha = {say.fmt(alpha)} every coefficient is zero: the model "
                    f"predicts the mean of {inputs.target} (alpha at or above "
                    f"{say.fmt(alpha_max)} removes all features).")
    else:
        post.append("No coefficient was set to zero at this alpha.")
    result = _penalized_result("lasso_regression", inputs, frame, design, st, b_std, perf,
                               stats, pre, post, warnings)
    result.extra["dropped_features"] = dropped
    result.extra["selected_features"] = kept
    return result


# -- logistic regression -----------------------------------------------------------------------

def _binary_target(series: pd.Series, target: str, positive: str | None
                   ) -> tuple[pd.Series, str, str]:
    """The target as 1.0/0.0 (NaN where missing), plus the event and reference labels."""
    values = series.dropna()
    if pd.api.types.is_bool_dtype(values):
        levels = [False, True]
    else:
        levels = sorted(values.unique().tolist(), key=lambda v: (str(type(v)), v))
    labels = [str(v) for v in levels]
    if positive is not None:
        if positive not in labels:
            shown = ", ".join(repr(v) for v in labels[:10])
            raise InvalidRequest(f"positive_class {positive!r} does not occur in the target "
                                 f"{target!r}; its values are {shown}.",
                                 details={"parameter": "positive_class", "values": labels[:50]})
        event = positive
    else:
        if len(labels) > 2:
            shown = ", ".join(repr(v) for v in labels[:10])
            raise DataError(
                f"The target {target!r} has {len(labels)} classes ({shown}"
                f"{' ...' if len(labels) > 10 else ''}); logistic_regression models a "
                f"two-class outcome. Set positive_class to one value to model it against "
                f"all others.", details={"column": target, "classes": labels[:50]})
        event = labels[-1]
    if len(labels) < 2:
        only = labels[0] if labels else "none"
        raise DataError(f"The target {target!r} has a single value ({only}); logistic "
                        f"regression needs two classes.",
                        details={"column": target})
    reference = next(lab for lab in labels if lab != event) if len(labels) == 2 else \
        f"not {event}"
    event_value = levels[labels.index(event)]
    encoded = (series == event_value).astype("float64")  # vectorized; NaN rows fixed below
    encoded[series.isna()] = np.nan
    return encoded, event, reference


def _separating_feature(X: np.ndarray, y: np.ndarray, names: list[str]) -> str | None:
    """A feature whose values alone split the classes (checked without copying X)."""
    pos, neg = (y == 1)[:, None], (y == 0)[:, None]
    inf = np.inf
    pos_min = np.min(X, axis=0, where=pos, initial=inf)
    pos_max = np.max(X, axis=0, where=pos, initial=-inf)
    neg_min = np.min(X, axis=0, where=neg, initial=inf)
    neg_max = np.max(X, axis=0, where=neg, initial=-inf)
    for j, name in enumerate(names):
        if pos_min[j] > neg_max[j] or pos_max[j] < neg_min[j]:
            return name
    return None


_LOGIT_CHUNK_ROWS = 32_768  # rows per block: a block of X and its weighted copy stay in cache


@dataclass
class _LogitState:
    """Everything Newton's method needs at one coefficient vector, from one pass over X."""

    ll: float
    hessian: np.ndarray  # X'WX of [1, X] (minus the Hessian of the log-likelihood)
    score: np.ndarray    # X'(y - p) of [1, X]
    eta: np.ndarray      # linear predictor per row


def _logit_state(X: np.ndarray, y: np.ndarray, b: np.ndarray) -> _LogitState:
    """Log-likelihood, score and Hessian at ``b`` (intercept first) in one blocked pass.

    The intercept is handled analytically (its column of ones is never materialized), and
    each block's ``W X`` is a cache-sized temporary rather than an n x p copy per iteration.
    """
    from scipy.special import expit

    n, p = X.shape
    eta = np.empty(n)
    hxx = np.zeros((p, p))
    hx0 = np.zeros(p)
    h00 = 0.0
    g = np.zeros(p + 1)
    ll = 0.0
    for start in range(0, n, _LOGIT_CHUNK_ROWS):
        stop = min(start + _LOGIT_CHUNK_ROWS, n)
        xb, yb, eb = X[start:stop], y[start:stop], eta[start:stop]
        np.matmul(xb, b[1:], out=eb)
        eb += b[0]
        # sum y*log(p) + (1-y)*log(1-p) = y'eta - sum log(1 + e^eta), overflow-free
        ll += float(yb @ eb) - float(np.logaddexp(0.0, eb).sum())
        mu = expit(eb)
        resid = yb - mu
        w = mu * (1.0 - mu)
        xw = xb * w[:, None]
        hxx += xb.T @ xw
        hx0 += xw.sum(axis=0)
        h00 += float(w.sum())
        g[0] += float(resid.sum())
        g[1:] += xb.T @ resid
    H = np.empty((p + 1, p + 1))
    H[0, 0] = h00
    H[0, 1:] = H[1:, 0] = hx0
    H[1:, 1:] = (hxx + hxx.T) / 2
    return _LogitState(ll, H, g, eta)


@single_threaded
def _logit_irls(X: np.ndarray, y: np.ndarray, max_iter: int = 100
                ) -> tuple[np.ndarray, np.ndarray, float, int, np.ndarray]:
    """Newton-Raphson (IRLS) for the logistic log-likelihood with step halving.

    Returns coefficients (intercept first), the inverse Hessian (Wald covariance),
    log-likelihood, iterations and the final linear predictor. Raises DataError on
    (quasi-)perfect separation, detected as fitted probabilities of 0 or 1 with a
    still-growing likelihood.

    Each trial point costs one pass over X that also yields the score and Hessian there,
    so an accepted step (the usual case) needs no second pass, and the covariance at the
    solution comes for free. The blocks are small BLAS calls, which run fastest on one
    thread (multi-threaded BLAS spends longer synchronising than computing on them).
    """
    k = X.shape[1] + 1
    b = np.zeros(k)
    ybar = float(y.mean())
    b[0] = math.log(ybar / (1 - ybar))
    state = _logit_state(X, y, b)
    margin_sign = 2 * y - 1
    for it in range(1, max_iter + 1):
        try:
            L = np.linalg.cholesky(state.hessian)
            step = np.linalg.solve(L.T, np.linalg.solve(L, state.score))
        except np.linalg.LinAlgError:
            raise _separation_error() from None
        t = 1.0
        while True:
            b_new = b + t * step
            new = _logit_state(X, y, b_new)
            if new.ll >= state.ll - 1e-12 * abs(state.ll) or t < 1e-10:
                break
            t /= 2
        ll_old = state.ll
        b, state = b_new, new
        eta, ll = state.eta, state.ll
        max_eta = float(np.max(np.abs(eta)))
        if max_eta > 30 and float(np.min(margin_sign * eta)) > -1e-9 and ll > -1e-6:
            raise _separation_error()
        if abs(ll - ll_old) <= 1e-10 * (abs(ll) + 1e-10) and \
                np.max(np.abs(t * step)) <= 1e-8 * (1 + np.max(np.abs(b))):
            try:
                cov = np.linalg.inv(state.hessian)
            except np.linalg.LinAlgError:
                raise _separation_error() from None
            if max_eta > 30:
                raise _separation_error(quasi=True)
            return b, cov, ll, it, eta
    raise _separation_error(quasi=True)


def _separation_error(quasi: bool = False, feature: str | None = None) -> DataError:
    which = f"{feature!r} alone" if feature else "the features"
    kind = "almost perfectly (quasi-complete separation)" if quasi else "perfectly"
    return DataError(
        f"{which[0].upper()}{which[1:]} separate the two classes {kind}, so the best-fitting "
        f"coefficients are infinite and no finite estimate or p-value exists. Remove the "
        f"separating feature, merge rare categories, or add data where the classes overlap.",
        details={"reason": "perfect_separation" if not quasi else "quasi_separation",
                 **({"column": feature} if feature else {})})


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve as the Mann-Whitney U statistic, ties counted half.

    Sorting each class once and counting with ``searchsorted`` gives the same exact
    integer counts as ranking all scores, at a fraction of an argsort's cost.
    """
    pos = np.sort(score[y == 1])
    neg = np.sort(score[y == 0])
    below = np.searchsorted(neg, pos, side="left")
    ties = np.searchsorted(neg, pos, side="right") - below
    u = float(below.sum()) + 0.5 * float(ties.sum())
    return u / (float(len(pos)) * float(len(neg)))


@tool("logistic_regression",
      description="Logistic regression for a yes/no target (0/1, true/false or two text "
      "values): log-odds coefficients with odds ratios, standard errors, Wald p-values and "
      "confidence intervals; accuracy, log-loss, McFadden pseudo R² and AUC.",
      inputs=LogisticRegressionInputs,
      example={"dataset": [{"hours": h, "passed": p} for h, p in
                           [(1, "no"), (2, "no"), (3, "yes"), (4, "no"), (5, "yes"),
                            (6, "yes"), (2.5, "yes"), (4.5, "no")]],
               "target": "passed", "features": ["hours"]})
def logistic_regression(inputs: LogisticRegressionInputs, frame: pd.DataFrame) -> ToolResult:
    require_columns(frame, [inputs.target], "target")
    require_columns(frame, inputs.features, "feature")
    if inputs.target in inputs.features:
        raise InvalidRequest(f"{inputs.target!r} is both the target and a feature; remove it "
                             f"from features.", details={"parameter": "features"})
    encoded, event, reference = _binary_target(frame[inputs.target], inputs.target,
                                               inputs.positive_class)
    sub = frame[list(inputs.features)].assign(**{inputs.target: encoded})
    design = build_design(sub, inputs.target, inputs.features)
    X, y = design.X, design.y
    n = design.n
    n1 = int(y.sum())
    if n1 == 0 or n1 == n:
        raise DataError(f"After dropping incomplete rows every row has {inputs.target} = "
                        f"{event if n1 else reference}; logistic regression needs both classes.",
                        details={"column": inputs.target})
    k = X.shape[1] + 1
    if n <= k:
        raise DataError(f"Only {n} usable rows for {k} coefficients; add rows or use fewer "
                        f"features.", details={"rows": n, "required": k + 1})
    from scipy import special

    try:
        b, cov, ll, iters, eta = _logit_irls(X, y)
    except DataError as exc:
        # Name the culprit when one feature alone separates (only checked on failure).
        sep = _separating_feature(X, y, design.names)
        if sep is not None:
            raise _separation_error(feature=sep) from exc
        raise
    se = np.sqrt(np.clip(np.diag(cov), 0, None))
    z = b / se
    pval = special.erfc(np.abs(z) / math.sqrt(2))
    crit = float(special.ndtri(1 - (1 - inputs.confidence_level) / 2))
    lo, hi = b - crit * se, b + crit * se
    prob = special.expit(eta)
    ybar = n1 / n
    ll0 = n1 * math.log(ybar) + (n - n1) * math.log(1 - ybar)
    lr = 2 * (ll - ll0)
    perf = {
        "accuracy": float(np.mean((prob >= 0.5) == (y == 1))),
        "log_loss": -ll / n,
        "pseudo_r_squared": 1 - ll / ll0,
        "auc": _auc(y, eta),
        "log_likelihood": ll, "null_log_likelihood": ll0,
        "aic": -2 * ll + 2 * k, "bic": -2 * ll + math.log(n) * k,
        "llr_p_value": float(special.chdtrc(k - 1, lr)),
    }
    terms = ["intercept"] + design.names
    order = design.names + ["intercept"]
    pos = {t: i for i, t in enumerate(terms)}

    def keyed(v: np.ndarray) -> dict[str, Any]:
        return {t: (float(v[pos[t]]) if np.isfinite(v[pos[t]]) else None) for t in order}

    odds = np.exp(np.clip(b, -700, 700))
    conf = {t: [float(lo[pos[t]]), float(hi[pos[t]])] for t in order}
    table = pd.DataFrame({
        "term": order, "coefficient": [b[pos[t]] for t in order],
        "odds_ratio": [odds[pos[t]] for t in order],
        "std_error": [se[pos[t]] for t in order], "z_value": [z[pos[t]] for t in order],
        "p_value": [pval[pos[t]] for t in order],
        "ci_lower": [lo[pos[t]] for t in order], "ci_upper": [hi[pos[t]] for t in order],
        "odds_ratio_ci_lower": [math.exp(min(lo[pos[t]], 700)) for t in order],
        "odds_ratio_ci_upper": [math.exp(min(hi[pos[t]], 700)) for t in order],
    })
    event_text = f"{inputs.target} = {event}"
    warnings = list(design.warnings)
    small = min(n1, n - n1)
    if small < 10 * (k - 1):
        warnings.append(f"Only {small} rows in the rarer class for {k - 1} feature(s) (fewer "
                        f"than 10 per feature): estimates are imprecise and p-values "
                        f"approximate.")
    baselines = _baselines(frame, design.names)
    insight = [f"Modelling the probability that {event_text} (versus {reference}); "
               f"{n1} of {n} rows ({say.percent(ybar)}) have it.",
               f"The model classifies {say.percent(perf['accuracy'])} of rows correctly at a "
               f"0.5 threshold (AUC {say.fmt(perf['auc'])}, McFadden pseudo R² "
               f"{say.fmt(perf['pseudo_r_squared'])})."]
    insight += _effect_insights(design.names, b[1:], inputs.target, baselines=baselines,
                                pvalues=pval[1:], order_key=np.abs(z[1:]), inference=True,
                                odds_event=event_text)
    return ToolResult(
        "logistic_regression", performance=perf, coefficients=keyed(b), std_errors=keyed(se),
        p_values=keyed(pval), conf_int=conf,
        statistics={"odds_ratios": keyed(odds), "event": event, "reference": reference,
                    "iterations": iters, "n_dropped": design.n_dropped,
                    "confidence_level": inputs.confidence_level},
        insights=insight, warnings=warnings, n_obs=n, tables={"coefficient_table": table},
        plot_data={"fitted": _fitted_frame(design, y, prob, y - prob)})
