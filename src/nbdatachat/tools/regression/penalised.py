"""Penalised regression (``ridge_regression``, ``lasso_regression``) on the p x p moments
of standardised features: exact leave-one-out for ridge, k-fold coordinate descent
for lasso, fitted values built only when a chart asks for them."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ...errors import DataError, InvalidRequest
from .. import insights as say
from .._threads import single_threaded
from ..base import ToolResult
from ..prepare import DesignColumns, build_design, design_columns
from ..registry import tool
from .inference import _baselines, _effect_insights, _fitted_frame
from .inputs import _EXAMPLE_ROWS, LassoRegressionInputs, RidgeRegressionInputs, _PenalizedInputs

_INFERENCE_NOTE = (
    "{name} shrinks coefficients toward zero on purpose, so they are biased and the usual "
    "standard errors, p-values and confidence intervals would be misleading; none are "
    "reported. Use linear_regression on the selected features for inference.")

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
        from ..linalg import centered_moments

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
        from ..linalg import centered_blocks

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
