"""The numbers and words of ``correlation`` from each pair's ``(n, r, p)``.

The tool (:mod:`.association`) computes ``r`` from the rows in memory; the in-engine path
(:mod:`nbdatachat.tools.in_engine.correlation`) from sums an engine returned. Which columns
are used (and why others are skipped), the intervals, Holm's adjustment, the tables and the
sentences are defined here once, for both.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError, InvalidRequest
from .base import ToolInputs, ToolResult
from .insights import CONFIDENCE, alpha_of, r_strength
from .insights import fmt_p_exact as fmt_p
from .insights import level_pct as pct
from .moments import is_decimal_column
from .prepare import require_columns

MAX_CORRELATION_COLUMNS = 200


class CorrelationInputs(ToolInputs):
    features: list[str] | None = Field(None, min_length=1, description="Numeric columns to "
                                       "correlate (2 or more); all numeric columns when "
                                       "omitted.")
    target: str | None = Field(None, min_length=1, description="Seed style: a column "
                               "correlated with each of features (listed first in results).")
    method: Literal["pearson", "spearman", "kendall"] = Field(
        "pearson", description="pearson (linear), spearman (rank) or kendall (tau-b).")
    confidence: float = CONFIDENCE


def correlation_columns(inputs: CorrelationInputs, frame: pd.DataFrame
                         ) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    if inputs.features is not None:
        feats = list(inputs.features)
        dup = next((c for c in feats if feats.count(c) > 1), None)
        cols = [inputs.target, *(f for f in feats if f != inputs.target)] if inputs.target \
            else feats
        if dup is not None:
            raise InvalidRequest(f"{dup!r} is listed twice; list each column once.",
                                 details={"parameter": "features", "column": dup})
        if len(cols) < 2:
            raise InvalidRequest("correlation needs at least two columns: features=['a', "
                                 "'b'], or omit features to use every numeric column.",
                                 details={"parameter": "features"})
        require_columns(frame, cols, "feature")
        return cols, warnings
    if inputs.target:
        require_columns(frame, [inputs.target], "target")
    cols, skipped = [], []
    for c in frame.columns:
        s = frame[c]
        if isinstance(s, pd.Series) and ((pd.api.types.is_numeric_dtype(s)
                                          and not pd.api.types.is_bool_dtype(s))
                                         or is_decimal_column(s)):
            cols.append(str(c))
        elif str(c) != inputs.target:
            skipped.append(str(c))
    if inputs.target and inputs.target in cols:
        cols.remove(inputs.target)
        cols.insert(0, inputs.target)
    elif inputs.target:
        cols.insert(0, inputs.target)  # let shifted_columns say why it is not numeric
    if skipped:
        warnings.append(f"Skipped non-numeric column(s): {', '.join(map(repr, skipped[:10]))}"
                        f"{' ...' if len(skipped) > 10 else ''}.")
    if len(cols) < 2:
        raise DataError("The data have fewer than two numeric columns; correlation needs at "
                        "least two.", details={"numeric_columns": cols})
    return cols, warnings


def _holm(p: np.ndarray) -> np.ndarray:
    """Holm's step-down adjusted p-values (NaN stays NaN)."""
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    if ok.size == 0:
        return out
    order = ok[np.argsort(p[ok])]
    m = order.size
    adj = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out[order] = adj
    return out


def r_p_value(r: float, n: int) -> float:
    """Two-sided p-value of a Pearson/Spearman r from n pairs (t with n - 2 df, as R and
    scipy compute it)."""
    from scipy import stats

    if abs(r) >= 1.0:
        return 0.0
    t = r * math.sqrt((n - 2) / (1 - r * r))
    return float(2 * stats.t.sf(abs(t), n - 2))


def check_column_count(cols: list[str]) -> None:
    if len(cols) > MAX_CORRELATION_COLUMNS:
        raise InvalidRequest(f"{len(cols)} columns give {len(cols) * (len(cols) - 1) // 2} "
                             f"pairs; choose at most {MAX_CORRELATION_COLUMNS} columns with "
                             f"features=[...].", details={"parameter": "features"})


def usable_columns(inputs: CorrelationInputs, cols: list[str],
                   problems: dict[str, str | None], warnings: list[str]) -> list[str]:
    """``cols`` without those with a problem (no numeric value, constant): an error when the
    user named the column (or only two are left), else skipped with a warning."""
    explicit = inputs.features is not None
    cols = list(cols)
    for c in list(cols):
        problem = problems.get(c)
        if problem is None:
            continue
        if explicit or c == inputs.target or len(cols) <= 2:
            raise DataError(f"Column {c!r} {problem}: its correlation with anything is "
                            f"undefined. Remove it from features.", details={"column": c})
        warnings.append(f"Skipped {c!r}: it {problem}.")
        cols.remove(c)
    if len(cols) < 2:
        raise DataError("Fewer than two usable numeric columns remain; correlation needs two.",
                        details={"columns": cols})
    return cols


def missing_warning(missing: dict[str, int], warnings: list[str]) -> None:
    if any(missing.values()):
        shown = ", ".join(f"{c!r} ({m})" for c, m in missing.items() if m)
        warnings.append(f"Missing values in {shown}: each pair uses the rows where both "
                        f"columns are present (n per pair in the pairs table).")


def correlation_result(inputs: CorrelationInputs, cols: list[str],
                       found: list[tuple[int, int, int, float, float]], warnings: list[str],
                       plot: dict[str, Any]) -> ToolResult:
    """The ``correlation`` result from each pair's ``(i, j, n, r, p)`` (indices into
    ``cols``), computed in memory or from sums an engine returned
    (:mod:`nbdatachat.tools.in_engine.correlation`): intervals, Holm's adjustment, the
    tables and the words are the same for both."""
    from scipy import stats

    q = float(stats.norm.ppf(0.5 + inputs.confidence / 2))
    k = len(cols)
    matrix = np.eye(k)
    rows: list[dict[str, Any]] = []
    for i, j, n, r, p in found:
        lo = hi = float("nan")
        if math.isfinite(r):
            if inputs.method == "pearson" and n > 3 and abs(r) < 1:
                z, se = math.atanh(r), 1 / math.sqrt(n - 3)
                lo, hi = math.tanh(z - q * se), math.tanh(z + q * se)
            elif inputs.method == "pearson" and abs(r) == 1:
                lo = hi = r
        else:
            warnings.append(f"{cols[i]!r} ~ {cols[j]!r}: only {n} complete rows or no "
                            f"variation in them; correlation undefined.")
        matrix[i, j] = matrix[j, i] = r
        rows.append({"var1": cols[i], "var2": cols[j], "r": r, "p_value": p, "n": n,
                     "ci_low": lo, "ci_high": hi})
    pairs = pd.DataFrame(rows)
    pairs["p_holm"] = _holm(pairs["p_value"].to_numpy(dtype="float64"))
    if inputs.method != "pearson":
        pairs = pairs.drop(columns=["ci_low", "ci_high"])
    pairs = pairs.iloc[np.argsort(-np.nan_to_num(np.abs(pairs["r"].to_numpy()), nan=-1),
                                  kind="stable")].reset_index(drop=True)
    valid = pairs[np.isfinite(pairs["r"])]
    if valid.empty:
        raise DataError("No pair of columns has enough complete, varying rows to correlate "
                        "(at least 3 are needed).", details={"columns": cols})
    alpha = alpha_of(inputs.confidence)
    mat = pd.DataFrame(matrix, columns=cols)
    mat.insert(0, "column", cols)
    key = [f"{a} ~ {b}" for a, b in zip(pairs["var1"], pairs["var2"])]
    st: dict[str, Any] = {"method": inputs.method, "n_pairs": len(pairs), "alpha": alpha,
                          "confidence": inputs.confidence,
                          "significant_pairs": int((valid["p_value"] < alpha).sum())}
    perf: dict[str, Any]
    top = valid.iloc[0]
    if len(cols) == 2:
        st.update(r=float(top["r"]), p_value=float(top["p_value"]), n=int(top["n"]))
        if inputs.method == "pearson":
            st["conf_int"] = [float(top["ci_low"]), float(top["ci_high"])]
            st["r_squared"] = float(top["r"]) ** 2
        perf = {"r": st["r"], "p_value": st["p_value"], "n": st["n"]}
    else:
        perf = {"max_abs_r": float(abs(top["r"])), "n_pairs": len(pairs)}
    insights = _correlation_insights(valid, inputs, alpha, len(pairs))
    return ToolResult(
        "correlation", performance=perf,
        coefficients=dict(zip(key, pairs["r"])), p_values=dict(zip(key, pairs["p_value"])),
        statistics=st, insights=insights, warnings=warnings,
        n_obs=int(pairs["n"].max()), tables={"matrix": mat, "pairs": pairs}, plot_data=plot)


def _correlation_insights(valid: pd.DataFrame, inputs: CorrelationInputs, alpha: float,
                          n_pairs: int) -> list[str]:
    name = {"pearson": "Pearson r", "spearman": "Spearman rho", "kendall": "Kendall tau"}[
        inputs.method]
    focus = valid
    if inputs.target:
        focus = valid[(valid["var1"] == inputs.target) | (valid["var2"] == inputs.target)]
    out = []
    for row in focus.head(3).itertuples():
        sign = "positively" if row.r > 0 else "negatively"
        ci = ""
        if inputs.method == "pearson" and math.isfinite(getattr(row, "ci_low", float("nan"))):
            ci = f", {pct(inputs.confidence)} CI {row.ci_low:.3g} to {row.ci_high:.3g}"
        verdict = "significant" if row.p_value < alpha else "not significant"
        out.append(f"{row.var1!r} and {row.var2!r} are {r_strength(row.r)} {sign} "
                   f"correlated ({name} = {row.r:.3g}{ci}, {fmt_p(row.p_value)}, n = "
                   f"{row.n}; {verdict} at alpha = {alpha:g}).")
    n_sig = int((valid["p_value"] < alpha).sum())
    if n_pairs > 1:
        out.append(f"{n_sig} of {n_pairs} pairs have p < {alpha:g}"
                   + (" (Holm-adjusted p-values in the pairs table account for testing "
                      "many pairs)." if n_pairs > 3 else "."))
    out.append("Correlation measures association, not causation.")
    return out
