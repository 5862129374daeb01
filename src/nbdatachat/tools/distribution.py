"""Distribution tests: ``normality_test`` (Shapiro-Wilk, D'Agostino-Pearson) and
``skewness_kurtosis`` (the shape numbers with their tests).

Each verdict is stated in words at the level ``alpha = 1 - confidence`` ("normal at the 5 %
level: no") with the statistic and the p-value. A test of normality can reject it but never
prove it: "yes" means no evidence against normality in these data, and with thousands of
values tiny, harmless departures are rejected too -- both are said in the result.

Shape numbers are the adjusted Fisher-Pearson coefficients that pandas, Excel and SPSS report
(``G1 = skew()``, excess kurtosis ``G2 = kurt()``); the biased moments ``g1``, ``g2`` that the
tests use (scipy's defaults) are in ``statistics`` too. The tests are scipy's: ``shapiro``,
``normaltest`` (D'Agostino and Pearson's K^2), ``skewtest`` (D'Agostino) and ``kurtosistest``
(Anscombe and Glynn).
"""

from __future__ import annotations

import math
import warnings as _warnings
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError
from .base import ToolInputs, ToolResult
from .insights import CONFIDENCE, alpha_of, fmt, fmt_p_exact
from .prepare import numeric_column
from .registry import tool

SHAPIRO_MIN, DAGOSTINO_MIN, KURTOSIS_MIN, KURTOSIS_RELIABLE = 3, 8, 5, 20
SHAPIRO_EXACT_MAX = 5000  # scipy: p-values above this size may be inaccurate
LARGE_SAMPLE = 5000

_EXAMPLE = [{"tip": v} for v in (1.01, 1.66, 3.5, 3.31, 3.61, 4.71, 2.0, 3.12, 1.96, 3.23,
                                  1.71, 5.0, 1.57, 3.0, 3.02, 3.92, 1.67, 3.71, 3.5, 3.35)]


class DistributionInputs(ToolInputs):
    column: str = Field(..., min_length=1, description="The numeric column to test.")
    confidence: float = CONFIDENCE


class NormalityInputs(DistributionInputs):
    method: Literal["both", "shapiro", "dagostino"] = Field(
        default="both", description="shapiro: Shapiro-Wilk (best power up to a few thousand "
                                    "values); dagostino: D'Agostino-Pearson K^2 from skewness "
                                    "and kurtosis (needs 8+ values); both (default).")


def _values(frame: pd.DataFrame, column: str, needed: int, what: str
            ) -> tuple[np.ndarray, list[str]]:
    s = numeric_column(frame, column, "column")
    x = s.to_numpy(dtype="float64", na_value=np.nan)
    finite = x[np.isfinite(x)]
    warnings = []
    if len(finite) < len(x):
        warnings.append(f"{len(x) - len(finite)} missing value(s) of {column!r} ignored.")
    if len(finite) < needed:
        raise DataError(f"{column!r} has {len(finite)} usable value(s); {what} needs at least "
                        f"{needed}.", details={"column": column, "rows": len(finite),
                                               "required": needed})
    if np.ptp(finite) == 0:
        raise DataError(f"{column!r} is constant ({finite[0]:g}): its distribution has no "
                        f"shape to test.", details={"column": column})
    return finite, warnings


def _yes_no(p: float, alpha: float) -> str:
    return "no" if p < alpha else "yes"


def _level(alpha: float) -> str:
    return f"{alpha * 100:g} %"


def shape(x: np.ndarray) -> dict[str, float]:
    """Skewness and excess kurtosis: biased moments g1, g2 and the adjusted G1, G2 with
    their standard errors (SES, SEK as in SPSS)."""
    n = len(x)
    d = x - x.mean()
    m2 = float(np.mean(d ** 2))
    g1 = float(np.mean(d ** 3)) / m2 ** 1.5
    g2 = float(np.mean(d ** 4)) / m2 ** 2 - 3.0
    out = {"g1": g1, "g2": g2, "skewness": math.nan, "excess_kurtosis": math.nan,
           "skewness_se": math.nan, "kurtosis_se": math.nan}
    if n >= 3:
        out["skewness"] = g1 * math.sqrt(n * (n - 1)) / (n - 2)
        out["skewness_se"] = math.sqrt(6.0 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
    if n >= 4:
        out["excess_kurtosis"] = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)
        out["kurtosis_se"] = 2 * out["skewness_se"] * math.sqrt((n * n - 1) / ((n - 3) * (n + 5)))
    return out


def _qq(x: np.ndarray) -> pd.DataFrame:
    """Normal Q-Q points: ordered values against the normal quantiles with the sample's mean
    and standard deviation (Filliben's plotting positions), so y = x is a perfect fit."""
    from scipy import stats

    (osm, osr), _ = stats.probplot(x, dist="norm")
    return pd.DataFrame({"theoretical": x.mean() + x.std(ddof=1) * osm, "sample": osr})


@tool("normality_test", description="Is a numeric column normally distributed? Shapiro-Wilk "
      "and D'Agostino-Pearson tests with statistic, p-value and the verdict in words "
      "('normal at the 5 % level: no'), plus skewness and excess kurtosis and a normal Q-Q "
      "plot.", inputs=NormalityInputs, category="Statistical Tests",
      example={"dataset": _EXAMPLE, "column": "tip"})
def normality_test(inputs: NormalityInputs, frame: pd.DataFrame) -> ToolResult:
    from scipy import stats

    need = DAGOSTINO_MIN if inputs.method == "dagostino" else SHAPIRO_MIN
    x, warnings = _values(frame, inputs.column, need, "a normality test" if
                          inputs.method != "dagostino" else "the D'Agostino-Pearson test")
    n, alpha, col = len(x), alpha_of(inputs.confidence), inputs.column
    rows, p_values, stat = [], {}, {}
    if inputs.method in ("both", "shapiro"):
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")  # the size caveat is worded below
            w, p = stats.shapiro(x)
        rows.append(("shapiro_wilk", "Shapiro-Wilk", "W", float(w), float(p)))
        if n > SHAPIRO_EXACT_MAX:
            warnings.append(f"Shapiro-Wilk's p-value is approximate above {SHAPIRO_EXACT_MAX:,} "
                            f"values (scipy); D'Agostino-Pearson suits large samples.")
    if inputs.method in ("both", "dagostino"):
        if n >= DAGOSTINO_MIN:
            with _warnings.catch_warnings():
                _warnings.simplefilter("ignore")
                k2, p = stats.normaltest(x)
            rows.append(("dagostino_pearson", "D'Agostino-Pearson", "K2", float(k2), float(p)))
            if n < KURTOSIS_RELIABLE:
                warnings.append(f"With {n} values (< {KURTOSIS_RELIABLE}) the kurtosis part of "
                                f"D'Agostino-Pearson is approximate; Shapiro-Wilk is the "
                                f"better test here.")
        else:
            warnings.append(f"D'Agostino-Pearson needs at least {DAGOSTINO_MIN} values; with "
                            f"{n} only Shapiro-Wilk was run.")
    shp = shape(x)
    insights = []
    for key, name, symbol, value, p in rows:
        p_values[key] = p
        stat[key] = {"statistic": value, "p_value": p, "normal": p >= alpha}
        insights.append(f"{name}: {symbol} = {fmt(value, 4)}, {fmt_p_exact(p)}. Normal at the "
                        f"{_level(alpha)} level: {_yes_no(p, alpha)}.")
    verdicts = {p >= alpha for *_, p in rows}
    if verdicts == {False}:
        insights.append(f"The data depart from a normal distribution (skewness "
                        f"{fmt(shp['skewness'])}, excess kurtosis "
                        f"{fmt(shp['excess_kurtosis'])}); prefer methods that do not assume "
                        f"normality, or transform {col}.")
    elif verdicts == {True}:
        insights.append(f"No evidence against normality at the {_level(alpha)} level. That "
                        f"does not prove {col} is normal"
                        + (" (with few values these tests have little power)." if n < 30
                           else "."))
    else:
        insights.append("The tests disagree: the evidence against normality is borderline.")
    if n > LARGE_SAMPLE and verdicts != {True}:
        warnings.append(f"With {n:,} values even small, harmless departures from normality "
                        f"are significant; judge the size of the departure from the Q-Q plot "
                        f"and the skewness/kurtosis.")
    table = pd.DataFrame([{"test": name, "statistic": value, "p_value": p,
                           "normal": _yes_no(p, alpha)} for _, name, _, value, p in rows])
    return ToolResult(
        "normality_test", p_values=p_values,
        statistics={**stat, **shp, "n": n, "alpha": alpha,
                    "mean": float(x.mean()), "std": float(x.std(ddof=1))},
        insights=insights, warnings=warnings, n_obs=n, tables={"tests": table},
        extra={"column": col, "alpha": alpha}, plot_data={"qq": _qq(x)})


@tool("skewness_kurtosis", description="Shape of a numeric column: skewness and excess "
      "kurtosis (as pandas' skew() and kurt()) with standard errors, D'Agostino's skewness "
      "test and Anscombe-Glynn's kurtosis test, and the verdicts in words ('symmetric at the "
      "5 % level: no, skewed to the right').", inputs=DistributionInputs,
      category="Statistical Tests", example={"dataset": _EXAMPLE, "column": "tip"})
def skewness_kurtosis(inputs: DistributionInputs, frame: pd.DataFrame) -> ToolResult:
    from scipy import stats

    x, warnings = _values(frame, inputs.column, KURTOSIS_MIN, "skewness and kurtosis")
    n, alpha, col = len(x), alpha_of(inputs.confidence), inputs.column
    shp = shape(x)
    level = _level(alpha)
    insights, p_values, tests = [], {}, []
    skew_word = ("to the right (a long tail of high values)" if shp["skewness"] > 0
                 else "to the left (a long tail of low values)")
    if n >= DAGOSTINO_MIN:
        z, p = (float(v) for v in stats.skewtest(x))
        p_values["skewness"] = p
        tests.append({"test": "skewness (D'Agostino)", "statistic": z, "p_value": p,
                      "verdict": f"symmetric: {_yes_no(p, alpha)}"})
        insights.append(f"Skewness {fmt(shp['skewness'])} (SE {fmt(shp['skewness_se'])}): "
                        f"z = {fmt(z)}, {fmt_p_exact(p)}. Symmetric at the {level} level: "
                        f"{_yes_no(p, alpha)}"
                        + (f", skewed {skew_word}." if p < alpha else "."))
    else:
        insights.append(f"Skewness {fmt(shp['skewness'])} (SE {fmt(shp['skewness_se'])}); the "
                        f"skewness test needs at least {DAGOSTINO_MIN} values.")
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")  # small-n caveat worded below
        zk, pk = (float(v) for v in stats.kurtosistest(x))
    p_values["kurtosis"] = pk
    tail = ("heavier tails than a normal distribution (more extreme values)"
            if shp["excess_kurtosis"] > 0 else "lighter tails than a normal distribution")
    tests.append({"test": "kurtosis (Anscombe-Glynn)", "statistic": zk, "p_value": pk,
                  "verdict": f"normal tails: {_yes_no(pk, alpha)}"})
    insights.append(f"Excess kurtosis {fmt(shp['excess_kurtosis'])} (SE "
                    f"{fmt(shp['kurtosis_se'])}): z = {fmt(zk)}, {fmt_p_exact(pk)}. Tails as "
                    f"in a normal distribution at the {level} level: {_yes_no(pk, alpha)}"
                    + (f", {tail}." if pk < alpha else "."))
    if n < KURTOSIS_RELIABLE:
        warnings.append(f"With {n} values (< {KURTOSIS_RELIABLE}) the kurtosis test is "
                        f"approximate.")
    return ToolResult(
        "skewness_kurtosis", p_values=p_values,
        statistics={**shp, "skewness_z": tests[0]["statistic"] if n >= DAGOSTINO_MIN else None,
                    "kurtosis_z": zk, "n": n, "alpha": alpha},
        insights=insights, warnings=warnings, n_obs=n, tables={"tests": pd.DataFrame(tests)},
        extra={"column": col, "alpha": alpha},
        plot_data={"distribution": pd.DataFrame({col: x})})
