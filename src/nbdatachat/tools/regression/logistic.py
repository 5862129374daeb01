"""Logistic regression (``logistic_regression``): Newton/IRLS in blocked passes, Wald
inference, separation errors that name the culprit, AUC."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...errors import DataError, InvalidRequest
from .. import insights as say
from .._threads import single_threaded
from ..base import ToolResult
from ..prepare import build_design, require_columns
from ..registry import tool
from .inference import _baselines, _effect_insights, _fitted_frame
from .inputs import LogisticRegressionInputs

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
