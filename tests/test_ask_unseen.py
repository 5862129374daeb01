"""Questions the engine was not tuned on: everyday phrasings over public datasets that the
engine's other tests and the question benchmark do not use (statsmodels fair, grunfeld,
anes96, copper, stackloss; sklearn diabetes; a made-up vehicle fleet; vega iowa-electricity,
barley, la-riots, driving; plotly stocks, medals_wide, election, wind, carshare, experiment), plus the
catalog's monthly sales for forecasts.

Every expected answer is computed here with pandas/numpy/scipy from the same frame; the
frames are passed *unnamed* (as most notebook users do), so table names never help. The
last tests check the pieces behind the answers: derived ratios and stacked (unpivoted)
columns reproduce with the pandas code shown to users, the chart title names an active
filter, k-means with a feature called ``size``, and the fast chart path choosing exactly
what the general path chooses.
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pytest

from nbdatachat import ask

Check = Callable[[object, pd.DataFrame], None]


# -- datasets ------------------------------------------------------------------------------

def _statsmodels(name: str) -> pd.DataFrame:
    return importlib.import_module(f"statsmodels.datasets.{name}").load_pandas().data


def _fleet() -> pd.DataFrame:
    from benchmarks.questions.datasets import fleet_frame

    return fleet_frame(n=240, seed=11)  # our own made-up table, another draw than the benchmark's


def _vega(name: str) -> pd.DataFrame:
    from vega_datasets import local_data

    with warnings.catch_warnings():  # vega_datasets passes a keyword pandas 3 deprecates
        warnings.simplefilter("ignore")
        return getattr(local_data, name)()


def _plotly(name: str) -> pd.DataFrame:
    import plotly.data

    return getattr(plotly.data, name)()


def _diabetes() -> pd.DataFrame:
    from sklearn.datasets import load_diabetes

    return load_diabetes(as_frame=True).frame


def _sales() -> pd.DataFrame:
    from nbdatachat.data import default_catalog

    return default_catalog().get("sales").frame()


def _nile() -> pd.DataFrame:
    d = _statsmodels("nile")
    return d.assign(year=d["year"].astype(int))


LOADERS: dict[str, Callable[[], pd.DataFrame]] = {
    "fair": lambda: _statsmodels("fair"), "grunfeld": lambda: _statsmodels("grunfeld"),
    "anes96": lambda: _statsmodels("anes96"), "copper": lambda: _statsmodels("copper"),
    "stackloss": lambda: _statsmodels("stackloss"), "nile": _nile, "diabetes": _diabetes,
    "fleet": _fleet, "iowa": lambda: _vega("iowa_electricity"),
    "barley": lambda: _vega("barley"), "riots": lambda: _vega("la_riots"),
    "driving": lambda: _vega("driving"), "stocks": lambda: _plotly("stocks"),
    "medals": lambda: _plotly("medals_wide"), "election": lambda: _plotly("election"),
    "wind": lambda: _plotly("wind"), "carshare": lambda: _plotly("carshare"),
    "experiment": lambda: _plotly("experiment"), "tips": lambda: _plotly("tips"),
    "sales": _sales,
}


@cache
def frame(name: str) -> pd.DataFrame:
    return LOADERS[name]()


# -- reading answers -----------------------------------------------------------------------

def _answered(a) -> None:
    assert a.status == "answered", f"{a.status}: {a.text}"


def _numeric_cols(t: pd.DataFrame, skip: tuple = ()) -> list[str]:
    return [c for c in t.columns if c not in skip and pd.api.types.is_numeric_dtype(t[c])
            and not pd.api.types.is_bool_dtype(t[c])]


def _close(x: float, y: float) -> bool:
    return bool(np.isclose(float(x), float(y), rtol=1e-6, atol=1e-9))


def value(fn: Callable[[pd.DataFrame], float]) -> Check:
    """One number: the answer's table holds it and the sentence states it."""
    def check(a, d):
        from nbdatachat.service.narrate import fmt_num

        _answered(a)
        want = float(fn(d))
        assert len(a.table) == 1, a.table
        got = [float(a.table.iloc[0][c]) for c in _numeric_cols(a.table)]
        assert any(_close(g, want) for g in got), (got, want, a.text)
        assert fmt_num(want) in a.text, (fmt_num(want), a.text)
    return check


def groups(key: str, fn: Callable[[pd.DataFrame], pd.Series]) -> Check:
    """One value per group, keyed by ``key`` (a column of the answer's table)."""
    def check(a, d):
        _answered(a)
        want = fn(d).dropna()
        t = a.table
        assert key in t.columns, list(t.columns)
        col = _numeric_cols(t, skip=(key,))[0]
        got = dict(zip(t[key].tolist(), t[col].tolist()))
        assert set(got) == set(want.index.tolist()), (sorted(got), sorted(want.index))
        for k, v in want.items():
            assert _close(got[k], v), (k, got[k], v)
    return check


def label(fn: Callable[[pd.DataFrame], str], first_in_table: str | None = None) -> Check:
    """An arg-max/arg-min question: the answer names the winner."""
    def check(a, d):
        _answered(a)
        want = str(fn(d))
        assert want in a.text, (want, a.text)
        if first_in_table is not None:
            got = a.table.iloc[0][first_in_table]
            assert str(got) == want or (isinstance(got, float) and got == float(want)), \
                a.table.head()
    return check


def rows(key: str, fn: Callable[[pd.DataFrame], pd.DataFrame], shown: str) -> Check:
    """A listing: exactly the matching rows, named by ``key``, with the asked column."""
    def check(a, d):
        _answered(a)
        want = fn(d)
        t = a.table
        assert {key, shown} <= set(t.columns), list(t.columns)
        assert len(t) == len(want), (len(t), len(want))
        assert sorted(t[key]) == sorted(want[key])
        assert str(want.iloc[0][key]) in a.text or str(t.iloc[0][key]) in a.text, a.text
    return check


def refused(*hints: str) -> Check:
    """Not answerable from the data: no number made up, and the message says what exists."""
    def check(a, d):
        assert a.status in ("cannot_answer", "needs_clarification"), a.text
        assert a.table is None or a.table.empty
        for h in hints:
            assert h in a.text, (h, a.text)
    return check


def slope(target: str, feature: str) -> Check:
    """"does X predict Y": a regression of Y on X whose slope is numpy's least squares."""
    def check(a, d):
        _answered(a)
        assert a.plan.tool.name == "linear_regression"
        sub = d[[feature, target]].dropna()
        b = np.polyfit(sub[feature], sub[target], 1)[0]
        coef = a.tool_result.coefficients[feature]
        assert _close(coef, b), (coef, b)
    return check


@dataclass
class Case:
    data: str
    question: str
    check: Check

    @property
    def id(self) -> str:
        return f"{self.data}: {self.question}"


CASES = [
    # fair (a survey of married women): multi-word names, people nouns, "number of"
    Case("fair", "avg marriage rating for women under 25",
         value(lambda d: d[d.age < 25].rate_marriage.mean())),
    Case("fair", "average affairs by number of children",
         groups("children", lambda d: d.groupby("children").affairs.mean())),
    Case("fair", "what's the average number of children", value(lambda d: d.children.mean())),
    Case("fair", "how many respondents have more than 3 children",
         value(lambda d: (d.children > 3).sum())),
    Case("fair", "how many women are older than 40", value(lambda d: (d.age > 40).sum())),
    Case("fair", "median years married", value(lambda d: d.yrs_married.median())),
    Case("fair", "average affairs for women older than 40",
         value(lambda d: d[d.age > 40].affairs.mean())),
    Case("fair", "does age predict affairs", slope("affairs", "age")),
    # fleet: made-up answers, listings, arg-max rows, a maximum in every group
    Case("fleet", "how many seats do the vans have", refused("seats", "Columns")),
    Case("fleet", "what do the vans cost on average", refused("which column")),
    Case("fleet", "how many vans have a sunroof", refused("sunroof")),
    Case("fleet", "show the vans with kpl over 18",
         rows("Model", lambda d: d[d.Kilometers_per_Liter > 18], "Kilometers_per_Liter")),
    Case("fleet", "list vans with more than 220 horsepower",
         rows("Model", lambda d: d[d.Horsepower > 220], "Horsepower")),
    Case("fleet", "which van has the highest horsepower",
         label(lambda d: d.loc[d.Horsepower.idxmax(), "Model"], "Model")),
    Case("fleet", "what is the heaviest van",
         label(lambda d: d.loc[d.Weight_in_kg.idxmax(), "Model"], "Model")),
    Case("fleet", "the 4 lightest vans",
         rows("Model", lambda d: d.nsmallest(4, "Weight_in_kg"), "Weight_in_kg")),
    Case("fleet", "how many vans in each market",
         groups("Market", lambda d: d.groupby("Market").size())),
    Case("fleet", "the heaviest weight in each market",
         groups("Market", lambda d: d.groupby("Market").Weight_in_kg.max())),
    # iowa-electricity: one measure, named by what it measures
    Case("iowa", "which source generated the most electricity",
         label(lambda d: d.groupby("source").net_generation.sum().idxmax(), "source")),
    Case("iowa", "which source produced the most power",
         label(lambda d: d.groupby("source").net_generation.sum().idxmax(), "source")),
    Case("iowa", "how much electricity was generated in 2017",
         value(lambda d: d[d.year.dt.year == 2017].net_generation.sum())),
    # nile, passed unnamed: the subject word must not block the question
    Case("nile", "nile volume over time", groups("year", lambda d: d.groupby("year").volume.sum())),
    Case("nile", "average nile volume", value(lambda d: d.volume.mean())),
    Case("nile", "weather in Paris tomorrow", refused()),
    # grunfeld (firm investment panel)
    Case("grunfeld", "which firm invested the most",
         label(lambda d: d.groupby("firm").invest.sum().idxmax(), "firm")),
    Case("grunfeld", "average investment by firm",
         groups("firm", lambda d: d.groupby("firm").invest.mean())),
    Case("grunfeld", "total invest per year", groups("year", lambda d: d.groupby("year").invest.sum())),
    Case("grunfeld", "how many firms are there", value(lambda d: d.firm.nunique())),
    Case("grunfeld", "capital of General Motors in 1950",
         value(lambda d: d[(d.firm == "General Motors") & (d.year == 1950)].capital.mean())),
    Case("grunfeld", "show invest over time for US Steel",
         groups("year", lambda d: d[d.firm == "US Steel"].groupby("year").invest.mean())),
    Case("grunfeld", "top 3 firms by average value",
         groups("firm", lambda d: d.groupby("firm").value.mean().nlargest(3))),
    Case("grunfeld", "does capital predict invest", slope("invest", "capital")),
    Case("grunfeld", "how many employees does each firm have", refused("employees")),
    # anes96 (1996 election survey)
    Case("anes96", "how many respondents are older than 60", value(lambda d: (d.age > 60).sum())),
    Case("anes96", "average age by vote", groups("vote", lambda d: d.groupby("vote").age.mean())),
    Case("anes96", "median income", value(lambda d: d.income.median())),
    Case("anes96", "average TVnews for voters under 30",
         value(lambda d: d[d.age < 30].TVnews.mean())),
    Case("anes96", "which state has the most voters", refused("state")),
    # sklearn diabetes
    Case("diabetes", "average bmi by sex", groups("sex", lambda d: d.groupby("sex").bmi.mean())),
    Case("diabetes", "does bmi predict target", slope("target", "bmi")),
    # wide tables: one column per stock / medal / candidate
    Case("stocks", "which stock had the highest price",
         label(lambda d: d.drop(columns="date").max().idxmax())),
    Case("stocks", "which stock had the highest average price",
         label(lambda d: d.drop(columns="date").mean().idxmax())),
    Case("stocks", "which stock had the lowest average price in 2019",
         label(lambda d: d[d.date.str.startswith("2019")].drop(columns="date").mean().idxmin())),
    Case("medals", "which medal type is most common",
         label(lambda d: d[["gold", "silver", "bronze"]].sum().idxmax())),
    Case("medals", "which nation took the most gold medals",
         label(lambda d: d.loc[d.gold.idxmax(), "nation"], "nation")),
    Case("medals", "total silver medals", value(lambda d: d.silver.sum())),
    Case("election", "which candidate got the most votes",
         label(lambda d: d[["Coderre", "Bergeron", "Joly"]].sum().idxmax())),
    Case("election", "which district had the highest turnout", refused("turnout")),
    # derived measures
    Case("tips", "tip percentage", value(lambda d: (d.tip / d.total_bill * 100).mean())),
    Case("tips", "tip as a share of the bill", value(lambda d: (d.tip / d.total_bill * 100).mean())),
    Case("tips", "average tip percentage by day",
         groups("day", lambda d: (d.tip / d.total_bill * 100).groupby(d.day).mean())),
    Case("tips", "median tip percentage for smokers",
         value(lambda d: (d.tip / d.total_bill * 100)[d.smoker == "Yes"].median())),
    Case("tips", "average tip for parties of 4", value(lambda d: d[d["size"] == 4].tip.mean())),
    Case("sales", "price per unit", value(lambda d: (d.price / d.units).mean())),
    Case("election", "average Joly percentage by winner",
         groups("winner", lambda d: (d.Joly / d.total * 100).groupby(d.winner).mean())),
    # plotly wind, carshare, experiment
    Case("wind", "total frequency by direction",
         groups("direction", lambda d: d.groupby("direction").frequency.sum())),
    Case("wind", "which direction has the highest total frequency",
         label(lambda d: d.groupby("direction").frequency.sum().idxmax(), "direction")),
    Case("wind", "average wind speed in Paris", refused("Paris")),
    Case("carshare", "average car hours by peak hour",
         groups("peak_hour", lambda d: d.groupby("peak_hour").car_hours.mean())),
    Case("carshare", "which peak hour has the most car hours",
         label(lambda d: d.groupby("peak_hour").car_hours.sum().idxmax(), "peak_hour")),
    Case("experiment", "average experiment 1 score by group",
         groups("group", lambda d: d.groupby("group").experiment_1.mean())),
    # vega barley, la-riots, driving; statsmodels copper, stackloss
    Case("barley", "average yield by site", groups("site", lambda d: d.groupby("site")["yield"].mean())),
    Case("barley", "which variety had the highest yield",
         label(lambda d: d.groupby("variety")["yield"].mean().idxmax(), "variety")),
    Case("barley", "yield in 1931 vs 1932", groups("year", lambda d: d.groupby("year")["yield"].mean())),
    Case("riots", "average age of the victims by gender",
         groups("gender", lambda d: d.groupby("gender").age.mean())),
    Case("riots", "how many victims were older than 40", value(lambda d: (d.age > 40).sum())),
    Case("driving", "gas price in 1990", value(lambda d: d[d.year == 1990].gas.mean())),
    Case("driving", "miles driven over time", groups("year", lambda d: d.groupby("year").miles.mean())),
    Case("copper", "does copper price affect world consumption",
         slope("WORLDCONSUMPTION", "COPPERPRICE")),
    Case("stackloss", "average stack loss", value(lambda d: d.STACKLOSS.mean())),
    Case("stackloss", "does air flow predict stack loss", slope("STACKLOSS", "AIRFLOW")),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_unseen_question(case: Case):
    d = frame(case.data)
    before = d.copy()
    a = ask(d, case.question)
    case.check(a, d)
    pd.testing.assert_frame_equal(d, before)  # the data is never changed


# -- modelling answers with their numbers ------------------------------------------------------

def test_correlation_states_pearson_r():
    d = frame("diabetes")
    a = ask(d, "correlation between bmi and target")
    _answered(a)
    assert f"{d.bmi.corr(d.target):.3f}" in a.text


def test_t_test_between_men_and_women_uses_the_gender_values():
    from scipy import stats

    d = frame("experiment")
    a = ask(d, "is experiment 2 different between men and women")
    _answered(a)
    assert a.plan.tool.name == "t_test"
    p = stats.ttest_ind(d[d.gender == "male"].experiment_2, d[d.gender == "female"].experiment_2,
                        equal_var=False).pvalue
    assert f"p = {p:.3f}" in a.text


@pytest.mark.parametrize("question, steps", [
    ("forecast sales for the next 6 months", 6),
    ("forecast sales for the next 2 years", 24),   # years on monthly data: 24 months
    ("predict units for the next quarter", 3),
])
def test_forecast_horizon_follows_the_question_in_the_data_frequency(question, steps):
    d = frame("sales")
    a = ask(d, question)
    _answered(a)
    fc = a.table
    assert len(fc) == steps
    first = (d.month.max() + pd.offsets.MonthBegin(1)).strftime("%b %Y")  # "Jan 2024"
    assert f"{first}:" in a.text and f"next {steps} months" in a.text
    lower, upper = fc["lower"].iloc[0], fc["upper"].iloc[0]
    from nbdatachat.service.narrate import fmt_num

    assert f"interval for {first} is {fmt_num(lower)} to {fmt_num(upper)}" in a.text
    assert lower < fc["forecast"].iloc[0] < upper


# -- the pieces behind the answers ---------------------------------------------------------

def _run_code(a, d: pd.DataFrame):
    scope: dict = {"df": d.copy()}
    exec(a.code, scope)  # the code shown to users, run by the test to prove it matches
    return scope["result"]


def test_ratio_pandas_code_reproduces_the_answer():
    d = frame("tips")
    a = ask(d, "average tip percentage by day")
    _answered(a)
    out = _run_code(a, d)
    col = a.plan.measures[0].alias
    got = dict(zip(a.table["day"], a.table[col]))
    want = dict(zip(out["day"], out[col]))
    assert got.keys() == want.keys() and all(_close(got[k], want[k]) for k in got)


def test_unpivot_pandas_code_and_sql_reproduce_the_answer():
    d = frame("stocks")
    a = ask(d, "which stock had the highest average price")
    _answered(a)
    assert "UNION ALL" in a.sql  # the columns are stacked, portably
    out = _run_code(a, d)
    assert out.iloc[0].tolist()[0] == a.table.iloc[0, 0]
    assert _close(out.iloc[0, 1], a.table.iloc[0, 1])


def test_bad_unpivot_and_ratio_plans_get_typed_errors():
    from nbdatachat.errors import InvalidRequest
    from nbdatachat.planner.plan import Measure, Plan
    from nbdatachat.query import open_source, validate_plan

    schema = open_source(frame("tips"), name="tips_unseen").schema
    bad_stack = Plan(measures=[Measure("sum", "v")], group_by=["k"],
                     unpivot={"columns": ["tip", "day"], "name": "k", "value": "v"})
    with pytest.raises(InvalidRequest, match="numeric"):
        validate_plan(bad_stack, schema)
    clash = Plan(measures=[Measure("sum", "tip")], group_by=["k"],
                 unpivot={"columns": ["tip", "total_bill"], "name": "k", "value": "size"})
    with pytest.raises(InvalidRequest, match="already has a column"):
        validate_plan(clash, schema)
    with pytest.raises(InvalidRequest, match="ratio"):
        validate_plan(Plan(measures=[Measure("mean", "tip", over="day")]), schema)


def test_follow_up_chart_title_names_the_active_filter():
    d = frame("tips")
    a = ask(d, "average tip by day")
    b = ask(d, "only for dinner", conversation=a.conversation_id)
    _answered(b)
    assert b.suggestion["title"] == "Average tip by day (time = Dinner)"
    want = d[d.time == "Dinner"].groupby("day").tip.mean()
    got = dict(zip(b.table["day"], b.table["mean_tip"]))
    assert all(_close(got[k], v) for k, v in want.items())


def test_kmeans_with_a_feature_named_size():
    import nbdatachat

    d = frame("tips")
    r = nbdatachat.run_tool("kmeans", dataset=d, features=["size", "tip", "total_bill"], k=3)
    t = r.tables["clusters"]
    assert list(t.columns[:3]) == ["cluster", "cluster_size", "share"]
    assert int(t["cluster_size"].sum()) == len(d)
    labels = r.plot_data["labels"]["cluster"].to_numpy()
    for _, row in t.iterrows():  # centroids are the cluster means of the real columns
        members = d.loc[labels == row["cluster"]]
        assert _close(row["size"], members["size"].mean())
        assert int(row["cluster_size"]) == len(members)
    a = ask(d, "cluster the bills by size and tip into 3 segments")
    _answered(a)


@pytest.mark.parametrize("question", [
    "total invest by firm", "share of invest by firm", "which firm invested the most",
    "top 3 firms by average value", "average value by year",
])
def test_fast_chart_path_chooses_what_the_general_path_chooses(monkeypatch, question):
    from nbdatachat.charts import build as build_mod

    d = frame("grunfeld")
    fast = ask(d, question).chart_spec
    monkeypatch.setattr(build_mod, "FAST_ROWS", 0)
    slow = ask(d, question).chart_spec
    assert fast is not None and slow is not None
    assert (fast.kind, fast.x, fast.y, fast.title, fast.sort_field, fast.sort_direction,
            fast.notes) == (slow.kind, slow.x, slow.y, slow.title, slow.sort_field,
                            slow.sort_direction, slow.notes)
    pd.testing.assert_frame_equal(fast.data.reset_index(drop=True),
                                  slow.data.reset_index(drop=True))


def test_unseen_refusals_name_the_closest_columns():
    a = ask(frame("fleet"), "how many seats do the vans have")
    assert re.search(r"Columns: Model, Kilometers_per_Liter", a.text)
    assert a.options, a.options
