"""Hypothesis tools and describe vs the plain scipy/pandas call each replaces.

The tools do more than the bare call (input checks, missing-row handling, shifted
"certified-accuracy" sums, effect sizes, intervals, Levene/Welch, insights), so the ratio
shows what that costs. Baselines start from the same DataFrame (the split into groups is
part of the work on both sides):

- t_test (Welch, group column)  vs ``stats.ttest_ind(y[g == a], y[g == b], equal_var=False)``
- anova (8 groups)              vs ``stats.f_oneway(*[v for _, v in df.groupby(g)[y]])``
- chi_square (6 x 4)            vs ``stats.chi2_contingency(pd.crosstab(a, b))``
- correlation (pearson, 6 cols) vs ``df[cols].corr()`` (no p-values: ours adds them + CIs)
- describe (6 numeric cols)     vs ``df[cols].describe()``

Run: ``python -m benchmarks hypothesis`` (``BENCH_ROWS=200000`` for a quicker run).
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from ._table import best_time, peak_memory, print_table

N_ROWS = int(os.environ.get("BENCH_ROWS", 1_000_000))


def _frame(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.normal(size=(n, 6)), columns=[f"x{i}" for i in range(6)])
    df["x1"] += 0.5 * df["x0"]
    df["arm"] = rng.choice(["ctl", "trt"], n)
    df["site"] = rng.choice([f"s{i}" for i in range(8)], n)
    df["y"] = (rng.normal(size=n) + (df["arm"] == "trt") * 0.05
               + df["site"].str[1].astype(int) * 0.01)
    df["plan"] = rng.choice(list("abcdef"), n)
    df["tier"] = rng.choice(list("wxyz"), n)
    return df


def main() -> None:
    from scipy import stats

    import nbdatachat

    df = _frame(N_ROWS)
    run = nbdatachat.run_tool
    num = [f"x{i}" for i in range(6)]
    cases = [
        ("t_test (Welch)", lambda: run("t_test", dataset=df, target="y", group="arm"),
         "stats.ttest_ind(split)",
         lambda: stats.ttest_ind(df["y"][df["arm"] == "ctl"], df["y"][df["arm"] == "trt"],
                                 equal_var=False)),
        ("anova (8 groups)", lambda: run("anova", dataset=df, target="y", group="site"),
         "stats.f_oneway(groupby)",
         lambda: stats.f_oneway(*[v.to_numpy() for _, v in df.groupby("site")["y"]])),
        ("chi_square (6x4)", lambda: run("chi_square", dataset=df, row="plan", column="tier"),
         "chi2_contingency(crosstab)",
         lambda: stats.chi2_contingency(pd.crosstab(df["plan"], df["tier"]))),
        ("correlation (6 cols)", lambda: run("correlation", dataset=df, features=num),
         "df[cols].corr()", lambda: df[num].corr()),
        ("describe (6 cols)", lambda: run("describe", dataset=df, features=num),
         "df[cols].describe()", lambda: df[num].describe()),
    ]
    rows = []
    for name, ours, base_name, base in cases:
        t_ours, t_base = best_time(ours, repeat=3), best_time(base, repeat=3)
        m_ours, m_base = peak_memory(ours), peak_memory(base)
        rows.append((name, t_ours, base_name, t_base, t_ours / t_base, m_ours / 2**20,
                     m_base / 2**20, m_ours / m_base))
    print_table(f"Hypothesis tools on {N_ROWS:,} rows (best of 3)",
                ["tool", "seconds", "baseline", "baseline s", "time ratio", "peak MiB",
                 "baseline MiB", "mem ratio"], rows)


if __name__ == "__main__":
    main()
