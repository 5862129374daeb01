"""Inputs of the regression tools, and the example rows their schemas show."""

from __future__ import annotations

from pydantic import Field

from ..base import SupervisedInputs

_EXAMPLE_ROWS = [
    {"sales": 100, "marketing": 50, "price": 25},
    {"sales": 150, "marketing": 75, "price": 30},
    {"sales": 120, "marketing": 60, "price": 28},
    {"sales": 170, "marketing": 80, "price": 26},
    {"sales": 90, "marketing": 40, "price": 27},
    {"sales": 135, "marketing": 70, "price": 31},
]

# -- inputs ------------------------------------------------------------------------------------

class LinearRegressionInputs(SupervisedInputs):
    fit_intercept: bool = Field(True, description="Include an intercept (constant) term. "
                                "Without one, R² is uncentered (measured around zero).")
    confidence_level: float = Field(0.95, gt=0.5, lt=1,
                                    description="Level of the confidence intervals.")


class _PenalizedInputs(SupervisedInputs):
    standardize: bool = Field(
        True, description="Scale features to unit variance before penalizing, so the penalty "
        "treats features in different units alike (coefficients are reported in original "
        "units). With false, alpha has exactly scikit-learn's meaning on raw features.")


class RidgeRegressionInputs(_PenalizedInputs):
    alpha: float | None = Field(
        None, ge=0, description="Penalty strength (scikit-learn's Ridge alpha: "
        "|y - Xb|² + alpha |b|²). When omitted it is chosen by exact leave-one-out "
        "cross-validation over `alphas`.")
    alphas: list[float] | None = Field(
        None, min_length=1, description="Candidate alphas for leave-one-out selection; "
        "by default 41 values spanning the scale of the data.")


class LassoRegressionInputs(_PenalizedInputs):
    alpha: float | None = Field(
        None, gt=0, description="Penalty strength (scikit-learn's Lasso alpha: "
        "|y - Xb|²/(2n) + alpha |b|₁). When omitted it is chosen by k-fold cross-validation.")
    cv_folds: int = Field(5, ge=2, le=20, description="Folds for choosing alpha.")
    random_state: int = Field(0, description="Seed of the fold assignment (results are "
                              "deterministic for a given seed).")


class LogisticRegressionInputs(SupervisedInputs):
    positive_class: str | None = Field(
        None, description="Target value counted as the event (1). Default: 1/True, or the "
        "second of the two values in sorted order ('yes' over 'no'). With more than two "
        "values, models this value against all others.")
    confidence_level: float = Field(0.95, gt=0.5, lt=1,
                                    description="Level of the confidence intervals.")
