"""normality_test and skewness_kurtosis against scipy and pandas computed here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from nbdatachat import run_tool
from nbdatachat.errors import NbDataChatError


def _error(name, **inputs) -> NbDataChatError:
    with pytest.raises(NbDataChatError) as exc:
        run_tool(name, **inputs)
    return exc.value


def test_normality_of_a_skewed_column(tips):
    r = run_tool("normality_test", dataset=tips, column="tip")
    w, p = stats.shapiro(tips["tip"])
    k2, p2 = stats.normaltest(tips["tip"])
    assert r.statistics["shapiro_wilk"]["statistic"] == pytest.approx(w, rel=1e-12)
    assert r.p_values["shapiro_wilk"] == pytest.approx(p, rel=1e-9)
    assert r.statistics["dagostino_pearson"]["statistic"] == pytest.approx(k2, rel=1e-12)
    assert r.p_values["dagostino_pearson"] == pytest.approx(p2, rel=1e-9)
    assert r.insights[0].endswith("Normal at the 5 % level: no.")
    assert r.insights[0].startswith(f"Shapiro-Wilk: W = {w:.4g}, p < 0.0001")
    assert r.statistics["skewness"] == pytest.approx(tips["tip"].skew(), rel=1e-12)
    assert r.statistics["excess_kurtosis"] == pytest.approx(tips["tip"].kurt(), rel=1e-12)
    assert list(r.tables["tests"]["normal"]) == ["no", "no"]
    qq = r.plot_data["qq"]
    assert qq["sample"].to_numpy() == pytest.approx(np.sort(tips["tip"]))
    (osm, _), _ = stats.probplot(tips["tip"])
    assert qq["theoretical"].to_numpy() == pytest.approx(
        tips["tip"].mean() + tips["tip"].std() * osm)


def test_normality_of_normal_data_and_the_level():
    x = np.random.default_rng(3).normal(10, 2, 200)
    r = run_tool("normality_test", dataset=[{"x": v} for v in x], column="x")
    w, p = stats.shapiro(x)
    assert p > 0.05 and r.p_values["shapiro_wilk"] == pytest.approx(p, rel=1e-9)
    assert "Normal at the 5 % level: yes" in r.insights[0]
    assert "does not prove" in r.insights[-1]
    # at a level above p the verdict flips
    loose = run_tool("normality_test", dataset=[{"x": v} for v in x], column="x",
                     method="shapiro", confidence=1 - min(0.99, p + 0.01))
    assert "level: no" in loose.insights[0] and len(loose.tables["tests"]) == 1


def test_normality_small_samples_and_methods():
    x = [2.1, 3.4, 1.9, 5.6, 2.2]
    r = run_tool("normality_test", dataset=[{"x": v} for v in x], column="x")
    assert set(r.p_values) == {"shapiro_wilk"}
    assert r.p_values["shapiro_wilk"] == pytest.approx(stats.shapiro(x)[1], rel=1e-9)
    assert any("needs at least 8" in w for w in r.warnings)
    err = _error("normality_test", dataset=[{"x": v} for v in x], column="x",
                 method="dagostino")
    assert "at least 8" in err.message


def test_normality_refusals(tips):
    assert "not numeric" in _error("normality_test", dataset=tips, column="day").message
    assert "tipz" in _error("normality_test", dataset=tips, column="tipz").message
    assert "constant" in _error("normality_test", dataset=[{"x": 1.0}] * 10, column="x").message
    assert "at least 3" in _error("normality_test", dataset=[{"x": 1.0}, {"x": 2.0}],
                                  column="x").message
    assert _error("normality_test", dataset=tips).details["parameter"] == "column"


def test_skewness_kurtosis_matches_pandas_and_scipy(tips):
    r = run_tool("skewness_kurtosis", dataset=tips, column="total_bill")
    x = tips["total_bill"]
    n = len(x)
    assert r.statistics["skewness"] == pytest.approx(x.skew(), rel=1e-12)
    assert r.statistics["excess_kurtosis"] == pytest.approx(x.kurt(), rel=1e-12)
    assert r.statistics["g1"] == pytest.approx(stats.skew(x), rel=1e-12)
    assert r.statistics["g2"] == pytest.approx(stats.kurtosis(x), rel=1e-12)
    ses = np.sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
    assert r.statistics["skewness_se"] == pytest.approx(ses)
    assert r.statistics["kurtosis_se"] == pytest.approx(
        2 * ses * np.sqrt((n * n - 1) / ((n - 3) * (n + 5))))
    z, p = stats.skewtest(x)
    zk, pk = stats.kurtosistest(x)
    assert r.statistics["skewness_z"] == pytest.approx(z, rel=1e-12)
    assert r.p_values["skewness"] == pytest.approx(p, rel=1e-9)
    assert r.statistics["kurtosis_z"] == pytest.approx(zk, rel=1e-12)
    assert r.p_values["kurtosis"] == pytest.approx(pk, rel=1e-9)
    assert "Symmetric at the 5 % level: no, skewed to the right" in r.insights[0]
    assert r.plot_data["distribution"]["total_bill"].tolist() == x.tolist()


def test_skewness_kurtosis_left_skew_and_light_tails():
    x = -np.random.default_rng(1).exponential(1.0, 300)
    r = run_tool("skewness_kurtosis", dataset=pd.DataFrame({"x": x}), column="x")
    assert r.statistics["skewness"] < 0 and "skewed to the left" in r.insights[0]
    u = np.random.default_rng(2).uniform(0, 1, 400)
    ru = run_tool("skewness_kurtosis", dataset=pd.DataFrame({"u": u}), column="u")
    assert ru.statistics["excess_kurtosis"] == pytest.approx(pd.Series(u).kurt())
    assert "lighter tails" in ru.insights[1]
    assert "Symmetric at the 5 % level: yes" in ru.insights[0]


def test_skewness_kurtosis_refusals(tips):
    assert "at least 5" in _error("skewness_kurtosis", dataset=[{"x": v} for v in (1, 2, 4)],
                                  column="x").message
    assert "not numeric" in _error("skewness_kurtosis", dataset=tips, column="sex").message
