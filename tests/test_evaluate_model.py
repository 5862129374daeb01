"""evaluate_model: the held-out scores against scikit-learn run here on the same split."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn import metrics
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from nbdatachat import run_tool
from nbdatachat.errors import NbDataChatError


def _error(**inputs) -> NbDataChatError:
    with pytest.raises(NbDataChatError) as exc:
        run_tool("evaluate_model", **inputs)
    return exc.value


def _tips_xy(tips, features):
    X = pd.get_dummies(tips[features], drop_first=True, dtype=float)
    return X.to_numpy(dtype=float), tips["tip"].to_numpy(dtype=float)


@pytest.mark.parametrize("model, reference", [
    ("linear", lambda: LinearRegression()),
    ("ridge", lambda: make_pipeline(StandardScaler(), Ridge(alpha=1.0))),
    ("lasso", lambda: make_pipeline(StandardScaler(), Lasso(alpha=0.05, max_iter=100_000))),
])
def test_regression_scores_on_the_test_split(tips, model, reference):
    inputs = {"alpha": 0.05} if model == "lasso" else {}
    r = run_tool("evaluate_model", dataset=tips, target="tip",
                 features=["total_bill", "size", "smoker"], model=model, test_size=0.3, seed=4,
                 **inputs)
    X, y = _tips_xy(tips, ["total_bill", "size", "smoker"])
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=4)
    pred = reference().fit(X_tr, y_tr).predict(X_te)
    assert r.performance["r_squared"] == pytest.approx(metrics.r2_score(y_te, pred), rel=1e-9)
    assert r.performance["rmse"] == pytest.approx(
        np.sqrt(metrics.mean_squared_error(y_te, pred)), rel=1e-9)
    assert r.performance["mae"] == pytest.approx(metrics.mean_absolute_error(y_te, pred),
                                                 rel=1e-9)
    assert r.statistics["baseline"]["rmse"] == pytest.approx(
        np.sqrt(np.mean((y_te - y_tr.mean()) ** 2)))
    assert r.extra["split"] == {"test_size": 0.3, "n_train": len(y_tr), "n_test": len(y_te),
                                "seed": 4, "stratified": False,
                                "method": "random split, scikit-learn train_test_split"}
    assert f"{len(y_tr)} training and {len(y_te)} test rows (30% held out, seed 4)" \
        in r.insights[0]
    assert r.plot_data["fitted"]["actual"].to_numpy() == pytest.approx(y_te)


def test_random_forest_regression_and_importances(tips):
    r = run_tool("evaluate_model", dataset=tips, target="tip", features=["total_bill", "size"],
                 model="random_forest", n_estimators=50, seed=2)
    X = tips[["total_bill", "size"]].to_numpy(dtype=float)
    X_tr, X_te, y_tr, y_te = train_test_split(X, tips["tip"].to_numpy(), test_size=0.25,
                                              random_state=2)
    rf = RandomForestRegressor(n_estimators=50, random_state=2, n_jobs=1).fit(X_tr, y_tr)
    assert r.performance["r_squared"] == pytest.approx(metrics.r2_score(y_te, rf.predict(X_te)),
                                                       rel=1e-9)
    imp = r.tables["feature_importance"].set_index("feature")["importance"]
    assert imp["total_bill"] == pytest.approx(rf.feature_importances_[0])
    assert r.statistics["train"]["r_squared"] == pytest.approx(
        metrics.r2_score(y_tr, rf.predict(X_tr)))


def test_logistic_classification_scores(tips):
    r = run_tool("evaluate_model", dataset=tips, target="smoker",
                 features=["total_bill", "tip", "size"], model="logistic", seed=1)
    X = tips[["total_bill", "tip", "size"]].to_numpy(dtype=float)
    y = (tips["smoker"] == "Yes").astype(int).to_numpy()  # classes sorted: No=0, Yes=1
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=1, stratify=y)
    clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=10_000)).fit(X_tr, y_tr)
    pred = clf.predict(X_te)
    assert r.performance["accuracy"] == pytest.approx(metrics.accuracy_score(y_te, pred))
    assert r.performance["balanced_accuracy"] == pytest.approx(
        metrics.balanced_accuracy_score(y_te, pred))
    assert r.performance["f1"] == pytest.approx(metrics.f1_score(y_te, pred, zero_division=0))
    assert r.performance["roc_auc"] == pytest.approx(
        metrics.roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
    assert r.statistics["baseline"]["accuracy"] == pytest.approx(np.mean(y_te == 0))
    cm = metrics.confusion_matrix(y_te, pred)
    table = r.tables["confusion_matrix"]
    assert list(table["actual"]) == ["No", "Yes"]
    assert table[["No", "Yes"]].to_numpy().tolist() == cm.tolist()
    assert r.extra["split"]["stratified"] is True
    assert "positive class 'Yes'" in r.insights[2]


def test_random_forest_multiclass(tips):
    r = run_tool("evaluate_model", dataset=tips, target="day",
                 features=["total_bill", "tip", "size"], model="random_forest",
                 n_estimators=30, seed=0)
    X = tips[["total_bill", "tip", "size"]].to_numpy(dtype=float)
    codes = pd.Categorical(tips["day"], categories=sorted(tips["day"].unique())).codes
    X_tr, X_te, y_tr, y_te = train_test_split(X, codes, test_size=0.25, random_state=0,
                                              stratify=codes)
    rf = RandomForestClassifier(n_estimators=30, random_state=0, n_jobs=1).fit(X_tr, y_tr)
    pred = rf.predict(X_te)
    assert r.performance["accuracy"] == pytest.approx(metrics.accuracy_score(y_te, pred))
    assert r.performance["f1"] == pytest.approx(metrics.f1_score(y_te, pred, average="macro"))
    assert r.performance["roc_auc"] is None
    assert r.statistics["classes"] == ["Fri", "Sat", "Sun", "Thur"]
    assert r.statistics["task"] == "classification"


def test_missing_rows_dropped_and_stated(tips):
    df = tips.copy()
    df.loc[[0, 5, 9], "total_bill"] = np.nan
    r = run_tool("evaluate_model", dataset=df, target="tip", features=["total_bill"])
    assert r.n_obs == len(df) - 3
    assert any("Dropped 3 of 244 rows" in w for w in r.warnings)


def test_refusals(tips):
    assert "not numeric" in _error(dataset=tips, target="day", features=["tip"]).message
    assert "both the target and a feature" in _error(dataset=tips, target="tip",
                                                     features=["tip"]).message
    assert "tipz" in _error(dataset=tips, target="tipz", features=["size"]).message
    assert "too many" in _error(dataset=tips, target="total_bill", features=["size"],
                                model="logistic").message
    err = _error(dataset=tips.head(5), target="tip", features=["total_bill"], test_size=0.1)
    assert "each part needs at least 2" in err.message
    rare = tips.head(40).assign(flag=["a"] * 39 + ["b"])
    assert "single row" in _error(dataset=rare, target="flag", features=["tip"],
                                  model="logistic").message
    assert _error(dataset=tips, target="tip", features=["size"],
                  model="svm").details["parameter"] == "model"
    assert _error(dataset=tips, target="tip", features=["size"], task="classification",
                  model="linear").details["parameter"] == "model"


def test_no_better_than_baseline_is_said():
    rng = np.random.default_rng(5)
    noise = pd.DataFrame({"y": rng.normal(size=120), "x": rng.normal(size=120)})
    r = run_tool("evaluate_model", dataset=noise, target="y", features=["x"], seed=3)
    X_tr, X_te, y_tr, y_te = train_test_split(noise[["x"]].to_numpy(), noise["y"].to_numpy(),
                                              test_size=0.25, random_state=3)
    pred = LinearRegression().fit(X_tr, y_tr).predict(X_te)
    base = np.sqrt(np.mean((y_te - y_tr.mean()) ** 2))
    assert np.sqrt(metrics.mean_squared_error(y_te, pred)) >= base
    assert any("no better than the baseline" in s for s in r.insights)
    assert not any("overfits" in s for s in r.insights)
    assert r.statistics["baseline"]["rmse"] == pytest.approx(base)
