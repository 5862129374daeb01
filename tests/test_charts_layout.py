"""Chart layouts asked for by name: small multiples (facets), stacked and grouped bars, one
line per group, and a histogram's bin width; each checked in the Plotly figure and in the
Chart.js config, against pandas on a small table of our own."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from nbdatachat.charts import choose_chart
from nbdatachat.errors import InvalidRequest


@pytest.fixture(scope="module")
def shops() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 240
    return pd.DataFrame({
        "region": rng.choice(["north", "south", "east"], n),
        "tier": rng.choice(["gold", "basic"], n),
        "price": rng.uniform(10, 990, n).round(2),
        "qty": rng.integers(1, 40, n),
        "month": rng.integers(1, 13, n),
    })


def _points(fig, axis: str) -> int:
    return sum(len(t.x) for t in fig.data if (t.xaxis or "x") == axis)


def test_facet_scatter_draws_one_panel_per_value_sharing_axes_and_colours(shops):
    spec = choose_chart(shops, x="price", y="qty", color="tier", facet="region")
    assert spec.kind == "scatter" and spec.facet == "region"
    assert spec.facet_values() == ["east", "north", "south"]
    fig = spec.to_plotly()
    sizes = shops["region"].value_counts()
    for k, region in enumerate(["east", "north", "south"]):
        assert _points(fig, "x" if k == 0 else f"x{k + 1}") == sizes[region]
    layout = fig.layout
    assert layout.xaxis2.matches == "x" and layout.yaxis3.matches == "y"
    assert layout.xaxis.domain[1] < layout.xaxis2.domain[0]  # side by side
    assert [a.text for a in layout.annotations] == [f"Region = {r}" for r in
                                                   ("east", "north", "south")]
    gold = {t.marker.color for t in fig.data if t.name == "gold"}
    assert len(gold) == 1  # a group keeps its colour in every panel
    assert sum(bool(t.showlegend) for t in fig.data) == 2  # each tier once in the legend
    cfg = spec.to_chartjs()
    json.dumps(cfg, allow_nan=False)
    assert cfg["facet"] == "region" and [p["facetValue"] for p in cfg["panels"]] == \
        ["east", "north", "south"]
    for panel in cfg["panels"]:
        rows = shops[shops["region"] == panel["facetValue"]]
        assert sum(len(d["data"]) for d in panel["data"]["datasets"]) == len(rows)
        assert panel["options"]["scales"]["x"]["max"] == shops["price"].max()
        assert panel["options"]["plugins"]["title"]["text"] == \
            f"Region = {panel['facetValue']}"
    assert sum(len(d["data"]) for d in cfg["data"]["datasets"]) == len(shops)
    assert spec.to_graph_suggestion()["facet_by"] == "region"
    assert spec.to_dict()["facet"] == "region"


def test_facet_bar_aggregates_per_panel(shops):
    spec = choose_chart(shops, x="region", y="price", facet="tier")
    expected = shops.groupby(["tier", "region"])["price"].mean()
    fig = spec.to_plotly()
    assert len(fig.data) == 2 and {t.xaxis for t in fig.data} == {"x", "x2"}
    for trace, tier in zip(fig.data, spec.facet_values()):
        got = dict(zip(trace.x, trace.y))
        for region, value in got.items():
            assert value == pytest.approx(expected[(tier, region)])
    cfg = spec.to_chartjs()
    basic = cfg["panels"][0]
    assert basic["facetValue"] == "basic"
    got = dict(zip(basic["data"]["labels"], basic["data"]["datasets"][0]["data"]))
    assert got == pytest.approx(expected["basic"].to_dict())
    top = expected.max()
    assert basic["options"]["scales"]["y"]["max"] == pytest.approx(top)
    assert basic["options"]["scales"]["y"]["min"] == 0


def test_facet_on_a_kind_without_panels_is_one_chart_and_says_so(shops):
    spec = choose_chart(shops, x="region", y="price", facet="tier", kind="pie")
    assert spec.facet is None and any("has no panels" in n for n in spec.notes)
    with pytest.raises(Exception, match="nowhere"):
        choose_chart(shops, x="region", y="price", facet="nowhere")


def test_stacked_and_grouped_bars(shops):
    expected = shops.groupby(["region", "tier"])["qty"].sum()
    stacked = choose_chart(shops, x="region", y="qty", color="tier", agg="sum", stacked=True)
    grouped = choose_chart(shops, x="region", y="qty", color="tier", agg="sum")
    assert stacked.stacked and not grouped.stacked
    fs, fg = stacked.to_plotly(), grouped.to_plotly()
    assert fs.layout.barmode == "stack" and fg.layout.barmode == "group"
    for trace in fs.data:
        for region, value in zip(trace.x, trace.y):
            assert value == expected[(region, trace.name)]
    cs, cg = stacked.to_chartjs(), grouped.to_chartjs()
    assert cs["options"]["scales"]["x"]["stacked"] and cs["options"]["scales"]["y"]["stacked"]
    assert "stacked" not in cg["options"]["scales"]["y"]
    for ds in cs["data"]["datasets"]:
        got = dict(zip(cs["data"]["labels"], ds["data"]))
        assert got == {r: expected[(r, ds["label"])] for r in got}
    assert stacked.to_graph_suggestion()["stacked"] is True
    # stacking needs groups: one series stays a plain bar
    assert not choose_chart(shops, x="region", y="qty", stacked=True).stacked


def test_one_line_per_group(shops):
    spec = choose_chart(shops, x="month", y="price", color="region", kind="line")
    expected = shops.groupby(["region", "month"])["price"].mean()
    fig = spec.to_plotly()
    assert sorted(t.name for t in fig.data) == ["east", "north", "south"]
    for trace in fig.data:
        assert list(trace.x) == sorted(trace.x)
        for m, v in zip(trace.x, trace.y):
            assert v == pytest.approx(expected[(trace.name, m)])
    cfg = spec.to_chartjs()
    assert cfg["type"] == "line" and len(cfg["data"]["datasets"]) == 3


def test_histogram_bin_width_is_honoured(shops):
    spec = choose_chart(shops, x="price", kind="histogram", bin_width=100)
    starts, ends = spec.data["bin_start"].to_numpy(), spec.data["bin_end"].to_numpy()
    assert np.allclose(ends - starts, 100) and np.allclose(starts % 100, 0)
    assert starts[0] <= shops["price"].min() < starts[0] + 100
    assert ends[-1] > shops["price"].max()
    counts = np.histogram(shops["price"], bins=np.append(starts, ends[-1]))[0]
    assert spec.data["count"].tolist() == counts.tolist()
    fig = spec.to_plotly()
    assert list(fig.data[0].y) == counts.tolist()
    assert np.allclose(np.asarray(fig.data[0].width), 100)
    cfg = spec.to_chartjs()
    assert cfg["data"]["labels"][0] == f"{starts[0]:.4g}–{starts[0] + 100:.4g}"
    assert cfg["data"]["datasets"][0]["data"] == counts.tolist()
    assert spec.to_dict()["bin_width"] == 100


def test_faceted_histogram_shares_its_bins(shops):
    spec = choose_chart(shops, x="price", kind="histogram", bin_width=250, facet="tier")
    fig = spec.to_plotly()
    assert len(fig.data) == 2
    assert list(fig.data[0].x) == list(fig.data[1].x)
    for trace, tier in zip(fig.data, spec.facet_values()):
        assert sum(trace.y) == (shops["tier"] == tier).sum()
    cfg = spec.to_chartjs()
    assert cfg["panels"][0]["data"]["labels"] == cfg["panels"][1]["data"]["labels"]


def test_a_bin_width_too_small_or_invalid(shops):
    spec = choose_chart(shops, x="price", kind="histogram", bin_width=0.001)
    assert spec.bin_width is None and any("automatic bins" in n for n in spec.notes)
    with pytest.raises(InvalidRequest, match="bin_width"):
        choose_chart(shops, x="price", kind="histogram", bin_width=-5)


def test_correlation_of_two_columns_is_their_scatter(shops):
    import nbdatachat
    from nbdatachat.charts import chart_for_tool

    data = shops.assign(qty=shops["qty"].astype(float))
    data.loc[3, "qty"] = np.nan
    result = nbdatachat.run_tool("correlation", dataset=data, features=["price", "qty"])
    spec = chart_for_tool(result)
    assert spec.kind == "scatter" and (spec.x, spec.y) == ("price", "qty")
    r = data[["price", "qty"]].corr().iloc[0, 1]
    assert spec.title == f"qty vs price (r = {r:.2f})"
    fig = spec.to_plotly()
    assert len(fig.data[0].x) == len(data) - 1
    cfg = spec.to_chartjs()
    assert cfg["type"] == "scatter" and len(cfg["data"]["datasets"][0]["data"]) == len(data) - 1
    # three columns keep the matrix
    three = nbdatachat.run_tool("correlation", dataset=data, features=["price", "qty", "month"])
    assert chart_for_tool(three).kind == "heatmap"
