"""Tests of association: ``chi_square`` (two categorical columns) and ``correlation``
(numeric columns: pearson, spearman, kendall).

Both word their answers like :mod:`nbdatachat.tools.hypothesis` (shared phrasing in
:mod:`nbdatachat.tools.insights`): the strength of the association, and whether ``p`` is below
``alpha = 1 - confidence``. Tail areas, Fisher's exact test and Kendall's tau come from
``scipy.stats``, imported inside the functions.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError, InvalidRequest
from .base import ToolInputs, ToolResult
from .correlation_result import (
    CorrelationInputs,
    check_column_count,
    correlation_columns,
    correlation_result,
    missing_warning,
    r_p_value,
    usable_columns,
)
from .groups import MAX_CATEGORIES, group_labels
from .insights import (
    CONFIDENCE,
    alpha_of,
    significance,
    v_label,
)
from .moments import shifted_columns
from .registry import tool

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
    return r, r_p_value(r, x.size)


@tool("correlation", description="Correlation matrix of numeric columns (pearson, spearman "
      "or kendall) with pairwise p-values (and Holm-adjusted ones), n per pair and, for "
      "pearson, Fisher-z confidence intervals; the strongest pairs in the insights.",
      inputs=CorrelationInputs,
      example={"dataset": [{"ads": a, "visits": v, "sales": s} for a, v, s in
                           [(1, 120, 10), (2, 150, 14), (3, 160, 13), (4, 210, 19),
                            (5, 230, 22), (6, 240, 21)]],
               "features": ["ads", "visits", "sales"]})
def correlation(inputs: CorrelationInputs, frame: pd.DataFrame) -> ToolResult:
    cols, warnings = correlation_columns(inputs, frame)
    check_column_count(cols)
    data = {c: shifted_columns(frame, [c], "feature").values[0] for c in cols}
    problems = {}
    for c in cols:
        v = data[c][np.isfinite(data[c])]
        problems[c] = ("has no numeric values" if v.size == 0 else
                       f"is constant ({frame[c].dropna().iloc[0]})" if np.ptp(v) == 0
                       else None)
    cols = usable_columns(inputs, cols, problems, warnings)
    missing_warning({c: int((~np.isfinite(data[c])).sum()) for c in cols}, warnings)
    missing = any((~np.isfinite(data[c])).any() for c in cols)
    k = len(cols)
    full = None  # all columns complete: one matrix product instead of k*(k-1)/2 pairs
    if not missing and inputs.method != "kendall":
        full = _corr_matrix(np.column_stack([data[c] for c in cols]), inputs.method)
    found: list[tuple[int, int, int, float, float]] = []
    for i in range(k):
        for j in range(i + 1, k):
            x, y = data[cols[i]], data[cols[j]]
            ok = np.isfinite(x) & np.isfinite(y)
            n = int(ok.sum())
            r = p = float("nan")
            if full is not None and n >= 3:
                r = float(full[i, j])
                p = r_p_value(r, n)
            elif n >= 3 and np.ptp(x[ok]) > 0 and np.ptp(y[ok]) > 0:
                r, p = _pair_stat(x[ok], y[ok], inputs.method)
            found.append((i, j, n, r, p))
    plot = {}
    if len(cols) == 2:
        plot["scatter"] = pd.DataFrame({c: frame[c].to_numpy() for c in cols})
    return correlation_result(inputs, cols, found, warnings, plot)
