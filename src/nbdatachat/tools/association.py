"""Tests of association: ``chi_square`` (two categorical columns) and ``correlation``
(numeric columns: pearson, spearman, kendall).

Both word their answers like :mod:`nbdatachat.tools.hypothesis` (shared phrasing in
:mod:`nbdatachat.tools.insights`): the strength of the association, and whether ``p`` is below
``alpha = 1 - confidence``. Tail areas, Fisher's exact test and Kendall's tau come from
``scipy.stats``, imported inside the functions.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError, InvalidRequest
from .base import ToolInputs, ToolResult
from .groups import MAX_CATEGORIES, group_labels
from .moments import is_decimal_column, shifted_columns
from .prepare import require_columns
from .registry import tool
from .insights import (
    CONFIDENCE,
    alpha_of,
    fmt_p_exact as fmt_p,
    level_pct as pct,
    r_strength,
    significance,
    v_label,
)

MAX_CORRELATION_COLUMNS = 200


# ---------------------------------------------------------------------------------------
# chi_square
# ---------------------------------------------------------------------------------------

class ChiSquareInputs(ToolInputs):
    """The two categorical columns: ``row`` + ``column``, ``features=[a, b]``, or seed
    style ``target`` + ``features=[b]``."""

    row: str | None = Field(None, min_length=1, description="First categorical column.")
    column: str | None = Field(None, min_length=1, description="Second categorical column.")
    features: list[str] | None = Field(None, min_length=1, max_length=2,
                                       description="[row, column], or [column] with target.")
    target: str | None = Field(None, min_length=1, description="Seed style: the row column.")
    correction: bool = Field(True, description="Yates' continuity correction for 2x2 tables "
                             "(R's and scipy's default).")
    confidence: float = CONFIDENCE


def _chi_columns(inputs: ChiSquareInputs) -> tuple[str, str]:
    if inputs.row and inputs.column:
        if inputs.features or inputs.target:
            raise InvalidRequest("Give the two columns once: row + column, or features.",
                                 details={"parameter": "features"})
        pair = (inputs.row, inputs.column)
    elif inputs.features and len(inputs.features) == 2 and not inputs.target:
        pair = (inputs.features[0], inputs.features[1])
    elif inputs.features and len(inputs.features) == 1 and (inputs.target or inputs.row):
        pair = (inputs.target or inputs.row, inputs.features[0])
    else:
        raise InvalidRequest("chi_square needs two categorical columns: row='a', column='b' "
                             "(or features=['a', 'b']).", details={"parameter": "row"})
    if pair[0] == pair[1]:
        raise InvalidRequest(f"Both columns are {pair[0]!r}; the test needs two different "
                             f"columns.", details={"parameter": "column"})
    return pair  # type: ignore[return-value]


@tool("chi_square", description="Chi-square test of independence of two categorical "
      "columns: chi-square, degrees of freedom, p-value, Cramer's V, the contingency table "
      "and expected counts; Fisher's exact test for small 2x2 tables.",
      inputs=ChiSquareInputs,
      example={"dataset": [{"plan": p, "churned": c} for p, c in
                           [("basic", "yes")] * 12 + [("basic", "no")] * 18
                           + [("pro", "yes")] * 4 + [("pro", "no")] * 26],
               "row": "plan", "column": "churned"})
def chi_square(inputs: ChiSquareInputs, frame: pd.DataFrame) -> ToolResult:
    from scipy import stats

    a, b = _chi_columns(inputs)
    la, lb = group_labels(frame, a, "row"), group_labels(frame, b, "column")
    ok = (la.codes >= 0) & (lb.codes >= 0)
    n_bad = int((~ok).sum())
    if n_bad == len(frame):
        raise DataError(f"No row has values in both {a!r} and {b!r}.",
                        details={"columns": [a, b]})
    warnings = [f"Dropped {n_bad} of {len(frame)} rows with a missing {a!r} or {b!r}."] \
        if n_bad else []
    for name, lab in ((a, la), (b, lb)):
        if len(lab.levels) > MAX_CATEGORIES:
            raise DataError(f"{name!r} has {len(lab.levels)} distinct values: too many "
                            f"categories for a contingency table (max {MAX_CATEGORIES}). If it "
                            f"is numeric, use correlation, or bin it into ranges first.",
                            details={"column": name, "levels": len(lab.levels)})
    ka, kb = len(la.levels), len(lb.levels)
    counts = np.bincount(la.codes[ok] * kb + lb.codes[ok], minlength=ka * kb).reshape(ka, kb)
    rows_used, cols_used = counts.sum(axis=1) > 0, counts.sum(axis=0) > 0
    counts = counts[rows_used][:, cols_used]
    levels_a = [lv for lv, u in zip(la.levels, rows_used) if u]
    levels_b = [lv for lv, u in zip(lb.levels, cols_used) if u]
    for name, levels in ((a, levels_a), (b, levels_b)):
        if len(levels) < 2:
            raise DataError(f"{name!r} has a single category ({levels[0]!r}) in the usable "
                            f"rows; a test of independence needs at least two in each column.",
                            details={"column": name, "levels": levels})
    observed = counts.astype("float64")
    n = int(observed.sum())
    res = stats.chi2_contingency(observed, correction=inputs.correction)
    expected = res.expected_freq
    chi2_plain = float(((observed - expected) ** 2 / expected).sum())
    r, c = observed.shape
    cramers_v = math.sqrt(chi2_plain / (n * (min(r, c) - 1)))
    alpha = alpha_of(inputs.confidence)
    st: dict[str, Any] = {"chi2": float(res.statistic), "dof": int(res.dof),
                          "p_value": float(res.pvalue), "cramers_v": cramers_v, "n": n,
                          "yates_correction": bool(inputs.correction and r == 2 and c == 2),
                          "alpha": alpha, "min_expected": float(expected.min())}
    p_used, test_name = st["p_value"], "chi-square"
    small = int((expected < 5).sum())
    if small:
        note = (f"{small} of {r * c} cells have expected counts below 5 (smallest "
                f"{expected.min():.3g}), so the chi-square p-value is only approximate.")
        if r == 2 and c == 2:
            fisher = stats.fisher_exact(observed.astype(int))
            st["fisher_p_value"], st["odds_ratio"] = float(fisher.pvalue), \
                float(fisher.statistic)
            p_used, test_name = st["fisher_p_value"], "fisher_exact"
            note += " Fisher's exact test is reported instead."
        else:
            note += " Merge rare categories or collect more data for a reliable test."
        warnings.append(note)
    st["significant"] = p_used < alpha
    st["test_used"] = test_name
    resid = (observed - expected) / np.sqrt(expected)
    i, j = np.unravel_index(int(np.argmax(np.abs(resid))), resid.shape)
    more = "more" if resid[i, j] > 0 else "less"
    insights = [
        f"{a!r} and {b!r} show a {v_label(cramers_v)} association (Cramer's V = "
        f"{cramers_v:.3g}) over {n} rows.",
        (f"Fisher's exact test: odds ratio = {st['odds_ratio']:.4g}; " if "fisher_p_value" in st
         else f"Chi-square test: chi-square = {st['chi2']:.4g}, df = {st['dof']}; ")
        + significance(
            p_used, alpha, claim=f"{a!r} and {b!r} are associated",
            null=f"{a!r} and {b!r} being independent"),
        f"Largest departure from independence: {a} = {levels_a[i]} with {b} = {levels_b[j]} "
        f"occurs {more} often than expected ({int(observed[i, j])} observed vs "
        f"{expected[i, j]:.3g} expected)."]
    table = pd.DataFrame(counts, columns=[str(x) for x in levels_b])
    table.insert(0, a, levels_a)
    exp_frame = pd.DataFrame(expected, columns=[str(x) for x in levels_b])
    exp_frame.insert(0, a, levels_a)
    return ToolResult(
        "chi_square",
        performance={"chi2": st["chi2"], "dof": st["dof"], "p_value": st["p_value"],
                     "cramers_v": cramers_v},
        p_values={"independence": p_used}, statistics=st, insights=insights,
        warnings=warnings, n_obs=n,
        tables={"contingency_table": table, "expected_counts": exp_frame})


# ---------------------------------------------------------------------------------------
# correlation
# ---------------------------------------------------------------------------------------

class CorrelationInputs(ToolInputs):
    features: list[str] | None = Field(None, min_length=1, description="Numeric columns to "
                                       "correlate (2 or more); all numeric columns when "
                                       "omitted.")
    target: str | None = Field(None, min_length=1, description="Seed style: a column "
                               "correlated with each of features (listed first in results).")
    method: Literal["pearson", "spearman", "kendall"] = Field(
        "pearson", description="pearson (linear), spearman (rank) or kendall (tau-b).")
    confidence: float = CONFIDENCE


def _correlation_columns(inputs: CorrelationInputs, frame: pd.DataFrame
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


def _r_p_value(r: float, n: int) -> float:
    """Two-sided p-value of a Pearson/Spearman r from n pairs (t with n - 2 df, as R and
    scipy compute it)."""
    from scipy import stats

    if abs(r) >= 1.0:
        return 0.0
    t = r * math.sqrt((n - 2) / (1 - r * r))
    return float(2 * stats.t.sf(abs(t), n - 2))


def _corr_matrix(X: np.ndarray, method: str) -> np.ndarray:
    """Pearson (or Spearman: Pearson of ranks) matrix of complete columns, centred by the
    corrected two-pass mean so large offsets cost no digits."""
    from scipy import stats

    if method == "spearman":
        X = stats.rankdata(X, axis=0)
    m = X.mean(axis=0)
    D = X - m
    D -= D.mean(axis=0)
    C = D.T @ D
    scale = np.sqrt(np.diag(C))
    return np.clip(C / np.outer(scale, scale), -1.0, 1.0)


def _pair_stat(x: np.ndarray, y: np.ndarray, method: str) -> tuple[float, float]:
    """Correlation and two-sided p-value of complete, non-constant samples."""
    from scipy import stats

    if method == "kendall":
        res = stats.kendalltau(x, y)
        return float(res.statistic), float(res.pvalue)
    r = float(_corr_matrix(np.column_stack([x, y]), method)[0, 1])
    return r, _r_p_value(r, x.size)


@tool("correlation", description="Correlation matrix of numeric columns (pearson, spearman "
      "or kendall) with pairwise p-values (and Holm-adjusted ones), n per pair and, for "
      "pearson, Fisher-z confidence intervals; the strongest pairs in the insights.",
      inputs=CorrelationInputs,
      example={"dataset": [{"ads": a, "visits": v, "sales": s} for a, v, s in
                           [(1, 120, 10), (2, 150, 14), (3, 160, 13), (4, 210, 19),
                            (5, 230, 22), (6, 240, 21)]],
               "features": ["ads", "visits", "sales"]})
def correlation(inputs: CorrelationInputs, frame: pd.DataFrame) -> ToolResult:
    from scipy import stats

    cols, warnings = _correlation_columns(inputs, frame)
    if len(cols) > MAX_CORRELATION_COLUMNS:
        raise InvalidRequest(f"{len(cols)} columns give {len(cols) * (len(cols) - 1) // 2} "
                             f"pairs; choose at most {MAX_CORRELATION_COLUMNS} columns with "
                             f"features=[...].", details={"parameter": "features"})
    explicit = inputs.features is not None
    data = {c: shifted_columns(frame, [c], "feature").values[0] for c in cols}
    for c in list(cols):
        v = data[c][np.isfinite(data[c])]
        problem = ("has no numeric values" if v.size == 0 else
                   f"is constant ({frame[c].dropna().iloc[0]})" if np.ptp(v) == 0 else None)
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
    missing = {c: int((~np.isfinite(data[c])).sum()) for c in cols}
    if any(missing.values()):
        shown = ", ".join(f"{c!r} ({m})" for c, m in missing.items() if m)
        warnings.append(f"Missing values in {shown}: each pair uses the rows where both "
                        f"columns are present (n per pair in the pairs table).")
    q = float(stats.norm.ppf(0.5 + inputs.confidence / 2))
    k = len(cols)
    matrix = np.eye(k)
    full = None  # all columns complete: one matrix product instead of k*(k-1)/2 pairs
    if not any(missing.values()) and inputs.method != "kendall":
        full = _corr_matrix(np.column_stack([data[c] for c in cols]), inputs.method)
    rows: list[dict[str, Any]] = []
    for i in range(k):
        for j in range(i + 1, k):
            x, y = data[cols[i]], data[cols[j]]
            ok = np.isfinite(x) & np.isfinite(y)
            n = int(ok.sum())
            r = p = lo = hi = float("nan")
            if full is not None and n >= 3:
                r = float(full[i, j])
                p = _r_p_value(r, n)
            elif n >= 3 and np.ptp(x[ok]) > 0 and np.ptp(y[ok]) > 0:
                r, p = _pair_stat(x[ok], y[ok], inputs.method)
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
    plot = {}
    if len(cols) == 2:
        plot["scatter"] = pd.DataFrame({c: frame[c].to_numpy() for c in cols})
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
