"""``evaluate_model``: train a model on part of the data and score it on the rest.

"How well does a model predict Y" is answered on rows the model never saw: a seeded random
split (scikit-learn's ``train_test_split``, stratified by class for classifiers), a fit on the
training part, and the score on the held-out part -- R², RMSE and MAE for a number, accuracy,
balanced accuracy, precision/recall/F1 and ROC AUC for classes -- next to the score of a
baseline that ignores the features (the training mean, or the most frequent class), so a
number such as "accuracy 0.81" can be read. The split (sizes, seed, stratification) is part
of the result: the same inputs give the same numbers.

Models are scikit-learn's with their defaults: ``LinearRegression``; ``Ridge`` and ``Lasso``
(``alpha`` 1.0 unless given) and ``LogisticRegression`` (L2, C = 1) after standardising the
features on the training part, so the penalty treats features in different units alike;
``RandomForestRegressor``/``Classifier`` (``n_estimators`` trees, seeded). Text features become
0/1 indicators against their first level, rows with missing values are dropped (both said).
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field

from ..errors import DataError, InvalidRequest
from ._threads import SKLEARN_PRELOAD, single_threaded
from .base import SupervisedInputs, ToolResult
from .insights import fmt, percent
from .prepare import build_design, require_columns
from .progress import step
from .registry import tool

ModelName = Literal["linear", "ridge", "lasso", "logistic", "random_forest"]
MIN_PART_ROWS = 2
MAX_CLASSES = 50
_LABELS = {"linear": "linear regression", "ridge": "ridge regression",
           "lasso": "lasso regression", "logistic": "logistic regression",
           "random_forest": "random forest"}

_EXAMPLE = [{"sales": s, "marketing": m, "price": p} for s, m, p in
            [(100, 50, 25), (150, 75, 30), (120, 60, 28), (170, 80, 26), (90, 40, 27),
             (135, 70, 31), (160, 78, 29), (110, 55, 24), (145, 72, 27), (125, 62, 30),
             (180, 88, 25), (95, 45, 29)]]


class EvaluateInputs(SupervisedInputs):
    model: ModelName = Field(
        default="linear", description="linear, ridge, lasso (regression), logistic "
                                      "(classification) or random_forest (either).")
    task: Literal["auto", "regression", "classification"] = Field(
        default="auto", description="What the target is. auto: classification when it is "
                                    "text, boolean or has two values, else regression "
                                    "(only random_forest can do both).")
    test_size: float = Field(default=0.25, gt=0, lt=1,
                             description="Share of rows held out for testing.")
    seed: int = Field(default=0, ge=0, le=2**32 - 1,
                      description="Seed of the split (and of the random forest).")
    stratify: bool = Field(default=True, description="Classification: keep each class's "
                                                      "share in both parts.")
    alpha: float | None = Field(default=None, gt=0, description="Ridge/lasso penalty on "
                                "standardised features (scikit-learn's alpha; default 1.0).")
    n_estimators: int = Field(default=100, ge=1, le=2000,
                              description="Random forest: number of trees.")
    max_depth: int | None = Field(default=None, ge=1, le=100,
                                  description="Random forest: maximum tree depth (none: "
                                              "grown until pure).")


def _is_classification(y: pd.Series, inputs: EvaluateInputs) -> bool:
    if inputs.model == "logistic":
        return True
    if inputs.model in ("linear", "ridge", "lasso"):
        return False
    if inputs.task != "auto":
        return inputs.task == "classification"
    numeric = pd.api.types.is_numeric_dtype(y) and not pd.api.types.is_bool_dtype(y)
    return not numeric or y.dropna().nunique() == 2


def _design(frame: pd.DataFrame, inputs: EvaluateInputs, classify: bool
            ) -> tuple[np.ndarray, np.ndarray, list[str], list[Any], list[str]]:
    """Features X (indicators for text), target y (class codes for a classifier), the feature
    names, the class labels and the warnings of the design."""
    target = inputs.target
    require_columns(frame, [target], "target")
    require_columns(frame, inputs.features, "feature")
    if not classify:
        d = build_design(frame, target, inputs.features, min_rows=2 * MIN_PART_ROWS)
        return d.X, np.asarray(d.y, dtype="float64"), d.names, [], list(d.warnings)
    y = frame[target]
    levels = sorted(y.dropna().unique().tolist(), key=lambda v: (str(type(v)), v))
    if len(levels) < 2:
        raise DataError(f"The target {target!r} has {len(levels)} class(es); a classifier "
                        f"needs at least two.", details={"column": target})
    if len(levels) > MAX_CLASSES:
        raise DataError(f"The target {target!r} has {len(levels)} distinct values: too many "
                        f"classes. For a numeric target use model='linear' or "
                        f"task='regression'.", details={"column": target})
    codes = pd.Series(pd.Categorical(y, categories=levels).codes, index=frame.index,
                      dtype="float64").where(y.notna())
    sub = frame[list(inputs.features)].assign(**{target: codes})
    d = build_design(sub, target, inputs.features, min_rows=2 * MIN_PART_ROWS)
    return d.X, d.y.astype(int), d.names, levels, list(d.warnings)


def _estimator(inputs: EvaluateInputs, classify: bool) -> Any:
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if inputs.model == "linear":
        from sklearn.linear_model import LinearRegression

        return LinearRegression()
    if inputs.model in ("ridge", "lasso"):
        from sklearn.linear_model import Lasso, Ridge

        alpha = 1.0 if inputs.alpha is None else inputs.alpha
        model = Ridge(alpha=alpha) if inputs.model == "ridge" else \
            Lasso(alpha=alpha, max_iter=100_000)
        return make_pipeline(StandardScaler(), model)
    if inputs.model == "logistic":
        from sklearn.linear_model import LogisticRegression

        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=10_000))
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

    cls = RandomForestClassifier if classify else RandomForestRegressor
    return cls(n_estimators=inputs.n_estimators, max_depth=inputs.max_depth,
               random_state=inputs.seed, n_jobs=1)


def _regression_scores(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

    return {"r_squared": float(r2_score(y, pred)),
            "rmse": float(math.sqrt(mean_squared_error(y, pred))),
            "mae": float(mean_absolute_error(y, pred))}


def _classification_scores(y: np.ndarray, pred: np.ndarray, proba: np.ndarray | None,
                           n_classes: int) -> dict[str, float | None]:
    from sklearn import metrics

    binary = n_classes == 2
    avg = "binary" if binary else "macro"
    out: dict[str, float | None] = {
        "accuracy": float(metrics.accuracy_score(y, pred)),
        "balanced_accuracy": float(metrics.balanced_accuracy_score(y, pred)),
        "precision": float(metrics.precision_score(y, pred, average=avg, zero_division=0)),
        "recall": float(metrics.recall_score(y, pred, average=avg, zero_division=0)),
        "f1": float(metrics.f1_score(y, pred, average=avg, zero_division=0)),
        "roc_auc": None}
    if proba is not None and binary and len(np.unique(y)) == 2:
        out["roc_auc"] = float(metrics.roc_auc_score(y, proba[:, 1]))
    return out


def _split(X: np.ndarray, y: np.ndarray, inputs: EvaluateInputs, classify: bool
           ) -> tuple[np.ndarray, ...]:
    from sklearn.model_selection import train_test_split

    n = len(y)
    n_test = math.ceil(inputs.test_size * n)
    if n_test < MIN_PART_ROWS or n - n_test < MIN_PART_ROWS:
        raise DataError(f"{n} usable rows split {1 - inputs.test_size:.0%}/"
                        f"{inputs.test_size:.0%} leave {n - n_test} for training and {n_test} "
                        f"for testing; each part needs at least {MIN_PART_ROWS}. Add rows or "
                        f"change test_size.", details={"rows": n, "parameter": "test_size"})
    strat = y if classify and inputs.stratify else None
    if strat is not None:
        counts = np.bincount(y)
        if counts[counts > 0].min() < 2:
            rare = int(np.flatnonzero(counts == counts[counts > 0].min())[0])
            raise DataError(f"A class of the target has a single row, so a stratified split "
                            f"cannot put it in both parts (class code {rare}). Add rows, "
                            f"merge rare classes or pass stratify=false.",
                            details={"parameter": "stratify"})
    try:
        return tuple(train_test_split(X, y, test_size=inputs.test_size,
                                      random_state=inputs.seed, stratify=strat))
    except ValueError as exc:
        raise DataError(f"The rows cannot be split this way: {exc}",
                        details={"parameter": "test_size"}) from None


@tool("evaluate_model", description="Train a model to predict a target and score it on held-out "
      "rows: a seeded train/test split (size and seed stated), the test-set R², RMSE and MAE "
      "(regression) or accuracy, balanced accuracy, precision, recall, F1 and ROC AUC "
      "(classification), against a no-feature baseline; for linear, ridge, lasso, logistic "
      "regression and random forests (scikit-learn).", inputs=EvaluateInputs,
      category="Machine Learning",
      example={"dataset": _EXAMPLE, "target": "sales", "features": ["marketing", "price"],
               "model": "linear", "test_size": 0.25, "seed": 0})
@single_threaded(preload=SKLEARN_PRELOAD)
def evaluate_model(inputs: EvaluateInputs, frame: pd.DataFrame) -> ToolResult:
    if inputs.target in inputs.features:
        raise InvalidRequest(f"{inputs.target!r} is both the target and a feature; remove it "
                             f"from features.", details={"parameter": "features"})
    require_columns(frame, [inputs.target], "target")
    classify = _is_classification(frame[inputs.target], inputs)
    if inputs.task == "classification" and inputs.model in ("linear", "ridge", "lasso"):
        raise InvalidRequest(f"model={inputs.model!r} predicts numbers; use model='logistic' "
                             f"or 'random_forest' for classes.", details={"parameter": "model"})
    if inputs.task == "regression" and inputs.model == "logistic":
        raise InvalidRequest("model='logistic' predicts classes; use 'linear', 'ridge', "
                             "'lasso' or 'random_forest' for a number.",
                             details={"parameter": "model"})
    X, y, names, levels, warnings = _design(frame, inputs, classify)
    X_train, X_test, y_train, y_test = _split(X, y, inputs, classify)
    estimator = _estimator(inputs, classify)
    step(f"Training {inputs.model.replace('_', ' ')} on {len(y_train):,} rows, testing on "
         f"{len(y_test):,}")
    import warnings as _w

    with _w.catch_warnings(record=True) as caught:
        _w.simplefilter("always")
        estimator.fit(X_train, y_train)
    for w in caught:
        if "converge" in str(w.message).lower():
            warnings.append(f"The {_LABELS[inputs.model]} fit did not fully converge; scores "
                            f"may improve with standardised or fewer features.")
            break
    pred_test, pred_train = estimator.predict(X_test), estimator.predict(X_train)
    label = _LABELS[inputs.model]
    n, n_train, n_test = len(y), len(y_train), len(y_test)
    split = {"test_size": inputs.test_size, "n_train": n_train, "n_test": n_test,
             "seed": inputs.seed, "stratified": bool(classify and inputs.stratify),
             "method": "random split, scikit-learn train_test_split"}
    split_words = (f"{n_train:,} training and {n_test:,} test rows ({inputs.test_size:.0%} "
                   f"held out{', stratified by class' if split['stratified'] else ''}, "
                   f"seed {inputs.seed})")
    tables: dict[str, pd.DataFrame] = {}
    plot: dict[str, pd.DataFrame] = {}
    if classify:
        proba = estimator.predict_proba(X_test) if hasattr(estimator, "predict_proba") else None
        k = len(levels)
        perf = _classification_scores(y_test, pred_test, proba, k)
        train = _classification_scores(y_train, pred_train, None, k)
        majority = int(np.bincount(y_train, minlength=k).argmax())
        baseline = {"accuracy": float(np.mean(y_test == majority)),
                    "strategy": f"always predicting the most frequent training class "
                                f"({levels[majority]!r})"}
        from sklearn.metrics import confusion_matrix

        cm = confusion_matrix(y_test, pred_test, labels=list(range(k)))
        shown = [str(v) for v in levels]
        tables["confusion_matrix"] = pd.DataFrame(cm, columns=shown).assign(
            actual=shown)[["actual", *shown]]
        positive = f" (positive class {levels[1]!r})" if k == 2 else " (macro average)"
        insights = [f"{label.capitalize()} predicting {inputs.target} ({k} classes) from "
                    f"{len(inputs.features)} feature(s), trained on {split_words}.",
                    f"On the test rows it classifies {percent(perf['accuracy'], 1)} correctly "
                    f"(balanced accuracy {percent(perf['balanced_accuracy'], 1)}), against "
                    f"{percent(baseline['accuracy'], 1)} for {baseline['strategy']}.",
                    f"Precision {fmt(perf['precision'])}, recall {fmt(perf['recall'])}, F1 "
                    f"{fmt(perf['f1'])}{positive}"
                    + (f"; ROC AUC {fmt(perf['roc_auc'])}." if perf["roc_auc"] is not None
                       else ".")]
        if perf["accuracy"] <= baseline["accuracy"]:
            insights.append(f"That is no better than the baseline: for this model the "
                            f"features carry no usable information about {inputs.target}.")
        gap = train["accuracy"] - perf["accuracy"]
    else:
        perf = _regression_scores(y_test, pred_test)
        train = _regression_scores(y_train, pred_train)
        mean_train = float(np.mean(y_train))
        base_rmse = float(np.sqrt(np.mean((y_test - mean_train) ** 2)))
        baseline = {"rmse": base_rmse, "strategy": "always predicting the training mean "
                                                   f"({fmt(mean_train)})"}
        plot["fitted"] = pd.DataFrame({"actual": y_test, "fitted": pred_test,
                                       "residual": y_test - pred_test})
        insights = [f"{label.capitalize()} predicting {inputs.target} from "
                    f"{len(inputs.features)} feature(s), trained on {split_words}.",
                    f"On the test rows: R² {fmt(perf['r_squared'])}, RMSE {fmt(perf['rmse'])}, "
                    f"MAE {fmt(perf['mae'])}; predicting the training mean gives RMSE "
                    f"{fmt(base_rmse)}."]
        if perf["rmse"] >= base_rmse:
            insights.append(f"That is no better than the baseline: for this model the "
                            f"features carry no usable information about {inputs.target}.")
        gap = train["r_squared"] - perf["r_squared"]
    if gap > 0.1 and not any("no better than the baseline" in s for s in insights):
        insights.append(f"It scores clearly better on the training rows ("
                        f"{'accuracy' if classify else 'R²'} "
                        f"{fmt(train['accuracy' if classify else 'r_squared'])}) than on the "
                        f"test rows: it overfits, so trust the test score.")
    if n_test < 30:
        warnings.append(f"Only {n_test} test rows: the test score is uncertain; a different "
                        f"seed can move it noticeably.")
    importance = _importance(estimator, names, inputs.model)
    if importance is not None:
        tables["feature_importance"] = importance
        top = importance.iloc[0]
        insights.append(f"Most influential feature: {top['feature']} "
                        f"({importance.columns[1].replace('_', ' ')} {fmt(top.iloc[1])}).")
    return ToolResult(
        "evaluate_model", performance=perf,
        statistics={"train": train, "baseline": baseline, "split": split,
                    "task": "classification" if classify else "regression",
                    "classes": [str(v) for v in levels] if classify else None},
        insights=insights, warnings=warnings, n_obs=n, tables=tables,
        extra={"model": inputs.model, "split": split}, plot_data=plot)


def _importance(estimator: Any, names: list[str], model: str) -> pd.DataFrame | None:
    """Feature importances (forest) or coefficients (standardised for the scaled models)."""
    final = estimator[-1] if hasattr(estimator, "steps") else estimator
    if model == "random_forest":
        values, column = final.feature_importances_, "importance"
    else:
        coef = np.asarray(final.coef_, dtype="float64")
        if coef.ndim == 2 and coef.shape[0] > 1:
            return None  # multinomial: one row of coefficients per class
        values = coef.ravel()
        column = "coefficient" if model == "linear" else "standardized_coefficient"
    table = pd.DataFrame({"feature": names, column: values})
    return table.reindex(table[column].abs().sort_values(ascending=False).index
                         ).reset_index(drop=True)
