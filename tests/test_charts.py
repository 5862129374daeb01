"""Charts: chart choice rules on real tables, Plotly / Chart.js / graphSuggestion outputs,
the 1 MB budget, and charts for tool results."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import plotly.data
import pytest

import nbdatachat
from nbdatachat.charts import (GRAPH_TYPES, KINDS, ChartSpec, chart_for_tool, choose_chart,
                               column_kind, humanize)
from nbdatachat.errors import ColumnNotFound, DataError, InvalidRequest, NbDataChatError
from nbdatachat.tools import ToolResult


@pytest.fixture(scope="module")
def gapminder() -> pd.DataFrame:
    return plotly.data.gapminder()


@pytest.fixture(scope="module")
def stocks() -> pd.DataFrame:
    return plotly.data.stocks()


def dumps(obj) -> str:
    return json.dumps(obj, allow_nan=False)


def trace_values(fig, i: int = 0, axis: str = "y") -> list:
    return [None if v is None or (isinstance(v, float) and np.isnan(v)) else v
            for v in np.asarray(getattr(fig.data[i], axis), dtype=object).tolist()]


# --------------------------------------------------------------------------- column typing
def test_column_kinds_come_from_values(tips, gapminder, stocks):
    assert column_kind(tips["day"]) == "ordinal"           # Thur/Fri/Sat/Sun
    assert column_kind(tips["sex"]) == "nominal"
    assert column_kind(tips["total_bill"]) == "quantitative"
    assert column_kind(gapminder["year"], "year") == "temporal"
    assert column_kind(stocks["date"]) == "temporal"       # ISO strings
    assert column_kind(pd.Series(["0-10", "10-20", "20-30", "30+"])) == "ordinal"
    assert column_kind(pd.Series(["Q1", "Q2", "Q3"])) == "ordinal"
    assert column_kind(pd.Series([True, False])) == "nominal"
    # A count between 1000 and 2300 is not a year without a regular step or a year-ish name.
    assert column_kind(pd.Series([1200, 2100, 1500, 1800]), "units") == "quantitative"


def test_humanize():
    assert humanize("total_bill") == "Total Bill"
    assert humanize("lifeExp") == "Life Exp"
    assert humanize("Kilometers_per_Liter") == "Kilometers Per Liter"
    assert humanize("GDP") == "GDP"


# --------------------------------------------------------------------------- rules
def test_category_and_measure_from_raw_rows_is_bar_of_means_in_weekday_order(tips):
    spec = choose_chart(tips, x="day", y="total_bill")
    assert spec.kind == "bar"
    assert spec.title == "Average total_bill by day"
    assert (spec.x_label, spec.y_label) == ("Day", "Average Total Bill")
    assert (spec.sort_field, spec.sort_direction) == ("day", "asc")
    expected = tips.groupby("day")["total_bill"].mean()
    assert spec.data["day"].tolist() == ["Thur", "Fri", "Sat", "Sun"]
    np.testing.assert_allclose(spec.data["total_bill"], expected[spec.data["day"]].to_numpy())
    fig = spec.to_plotly()
    assert list(fig.data[0].x) == ["Thur", "Fri", "Sat", "Sun"]
    np.testing.assert_allclose(fig.data[0].y, expected[["Thur", "Fri", "Sat", "Sun"]])
    assert fig.layout.xaxis.categoryarray == ("Thur", "Fri", "Sat", "Sun")


def test_nominal_category_is_sorted_by_measure_desc(gapminder):
    spec = choose_chart(gapminder, x="continent", y="lifeExp")
    expected = gapminder.groupby("continent")["lifeExp"].mean().sort_values(ascending=False)
    assert spec.kind == "bar" and spec.sort_field == "lifeExp" and spec.sort_direction == "desc"
    assert spec.data["continent"].tolist() == expected.index.tolist()
    np.testing.assert_allclose(spec.to_plotly().data[0].y, expected.to_numpy())
    sugg = spec.to_graph_suggestion()
    assert sugg == {"graphType": "Vertical Bar Chart", "x_axis": "continent",
                    "y_axis": "lifeExp", "color_by": None, "sorting_field": "lifeExp",
                    "sorting_direction": "desc", "title": "Average lifeExp by continent",
                    "x_axis_display_name": "Continent",
                    "y_axis_display_name": "Average Life Exp"}


def test_many_categories_become_horizontal_top_n_with_rest_noted(gapminder):
    latest = gapminder[gapminder["year"] == 2007]
    spec = choose_chart(latest, x="country", y="gdpPercap")
    expected = latest.set_index("country")["gdpPercap"].nlargest(20)
    assert spec.kind == "horizontal_bar"
    assert spec.data["country"].tolist() == expected.index.tolist()
    assert spec.notes == ["showing the top 20 of 142 country values; 122 more left out"]
    fig = spec.to_plotly()
    assert fig.data[0].orientation == "h"
    np.testing.assert_allclose(fig.data[0].x, expected.to_numpy())
    assert fig.layout.yaxis.autorange == "reversed"      # largest on top
    assert "122 more left out" in fig.layout.title.text
    assert choose_chart(latest, x="country", y="gdpPercap", top_n=5).data.shape[0] == 5


def test_time_on_x_is_line_in_time_order(gapminder):
    shuffled = gapminder.sample(frac=1, random_state=3)
    spec = choose_chart(shuffled, x="year", y="lifeExp")
    expected = gapminder.groupby("year")["lifeExp"].mean()
    assert spec.kind == "line" and spec.sort_field == "year"
    assert spec.data["year"].tolist() == expected.index.tolist()
    fig = spec.to_plotly()
    np.testing.assert_allclose(fig.data[0].y, expected.to_numpy())
    assert spec.to_graph_suggestion()["graphType"] == "Line Chart"


def test_wide_time_table_gets_one_line_per_measure(stocks):
    spec = choose_chart(stocks)
    assert spec.kind == "line" and spec.x == "date"
    assert spec.ys == ["GOOG", "AAPL", "AMZN", "FB", "NFLX", "MSFT"]
    fig = spec.to_plotly()
    assert [t.name for t in fig.data] == spec.ys
    np.testing.assert_allclose(fig.data[1].y, stocks["AAPL"].to_numpy())
    assert list(fig.data[0].x[:2]) == ["2018-01-01", "2018-01-08"]


def test_cumulative_intent_over_time_is_stacked_area(gapminder):
    spec = choose_chart(gapminder, x="year", y="pop", color="continent", agg="sum",
                        intent="composition")
    assert spec.kind == "area" and spec.color == "continent"
    fig = spec.to_plotly()
    assert len(fig.data) == 5 and all(t.stackgroup == "one" for t in fig.data)
    asia = gapminder[gapminder.continent == "Asia"].groupby("year")["pop"].sum()
    trace = next(t for t in fig.data if t.name == "Asia")
    np.testing.assert_allclose(trace.y, asia.to_numpy())


def test_two_measures_is_scatter_with_the_table_values(tips):
    spec = choose_chart(tips, x="total_bill", y="tip")
    assert spec.kind == "scatter" and spec.title == "tip vs total_bill"
    fig = spec.to_plotly()
    assert fig.data[0].type == "scatter"
    np.testing.assert_allclose(fig.data[0].x, tips["total_bill"])
    np.testing.assert_allclose(fig.data[0].y, tips["tip"])
    assert "Total Bill" in fig.data[0].hovertemplate
    assert spec.to_graph_suggestion()["graphType"] == "Scatter Chart"


def test_raw_table_without_hints_is_scatter_coloured_by_a_category(tips):
    spec = choose_chart(tips)
    assert spec.kind == "scatter" and (spec.x, spec.y) == ("total_bill", "tip")
    assert spec.color == "sex"
    fig = spec.to_plotly()
    assert sorted(t.name for t in fig.data) == ["Female", "Male"]
    assert sum(len(t.x) for t in fig.data) == len(tips)


def test_one_measure_is_histogram_of_binned_counts(tips):
    spec = choose_chart(tips, x="total_bill")
    assert spec.kind == "histogram" and spec.title == "Distribution of total_bill"
    assert spec.data["count"].sum() == len(tips)
    assert spec.data["bin_start"].iloc[0] <= tips["total_bill"].min()
    assert spec.data["bin_end"].iloc[-1] >= tips["total_bill"].max()
    inside = ((tips["total_bill"] >= spec.data["bin_start"].iloc[0])
              & (tips["total_bill"] < spec.data["bin_end"].iloc[0])).sum()
    assert spec.data["count"].iloc[0] == inside
    fig = spec.to_plotly()
    assert sum(fig.data[0].y) == len(tips)
    assert spec.to_graph_suggestion()["graphType"] == "Histogram"
    # integer data gets one bin per value
    sizes = choose_chart(tips[["size"]]).data
    assert sizes["bin_start"].tolist() == [1, 2, 3, 4, 5, 6]
    assert sizes["count"].tolist() == tips["size"].value_counts().sort_index().tolist()


def test_share_intent_with_few_categories_is_pie_of_sums(tips):
    spec = choose_chart(tips, x="day", y="tip", intent="share")
    expected = tips.groupby("day")["tip"].sum().sort_values(ascending=False)
    assert spec.kind == "pie" and spec.title == "Share of tip by day"
    fig = spec.to_plotly()
    assert list(fig.data[0].labels) == expected.index.tolist()
    np.testing.assert_allclose(fig.data[0].values, expected.to_numpy())
    donut = choose_chart(tips, x="day", y="tip", kind="donut")
    assert donut.to_plotly().data[0].hole > 0
    assert donut.to_graph_suggestion()["graphType"] == "Donut Chart"


def test_share_intent_with_many_categories_stays_bar(gapminder):
    spec = choose_chart(gapminder[gapminder.year == 2007], x="country", y="pop",
                        intent="share")
    assert spec.kind == "horizontal_bar"


def test_second_category_becomes_colour(tips, gapminder):
    spec = choose_chart(tips, x="day", y="tip", color="sex")
    fig = spec.to_plotly()
    assert spec.kind == "bar" and fig.layout.barmode == "group"
    assert sorted(t.name for t in fig.data) == ["Female", "Male"]
    female = next(t for t in fig.data if t.name == "Female")
    exp = tips[tips.sex == "Female"].groupby("day")["tip"].mean()
    np.testing.assert_allclose(female.y, exp[list(female.x)].to_numpy())
    assert spec.title == "Average tip by day and sex"
    assert spec.to_graph_suggestion()["color_by"] == "sex"
    lines = choose_chart(gapminder, x="year", y="lifeExp", color="continent").to_plotly()
    assert len(lines.data) == 5


def test_group_by_result_table_with_two_keys(tips):
    table = tips.groupby(["day", "time"], as_index=False)["total_bill"].sum()
    spec = choose_chart(table)
    assert spec.kind == "bar" and spec.x == "day" and spec.color == "time"
    assert spec.agg is None and spec.title == "total_bill by day and time"


def test_small_integer_key_keeps_natural_order(tips):
    table = tips.groupby("size", as_index=False)["tip"].mean().sort_values("tip")
    spec = choose_chart(table)
    assert spec.kind == "bar" and spec.data["size"].tolist() == [1, 2, 3, 4, 5, 6]
    assert spec.sort_field == "size"


def test_ranking_intent_sorts_even_ordered_categories(tips):
    spec = choose_chart(tips, x="day", y="tip", intent="ranking", agg="sum")
    assert spec.sort_direction == "desc"
    assert spec.data["day"].tolist() == tips.groupby("day")["tip"].sum().sort_values(
        ascending=False).index.tolist()


def test_month_names_keep_calendar_order():
    table = pd.DataFrame({"month": ["Mar", "Jan", "Feb", "Dec"], "sales": [3.0, 9.0, 1.0, 5.0]})
    spec = choose_chart(table)
    assert spec.kind == "bar" and spec.data["month"].tolist() == ["Jan", "Feb", "Mar", "Dec"]


def test_distribution_intent_with_category_is_box_of_quartiles(tips):
    spec = choose_chart(tips, x="day", y="tip", intent="distribution")
    assert spec.kind == "box"
    sat = spec.data.set_index("day").loc["Sat"]
    q = np.quantile(tips.loc[tips.day == "Sat", "tip"], [0.25, 0.5, 0.75])
    np.testing.assert_allclose([sat["q1"], sat["median"], sat["q3"]], q)
    fig = spec.to_plotly()
    assert fig.data[0].type == "box" and len(fig.data[0].q1) == 4


def test_two_categories_are_a_heatmap_of_counts(tips):
    spec = choose_chart(tips, x="day", y="smoker")
    assert spec.kind == "heatmap" and spec.color == "count"
    fig = spec.to_plotly()
    expected = pd.crosstab(tips["smoker"], tips["day"])
    got = pd.DataFrame(fig.data[0].z, index=list(fig.data[0].y), columns=list(fig.data[0].x))
    pd.testing.assert_frame_equal(got.loc[expected.index, expected.columns],
                                  expected.astype(float), check_names=False)


def test_no_chart_for_a_single_number_or_empty_table(tips):
    assert choose_chart(pd.DataFrame({"mean_tip": [tips.tip.mean()]})) is None
    assert choose_chart(tips.iloc[:0]) is None
    assert choose_chart(pd.DataFrame()) is None
    assert choose_chart(pd.DataFrame({"day": ["Thur", "Fri"]})) is None  # nothing measured


def test_forced_kind_follow_up(tips):
    spec = choose_chart(tips, x="day", y="tip", kind="line")
    assert spec.kind == "line" and spec.data["day"].tolist() == ["Thur", "Fri", "Sat", "Sun"]
    assert spec.to_plotly().data[0].type == "scatter"
    with pytest.raises(DataError, match="two numeric columns"):
        choose_chart(tips[["day", "sex", "tip"]], kind="scatter")


def test_input_table_is_not_modified(tips):
    before = tips.copy()
    for kw in ({}, {"x": "day", "y": "tip", "color": "sex"}, {"x": "total_bill"},
               {"x": "day", "y": "tip", "intent": "share"}):
        choose_chart(tips, **kw)
    pd.testing.assert_frame_equal(tips, before)


# --------------------------------------------------------------------------- bad input
def test_bad_input_gets_typed_errors(tips):
    with pytest.raises(ColumnNotFound) as err:
        choose_chart(tips, x="dya", y="tip")
    assert "Did you mean 'day'" in err.value.message
    assert err.value.to_dict()["error"]["code"] == "COLUMN_NOT_FOUND"
    with pytest.raises(InvalidRequest, match="Unknown chart kind 'radar'"):
        choose_chart(tips, kind="radar")
    with pytest.raises(InvalidRequest, match="intent"):
        choose_chart(tips, intent="vibes")
    with pytest.raises(InvalidRequest, match="DataFrame"):
        choose_chart([1, 2, 3])
    with pytest.raises(NbDataChatError):
        ChartSpec("bar", tips, "nope", "tip")


def test_duplicate_and_non_string_column_names_are_handled():
    frame = pd.DataFrame([[1, "a", 2.0], [2, "b", 3.5], [3, "c", 1.0]], columns=[0, "g", "g"])
    spec = choose_chart(frame, x="g", y="0")
    assert spec.kind == "scatter" or spec.kind == "bar"
    assert any("duplicate" in n for n in spec.notes)
    dumps(spec.to_plotly_json())


ODD_TABLES = {
    "all_missing_measure": pd.DataFrame({"g": ["a", "b", "c"], "v": [np.nan] * 3}),
    "bool_key": pd.DataFrame({"flag": [True, False, True, False], "v": [1.0, 2, 3, 4]}),
    "mixed_types": pd.DataFrame({"m": [1, "a", 2.5, None], "v": [1.0, 2, 3, 4]}),
    "thousand_columns": pd.DataFrame(np.arange(50_000.0).reshape(50, 1000),
                                     columns=[f"c{i}" for i in range(1000)]),
    "ordered_categorical": pd.DataFrame({
        "size": pd.Categorical(["S", "L", "M", "M"], categories=["S", "M", "L"], ordered=True),
        "v": [1.0, 2, 3, 4]}),
    "tz_dates": pd.DataFrame({"t": pd.date_range("2024-01-01", periods=30, freq="D",
                                                 tz="Europe/Paris"), "v": np.arange(30.0)}),
    "periods": pd.DataFrame({"p": pd.period_range("2024-01", periods=12, freq="M"),
                             "v": np.arange(12.0)}),
    "age_bins": pd.DataFrame({"age": ["65+", "18-25", "<18", "26-40", "41-64"],
                              "n": [5, 3, 2, 7, 4]}),
    "unicode": pd.DataFrame({"ville": ["Zürich", "São Paulo", "東京"], "pop": [1.0, 2, 3]}),
}


@pytest.mark.parametrize("name", sorted(ODD_TABLES))
def test_odd_tables_give_a_sound_chart_or_none(name):
    table = ODD_TABLES[name]
    before = table.copy()
    spec = choose_chart(table)
    pd.testing.assert_frame_equal(table, before)
    if name == "all_missing_measure":
        assert spec is None
        return
    dumps(spec.to_plotly_json()), dumps(spec.to_chartjs()), dumps(spec.to_dict())
    spec.to_plotly()
    if name == "ordered_categorical":
        assert spec.data["size"].astype(str).tolist() == ["S", "M", "L"]
    if name == "age_bins":
        assert spec.data["age"].tolist() == ["<18", "18-25", "26-40", "41-64", "65+"]
    if name in ("tz_dates", "periods"):
        assert spec.kind == "line"
        labels = spec.to_chartjs()["data"]["labels"]
        assert labels[0] == "2024-01-01"


def test_missing_values_become_null_in_json():
    table = pd.DataFrame({"city": ["A", "B", "C"], "value": [1.5, np.nan, np.inf]})
    spec = choose_chart(table, x="city", y="value", kind="bar")
    pj, cj = spec.to_plotly_json(), spec.to_chartjs()
    dumps(pj), dumps(cj), dumps(spec.to_dict()), dumps(spec.to_graph_suggestion())
    assert sorted(pj["data"][0]["y"], key=lambda v: v is None) == [1.5, None, None]
    assert None in cj["data"]["datasets"][0]["data"]


# --------------------------------------------------------------------------- size budget
def test_million_point_scatter_is_sampled_webgl_and_under_one_megabyte():
    rng = np.random.default_rng(7)
    big = pd.DataFrame({"a": rng.normal(size=1_000_000), "b": rng.normal(size=1_000_000)})
    spec = choose_chart(big, x="a", y="b")
    payload = json.dumps(spec.to_plotly_json())
    assert len(payload) < 1_000_000
    assert "showing a random sample of 5,000 of 1,000,000 points" in spec.notes
    assert "random sample" in spec.to_plotly_json()["layout"]["title"]["text"]
    assert spec.to_plotly_json()["data"][0]["type"] == "scattergl"
    assert len(json.dumps(spec.to_chartjs())) < 1_000_000
    # deterministic sample, every point a real row
    again = choose_chart(big, x="a", y="b")
    pd.testing.assert_frame_equal(spec.data, again.data)
    assert spec.data.index.isin(big.index).all()
    np.testing.assert_array_equal(big.loc[spec.data.index, "b"], spec.data["b"])


def test_long_line_is_bucketed_and_huge_category_bar_capped():
    n = 200_000
    t = pd.date_range("2000-01-01", periods=n, freq="min")
    frame = pd.DataFrame({"t": t, "v": np.arange(n, dtype=float)})
    spec = choose_chart(frame, x="t", y="v")
    assert spec.kind == "line" and len(spec.data) <= 2_000
    assert any("averages 100 consecutive values" in note for note in spec.notes)
    assert spec.data["v"].iloc[0] == pytest.approx(np.arange(100).mean())
    assert len(json.dumps(spec.to_plotly_json())) < 1_000_000
    cats = pd.DataFrame({"id": [f"c{i}" for i in range(100_000)],
                         "v": np.arange(100_000, dtype=float)})
    bar = choose_chart(cats, x="id", y="v")
    assert bar.kind == "horizontal_bar" and len(bar.data) == 20
    assert bar.data["v"].iloc[0] == 99_999.0
    assert len(json.dumps(bar.to_plotly_json())) < 1_000_000


# --------------------------------------------------------------------------- renderers
def _spec_of_each_kind(tips, gapminder) -> dict[str, ChartSpec]:
    return {
        "bar": choose_chart(tips, x="day", y="tip", color="sex"),
        "horizontal_bar": choose_chart(gapminder[gapminder.year == 2007], x="country",
                                       y="lifeExp"),
        "line": choose_chart(gapminder, x="year", y="lifeExp", color="continent"),
        "area": choose_chart(gapminder, x="year", y="pop", kind="area"),
        "scatter": choose_chart(tips, x="total_bill", y="tip", color="smoker"),
        "histogram": choose_chart(tips, x="tip"),
        "pie": choose_chart(tips, x="day", y="tip", kind="pie"),
        "donut": choose_chart(tips, x="time", y="tip", kind="donut"),
        "box": choose_chart(tips, x="day", y="tip", kind="box"),
        "heatmap": choose_chart(tips, x="day", y="smoker", kind="heatmap"),
    }


def test_every_kind_renders_valid_chartjs_plotly_and_suggestion(tips, gapminder):
    specs = _spec_of_each_kind(tips, gapminder)
    assert sorted(specs) == sorted(KINDS)
    chartjs_types = {"bar": "bar", "horizontal_bar": "bar", "line": "line", "area": "line",
                     "scatter": "scatter", "histogram": "bar", "pie": "pie",
                     "donut": "doughnut", "box": "boxplot", "heatmap": "matrix"}
    for kind, spec in specs.items():
        assert spec.kind == kind
        cfg = spec.to_chartjs()
        dumps(cfg)
        assert cfg["chartType"] == kind and cfg["title"] == spec.title
        assert cfg["type"] == chartjs_types[kind]
        assert cfg["options"]["plugins"]["title"] == {"display": True, "text": spec.title}
        datasets = cfg["data"]["datasets"]
        assert datasets and all({"label", "data"} <= set(d) for d in datasets)
        if kind not in ("scatter", "heatmap"):
            n_labels = len(cfg["data"]["labels"])
            assert n_labels > 0 and all(len(d["data"]) == n_labels for d in datasets)
        pj = spec.to_plotly_json()
        dumps(pj)
        assert pj["layout"]["title"]["text"].startswith(spec.title)
        assert pj["layout"]["template"]["layout"]["paper_bgcolor"] == "rgba(0,0,0,0)"
        if kind != "box":  # box hover lists the quartiles itself
            assert all("hovertemplate" in t for t in pj["data"])
        fig = spec.to_plotly()
        assert len(fig.data) == len(pj["data"])
        sugg = spec.to_graph_suggestion()
        assert sugg["graphType"] == GRAPH_TYPES[kind]
        assert set(sugg) == {"graphType", "x_axis", "y_axis", "color_by", "sorting_field",
                             "sorting_direction", "title", "x_axis_display_name",
                             "y_axis_display_name"}
        d = spec.to_dict()
        dumps(d)
        assert d["kind"] == kind and d["n_points"] == len(spec.data)


def test_chartjs_details(tips, gapminder):
    specs = _spec_of_each_kind(tips, gapminder)
    scatter = specs["scatter"].to_chartjs()
    pts = [p for d in scatter["data"]["datasets"] for p in d["data"]]
    assert len(pts) == len(tips) and set(pts[0]) == {"x", "y"}
    assert {d["label"] for d in scatter["data"]["datasets"]} == {"Yes", "No"}
    pie = specs["pie"].to_chartjs()
    ds = pie["data"]["datasets"]
    assert len(ds) == 1 and len(ds[0]["backgroundColor"]) == len(pie["data"]["labels"]) == 4
    np.testing.assert_allclose(sum(ds[0]["data"]), tips["tip"].sum())
    hbar = specs["horizontal_bar"].to_chartjs()
    assert hbar["options"]["indexAxis"] == "y"
    assert hbar["options"]["scales"]["y"]["title"]["text"] == "Country"
    grouped = specs["bar"].to_chartjs()
    male = next(d for d in grouped["data"]["datasets"] if d["label"] == "Male")
    exp = tips[tips.sex == "Male"].groupby("day")["tip"].mean()
    np.testing.assert_allclose(male["data"], exp[grouped["data"]["labels"]].to_numpy())
    hist = specs["histogram"].to_chartjs()
    assert sum(hist["data"]["datasets"][0]["data"]) == len(tips)
    assert hist["data"]["datasets"][0]["barPercentage"] == 1.0
    area = specs["area"].to_chartjs()
    assert area["data"]["datasets"][0]["fill"] == "origin"
    heat = specs["heatmap"].to_chartjs()
    assert sum(p["v"] for p in heat["data"]["datasets"][0]["data"]) == len(tips)
    assert heat["requires"] == ["chartjs-chart-matrix"]


def test_importing_charts_does_not_import_plotly():
    code = ("import sys, nbdatachat.charts as c, pandas as pd; "
            "s = c.choose_chart(pd.DataFrame({'g': ['a', 'b'], 'v': [1, 2]})); "
            "s.to_plotly_json(); s.to_chartjs(); "
            "print(any(m.startswith('plotly') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- tool charts
@pytest.mark.slow  # fits a model (statsmodels import on first use)
def test_forecast_chart_from_real_arima(seed_dataset):
    nile = nbdatachat.catalog.get("nile").frame()
    result = nbdatachat.run_tool("arima", dataset=nile, target="flow", date="year",
                                 horizon=10, order=[1, 1, 1])
    spec = chart_for_tool(result)
    assert spec.kind == "line" and spec.band == ("lower", "upper")
    assert spec.x_label == "Year" and spec.y_label == "Flow"
    fig = spec.to_plotly()
    names = [t.name for t in fig.data]
    assert names[-2:] == ["Actual", "Forecast"]
    actual = fig.data[names.index("Actual")]
    np.testing.assert_allclose(actual.y, nile["flow"].to_numpy())
    forecast = fig.data[names.index("Forecast")]
    fc = result.plot_data["forecast"]
    np.testing.assert_allclose(forecast.y[1:], fc["forecast"].to_numpy())
    assert forecast.y[0] == nile["flow"].iloc[-1]          # joins the last observation
    upper = fig.data[1]
    assert upper.fill == "tonexty"
    np.testing.assert_allclose(upper.y[1:], fc["upper"].to_numpy())
    cfg = spec.to_chartjs()
    dumps(cfg)
    assert [d["label"] for d in cfg["data"]["datasets"]][-2:] == ["lower", "upper"]
    assert cfg["data"]["datasets"][-1]["fill"] == "-1"


def test_fitted_vs_actual_for_a_regression_result(seed_dataset):
    result = nbdatachat.run_tool("linear_regression", dataset="sales", target="sales",
                                 features=["marketing", "price"])
    # the fitted values are checked against an independent least-squares fit
    sales = nbdatachat.catalog.get("sales").frame()
    X = np.column_stack([np.ones(len(sales)), sales[["marketing", "price"]]])
    beta, *_ = np.linalg.lstsq(X, sales["sales"].to_numpy(), rcond=None)
    fitted = result.plot_data["fitted"]
    np.testing.assert_allclose(fitted["fitted"], X @ beta, rtol=1e-9)
    spec = chart_for_tool(result)
    assert spec.kind == "scatter" and spec.identity_line
    assert spec.title.startswith("Actual vs fitted sales")
    fig = spec.to_plotly()
    np.testing.assert_allclose(fig.data[0].x, fitted["fitted"])
    np.testing.assert_allclose(fig.data[0].y, fitted["actual"])
    assert fig.layout.shapes[0].line.dash == "dash"
    dumps(spec.to_chartjs())


@pytest.mark.slow
def test_exponential_smoothing_forecast_on_monthly_dates():
    result = nbdatachat.run_tool("exponential_smoothing", dataset="sales", target="sales",
                                 date="month", aggregate="sum", horizon=6)
    spec = chart_for_tool(result)
    assert spec.kind == "line" and spec.band == ("lower", "upper")
    cfg = spec.to_chartjs()
    dumps(cfg)
    history = result.plot_data["history"]
    assert len(cfg["data"]["labels"]) == len(history) + 6
    assert cfg["data"]["labels"][0] == "2021-01-01"
    actual = next(d for d in cfg["data"]["datasets"] if d["label"] == "Actual")
    np.testing.assert_allclose(actual["data"][:len(history)], history["actual"])


def test_logistic_regression_gets_probability_by_class():
    tips = plotly.data.tips().assign(big=lambda d: (d.tip > 3).astype(int))
    result = nbdatachat.run_tool("logistic_regression", dataset=tips, target="big",
                                 features=["total_bill"])
    spec = chart_for_tool(result)
    assert spec.kind == "box" and len(spec.data) == 2
    fitted = result.plot_data["fitted"]
    med = spec.data.set_index("actual")["median"]
    np.testing.assert_allclose(med["big = 1"], fitted.loc[fitted.actual == 1, "fitted"].median())


def test_cluster_scatter_for_a_kmeans_result(gapminder):
    iris = plotly.data.iris()
    feats = ["petal_length", "petal_width"]
    result = nbdatachat.run_tool("kmeans", dataset=iris, features=feats, k=3)
    spec = chart_for_tool(result)
    assert spec.kind == "scatter" and spec.color is not None
    fig = spec.to_plotly()
    assert len(fig.data) == 3
    assert sum(len(t.x) for t in fig.data) == len(iris)
    sizes = result.plot_data["labels"]["cluster"].value_counts()
    assert sorted(len(t.x) for t in fig.data) == sorted(sizes)


def test_correlation_heatmap_and_group_means(tips):
    cols = ["total_bill", "tip", "size"]
    corr = tips[cols].corr()
    result = nbdatachat.run_tool("correlation", dataset=tips, features=cols)
    spec = chart_for_tool(result)
    assert spec.kind == "heatmap"
    z = np.array(spec.to_plotly().data[0].z, dtype=float)
    np.testing.assert_allclose(np.sort(z.ravel()), np.sort(corr.to_numpy().ravel()))
    assert spec.to_plotly().data[0].zmid == 0

    stats = tips.groupby("sex")["tip"].agg(["mean", "std", "count"]).reset_index()
    stats = stats.rename(columns={"count": "n"})
    result = nbdatachat.run_tool("t_test", dataset=tips, target="tip", group="sex")
    spec = chart_for_tool(result)
    assert spec is not None and spec.kind == "bar" and spec.y == "mean"
    assert spec.title.startswith("Mean tip by sex") and spec.x_label == "Sex"
    got = {str(k).split("=")[-1]: v for k, v in zip(spec.data[spec.x], spec.data["mean"])}
    expected = tips.groupby("sex")["tip"].agg(["mean", "std", "count"])
    np.testing.assert_allclose([got["Female"], got["Male"]], expected["mean"])
    fig = spec.to_plotly()
    assert fig.data[0].error_y.visible
    # 95 % interval of the mean: t quantile * sd / sqrt(n), from the group table
    from scipy import stats as st

    half = st.t.ppf(0.975, expected["count"] - 1) * expected["std"] / np.sqrt(expected["count"])
    np.testing.assert_allclose(sorted(fig.data[0].error_y.array), sorted(half), rtol=1e-6)


def test_contingency_heatmap_for_chi_square(tips):
    result = nbdatachat.run_tool("chi_square", dataset=tips, row="day", column="smoker")
    spec = chart_for_tool(result)
    assert spec.kind == "heatmap" and (spec.x, spec.y) == ("smoker", "day")
    fig = spec.to_plotly()
    got = pd.DataFrame(fig.data[0].z, index=list(fig.data[0].y), columns=list(fig.data[0].x))
    expected = pd.crosstab(tips["day"], tips["smoker"]).astype(float)
    pd.testing.assert_frame_equal(got.loc[expected.index, expected.columns], expected,
                                  check_names=False)


def test_results_without_plot_data_get_no_chart(seed_dataset):
    described = nbdatachat.run_tool("describe", dataset=seed_dataset)
    assert chart_for_tool(described) is None
    assert chart_for_tool(ToolResult("arima")) is None
    assert chart_for_tool(ToolResult("linear_regression",
                                     plot_data={"fitted": pd.DataFrame()})) is None
    odd = ToolResult("kmeans", plot_data={"labels": pd.DataFrame({"cluster": [0, 1]})})
    assert chart_for_tool(odd) is None
