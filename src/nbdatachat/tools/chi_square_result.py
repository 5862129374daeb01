"""The chi-square test of independence from a contingency table, shared by the in-memory
``chi_square`` (:mod:`nbdatachat.tools.association`, counts from the rows) and the in-engine
path (:mod:`nbdatachat.tools.in_engine.chi_square`, counts by ``GROUP BY``), so both give the
same result from the same counts. No registry import here: the in-engine path imports it.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, InvalidRequest
from .base import ToolResult
from .groups import MAX_CATEGORIES
from .insights import alpha_of, significance, v_label


def chi_columns(inputs: Any) -> tuple[str, str]:
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


def check_categories(name: str, n_levels: int) -> None:
    """Refuse a column with too many categories for a contingency table."""
    if n_levels > MAX_CATEGORIES:
        raise DataError(f"{name!r} has {n_levels} distinct values: too many categories for a "
                        f"contingency table (max {MAX_CATEGORIES}). If it is numeric, use "
                        f"correlation, or bin it into ranges first.",
                        details={"column": name, "levels": n_levels})


def chi_square_result(inputs: Any, a: str, b: str, counts: np.ndarray,
                      levels_a: list[str], levels_b: list[str],
                      warnings: list[str]) -> ToolResult:
    """The ``chi_square`` result from the contingency ``counts`` of ``a``'s levels (rows)
    by ``b``'s (columns): levels without counts are left out, then the test, its numbers
    and words. The in-memory tool counts the rows, the in-engine path
    (:mod:`nbdatachat.tools.in_engine.chi_square`) gets the counts by ``GROUP BY``."""
    from scipy import stats

    rows_used, cols_used = counts.sum(axis=1) > 0, counts.sum(axis=0) > 0
    counts = counts[rows_used][:, cols_used]
    levels_a = [lv for lv, u in zip(levels_a, rows_used) if u]
    levels_b = [lv for lv, u in zip(levels_b, cols_used) if u]
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
