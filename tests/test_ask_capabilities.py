"""``nbdatachat.ask`` end to end on real data: every capability, numbers checked against
pandas (and statsmodels/scipy for the modelling questions)."""

from __future__ import annotations

import json
import re

import duckdb
import numpy as np
import pandas as pd
import plotly.data
import pytest

import nbdatachat
from nbdatachat import ask
from nbdatachat.data import SQLTable


def numbers_in(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*\.?\d*", text)]


def holds(a, value: float) -> bool:
    """The engine's own number, not a rounding of the sentence: a cell of the answer's table
    equals ``value`` (to 1e-9 relative) and the sentence states it as formatted."""
    from nbdatachat.service.narrate import fmt_num

    cells = [float(x) for row in a.table.itertuples(index=False) for x in row
             if isinstance(x, (int, float, np.number)) and not isinstance(x, bool)]
    in_table = any(x == pytest.approx(value, rel=1e-9, abs=1e-12) for x in cells)
    return in_table and fmt_num(value) in a.text


def answered(data, question, **kw):
    a = ask(data, question, **kw)
    assert a.status == "answered", (question, a.text)
    return a


def test_scalar_aggregates(tips):
    for q, expected in [("average tip", tips.tip.mean()),
                        ("what is the median total bill", tips.total_bill.median()),
                        ("total tips", tips.tip.sum()),
                        ("standard deviation of tip", tips.tip.std()),
                        ("90th percentile of total bill", tips.total_bill.quantile(0.9)),
                        ("largest tip", tips.tip.max()),
                        ("how many rows are there", len(tips))]:
        a = answered(tips, q)
        assert holds(a, expected), (q, a.text, expected)
        assert a.table.iloc[0, -1] == pytest.approx(expected)


def test_group_by_one_and_two_keys(tips):
    a = answered(tips, "average tip per day")
    expected = tips.groupby("day")["tip"].mean()
    got = a.table.set_index("day").iloc[:, 0]
    pd.testing.assert_series_equal(got, expected, check_names=False)
    assert a.chart_spec is not None and a.suggestion["graphType"] == "Vertical Bar Chart"
    a = answered(tips, "total bill by day and time")
    expected = tips.groupby(["day", "time"])["total_bill"].sum()
    got = a.table.set_index(["day", "time"]).iloc[:, 0]
    pd.testing.assert_series_equal(got, expected, check_names=False)


def test_filters_and_counts(tips, gap):
    a = answered(tips, "how many dinners had a tip over 5")
    assert a.table.iloc[0, 0] == ((tips.time == "Dinner") & (tips.tip > 5)).sum()
    a = answered(tips, "average tip for smokers on Sunday")
    assert holds(a, tips[(tips.smoker == "Yes") & (tips.day == "Sun")].tip.mean())
    a = answered(gap, "how many countries are in Europe")
    assert a.table.iloc[0, 0] == gap[gap.continent == "Europe"].country.nunique()
    sales = nbdatachat.catalog.get("sales").frame()
    a = answered("sales", "total sales in 2022 for the West region")
    sel = sales[(sales.month.dt.year == 2022) & (sales.region == "West")]
    assert holds(a, sel.sales.sum())
    a = answered(gap, "average life expectancy in Africa between 1990 and 2000")
    sel = gap[(gap.continent == "Africa") & gap.year.between(1990, 2000)]
    assert holds(a, sel.lifeExp.mean())


def test_top_n_and_argmax(gap, tips):
    a = answered(gap, "top 5 countries by population in 2007")
    expected = gap[gap.year == 2007].groupby("country")["pop"].sum().nlargest(5)
    assert a.table["country"].tolist() == expected.index.tolist()
    assert a.table.iloc[:, -1].tolist() == expected.tolist()
    a = answered(tips, "which day has the highest average bill")
    best = tips.groupby("day")["total_bill"].mean().idxmax()
    assert a.text.startswith(best)
    a = answered(gap, "which continent had the lowest life expectancy in 2007")
    worst = gap[gap.year == 2007].groupby("continent")["lifeExp"].mean().idxmin()
    assert worst in a.text.split(" has ")[0]
    a = answered(tips, "most common day")
    assert a.text.startswith(tips.day.value_counts().idxmax())


def test_time_series_granularity_and_line_chart():
    sales = nbdatachat.catalog.get("sales").frame()
    a = answered("sales", "total sales over time")
    expected = sales.groupby("month")["sales"].sum()
    assert len(a.table) == 36
    np.testing.assert_allclose(a.table.iloc[:, 1], expected.to_numpy())
    assert a.chart_spec.kind == "line" and a.suggestion["graphType"] == "Line Chart"
    a = answered("sales", "yearly sales by region")
    expected = sales.groupby([sales.month.dt.year, "region"])["sales"].sum()
    assert len(a.table) == len(expected)
    np.testing.assert_allclose(sorted(a.table.iloc[:, -1]), sorted(expected.to_numpy()))


def test_shares(tips):
    a = answered(tips, "share of total bill by time")
    share = 100 * tips.groupby("time")["total_bill"].sum() / tips.total_bill.sum()
    got = a.table.set_index("time")["share_pct"]
    pd.testing.assert_series_equal(got, share, check_names=False)
    a = answered(tips, "what percentage of bills are over 20")
    assert holds(a, 100 * (tips.total_bill > 20).mean())


def test_distribution_and_scatter(tips):
    a = answered(tips, "distribution of tip")
    assert a.table["median"].iloc[0] == pytest.approx(tips.tip.median())
    assert a.chart_spec.kind == "histogram"
    a = answered(tips, "tip vs total bill")
    assert a.chart_spec.kind == "scatter" and len(a.table) == len(tips)


def test_rows_lookup(tips):
    a = answered(tips, "show rows where tip is more than 7")
    assert sorted(a.table.tip) == sorted(tips[tips.tip > 7].tip)
    assert set(a.table.columns) == set(tips.columns)


def test_correlation_and_regression(tips):
    a = answered(tips, "correlation between total bill and tip")
    assert a.tool_result.statistics["r"] == pytest.approx(tips.total_bill.corr(tips.tip),
                                                           rel=1e-9)
    assert holds(a, tips.total_bill.corr(tips.tip))
    assert "correlation" in str(a.plan)
    import statsmodels.api as sm

    fit = sm.OLS(tips.tip, sm.add_constant(tips.total_bill)).fit()
    a = answered(tips, "does total bill predict tip?")
    assert "linear_regression" in str(a.plan)
    assert a.tool_result.coefficients["total_bill"] == pytest.approx(fit.params["total_bill"],
                                                                     rel=1e-9)
    coef = a.table.set_index(a.table.columns[0]).iloc[:, 0]
    assert coef["total_bill"] == pytest.approx(fit.params["total_bill"], rel=1e-6)


def test_group_differences(tips):
    from scipy import stats

    a = answered(tips, "is the tip different between lunch and dinner?")
    assert "t_test" in str(a.plan)
    p = stats.ttest_ind(tips[tips.time == "Lunch"].tip, tips[tips.time == "Dinner"].tip,
                        equal_var=False).pvalue
    assert a.tool_result.statistics["p_value"] == pytest.approx(p, rel=1e-9)
    a = answered(tips, "does the bill differ across days?")
    assert "anova" in str(a.plan)
    p = stats.f_oneway(*[g.total_bill for _, g in tips.groupby("day")]).pvalue
    assert a.tool_result.statistics["p_value"] == pytest.approx(p, rel=1e-9)


def test_forecast_states_values():
    a = answered("nile", "forecast the flow for the next 5 years")
    assert a.plan.tool.name in ("arima", "exponential_smoothing")
    assert len(a.table) == 5
    flow = nbdatachat.catalog.get("nile").frame().flow
    fc = a.table["forecast"]
    assert fc.between(flow.min() * 0.5, flow.max() * 1.5).all()
    from nbdatachat.service.narrate import fmt_num

    assert fmt_num(fc.iloc[0]) in a.text


def test_duckdb_table_and_dict_of_frames(tips, gap):
    con = duckdb.connect()
    con.execute("CREATE TABLE tips AS SELECT * FROM tips")
    a = answered(SQLTable(con, "tips"), "average tip by day")
    assert a.table.set_index("day").iloc[:, 0].round(6).to_dict() == \
        tips.groupby("day")["tip"].mean().round(6).to_dict()
    a = answered({"tips": tips, "gapminder": gap}, "average life expectancy by continent")
    assert a.dataset == "gapminder" and len(a.table) == 5
    a = ask({"a": tips, "b": tips.copy()}, "average tip by day")
    assert a.status == "needs_clarification" and a.options == ["a", "b"]


def test_answer_contract_and_json(tips):
    a = answered(tips, "average tip by day")
    d = a.to_dict()
    json.dumps(d)  # JSON-safe
    assert d["status"] == "answered" and d["table"]["columns"] == ["day", "mean_tip"]
    assert d["plan"]["group_by"] == ["day"] and d["sql"].startswith("SELECT")
    assert d["chart"]["data"] and d["chartjs"]["type"] == "bar"
    assert set(d["suggestion"]) >= {"graphType", "x_axis", "y_axis", "title"}
    assert d["suggestion"]["x_axis"] == "day"
    assert a.chart is not None and type(a.chart).__name__ == "Figure"
    scope = {"df": tips}
    exec(a.code, scope)
    pd.testing.assert_frame_equal(scope["result"], a.table, check_dtype=False)


def test_segments_route_to_kmeans():
    iris = plotly.data.iris()
    a = answered(iris, "find 3 clusters")
    assert a.plan.tool.name == "kmeans" and a.plan.tool.args["k"] == 3
    assert len(a.table) == 3 and a.table["size"].sum() == len(iris)


def test_row_nouns_and_years_on_unseen_data():
    """General reading, not tied to any dataset: the noun that names the rows ("airports",
    "victims"), years that cannot be a measure's values, verb forms of column names."""
    from vega_datasets import local_data

    airports = local_data.airports()
    a = answered(airports, "which state has the most airports")
    assert a.text.startswith(airports.state.value_counts().idxmax())
    barley = local_data.barley()
    a = answered(barley, "compare yield between 1931 and 1932")
    expected = barley.groupby("year")["yield"].mean()
    assert a.table.set_index("year").iloc[:, 0].round(9).to_dict() == \
        expected.round(9).to_dict()
    ohlc = local_data.ohlc()
    a = answered(ohlc, "average closing price")
    assert holds(a, ohlc.close.mean())
    a = answered(ohlc, "how many days did the stock close above 30")
    assert a.table.iloc[0, 0] == (ohlc.close > 30).sum()
    a = ask(airports, "how many airports are in Atlantis")
    assert a.status == "needs_clarification" and a.options == ["Atlantic"]


def test_text_dates_everyday_values_and_comparisons(tips):
    stocks = plotly.data.stocks()  # dates stored as text
    copy = stocks.copy()
    a = answered(stocks, "monthly MSFT")
    expected = stocks.assign(date=pd.to_datetime(stocks.date)).groupby(
        pd.Grouper(key="date", freq="MS"))["MSFT"].mean()
    np.testing.assert_allclose(a.table.iloc[:, 1], expected.to_numpy())
    assert a.chart_spec.kind == "line"
    scope = {"df": stocks}
    exec(a.code, scope)
    pd.testing.assert_frame_equal(scope["result"], a.table, check_dtype=False)
    assert stocks.equals(copy)
    a = answered(tips, "what's the typical tip on weekends?")
    assert holds(a, tips[tips.day.isin(["Sat", "Sun"])].tip.mean())
    a = answered(tips, "do women tip more than men?")
    assert a.table.set_index("sex").iloc[:, 0].round(9).to_dict() == \
        tips.groupby("sex")["tip"].mean().round(9).to_dict()
    a = answered(tips, "sum of tips for each day sorted descending")
    assert a.table["day"].tolist() == tips.groupby("day")["tip"].sum().sort_values(
        ascending=False).index.tolist()


def test_comparison_with_the_average(tips):
    a = answered(tips, "how many tips were above average")
    assert a.table.iloc[0, 0] == (tips.tip > tips.tip.mean()).sum()
    a = answered(tips, "average bill for tips below the median")
    assert holds(a, tips[tips.tip < tips.tip.median()].total_bill.mean())
    scope = {"df": tips}
    exec(a.code, scope)
    assert scope["result"] == pytest.approx(a.table.iloc[0, 0])
