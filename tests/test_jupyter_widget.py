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
    assert questions[0] == "What is the average total bill by day?"
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


def test_only_enter_or_the_button_sends_never_a_focus_change():
    panel = ChatPanel(plotly.data.tips())
    panel.input.value = "average tip"  # typing, then focus leaves: nothing is sent
    time.sleep(0.3)
    assert panel.answers == [] and panel.input.value == "average tip"
    panel.input.value = "average tip by day"
    panel.input._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter
    deadline = time.time() + 30
    while not panel.answers and time.time() < deadline:
        time.sleep(0.05)
    assert [a.question for a in panel.answers] == ["average tip by day"]
    assert panel.input.value == ""


def test_history_rows_keep_their_height_and_the_history_scrolls():
    """After several answers the rows must not shrink to fit (charts and "Show code" were
    cut off): every row is a non-shrinking flex item of a scrolling column."""
    panel = ChatPanel(plotly.data.tips())
    for q in ("average tip by day", "total bill by time", "how many rows per sex",
              "average tip by smoker"):
        assert panel.send(q) is not None
    assert panel.history.layout.overflow == "auto" and panel.history.layout.max_height
    rows = panel.history.children
    assert len(rows) == 8 and all(r.layout.flex == "0 0 auto" for r in rows)
    charts = [w for w in walk(panel.history) if isinstance(w, widgets.Output)]
    assert len(charts) == 4 and all(c.layout.min_height == "360px" for c in charts)


def test_suggestions_never_average_a_year_or_an_id(gap):
    questions = starter_questions(gap, limit=5)
    assert questions[0] == "What is the average lifeExp by continent?"
    assert not any("average year" in q or "iso_num" in q or "by country" in q
                   for q in questions)
    assert "How does the average lifeExp change by year?" in questions


def test_every_answer_card_names_its_dataset():
    panel = ChatPanel({"tips": plotly.data.tips(), "iris": plotly.data.iris()})
    panel.send("how many rows are there?")
    panel.picker.value = "iris"
    panel.send("how many rows are there?")
    cards = [w.value for w in walk(panel.history)
             if isinstance(w, widgets.HTML) and "nbdc-card" in w.value]
    assert "About tips" in cards[0] and "About iris" in cards[1]
    # How the question was read, once (the planner's line already starts "Read as:").
    assert "About tips · read as: number of rows" in cards[0]
    assert cards[0].lower().count("read as") == 1


def test_steps_show_while_a_question_runs_and_clear_after():
    panel = ChatPanel(plotly.data.tips())
    shown: list[str] = []
    panel.steps.observe(lambda change: shown.append(change["new"]), names="value")
    visible: list[str] = []
    panel.stop_button.layout.observe(lambda change: visible.append(change["new"]),
                                     names="display")
    answer = panel.send("average tip by day")
    assert answer.status == "answered"
    assert any("Reading the question" in h for h in shown)
    assert any("Read as: " in h and "Running the query" in h for h in shown)
    assert shown[-1] == "" and panel.steps.value == ""  # cleared when the answer is in
    assert visible == ["", "none"]  # Stop shown while running, hidden after


def test_stop_frees_the_panel_at_once_ends_the_worker_and_keeps_the_conversation(monkeypatch):
    from fake_llm import FakeLLM, reply_json
    from nbdatachat.service import default_store

    rng = np.random.default_rng(5)
    orders = pd.DataFrame({"region": rng.choice(["North", "South"], 30),
                           "amount": rng.uniform(1, 100, 30).round(2)})
    plan = {"status": "ok", "plan": {"kind": "aggregate", "group_by": ["region"],
                                     "measures": [{"agg": "sum", "column": "amount"}]}}
    with FakeLLM("openai", [reply_json(plan), reply_json(plan, chunk_delay=1.5),
                            reply_json(plan)]) as fake:
        for key, value in {"NBDATACHAT_PLANNER": "llm", "NBDATACHAT_LLM_MODEL": "m",
                           "NBDATACHAT_LLM_BASE_URL": fake.url, "NBDATACHAT_LLM_API_KEY": "k",
                           "NBDATACHAT_LLM_PROVIDER": "openai"}.items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("NBDATACHAT_LLM_STREAM", raising=False)
        panel = ChatPanel(orders)
        first = panel.send("total amount by region")
        assert first is not None and first.status == "answered"
        panel._submit("and per region?")  # as Enter does: a worker thread
        deadline = time.monotonic() + 20
        while "writing the plan" not in panel.steps.value and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "Asking the model" in panel.steps.value and panel.input.disabled
        assert panel.stop_button.layout.display == ""
        panel.stop_button.click()
        # usable at once: the input, Ask enabled; Stop hidden; the history says where it stopped
        assert not panel.input.disabled and not panel.send_button.disabled
        assert panel.stop_button.layout.display == "none"
        last = panel.history.children[-1].value
        assert "Stopped while: The model is writing the plan" in last
        assert "Nothing was added to the conversation" in last
        worker = panel.workers[-1]
        worker.join(2.0)
        assert not worker.is_alive()  # no orphan thread finishing the job unnoticed
        turns = default_store().load(first.conversation_id).turns
        assert [t.question for t in turns] == ["total amount by region"]
        again = panel.send("total amount by region")
        assert again.status == "answered" and again.conversation_id == first.conversation_id
    assert len(panel.answers) == 2


def test_a_tools_own_steps_show_while_it_runs():
    from nbdatachat.data import as_dataset

    panel = ChatPanel(as_dataset("sales").frame())
    shown: list[str] = []
    panel.steps.observe(lambda change: shown.append(change["new"]), names="value")
    answer = panel.send("Forecast total sales for the next 12 months")
    assert answer is not None and answer.status == "answered", answer and answer.text
    assert any("Running the arima tool" in h for h in shown)
    assert any("Searching ARIMA models: fitting ARIMA(" in h for h in shown)
    assert any("Fitting the chosen model, ARIMA(" in h for h in shown)
