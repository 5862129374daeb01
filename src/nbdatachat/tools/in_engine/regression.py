"""``linear_regression`` on big tables without pulling the rows: the engine computes the
moments, Python solves the small problem they define.

``linear_regression`` here needs three scans and O(p^2) numbers back, whatever the row
count: (1) counts and sums for the means, (2) sums of the mean-shifted values and their
cross-products (``S_c = S_shifted - n d d'`` corrects the one-pass means exactly, as
``tools.linalg.centered_moments`` does in memory), (3) one refinement pass that computes the
residuals' cross-products ``X_c' r_c`` and ``r_c' r_c`` in the engine, so the solution of the
(scaled) normal equations is corrected once and the residual sum of squares is measured, not
derived by cancellation. DuckDB sums with ``fsum`` (Kahan-Babuska), so Longley's certified
coefficients come back to about 14 digits.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ...errors import DataError
from .sql import EngineTable, count, double, number, present, total

#: Condition number of the scaled cross-product matrix beyond which the normal equations
#: cannot give 9 correct digits; such designs go through the in-memory QR path instead.
MAX_CONDITION = 1e10


def _shifted(c: str, m: float) -> Any:
    from sqlglot import exp

    return exp.paren(exp.Sub(this=double(c), expression=number(m)), copy=False)


def _mul(a: Any, b: Any) -> Any:
    from sqlglot import exp

    return exp.Mul(this=a.copy(), expression=b.copy())


class EngineMoments:
    """Centred moments of ``[features, target]`` over the complete rows of ``table``."""

    def __init__(self, table: EngineTable, target: str, features: Sequence[str],
                 where: Any = None) -> None:
        from sqlglot import exp

        self.table = table
        self.target, self.features = target, list(features)
        cols = [*self.features, target]
        cond = present(table, cols)
        self.where = exp.and_(where, cond, copy=False) if where is not None else cond
        row = table.fetch(table.select(count(), *[total(table, double(c)) for c in cols],
                                       where=self.where.copy()))[0]
        self.n = int(row[0])
        if self.n == 0:
            raise DataError("No complete rows: every row misses the target or a feature.",
                            details={"target": target, "features": self.features})
        m0 = np.array([float(v) for v in row[1:]]) / self.n
        shifted = [_shifted(c, m) for c, m in zip(cols, m0)]
        p = len(cols)
        exprs = [total(table, s.copy()) for s in shifted]
        exprs += [total(table, _mul(shifted[i], shifted[j]))
                  for i in range(p) for j in range(i, p)]
        got = table.fetch(table.select(*exprs, where=self.where.copy()))[0]
        d = np.array([float(v) for v in got[:p]]) / self.n
        S = np.zeros((p, p))
        k = p
        for i in range(p):
            for j in range(i, p):
                S[i, j] = S[j, i] = float(got[k])
                k += 1
        S -= self.n * np.outer(d, d)
        self.mean = m0 + d
        self.gram = S[:-1, :-1]
        self.xty = S[:-1, -1]
        self.tss = float(S[-1, -1])
        self.scans = 2

    def residual_moments(self, slopes: np.ndarray) -> tuple[np.ndarray, float]:
        """``X_c' r_c`` and ``r_c' r_c`` for ``r_c = y_c - X_c b``, summed in the engine."""
        from sqlglot import exp

        mx, my = self.mean[:-1], self.mean[-1]
        fit: Any = None
        for b, c, m in zip(slopes, self.features, mx):
            term = exp.Mul(this=number(b), expression=_shifted(c, m))
            fit = term if fit is None else exp.Add(this=fit, expression=term)
        r = exp.paren(exp.Sub(this=_shifted(self.target, my),
                              expression=exp.paren(fit, copy=False)), copy=False)
        exprs = [total(self.table, _mul(_shifted(c, m), r)) for c, m in zip(self.features, mx)]
        exprs.append(total(self.table, _mul(r, r)))
        got = self.table.fetch(self.table.select(*exprs, where=self.where.copy()))[0]
        self.scans += 1
        return np.array([float(v) for v in got[:-1]]), float(got[-1])


def _solve_scaled(gram: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Solution, inverse and condition number of ``gram`` via its unit-diagonal scaling."""
    sc = np.sqrt(np.diag(gram))
    if np.any(sc == 0):
        raise DataError("A feature is constant over the rows used, so its effect cannot be "
                        "estimated. Remove it.", details={})
    scaled = gram / np.outer(sc, sc)
    ev = np.linalg.eigvalsh(scaled)
    cond = float(ev[-1] / ev[0]) if ev[0] > 0 else float("inf")
    if cond > MAX_CONDITION:
        raise DataError(f"The features are too collinear for the in-engine path (scaled "
                        f"condition number {cond:.3g}): one is (nearly) a combination of "
                        f"the others. Remove one of them.", details={"condition_number": cond})
    inv = np.linalg.inv(scaled)
    return (inv @ (rhs / sc)) / sc, inv / np.outer(sc, sc), cond


def linear_regression(table: EngineTable | Any, view: Any = None, target: str = "",
                      features: Sequence[str] = (), *, params: Any = None,
                      confidence_level: float = 0.95) -> Any:
    """Ordinary least squares with an intercept, from in-engine moments (see module doc).
    ``table`` is an :class:`EngineTable`, or a backend with the relation ``view``.

    Returns a :class:`~nbdatachat.tools.ToolResult` shaped like the in-memory tool's, whose
    ``statistics["path"]`` says the fit came from aggregates computed in the engine.
    Raises :class:`DataError` for designs too ill-conditioned for this path.
    """
    from scipy import special

    from .. import insights as say
    from ..base import ToolResult

    if not isinstance(table, EngineTable):
        table = EngineTable(table, view, params)
    mom = EngineMoments(table, target, features)
    n, p = mom.n, len(features)
    k = p + 1
    if n <= k:
        raise DataError(f"{n} complete rows are too few to fit {k} coefficients.",
                        details={"n": n, "parameters": k})
    b, inv, cond = _solve_scaled(mom.gram, mom.xty)
    g, rss = mom.residual_moments(b)
    b = b + inv @ g  # one refinement step with the residuals measured in the engine
    g, rss = mom.residual_moments(b)
    intercept = float(mom.mean[-1] - mom.mean[:-1] @ b)
    df_resid, df_model = n - k, p
    tss = mom.tss
    r2 = 1.0 - rss / tss if tss > 0 else float("nan")
    sigma2 = rss / df_resid
    se_slopes = np.sqrt(sigma2 * np.clip(np.diag(inv), 0, None))
    var_icpt = sigma2 * (1.0 / n + float(mom.mean[:-1] @ inv @ mom.mean[:-1]))
    coef = np.concatenate([[intercept], b])
    se = np.concatenate([[math.sqrt(max(var_icpt, 0.0))], se_slopes])
    with np.errstate(divide="ignore", invalid="ignore"):
        tval = coef / se
    pval = 2 * special.stdtr(df_resid, -np.abs(tval))
    crit = float(special.stdtrit(df_resid, 1 - (1 - confidence_level) / 2))
    adj_r2 = 1.0 - (1.0 - r2) * (n - 1) / df_resid
    f_stat = ((tss - rss) / df_model) / sigma2 if sigma2 > 0 else float("nan")
    f_p = float(special.fdtrc(df_model, df_resid, f_stat)) if math.isfinite(f_stat) else 0.0
    llf = -n / 2.0 * (math.log(2 * math.pi) + math.log(rss / n) + 1.0) if rss > 0 else \
        float("nan")
    names = ["intercept", *features]
    order = [*features, "intercept"]
    pos = {t: i for i, t in enumerate(names)}

    def keyed(values: np.ndarray) -> dict[str, Any]:
        return {t: float(values[pos[t]]) if np.isfinite(values[pos[t]]) else None for t in order}

    conf = {t: [float(coef[pos[t]] - crit * se[pos[t]]), float(coef[pos[t]] + crit * se[pos[t]])]
            for t in order}
    vifs = {f: float(inv[i, i] * mom.gram[i, i]) for i, f in enumerate(features)} if p >= 2 \
        else {}
    insights = [say.r_squared_sentence(r2, target, centered=True, exact_fit=False)]
    if math.isfinite(f_p):
        verdict = ("are jointly statistically significant" if f_p < say.SIGNIFICANCE_LEVEL
                   else "are not jointly statistically significant")
        insights.append(f"Taken together, the features {verdict} at the 5% level "
                        f"(F = {say.fmt(f_stat)}, {say.fmt_p(f_p)}).")
    for i, f in enumerate(features):
        insights.append(say.slope_sentence(f, float(b[i]), target,
                                           others=[o for o in features if o != f],
                                           p=float(pval[i + 1])))
    engine = table.engine
    path = (f"in-engine: means and centred cross-products computed by {engine} over {n:,} "
            f"rows ({mom.scans} scans), solved here; no rows were fetched")
    warnings = [w for w in (say.sample_size_warning(n, k),
                            say.collinearity_warning(math.sqrt(cond), vifs or None)) if w]
    table = pd.DataFrame({
        "term": order, "coefficient": [keyed(coef)[t] for t in order],
        "std_error": [keyed(se)[t] for t in order], "t_value": [keyed(tval)[t] for t in order],
        "p_value": [keyed(pval)[t] for t in order],
        "ci_lower": [conf[t][0] for t in order], "ci_upper": [conf[t][1] for t in order],
        "vif": [vifs.get(t) for t in order],
    })
    mse = rss / n
    return ToolResult(
        "linear_regression",
        performance={"r_squared": r2, "adj_r_squared": adj_r2, "mse": mse,
                     "rmse": math.sqrt(mse), "residual_std_error": math.sqrt(sigma2),
                     "aic": -2 * llf + 2 * k, "bic": -2 * llf + math.log(n) * k,
                     "log_likelihood": llf, "f_statistic": f_stat, "f_p_value": f_p},
        coefficients=keyed(coef), std_errors=keyed(se), p_values=keyed(pval), conf_int=conf,
        statistics={"df_model": df_model, "df_resid": df_resid, "n_dropped": None,
                    "condition_number": math.sqrt(cond), "vif": vifs,
                    "confidence_level": confidence_level, "r_squared_centered": True,
                    "refined": True, "path": path},
        insights=insights + [f"Computed {path}."], warnings=warnings, n_obs=n,
        tables={"coefficient_table": table})


__all__ = ["MAX_CONDITION", "EngineMoments", "linear_regression"]
