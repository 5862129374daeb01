"""The tall-data paths of the regression tools and of ``prepare``: zero-copy columns, the
finite check on column sums, constant/duplicate detection by candidates, blocked centered
moments, Gram-matrix residuals, lazily built plot data and the blocked logistic IRLS.

Every fast path is checked against a plain computation (numpy, scikit-learn, statsmodels)
on data large enough to span several blocks, and on the edge cases where a shortcut could
go wrong (huge offsets, near-constant columns, columns equal only in their first rows,
sums that overflow, near-perfect fits).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import nbdatachat
from nbdatachat.errors import DataError
from nbdatachat.tools import linalg
from nbdatachat.tools.prepare import build_design, design_columns

N_BIG = 3 * linalg.BLOCK_ROWS + 123  # several blocks plus a ragged last one


def _close(a, b, rtol=1e-9, atol=0.0):
    np.testing.assert_allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float),
                               rtol=rtol, atol=atol)


@pytest.fixture(scope="module")
def tall() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n, p = N_BIG, 6
    X = rng.normal(size=(n, p)) * np.arange(1, p + 1) + np.arange(p) * 10.0
    beta = np.array([1.5, -2.0, 0.0, 0.7, 0.0, -0.3])
    y = 3.0 + X @ beta + rng.normal(scale=2.0, size=n)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)])
    df["y"] = y
    df["event"] = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X[:, 0] - X[:, 1] / 2)))).astype(int)
    return df


FEATS = [f"x{j}" for j in range(6)]


# -- prepare: same rows, values and messages as a plain computation -------------------------

def _plain_design(frame: pd.DataFrame, target: str, features: list[str]):
    X = np.column_stack([frame[f].to_numpy(dtype=float, na_value=np.nan) for f in features])
    y = frame[target].to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(X).all(axis=1) & np.isfinite(y)
    return X[ok], y[ok], frame.index[ok], int((~ok).sum())


def test_design_matches_plain_computation_with_missing_inf_ints_bools_and_nullable():
    rng = np.random.default_rng(3)
    n = 500
    df = pd.DataFrame({
        "y": rng.normal(size=n), "a": rng.normal(size=n),
        "b": rng.integers(0, 50, n), "c": rng.uniform(size=n) < 0.5,
        "d": pd.array(rng.integers(0, 9, n), dtype="Int64"),
    }, index=pd.RangeIndex(1000, 1000 + n))
    df.loc[1003, "a"] = np.nan
    df.loc[1010, "y"] = np.inf
    df.loc[1020, "d"] = pd.NA
    df.loc[1030, "a"] = -np.inf
    feats = ["a", "b", "c", "d"]
    design = build_design(df, "y", feats)
    X, y, index, dropped = _plain_design(df, "y", feats)
    assert design.n_dropped == dropped == 4
    np.testing.assert_array_equal(design.X, X)
    np.testing.assert_array_equal(design.y, y)
    assert list(design.index) == list(index) and 1003 not in design.index
    assert design.warnings == [("Dropped 4 of 500 rows with missing or infinite values in "
                                "the chosen columns.")]
    assert design.X.flags.f_contiguous and design.X.flags.writeable
    # only NaN (no inf): the message says "missing values"
    clean = df.replace([np.inf, -np.inf], 0.0)
    assert build_design(clean, "y", feats).warnings == [
        "Dropped 2 of 500 rows with missing values in the chosen columns."]


def test_float_columns_are_read_in_place_and_the_matrix_is_a_copy(tall):
    cols = design_columns(tall, "y", FEATS)
    assert all(np.shares_memory(c, tall[f].to_numpy()) for c, f in zip(cols.columns, FEATS))
    assert np.shares_memory(cols.y, tall["y"].to_numpy())
    _close(cols.sums, tall[FEATS].sum().to_numpy(), rtol=1e-12)
    design = cols.to_design()
    assert not np.shares_memory(design.X, tall[FEATS[0]].to_numpy())
    design.X[0, 0] = 1e300  # the design's own copy: the user's frame is untouched
    assert tall.loc[0, "x0"] != 1e300


def test_sums_that_overflow_are_not_mistaken_for_missing_values():
    df = pd.DataFrame({"y": [1.0, 2.0, 3.5, 4.0], "big": [1e308, 1e308, -1e308, 5.0],
                       "x": [1.0, 0.0, 2.0, 7.0]})
    design = build_design(df, "y", ["big", "x"])
    assert design.n_dropped == 0 and design.warnings == []
    np.testing.assert_array_equal(design.X[:, 0], df["big"].to_numpy())


def test_constant_columns_found_exactly():
    n = 40_000
    base = pd.DataFrame({"y": np.random.default_rng(1).normal(size=n)})
    # a constant whose float sum is not exactly n * value (rounding in the sum)
    assert float(np.full(n, 2 / 7).sum()) != n * (2 / 7)
    err = _raises(base.assign(c=2 / 7), ["c"])
    assert err.message == ("Feature 'c' is constant (0.285714); it carries no "
                           "information. Remove it from features.")
    assert err.details == {"column": "c"}
    assert "'big' is constant (1.23457e+08)" in _raises(base.assign(big=123456789.123),
                                                        ["big"]).message
    assert "'z' is constant (0)" in _raises(base.assign(z=0.0), ["z"]).message
    # almost constant (one value differs in the last bit) is not constant
    almost = np.full(n, 123456789.123)
    almost[-1] = np.nextafter(almost[-1], np.inf)
    build_design(base.assign(c=almost), "y", ["c"])
    # sum equal to n * first value although the values differ: not constant
    build_design(base.assign(s=np.resize([1.0, 0.0, 2.0, 1.0], n)), "y", ["s"])
    # the constant is in the usable rows only
    with_nan = np.resize([4.0, np.nan, 5.0], n)
    with_nan[2::3] = np.nan
    err = _raises(base.assign(k=with_nan), ["k"])
    assert "'k' is constant (4)" in err.message


def _raises(frame: pd.DataFrame, features: list[str]) -> DataError:
    with pytest.raises(DataError) as info:
        build_design(frame, "y", features)
    return info.value


def test_duplicates_found_in_column_order_and_only_when_equal_everywhere():
    n = 1_000
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=n), rng.normal(size=n)
    late = a.copy()
    late[500] += 1.0  # equal to `a` in the first 64 rows only
    df = pd.DataFrame({"y": rng.normal(size=n), "a": a, "b": b, "b2": b.copy(),
                       "a2": a.copy(), "late": late})
    build_design(df, "y", ["a", "late"])
    err = _raises(df, ["a", "b", "b2", "a2"])
    assert err.message == ("Features 'a' and 'a2' hold identical values; keep only one "
                           "of them.")  # (a, a2) comes before (b, b2), as pairs in order
    assert err.details == {"columns": ["a", "a2"]}
    signed = pd.DataFrame({"y": rng.normal(size=4), "p": [0.0, 1.0, 2.0, 3.0],
                           "m": [-0.0, 1.0, 2.0, 3.0]})
    assert "'p' and 'm' hold identical values" in _raises(signed, ["p", "m"]).message


# -- centered moments ---------------------------------------------------------------------

def test_centered_moments_are_exact_with_huge_offsets():
    rng = np.random.default_rng(5)
    n = N_BIG
    X = rng.normal(size=(n, 3)) + np.array([1e9, -3e7, 0.0])
    y = 2e8 + X[:, 0] - 1e9 + rng.normal(size=n)
    cols = [np.ascontiguousarray(X[:, j]) for j in range(3)]
    mom = linalg.centered_moments(cols, [float(c.sum()) for c in cols], y, float(y.sum()))
    # reference: exact means (math.fsum), then centered products
    mx = np.array([math.fsum(c) / n for c in cols])
    my = math.fsum(y) / n
    Xc, yc = X - mx, y - my
    _close(mom.x_mean, mx, rtol=1e-15, atol=1e-14)  # atol: on the scale of the sd (1)
    assert mom.y_mean == pytest.approx(my, rel=1e-15)
    _close(mom.gram, Xc.T @ Xc, rtol=1e-10)
    _close(mom.xty, Xc.T @ yc, rtol=1e-9)
    assert mom.tss == pytest.approx(float(yc @ yc), rel=1e-10)
    blocks = list(linalg.centered_blocks(cols, mx, y, my, block_rows=1000))
    assert [s for s, _, _ in blocks][:3] == [0, 1000, 2000] and len(blocks) == math.ceil(n / 1000)
    last_start, last, last_y = blocks[-1]
    _close(last, Xc[last_start:], rtol=1e-12)
    _close(last_y, yc[last_start:], rtol=1e-12)


# -- ridge and lasso on several blocks ----------------------------------------------------

def test_ridge_and_lasso_on_tall_data_match_sklearn(tall):
    from sklearn.linear_model import Lasso, Ridge

    X, y = tall[FEATS].to_numpy(), tall["y"].to_numpy()
    raw = nbdatachat.run_tool("ridge_regression", dataset=tall, target="y", features=FEATS,
                              alpha=50.0, standardize=False)
    ref = Ridge(alpha=50.0).fit(X, y)
    _close([raw.coefficients[f] for f in FEATS], ref.coef_, rtol=1e-10)
    assert raw.coefficients["intercept"] == pytest.approx(ref.intercept_, rel=1e-10)
    assert raw.performance["r_squared"] == pytest.approx(ref.score(X, y), rel=1e-12)
    mse = float(np.mean((y - ref.predict(X)) ** 2))
    assert raw.performance["mse"] == pytest.approx(mse, rel=1e-10)

    sd = X.std(axis=0)
    Z = (X - X.mean(axis=0)) / sd
    std = nbdatachat.run_tool("ridge_regression", dataset=tall, target="y", features=FEATS,
                              alpha=50.0)
    ref = Ridge(alpha=50.0).fit(Z, y)
    _close([std.coefficients[f] for f in FEATS], ref.coef_ / sd, rtol=1e-10)
    _close(list(std.statistics["standardized_coefficients"].values()), ref.coef_,
           rtol=1e-10)

    lasso = nbdatachat.run_tool("lasso_regression", dataset=tall, target="y",
                                features=FEATS, alpha=0.05)
    ref = Lasso(alpha=0.05, tol=1e-12, max_iter=100_000).fit(Z, y)
    _close([lasso.coefficients[f] for f in FEATS], ref.coef_ / sd, rtol=1e-6, atol=1e-9)
    assert lasso.performance["r_squared"] == pytest.approx(ref.score(Z, y), rel=1e-9)
    assert set(lasso.to_dict()["dropped_features"]) == {
        f for f, c in zip(FEATS, ref.coef_) if c == 0}


def test_ridge_leave_one_out_on_tall_data_matches_direct_hat_matrix(tall):
    feats = FEATS[:4]
    grid = [0.1, 10.0, 1000.0]
    res = nbdatachat.run_tool("ridge_regression", dataset=tall, target="y", features=feats,
                              alphas=grid)
    X = tall[feats].to_numpy()
    Z = (X - X.mean(0)) / X.std(0)
    y = tall["y"].to_numpy()
    yc = y - y.mean()
    n = len(y)
    loo = []
    for a in grid:  # direct: h_ii = 1/n + z_i'(Z'Z + aI)^-1 z_i, loo_i = e_i / (1 - h_ii)
        A_inv = np.linalg.inv(Z.T @ Z + a * np.eye(len(feats)))
        h = 1.0 / n + np.einsum("ij,jk,ik->i", Z, A_inv, Z)
        e = yc - Z @ (A_inv @ (Z.T @ yc))
        loo.append(float(np.mean((e / (1 - h)) ** 2)))
    best = int(np.argmin(loo))
    assert res.performance["alpha"] == grid[best]
    assert res.performance["loo_mse"] == pytest.approx(loo[best], rel=1e-10)


def test_lasso_cv_on_tall_data_matches_refits_on_the_same_folds(tall):
    from sklearn.linear_model import Lasso

    res = nbdatachat.run_tool("lasso_regression", dataset=tall, target="y", features=FEATS,
                              cv_folds=4, random_state=3)
    alpha = res.performance["alpha"]
    X, y = tall[FEATS].to_numpy(), tall["y"].to_numpy()
    Z = (X - X.mean(0)) / X.std(0)  # standardized on all rows, as the tool documents
    folds = np.array_split(np.random.default_rng(3).permutation(len(y)), 4)
    errors = []
    for held in folds:
        train = np.setdiff1d(np.arange(len(y)), held)
        fit = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(Z[train], y[train])
        errors.append(float(np.mean((y[held] - fit.predict(Z[held])) ** 2)))
    assert res.performance["cv_mse"] == pytest.approx(np.mean(errors), rel=1e-6)


def test_near_perfect_fit_uses_exact_residuals(tall):
    X = tall[FEATS].to_numpy()
    y = 5.0 + X @ np.arange(1.0, 7.0) + np.random.default_rng(9).normal(scale=1e-7,
                                                                          size=len(X))
    df = tall[FEATS].assign(y=y)
    res = nbdatachat.run_tool("ridge_regression", dataset=df, target="y", features=FEATS,
                              alpha=1e-6, standardize=False)
    coef = np.array([res.coefficients[f] for f in FEATS])
    resid = y - (X @ coef + res.coefficients["intercept"])
    # rss / tss ~ 1e-17: a Gram-matrix formula would return rounding noise here
    assert res.performance["mse"] == pytest.approx(float(np.mean(resid ** 2)), rel=1e-6,
                                                   abs=0)
    assert 1e-15 < res.performance["mse"] < 1e-13


# -- plot data built on demand -------------------------------------------------------------

def test_penalized_plot_data_is_built_on_access_from_the_fit(tall):
    df = tall.copy()
    df.loc[[5, 17], "x1"] = np.nan
    res = nbdatachat.run_tool("ridge_regression", dataset=df, target="y", features=FEATS,
                              alpha=1.0)
    plot = res.plot_data
    assert "fitted" in plot and list(plot) == ["fitted"] and len(plot) == 1
    assert "built on first access" in repr(plot)
    df.loc[0, "x0"] = 1e6  # the caller edits their frame afterwards: the fit's rows stay
    fitted = plot["fitted"]
    assert "built on first access" not in repr(plot)
    assert len(fitted) == len(df) - 2 and 5 not in fitted.index and 17 not in fitted.index
    X = tall[FEATS].drop(index=[5, 17]).to_numpy()
    coef = np.array([res.coefficients[f] for f in FEATS])
    _close(fitted["fitted"], X @ coef + res.coefficients["intercept"], rtol=1e-12)
    _close(fitted["actual"] - fitted["fitted"], fitted["residual"], rtol=0, atol=1e-9)
    assert abs(fitted["residual"].mean()) < 1e-9  # intercept unpenalized: mean residual 0
    assert dict(plot)["fitted"] is fitted
    from nbdatachat.charts import chart_for_tool

    spec = chart_for_tool(res)
    assert spec is not None and spec.kind == "scatter" and spec.identity_line


# -- logistic: blocked Newton steps and the AUC -------------------------------------------

def test_logistic_on_tall_data_matches_statsmodels(tall):
    import statsmodels.api as sm
    from sklearn.metrics import roc_auc_score

    feats = FEATS[:3]
    res = nbdatachat.run_tool("logistic_regression", dataset=tall, target="event",
                              features=feats)
    ref = sm.Logit(tall["event"], sm.add_constant(tall[feats])).fit(disp=0, tol=1e-12)
    names = ["intercept", *feats]
    _close([res.coefficients[n] for n in names], ref.params.to_numpy(), rtol=1e-8)
    _close([res.std_errors[n] for n in names], ref.bse.to_numpy(), rtol=1e-7)
    assert res.performance["log_likelihood"] == pytest.approx(ref.llf, rel=1e-12)
    assert res.performance["auc"] == pytest.approx(
        roc_auc_score(tall["event"], ref.predict()), rel=1e-12)
    fitted = res.plot_data["fitted"]
    _close(fitted["fitted"], ref.predict(), rtol=1e-7)


def test_auc_counts_ties_as_half():
    from sklearn.metrics import roc_auc_score

    from nbdatachat.tools.regression.logistic import _auc

    rng = np.random.default_rng(4)
    y = (rng.uniform(size=5000) < 0.3).astype(float)
    score = np.round(rng.normal(size=5000) + y, 1)  # many tied scores across classes
    assert _auc(y, score) == pytest.approx(roc_auc_score(y, score), rel=1e-14)
    assert _auc(np.array([0.0, 1.0, 0.0, 1.0]), np.array([1.0, 1.0, 1.0, 1.0])) == 0.5
