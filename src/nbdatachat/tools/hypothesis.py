"""Tests of means: ``t_test`` and ``anova`` (``chi_square`` and ``correlation`` live in
:mod:`nbdatachat.tools.association`).

Each tool answers one question about the data with a test statistic, a p-value, an effect
size and an interval, and words the answer the way a careful statistician would: it states
the direction and the size of the effect and whether ``p`` is below ``alpha = 1 - confidence``
-- a small p-value is evidence, never proof, and a large one is not evidence of no effect.

Accuracy: means and sums of squares are computed in shifted coordinates by
:mod:`nbdatachat.tools.moments` (centred on a data value, corrected two-pass sums), which is
what lets ``anova`` meet the NIST StRD certified F to LRE >= 9 on all eleven datasets and
``t_test`` reproduce R's ``t.test`` digit for digit. Distribution tail areas and Levene's
test come from ``scipy.stats`` (imported inside the functions, so importing this module
stays cheap).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError, InvalidRequest
from .base import ToolInputs, ToolResult
from .groups import (
    MAX_CATEGORIES,
    GroupLevel,
    Groups,
    dropped_warning,
    group_labels,
    repeat_labels,
    split_by_group,
)
from .moments import Shifted, is_decimal_column, mean_ss, shifted_columns
from .prepare import require_columns
from .registry import tool
from .insights import (
    CONFIDENCE,
    alpha_of,
    cohen_label,
    eta_label,
    fmt_p_exact as fmt_p,
    level_pct as pct,
    significance,
)

Alternative = Literal["two-sided", "less", "greater"]
_EXAMPLE_SCORES = [{"score": s, "team": t} for s, t in
                   [(12.1, "a"), (14.3, "a"), (11.8, "a"), (13.5, "a"), (12.9, "a"),
                    (15.2, "b"), (16.8, "b"), (14.9, "b"), (17.1, "b"), (15.5, "b")]]


def _t_tail(t: float, df: float, alternative: str) -> float:
    from scipy import stats

    if alternative == "less":
        return float(stats.t.cdf(t, df))
    if alternative == "greater":
        return float(stats.t.sf(t, df))
    return float(min(1.0, 2.0 * stats.t.sf(abs(t), df)))


def _t_interval(est: float, se: float, df: float, confidence: float, alternative: str
                ) -> tuple[float, float]:
    """R's ``t.test`` interval: two-sided, or one-sided with an infinite end."""
    from scipy import stats

    if alternative == "two-sided":
        h = float(stats.t.ppf(0.5 + confidence / 2, df)) * se
        return est - h, est + h
    h = float(stats.t.ppf(confidence, df)) * se
    return (est - h, math.inf) if alternative == "greater" else (-math.inf, est + h)


# ---------------------------------------------------------------------------------------
# t_test
# ---------------------------------------------------------------------------------------

class TTestInputs(ToolInputs):
    """Which test runs is decided by the fields given:

    * ``target`` (or ``column``) alone: one-sample test of its mean against ``mu``;
    * ``target`` + ``group``: the two groups of ``target`` defined by ``group`` (pick two
      levels with ``groups`` when it has more);
    * ``columns=[a, b]``: two numeric columns as two samples (``paired=True`` pairs rows);
    * seed style ``target`` + ``features=[x]``: ``x`` is read as the grouping column when it
      is text/boolean or has exactly two distinct values, else as the second sample.
    """

    target: str | None = Field(None, min_length=1, description="The numeric column to test.")
    column: str | None = Field(None, min_length=1, description="Alias of target.")
    group: str | None = Field(None, min_length=1, description="Column whose two levels define "
                              "the two groups of target.")
    groups: list[GroupLevel] | None = Field(None, min_length=2, max_length=2,
                                            description="The two levels of group to compare, "
                                            "in order (difference = first - second).")
    columns: list[str] | None = Field(None, min_length=2, max_length=2,
                                      description="Two numeric columns compared as samples.")
    features: list[str] | None = Field(None, min_length=1, description="Seed style: one "
                                       "column, the grouping column or the second sample.")
    mu: float = Field(0.0, description="Mean (one-sample) or mean difference under the null "
                      "hypothesis.")
    paired: bool = Field(False, description="Paired test: row-wise differences (columns) or "
                         "pairs matched by pair_id / order within each group.")
    pair_id: str | None = Field(None, description="With group and paired: the column that "
                                "identifies the subject measured in both groups.")
    equal_var: bool = Field(False, description="True: Student's pooled-variance test. False "
                            "(default): Welch's test, which does not assume equal variances.")
    alternative: Alternative = Field("two-sided", description="two-sided, less (first mean "
                                     "smaller) or greater.")
    confidence: float = CONFIDENCE


@dataclass
class _TSetup:
    kind: Literal["one_sample", "two_sample", "paired"]
    samples: list[np.ndarray]
    names: list[str]
    shifted: Shifted
    what: str  # e.g. "'extra' by 'group'"
    n_used: int
    warnings: list[str]
    values_frame: pd.DataFrame


def _looks_like_group(frame: pd.DataFrame, col: str) -> bool:
    require_columns(frame, [col], "feature")
    s = frame[col]
    if isinstance(s, pd.DataFrame):
        return False
    numeric = (pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)) \
        or is_decimal_column(s)
    return not numeric or s.dropna().nunique() == 2


def _two_columns(frame: pd.DataFrame, a: str, b: str, paired: bool) -> _TSetup:
    if a == b:
        raise InvalidRequest(f"Both samples are the column {a!r}; compare two different "
                             f"columns.", details={"parameter": "columns"})
    shifted = shifted_columns(frame, [a, b], "column")
    x, y = shifted.values
    warnings: list[str] = []
    if paired:
        ok = np.isfinite(x) & np.isfinite(y)
        n_bad = int((~ok).sum())
        if n_bad == len(frame):
            raise DataError(f"No row has numeric values in both {a!r} and {b!r}; a paired test "
                            f"needs complete pairs.", details={"columns": [a, b]})
        if n_bad:
            warnings.append(f"Dropped {n_bad} of {len(frame)} rows missing {a!r} or {b!r} "
                            f"(a paired test needs both values of each pair).")
        x, y = x[ok], y[ok]
    else:
        for name, v in ((a, x), (b, y)):
            miss = int((~np.isfinite(v)).sum())
            if miss == v.size:
                raise DataError(f"Column {name!r} has no numeric values.",
                                details={"column": name})
            if miss:
                warnings.append(f"Dropped {miss} of {v.size} rows with missing values in "
                                f"{name!r}.")
        x, y = x[np.isfinite(x)], y[np.isfinite(y)]
    values = pd.DataFrame({"group": repeat_labels([a, b], [x.size, y.size]),
                           "value": shifted.restore_array(np.concatenate([x, y]))})
    return _TSetup("paired" if paired else "two_sample", [x, y], [a, b], shifted,
                   f"{a!r} vs {b!r}", int(x.size + y.size), warnings, values)


def _paired_groups(frame: pd.DataFrame, g: Groups, target: str, group: str,
                   pair_id: str | None) -> tuple[list[np.ndarray], list[str]]:
    a, b = g.values
    warnings = list(g.warnings)
    if pair_id is None:
        if a.size != b.size:
            raise DataError(f"A paired test by order needs the same number of values in each "
                            f"group ({g.names[0]!r} has {a.size}, {g.names[1]!r} has "
                            f"{b.size}). Pass pair_id= naming the subject column.",
                            details={"parameter": "pair_id", "sizes": [a.size, b.size]})
        warnings.append("Pairs are matched by order of appearance within each group; pass "
                        "pair_id= to match them by a subject column instead.")
        return [a, b], warnings
    require_columns(frame, [pair_id], "pair_id")
    labels = group_labels(frame, group, "group").subset(g.names)
    y = g.shifted.values[0]
    keep = np.isfinite(y) & (labels.codes >= 0) & frame[pair_id].notna().to_numpy()
    data = pd.DataFrame({"id": frame[pair_id].to_numpy()[keep],
                         "g": np.asarray(g.names, dtype=object)[labels.codes[keep]],
                         "y": y[keep]})
    dup = data.duplicated(["id", "g"])
    if dup.any():
        bad = data.loc[dup].iloc[0]
        raise DataError(f"Subject {bad['id']!r} appears more than once in group {bad['g']!r}; "
                        f"each pair_id needs one value per group.",
                        details={"parameter": "pair_id", "id": str(bad["id"])})
    wide = data.pivot(index="id", columns="g", values="y")
    wide = wide.reindex(columns=g.names)
    complete = wide.dropna()
    if len(complete) < len(wide):
        warnings.append(f"Dropped {len(wide) - len(complete)} subject(s) without a value in "
                        f"both groups.")
    return [complete[g.names[0]].to_numpy(), complete[g.names[1]].to_numpy()], warnings


def _t_setup(inputs: TTestInputs, frame: pd.DataFrame) -> _TSetup:
    if inputs.target and inputs.column and inputs.target != inputs.column:
        raise InvalidRequest("Give the column to test once: target and column differ "
                             f"({inputs.target!r} vs {inputs.column!r}).",
                             details={"parameter": "column"})
    target = inputs.target or inputs.column
    if inputs.columns is not None:
        if target or inputs.group or inputs.features:
            raise InvalidRequest("Use either columns=[a, b] or target with group/features, not "
                                 "both.", details={"parameter": "columns"})
        return _two_columns(frame, inputs.columns[0], inputs.columns[1], inputs.paired)
    group = inputs.group
    if inputs.features is not None:
        if len(inputs.features) != 1 or group:
            raise InvalidRequest(
                "t_test compares two groups: give target plus one feature (the grouping "
                "column or the second sample). To compare more than two groups use the "
                "anova tool.", details={"parameter": "features", "expected": "one column"})
        if not target:
            raise InvalidRequest("Missing required parameter: target (the numeric column to "
                                 "test).", details={"parameter": "target"})
        feat = inputs.features[0]
        if not _looks_like_group(frame, feat):
            return _two_columns(frame, target, feat, inputs.paired)
        group = feat
    if not target:
        raise InvalidRequest(
            "t_test needs target (one-sample test against mu), target + group (two groups), "
            "or columns=[a, b] (two columns).", details={"parameter": "target"})
    if group is None:
        if inputs.paired:
            raise InvalidRequest("paired=True needs two samples: columns=[a, b] or target + "
                                 "group.", details={"parameter": "paired"})
        shifted = shifted_columns(frame, [target], "target")
        x = shifted.values[0]
        ok = np.isfinite(x)
        n_bad = int((~ok).sum())
        if n_bad == x.size:
            raise DataError(f"Column {target!r} has no numeric values.",
                            details={"column": target})
        warnings = [dropped_warning(n_bad, x.size, [target])] if n_bad else []
        x = x[ok]
        values = pd.DataFrame({"group": repeat_labels([target], [x.size]),
                               "value": shifted.restore_array(x)})
        return _TSetup("one_sample", [x], [target], shifted, repr(target), int(x.size),
                       warnings, values)
    g = split_by_group(frame, target, group, inputs.groups)
    if len(g.names) < 2:
        only = g.names[0] if g.names else "none"
        raise DataError(f"{group!r} has a single level ({only!r}) in the usable rows; a "
                        f"t-test needs two groups. Check the column, or test one sample "
                        f"against mu by leaving out group.",
                        details={"parameter": "group", "levels": g.names})
    if len(g.names) > 2:
        shown = ", ".join(repr(n) for n in g.names[:10])
        raise DataError(f"{group!r} has {len(g.names)} levels ({shown}); a t-test compares "
                        f"exactly two. Pick two with groups=[...], or use the anova tool to "
                        f"compare all of them.",
                        details={"parameter": "group", "levels": g.names[:200],
                                 "suggestion": "anova"})
    samples, warnings = g.values, g.warnings
    if inputs.paired:
        samples, warnings = _paired_groups(frame, g, target, group, inputs.pair_id)
    labels = [f"{group}={n}" for n in g.names]
    values = pd.DataFrame({"group": repeat_labels(labels, [s.size for s in g.values]),
                           "value": g.shifted.restore_array(np.concatenate(g.values))})
    return _TSetup("paired" if inputs.paired else "two_sample", samples, labels, g.shifted,
                   f"{target!r} by {group!r}", int(sum(s.size for s in samples)), warnings,
                   values)


def _describe_sample(name: str, x: np.ndarray, shifted: Shifted) -> dict[str, Any]:
    m, ss = mean_ss(x)
    sd = math.sqrt(ss / (x.size - 1)) if x.size > 1 else float("nan")
    return {"group": name, "n": int(x.size), "mean": shifted.restore(m), "sd": sd,
            "se": sd / math.sqrt(x.size) if x.size > 1 else float("nan"),
            "_m": m, "_ss": ss}


def _need(n: int, k: int, what: str) -> None:
    if n < k:
        raise DataError(f"{what} has only {n} usable value(s); a t-test needs at least {k}. "
                        f"Add data or check for missing values.",
                        details={"rows": n, "required": k, "sample": what})


@tool("t_test", description="Student's / Welch's t-test: one-sample (target vs mu), two "
      "groups of target defined by a group column, two columns, or paired. Reports t, df, "
      "p-value, the mean difference with its confidence interval, each group's n/mean/sd "
      "and Cohen's d.", inputs=TTestInputs,
      example={"dataset": _EXAMPLE_SCORES, "target": "score", "group": "team"})
def t_test(inputs: TTestInputs, frame: pd.DataFrame) -> ToolResult:
    setup = _t_setup(inputs, frame)
    alpha, alt, conf = alpha_of(inputs.confidence), inputs.alternative, inputs.confidence
    rows = [_describe_sample(n, x, setup.shifted) for n, x in zip(setup.names, setup.samples)]
    if setup.kind == "two_sample":
        a, b = rows
        _need(a["n"], 2, f"Group {a['group']!r}")
        _need(b["n"], 2, f"Group {b['group']!r}")
        n1, n2 = a["n"], b["n"]
        v1, v2 = a["_ss"] / (n1 - 1), b["_ss"] / (n2 - 1)
        est = a["_m"] - b["_m"]
        pooled_var = (a["_ss"] + b["_ss"]) / (n1 + n2 - 2)
        if inputs.equal_var:
            df = float(n1 + n2 - 2)
            se = math.sqrt(pooled_var * (1 / n1 + 1 / n2))
            method = "Student's two-sample t-test (equal variances)"
        else:
            q1, q2 = v1 / n1, v2 / n2
            se = math.sqrt(q1 + q2)
            df = (q1 + q2) ** 2 / (q1 ** 2 / (n1 - 1) + q2 ** 2 / (n2 - 1)) if se > 0 else 0.0
            method = "Welch's two-sample t-test"
        d = est / math.sqrt(pooled_var) if pooled_var > 0 else float("nan")
        constant_msg = (f"Both groups are constant ({a['group']!r} = {a['mean']:g}, "
                        f"{b['group']!r} = {b['mean']:g}): with no variation the t statistic "
                        f"is undefined. A t-test needs varying measurements.")
    else:
        if setup.kind == "paired":
            x, y = setup.samples
            diff = x - y  # same offset: the shift cancels exactly
            _need(diff.size, 2, "The paired sample")
            m, ss = mean_ss(diff)
            est, method = m, "Paired t-test"
            name = f"{setup.names[0]} - {setup.names[1]}"
        else:
            x = setup.samples[0]
            _need(x.size, 2, f"Column {setup.names[0]!r}")
            m, ss = rows[0]["_m"], rows[0]["_ss"]
            # mean - mu, both sides in shifted coordinates: no digits lost to a large offset.
            est, method = m - setup.shifted.relative_to(inputs.mu), "One-sample t-test"
            name = setup.names[0]
        n = setup.samples[0].size
        sd = math.sqrt(ss / (n - 1))
        se, df = sd / math.sqrt(n), float(n - 1)
        d = est / sd if sd > 0 else float("nan")
        if setup.kind == "paired":
            d = (est - inputs.mu) / sd if sd > 0 else float("nan")
        constant_msg = (f"The {'differences ' if setup.kind == 'paired' else ''}values of "
                        f"{name!r} are all equal: with no variation the t statistic is "
                        f"undefined. A t-test needs varying measurements.")
    if not se > 0:
        raise DataError(constant_msg, details={"reason": "zero variance"})
    # One-sample: est is already (mean - mu); others: est is the difference, tested vs mu.
    null = 0.0 if setup.kind == "one_sample" else inputs.mu
    t = (est - null) / se
    p = _t_tail(t, df, alt)
    lo, hi = _t_interval(est, se, df, conf, alt)
    significant = p < alpha
    stats: dict[str, Any] = {
        "method": method, "alternative": alt, "confidence": conf, "alpha": alpha,
        "mu": inputs.mu, "t": t, "df": df, "p_value": p, "mean_difference": est,
        "std_error": se, "conf_int": [lo, hi], "cohens_d": d,
        "effect_size": cohen_label(d) if math.isfinite(d) else None,
        "significant": significant,
        "groups": {r["group"]: {"n": r["n"], "mean": r["mean"], "sd": r["sd"]} for r in rows},
    }
    if setup.kind == "one_sample":
        mean = rows[0]["mean"]
        stats["mean"] = mean
        stats["mean_conf_int"] = [lo + inputs.mu, hi + inputs.mu]
    if setup.kind == "paired":
        stats["n_pairs"] = int(setup.samples[0].size)
    insights = _t_insights(setup, rows, stats, inputs)
    table = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows])
    return ToolResult(
        "t_test",
        performance={"t_statistic": t, "df": df, "p_value": p, "cohens_d": d},
        coefficients={"mean_difference": est},
        std_errors={"mean_difference": se},
        p_values={"mean_difference": p},
        conf_int={"mean_difference": [lo, hi]},
        statistics=stats, insights=insights, warnings=setup.warnings, n_obs=setup.n_used,
        tables={"groups": table}, plot_data={"values": setup.values_frame})


def _t_insights(setup: _TSetup, rows: list[dict[str, Any]], s: dict[str, Any],
                inputs: TTestInputs) -> list[str]:
    conf, est, (lo, hi) = s["confidence"], s["mean_difference"], s["conf_int"]
    ci = (f"{pct(conf)} CI {lo:.4g} to {hi:.4g}" if math.isfinite(lo) and math.isfinite(hi)
          else f"{pct(conf)} one-sided bound {lo if math.isfinite(lo) else hi:.4g}")
    out = []
    if setup.kind == "two_sample":
        a, b = rows
        rel = "higher" if est > 0 else "lower" if est < 0 else "the same"
        out.append(f"{setup.what}: the mean in {a['group']} ({a['mean']:.4g}, n = {a['n']}) is "
                   f"{rel} than in {b['group']} ({b['mean']:.4g}, n = {b['n']}); difference "
                   f"{est:.4g} ({ci}).")
        claim, null = "the two group means differ", "equal group means"
    elif setup.kind == "paired":
        rel = "higher" if est > 0 else "lower" if est < 0 else "equal"
        out.append(f"Across {s['n_pairs']} pairs, {setup.names[0]} is on average "
                   f"{abs(est):.4g} {rel} than {setup.names[1]} ({ci}).")
        claim, null = "the paired values differ on average", "no average difference"
    else:
        rel = "above" if est > 0 else "below" if est < 0 else "equal to"
        out.append(f"The mean of {setup.what} is {s['mean']:.4g} (n = {rows[0]['n']}), "
                   f"{abs(est):.4g} {rel} the hypothesised {inputs.mu:g} ({ci} for the "
                   f"difference).")
        claim, null = f"the mean differs from {inputs.mu:g}", f"a mean of {inputs.mu:g}"
    if inputs.alternative != "two-sided":
        word = "greater" if inputs.alternative == "greater" else "less"
        claim = (f"the {'difference' if setup.kind != 'one_sample' else 'mean'} is {word} "
                 f"than {inputs.mu:g}")
    if s["effect_size"]:
        out.append(f"Effect size: Cohen's d = {s['cohens_d']:.3g}, a {s['effect_size']} "
                   f"effect.")
    out.append(f"{s['method']}: t = {s['t']:.4g}, df = {s['df']:.4g}; "
               + significance(s["p_value"], s["alpha"], claim=claim, null=null))
    return out


# ---------------------------------------------------------------------------------------
# anova
# ---------------------------------------------------------------------------------------

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
