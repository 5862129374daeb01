"""How the hypothesis tools word p-values and effect sizes.

One place decides the phrasing, so every test says the same careful thing: whether ``p`` is
below ``alpha``, what a small p-value is evidence *for*, and that a large one is not
evidence of no effect. Effect-size words follow Cohen (1988) and common practice.
"""

from __future__ import annotations

import math

from pydantic import Field

CONFIDENCE = Field(0.95, gt=0, lt=1, description="Confidence level of the intervals; the "
                   "significance level is alpha = 1 - confidence.")


def alpha_of(confidence: float) -> float:
    return round(1.0 - confidence, 12)


def fmt_p(p: float) -> str:
    if not math.isfinite(p):
        return "p undefined"
    return "p < 0.0001" if p < 1e-4 else f"p = {p:.4g}"


def pct(x: float) -> str:
    return f"{x * 100:g}%"


def significance(p: float, alpha: float, *, claim: str, null: str) -> str:
    """One sentence on p vs alpha. ``claim`` is what a small p supports, ``null`` the
    hypothesis that a large p fails to reject."""
    if p < alpha:
        return (f"{fmt_p(p)} is below alpha = {alpha:g}: statistically significant evidence "
                f"that {claim}.")
    return (f"{fmt_p(p)} is not below alpha = {alpha:g}: not statistically significant. The "
            f"data are consistent with {null}, though that is not shown to be true either.")


def cohen_label(d: float) -> str:
    a = abs(d)
    return ("negligible" if a < 0.2 else "small" if a < 0.5 else "medium" if a < 0.8
            else "large")


def eta_label(eta2: float) -> str:
    return ("negligible" if eta2 < 0.01 else "small" if eta2 < 0.06 else "medium"
            if eta2 < 0.14 else "large")


def r_strength(r: float) -> str:
    """An adverb for |r|: 'weakly', 'strongly' ..."""
    a = abs(r)
    return ("negligibly" if a < 0.1 else "weakly" if a < 0.3 else "moderately" if a < 0.5
            else "strongly" if a < 0.7 else "very strongly")


def v_label(v: float) -> str:
    return ("negligible" if v < 0.1 else "weak" if v < 0.3 else "moderate" if v < 0.5
            else "strong")
