"""``anova``: one-way analysis of variance, with Levene's test and Welch's ANOVA.

Group sums of squares come from :mod:`nbdatachat.tools.moments` in shifted coordinates
(corrected two-pass sums), which is what lets ``anova`` meet the NIST StRD certified F to
LRE >= 9 on all eleven datasets.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from pydantic import Field

from ...errors import DataError, InvalidRequest
from ..base import ToolInputs, ToolResult
from ..groups import MAX_CATEGORIES, GroupLevel, repeat_labels, split_by_group
from ..insights import (
    CONFIDENCE,
    alpha_of,
    eta_label,
    significance,
)
from ..insights import (
    fmt_p_exact as fmt_p,
)
from ..moments import mean_ss
from ..registry import tool


class AnovaInputs(ToolInputs):
    target: str = Field(..., min_length=1, description="The numeric response column.")
    group: str | None = Field(None, min_length=1, description="The column defining the groups "
                              "(factor). Seed style: features=[group].")
    features: list[str] | None = Field(None, min_length=1, max_length=1,
                                       description="Seed style: [group column].")
    groups: list[GroupLevel] | None = Field(None, min_length=2, description="Only compare "
                                            "these levels of group.")
    confidence: float = CONFIDENCE


def _welch_anova(ns: np.ndarray, means: np.ndarray, variances: np.ndarray
                 ) -> tuple[float, float, float] | None:
    """Welch's heteroscedastic one-way ANOVA: F, df1, df2 (None when a group has n < 2 or
    no variance)."""
    k = ns.size
    if k < 2 or (ns < 2).any() or not (variances > 0).all():
        return None
    w = ns / variances
    wsum = w.sum()
    mw = float(np.dot(w, means) / wsum)
    a = float(np.dot(w, (means - mw) ** 2)) / (k - 1)
    tmp = float(np.sum((1 - w / wsum) ** 2 / (ns - 1)))
    b = 1 + 2 * (k - 2) / (k * k - 1) * tmp
    return a / b, float(k - 1), (k * k - 1) / (3 * tmp)


@tool("anova", description="One-way analysis of variance: does the mean of target differ "
      "between the groups of a group column? F, degrees of freedom, sums of squares, "
      "p-value, eta squared, group means with intervals, Levene's test for equal variances "
      "and Welch's ANOVA.", inputs=AnovaInputs,
      example={"dataset": [{"yield_kg": y, "fertilizer": f} for y, f in
                           [(20.1, "A"), (21.3, "A"), (19.8, "A"), (23.9, "B"), (24.6, "B"),
                            (22.8, "B"), (21.0, "C"), (22.2, "C"), (21.7, "C")]],
               "target": "yield_kg", "group": "fertilizer"})
def anova(inputs: AnovaInputs, frame: pd.DataFrame) -> ToolResult:
    from scipy import stats

    if inputs.group and inputs.features and inputs.features != [inputs.group]:
        raise InvalidRequest("Give the group column once: group and features differ.",
                             details={"parameter": "features"})
    group = inputs.group or (inputs.features[0] if inputs.features else None)
    if group is None:
        raise InvalidRequest("Missing required parameter: group (the column whose levels "
                             "define the groups), e.g. group='region'.",
                             details={"parameter": "group"})
    g = split_by_group(frame, inputs.target, group, inputs.groups)
    warnings = list(g.warnings)
    alpha = alpha_of(inputs.confidence)
    if len(g.names) < 2:
        raise DataError(f"{group!r} has a single level in the usable rows; ANOVA compares two "
                        f"or more groups.", details={"parameter": "group", "levels": g.names})
    empty = [n for n, v in zip(g.names, g.values) if v.size == 0]
    if empty:
        raise DataError(f"Group {empty[0]!r} has no usable values of {inputs.target!r}.",
                        details={"parameter": "groups", "level": empty[0]})
    if len(g.names) > MAX_CATEGORIES:
        warnings.append(f"{group!r} has {len(g.names)} levels; with this many groups, check "
                        f"it is really a category and not a numeric or ID column.")
    ns = np.array([v.size for v in g.values], dtype="float64")
    ms_ = [mean_ss(v) for v in g.values]
    means = np.array([m for m, _ in ms_])
    ss_groups = np.array([ss for _, ss in ms_])
    n, k = int(ns.sum()), len(g.names)
    if n - k < 1:
        raise DataError(f"Every group of {group!r} has a single value; ANOVA needs replicates "
                        f"within groups to estimate the error.",
                        details={"rows": n, "groups": k})
    singles = [nm for nm, v in zip(g.names, g.values) if v.size == 1]
    if singles:
        warnings.append(f"{len(singles)} group(s) have a single value "
                        f"({', '.join(map(repr, singles[:5]))}); they add nothing to the "
                        f"within-group error estimate.")
    grand = float(np.dot(ns, means) / n)
    ss_between = float(np.dot(ns, (means - grand) ** 2))
    ss_within = float(ss_groups.sum())
    ss_total = ss_between + ss_within
    if ss_within == 0:
        if ss_between == 0:
            raise DataError(f"{inputs.target!r} is constant ({g.shifted.restore(0.0):g}); "
                            f"there is no variation to analyse.",
                            details={"column": inputs.target})
        raise DataError(f"Every group of {group!r} is constant, so the within-group variance "
                        f"is zero and F is undefined (infinite). ANOVA needs variation within "
                        f"groups.", details={"reason": "zero within-group variance"})
    df_b, df_w = k - 1, n - k
    ms_b, ms_w = ss_between / df_b, ss_within / df_w
    f_stat = ms_b / ms_w
    p = float(stats.f.sf(f_stat, df_b, df_w))
    eta2 = ss_between / ss_total
    omega2 = max(0.0, (ss_between - df_b * ms_w) / (ss_total + ms_w))
    variances = np.where(ns > 1, ss_groups / np.maximum(ns - 1, 1), np.nan)
    sds = np.sqrt(variances)
    st: dict[str, Any] = {
        "f_statistic": f_stat, "df_between": df_b, "df_within": df_w,
        "ss_between": ss_between, "ss_within": ss_within, "ss_total": ss_total,
        "ms_between": ms_b, "ms_within": ms_w, "p_value": p, "eta_squared": eta2,
        "omega_squared": omega2, "r_squared": eta2, "residual_sd": math.sqrt(ms_w),
        "n_groups": k, "alpha": alpha, "confidence": inputs.confidence,
        "significant": p < alpha, "grand_mean": g.shifted.restore(grand)}
    testable = [v for v in g.values if v.size > 1]
    if len(testable) >= 2:
        lev = stats.levene(*testable, center="median")
        st["levene_statistic"], st["levene_p_value"] = float(lev.statistic), float(lev.pvalue)
    welch = _welch_anova(ns, means, variances)
    if welch is not None:
        wf, wd1, wd2 = welch
        st.update(welch_f=wf, welch_df_between=wd1, welch_df_within=wd2,
                  welch_p_value=float(stats.f.sf(wf, wd1, wd2)))
    if st.get("levene_p_value", 1.0) < alpha:
        welch_txt = (f" Welch's ANOVA, which does not assume them, gives F = "
                     f"{st['welch_f']:.4g}, {fmt_p(st['welch_p_value'])}."
                     if "welch_f" in st else "")
        warnings.append(f"The groups' variances differ (Levene's test, median-centred: W = "
                        f"{st['levene_statistic']:.4g}, {fmt_p(st['levene_p_value'])}); the "
                        f"F-test assumes equal variances.{welch_txt}")
    q = float(stats.t.ppf(0.5 + inputs.confidence / 2, df_w))
    half = q * math.sqrt(ms_w) / np.sqrt(ns)  # pooled-SD intervals for each group mean
    groups_table = pd.DataFrame({
        "group": g.names, "n": ns.astype(int),
        "mean": [g.shifted.restore(m) for m in means], "sd": sds,
        "ci_low": [g.shifted.restore(m - h) for m, h in zip(means, half)],
        "ci_high": [g.shifted.restore(m + h) for m, h in zip(means, half)]})
    anova_table = pd.DataFrame({
        "source": ["Between groups", "Within groups", "Total"],
        "df": [df_b, df_w, n - 1], "sum_sq": [ss_between, ss_within, ss_total],
        "mean_sq": [ms_b, ms_w, float("nan")], "F": [f_stat, float("nan"), float("nan")],
        "p_value": [p, float("nan"), float("nan")]})
    tables = {"anova_table": anova_table, "groups": groups_table}
    insights = _anova_insights(inputs.target, group, st, groups_table)
    values = pd.DataFrame({"group": repeat_labels(g.names, ns.astype(int)),
                           "value": g.shifted.restore_array(np.concatenate(g.values))})
    return ToolResult(
        "anova",
        performance={"f_statistic": f_stat, "p_value": p, "eta_squared": eta2},
        coefficients={name: g.shifted.restore(m) for name, m in zip(g.names, means)},
        p_values={group: p}, statistics=st, insights=insights, warnings=warnings, n_obs=n,
        tables=tables, plot_data={"values": values})


def _anova_insights(target: str, group: str, st: dict[str, Any],
                    groups_table: pd.DataFrame) -> list[str]:
    hi = groups_table.loc[groups_table["mean"].idxmax()]
    lo = groups_table.loc[groups_table["mean"].idxmin()]
    return [f"Mean {target!r} ranges from {lo['mean']:.4g} ({group} = {lo['group']}, n = "
            f"{int(lo['n'])}) to {hi['mean']:.4g} ({group} = {hi['group']}, n = "
            f"{int(hi['n'])}) across {st['n_groups']} groups.",
            f"{group!r} accounts for {st['eta_squared'] * 100:.3g}% of the variance in "
            f"{target!r} (eta squared = {st['eta_squared']:.3g}, a "
            f"{eta_label(st['eta_squared'])} effect).",
            f"One-way ANOVA: F({st['df_between']}, {st['df_within']}) = "
            f"{st['f_statistic']:.4g}; " + significance(
                st["p_value"], st["alpha"], claim=f"mean {target!r} differs between groups",
                null="equal group means")]
