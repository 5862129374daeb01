"""The planner's reading of questions: plan types, schema model, words -> columns/values,
numbers, comparisons, time, refusals. Real schemas profiled by DuckDB from real data."""

from __future__ import annotations

import json

import plotly.data
import pytest

from nbdatachat.planner import Filter, Measure, Plan, PlanContext, QuestionReader, TimeBucket
from nbdatachat.planner.lexicon import name_tokens, stem
from nbdatachat.planner.tokens import tokenize
from nbdatachat.query import open_source


@pytest.fixture(scope="module")
def tips_schema():
    return open_source(plotly.data.tips(), name="tips").schema


@pytest.fixture(scope="module")
def gap_schema():
    return open_source(plotly.data.gapminder(), name="gapminder").schema


@pytest.fixture(scope="module")
def fleet_schema():
    from benchmarks.questions.datasets import fleet_frame

    return open_source(fleet_frame(), name="fleet").schema


def plan_of(schema, question, previous=None):
    res = QuestionReader().plan(question, schema, PlanContext(previous))
    assert res.status == "ok", (question, res.message)
    return res.plan


# -- plan type -----------------------------------------------------------------------------

def test_plan_round_trips_through_json():
    plan = Plan(measures=[Measure("quantile", "tip", q=0.9), Measure("count")],
                group_by=["day"], time_bucket=TimeBucket("date", "month"),
                filters=[Filter("time", "=", "Dinner"), Filter("size", "between", [2, 4])],
                order_by="count", limit=5, share=True, chart="line", question="q")
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert again == plan
    text = str(again)
    assert text == ("top 5 month of date and day by 90th percentile of tip and number of rows "
                    "where time is Dinner and size is between 2 and 4")


def test_plan_from_dict_rejects_unknown_fields():
    from nbdatachat.errors import InvalidRequest

    with pytest.raises(InvalidRequest, match="Unknown plan field"):
        Plan.from_dict({"kind": "aggregate", "colour": "red"})


# -- names, stems, numbers ---------------------------------------------------------------------

@pytest.mark.parametrize("name, tokens", [
    ("Kilometers_per_Liter", ["kilometers", "per", "liter"]),
    ("gdpPercap", ["gdp", "percap"]),
    ("total_bill", ["total", "bill"]),
    ("petal length (cm)", ["petal", "length", "cm"]),
    ("GDPGrowth2", ["gdp", "growth", "2"]),
])
def test_name_tokens(name, tokens):
    assert name_tokens(name) == tokens


def test_stem_plurals():
    assert [stem(w) for w in ("countries", "days", "smokers", "boxes", "sales", "people")] == \
        ["country", "day", "smoker", "box", "sale", "person"]


def test_tokenize_numbers_money_and_ordinals():
    toks = tokenize("over $1.5m, at least 4, the 90th percentile, 20% and the 1970s")
    nums = [(t.kind, t.value) for t in toks if t.kind in ("num", "decade")]
    assert nums == [("num", 1_500_000.0), ("num", 4.0), ("num", 90.0), ("num", 20.0),
                    ("decade", 1970.0)]
    assert next(t for t in toks if t.value == 20.0).pct


# -- schema model ------------------------------------------------------------------------------

def test_schema_roles_and_values(tips_schema, gap_schema):
    assert tips_schema.col("tip").role == "measure"
    assert tips_schema.col("day").role == "dimension"
    assert tips_schema.col("smoker").binary and tips_schema.col("smoker").truthy == "Yes"
    assert gap_schema.col("year").role == "time" and gap_schema.col("year").year_like
    assert "Japan" in gap_schema.col("country").values


@pytest.mark.parametrize("question, column", [
    ("mean kpl", "Kilometers_per_Liter"),           # initials
    ("mean kilometers per liter", "Kilometers_per_Liter"),
    ("mean hp", "Horsepower"),                       # abbreviation lexicon
    ("average weight", "Weight_in_kg"),              # part of a name
    ("mean accel", "Acceleration"),                  # truncation
])
def test_columns_by_abbreviation_and_parts(fleet_schema, question, column):
    plan = plan_of(fleet_schema, question)
    assert plan.measures[0].column == column


def test_gapminder_phrases(gap_schema):
    plan = plan_of(gap_schema, "median gdp per capita by continent in 2007")
    assert plan.measures == [Measure("median", "gdpPercap")]
    assert plan.group_by == ["continent"]
    assert Filter("year", "=", 2007) in plan.filters
    plan = plan_of(gap_schema, "life expectancy in Japan over time")
    assert plan.measures[0].column == "lifeExp"
    assert Filter("country", "=", "Japan") in plan.filters
    assert plan.group_by == ["year"]


def test_values_case_plural_and_abbreviation(tips_schema):
    plan = plan_of(tips_schema, "average tip for DINNERS on thursday")
    assert Filter("time", "=", "Dinner") in plan.filters
    assert Filter("day", "=", "Thur") in plan.filters


def test_yes_no_column_as_filter(tips_schema):
    assert plan_of(tips_schema, "how many smokers").filters == [Filter("smoker", "=", "Yes")]
    assert plan_of(tips_schema, "average tip of non-smokers").filters == \
        [Filter("smoker", "=", "No")]


# -- numbers and comparisons -----------------------------------------------------------------

@pytest.mark.parametrize("question, flt", [
    ("bills with tip more than 4", Filter("tip", ">", 4)),
    ("tips of at least 5", Filter("tip", ">=", 5)),
    ("rows where total bill is under 20", Filter("total_bill", "<", 20)),
    ("tips between 2 and 3", Filter("tip", "between", [2, 3])),
    ("parties of 4 or more people", Filter("size", ">=", 4)),
    ("tip at most 1.5", Filter("tip", "<=", 1.5)),
])
def test_comparisons(tips_schema, question, flt):
    assert flt in plan_of(tips_schema, "how many " + question).filters


def test_and_or_filters(tips_schema):
    plan = plan_of(tips_schema, "average tip on Saturday or Sunday at dinner")
    assert Filter("day", "in", ["Sat", "Sun"]) in plan.filters
    assert plan.logic == "and"


def test_years_and_relative_periods():
    sales = open_source("sales").schema
    plan = plan_of(sales, "total sales in the last 3 months")
    assert plan.filters == [Filter("month", "date>=", "2023-10-01")]
    plan = plan_of(sales, "total sales since 2022 by region")
    assert plan.filters == [Filter("month", "date>=", "2022-01-01")]
    plan = plan_of(sales, "average price in Q1 2023")
    assert Filter("month", "quarter", 1) in plan.filters
    assert Filter("month", "year", 2023) in plan.filters


def test_time_granularity_follows_the_data():
    sales = open_source("sales").schema  # monthly, 3 years
    assert plan_of(sales, "sales over time").time_bucket == TimeBucket("month", "month")
    assert plan_of(sales, "quarterly sales").time_bucket == TimeBucket("month", "quarter")
    stocks = open_source(plotly.data.stocks(), name="stocks").schema  # weekly strings
    assert stocks.col("date").kind in ("text", "date", "datetime")


# -- intents -----------------------------------------------------------------------------------

def test_top_n_and_argmax(tips_schema, gap_schema):
    plan = plan_of(gap_schema, "top 5 countries by population in 2007")
    assert (plan.group_by, plan.limit, plan.descending) == (["country"], 5, True)
    assert plan.measures[0].column == "pop"
    plan = plan_of(tips_schema, "which day has the highest average bill")
    assert plan.argmax and plan.group_by == ["day"] and plan.measures == [
        Measure("mean", "total_bill")]
    plan = plan_of(tips_schema, "the 2 days with the lowest total tip")
    assert (plan.limit, plan.descending) == (2, False)


def test_modelling_routes(tips_schema, gap_schema):
    p = plan_of(tips_schema, "does total bill predict tip?")
    assert p.tool.name == "linear_regression"
    assert p.tool.args == {"target": "tip", "features": ["total_bill"]}
    assert plan_of(tips_schema, "is tip different between lunch and dinner").tool.name == "t_test"
    assert plan_of(tips_schema, "does tip differ by day").tool.name == "anova"
    assert plan_of(tips_schema, "correlation between total bill and tip").tool.name == \
        "correlation"
    assert plan_of(tips_schema, "what drives smoker?").tool.name == "logistic_regression"
    assert plan_of(gap_schema, "forecast life expectancy for the next 5 years").tool.name \
        in ("arima", "exponential_smoothing")


# -- refusals and clarifications ---------------------------------------------------------------

@pytest.mark.parametrize("question, named", [
    ("what is the weather in Paris tomorrow", "weather"), ("average salary by day", "salary"),
    ("asdf qwer zxcv", "asdf"), ("should I buy more tables?", "buy"), ("", "empty"),
    ("   ", "empty"),
])
def test_refuses_what_the_data_cannot_answer(tips_schema, question, named):
    res = QuestionReader().plan(question, tips_schema)
    assert res.status == "cannot_answer" and res.plan is None
    assert named in res.message


def test_ambiguous_columns_ask_which():
    iris = open_source(plotly.data.iris(), name="iris").schema
    res = QuestionReader().plan("average width", iris)
    assert res.status == "needs_clarification"
    assert set(res.options) == {"sepal_width", "petal_width"}


def test_follow_up_changes_previous_plan(tips_schema):
    first = plan_of(tips_schema, "average tip by day")
    p = plan_of(tips_schema, "now by time instead", first)
    assert p.group_by == ["time"] and p.measures == first.measures
    p = plan_of(tips_schema, "only for dinner", first)
    assert p.filters == [Filter("time", "=", "Dinner")] and p.group_by == ["day"]
    p2 = plan_of(tips_schema, "and lunch?", p)
    assert p2.filters == [Filter("time", "=", "Lunch")]
    assert plan_of(tips_schema, "what about the median?", first).measures == [
        Measure("median", "tip")]
    assert plan_of(tips_schema, "as a line chart", first).chart == "line"
    assert plan_of(tips_schema, "top 2 instead", first).limit == 2
