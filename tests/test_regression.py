"""Regression tools: numbers checked against statsmodels / scikit-learn / brute force,
the seed's result shape, insights that never overclaim, and clear errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import nbdatachat
from nbdatachat.errors import ColumnNotFound, DataError, InvalidRequest, NbDataChatError


def run(name: str, **inputs):
    return nbdatachat.run_tool(name, **inputs)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    """200 rows: sales depends on marketing (+) and price (-), not on noise; a category."""
    rng = np.random.default_rng(42)
    n = 200
    marketing = rng.uniform(10, 100, n)
    price = rng.uniform(20, 40, n)
    noise = rng.normal(0, 1, n)
    region = rng.choice(["East", "North", "West"], n)
    sales = (50 + 1.9 * marketing - 3.0 * price + np.where(region == "West", 12.0, 0.0)
             + rng.normal(0, 8, n))
    return pd.DataFrame({"sales": sales, "marketing": marketing, "price": price,
                         "noise": noise, "region": region})


def _sm():
    import statsmodels.api as sm

    return sm


def _close(a, b, rtol=1e-9, atol=0.0):
    np.testing.assert_allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float),
                               rtol=rtol, atol=atol)


# -- the seed example ----------------------------------------------------------------------

def test_seed_example_shape_and_exact_fit(seed_dataset):
    result = run("linear_regression", dataset=seed_dataset, target="sales",
                 features=["marketing", "price"])
    out = result.to_dict()
    text = json.dumps(out, allow_nan=False)  # must not contain NaN/inf
    assert json.loads(text)["model_type"] == "linear_regression"
    assert {"model_type", "performance", "coefficients", "insights"} <= set(out)
    # sales = 2 * marketing exactly in the three rows: an exact fit with 0 residual df
    assert out["coefficients"]["marketing"] == pytest.approx(2.0, rel=1e-12)
    assert abs(out["coefficients"]["price"]) < 1e-9
    assert abs(out["coefficients"]["intercept"]) < 1e-7
    assert out["performance"]["r_squared"] == pytest.approx(1.0)
    assert out["performance"]["mse"] == pytest.approx(0.0, abs=1e-20)
    assert out["std_errors"] == {"marketing": None, "price": None, "intercept": None}
    assert out["p_values"]["marketing"] is None and out["conf_int"]["price"] is None
    assert out["n_obs"] == 3
    assert any("no residual degrees of freedom" in w for w in out["warnings"])
    joined = " ".join(out["insights"])
    assert "exactly" in joined and "cannot be assessed" in joined
    assert "statistically significant" not in joined.replace("cannot be assessed", "")
    assert "price shows no association" in joined


def test_registry_lists_tools_and_examples_run():
    names = {t["name"] for t in nbdatachat.list_tools()}
    assert {"linear_regression", "ridge_regression", "lasso_regression",
            "logistic_regression"} <= names
    for name in ("linear_regression", "ridge_regression", "lasso_regression",
                 "logistic_regression"):
        schema = nbdatachat.tool_schema(name)
        example = dict(schema["example_input"]["taskList"]["inputs"])
        assert example.pop("name") == name
        json.dumps(run(name, **example).to_dict(), allow_nan=False)


# -- linear regression numbers --------------------------------------------------------------

def test_linear_matches_statsmodels(data):
    sm = _sm()
    feats = ["marketing", "price", "noise"]
    res = run("linear_regression", dataset=data, target="sales", features=feats)
    ref = sm.OLS(data["sales"], sm.add_constant(data[feats])).fit()
    names = ["intercept", *feats]
    ref_names = ["const", *feats]
    _close([res.coefficients[n] for n in names], ref.params[ref_names])
    _close([res.std_errors[n] for n in names], ref.bse[ref_names])
    _close([res.p_values[n] for n in names], ref.pvalues[ref_names], rtol=1e-7, atol=1e-300)
    ci = ref.conf_int()
    _close([res.conf_int[n] for n in names], ci.loc[ref_names].to_numpy())
    perf = res.performance
    _close([perf["r_squared"], perf["adj_r_squared"], perf["aic"], perf["bic"],
            perf["f_statistic"], perf["log_likelihood"], perf["residual_std_error"] ** 2,
            perf["mse"]],
           [ref.rsquared, ref.rsquared_adj, ref.aic, ref.bic, ref.fvalue, ref.llf,
            ref.mse_resid, ref.ssr / ref.nobs])
    assert perf["f_p_value"] == pytest.approx(ref.f_pvalue, rel=1e-6, abs=1e-300)
    assert res.n_obs == 200 and res.warnings == []
    # VIF from the solver's R factor equals the textbook 1 / (1 - R_j^2)
    from statsmodels.stats.outliers_influence import variance_inflation_factor

    exog = sm.add_constant(data[feats]).to_numpy()
    _close([res.statistics["vif"][f] for f in feats],
           [variance_inflation_factor(exog, i) for i in range(1, 4)], rtol=1e-8)
    table = res.tables["coefficient_table"]
    assert list(table["term"]) == [*feats, "intercept"]
    assert table.loc[table.term == "price", "t_value"].item() == pytest.approx(
        ref.tvalues["price"], rel=1e-9)


def test_linear_without_intercept_matches_statsmodels(data):
    sm = _sm()
    res = run("linear_regression", dataset=data, target="sales",
              features=["marketing", "price"], fit_intercept=False)
    ref = sm.OLS(data["sales"], data[["marketing", "price"]]).fit()
    assert "intercept" not in res.coefficients
    _close([res.coefficients["marketing"], res.coefficients["price"]], ref.params)
    _close([res.std_errors["marketing"], res.std_errors["price"]], ref.bse)
    assert res.performance["r_squared"] == pytest.approx(ref.rsquared, rel=1e-10)  # uncentered
    assert res.performance["f_statistic"] == pytest.approx(ref.fvalue, rel=1e-9)
    assert "around zero" in res.insights[0]


def test_categorical_feature_is_encoded_against_baseline(data):
    sm = _sm()
    res = run("linear_regression", dataset=data, target="sales",
              features=["marketing", "region"])
    dummies = pd.get_dummies(data["region"], drop_first=True, dtype=float)
    exog = sm.add_constant(pd.concat([data[["marketing"]], dummies], axis=1))
    ref = sm.OLS(data["sales"], exog).fit()
    _close([res.coefficients["region[North]"], res.coefficients["region[West]"]],
           [ref.params["North"], ref.params["West"]])
    assert any("baseline 'East'" in w for w in res.warnings)
    west = next(s for s in res.insights if "region = West" in s)
    assert "more sales than rows with region = East" in west
    assert "statistically significant at the 5% level" in west  # true effect is +12


def test_insights_direction_significance_and_no_causal_language(data):
    res = run("linear_regression", dataset=data, target="sales",
              features=["marketing", "price", "noise"])
    text = " ".join(res.insights)
    mk = next(s for s in res.insights if s.startswith("Each extra unit of marketing"))
    pr = next(s for s in res.insights if s.startswith("Each extra unit of price"))
    nz = next(s for s in res.insights if s.startswith("Each extra unit of noise"))
    coef = res.coefficients["marketing"]
    assert f"associated with {coef:.3g} more sales" in mk
    assert "holding price and noise constant" in mk
    assert "less sales" in pr and "this is statistically significant" in pr
    assert res.p_values["noise"] >= 0.05
    assert "not statistically significant" in nz
    assert "cause" not in text.lower()
    r2 = res.performance["r_squared"]
    assert f"explains {r2 * 100:.0f}% of the variation in sales" in res.insights[0]


def test_dropped_rows_counted_and_fit_equals_clean_rows(data):
    dirty = data[["sales", "marketing", "price"]].copy()
    dirty.loc[[3, 10], "marketing"] = np.nan
    dirty.loc[20, "price"] = np.inf
    dirty.loc[30, "sales"] = np.nan
    res = run("linear_regression", dataset=dirty, target="sales",
              features=["marketing", "price"])
    assert res.n_obs == 196
    assert any("Dropped 4 of 200 rows" in w and "infinite" in w for w in res.warnings)
    clean = dirty.drop(index=[3, 10, 20, 30])
    ref = run("linear_regression", dataset=clean, target="sales",
              features=["marketing", "price"])
    _close([res.coefficients[k] for k in ref.coefficients], list(ref.coefficients.values()),
           rtol=1e-13)
    fitted = res.plot_data["fitted"]
    assert len(fitted) == 196 and 3 not in fitted.index
    _close(fitted["actual"] - fitted["fitted"], fitted["residual"], rtol=0, atol=1e-9)
    assert abs(fitted["residual"].sum()) < 1e-8  # intercept makes residuals sum to zero


def test_collinearity_warning_from_vif():
    rng = np.random.default_rng(1)
    x1 = rng.normal(size=100)
    df = pd.DataFrame({"x1": x1, "x2": x1 + rng.normal(scale=0.01, size=100),
                       "y": x1 + rng.normal(size=100)})
    res = run("linear_regression", dataset=df, target="y", features=["x1", "x2"])
    assert res.statistics["vif"]["x2"] > 1000
    assert any("near-singular" in w for w in res.warnings)
    ok = run("linear_regression", dataset=df, target="y", features=["x1"])
    assert not any("correlated" in w or "singular" in w for w in ok.warnings)


def test_small_sample_warning(data):
    res = run("linear_regression", dataset=data.head(8), target="sales",
              features=["marketing", "price"])
    assert any(w.startswith("Small sample: 8 rows for 3 coefficients (5 residual") for w in
               res.warnings)


# -- bad input ------------------------------------------------------------------------------

def _error(name="linear_regression", **inputs) -> NbDataChatError:
    with pytest.raises(NbDataChatError) as info:
        run(name, **inputs)
    err = info.value
    payload = err.to_dict()
    assert set(payload["error"]) == {"code", "message", "details"}
    json.dumps(payload)
    return err


def test_unknown_column_lists_available(data):
    err = _error(dataset=data, target="sales", features=["marketting"])
    assert isinstance(err, ColumnNotFound)
    assert "Did you mean 'marketing'" in err.message
    assert "Available columns: sales, marketing, price, noise, region" in err.message
    err = _error("logistic_regression", dataset=data, target="salez", features=["price"])
    assert isinstance(err, ColumnNotFound) and "Available columns" in err.message


def test_non_numeric_target(data):
    err = _error(dataset=data, target="region", features=["price"])
    assert isinstance(err, DataError) and "not numeric" in err.message


def test_too_few_rows(data):
    err = _error(dataset=data.head(2), target="sales", features=["price"])
    assert "Only 2 usable rows" in err.message
    err = _error(dataset=data.head(3), target="sales", features=["marketing", "price",
                                                                 "noise"])
    assert "Only 3 usable rows for 4 coefficients" in err.message


def test_constant_duplicated_and_dependent_features(data):
    df = data[["sales", "marketing", "price"]].assign(const=5.0,
                                                      copy_mk=data["marketing"],
                                                      total=data["marketing"] + data["price"])
    err = _error(dataset=df, target="sales", features=["marketing", "const"])
    assert "'const' is constant" in err.message
    err = _error(dataset=df, target="sales", features=["marketing", "marketing"])
    assert isinstance(err, InvalidRequest) and "listed twice" in err.message
    err = _error(dataset=df, target="sales", features=["marketing", "copy_mk"])
    assert "identical values" in err.message
    err = _error(dataset=df, target="sales", features=["marketing", "price", "total"])
    assert "'total' is an exact linear combination of 'intercept', 'marketing', 'price'" \
        in err.message
    assert err.details["column"] == "total"


def test_all_missing(data):
    df = data[["sales"]].assign(x=np.nan)
    err = _error(dataset=df, target="sales", features=["x"])
    assert "Every row has a missing" in err.message


def test_bad_option_is_invalid_request(data):
    err = _error(dataset=data, target="sales", features=["price"], confidence_level=1.5)
    assert err.code == "INVALID_REQUEST" and "confidence_level" in err.message
    err = _error("ridge_regression", dataset=data, target="sales", features=["price"],
                 alpha=-1)
    assert "alpha" in err.message


# -- ridge ----------------------------------------------------------------------------------

def test_ridge_fixed_alpha_matches_sklearn(data):
    from sklearn.linear_model import Ridge

    feats = ["marketing", "price", "noise"]
    X = data[feats].to_numpy()
    y = data["sales"].to_numpy()
    raw = run("ridge_regression", dataset=data, target="sales", features=feats, alpha=500.0,
              standardize=False)
    ref = Ridge(alpha=500.0).fit(X, y)
    _close([raw.coefficients[f] for f in feats], ref.coef_, rtol=1e-9)
    assert raw.coefficients["intercept"] == pytest.approx(ref.intercept_, rel=1e-9)
    # standardize=True is sklearn's Ridge on z-scores, mapped back to original units
    std = run("ridge_regression", dataset=data, target="sales", features=feats, alpha=20.0)
    sd = X.std(axis=0)
    ref = Ridge(alpha=20.0).fit((X - X.mean(0)) / sd, y)
    _close([std.coefficients[f] for f in feats], ref.coef_ / sd, rtol=1e-9)
    assert std.performance["r_squared"] == pytest.approx(
        ref.score((X - X.mean(0)) / sd, y), rel=1e-10)
    assert std.std_errors == {} and std.p_values == {}
    assert "standard errors" in std.to_dict()["inference_note"]
    assert "statistically significant" not in " ".join(std.insights)


def test_ridge_loo_alpha_matches_brute_force(data):
    from sklearn.linear_model import Ridge

    small = data.head(40)
    feats = ["marketing", "price", "noise"]
    grid = [0.01, 0.3, 3.0, 30.0, 300.0]
    res = run("ridge_regression", dataset=small, target="sales", features=feats, alphas=grid)
    X = small[feats].to_numpy()
    X = (X - X.mean(0)) / X.std(0)
    y = small["sales"].to_numpy()
    loo = []
    for a in grid:
        errs = [y[i] - Ridge(alpha=a).fit(np.delete(X, i, 0), np.delete(y, i)).predict(
            X[i:i + 1])[0] for i in range(len(y))]
        loo.append(np.mean(np.square(errs)))
    assert res.performance["alpha"] == grid[int(np.argmin(loo))]
    assert res.performance["loo_mse"] == pytest.approx(min(loo), rel=1e-9)
    assert "Leave-one-out cross-validation chose alpha" in " ".join(res.insights)


# -- lasso ----------------------------------------------------------------------------------

def test_lasso_fixed_alpha_matches_sklearn_and_drops(data):
    from sklearn.linear_model import Lasso

    feats = ["marketing", "price", "noise"]
    res = run("lasso_regression", dataset=data, target="sales", features=feats, alpha=1.0)
    X = data[feats].to_numpy()
    sd = X.std(0)
    ref = Lasso(alpha=1.0, tol=1e-12, max_iter=100_000).fit((X - X.mean(0)) / sd,
                                                           data["sales"])
    _close([res.coefficients[f] for f in feats], ref.coef_ / sd, rtol=1e-6, atol=1e-9)
    assert res.coefficients["noise"] == 0.0 and ref.coef_[2] == 0.0
    out = res.to_dict()
    assert out["dropped_features"] == ["noise"]
    assert out["selected_features"] == ["marketing", "price"]
    assert "set 1 of 3 coefficients to exactly zero (noise)" in " ".join(res.insights)
    assert res.std_errors == {}


def test_lasso_cv_is_deterministic_and_matches_refits(data):
    from sklearn.linear_model import Lasso

    feats = ["marketing", "price", "noise"]
    a = run("lasso_regression", dataset=data, target="sales", features=feats)
    b = run("lasso_regression", dataset=data, target="sales", features=feats)
    assert a.performance["alpha"] == b.performance["alpha"]
    alpha = a.performance["alpha"]
    # Same folds (seed 0), global standardization, refit per fold with sklearn.
    X = data[feats].to_numpy()
    X = (X - X.mean(0)) / X.std(0)
    y = data["sales"].to_numpy()
    perm = np.random.default_rng(0).permutation(len(y))
    mses = []
    for idx in np.array_split(perm, 5):
        train = np.setdiff1d(np.arange(len(y)), idx)
        m = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X[train], y[train])
        mses.append(np.mean((y[idx] - m.predict(X[idx])) ** 2))
    assert a.performance["cv_mse"] == pytest.approx(np.mean(mses), rel=1e-5)
    assert a.statistics["cv_folds"] == 5 and a.statistics["random_state"] == 0


# -- logistic -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def churn() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 300
    tenure = rng.uniform(0, 60, n)
    spend = rng.normal(50, 15, n)
    plan = rng.choice(["basic", "pro"], n)
    eta = 1.5 - 0.06 * tenure + 0.01 * spend + np.where(plan == "pro", -0.8, 0.0)
    churned = rng.uniform(size=n) < 1 / (1 + np.exp(-eta))
    return pd.DataFrame({"churn": np.where(churned, "yes", "no"), "tenure": tenure,
                         "spend": spend, "plan": plan, "flag": churned})


def test_logistic_matches_statsmodels(churn):
    sm = _sm()
    from sklearn.metrics import log_loss, roc_auc_score

    res = run("logistic_regression", dataset=churn, target="churn",
              features=["tenure", "spend"])
    y = (churn["churn"] == "yes").astype(float)
    ref = sm.Logit(y, sm.add_constant(churn[["tenure", "spend"]])).fit(disp=0)
    names, ref_names = ["intercept", "tenure", "spend"], ["const", "tenure", "spend"]
    _close([res.coefficients[n] for n in names], ref.params[ref_names], rtol=1e-7)
    _close([res.std_errors[n] for n in names], ref.bse[ref_names], rtol=1e-6)
    _close([res.p_values[n] for n in names], ref.pvalues[ref_names], rtol=1e-5)
    _close([res.conf_int[n] for n in names], ref.conf_int().loc[ref_names].to_numpy(),
           rtol=1e-6)
    perf = res.performance
    assert perf["log_likelihood"] == pytest.approx(ref.llf, rel=1e-10)
    assert perf["pseudo_r_squared"] == pytest.approx(ref.prsquared, rel=1e-8)
    assert perf["aic"] == pytest.approx(ref.aic, rel=1e-10)
    assert perf["llr_p_value"] == pytest.approx(ref.llr_pvalue, rel=1e-6, abs=1e-300)
    prob = ref.predict()
    assert perf["auc"] == pytest.approx(roc_auc_score(y, prob), rel=1e-12)
    assert perf["log_loss"] == pytest.approx(log_loss(y, prob), rel=1e-8)
    assert perf["accuracy"] == pytest.approx(np.mean((prob >= 0.5) == (y == 1)))
    odds = res.statistics["odds_ratios"]["tenure"]
    assert odds == pytest.approx(np.exp(ref.params["tenure"]), rel=1e-7)
    sentence = next(s for s in res.insights if "tenure" in s)
    assert "multiplies the odds of churn = yes by" in sentence
    assert "lower" in sentence and "this is statistically significant" in sentence
    assert "versus no" in res.insights[0]


def test_logistic_bool_target_categorical_feature_and_positive_class(churn):
    a = run("logistic_regression", dataset=churn, target="flag",
            features=["tenure", "plan"])
    b = run("logistic_regression", dataset=churn, target="churn",
            features=["tenure", "plan"])
    _close(list(a.coefficients.values()), list(b.coefficients.values()), rtol=1e-10)
    assert a.statistics["event"] == "True" and "plan[pro]" in a.coefficients
    c = run("logistic_regression", dataset=churn, target="churn",
            features=["tenure", "plan"], positive_class="no")
    _close([c.coefficients["tenure"]], [-b.coefficients["tenure"]], rtol=1e-9)


def test_logistic_errors(churn):
    three = churn.assign(level=np.resize(["a", "b", "c"], len(churn)))
    err = _error("logistic_regression", dataset=three, target="level", features=["tenure"])
    assert "3 classes ('a', 'b', 'c')" in err.message and "positive_class" in err.message
    one_vs_rest = run("logistic_regression", dataset=three, target="level",
                      features=["tenure"], positive_class="a")
    assert one_vs_rest.statistics["reference"] == "not a"
    sep = pd.DataFrame({"x": [1, 2, 3, 4, 5, 6, 7, 8], "z": [3, 1, 4, 1, 5, 9, 2, 6],
                        "y": [0, 0, 0, 0, 1, 1, 1, 1]})
    err = _error("logistic_regression", dataset=sep, target="y", features=["x", "z"])
    assert "'x' alone separate" in err.message and err.details["column"] == "x"
    # separated by a combination of features, not by either one alone
    combo = pd.DataFrame({"a": [0, 1, 2, 3, 0, 1, 2, 3], "b": [0, 1, 1, 2, 3, 2, 3, 4],
                          "y": [0, 0, 0, 0, 1, 1, 1, 1]})
    err = _error("logistic_regression", dataset=combo, target="y", features=["a", "b"])
    assert "separate the two classes" in err.message
    err = _error("logistic_regression", dataset=churn.assign(one="x"), target="one",
                 features=["tenure"])
    assert "single value" in err.message
    err = _error("logistic_regression", dataset=churn, target="churn", features=["tenure"],
                 positive_class="maybe")
    assert "'maybe' does not occur" in err.message


# -- import cost ----------------------------------------------------------------------------

def test_regression_module_imports_no_heavy_library():
    code = ("import sys, nbdatachat.tools.regression, nbdatachat.tools.linalg; "
            "print(sorted(m for m in ('statsmodels', 'sklearn', 'scipy', 'plotly') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
