"""ChatPanel, driven through its widget model (no browser needed)."""

from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np
import pandas as pd
import plotly.data

from nbdatachat.display import PLOTLY_MIME
from nbdatachat.jupyter.widget import ChatPanel, starter_questions


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_send_shows_answer_table_and_chart_in_history():
    tips = plotly.data.tips()
    before = tips.copy()
    panel = ChatPanel(tips)
    answer = panel.send("What is the average total bill by day?")
    assert answer is not None and answer.status == "answered"
    expected = tips.groupby("day")["total_bill"].mean()
    table = answer.table.set_index("day")
    col = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])][0]
    assert np.allclose(table.loc[expected.index, col], expected)
    htmls = [w.value for w in walk(panel.history) if isinstance(w, widgets.HTML)]
    assert any("average total bill by day" in h for h in htmls)  # the question bubble
    assert any("<table" in h and "Sat" in h for h in htmls)  # the answer card
    charts = [w for w in walk(panel.history) if isinstance(w, widgets.Output)]
    assert charts and PLOTLY_MIME in charts[0].outputs[0]["data"]
    assert not panel.input.disabled and panel.status.value == ""
    pd.testing.assert_frame_equal(tips, before)


def test_follow_up_uses_the_same_conversation():
    tips = plotly.data.tips()
    panel = ChatPanel(tips)
    first = panel.send("average tip by day")
    second = panel.send("only for lunch")
    assert second.conversation_id == first.conversation_id
    lunch = tips[tips["time"] == "Lunch"]
    assert set(second.table["day"]) == set(lunch["day"].unique())


def test_show_code_button_reveals_the_pandas_code():
    panel = ChatPanel(plotly.data.tips())
    panel.send("average tip by smoker")
    toggle = next(w for w in walk(panel.history)
                  if isinstance(w, widgets.Button) and w.description == "Show code")
    box = next(w for w in walk(panel.history) if isinstance(w, widgets.Textarea))
    assert box.layout.display == "none"
    toggle.click()
    assert box.layout.display == "" and "groupby" in box.value


def test_several_datasets_get_a_picker_and_separate_conversations():
    panel = ChatPanel({"tips": plotly.data.tips(), "iris": plotly.data.iris()})
    assert panel.picker.layout.display == "" and list(panel.picker.options) == ["tips", "iris"]
    a = panel.send("how many rows are there?")
    panel.picker.value = "iris"
    b = panel.send("how many rows are there?")
    assert "244" in a.text.replace(",", "") and "150" in b.text
    assert a.conversation_id != b.conversation_id


def test_suggestions_come_from_column_types_and_submit_in_background():
    tips = plotly.data.tips()
    questions = starter_questions(tips)
    assert questions and any("total_bill" in q for q in questions)
    panel = ChatPanel(tips)
    buttons = list(panel.suggestions.children)
    assert [b.description for b in buttons] == questions
    buttons[0].click()  # runs in a worker thread, like Enter in the browser
    deadline = time.time() + 30
    while not panel.answers and time.time() < deadline:
        time.sleep(0.05)
    assert panel.answers and panel.answers[0].status == "answered"


def test_errors_show_in_the_panel_not_the_kernel():
    panel = ChatPanel(plotly.data.tips())
    assert panel.send("") is None
    ans = panel.send("what is the weather in Paris tomorrow?")
    assert ans is not None and ans.status in ("cannot_answer", "needs_clarification")
    htmls = [w.value for w in walk(panel.history) if isinstance(w, widgets.HTML)]
    assert any("Paris" in h for h in htmls)
