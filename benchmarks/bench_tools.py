"""Regression tools vs the plain-library call each replaces, on 1,000,000 rows x 10 features.

``run_tool`` does more than the bare call (input checks, missing-row handling, diagnostics,
insights, fitted values), and the target is still time <= 1.1x and peak memory <= 1.5x of:

- linear_regression  vs ``sm.OLS(y, sm.add_constant(X)).fit()``
- ridge_regression   vs ``sklearn Ridge(alpha).fit(X, y)``   (and LOO-CV vs ``RidgeCV``)
- lasso_regression   vs ``sklearn Lasso(alpha).fit(X, y)``   (and 5-fold CV vs ``LassoCV``)
- logistic_regression vs ``sm.Logit(y, sm.add_constant(X)).fit()``

Run: ``python -m benchmarks tools`` (``BENCH_ROWS=200000`` for a quicker run).
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from ._table import best_time, peak_memory, print_table

N_ROWS = int(os.environ.get("BENCH_ROWS", 1_000_000))
N_FEATURES = 10


def _frame(n: int, p: int) -> tuple[pd.DataFrame, list[str]]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, p))
    beta = np.linspace(-1, 1, p)
    y = X @ beta + rng.normal(size=n)
    df = pd.DataFrame(X, columns=[f"x{i}" for i in range(p)])
    df["y"] = y
    df["event"] = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X @ beta) * 0.5))).astype(int)
    return df, [f"x{i}" for i in range(p)]


def main() -> None:
    import statsmodels.api as sm
    from sklearn.linear_model import Lasso, LassoCV, Ridge, RidgeCV
    from sklearn.model_selection import KFold

    import nbdatachat

    df, feats = _frame(N_ROWS, N_FEATURES)
    X, y, yb = df[feats], df["y"], df["event"]
    # Penalized tools standardize; hand sklearn the same z-scored features so both solve
    # the same problem (the z-scoring itself is not timed on the sklearn side).
    Z = (X - X.mean()) / X.std(ddof=0)
    run = nbdatachat.run_tool
    ridge_grid = None

    def ridge_cv_ours():
        nonlocal ridge_grid
        r = run("ridge_regression", dataset=df, target="y", features=feats)
        lo, hi = r.statistics["alpha_grid"]
        ridge_grid = np.logspace(np.log10(lo), np.log10(hi), r.statistics["n_alphas"])
        return r

    ridge_cv_ours()
    cases = [
        ("linear_regression",
         lambda: run("linear_regression", dataset=df, target="y", features=feats),
         "sm.OLS(y, add_constant(X)).fit()",
         lambda: sm.OLS(y, sm.add_constant(X)).fit(), 3),
        ("ridge_regression alpha=10",
         lambda: run("ridge_regression", dataset=df, target="y", features=feats, alpha=10.0),
         "Ridge(alpha=10).fit(Z, y)", lambda: Ridge(alpha=10.0).fit(Z, y), 3),
        ("ridge_regression (LOO alpha)", ridge_cv_ours,
         "RidgeCV(alphas=same 41).fit(Z, y)",
         lambda: RidgeCV(alphas=ridge_grid).fit(Z, y), 1),
        ("lasso_regression alpha=0.01",
         lambda: run("lasso_regression", dataset=df, target="y", features=feats, alpha=0.01),
         "Lasso(alpha=0.01).fit(Z, y)", lambda: Lasso(alpha=0.01).fit(Z, y), 3),
        ("lasso_regression (5-fold CV)",
         lambda: run("lasso_regression", dataset=df, target="y", features=feats),
         "LassoCV(cv=KFold(5, shuffle)).fit(Z, y)",
         lambda: LassoCV(alphas=60, cv=KFold(5, shuffle=True, random_state=0)).fit(Z, y), 1),
        ("logistic_regression",
         lambda: run("logistic_regression", dataset=df, target="event", features=feats),
         "sm.Logit(y, add_constant(X)).fit()",
         lambda: sm.Logit(yb, sm.add_constant(X)).fit(disp=0), 3),
    ]
    rows = []
    for name, ours, base_name, base, repeat in cases:
        t_ours = best_time(ours, repeat=repeat)
        t_base = best_time(base, repeat=repeat)
        m_ours = peak_memory(ours)
        m_base = peak_memory(base)
        rows.append((name, t_ours, base_name, t_base, t_ours / t_base,
                     m_ours / 2**20, m_base / 2**20, m_ours / m_base))
    print_table(f"Regression tools on {N_ROWS:,} rows x {N_FEATURES} features "
                f"(best of 3, CV rows best of 1); targets: time ratio <= 1.1, memory <= 1.5",
                ["tool", "seconds", "baseline", "baseline s", "time ratio", "peak MiB",
                 "baseline MiB", "mem ratio"], rows)


if __name__ == "__main__":
    main()
