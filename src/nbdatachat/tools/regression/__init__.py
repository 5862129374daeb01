"""Regression tools: linear (OLS), ridge, lasso and logistic regression.

Each tool turns the frame into a numeric design with :func:`~.prepare.build_design` (so bad
columns, missing rows and categories are handled the same way everywhere), fits with code
chosen for accuracy and speed, and reports numbers plus sentences that never claim more than
the numbers show:

- ``linear_regression`` uses :mod:`.linalg` (Householder QR with refinement), which matches
  NIST's certified values to the digits the data allow, where ``statsmodels`` can lose all.
- ``ridge_regression`` and ``lasso_regression`` work on the p x p Gram matrix of standardized
  features, so their cost after one pass over the data does not depend on the number of
  rows. That pass reads the checked columns in place (:func:`~.prepare.design_columns`) in
  cache-sized blocks: no n x p copy, and fitted values for charts are only computed when
  ``plot_data`` is read. Penalized estimates are biased on purpose, so they carry no
  standard errors or p-values (the result says so in ``inference_note``).
- ``logistic_regression`` is Newton/IRLS with Wald inference (what ``statsmodels.Logit``
  reports), one blocked pass over the rows per Newton step, with a clear error for perfect
  separation instead of infinite coefficients.
"""

from .inputs import (
    LassoRegressionInputs,
    LinearRegressionInputs,
    LogisticRegressionInputs,
    RidgeRegressionInputs,
)
from .logistic import logistic_regression
from .ols import SMALL_FIT_CELLS, linear_regression
from .penalised import lasso_regression, ridge_regression

__all__ = ["SMALL_FIT_CELLS", "LassoRegressionInputs", "LinearRegressionInputs",
           "LogisticRegressionInputs", "RidgeRegressionInputs", "lasso_regression",
           "linear_regression", "logistic_regression", "ridge_regression"]
