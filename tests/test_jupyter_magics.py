"""The magics, driven through a real IPython InteractiveShell."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import plotly.data
import pytest
from IPython.core.interactiveshell import InteractiveShell

from nbdatachat.display import PLOTLY_MIME


class Capture:
    """Collects what the shell's display publisher receives."""

    def __init__(self, shell: InteractiveShell) -> None:
        self.outputs: list[dict] = []
        self.steps: list[dict] = []  # the live step line (a display_id output, blanked at the end)
        self._orig = shell.display_pub.publish
        shell.display_pub.publish = self.publish  # type: ignore[method-assign]

    def publish(self, data, metadata=None, **kwargs):  # noqa: ANN001
        live = (kwargs.get("transient") or {}).get("display_id")
        (self.steps if live else self.outputs).append(data)

    def mimetypes(self) -> list[set[str]]:
        return [set(o) for o in self.outputs]

    def text(self) -> str:
        return "\n".join(o.get("text/plain", "") for o in self.outputs)

    def clear(self) -> None:
        self.outputs.clear()


@pytest.fixture
def shell():
    sh = InteractiveShell.instance()
    sh.run_line_magic("load_ext", "nbdatachat")
    tips = plotly.data.tips()
    sh.user_ns.update({"tips": tips})
    for name in [k for k in sh.user_ns if k in ("other", "ans", "res", "stocks")]:
        sh.user_ns.pop(name)
    yield sh
    sh.user_ns.pop("tips", None)


@pytest.fixture
def cap(shell):
    c = Capture(shell)
    yield c
    shell.display_pub.publish = c._orig


def numbers_close(series: pd.Series, expected: pd.Series) -> bool:
    return np.allclose(series.to_numpy(dtype=float), expected.to_numpy(dtype=float), rtol=1e-6)


def test_ask_answers_with_table_and_chart(shell, cap):
    shell.run_cell_magic("ask", "tips -o ans", "What is the average tip by day?")
    ans = shell.user_ns["ans"]
    assert ans.status == "answered"
    expected = plotly.data.tips().groupby("day")["tip"].mean()
    table = ans.table.set_index("day")
    value_col = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])][0]
    assert numbers_close(table.loc[expected.index, value_col], expected)
    kinds = cap.mimetypes()
    assert any("text/html" in k and PLOTLY_MIME not in k for k in kinds), kinds
    assert any(PLOTLY_MIME in k for k in kinds), kinds
    card = next(o for o in cap.outputs if "text/html" in o and PLOTLY_MIME not in o)
    assert "<table" in card["text/html"] and "Sun" in card["text/html"]


def test_follow_up_continues_the_conversation_and_new_resets(shell, cap):
    shell.run_cell_magic("ask", "tips -o first", "What is the average tip by day?")
    shell.run_cell_magic("ask", "-o second", "only for dinner")
    first, second = shell.user_ns["first"], shell.user_ns["second"]
    assert second.conversation_id == first.conversation_id
    tips = plotly.data.tips()
    expected = tips[tips["time"] == "Dinner"].groupby("day")["tip"].mean()
    table = second.table.set_index("day")
    value_col = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])][0]
    assert numbers_close(table.loc[expected.index, value_col], expected)
    shell.run_cell_magic("ask", "tips --new -o third", "How many rows are there?")
    assert shell.user_ns["third"].conversation_id != first.conversation_id


def test_ask_options_show_sql_code_and_no_chart(shell, cap):
    shell.run_cell_magic("ask", "tips --no-chart --show-sql --show-code",
                         "average total bill by smoker")
    assert not any(PLOTLY_MIME in k for k in cap.mimetypes())
    html = "".join(o.get("text/html", "") for o in cap.outputs)
    assert "SELECT" in html.upper() and "groupby" in html


def test_ask_without_data_uses_the_only_dataframe_then_lists_several(shell, cap):
    shell.run_cell_magic("ask", "-o ans", "how many rows are there?")
    assert shell.user_ns["ans"].dataset == "tips"  # the answer names the variable it read
    assert "About tips" in cap.text()
    assert "244" in shell.user_ns["ans"].text.replace(",", "")
    magics = shell.magics_manager.registry["DataChatMagics"]
    magics.session.last_data = None
    shell.user_ns["other"] = pd.DataFrame({"a": [1, 2]})
    cap.clear()
    shell.run_cell_magic("ask", "", "how many rows?")
    text = cap.text()
    assert "other" in text and "tips" in text and "several" in text


def test_ask_interpolates_variables(shell, cap):
    shell.user_ns["n"] = 3
    shell.run_cell_magic("ask", "tips -o ans", "top {n} days by total tip")
    assert len(shell.user_ns["ans"].table) == 3


def test_errors_are_friendly_and_never_raise(shell, cap):
    shell.run_cell_magic("ask", "no_such_thing", "average tip")
    assert "No variable, file or dataset named 'no_such_thing'" in cap.text()
    cap.clear()
    shell.run_cell_magic("run_tool", "linear_regression tips", "target: tipz\nfeatures: [size]")
    assert "Unknown target 'tipz'" in cap.text() and "tip" in cap.text()
    cap.clear()
    shell.run_cell_magic("run_tool", "no_tool tips", "target: tip")
    assert "Unknown tool 'no_tool'" in cap.text()
    cap.clear()
    shell.run_cell_magic("run_tool", "describe tips", "features: [tip")
    assert "not valid YAML or JSON" in cap.text()
    with pytest.raises(Exception):
        shell.run_cell_magic("run_tool", "no_tool tips --debug", "target: tip")


def test_run_tool_renders_numbers_insights_and_chart(shell, cap):
    shell.run_cell_magic("run_tool", "linear_regression tips -o res",
                         "target: tip\nfeatures: [total_bill, size]")
    res = shell.user_ns["res"]
    import statsmodels.api as sm

    tips = plotly.data.tips()
    ref = sm.OLS(tips["tip"], sm.add_constant(tips[["total_bill", "size"]])).fit()
    assert res.coefficients["total_bill"] == pytest.approx(ref.params["total_bill"], rel=1e-9)
    html = "".join(o.get("text/html", "") for o in cap.outputs if PLOTLY_MIME not in o)
    assert "total_bill" in html and "<table" in html and "r_squared" in html
    assert any(PLOTLY_MIME in k for k in cap.mimetypes())


def test_run_tool_accepts_json_body(shell, cap):
    shell.run_cell_magic("run_tool", "describe tips -o res", '{"features": ["tip"]}')
    assert shell.user_ns["res"].statistics["tip"]["count"] == 244


def test_line_magic_settings_tools_datasets_reset(shell, cap):
    shell.run_line_magic("nbdatachat", "set max_rows=3 chart=false")
    magics = shell.magics_manager.registry["DataChatMagics"]
    assert magics.settings.max_rows == 3 and magics.settings.chart is False
    shell.run_line_magic("config", "NbDataChat.chart = True")
    shell.run_line_magic("nbdatachat", "tools")
    assert "linear_regression" in cap.text()
    shell.run_line_magic("nbdatachat", "datasets")
    assert "gapminder" in cap.text()
    cap.clear()
    shell.run_line_magic("nbdatachat", "set nope=1")
    assert "Unknown setting 'nope'" in cap.text()
    shell.run_line_magic("nbdatachat", "set max_rows=10")


def test_panel_command_asks_jupyterlab_to_open_the_side_panel(shell, cap):
    from nbdatachat.jupyter.magics import COMMAND_MIME

    shell.run_line_magic("nbdatachat", "panel")
    command = next(o for o in cap.outputs if COMMAND_MIME in o)
    assert command[COMMAND_MIME]["command"] == "nbdatachat:open"
    assert "right sidebar" in command["text/plain"]


def test_years_in_cards_have_no_thousands_separator(shell, cap, gap):
    shell.user_ns["gap"] = gap
    try:
        shell.run_cell_magic("ask", "gap -o ans", "average lifeExp by year")
    finally:
        shell.user_ns.pop("gap")
    card = next(o for o in cap.outputs if "nbdc-card" in o.get("text/html", ""))
    assert ">1952<" in card["text/html"] and "1,952" not in card["text/html"]
    assert "1952" in card["text/plain"] and "1,952" not in card["text/plain"]


def test_settings_from_environment_and_config(monkeypatch):
    from traitlets.config import Config

    from nbdatachat.jupyter.config import NbDataChat

    monkeypatch.setenv("NBDATACHAT_MAX_ROWS", "25")
    monkeypatch.setenv("NBDATACHAT_CHART", "false")
    s = NbDataChat()
    assert s.max_rows == 25 and s.chart is False
    cfg = Config()
    cfg.NbDataChat.max_rows = 7
    assert NbDataChat(config=cfg).max_rows == 7


def test_load_ext_is_light():
    code = ("import sys, time; from IPython.core.interactiveshell import InteractiveShell;"
            "sh = InteractiveShell.instance(); sh.run_line_magic('load_ext', 'nbdatachat');"
            "import json; print(json.dumps([m for m in ('statsmodels', 'sklearn', 'scipy',"
            " 'plotly', 'duckdb') if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_conversations_survive_a_new_session_with_db_url(tmp_path):
    """With ``db_url`` set, a follow-up asked from a fresh session (a restarted kernel that
    kept the conversation id) continues the stored conversation."""
    from nbdatachat.jupyter.session import NotebookSession

    url = f"sqlite:///{tmp_path / 'chat.db'}"
    tips = plotly.data.tips()
    first = NotebookSession({"tips": tips}, db_url=url)
    a = first.ask("tips", "average tip by day")
    from nbdatachat.store import Store

    stored = Store(url).conversation_store.load_state(a.conversation_id)
    assert stored is not None and len(stored["turns"]) == 1
    second = NotebookSession({"tips": tips}, db_url=url)
    second.conversations["tips"] = a.conversation_id
    b = second.ask("tips", "only for lunch")
    assert b.conversation_id == a.conversation_id
    lunch = tips[tips["time"] == "Lunch"]
    assert set(b.table["day"]) == set(lunch["day"].unique())
