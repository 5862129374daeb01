"""How result tables and tool cards render (the fixes the demo notebooks' HTML export showed)."""

from __future__ import annotations

import re

import pandas as pd
import plotly.data
import pytest

import nbdatachat
from nbdatachat.display import table_html, table_markdown, table_text, tool_card


def cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [re.findall(r"<td>(.*?)</td>", r, flags=re.S) for r in rows if "<td>" in r]


def test_a_float_column_shows_the_same_decimals_on_every_row():
    df = pd.DataFrame({"day": ["Fri", "Sat", "Thur"], "mean_tip": [2.94, 2.993103, 3.0],
                       "count": [12.0, 87.0, 62.0], "p": [1e-20, 0.5, 0.0249]})
    rows = cells(table_html(df))
    assert [r[1] for r in rows] == ["2.9400", "2.9931", "3.0000"]
    assert [r[2] for r in rows] == ["12", "87", "62"]  # whole numbers stay whole
    assert rows[0][3] == "1e-20"  # tiny p-values keep scientific notation
    assert "2.9400" in table_text(df) and "| Thur | 3.0000 |" in table_markdown(df)


def test_text_is_left_aligned_and_escaped_numbers_right_aligned():
    df = pd.DataFrame({"<b>name</b>": ["<script>x</script>", "a & b"], "v": [1.5, 2.25]})
    html = table_html(df)
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<th>&lt;b&gt;name&lt;/b&gt;</th>" in html and "a &amp; b" in html
    assert cells(html)[0] == ["<div class='nbdc-l'>&lt;script&gt;x&lt;/script&gt;</div>",
                              "1.50"]


def test_duplicate_column_names_render():
    df = pd.DataFrame([["x", 1.5, 2.0]], columns=["a", "b", "b"])
    assert cells(table_html(df)) == [["<div class='nbdc-l'>x</div>", "1.5", "2"]]


def test_tool_card_shows_one_coefficient_table_and_each_number_once():
    tips = plotly.data.tips()
    result = nbdatachat.run_tool("linear_regression", dataset=tips, target="tip",
                                 features=["total_bill", "size"])
    html = tool_card(result)["text/html"]
    # The tool's own table (with t values and VIF) replaces the derived one.
    assert html.count("<table") == 1 and "t_value" in html and "vif" in html
    numbers = re.sub(r"<[^>]+>", "", re.search(r"<p class='nbdc-meta'>((?:(?!</p>).)*r_squared"
                                                r"(?:(?!</p>).)*)</p>", html).group(1))
    names = [part.split(" = ")[0] for part in numbers.split(" · ")]
    assert len(names) == len(set(names)) and "r_squared" in names
    r2 = result.performance["r_squared"]
    shown = float(re.search(r"(?<!adj_)r_squared = ([0-9.]+)", numbers).group(1))
    assert shown == pytest.approx(r2, rel=1e-4)


def test_a_tool_without_its_own_coefficient_table_gets_the_cli_rows():
    """The notebook card and the CLI show the same coefficient rows (one builder)."""
    from nbdatachat.display import coefficient_table
    from nbdatachat.textfmt import coefficient_records
    from nbdatachat.tools.base import ToolResult

    result = ToolResult("custom_model", coefficients={"const": 1.5, "x": -0.25},
                        std_errors={"const": 0.5, "x": 0.05},
                        p_values={"const": 0.003, "x": 2e-6},
                        conf_int={"const": [0.5, 2.5], "x": [-0.35, -0.15]})
    table = coefficient_table(result)
    assert list(table.columns) == ["term", "coefficient", "std_error", "p_value", "ci_lower",
                                   "ci_upper"]
    assert table.to_dict("records") == coefficient_records(result.to_dict())
    assert table.loc[1].tolist() == ["x", -0.25, 0.05, 2e-6, -0.35, -0.15]
    bare = coefficient_table(ToolResult("m", coefficients={"a": 1.0}))
    assert list(bare.columns) == ["term", "coefficient"]
    assert coefficient_table(ToolResult("m", coefficients={"a": "text"})) is None
