"""Tests of association: ``chi_square`` (two categorical columns) and ``correlation``
(numeric columns: pearson, spearman, kendall).

Both word their answers like :mod:`nbdatachat.tools.hypothesis` (shared phrasing in
:mod:`nbdatachat.tools.insights`): the strength of the association, and whether ``p`` is below
``alpha = 1 - confidence``. Tail areas, Fisher's exact test and Kendall's tau come from
``scipy.stats``, imported inside the functions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError
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
from .chi_square_result import check_categories, chi_columns, chi_square_result
from .groups import group_labels
from .insights import CONFIDENCE
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


@tool("chi_square", description="Chi-square test of independence of two categorical "
      "columns: chi-square, degrees of freedom, p-value, Cramer's V, the contingency table "
      "and expected counts; Fisher's exact test for small 2x2 tables.",
      inputs=ChiSquareInputs,
      example={"dataset": [{"plan": p, "churned": c} for p, c in
                           [("basic", "yes")] * 12 + [("basic", "no")] * 18
                           + [("pro", "yes")] * 4 + [("pro", "no")] * 26],
               "row": "plan", "column": "churned"})
def chi_square(inputs: ChiSquareInputs, frame: pd.DataFrame) -> ToolResult:
    a, b = chi_columns(inputs)
    la, lb = group_labels(frame, a, "row"), group_labels(frame, b, "column")
    ok = (la.codes >= 0) & (lb.codes >= 0)
    n_bad = int((~ok).sum())
    if n_bad == len(frame):
        raise DataError(f"No row has values in both {a!r} and {b!r}.",
                        details={"columns": [a, b]})
    warnings = [f"Dropped {n_bad} of {len(frame)} rows with a missing {a!r} or {b!r}."] \
        if n_bad else []
    for name, lab in ((a, la), (b, lb)):
        check_categories(name, len(lab.levels))
    ka, kb = len(la.levels), len(lb.levels)
    counts = np.bincount(la.codes[ok] * kb + lb.codes[ok], minlength=ka * kb).reshape(ka, kb)
    return chi_square_result(inputs, a, b, counts, la.levels, lb.levels, warnings)


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
