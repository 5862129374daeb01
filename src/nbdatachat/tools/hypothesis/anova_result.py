"""One-way ANOVA's numbers and words from per-group moments, shared by the in-memory
``anova`` (:mod:`.anova`, moments from the rows) and the in-engine path
(:mod:`nbdatachat.tools.in_engine.anova`, moments from grouped sums), so both give the same
result from the same moments. No registry import here: the in-engine path imports it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ...errors import DataError, InvalidRequest
from ..base import ToolResult
from ..groups import MAX_CATEGORIES
from ..insights import alpha_of, eta_label, significance
from ..insights import fmt_p_exact as fmt_p


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


def anova_group(inputs: Any) -> str:
    """The group column of ``inputs`` (``group`` or seed-style ``features=[group]``)."""
    if inputs.group and inputs.features and inputs.features != [inputs.group]:
        raise InvalidRequest("Give the group column once: group and features differ.",
                             details={"parameter": "features"})
    group = inputs.group or (inputs.features[0] if inputs.features else None)
    if group is None:
        raise InvalidRequest("Missing required parameter: group (the column whose levels "
                             "define the groups), e.g. group='region'.",
                             details={"parameter": "group"})
    return group


def check_groups(inputs: Any, group: str, names: list[str], sizes: list[int],
                 warnings: list[str]) -> None:
    """Refuse fewer than two groups or an empty picked group; warn about very many."""
    if len(names) < 2:
        raise DataError(f"{group!r} has a single level in the usable rows; ANOVA compares two "
                        f"or more groups.", details={"parameter": "group", "levels": names})
    empty = [n for n, size in zip(names, sizes) if size == 0]
    if empty:
        raise DataError(f"Group {empty[0]!r} has no usable values of {inputs.target!r}.",
                        details={"parameter": "groups", "level": empty[0]})
    if len(names) > MAX_CATEGORIES:
        warnings.append(f"{group!r} has {len(names)} levels; with this many groups, check "
                        f"it is really a category and not a numeric or ID column.")


@dataclass
class AnovaGroups:
    """One-way ANOVA's inputs as per-group moments: sizes ``ns``, ``means`` and centred
    sums of squares ``ss`` in the coordinates of ``shifted``, Levene's (median-centred)
    statistic and p-value when two groups have replicates, and the chart data. The
    in-memory tool gets them from the rows, the in-engine path
    (:mod:`nbdatachat.tools.in_engine.anova`) from grouped sums."""

    names: list[str]
    ns: np.ndarray
    means: np.ndarray
    ss: np.ndarray
    shifted: Any
    warnings: list[str]
    levene: tuple[float, float] | None
    plot_data: dict[str, Any] = field(default_factory=dict)


def anova_result(inputs: Any, group: str, g: AnovaGroups) -> ToolResult:
    """The ``anova`` result from per-group moments: F, p, effect sizes, Welch, words."""
    from scipy import stats

    warnings = g.warnings
    alpha = alpha_of(inputs.confidence)
    ns, means, ss_groups = g.ns, g.means, g.ss
    n, k = int(ns.sum()), len(g.names)
    if n - k < 1:
        raise DataError(f"Every group of {group!r} has a single value; ANOVA needs replicates "
                        f"within groups to estimate the error.",
                        details={"rows": n, "groups": k})
    singles = [nm for nm, c in zip(g.names, ns) if c == 1]
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
    if g.levene is not None:
        st["levene_statistic"], st["levene_p_value"] = g.levene
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
    return ToolResult(
        "anova",
        performance={"f_statistic": f_stat, "p_value": p, "eta_squared": eta2},
        coefficients={name: g.shifted.restore(m) for name, m in zip(g.names, means)},
        p_values={group: p}, statistics=st, insights=insights, warnings=warnings, n_obs=n,
        tables=tables, plot_data=g.plot_data)


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
