"""Parse the NIST StRD ANOVA and univariate files shipped in ``tests/data/nist/``.

Certified values are read from each file's own header (the ``.dat`` is authoritative), the
data as *text*, so a test can feed them to a tool as float64 or as exact ``Decimal`` values.
Exact reference statistics of the float64 data are computed with ``fractions.Fraction`` to
separate what the algorithm loses from what float64 storage of the data already lost.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

NIST_DIR = Path(__file__).parent / "data" / "nist"
ANOVA_NAMES = ["SiRstv", "SmLs01", "SmLs02", "SmLs03", "AtmWtAg", "SmLs04", "SmLs05",
               "SmLs06", "SmLs07", "SmLs08", "SmLs09"]
UNIVARIATE_NAMES = ["PiDigits", "Lottery", "Lew", "Mavro", "Michelso", "NumAcc1", "NumAcc2",
                    "NumAcc3", "NumAcc4"]
_NUM = r"([-+]?\d[\d.]*(?:[eE][-+]?\d+)?)"


def lre(value: float, certified: float) -> float:
    """Log relative error: the number of correct significant digits (capped at 15; 0 for
    NaN or infinity)."""
    if not math.isfinite(value):
        return 0.0
    if value == certified:
        return 15.0
    if certified == 0:
        return min(15.0, -math.log10(abs(value)))
    return min(15.0, -math.log10(abs(value - certified) / abs(certified)))


@dataclass
class AnovaCase:
    name: str
    labels: list[str]
    responses: list[str]  # as written in the file
    certified: dict[str, float]


def load_anova(name: str) -> AnovaCase:
    lines = (NIST_DIR / "anova" / f"{name}.dat").read_text().splitlines()
    head = "\n".join(lines[:60])
    between = re.search(r"^Between \w+\s+(\d+)\s+" + r"\s+".join([_NUM] * 3), head, re.M)
    within = re.search(r"^Within \w+\s+(\d+)\s+" + r"\s+".join([_NUM] * 2), head, re.M)
    r2 = re.search(r"Certified R-Squared\s+" + _NUM, head)
    sd = re.search(r"Standard Deviation\s+" + _NUM, head)
    cert = {"df_between": int(between[1]), "ss_between": float(between[2]),
            "ms_between": float(between[3]), "f_statistic": float(between[4]),
            "df_within": int(within[1]), "ss_within": float(within[2]),
            "ms_within": float(within[3]), "r_squared": float(r2[1]),
            "residual_sd": float(sd[1])}
    rows = [ln.split() for ln in lines[60:] if ln.strip()]
    return AnovaCase(name, [r[0] for r in rows], [r[1] for r in rows], cert)


def exact_anova_f(labels: list[str], values: list[float]) -> float:
    """F of the data exactly as given (float64 values read as exact binary fractions)."""
    groups: dict[str, list[Fraction]] = {}
    for g, v in zip(labels, values):
        groups.setdefault(g, []).append(Fraction(v))
    n = sum(len(v) for v in groups.values())
    means = {g: sum(v) / len(v) for g, v in groups.items()}
    grand = sum(means[g] * len(v) for g, v in groups.items()) / n
    ssb = sum(len(v) * (means[g] - grand) ** 2 for g, v in groups.items())
    ssw = sum((x - means[g]) ** 2 for g, v in groups.items() for x in v)
    k = len(groups)
    return float((ssb / (k - 1)) / (ssw / (n - k)))


@dataclass
class UnivariateCase:
    name: str
    values: list[str]
    certified: dict[str, float]


def load_univariate(name: str) -> UnivariateCase:
    lines = (NIST_DIR / "univariate" / f"{name}.dat").read_text().splitlines()
    text = "\n".join(lines)
    mean = re.search(r"Sample Mean(?:\s+ybar)?:\s+" + _NUM, text)
    sd = re.search(r"(?:\bs|\(denom\. = n-1\)):\s+" + _NUM, text)
    r1 = re.search(r"r\(1\):\s+" + _NUM, text)
    if name == "PiDigits":  # NIST's original layout: data from line 61
        data = lines[60:]
    else:
        start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("Data: Y"))
        data = lines[start + 2:]
    values = [ln.strip() for ln in data if ln.strip()]
    return UnivariateCase(name, values, {"mean": float(mean[1]), "sd": float(sd[1]),
                                         "lag1_autocorr": float(r1[1])})


def exact_univariate(values: list[float]) -> dict[str, float]:
    """Mean, sd and lag-1 autocorrelation of float64 data in exact rational arithmetic."""
    x = [Fraction(v) for v in values]
    n = len(x)
    m = sum(x) / n
    d = [v - m for v in x]
    ss = sum(v * v for v in d)
    return {"mean": float(m), "sd": math.sqrt(ss / (n - 1)),
            "lag1_autocorr": float(sum(d[i] * d[i + 1] for i in range(n - 1)) / ss)}
