"""Hypothesis tools: t_test, anova, chi_square, correlation.

Numbers are checked against R's printed output (the ``sleep`` data) and against independent
implementations (scipy.stats, statsmodels); error cases against the typed errors.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import nbdatachat
from nbdatachat.errors import ColumnNotFound, DataError, InvalidRequest, NbDataChatError
from nbdatachat.tools import list_tools, tool_schema

SLEEP = Path(__file__).parent / "data" / "r_sleep.csv"
HYPOTHESIS_TOOLS = ["t_test", "anova", "chi_square", "correlation"]


def run(name: str, **inputs):
    res = nbdatachat.run_tool(name, **inputs)
    json.dumps(res.to_dict(), allow_nan=False)  # every result is strict JSON
    return res


def r_fmt(x: float, digits: int) -> str:
    """Format like R's print: ``digits`` significant digits."""
    return f"{x:.{digits}g}"


@pytest.fixture(scope="module")
def sleep() -> pd.DataFrame:
    return pd.read_csv(SLEEP)


@pytest.fixture(scope="module")
def tips() -> pd.DataFrame:
    return nbdatachat.catalog.get("tips").frame()


# --- t_test: R's t.test on the sleep data -----------------------------------------------

def test_welch_matches_r_sleep(sleep):
    # R: t.test(extra ~ group, data = sleep)
    # t = -1.8608, df = 17.776, p-value = 0.07939
    # 95 percent confidence interval: -3.3654832  0.2054832; means 0.75 2.33
    st = run("t_test", dataset=sleep, target="extra", group="group").statistics
    assert r_fmt(st["t"], 5) == "-1.8608"
    assert r_fmt(st["df"], 5) == "17.776"
    assert r_fmt(st["p_value"], 4) == "0.07939"
    assert [f"{v:.7f}" for v in st["conf_int"]] == ["-3.3654832", "0.2054832"]
    assert st["groups"]["group=1"]["mean"] == pytest.approx(0.75, abs=1e-15)
    assert st["groups"]["group=2"]["mean"] == pytest.approx(2.33, abs=1e-15)
    assert st["method"] == "Welch's two-sample t-test" and st["significant"] is False


def test_paired_matches_r_sleep_by_subject_and_by_order(sleep):
    # R: t.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE)
    # t = -4.0621, df = 9, p-value = 0.002833; CI -2.4598858 -0.7001142; mean diff -1.58
    by_id = run("t_test", dataset=sleep, target="extra", group="group", paired=True,
                pair_id="ID")
    shuffled = sleep.sample(frac=1, random_state=3)  # pairing by ID survives any row order
    again = run("t_test", dataset=shuffled, target="extra", group="group", paired=True,
                pair_id="ID")
    by_order = run("t_test", dataset=sleep, target="extra", group="group", paired=True)
    for res in (by_id, again, by_order):
        st = res.statistics
        assert r_fmt(st["t"], 5) == "-4.0621" and st["df"] == 9
        assert r_fmt(st["p_value"], 4) == "0.002833"
        assert [f"{v:.7f}" for v in st["conf_int"]] == ["-2.4598858", "-0.7001142"]
        assert st["mean_difference"] == pytest.approx(-1.58, abs=1e-14)
        assert st["significant"] is True
    assert any("order of appearance" in w for w in by_order.warnings)
    assert not by_id.warnings


def test_student_and_one_sample_match_r_sleep(sleep):
    # R: t.test(extra ~ group, data = sleep, var.equal = TRUE)
    # t = -1.8608, df = 18, p-value = 0.07919; CI -3.363874  0.203874
    st = run("t_test", dataset=sleep, target="extra", group="group",
             equal_var=True).statistics
    assert r_fmt(st["t"], 5) == "-1.8608" and st["df"] == 18
    assert r_fmt(st["p_value"], 4) == "0.07919"
    assert [f"{v:.6f}" for v in st["conf_int"]] == ["-3.363874", "0.203874"]
    # R: t.test(sleep$extra): t = 3.413, df = 19, p-value = 0.002918; CI 0.5955845 2.4844155
    st = run("t_test", dataset=sleep, column="extra").statistics
    assert r_fmt(st["t"], 4) == "3.413" and st["df"] == 19
    assert r_fmt(st["p_value"], 4) == "0.002918"
    assert [f"{v:.7f}" for v in st["mean_conf_int"]] == ["0.5955845", "2.4844155"]


def test_seed_style_target_and_features_reads_a_two_level_column_as_group(sleep):
    seed = run("t_test", dataset=sleep.to_dict("records"), target="extra",
               features=["group"]).statistics
    assert r_fmt(seed["t"], 5) == "-1.8608" and r_fmt(seed["df"], 5) == "17.776"
    # groups= picks the order (difference = first - second); numbers match the labels
    flipped = run("t_test", dataset=sleep, target="extra", group="group", groups=[2, 1])
    assert r_fmt(flipped.statistics["t"], 5) == "1.8608"
    assert flipped.statistics["mean_difference"] == pytest.approx(1.58, abs=1e-14)
    assert [r["group"] for r in flipped.to_dict()["groups"]] == ["group=2", "group=1"]


def test_insights_state_direction_size_and_significance(sleep):
    res = run("t_test", dataset=sleep, target="extra", group="group")
    text = " ".join(res.insights)
    assert "lower" in text and "-1.58" in text
    assert "Cohen's d = -0.832, a large effect" in text
    assert "not below alpha = 0.05" in text and "not statistically significant" in text
    assert "prove" not in text.lower()
    paired = " ".join(run("t_test", dataset=sleep, target="extra", group="group", paired=True,
                          pair_id="ID").insights)
    assert "below alpha = 0.05: statistically significant" in paired


# --- t_test: against scipy on generated data -------------------------------------------

@pytest.fixture(scope="module")
def two_samples():
    rng = np.random.default_rng(7)
    a, b = rng.normal(10, 2, 40), rng.normal(11, 3.5, 55)
    frame = pd.DataFrame({"y": np.concatenate([a, b]), "arm": ["ctl"] * 40 + ["trt"] * 55})
    return a, b, frame


@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("equal_var", [False, True])
def test_two_sample_matches_scipy(two_samples, alternative, equal_var):
    a, b, frame = two_samples
    ref = stats.ttest_ind(a, b, equal_var=equal_var, alternative=alternative)
    ci = ref.confidence_interval(0.9)
    st = run("t_test", dataset=frame, target="y", group="arm", equal_var=equal_var,
             alternative=alternative, confidence=0.9).statistics
    assert st["t"] == pytest.approx(ref.statistic, rel=1e-12)
    assert st["df"] == pytest.approx(ref.df, rel=1e-12)
    assert st["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
    for got, want in zip(st["conf_int"], (ci.low, ci.high)):
        assert got == pytest.approx(want, rel=1e-10) if np.isfinite(want) else got == want
    pooled = np.sqrt(((a.size - 1) * a.var(ddof=1) + (b.size - 1) * b.var(ddof=1))
                     / (a.size + b.size - 2))
    assert st["cohens_d"] == pytest.approx((a.mean() - b.mean()) / pooled, rel=1e-12)


def test_paired_columns_and_one_sample_match_scipy(two_samples):
    a, _, _ = two_samples
    rng = np.random.default_rng(8)
    after = a + rng.normal(0.4, 1.0, a.size)
    frame = pd.DataFrame({"before": a, "after": after})
    st = run("t_test", dataset=frame, columns=["before", "after"], paired=True).statistics
    ref = stats.ttest_rel(a, after)
    assert st["t"] == pytest.approx(ref.statistic, rel=1e-12)
    assert st["p_value"] == pytest.approx(ref.pvalue, rel=1e-10)
    d = a - after
    assert st["cohens_d"] == pytest.approx(d.mean() / d.std(ddof=1), rel=1e-12)
    st = run("t_test", dataset=frame, target="before", mu=9.5, alternative="greater").statistics
    ref = stats.ttest_1samp(a, 9.5, alternative="greater")
    assert st["t"] == pytest.approx(ref.statistic, rel=1e-12)
    assert st["p_value"] == pytest.approx(ref.pvalue, rel=1e-10)
    assert st["conf_int"][1] is None or st["conf_int"][1] == float("inf")
    # seed style with a numeric second column = two columns as samples
    seed = run("t_test", dataset=frame, target="before", features=["after"]).statistics
    assert seed["t"] == pytest.approx(stats.ttest_ind(a, after, equal_var=False).statistic)


def test_large_offset_loses_no_digits(two_samples):
    """1e12 + x (as exact decimals) gives the t of x itself; floats at 1e6 nearly so."""
    a, b, frame = two_samples
    base = run("t_test", dataset=frame, target="y", group="arm").statistics
    exact = frame.assign(y=[Decimal("1000000000000") + Decimal(repr(v)) for v in frame["y"]])
    st = run("t_test", dataset=exact, target="y", group="arm").statistics
    assert st["t"] == pytest.approx(base["t"], rel=1e-13)
    assert st["groups"]["arm=ctl"]["mean"] == pytest.approx(1e12 + a.mean(), rel=1e-15)
    shifted = frame.assign(y=frame["y"] + 1e6)
    st = run("t_test", dataset=shifted, target="y", group="arm").statistics
    assert st["t"] == pytest.approx(base["t"], rel=1e-8)


# --- t_test: bad input ---------------------------------------------------------------

def test_t_test_errors_are_typed_and_helpful(sleep, tips):
    with pytest.raises(ColumnNotFound) as err:
        run("t_test", dataset=sleep, target="extr", group="group")
    assert "extra" in err.value.details["available"] and "Did you mean 'extra'" in str(err.value)
    with pytest.raises(DataError, match="not numeric"):
        run("t_test", dataset=tips, target="sex", group="day")
    with pytest.raises(DataError, match="4 levels.*anova") as err:
        run("t_test", dataset=tips, target="tip", group="day")
    assert err.value.details["suggestion"] == "anova"
    with pytest.raises(DataError, match="no level 'Mon'.*Fri, Sat, Sun, Thur"):
        run("t_test", dataset=tips, target="tip", group="day", groups=["Sat", "Mon"])
    one_level = pd.DataFrame({"y": [1.0, 2.0, 3.0], "g": ["a", "a", "a"]})
    with pytest.raises(DataError, match="single level"):
        run("t_test", dataset=one_level, target="y", group="g")
    few = pd.DataFrame({"y": [1.0, 2.0, 3.0], "g": ["a", "a", "b"]})
    with pytest.raises(DataError, match="only 1 usable value") as err:
        run("t_test", dataset=few, target="y", group="g")
    assert err.value.details["required"] == 2
    const = pd.DataFrame({"y": [1.0, 1.0, 2.0, 2.0], "g": ["a", "a", "b", "b"]})
    with pytest.raises(DataError, match="constant.*undefined"):
        run("t_test", dataset=const, target="y", group="g")
    with pytest.raises(DataError, match="all equal"):
        run("t_test", dataset=const.assign(y=5.0), target="y")
    empty = pd.DataFrame({"y": [None, None], "g": ["a", "b"]})
    with pytest.raises(DataError, match="every value is missing"):
        run("t_test", dataset=empty, target="y", group="g")
    with pytest.raises(InvalidRequest, match="alternative"):
        run("t_test", dataset=sleep, target="extra", group="group", alternative="bigger")
    with pytest.raises(InvalidRequest, match="paired=True needs two samples"):
        run("t_test", dataset=sleep, target="extra", paired=True)
    with pytest.raises(InvalidRequest, match="anova"):
        run("t_test", dataset=tips, target="tip", features=["day", "time"])
    uneven = pd.DataFrame({"y": [1.0, 2.0, 3.5, 4.0, 6.0], "g": ["a", "a", "a", "b", "b"]})
    with pytest.raises(DataError, match="same number of values"):
        run("t_test", dataset=uneven, target="y", group="g", paired=True)


def test_error_serializes_to_the_seed_shape(tips):
    with pytest.raises(NbDataChatError) as err:
        run("t_test", dataset=tips, target="tip", group="day")
    body = err.value.to_dict()
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == "INVALID_DATA" and err.value.http_status == 400
    json.dumps(body, allow_nan=False)


def test_missing_rows_are_dropped_and_counted():
    df = pd.DataFrame({"y": [1.0, np.nan, 3.0, 4.0, 6.0, np.inf, 2.0],
                       "g": ["a", "b", "a", "b", "b", "a", None]})
    res = run("t_test", dataset=df, target="y", group="g")
    assert res.n_obs == 4
    assert "Dropped 3 of 7 rows" in res.warnings[0]
    ref = stats.ttest_ind([1.0, 3.0], [4.0, 6.0], equal_var=False)
    assert res.statistics["t"] == pytest.approx(ref.statistic, rel=1e-12)


# --- anova ----------------------------------------------------------------------------

def test_anova_matches_scipy_and_statsmodels(tips):
    import statsmodels.formula.api as smf
    from statsmodels.stats.anova import anova_lm
    from statsmodels.stats.oneway import anova_oneway

    res = run("anova", dataset=tips, target="total_bill", group="day")
    st = res.statistics
    groups = [g["total_bill"].to_numpy() for _, g in tips.groupby("day")]
    ref = stats.f_oneway(*groups)
    assert st["f_statistic"] == pytest.approx(ref.statistic, rel=1e-12)
    assert st["p_value"] == pytest.approx(ref.pvalue, rel=1e-10)
    table = anova_lm(smf.ols("total_bill ~ C(day)", data=tips).fit())
    assert st["ss_between"] == pytest.approx(table["sum_sq"].iloc[0], rel=1e-11)
    assert st["ss_within"] == pytest.approx(table["sum_sq"].iloc[1], rel=1e-11)
    assert (st["df_between"], st["df_within"]) == (3, 240)
    assert st["eta_squared"] == pytest.approx(st["ss_between"] / (st["ss_between"]
                                                                  + st["ss_within"]))
    welch = anova_oneway(groups, use_var="unequal")
    assert st["welch_f"] == pytest.approx(welch.statistic, rel=1e-10)
    assert st["welch_p_value"] == pytest.approx(welch.pvalue, rel=1e-8)
    lev = stats.levene(*groups, center="median")
    assert st["levene_p_value"] == pytest.approx(lev.pvalue, rel=1e-10)
    out = res.to_dict()
    means = tips.groupby("day")["total_bill"].agg(["mean", "count"])
    for row in out["groups"]:
        assert row["mean"] == pytest.approx(means.loc[row["group"], "mean"], rel=1e-13)
        assert row["n"] == means.loc[row["group"], "count"]
        assert row["ci_low"] < row["mean"] < row["ci_high"]
    assert [r["source"] for r in out["anova_table"]] == ["Between groups", "Within groups",
                                                         "Total"]
    assert "significant" in " ".join(res.insights) and "eta squared" in " ".join(res.insights)
    seed = run("anova", dataset=tips, target="total_bill", features=["day"]).statistics
    assert seed["f_statistic"] == st["f_statistic"]


def test_anova_warns_when_variances_differ():
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"y": np.concatenate([rng.normal(0, 0.5, 40), rng.normal(0.3, 4, 40),
                                            rng.normal(0.1, 1, 40)]),
                       "g": np.repeat(["a", "b", "c"], 40)})
    res = run("anova", dataset=df, target="y", group="g")
    assert res.statistics["levene_p_value"] < 0.05
    assert any("variances differ" in w and "Welch" in w for w in res.warnings)
    calm = run("anova", dataset=df.assign(y=rng.normal(0, 1, 120)), target="y", group="g")
    assert not any("variances differ" in w for w in calm.warnings)


def test_anova_bad_input():
    df = pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "g": ["a", "a", "b", "b"],
                       "k": ["x", "x", "x", "x"]})
    with pytest.raises(DataError, match="single level"):
        run("anova", dataset=df, target="y", group="k")
    with pytest.raises(DataError, match="within-group variance is zero"):
        run("anova", dataset=df.assign(y=[1.0, 1.0, 2.0, 2.0]), target="y", group="g")
    with pytest.raises(DataError, match="constant"):
        run("anova", dataset=df.assign(y=3.0), target="y", group="g")
    with pytest.raises(DataError, match="single value"):
        run("anova", dataset=df.assign(g=["a", "b", "c", "d"]), target="y", group="g")
    with pytest.raises(InvalidRequest, match="group"):
        run("anova", dataset=df, target="y")
    with pytest.raises(DataError, match="not numeric"):
        run("anova", dataset=df, target="k", group="g")


# --- chi_square -----------------------------------------------------------------------

def test_chi_square_matches_scipy(tips):
    res = run("chi_square", dataset=tips, row="day", column="time")
    observed = pd.crosstab(tips["day"], tips["time"])
    ref = stats.chi2_contingency(observed.to_numpy())
    st = res.statistics
    assert st["chi2"] == pytest.approx(ref.statistic, rel=1e-12)
    assert st["dof"] == ref.dof and st["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)
    assert st["cramers_v"] == pytest.approx(
        stats.contingency.association(observed.to_numpy(), method="cramer"), rel=1e-12)
    out = res.to_dict()
    table = {r["day"]: r for r in out["contingency_table"]}
    assert table["Sat"]["Dinner"] == observed.loc["Sat", "Dinner"]
    expected = {r["day"]: r for r in out["expected_counts"]}
    assert expected["Thur"]["Lunch"] == pytest.approx(
        ref.expected_freq[list(observed.index).index("Thur"), 1])
    assert "strong association" in res.insights[0]
    assert st["min_expected"] == pytest.approx(ref.expected_freq.min())  # 5.3: no warning
    assert not res.warnings
    plain = run("chi_square", dataset=tips, features=["sex", "smoker"], correction=False)
    ref = stats.chi2_contingency(pd.crosstab(tips["sex"], tips["smoker"]).to_numpy(),
                                 correction=False)
    assert plain.statistics["chi2"] == pytest.approx(ref.statistic, rel=1e-12)


def test_small_2x2_uses_fisher_exact():
    rows = ([("drug", "cured")] * 7 + [("drug", "not")] * 1 + [("placebo", "cured")] * 2
            + [("placebo", "not")] * 6)
    df = pd.DataFrame(rows, columns=["arm", "outcome"])
    res = run("chi_square", dataset=df, target="arm", features=["outcome"])
    ref = stats.fisher_exact([[7, 1], [2, 6]])
    assert res.statistics["fisher_p_value"] == pytest.approx(ref.pvalue, rel=1e-12)
    assert res.statistics["odds_ratio"] == pytest.approx(ref.statistic)
    assert res.statistics["test_used"] == "fisher_exact"
    assert res.p_values["independence"] == res.statistics["fisher_p_value"]
    assert any("Fisher's exact test is reported" in w for w in res.warnings)
    assert "Fisher's exact test" in " ".join(res.insights)


def test_chi_square_bad_input(tips):
    with pytest.raises(DataError, match="too many categories"):
        run("chi_square", dataset=tips, row="sex", column="total_bill")
    with pytest.raises(InvalidRequest, match="two different"):
        run("chi_square", dataset=tips, row="sex", column="sex")
    with pytest.raises(InvalidRequest, match="two categorical columns"):
        run("chi_square", dataset=tips, row="sex")
    with pytest.raises(DataError, match="single category"):
        run("chi_square", dataset=tips.assign(k="x"), row="sex", column="k")
    with pytest.raises(ColumnNotFound):
        run("chi_square", dataset=tips, row="sex", column="smokers")


# --- correlation ----------------------------------------------------------------------

@pytest.mark.parametrize("method,ref_fn", [("pearson", stats.pearsonr),
                                           ("spearman", stats.spearmanr),
                                           ("kendall", stats.kendalltau)])
def test_correlation_pairs_match_scipy(tips, method, ref_fn):
    res = run("correlation", dataset=tips, features=["total_bill", "tip", "size"],
              method=method)
    pairs = {(r["var1"], r["var2"]): r for r in res.to_dict()["pairs"]}
    for (a, b), row in pairs.items():
        ref = ref_fn(tips[a], tips[b])
        assert row["r"] == pytest.approx(ref.statistic, rel=1e-12)
        assert row["p_value"] == pytest.approx(ref.pvalue, rel=1e-7)
        assert row["n"] == len(tips)
    matrix = {r["column"]: r for r in res.to_dict()["matrix"]}
    assert matrix["tip"]["total_bill"] == pairs[("total_bill", "tip")]["r"]
    assert matrix["tip"]["tip"] == 1.0
    assert "'total_bill' and 'tip'" in res.insights[0]  # the strongest pair first


def test_two_column_pearson_gives_fisher_z_interval(tips):
    res = run("correlation", dataset=tips, features=["total_bill", "tip"], confidence=0.9)
    ref = stats.pearsonr(tips["total_bill"], tips["tip"])
    ci = ref.confidence_interval(0.9)
    assert res.statistics["r"] == pytest.approx(ref.statistic, rel=1e-12)
    assert res.statistics["conf_int"] == pytest.approx([ci.low, ci.high], rel=1e-10)
    assert "strongly positively correlated" in res.insights[0]
    assert "causation" in res.insights[-1]


def test_correlation_pairwise_missing_and_holm():
    from statsmodels.stats.multitest import multipletests

    rng = np.random.default_rng(4)
    df = pd.DataFrame(rng.normal(size=(60, 4)), columns=list("abcd"))
    df["b"] += df["a"] * 0.8
    df.loc[:9, "c"] = np.nan
    res = run("correlation", dataset=df.assign(label="x"))
    pairs = pd.DataFrame(res.to_dict()["pairs"])
    assert set(pairs["n"]) == {60, 50}
    ac = pairs[(pairs["var1"] == "a") & (pairs["var2"] == "c")].iloc[0]
    ok = df["c"].notna()
    assert ac["r"] == pytest.approx(stats.pearsonr(df["a"][ok], df["c"][ok]).statistic)
    assert pairs["p_holm"].to_numpy() == pytest.approx(
        multipletests(pairs["p_value"], method="holm")[1])
    assert any("Skipped non-numeric" in w for w in res.warnings)
    assert any("Missing values in 'c' (10)" in w for w in res.warnings)


def test_correlation_target_first_even_when_also_listed(tips):
    res = run("correlation", dataset=tips, target="tip", features=["tip", "total_bill", "size"])
    assert [r["column"] for r in res.to_dict()["matrix"]] == ["tip", "total_bill", "size"]
    assert all("'tip'" in line for line in res.insights[:2])  # insights about the target


def test_correlation_bad_input(tips):
    with pytest.raises(DataError, match="constant"):
        run("correlation", dataset=tips.assign(k=1.0), features=["tip", "k"])
    with pytest.raises(DataError, match="not numeric"):
        run("correlation", dataset=tips, features=["tip", "sex"])
    with pytest.raises(InvalidRequest, match="at least two"):
        run("correlation", dataset=tips, features=["tip"])
    with pytest.raises(DataError, match="fewer than two numeric"):
        run("correlation", dataset=tips[["tip", "sex"]])
    with pytest.raises(InvalidRequest, match="listed twice"):
        run("correlation", dataset=tips, features=["tip", "size", "tip"])
    with pytest.raises(InvalidRequest, match="kendall"):
        run("correlation", dataset=tips, method="kendal")


# --- registry, jobs and HTTP ----------------------------------------------------------

@pytest.mark.parametrize("name", HYPOTHESIS_TOOLS)
def test_tools_are_listed_and_their_examples_run(name):
    assert name in {t["name"] for t in list_tools()}
    schema = tool_schema(name)
    example = dict(schema["example_input"]["taskList"]["inputs"])
    assert example.pop("name") == name
    res = run(name, **example)
    assert res.model_type == name and res.insights and res.to_dict()["performance"]


def test_job_runner_runs_t_test(sleep):
    from nbdatachat.jobs import JobRunner

    runner = JobRunner()
    job = runner.submit("t_test", {"dataset": sleep.to_dict("records"), "target": "extra",
                                   "group": "group"}, background=False)
    body = job.to_dict()
    assert body["status"] == "success"
    assert r_fmt(body["result"]["statistics"]["t"], 5) == "-1.8608"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from server_helpers import start_server

    srv = start_server(tmp_path_factory.mktemp("hypothesis"))
    yield srv
    srv.stop()


@pytest.mark.slow
def test_http_t_test_and_error(server, sleep):
    import httpx

    body = {"taskList": {"inputs": {"name": "t_test", "dataset": sleep.to_dict("records"),
                                    "target": "extra", "group": "group", "paired": True,
                                    "pair_id": "ID"}}}
    r = httpx.post(f"{server.base_url}/tools/run", json=body, headers=server.headers,
                   timeout=60)
    assert r.status_code == 200, r.text
    st = r.json()["result"]["statistics"]
    assert r_fmt(st["t"], 5) == "-4.0621" and r_fmt(st["p_value"], 4) == "0.002833"
    body["taskList"]["inputs"].update(name="t_test", group="ID", paired=False)
    r = httpx.post(f"{server.base_url}/tools/run", json=body, headers=server.headers,
                   timeout=60)
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "INVALID_DATA" and "anova" in err["message"]
