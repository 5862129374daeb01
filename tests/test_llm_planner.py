"""The LLM planner end to end: ``ask(df, q, planner=...)`` against fake providers that speak
the real wire formats. Asserts the answers (numbers computed by the engine from the model's
plan, checked against pandas), which planner answered and why, the repair round and the
fallback to the rule reader, and what the provider received: no rows, no values of numeric,
date or high-cardinality columns."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from fake_llm import FakeLLM, hang, reply_json, reply_text, status
from nbdatachat import ask
from nbdatachat.llm import CancelToken, LLMSettings
from nbdatachat.llm.planner import LLMPlanner
from nbdatachat.service import Conversation
from nbdatachat.service.conversation import Turn

MEAN_BY_REGION = {"status": "ok", "plan": {
    "kind": "aggregate", "measures": [{"agg": "mean", "column": "amount"}],
    "group_by": ["region"]}}


@pytest.fixture()
def orders() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 60
    return pd.DataFrame({
        "region": rng.choice(["North", "South", "East", "West"], n),
        "channel": rng.choice(["web", "store"], n),
        "customer_email": [f"person{i:03d}@example.org" for i in range(n)],
        "amount": np.round(rng.uniform(5, 500, n), 2),
        "order_date": pd.date_range("2023-01-01", periods=n, freq="5D"),
    })


def configure(monkeypatch, fake: FakeLLM, **extra: str) -> None:
    for key in ("NBDATACHAT_PLANNER", "NBDATACHAT_LLM_STREAM", "NBDATACHAT_LLM_SUMMARY",
                "NBDATACHAT_LLM_SHARE_VALUES", "NBDATACHAT_LLM_SHARE_RANGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NBDATACHAT_LLM_MODEL", "fake-model")
    monkeypatch.setenv("NBDATACHAT_LLM_BASE_URL", fake.url)
    monkeypatch.setenv("NBDATACHAT_LLM_API_KEY", "sk-fake-key")
    monkeypatch.setenv("NBDATACHAT_LLM_PROVIDER", fake.wire)
    monkeypatch.setenv("NBDATACHAT_LLM_TIMEOUT", "5")
    for key, value in extra.items():
        monkeypatch.setenv(key, value)


def assert_private(fake: FakeLLM, df: pd.DataFrame) -> None:
    """No row, no high-cardinality, numeric or date value left the process."""
    sent = fake.sent_text()
    for email in df["customer_email"]:
        assert email not in sent
    for amount in df["amount"]:
        assert f"{amount}" not in sent and f"{amount:.2f}" not in sent
    for day in df["order_date"].dt.strftime("%Y-%m-%d"):
        assert day not in sent
    assert "sk-fake-key" not in sent  # the key travels in a header only


def user_payload(fake: FakeLLM, i: int = 0) -> dict:
    body = fake.requests[i].body
    messages = body["messages"]
    user = next(m["content"] for m in messages if m["role"] == "user")
    return json.loads(user)


@pytest.mark.parametrize("wire", ["openai", "ollama", "anthropic"])
def test_llm_planner_answers_through_the_models_plan(monkeypatch, orders, wire):
    with FakeLLM(wire, [reply_json(MEAN_BY_REGION, prompt_tokens=900,
                                   completion_tokens=40)]) as fake:
        configure(monkeypatch, fake)
        answer = ask(orders, "what does a typical order bring in, per area?", planner="llm")
    assert answer.status == "answered", answer.text
    expected = orders.groupby("region")["amount"].mean()
    got = answer.table.set_index("region")["mean_amount"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)
    assert answer.planner["planner"] == "llm" and answer.planner["usage"]["calls"] == 1
    assert answer.planner["usage"]["prompt_tokens"] == 900
    assert any(n.startswith("Planner: the model (llm)") for n in answer.notes)
    assert any("900 prompt + 40 completion tokens" in n for n in answer.notes)
    assert answer.to_dict()["planner"]["planner"] == "llm"
    # what the model saw: the question, names, types, low-cardinality values; nothing else
    payload = user_payload(fake)
    assert payload["question"] == "what does a typical order bring in, per area?"
    cols = {c["name"]: c for c in payload["table"]["columns"]}
    assert set(cols) == set(orders.columns)
    assert sorted(cols["region"]["values"]) == ["East", "North", "South", "West"]
    assert "values" not in cols["customer_email"] and "values" not in cols["amount"]
    assert "min" not in cols["amount"] and "values" not in cols["order_date"]
    assert_private(fake, orders)


def test_previous_plan_values_are_placeholders_and_restored(monkeypatch, orders):
    email = orders["customer_email"][3]
    conv = Conversation()
    conv.add(Turn("orders of that customer", "answered", "...",
                  {"kind": "aggregate", "measures": [{"agg": "sum", "column": "amount"}],
                   "filters": [{"column": "customer_email", "op": "=", "value": email},
                               {"column": "amount", "op": ">", "value": 20}]}))
    follow_up = {"status": "ok", "plan": {
        "kind": "aggregate", "measures": [{"agg": "count"}],
        "filters": [{"column": "customer_email", "op": "=", "value": "<value 1>"},
                    {"column": "amount", "op": ">", "value": "<value 2>"}]}}
    with FakeLLM("openai", [reply_json(follow_up)]) as fake:
        configure(monkeypatch, fake)
        answer = ask(orders, "and how many were there?", conversation=conv, planner="llm")
    previous = user_payload(fake)["previous_plan"]
    assert [f["value"] for f in previous["filters"]] == ["<value 1>", "<value 2>"]
    assert email not in fake.sent_text()
    assert answer.status == "answered", answer.text
    assert answer.plan.filters[0].value == email and answer.plan.filters[1].value == 20
    expected = int(((orders["customer_email"] == email) & (orders["amount"] > 20)).sum())
    assert int(answer.table.iloc[0, 0]) == expected


def test_invalid_json_then_repaired(monkeypatch, orders):
    with FakeLLM("anthropic", [reply_text("I think you want the mean of amount by region"),
                               reply_json(MEAN_BY_REGION)]) as fake:
        configure(monkeypatch, fake)
        answer = ask(orders, "typical order value per area", planner="llm")
    assert answer.status == "answered" and answer.planner["planner"] == "llm"
    assert answer.planner["usage"]["calls"] == 2
    second = fake.requests[1].body["messages"]
    assert second[-2]["role"] == "assistant"
    assert "not a JSON object" in second[-1]["content"]


def test_validation_error_is_sent_back_once_then_repaired(monkeypatch, orders):
    bad = {"status": "ok", "plan": {"kind": "aggregate",
                                    "measures": [{"agg": "mean", "column": "amout"}],
                                    "group_by": ["region"]}}
    with FakeLLM("ollama", [reply_json(bad), reply_json(MEAN_BY_REGION)]) as fake:
        configure(monkeypatch, fake)
        answer = ask(orders, "typical order value per area", planner="llm")
    assert answer.status == "answered" and answer.planner["planner"] == "llm"
    repair = fake.requests[1].body["messages"][-1]["content"]
    assert "amout" in repair and "amount" in repair
    assert len(fake.requests) == 2


def test_repair_never_leaks_withheld_values(monkeypatch, orders):
    bad = {"status": "ok", "plan": {"kind": "aggregate", "measures": [{"agg": "count"}],
                                    "filters": [{"column": "customer_email", "op": "=",
                                                 "value": "person003@example"}]}}
    with FakeLLM("openai", [reply_json(bad), reply_json(bad)]) as fake:
        configure(monkeypatch, fake)
        answer = ask(orders, "how many orders did that customer place", planner="llm")
    assert "no value" in fake.requests[1].body["messages"][-1]["content"]
    assert_private(fake, orders)
    assert answer.planner["planner"] == "rules"


def test_rejected_twice_falls_back_to_the_rule_reader(monkeypatch, orders):
    bad = {"status": "ok", "plan": {"kind": "aggregate", "measures": [{"agg": "mean",
                                                                       "column": "price"}]}}
    with FakeLLM("openai", [reply_json(bad), reply_json(bad)]) as fake:
        configure(monkeypatch, fake)
        answer = ask(orders, "average amount by region", planner="llm")
        assert len(fake.requests) == 2
    assert answer.status == "answered"
    assert answer.planner["planner"] == "rules"
    assert "rejected twice" in answer.planner["reason"]
    assert answer.planner["usage"]["calls"] == 2
    assert answer.notes[0].startswith("Planner: the rule reader (rules)")
    expected = orders.groupby("region")["amount"].mean()
    assert answer.table.set_index("region")["mean_amount"].round(6).to_dict() == \
        expected.round(6).to_dict()


def test_timeout_falls_back_to_the_rule_reader(monkeypatch, orders):
    with FakeLLM("anthropic", [hang(10)]) as fake:
        configure(monkeypatch, fake, NBDATACHAT_LLM_TIMEOUT="0.5")
        answer = ask(orders, "total amount for web orders", planner="llm")
    assert answer.status == "answered" and answer.planner["planner"] == "rules"
    assert "did not answer within 0.5 s" in answer.planner["reason"]
    assert answer.table.iloc[0, 0] == pytest.approx(
        orders.loc[orders.channel == "web", "amount"].sum())


def test_429_with_retry_after_then_answered(monkeypatch, orders):
    with FakeLLM("openai", [status(429, "rate limited", retry_after=1),
                            reply_json(MEAN_BY_REGION)]) as fake:
        configure(monkeypatch, fake)
        answer = ask(orders, "typical order value per area", planner="llm")
        gap = fake.requests[1].at - fake.requests[0].at
    assert answer.status == "answered" and answer.planner["planner"] == "llm"
    assert gap >= 0.95


@pytest.mark.parametrize("wire", ["openai", "ollama", "anthropic"])
def test_streamed_plan_reports_progress(monkeypatch, orders, wire):
    with FakeLLM(wire, [reply_json(MEAN_BY_REGION)]) as fake:
        configure(monkeypatch, fake, NBDATACHAT_LLM_STREAM="1")
        pieces: list[str] = []
        planner = LLMPlanner(LLMSettings.from_env(), on_progress=pieces.append)
        answer = ask(orders, "typical order value per area", planner=planner)
        assert fake.requests[0].body["stream"] is True
    assert answer.status == "answered" and answer.planner["planner"] == "llm"
    assert json.loads("".join(pieces)) == MEAN_BY_REGION


def test_auto_asks_the_model_only_when_the_rules_cannot_ground(monkeypatch, orders):
    with FakeLLM("openai", [reply_json(MEAN_BY_REGION)]) as fake:
        configure(monkeypatch, fake)  # a model is configured: the default planner is auto
        first = ask(orders, "average amount by region")
        assert fake.requests == []
        assert first.planner["planner"] == "rules"
        assert "model was not asked" in first.planner["reason"]
        second = ask(orders, "mean of the thing people paid, split per territory")
        assert len(fake.requests) == 1
    assert second.status == "answered" and second.planner["planner"] == "llm"
    assert "rule reader could not ground" in second.planner["reason"]
    # the question reader refuses it, naming the words it could not ground
    assert "cannot_answer" in second.planner["reason"] and "people" in second.planner["reason"]


def test_auto_keeps_the_rule_readers_question_when_the_model_fails(monkeypatch, orders):
    with FakeLLM("ollama", [status(500, "boom")] * 3) as fake:
        configure(monkeypatch, fake, NBDATACHAT_LLM_RETRIES="0")
        answer = ask(orders, "mean of the thing people paid, split per territory")
    assert answer.status == "cannot_answer" and "people" in answer.text  # the reader's own
    assert answer.planner["planner"] == "rules" and "the model failed" in answer.planner["reason"]


def test_model_refusal_is_shown_when_the_rules_cannot_answer_either(monkeypatch, orders):
    refusal = {"status": "cannot_answer", "message": "The table has no weather data."}
    with FakeLLM("anthropic", [reply_json(refusal)]) as fake:
        configure(monkeypatch, fake)
        answer = ask(orders, "will it rain in Paris tomorrow", planner="llm")
    assert answer.status == "cannot_answer"
    assert answer.text == "The table has no weather data."
    assert answer.planner["planner"] == "llm"


def test_planner_llm_without_a_model_says_how_to_configure(monkeypatch, orders):
    monkeypatch.delenv("NBDATACHAT_LLM_MODEL", raising=False)
    monkeypatch.delenv("NBDATACHAT_PLANNER", raising=False)
    answer = ask(orders, "average amount by region", planner="llm")
    assert answer.status == "cannot_answer" and "NBDATACHAT_LLM_MODEL" in answer.text
    assert ask(orders, "average amount by region").status == "answered"  # rules by default


def test_cancel_stops_the_model_call(monkeypatch, orders):
    import threading

    with FakeLLM("openai", [hang(10)]) as fake:
        configure(monkeypatch, fake, NBDATACHAT_LLM_TIMEOUT="30")
        token = CancelToken()
        threading.Timer(0.3, token.cancel).start()
        answer = ask(orders, "average amount by region",
                     planner=LLMPlanner(LLMSettings.from_env(), cancel=token))
    assert answer.status == "cannot_answer" and "cancelled" in answer.text


def test_share_settings(monkeypatch, orders):
    with FakeLLM("openai", [reply_json(MEAN_BY_REGION)]) as fake:
        configure(monkeypatch, fake, NBDATACHAT_LLM_SHARE_VALUES="0")
        ask(orders, "x", planner="llm")
        cols = {c["name"]: c for c in user_payload(fake)["table"]["columns"]}
    assert all("values" not in c for c in cols.values())
    with FakeLLM("openai", [reply_json(MEAN_BY_REGION)]) as fake:
        configure(monkeypatch, fake, NBDATACHAT_LLM_SHARE_RANGES="1")
        ask(orders, "x", planner="llm")
        cols = {c["name"]: c for c in user_payload(fake)["table"]["columns"]}
    assert float(cols["amount"]["min"]) == orders["amount"].min()
    assert "values" not in cols["customer_email"]


def test_summary_kept_only_when_its_numbers_are_in_the_result(monkeypatch, orders):
    means = orders.groupby("region")["amount"].mean()
    top = means.idxmax()
    good = {"summary": f"{top} has the highest average amount, {means.max():.1f}."}
    bad = {"summary": f"{top} leads with 999.5, about 12% above the rest."}
    with FakeLLM("openai", [reply_json(MEAN_BY_REGION), reply_json(good),
                            reply_json(MEAN_BY_REGION), reply_json(bad)]) as fake:
        configure(monkeypatch, fake, NBDATACHAT_LLM_SUMMARY="1")
        kept = ask(orders, "typical order value per area", planner="llm")
        dropped = ask(orders, "typical order value per area", planner="llm")
        summary_request = fake.requests[1].body
    assert kept.text.startswith("Average amount by region")  # narration stays deterministic
    assert any(n.startswith("Model summary (written by the model") and good["summary"] in n
               for n in kept.notes)
    assert any("Model summary dropped" in n and "999.5" in n for n in dropped.notes)
    assert not any(n.startswith("Model summary (") for n in dropped.notes)
    assert "customer_email" not in json.dumps(summary_request["messages"][-1])
