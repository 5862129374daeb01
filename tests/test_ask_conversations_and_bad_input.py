"""Conversations (follow-ups through ids, Conversation objects and a custom store), refusals
and bad input: every case gets a clear status and message, nothing raises, the data is
never changed."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.data
import pytest

from nbdatachat import Answer, ask
from nbdatachat.service import Conversation
from nbdatachat.planner import Plan
from nbdatachat.service import ConversationStore, MemoryConversationStore


def test_follow_ups_by_conversation_id(tips):
    store = MemoryConversationStore()
    a = ask(tips, "average tip by day", store=store)
    cid = a.conversation_id
    b = ask(tips, "only for dinner", conversation=cid, store=store)
    expected = tips[tips.time == "Dinner"].groupby("day")["tip"].mean()
    assert b.status == "answered" and b.conversation_id == cid
    pd.testing.assert_series_equal(b.table.set_index("day").iloc[:, 0], expected,
                                   check_names=False)
    c = ask(tips, "now by size instead", conversation=cid, store=store)
    expected = tips[tips.time == "Dinner"].groupby("size")["tip"].mean()
    pd.testing.assert_series_equal(c.table.set_index("size").iloc[:, 0], expected,
                                   check_names=False)
    d = ask(tips, "what about the median?", conversation=cid, store=store)
    expected = tips[tips.time == "Dinner"].groupby("size")["tip"].median()
    pd.testing.assert_series_equal(d.table.set_index("size").iloc[:, 0], expected,
                                   check_names=False)
    e = ask(tips, "as a line chart", conversation=cid, store=store)
    assert e.chart_spec.kind == "line"
    assert len(store.load(cid).turns) == 5


def test_follow_up_value_swap_and_top_n(gap):
    conv = Conversation()
    a = ask(gap, "average life expectancy in France by year", conversation=conv)
    b = ask(gap, "and Germany?", conversation=conv)
    expected = gap[gap.country == "Germany"].groupby("year")["lifeExp"].mean()
    assert b.status == "answered"
    np.testing.assert_allclose(b.table.iloc[:, -1], expected.to_numpy())
    assert a.conversation_id == b.conversation_id == conv.id
    ask(gap, "top 3 countries by gdp per capita in 2007", conversation=conv)
    c = ask(gap, "top 10 instead", conversation=conv)
    expected = gap[gap.year == 2007].groupby("country")["gdpPercap"].mean().nlargest(10)
    assert c.table["country"].tolist() == expected.index.tolist()


class JsonStore:
    """A store that keeps conversations only as JSON text, like a database would."""

    def __init__(self) -> None:
        self.rows: dict[str, str] = {}

    def load(self, conversation_id):
        raw = self.rows.get(conversation_id)
        return None if raw is None else Conversation.from_dict(json.loads(raw))

    def save(self, conversation):
        self.rows[conversation.id] = json.dumps(conversation.to_dict())


def test_custom_store_persists_plans_as_json(tips):
    store = JsonStore()
    assert isinstance(store, ConversationStore)
    a = ask(tips, "total bill by day", store=store)
    saved = json.loads(store.rows[a.conversation_id])
    assert Plan.from_dict(saved["turns"][0]["plan"]).group_by == ["day"]
    b = ask(tips, "only for smokers", conversation=a.conversation_id, store=store)
    expected = tips[tips.smoker == "Yes"].groupby("day")["total_bill"].sum()
    np.testing.assert_allclose(b.table.iloc[:, -1], expected.to_numpy())


@pytest.mark.parametrize("question", [
    "What will the weather be in Paris tomorrow?", "average salary by day",
    "how many employees work here?", "xq zzv blorf", "tip by weather",
])
def test_refusals_name_what_exists(tips, question):
    a = ask(tips, question)
    assert a.status in ("cannot_answer", "needs_clarification")
    assert a.table.empty and a.plan is None
    assert "tip" in a.text or a.options  # says what the data does have


def test_ambiguity_lists_the_options():
    iris = plotly.data.iris()
    a = ask(iris, "what is the average length?")
    assert a.status == "needs_clarification"
    assert set(a.options) == {"sepal_length", "petal_length"}


BAD = {
    "empty question": (lambda: plotly.data.tips(), ""),
    "no columns": (lambda: pd.DataFrame(), "average tip"),
    "no rows": (lambda: pd.DataFrame({"price": pd.Series([], dtype=float),
                                      "region": pd.Series([], dtype=str)}),
                "average price by region"),
    "10,000-character question": (lambda: plotly.data.tips(), "average tip " * 910),
    "SQL in the question": (lambda: plotly.data.tips(), "average tip; DROP TABLE tips; --"),
    "code in the question": (lambda: plotly.data.tips(), "__import__('os').system('rm -rf /')"),
    "question is not text": (lambda: plotly.data.tips(), 42),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_gets_a_clear_status(case):
    make, question = BAD[case]
    df = make()
    copy = df.copy()
    a = ask(df, question)
    assert isinstance(a, Answer)
    assert a.status in ("cannot_answer", "needs_clarification")
    assert len(a.text) > 20 and "Traceback" not in a.text
    assert df.equals(copy)
    json.dumps(a.to_dict())


def test_sql_words_are_just_words(tips):
    copy = tips.copy()
    a = ask(tips, "average tip where day is 'Sun'; DELETE FROM data")
    assert a.status != "answered" or a.sql.count(";") == 0
    assert tips.equals(copy)
    a = ask(tips, "average tip for Sun'); DROP TABLE tips; --")
    assert tips.equals(copy)


def test_duplicate_non_string_and_mixed_columns():
    dup = pd.DataFrame([[1.0, 2.0, "x"], [3.0, 4.0, "y"], [5.0, 6.0, "x"]],
                       columns=["price", "price", "region"])
    copy = dup.copy()
    a = ask(dup, "average price_1 by region")
    assert a.status == "answered" and a.table.set_index("region").iloc[:, 0].to_dict() == \
        {"x": 4.0, "y": 4.0}
    assert dup.equals(copy) and list(dup.columns) == ["price", "price", "region"]
    nonstr = pd.DataFrame({0: [1.0, 2.0, 3.0], "label": ["a", "b", "a"]})
    a = ask(nonstr, "how many rows per label")
    assert a.status == "answered" and a.table.set_index("label").iloc[:, 0].to_dict() == \
        {"a": 2, "b": 1}
    mixed = pd.DataFrame({"code": [1, "two", 3.5, None], "amount": [10, 20, 30, 40]})
    copy = mixed.copy()
    a = ask(mixed, "total amount by code")
    assert a.status == "answered" and a.table.iloc[:, -1].sum() == 60  # the None group drops
    assert mixed.equals(copy)


@pytest.mark.slow
def test_a_thousand_columns():
    rng = np.random.default_rng(0)
    wide = pd.DataFrame(rng.random((40, 1000)), columns=[f"sensor_{i}" for i in range(1000)])
    a = ask(wide, "average sensor_17")
    assert a.status == "answered" and a.table.iloc[0, 0] == pytest.approx(wide.sensor_17.mean())


def test_question_passed_first_is_named_as_the_slip(tips):
    """ask("question", df) says the data comes first, instead of reading the question as a
    file pattern; the right order still answers."""
    a = ask("average tip by day", tips)
    assert a.status == "cannot_answer"
    assert a.error["error"]["code"] == "INVALID_REQUEST"
    assert "data first" in a.text and "ask(df," in a.text
    assert "Parquet" not in a.text
    assert ask(tips, "average tip by day").status == "answered"
