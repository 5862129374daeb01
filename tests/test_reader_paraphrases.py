"""Paraphrase families: at least five phrasings of each construct the question reader knows,
each answer checked against pandas computed here, on tables generated in this file (not the
benchmark's tables, not the development sets). A phrasing the reader cannot read must be
refused, never answered wrongly: every test checks the value, not only the status."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nbdatachat import ask
from nbdatachat.service import Conversation


@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 600
    d = pd.DataFrame({
        "order_id": np.arange(1, n + 1),
        "region": rng.choice(["North", "South", "East", "West"], n, p=[.4, .3, .2, .1]),
        "product": rng.choice(["Widget", "Gadget", "Gizmo"], n),
        "channel": rng.choice(["Online", "Store"], n),
        "returned": rng.choice(["Yes", "No"], n, p=[.2, .8]),
        "units": rng.integers(1, 9, n),
        "price": rng.gamma(4, 12, n).round(2),
        "order_date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 730, n),
                                                                   unit="D"),
    })
    d["revenue"] = (d.units * d.price).round(2)
    d["discount"] = rng.uniform(0, 0.3, n).round(3)
    d.loc[rng.choice(n, 37, replace=False), "discount"] = np.nan
    return d


@pytest.fixture(scope="module")
def stations() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    dates = pd.date_range("2021-01-01", periods=365, freq="D")
    rows = []
    for st in ("Alpha", "Bravo", "Charlie"):
        high = 15 + 10 * np.sin(np.arange(365) / 58) + rng.normal(0, 3, 365)
        rows.append(pd.DataFrame({"station": st, "date": dates, "temp_high": high.round(1),
                                  "temp_low": (high - rng.uniform(4, 9, 365)).round(1),
                                  "rain_mm": rng.exponential(2, 365).round(1)}))
    return pd.concat(rows, ignore_index=True)


def number(a) -> float:
    assert a.status == "answered", (a.question, a.status, a.text)
    assert a.table is not None and len(a.table) == 1, (a.question, a.table)
    return float(a.table.iloc[0, -1])


def numbers(a) -> list[float]:
    assert a.status == "answered", (a.question, a.status, a.text)
    return [float(x) for x in a.table.iloc[0] if isinstance(x, (int, float, np.number))]


def groups(a, key: str) -> dict:
    assert a.status == "answered", (a.question, a.status, a.text)
    t = a.table
    assert key in t.columns, (a.question, list(t.columns))
    return {k: round(float(v), 6) for k, v in zip(t[key], t.iloc[:, -1])}


def expect_groups(series: pd.Series) -> dict:
    return {k: round(float(v), 6) for k, v in series.items()}


# -- negation: not, no, n't, non-, except, excluding, other than, without, apart from ----------

@pytest.mark.parametrize("question", [
    "average price except in the North",
    "mean price excluding North",
    "average price for regions other than North",
    "average price apart from the North region",
    "avg price without North",
    "what is the average price not in the North",
    "average price, North excluded",
])
def test_negated_value(orders, question):
    a = ask(orders, question)
    assert number(a) == pytest.approx(orders[orders.region != "North"].price.mean())


@pytest.mark.parametrize("question", [
    "how many orders were not returned",
    "how many orders weren't returned",
    "number of non-returned orders",
    "count of orders that were not returned",
    "how many orders didn't get returned",
])
def test_negated_yes_no_column(orders, question):
    assert number(ask(orders, question)) == (orders.returned == "No").sum()


@pytest.mark.parametrize("question", [
    "total revenue excluding North and South",
    "total revenue except North or South",
    "sum of revenue other than North and South",
    "total revenue without the North and South regions",
    "total revenue apart from North and South",
])
def test_negated_value_list(orders, question):
    sel = orders[~orders.region.isin(["North", "South"])]
    assert number(ask(orders, question)) == pytest.approx(sel.revenue.sum())


# -- several aggregations; missing values -----------------------------------------------------

@pytest.mark.parametrize("question", [
    "mean and median of price", "average and median price", "the mean and median price",
    "median and mean of price", "price mean and median",
])
def test_mean_and_median(orders, question):
    a = ask(orders, question)
    got = sorted(numbers(a))
    assert got == pytest.approx(sorted([orders.price.mean(), orders.price.median()]))


@pytest.mark.parametrize("question", [
    "how many discounts are missing", "number of missing discount values",
    "how many discount values are missing", "count of missing discount",
    "how many rows have a missing discount", "how many discounts are null",
])
def test_missing_counts(orders, question):
    assert number(ask(orders, question)) == orders.discount.isna().sum()


# -- value lists with or / and; ranges; comparatives ----------------------------------------------

@pytest.mark.parametrize("question", [
    "total revenue in North or South", "total revenue for North and South",
    "revenue of the North and South regions in total", "sum of revenue for North, South",
    "total revenue where region is North or South",
])
def test_value_lists(orders, question):
    sel = orders[orders.region.isin(["North", "South"])]
    assert number(ask(orders, question)) == pytest.approx(sel.revenue.sum())


@pytest.mark.parametrize("question", [
    "how many orders had between 2 and 5 units", "number of orders with 2-5 units",
    "how many orders with units from 2 to 5", "count orders with units between 2 and 5",
    "how many orders have 2 to 5 units",
])
def test_ranges(orders, question):
    assert number(ask(orders, question)) == orders.units.between(2, 5).sum()


@pytest.mark.parametrize("question, expected", [
    ("how many orders had more than 4 units", lambda d: (d.units > 4).sum()),
    ("number of orders with over 4 units", lambda d: (d.units > 4).sum()),
    ("how many orders with units greater than 4", lambda d: (d.units > 4).sum()),
    ("how many orders with at least 5 units", lambda d: (d.units >= 5).sum()),
    ("how many orders with 5 or more units", lambda d: (d.units >= 5).sum()),
    ("how many orders had no more than 3 units", lambda d: (d.units <= 3).sum()),
    ("how many orders had a price under 20", lambda d: (d.price < 20).sum()),
    ("how many orders cost less than $20", lambda d: (d.price < 20).sum()),
    ("how many orders with price above average", lambda d: (d.price > d.price.mean()).sum()),
])
def test_comparatives(orders, question, expected):
    assert number(ask(orders, question)) == expected(orders)


# -- grouping words -----------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "average price by region", "average price per region", "average price for each region",
    "average price in each region", "average price broken down by region",
    "average price across regions", "average price grouped by region",
])
def test_grouping_words(orders, question):
    assert groups(ask(orders, question), "region") == \
        expect_groups(orders.groupby("region").price.mean())


# -- time ranges --------------------------------------------------------------------------------

@pytest.mark.parametrize("question, pick", [
    ("total revenue in 2023", lambda d: d.order_date.dt.year == 2023),
    ("total revenue in December 2023",
     lambda d: (d.order_date.dt.year == 2023) & (d.order_date.dt.month == 12)),
    ("total revenue since 2023", lambda d: d.order_date >= "2023-01-01"),
    ("total revenue before 2023", lambda d: d.order_date < "2023-01-01"),
    ("total revenue after 2022", lambda d: d.order_date >= "2023-01-01"),
    ("total revenue in the last 3 months",
     lambda d: d.order_date >= (d.order_date.max().to_period("M") - 2).start_time),
])
def test_time_ranges(orders, question, pick):
    assert number(ask(orders, question)) == pytest.approx(orders[pick(orders)].revenue.sum())


# -- chart directives ---------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "scatterplot of price vs units", "price against units as a scatter plot",
    "plot units on the x axis and price on the y axis", "scatter chart of price by units",
    "price vs units", "show price versus units",
])
def test_scatter_directives(orders, question):
    a = ask(orders, question)
    assert a.status == "answered", (question, a.text)
    assert a.plan.kind == "rows" and a.plan.chart == "scatter"
    assert list(a.plan.columns[:2]) == ["units", "price"]  # x, y


@pytest.mark.parametrize("question", [
    "histogram of price", "distribution of price", "show me the spread of price",
    "histogram of orders by price", "price histogram", "histogram of price, bin size 5",
])
def test_histogram_directives(orders, question):
    a = ask(orders, question)
    assert a.status == "answered", (question, a.text)
    assert a.plan.kind == "distribution" and a.plan.columns == ["price"]


@pytest.mark.parametrize("question, kind", [
    ("bar chart of revenue by region", "bar"), ("revenue by region as a pie chart", "pie"),
    ("line chart of total revenue over time", "line"), ("total revenue by region, bar graph",
                                                          "bar"),
    ("show total revenue by product as a donut", "donut"),
])
def test_chart_kinds(orders, question, kind):
    a = ask(orders, question)
    assert a.status == "answered" and a.plan.chart == kind, (question, a.text)


# -- follow-ups by form; a new question starts a new plan -------------------------------------------

@pytest.mark.parametrize("follow", [
    "what about South?", "and for South?", "same for South", "only South", "how about South",
])
def test_follow_ups(orders, follow):
    conv = Conversation()
    ask(orders, "average price in the North by product", conversation=conv)
    a = ask(orders, follow, conversation=conv)
    assert groups(a, "product") == expect_groups(
        orders[orders.region == "South"].groupby("product").price.mean())


@pytest.mark.parametrize("new", [
    "which region has the most orders", "how many orders were returned",
    "total revenue by channel", "median units", "which product has the highest total revenue",
])
def test_new_question_starts_a_new_plan(orders, new):
    conv = Conversation()
    ask(orders, "average price by region", conversation=conv)
    a = ask(orders, new, conversation=conv)
    fresh = ask(orders, new)
    assert a.status == fresh.status == "answered"
    assert str(a.plan) == str(fresh.plan)


# -- superlatives, words that imply a column --------------------------------------------------------

@pytest.mark.parametrize("question", [
    "which region has the highest total revenue", "region with the most revenue",
    "which region brought in the most revenue", "the top region by total revenue",
    "which region had the largest revenue in total",
])
def test_argmax(orders, question):
    a = ask(orders, question)
    assert a.status == "answered", (question, a.text)
    assert a.table.iloc[0, 0] == orders.groupby("region").revenue.sum().idxmax()


@pytest.mark.parametrize("question, agg", [
    ("what was the hottest day", "max"), ("which day was the warmest", "max"),
    ("the coldest day", "min"), ("what was the coolest day", "min"),
    ("hottest day at Alpha", "max"),
])
def test_implied_temperature(stations, question, agg):
    a = ask(stations, question)
    assert a.status == "answered", (question, a.text)
    col = "temp_high" if agg == "max" else "temp_low"
    d = stations[stations.station == "Alpha"] if "Alpha" in question else stations
    best = d[col].max() if agg == "max" else d[col].min()
    assert best in a.table[col].tolist()


# -- refusals name the word ---------------------------------------------------------------------

@pytest.mark.parametrize("question, word", [
    ("does the weather predict revenue", "weather"),
    ("average salary by region", "salary"),
    ("how many complaints did North get", "complaints"),
    ("which courier delivered the most orders", "courier"),
    ("average price for premium customers", "premium"),
])
def test_refusals_name_the_word(orders, question, word):
    a = ask(orders, question)
    assert a.status in ("cannot_answer", "needs_clarification"), (question, a.text)
    assert word in a.text
