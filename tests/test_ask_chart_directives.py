"""Chart directives in questions ("colored by", "faceted by", "stacked", "bin size 500",
follow-ups such as "color by region"), read by ``ask`` on a small table of our own and
checked in the chart it draws (Plotly figure and Chart.js config) against pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nbdatachat import ask


@pytest.fixture(scope="module")
def homes() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 180
    area = rng.uniform(40, 260, n).round(1)
    return pd.DataFrame({
        "district": rng.choice(["Harbor", "Hill", "Old Town"], n),
        "heating": rng.choice(["gas", "electric"], n),
        "floors": rng.integers(1, 5, n),
        "area": area,
        "rent": (area * 11 + rng.normal(0, 150, n)).round(0),
    })


def _chart(answer):
    assert answer.status == "answered", answer.text
    assert answer.chart_spec is not None, answer.notes
    return answer.chart_spec


@pytest.mark.parametrize("question", [
    "scatter plot of rent vs area faceted by district",
    "rent vs area, small multiples by district",
    "plot rent against area with separate charts for each district",
    "scatterplot of rent vs area. Break into multiple scatterplots by district",
    "faceting on district, scatter rent vs area",
])
def test_facet_phrasings_draw_one_panel_per_value(homes, question):
    spec = _chart(ask(homes, question))
    assert spec.kind == "scatter" and {spec.x, spec.y} == {"area", "rent"}
    assert spec.facet == "district" and spec.color is None
    fig = spec.to_plotly()
    counts = homes["district"].value_counts()
    for k, value in enumerate(spec.facet_values()):
        axis = "x" if k == 0 else f"x{k + 1}"
        assert sum(len(t.x) for t in fig.data if (t.xaxis or "x") == axis) == counts[value]
    assert [p["facetValue"] for p in spec.to_chartjs()["panels"]] == spec.facet_values()


def test_colour_and_facet_together(homes):
    spec = _chart(ask(homes, "rent vs area colored by heating, faceted by district"))
    assert (spec.color, spec.facet) == ("heating", "district")
    assert {t.name for t in spec.to_plotly().data} == {"gas", "electric"}


def test_grouped_bars_of_two_keys_and_a_small_integer_key(homes):
    spec = _chart(ask(homes, "count by floors and district"))
    assert spec.kind == "bar" and spec.x == "floors" and spec.color == "district"
    fig = spec.to_plotly()
    assert fig.layout.barmode == "group"
    expected = homes.groupby(["district", "floors"]).size()
    for trace in fig.data:
        for floors, n in zip(trace.x, trace.y):
            assert n == expected[(trace.name, floors)]


@pytest.mark.parametrize("question", [
    "stacked bar chart of the number of rows by floors colored by district",
    "count by floors and district, stacked",
    "count by floors, stacked by district",
])
def test_stacked_bars(homes, question):
    spec = _chart(ask(homes, question))
    assert spec.kind == "bar" and spec.stacked and spec.color == "district"
    assert spec.to_plotly().layout.barmode == "stack"
    cfg = spec.to_chartjs()
    assert cfg["options"]["scales"]["y"]["stacked"] is True
    expected = homes.groupby(["floors", "district"]).size()
    for ds in cfg["data"]["datasets"]:
        for floors, n in zip(cfg["data"]["labels"], ds["data"]):
            assert n == expected.get((int(floors), ds["label"]))


def test_bars_with_panels(homes):
    spec = _chart(ask(homes, "average rent by heating, with small multiples by district"))
    assert spec.kind == "bar" and spec.x == "heating" and spec.facet == "district"
    expected = homes.groupby(["district", "heating"])["rent"].mean()
    for panel in spec.to_chartjs()["panels"]:
        got = dict(zip(panel["data"]["labels"], panel["data"]["datasets"][0]["data"]))
        for heating, value in got.items():
            assert value == pytest.approx(expected[(panel["facetValue"], heating)])


def test_histogram_bin_size(homes):
    spec = _chart(ask(homes, "histogram of rent, bin size 500"))
    assert spec.kind == "histogram" and spec.bin_width == 500
    widths = spec.data["bin_end"] - spec.data["bin_start"]
    assert np.allclose(widths, 500) and np.allclose(spec.data["bin_start"] % 500, 0)
    assert spec.data["count"].sum() == len(homes)


def test_directive_follow_ups_change_the_previous_chart(homes):
    first = ask(homes, "scatter plot of rent vs area")
    coloured = ask(homes, "color by district", first.conversation_id)
    assert _chart(coloured).color == "district"
    faceted = ask(homes, "facet it by heating", coloured.conversation_id)
    spec = _chart(faceted)
    assert (spec.color, spec.facet) == ("district", "heating")
    hist = ask(homes, "histogram of area")
    binned = _chart(ask(homes, "bin size 20", hist.conversation_id))
    assert binned.bin_width == 20 and np.allclose(binned.data["bin_start"] % 20, 0)
    bars = ask(homes, "average rent by floors")
    stacked = _chart(ask(homes, "stacked by district", bars.conversation_id))
    assert stacked.stacked and stacked.color == "district"


def test_correlation_of_two_columns_draws_their_scatter(homes):
    spec = _chart(ask(homes, "is there a correlation between rent and area?"))
    assert spec.kind == "scatter" and {spec.x, spec.y} == {"rent", "area"}
    assert len(spec.data) == len(homes)


def test_a_directive_naming_no_column_is_not_answered(homes):
    answer = ask(homes, "scatter plot of rent vs area colored by neighbourhood quality")
    assert answer.status != "answered"
    assert answer.chart_spec is None


@pytest.fixture(scope="module")
def lets() -> pd.DataFrame:
    """Flats to let: a two-digit build year, a column of countries, a name per row."""
    rng = np.random.default_rng(5)
    n = 240
    area = rng.uniform(30, 200, n).round(1)
    return pd.DataFrame({
        "listing": [f"flat {i:03d}" for i in range(n)],
        "market": rng.choice(["Spain", "France", "Portugal"], n),
        "rooms": rng.integers(1, 6, n),
        "build_yr": rng.integers(60, 99, n),
        "years_let": rng.integers(0, 30, n),
        "area": area,
        "rent": (area * 9 + rng.normal(0, 120, n)).round(0),
    })


def test_a_column_of_countries_answers_to_country_and_region(lets):
    for question in ("number of flats per country", "how many flats are from each region?"):
        answer = ask(lets, question)
        spec = _chart(answer)
        assert spec.x == "market" and "market" in answer.interpretation
        got = dict(zip(spec.data["market"], spec.data[spec.y]))
        assert got == lets["market"].value_counts().to_dict()
    two = lets.assign(buyer_home=lets["market"].map({"Spain": "France", "France": "Spain",
                                                    "Portugal": "Spain"}))
    assert ask(two, "number of flats per country").status != "answered"  # which one?


def test_two_digit_years_are_time_and_a_duration_is_not(lets):
    spec = _chart(ask(lets, "average rent by build_yr"))
    assert spec.kind == "line" and spec.x == "build_yr"
    expected = lets.groupby("build_yr")["rent"].mean()
    assert spec.data["build_yr"].tolist() == sorted(expected.index)
    np.testing.assert_allclose(spec.data[spec.y], expected.sort_index().to_numpy())
    assert _chart(ask(lets, "average rent by years_let")).kind != "line"


@pytest.mark.parametrize("question", [
    "plot build_yr by average rent", "line chart of build_yr vs. average rent",
    "show build_yr and avg(rent) in a line chart",
])
def test_a_time_column_beside_an_aggregated_measure_is_the_axis(lets, question):
    spec = _chart(ask(lets, question))
    assert (spec.kind, spec.x, spec.y) == ("line", "build_yr", "mean_rent")
    assert ask(lets, "build_yr and average rent").status != "answered"  # no chart asked


def test_count_by_a_continuous_measure_is_a_histogram(lets):
    spec = _chart(ask(lets, "count by area"))
    assert spec.kind == "histogram" and spec.x == "area"
    assert spec.data["count"].sum() == len(lets)
    spec = _chart(ask(lets, "chart the number of flats by rent in buckets of 250"))
    assert spec.bin_width == 250 and np.allclose(spec.data["bin_start"] % 250, 0)
    spec = _chart(ask(lets, "histogram of rent with 8 bins"))
    assert spec.bin_count == 8 and len(spec.data) == 8
    assert spec.data["bin_start"].iloc[0] == lets["rent"].min()
    assert spec.data["bin_end"].iloc[-1] == lets["rent"].max()
    # a few whole values are counted one by one
    rooms = _chart(ask(lets, "count by rooms"))
    assert rooms.kind == "bar" and sorted(rooms.data["rooms"]) == [1, 2, 3, 4, 5]


def test_distribution_split_by_a_category(lets):
    bars = _chart(ask(lets, "distribution of rooms by market"))
    assert bars.kind == "bar" and (bars.x, bars.color) == ("rooms", "market")
    assert bars.stacked and bars.to_plotly().layout.barmode == "stack"
    expected = lets.groupby(["rooms", "market"]).size()
    for trace in bars.to_plotly().data:
        for rooms, n in zip(trace.x, trace.y):
            assert n == expected[(rooms, trace.name)]
    panels = _chart(ask(lets, "histogram of rent by market"))
    assert panels.kind == "histogram" and panels.facet == "market"
    fig = panels.to_plotly()
    assert sorted(sum(t.y) for t in fig.data) == sorted(lets["market"].value_counts())


def test_a_column_naming_each_row_is_not_a_colour(lets):
    spec = _chart(ask(lets, "scatterplot of rent vs area for each listing"))
    assert spec.kind == "scatter" and spec.color is None and spec.facet is None
    assert len(spec.data) == len(lets)


@pytest.mark.parametrize("question", [
    "plot count vs district", "chart count to district",
    "bar chart, x axis district, y axis count of rows",
])
def test_a_count_against_a_category_is_rows_per_category(homes, question):
    spec = _chart(ask(homes, question))
    assert spec.kind == "bar" and spec.x == "district"
    assert dict(zip(spec.data["district"], spec.data[spec.y])) == \
        homes["district"].value_counts().to_dict()


def test_count_of_a_category_is_still_its_distinct_values(homes):
    answer = ask(homes, "count of district")
    assert answer.status == "answered" and answer.value == 3


def test_a_count_on_the_y_axis_counts_per_x_value(homes):
    spec = _chart(ask(homes, "stacked bar chart, x axis floors, y axis count, color by "
                             "district"))
    assert (spec.kind, spec.x, spec.color, spec.stacked) == ("bar", "floors", "district", True)
    assert spec.data[spec.y].sum() == len(homes)
    hist = _chart(ask(homes, "bar graph with area on the x axis and count on the y axis"))
    assert hist.kind == "histogram" and hist.x == "area"


def test_chart_vocabulary_is_read_past_and_a_lone_category_is_counted(homes):
    spec = _chart(ask(homes, "create a bar chart showing mean rent grouped by floors"))
    assert (spec.kind, spec.x, spec.y) == ("bar", "floors", "mean_rent")
    assert _chart(ask(homes, "show area and rent in an XY chart")).kind == "scatter"
    spec = _chart(ask(homes, "plot district"))
    assert dict(zip(spec.data["district"], spec.data[spec.y])) == \
        homes["district"].value_counts().to_dict()
    assert ask(homes, "district").status != "answered"  # no chart asked: what about it?
    split = _chart(ask(homes, "rent vs area, split into separate charts for each heating"))
    assert split.facet == "heating"


def test_how_one_measure_varies_with_another(homes):
    spec = _chart(ask(homes, "how does rent vary with area?"))
    assert (spec.kind, spec.x, spec.y) == ("scatter", "area", "rent")
    spec = _chart(ask(homes, "how does rent vary with area for each district?"))
    assert spec.color == "district"
    bars = _chart(ask(homes, "how does rent vary by the number of floors?"))
    assert (bars.kind, bars.x, bars.y) == ("bar", "floors", "mean_rent")
    expected = homes.groupby("floors")["rent"].mean()
    got = dict(zip(bars.data["floors"], bars.data["mean_rent"]))
    assert got == pytest.approx(expected.to_dict())


def test_a_directive_after_a_correlation_draws_the_pair(homes):
    first = ask(homes, "correlate rent and area")
    assert first.chart_spec.kind == "scatter"
    spec = _chart(ask(homes, "color the points by district", first.conversation_id))
    assert (spec.kind, spec.color) == ("scatter", "district")
    assert {spec.x, spec.y} == {"rent", "area"}
    spec = _chart(ask(homes, "how does rent relate to area, small multiples by heating"))
    assert spec.kind == "scatter" and spec.facet == "heating"


def test_the_distribution_of_two_measures_is_their_scatter(homes):
    for question in ("the distribution of rent vs area", "rent distribution by area"):
        spec = _chart(ask(homes, question))
        assert (spec.kind, spec.x, spec.y) == ("scatter", "area", "rent")
    spec = _chart(ask(homes, "rent distribution by area and district"))
    assert spec.color == "district"
    assert _chart(ask(homes, "histogram of rent")).kind == "histogram"


def test_a_count_against_a_measure_counts_per_value(homes):
    spec = _chart(ask(homes, "plot the count of rows vs area"))
    assert spec.kind == "histogram" and spec.x == "area"
    spec = _chart(ask(homes, "plot the count vs floors, colored by district"))
    assert (spec.kind, spec.x, spec.color) == ("bar", "floors", "district")
    assert spec.data[spec.y].sum() == len(homes)
