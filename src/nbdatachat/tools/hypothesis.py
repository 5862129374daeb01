"""Hypothesis tests: ``t_test``, ``anova``, ``chi_square`` and ``correlation``.

Each tool answers one question about the data with a test statistic, a p-value, an effect
size and an interval, and words the answer the way a careful statistician would: it states
the direction and the size of the effect and whether ``p`` is below ``alpha = 1 - confidence``
-- a small p-value is evidence, never proof, and a large one is not evidence of no effect.

Accuracy: means and sums of squares are computed in shifted coordinates by
:mod:`nbdatachat.tools.moments` (centred on a data value, corrected two-pass sums), which is
what lets ``anova`` meet the NIST StRD certified F to LRE >= 9 on all eleven datasets and
``t_test`` reproduce R's ``t.test`` digit for digit. Distribution tail areas, Levene's test,
Fisher's exact test and Kendall's tau come from ``scipy.stats`` (imported inside
the functions, so importing this module stays cheap).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError, InvalidRequest
from .base import ToolInputs, ToolResult
from .moments import Shifted, is_decimal_column, mean_ss, shifted_columns
from .prepare import require_columns
from .registry import tool

Alternative = Literal["two-sided", "less", "greater"]
GroupLevel = str | int | float | bool
MAX_CATEGORIES = 50  # beyond this a "category" column is almost surely numeric or an ID
MAX_CORRELATION_COLUMNS = 200

_CONFIDENCE = Field(0.95, gt=0, lt=1, description="Confidence level of the intervals; the "
                    "significance level is alpha = 1 - confidence.")
_EXAMPLE_SCORES = [{"score": s, "team": t} for s, t in
                   [(12.1, "a"), (14.3, "a"), (11.8, "a"), (13.5, "a"), (12.9, "a"),
                    (15.2, "b"), (16.8, "b"), (14.9, "b"), (17.1, "b"), (15.5, "b")]]


# ---------------------------------------------------------------------------------------
# Shared helpers: group labels, wording of p-values and effect sizes
# ---------------------------------------------------------------------------------------

def _level_label(v: Any) -> str:
    """How a group value is shown and matched: 1.0 -> '1', True -> 'True', 'a' -> 'a'."""
    if isinstance(v, (bool, np.bool_)):
        return str(bool(v))
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return str(v)


@dataclass(frozen=True)
class _Labels:
    """A categorical column as integer codes into ``levels`` (-1 where missing)."""

    codes: np.ndarray
    levels: list[str]

    def subset(self, wanted: list[str]) -> _Labels:
        """Keep only ``wanted`` levels, in that order; other rows become -1."""
        remap = np.full(len(self.levels) + 1, -1, dtype=np.int64)
        for i, lev in enumerate(wanted):
            remap[self.levels.index(lev)] = i
        return _Labels(remap[self.codes], list(wanted))


def _group_labels(frame: pd.DataFrame, col: str, role: str) -> _Labels:
    """Codes and levels in natural order (numeric order for numbers, else alphabetical).

    Values are matched by their label, so 1, 1.0 and "1" are one level."""
    require_columns(frame, [col], role)
    s = frame[col]
    if isinstance(s, pd.DataFrame):
        raise DataError(f"Column name {col!r} appears more than once in the data; rename the "
                        f"duplicates so each column has a unique name.", details={"column": col})
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    uniques = list(uniques)
    numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
    order = sorted(range(len(uniques)), key=(lambda i: float(uniques[i])) if numeric
                   else (lambda i: _level_label(uniques[i])))
    levels: list[str] = []
    remap = np.full(len(uniques) + 1, -1, dtype=np.int64)  # last slot: code -1 stays -1
    for i in order:
        label = _level_label(uniques[i])
        if label not in levels:
            levels.append(label)
        remap[i] = levels.index(label)
    return _Labels(remap[codes], levels)


def _split(values: np.ndarray, codes: np.ndarray, k: int) -> list[np.ndarray]:
    """``values`` per code 0..k-1 in one stable sort (rows with code -1 are left out)."""
    keep = codes >= 0
    v, c = values[keep], codes[keep]
    order = np.argsort(c, kind="stable")
    counts = np.bincount(c, minlength=k)
    return np.split(v[order], np.cumsum(counts)[:-1])


def _repeat_labels(names: list[str], counts) -> pd.Categorical:
    """Group names for per-row chart data, as a cheap categorical."""
    codes = np.repeat(np.arange(len(names)), np.asarray(counts, dtype=np.int64))
    return pd.Categorical.from_codes(codes, categories=list(dict.fromkeys(names)))


def _alpha(confidence: float) -> float:
    return round(1.0 - confidence, 12)


def _fmt_p(p: float) -> str:
    if not math.isfinite(p):
        return "p undefined"
    return "p < 0.0001" if p < 1e-4 else f"p = {p:.4g}"


def _pct(x: float) -> str:
    return f"{x * 100:g}%"


def _significance(p: float, alpha: float, *, claim: str, null: str) -> str:
    """One sentence on p vs alpha. ``claim`` is what a small p supports, ``null`` the
    hypothesis that a large p fails to reject."""
    if p < alpha:
        return (f"{_fmt_p(p)} is below alpha = {alpha:g}: statistically significant evidence "
                f"that {claim}.")
    return (f"{_fmt_p(p)} is not below alpha = {alpha:g}: not statistically significant. The "
            f"data are consistent with {null}, though that is not shown to be true either.")


def _cohen_label(d: float) -> str:
    a = abs(d)
    return ("negligible" if a < 0.2 else "small" if a < 0.5 else "medium" if a < 0.8
            else "large")


def _eta_label(eta2: float) -> str:
    return ("negligible" if eta2 < 0.01 else "small" if eta2 < 0.06 else "medium"
            if eta2 < 0.14 else "large")


def _r_strength(r: float) -> str:
    """An adverb for |r|: 'weakly', 'strongly' ..."""
    a = abs(r)
    return ("negligibly" if a < 0.1 else "weakly" if a < 0.3 else "moderately" if a < 0.5
            else "strongly" if a < 0.7 else "very strongly")


def _v_label(v: float) -> str:
    return ("negligible" if v < 0.1 else "weak" if v < 0.3 else "moderate" if v < 0.5
            else "strong")


def _dropped_warning(n_bad: int, n_total: int, columns: list[str]) -> str:
    names = " or ".join(repr(c) for c in columns)
    return (f"Dropped {n_bad} of {n_total} rows with missing or non-numeric values in "
            f"{names}.")


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


@dataclass
class _Groups:
    """A numeric column split by a grouping column, in shifted coordinates."""

    names: list[str]
    values: list[np.ndarray]
    shifted: Shifted
    n_used: int
    warnings: list[str] = field(default_factory=list)


def _split_by_group(frame: pd.DataFrame, target: str, group: str,
                    pick: list[GroupLevel] | None) -> _Groups:
    if target == group:
        raise InvalidRequest(f"{target!r} is both the target and the group column; the group "
                             f"column must hold the categories to compare.",
                             details={"parameter": "group", "column": group})
    require_columns(frame, [target], "target")
    labels = _group_labels(frame, group, "group")
    levels = labels.levels
    shifted = shifted_columns(frame, [target], "target")
    y = shifted.values[0]
    ok = np.isfinite(y) & (labels.codes >= 0)
    n_bad = int((~ok).sum())
    if n_bad == len(frame):
        raise DataError(f"No row has both a numeric {target!r} and a {group!r} value; nothing "
                        f"is left to compare. Check the columns for empty cells.",
                        details={"columns": [target, group], "rows": len(frame)})
    warnings = [_dropped_warning(n_bad, len(frame), [target, group])] if n_bad else []
    if pick is not None:
        wanted = [_level_label(p) for p in pick]
        if len(set(wanted)) != len(wanted):
            raise InvalidRequest(f"groups lists the same level twice ({wanted}); list distinct "
                                 f"levels of {group!r}.", details={"parameter": "groups"})
        missing = [w for w in wanted if w not in levels]
        if missing:
            raise DataError(f"{group!r} has no level {missing[0]!r}. Its levels are: "
                            f"{', '.join(levels[:30])}.",
                            details={"parameter": "groups", "level": missing[0],
                                     "available": levels[:200]})
        labels, levels = labels.subset(wanted), wanted
    codes = np.where(ok, labels.codes, -1)
    values = _split(y, codes, len(levels))
    # present levels only: a level whose rows all had a missing target is not a group
    present = [i for i, v in enumerate(values) if v.size or pick is not None]
    levels, values = [levels[i] for i in present], [values[i] for i in present]
    return _Groups(levels, values, shifted, int(sum(v.size for v in values)), warnings)


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
    confidence: float = _CONFIDENCE


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
    values = pd.DataFrame({"group": _repeat_labels([a, b], [x.size, y.size]),
                           "value": shifted.restore_array(np.concatenate([x, y]))})
    return _TSetup("paired" if paired else "two_sample", [x, y], [a, b], shifted,
                   f"{a!r} vs {b!r}", int(x.size + y.size), warnings, values)


def _paired_groups(frame: pd.DataFrame, g: _Groups, target: str, group: str,
                   pair_id: str | None) -> tuple[list[np.ndarray], list[str]]:
    a, b = g.values
    warnings = list(g.warnings)
    if pair_id is None:
        if a.size != b.size:
            raise DataError(f"A paired test by order needs the same number of values in each "
                            f"group ({g.names[0]!r} has {a.size}, {g.names[1]!r} has "
                            f"{b.size}). Pass pair_id= naming the subject column.",
                            details={"parameter": "pair_id", "sizes": [a.size, b.size]})
        warnings.append(f"Pairs are matched by order of appearance within each group; pass "
                        f"pair_id= to match them by a subject column instead.")
        return [a, b], warnings
    require_columns(frame, [pair_id], "pair_id")
    labels = _group_labels(frame, group, "group").subset(g.names)
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
        warnings = [_dropped_warning(n_bad, x.size, [target])] if n_bad else []
        x = x[ok]
        values = pd.DataFrame({"group": _repeat_labels([target], [x.size]),
                               "value": shifted.restore_array(x)})
        return _TSetup("one_sample", [x], [target], shifted, repr(target), int(x.size),
                       warnings, values)
    g = _split_by_group(frame, target, group, inputs.groups)
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
    values = pd.DataFrame({"group": _repeat_labels(labels, [s.size for s in g.values]),
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
    alpha, alt, conf = _alpha(inputs.confidence), inputs.alternative, inputs.confidence
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
        "effect_size": _cohen_label(d) if math.isfinite(d) else None,
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
    ci = (f"{_pct(conf)} CI {lo:.4g} to {hi:.4g}" if math.isfinite(lo) and math.isfinite(hi)
          else f"{_pct(conf)} one-sided bound {lo if math.isfinite(lo) else hi:.4g}")
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
               + _significance(s["p_value"], s["alpha"], claim=claim, null=null))
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
    confidence: float = _CONFIDENCE


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
    g = _split_by_group(frame, inputs.target, group, inputs.groups)
    warnings = list(g.warnings)
    alpha = _alpha(inputs.confidence)
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
                     f"{st['welch_f']:.4g}, {_fmt_p(st['welch_p_value'])}."
                     if "welch_f" in st else "")
        warnings.append(f"The groups' variances differ (Levene's test, median-centred: W = "
                        f"{st['levene_statistic']:.4g}, {_fmt_p(st['levene_p_value'])}); the "
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
    values = pd.DataFrame({"group": _repeat_labels(g.names, ns.astype(int)),
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
            f"{_eta_label(st['eta_squared'])} effect).",
            f"One-way ANOVA: F({st['df_between']}, {st['df_within']}) = "
            f"{st['f_statistic']:.4g}; " + _significance(
                st["p_value"], st["alpha"], claim=f"mean {target!r} differs between groups",
                null="equal group means")]


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
    confidence: float = _CONFIDENCE


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
    la, lb = _group_labels(frame, a, "row"), _group_labels(frame, b, "column")
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
    alpha = _alpha(inputs.confidence)
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
        f"{a!r} and {b!r} show a {_v_label(cramers_v)} association (Cramer's V = "
        f"{cramers_v:.3g}) over {n} rows.",
        (f"Fisher's exact test: odds ratio = {st['odds_ratio']:.4g}; " if "fisher_p_value" in st
         else f"Chi-square test: chi-square = {st['chi2']:.4g}, df = {st['dof']}; ")
        + _significance(
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
    confidence: float = _CONFIDENCE


def _correlation_columns(inputs: CorrelationInputs, frame: pd.DataFrame
                         ) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    if inputs.features is not None:
        cols = ([inputs.target] if inputs.target else []) + list(inputs.features)
        dup = next((c for c in cols if cols.count(c) > 1), None)
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
    alpha = _alpha(inputs.confidence)
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
            ci = f", {_pct(inputs.confidence)} CI {row.ci_low:.3g} to {row.ci_high:.3g}"
        verdict = "significant" if row.p_value < alpha else "not significant"
        out.append(f"{row.var1!r} and {row.var2!r} are {_r_strength(row.r)} {sign} "
                   f"correlated ({name} = {row.r:.3g}{ci}, {_fmt_p(row.p_value)}, n = "
                   f"{row.n}; {verdict} at alpha = {alpha:g}).")
    n_sig = int((valid["p_value"] < alpha).sum())
    if n_pairs > 1:
        out.append(f"{n_sig} of {n_pairs} pairs have p < {alpha:g}"
                   + (" (Holm-adjusted p-values in the pairs table account for testing "
                      "many pairs)." if n_pairs > 3 else "."))
    out.append("Correlation measures association, not causation.")
    return out
