"""The issue-12 tools (data quality, distribution tests, model evaluation) are registered
like the others: listed with schemas, their examples run, they work from ``%%run_tool`` and
from ``POST /tools/run`` on a real server, and each draws the chart that fits it."""

from __future__ import annotations

import numpy as np
import plotly.data
import pytest
import requests
from IPython.core.interactiveshell import InteractiveShell
from server_helpers import API_KEY, start_server

from nbdatachat import list_tools, run_tool, tool_schema
from nbdatachat.charts.tool_charts import chart_for_tool

NEW_TOOLS = {"missing_values", "duplicates", "constant_columns", "outliers", "data_quality",
             "normality_test", "skewness_kurtosis", "evaluate_model"}


def test_listed_with_schemas_and_runnable_examples():
    listed = {t["name"]: t for t in list_tools()}
    assert NEW_TOOLS <= set(listed)
    for name in NEW_TOOLS:
        schema = tool_schema(name)
        props = schema["input_schema"]["properties"]
        assert "dataset" in props and schema["description"]
        example = dict(schema["example_input"]["taskList"]["inputs"])
        assert example.pop("name") == name
        result = run_tool(name, **example)
        assert result.model_type == name and result.insights
        assert result.to_dict()["insights"] == result.insights
    assert listed["evaluate_model"]["input_schema"]["properties"]["model"]["enum"] == \
        ["linear", "ridge", "lasso", "logistic", "random_forest"]
    assert listed["outliers"]["input_schema"]["properties"]["method"]["enum"] == ["iqr", "zscore"]


def test_charts_fit_each_result(tips):
    kinds = {
        "missing_values": ("bar", {"dataset": tips.assign(tip=tips["tip"].where(
            tips.index % 7 > 0), size=tips["size"].where(tips.index % 11 > 0))}),
        "outliers": ("box", {"dataset": tips, "columns": ["tip", "total_bill"]}),
        "normality_test": ("scatter", {"dataset": tips, "column": "tip"}),
        "skewness_kurtosis": ("histogram", {"dataset": tips, "column": "tip"}),
        "evaluate_model": ("scatter", {"dataset": tips, "target": "tip",
                                       "features": ["total_bill"]}),
    }
    for name, (kind, inputs) in kinds.items():
        spec = chart_for_tool(run_tool(name, **inputs))
        assert spec is not None and spec.kind == kind, name
    qq = chart_for_tool(run_tool("normality_test", dataset=tips, column="tip"))
    assert qq.identity_line and qq.x == "theoretical"
    cm = chart_for_tool(run_tool("evaluate_model", dataset=tips, target="sex",
                                 features=["tip", "total_bill"], model="logistic"))
    assert cm.kind == "heatmap" and cm.data["count"].sum() == 61  # the 25 % test rows
    dup = chart_for_tool(run_tool("duplicates", dataset=tips))
    assert dup.kind == "bar" and dup.data["rows_with_it"].tolist() == [2]  # rows 198, 202
    const = chart_for_tool(run_tool("constant_columns", dataset=tips))
    assert const.data.set_index("column")["distinct_values"].to_dict() == tips.nunique().to_dict()


def test_run_tool_magic():
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "nbdatachat")
    tips = plotly.data.tips()
    shell.user_ns["tips_q"] = tips
    shell.run_cell_magic("run_tool", "normality_test tips_q -o res_q", "column: total_bill")
    from scipy import stats

    assert shell.user_ns["res_q"].p_values["shapiro_wilk"] == pytest.approx(
        stats.shapiro(tips["total_bill"])[1], rel=1e-9)
    shell.run_cell_magic("run_tool", "outliers tips_q -o res_o",
                         "columns: [tip]\nmethod: zscore\nthreshold: 2.5")
    z = (tips["tip"] - tips["tip"].mean()) / tips["tip"].std()
    assert shell.user_ns["res_o"].statistics["outlier_cells"] == int((z.abs() > 2.5).sum())
    for name in ("tips_q", "res_q", "res_o"):
        shell.user_ns.pop(name, None)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("newtools"))
    yield srv
    srv.stop()


def test_tools_run_endpoint(server):
    h = {"X-API-Key": API_KEY}
    names = {t["name"] for t in requests.get(f"{server.base_url}/tools", headers=h).json()}
    assert NEW_TOOLS <= names
    rows = [{"x": float(v), "g": "ab"[i % 2]} for i, v in
            enumerate(np.random.default_rng(0).normal(0, 1, 60))] + [{"x": 9.0, "g": "a"}]
    body = {"taskList": {"inputs": {"name": "outliers", "dataset": rows, "columns": ["x"],
                                    "method": "zscore", "threshold": 3}}}
    r = requests.post(f"{server.base_url}/tools/run", headers=h, json=body)
    assert r.status_code == 200 and r.json()["status"] == "success", r.text
    result = r.json()
    xs = np.array([row["x"] for row in rows])
    z = (xs - xs.mean()) / xs.std(ddof=1)
    out = result["result"]
    assert out["statistics"]["outlier_cells"] == int((np.abs(z) > 3).sum()) == 1
    assert out["outlier_rows"][0]["value"] == 9.0
    for name in NEW_TOOLS:
        example = requests.get(f"{server.base_url}/tools/{name}/schema", headers=h).json()
        run = requests.post(f"{server.base_url}/tools/run", headers=h,
                            json=example["example_input"])
        assert run.status_code == 200 and run.json()["status"] == "success", name
    bad = requests.post(f"{server.base_url}/tools/run", headers=h, json={"taskList": {
        "inputs": {"name": "normality_test", "dataset": rows, "column": "g"}}})
    assert bad.status_code == 400 and "not numeric" in bad.json()["error"]["message"]
