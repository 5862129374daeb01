"""The numbers and words of a t-test from each sample's moments, wherever they came from.

A :class:`TSummary` holds what every variant of the test needs: per sample its count, its
mean in shifted coordinates and its sum of squared deviations (for a paired test the same
of the differences), and the shift. ``t_test`` fills it from a DataFrame
(:mod:`.t_test`); the in-engine path fills it from sums the engine computed
(:mod:`nbdatachat.tools.in_engine.t_test`), so both give the same result from the same
moments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import pandas as pd

from ...errors import DataError
from ..base import ToolResult
from ..insights import (
    alpha_of,
    cohen_label,
    significance,
)
from ..insights import (
    level_pct as pct,
)

Alternative = Literal["two-sided", "less", "greater"]


class Shift(Protocol):
    """How sample means map back to the data's coordinates (``moments.Shifted`` or an
    engine's shift)."""

    def restore(self, shifted_mean: float) -> float: ...

    def relative_to(self, value: float) -> float: ...


@dataclass
class PlainShift:
    """A float offset subtracted before summing (the in-engine path's first-pass mean)."""

    offset: float = 0.0

    def restore(self, shifted_mean: float) -> float:
        return float(self.offset + shifted_mean)

    def relative_to(self, value: float) -> float:
        return float(value - self.offset)


@dataclass
class TSummary:
    """A t-test's inputs as moments: ``moments`` is ``(n, mean, ss)`` per sample in shifted
    coordinates, ``differences`` the same of the paired differences (paired tests only)."""

    kind: Literal["one_sample", "two_sample", "paired"]
    names: list[str]
    what: str  # e.g. "'extra' by 'group'"
    moments: list[tuple[int, float, float]]
    shifted: Shift
    n_used: int
    warnings: list[str] = field(default_factory=list)
    differences: tuple[int, float, float] | None = None
    plot_data: dict[str, Any] = field(default_factory=dict)


def sample_row(name: str, n: int, m: float, ss: float, shifted: Shift) -> dict[str, Any]:
    sd = math.sqrt(ss / (n - 1)) if n > 1 else float("nan")
    return {"group": name, "n": int(n), "mean": shifted.restore(m), "sd": sd,
            "se": sd / math.sqrt(n) if n > 1 else float("nan"), "_m": m, "_ss": ss}


def _need(n: int, k: int, what: str) -> None:
    if n < k:
        raise DataError(f"{what} has only {n} usable value(s); a t-test needs at least {k}. "
                        f"Add data or check for missing values.",
                        details={"rows": n, "required": k, "sample": what})


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


def t_result(inputs: Any, s: TSummary) -> ToolResult:
    """The ``t_test`` result of ``inputs`` (a ``TTestInputs``) from the moments ``s``."""
    alpha, alt, conf = alpha_of(inputs.confidence), inputs.alternative, inputs.confidence
    rows = [sample_row(name, n, m, ss, s.shifted)
            for name, (n, m, ss) in zip(s.names, s.moments)]
    if s.kind == "two_sample":
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
        if s.kind == "paired":
            n, m, ss = s.differences  # type: ignore[misc]
            _need(n, 2, "The paired sample")
            est, method = m, "Paired t-test"
            name = f"{s.names[0]} - {s.names[1]}"
        else:
            n = rows[0]["n"]
            _need(n, 2, f"Column {s.names[0]!r}")
            m, ss = rows[0]["_m"], rows[0]["_ss"]
            # mean - mu, both sides in shifted coordinates: no digits lost to a large offset.
            est, method = m - s.shifted.relative_to(inputs.mu), "One-sample t-test"
            name = s.names[0]
        sd = math.sqrt(ss / (n - 1))
        se, df = sd / math.sqrt(n), float(n - 1)
        d = est / sd if sd > 0 else float("nan")
        if s.kind == "paired":
            d = (est - inputs.mu) / sd if sd > 0 else float("nan")
        constant_msg = (f"The {'differences ' if s.kind == 'paired' else ''}values of "
                        f"{name!r} are all equal: with no variation the t statistic is "
                        f"undefined. A t-test needs varying measurements.")
    if not se > 0:
        raise DataError(constant_msg, details={"reason": "zero variance"})
    # One-sample: est is already (mean - mu); others: est is the difference, tested vs mu.
    null = 0.0 if s.kind == "one_sample" else inputs.mu
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
    if s.kind == "one_sample":
        mean = rows[0]["mean"]
        stats["mean"] = mean
        stats["mean_conf_int"] = [lo + inputs.mu, hi + inputs.mu]
    if s.kind == "paired":
        stats["n_pairs"] = int(s.differences[0])  # type: ignore[index]
    insights = _t_insights(s, rows, stats, inputs)
    table = pd.DataFrame([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows])
    return ToolResult(
        "t_test",
        performance={"t_statistic": t, "df": df, "p_value": p, "cohens_d": d},
        coefficients={"mean_difference": est},
        std_errors={"mean_difference": se},
        p_values={"mean_difference": p},
        conf_int={"mean_difference": [lo, hi]},
        statistics=stats, insights=insights, warnings=s.warnings, n_obs=s.n_used,
        tables={"groups": table}, plot_data=s.plot_data)


def _t_insights(setup: TSummary, rows: list[dict[str, Any]], s: dict[str, Any],
                inputs: Any) -> list[str]:
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
