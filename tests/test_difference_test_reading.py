"""Difference tests read from questions: the groups compared come from an explicit grouping
("by X") when there is one, and every value of another column restricts the rows; two
columns' values with no grouping, or a column the test would silently drop, are asked back.

Regression: "t-test of tip by sex for dinner" ran t_test(group='time') on all rows (the
value 'dinner' took the group's place and 'by sex' was lost), a wrong answer with confidence.
The table is made here (a restaurant's bills); the numbers are checked against SciPy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from nbdatachat import ask


@pytest.fixture(scope="module")
def bills() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 90
    return pd.DataFrame({
        "amount": rng.uniform(2, 12, n).round(2),
        "waiter": rng.choice(["Ann", "Bob"], n),
        "meal": rng.choice(["Breakfast", "Supper"], n),
        "weekday": rng.choice(["Mon", "Tue", "Wed"], n),
        "member": rng.choice(["Yes", "No"], n),
    })


def test_explicit_grouping_wins_and_the_value_filters(bills):
    a = ask(bills, "t-test of amount by waiter for supper")
    assert a.status == "answered", a.text
    assert a.plan.tool.name == "t_test"
    assert a.plan.tool.args["group"] == "waiter"
    assert [(f.column, f.value) for f in a.plan.filters] == [("meal", "Supper")]
    sub = bills[bills.meal == "Supper"]
    ref = stats.ttest_ind(sub[sub.waiter == "Ann"].amount, sub[sub.waiter == "Bob"].amount,
                          equal_var=False)
    assert a.tool_result.n_obs == len(sub)
    assert abs(abs(a.tool_result.statistics["t"]) - abs(ref.statistic)) < 1e-10
    assert a.tool_result.statistics["p_value"] == pytest.approx(ref.pvalue, rel=1e-9)


def test_anova_keeps_its_grouping_and_filter(bills):
    a = ask(bills, "anova of amount by weekday for breakfast")
    assert a.plan.tool.name == "anova" and a.plan.tool.args["group"] == "weekday"
    assert [(f.column, f.value) for f in a.plan.filters] == [("meal", "Breakfast")]
    sub = bills[bills.meal == "Breakfast"]
    ref = stats.f_oneway(*[g.amount for _, g in sub.groupby("weekday")])
    assert a.tool_result.performance["f_statistic"] == pytest.approx(ref.statistic, rel=1e-9)


def test_two_values_of_one_column_are_the_groups(bills):
    a = ask(bills, "is the amount different between Mon and Tue")
    assert a.plan.tool.name == "t_test"
    assert a.plan.tool.args["group"] == "weekday"
    assert sorted(a.plan.tool.args["groups"]) == ["Mon", "Tue"]


def test_values_of_two_columns_without_a_grouping_are_asked_back(bills):
    a = ask(bills, "is the amount different for Mon and supper")
    assert a.status != "answered", a.interpretation
    assert "weekday" in a.text and "meal" in a.text


def test_a_column_the_test_would_drop_is_asked_back(bills):
    # 'members' names the column, not one of its values: the test cannot use it.
    a = ask(bills, "is the amount different for members at supper")
    assert a.status != "answered", a.interpretation
    assert "member" in a.text


def test_the_named_column_is_compared_and_the_other_value_filters(bills):
    a = ask(bills, "is the mean amount different between members and non-members for supper")
    assert a.status == "answered", a.text
    assert a.plan.tool.name == "t_test" and a.plan.tool.args["group"] == "member"
    assert [(f.column, f.value) for f in a.plan.filters] == [("meal", "Supper")]
    sub = bills[bills.meal == "Supper"]
    assert a.tool_result.n_obs == len(sub)
