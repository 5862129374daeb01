"""Plain-language sentences derived from numbers, shared by the analysis tools.

The rules every helper follows, so tools cannot overclaim by accident:

- associations, never causes ("is associated with", not "drives");
- "statistically significant" only when ``p < level``; otherwise say it is not, and when a
  p-value is undefined (no residual degrees of freedom) say that instead;
- numbers are rounded for reading (3 significant digits) but never changed in sign or size.

Every helper is O(1) in the number of rows: tools pass summary numbers, not data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import Field

SIGNIFICANCE_LEVEL = 0.05


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for a sentence: 3 significant digits, thousands separators, no '1e+03'."""
    if value is None or not math.isfinite(value):
        return "undefined"
    if value == 0:
        return "0"
    mag = abs(value)
    if mag >= 1e15 or mag < 1e-4:
        return f"{value:.{digits}g}"
    decimals = max(0, digits - 1 - math.floor(math.log10(mag)))
    out = f"{value:,.{decimals}f}"
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return out


def fmt_p(p: float | None) -> str:
    if p is None or not math.isfinite(p):
        return "p undefined"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}" if p < 0.1 else f"p = {p:.2f}"


def percent(fraction: float, digits: int = 0) -> str:
    return f"{fraction * 100:.{digits}f}%"


def join_names(names: Sequence[str], conj: str = "and") -> str:
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conj} {names[-1]}"


def significance_clause(p: float | None, level: float = SIGNIFICANCE_LEVEL) -> str:
    """'this is statistically significant at the 5% level (p = 0.003)' or the honest
    alternative (not significant; or cannot be assessed when p is undefined)."""
    pct = percent(level, 0 if (level * 100).is_integer() else 1)
    if p is None or not math.isfinite(p):
        return "its significance cannot be assessed from this data"
    if p < level:
        return f"this is statistically significant at the {pct} level ({fmt_p(p)})"
    return f"this is not statistically significant at the {pct} level ({fmt_p(p)})"


def holding_clause(others: Sequence[str], max_named: int = 2) -> str:
    """', holding price constant' / ', holding the other 5 features constant' / ''."""
    if not others:
        return ""
    if len(others) <= max_named:
        return f", holding {join_names(others)} constant"
    return f", holding the other {len(others)} features constant"


def split_indicator(term: str) -> tuple[str, str] | None:
    """``'region[West]' -> ('region', 'West')`` for indicator terms made by build_design."""
    if term.endswith("]") and "[" in term:
        base, _, level = term[:-1].partition("[")
        return base, level
    return None


def slope_sentence(term: str, coef: float, target: str, *, others: Sequence[str] = (),
                   baselines: dict[str, str] | None = None, p: float | None = None,
                   level: float = SIGNIFICANCE_LEVEL, inference: bool = True) -> str:
    """'Each extra unit of marketing is associated with 1.9 more sales, holding price constant;
    this is statistically significant at the 5% level (p = 0.002).'

    ``inference=False`` (penalized fits) leaves out the significance clause entirely.
    """
    more_less = "more" if coef >= 0 else "less"
    what = target
    ind = split_indicator(term)
    if coef == 0:
        head = f"{term} shows no association with {what} in this fit"
        if ind is not None:
            head = f"{ind[0]} = {ind[1]} shows no difference in {what} in this fit"
    elif ind is not None:
        base, lev = ind
        baseline = (baselines or {}).get(base)
        vs = f" than rows with {base} = {baseline}" if baseline is not None else ""
        head = (f"Rows with {base} = {lev} have {fmt(abs(coef))} {more_less} {what}{vs} on "
                f"average")
    else:
        head = f"Each extra unit of {term} is associated with {fmt(abs(coef))} {more_less} {what}"
    sentence = head + holding_clause(others)
    if inference:
        sentence += f"; {significance_clause(p, level)}"
    return sentence + "."


def odds_sentence(term: str, coef: float, event: str, *, others: Sequence[str] = (),
                  baselines: dict[str, str] | None = None, p: float | None = None,
                  level: float = SIGNIFICANCE_LEVEL) -> str:
    """Logistic coefficients as odds ratios: 'multiplies the odds of churn = yes by 1.3'."""
    ratio = math.exp(coef) if coef < 700 else math.inf
    change = (f"{fmt((ratio - 1) * 100)}% higher" if ratio >= 1
              else f"{fmt((1 - ratio) * 100)}% lower")
    ind = split_indicator(term)
    if ind is not None:
        base, lev = ind
        baseline = (baselines or {}).get(base)
        vs = f" than for {base} = {baseline}" if baseline is not None else ""
        head = (f"The odds of {event} are {fmt(ratio)} times as high for {base} = {lev}{vs} "
                f"({change})")
    else:
        head = (f"Each extra unit of {term} multiplies the odds of {event} by {fmt(ratio)} "
                f"({change})")
    return head + holding_clause(others) + f"; {significance_clause(p, level)}."


def r_squared_sentence(r2: float | None, target: str, *, centered: bool = True,
                       exact_fit: bool = False, in_sample: bool = False) -> str:
    if r2 is None or not math.isfinite(r2):
        return f"How well the model explains {target} cannot be measured on this data."
    if exact_fit:
        return (f"The model reproduces every value of {target} exactly (R² = {fmt(r2)}): with "
                f"as many coefficients as rows this is guaranteed and says nothing about how "
                f"well it would predict new data.")
    strength = ("a strong" if r2 >= 0.7 else "a moderate" if r2 >= 0.3
                else "a weak" if r2 >= 0.1 else "almost no")
    where = " of the data it was fitted on" if in_sample else ""
    sentence = (f"The model explains {percent(r2)} of the variation in {target}{where} "
                f"(R² = {fmt(r2)}), {strength} fit")
    if not centered:
        sentence += ("; without an intercept R² is measured around zero, so it is not "
                     "comparable with R² of a model that has one")
    return sentence + "."


def collinearity_warning(condition_number: float | None, vifs: dict[str, float] | None
                         ) -> str | None:
    """Warn when features are nearly linear combinations of each other.

    Uses the two standard diagnostics: the condition number of the column-scaled design
    (Belsley: above 30 is strong collinearity; above 1e3 the design is near-singular) and
    variance inflation factors (above 10 is the usual alarm).
    """
    worst = None
    if vifs:
        name, v = max(vifs.items(), key=lambda kv: kv[1] if math.isfinite(kv[1]) else math.inf)
        if v > 10:
            worst = (name, v)
    cond = condition_number if condition_number is not None else 0.0
    if cond < 1e3 and worst is None:
        return None
    parts = []
    if cond >= 30:
        parts.append(f"condition number {fmt(cond)} after scaling")
    if worst is not None:
        parts.append(f"variance inflation factor {fmt(worst[1])} for {worst[0]!r}")
    if cond >= 1e3 or (worst is not None and worst[1] > 1e3):
        head = ("The design is near-singular: the features are almost linear combinations "
                "of each other")
    else:
        head = "The features are strongly correlated with each other"
    return (f"{head} ({'; '.join(parts)}). Individual coefficients are unstable and their "
            f"standard errors inflated; consider removing or combining correlated features "
            f"(or ridge_regression).")


def sample_size_warning(n: int, n_params: int) -> str | None:
    df = n - n_params
    if df <= 0:
        return (f"Exact fit: {n} rows for {n_params} coefficients leaves no residual degrees of "
                f"freedom, so standard errors, p-values and confidence intervals are undefined "
                f"(reported as null). Add rows to get inference.")
    if df < 10 or n < 5 * n_params:
        return (f"Small sample: {n} rows for {n_params} coefficients ({df} residual degrees of "
                f"freedom). Estimates are imprecise; read p-values with caution.")
    return None


# -- hypothesis tests: p against alpha, and effect-size words -----------------------------
# Every test says the same careful thing: whether p is below alpha, what a small p-value is
# evidence *for*, and that a large one is not evidence of no effect. Effect-size words
# follow Cohen (1988) and common practice.

CONFIDENCE = Field(0.95, gt=0, lt=1, description="Confidence level of the intervals; the "
                   "significance level is alpha = 1 - confidence.")


def alpha_of(confidence: float) -> float:
    return round(1.0 - confidence, 12)


def fmt_p_exact(p: float) -> str:
    """p to 4 significant digits, as R prints it (the hypothesis tests report it so)."""
    if not math.isfinite(p):
        return "p undefined"
    return "p < 0.0001" if p < 1e-4 else f"p = {p:.4g}"


def level_pct(x: float) -> str:
    """A confidence level as a percentage: 0.95 -> '95%', 0.975 -> '97.5%'."""
    return f"{x * 100:g}%"


def significance(p: float, alpha: float, *, claim: str, null: str) -> str:
    """One sentence on p vs alpha. ``claim`` is what a small p supports, ``null`` the
    hypothesis that a large p fails to reject."""
    if p < alpha:
        return (f"{fmt_p_exact(p)} is below alpha = {alpha:g}: statistically significant evidence "
                f"that {claim}.")
    return (f"{fmt_p_exact(p)} is not below alpha = {alpha:g}: not statistically significant. The "
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
