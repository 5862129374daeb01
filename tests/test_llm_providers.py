"""The providers against fake servers that speak each real wire format: request shapes,
structured replies (whole and streamed), token usage, retries honouring Retry-After,
timeouts, cancellation and error messages."""

from __future__ import annotations

import json
import threading
import time

import pytest

from fake_llm import FakeLLM, hang, reply_json, reply_text, status
from nbdatachat.llm import (AnthropicProvider, CancelToken, ChatMessage, ChatRequest,
                            LLMCancelled, LLMError, LLMRateLimited, LLMSettings, LLMTimeout,
                            OllamaProvider, OpenAIProvider, make_provider)

WIRES = ["openai", "ollama", "anthropic"]
SCHEMA = {"type": "object", "properties": {"status": {"type": "string"},
                                           "n": {"type": "integer"}},
          "required": ["status"]}
GOOD = {"status": "ok", "n": 3}


def request() -> ChatRequest:
    return ChatRequest([ChatMessage("system", "You write plans."),
                        ChatMessage("user", "average tip by day")], schema=SCHEMA,
                       schema_name="submit_plan")


def provider(fake: FakeLLM, **kw):
    settings = LLMSettings(model="test-model", base_url=fake.url, api_key="sk-test",
                           provider=fake.wire)
    return make_provider(settings, **kw)


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize("wire", WIRES)
def test_structured_reply_and_usage(wire, stream):
    with FakeLLM(wire, [reply_json(GOOD, prompt_tokens=120, completion_tokens=7)]) as fake:
        pieces: list[str] = []
        result = provider(fake).chat(request(), on_delta=pieces.append if stream else None)
    assert result.data == GOOD
    assert result.usage.prompt_tokens == 120 and result.usage.completion_tokens == 7
    assert result.usage.calls == 1 and result.provider == wire
    if stream:
        assert len(pieces) > 1 and "".join(pieces) == json.dumps(GOOD)
    sent = fake.requests[0]
    body = sent.body
    assert body["model"] == "test-model"
    assert bool(body.get("stream")) is stream
    if wire == "openai":
        assert sent.path == "/v1/chat/completions"
        assert sent.headers["authorization"] == "Bearer sk-test"
        assert body["tools"][0]["function"]["parameters"] == SCHEMA
        assert body["tool_choice"] == {"type": "function", "function": {"name": "submit_plan"}}
        assert body["messages"][0] == {"role": "system", "content": "You write plans."}
        if stream:
            assert body["stream_options"] == {"include_usage": True}
    elif wire == "ollama":
        assert sent.path == "/api/chat"
        assert body["format"] == SCHEMA and body["stream"] is stream
        assert body["options"]["temperature"] == 0
    else:
        assert sent.path == "/v1/messages"
        assert sent.headers["x-api-key"] == "sk-test"
        assert sent.headers["anthropic-version"] == "2023-06-01"
        assert body["system"] == "You write plans."
        assert [m["role"] for m in body["messages"]] == ["user"]
        assert body["tools"][0]["input_schema"] == SCHEMA
        assert body["tool_choice"] == {"type": "tool", "name": "submit_plan"}
        assert body["max_tokens"] > 0


@pytest.mark.parametrize("wire", WIRES)
def test_invalid_json_is_returned_as_text(wire):
    with FakeLLM(wire, [reply_text("Sure! The plan is: {kind: aggregate")]) as fake:
        result = provider(fake).chat(request())
    assert result.data is None
    assert result.text.startswith("Sure! The plan is")


def test_json_in_a_fence_is_read():
    fenced = "Here you go:\n```json\n" + json.dumps(GOOD) + "\n```"
    with FakeLLM("ollama", [reply_text(fenced)]) as fake:
        assert provider(fake).chat(request()).data == GOOD


@pytest.mark.parametrize("wire", WIRES)
def test_429_waits_for_retry_after_then_succeeds(wire):
    with FakeLLM(wire, [status(429, "slow down", retry_after=1), reply_json(GOOD)]) as fake:
        start = time.monotonic()
        result = provider(fake, backoff=0.01).chat(request())
        elapsed = time.monotonic() - start
        times = [r.at for r in fake.requests]
    assert result.data == GOOD
    assert len(times) == 2
    assert times[1] - times[0] >= 0.95, "Retry-After: 1 was not honoured"
    assert elapsed < 5


def test_5xx_retried_then_clear_error():
    with FakeLLM("anthropic", [status(529, "Overloaded")] * 3) as fake:
        with pytest.raises(LLMError) as info:
            provider(fake, backoff=0.01, max_retries=2).chat(request())
        assert len(fake.requests) == 3
    err = info.value
    assert err.details["status"] == 529 and err.details["attempts"] == 3
    assert "Overloaded" in err.message


def test_retry_after_too_long_fails_at_once():
    with FakeLLM("openai", [status(429, "quota", retry_after=3600)]) as fake:
        start = time.monotonic()
        with pytest.raises(LLMRateLimited) as info:
            provider(fake).chat(request())
        assert time.monotonic() - start < 2
        assert len(fake.requests) == 1
    assert info.value.details["retry_after_s"] == 3600


def test_client_errors_are_not_retried_and_say_how_to_fix():
    with FakeLLM("openai", [reply_json(GOOD)], api_key="right-key") as fake:
        with pytest.raises(LLMError) as info:
            provider(fake).chat(request())  # sends sk-test
        assert len(fake.requests) == 1
    assert "401" in info.value.message and "NBDATACHAT_LLM_API_KEY" in info.value.message


@pytest.mark.parametrize("wire", WIRES)
def test_timeout(wire):
    with FakeLLM(wire, [hang(10)]) as fake:
        start = time.monotonic()
        with pytest.raises(LLMTimeout) as info:
            provider(fake, timeout=0.5).chat(request())
        assert time.monotonic() - start < 3
    assert "0.5" in info.value.message


@pytest.mark.parametrize("wire", WIRES)
def test_cancel_aborts_a_stream_in_flight(wire):
    with FakeLLM(wire, [reply_json(GOOD, chunk_delay=1.0)]) as fake:
        token = CancelToken()
        pieces: list[str] = []
        threading.Timer(0.4, token.cancel).start()
        start = time.monotonic()
        with pytest.raises(LLMCancelled):
            provider(fake, timeout=30).chat(request(), cancel=token, on_delta=pieces.append)
        assert time.monotonic() - start < 2.5


def test_cancel_aborts_while_waiting_for_headers():
    with FakeLLM("openai", [hang(10)]) as fake:
        token = CancelToken()
        threading.Timer(0.3, token.cancel).start()
        start = time.monotonic()
        with pytest.raises(LLMCancelled):
            provider(fake, timeout=30).chat(request(), cancel=token)
        assert time.monotonic() - start < 2


def test_unreachable_server_says_so():
    p = OpenAIProvider("m", base_url="http://127.0.0.1:9/v1", max_retries=0)
    with pytest.raises(LLMError) as info:
        p.chat(request())
    assert "Could not reach the model" in info.value.message


def test_urls_and_headers():
    azure = OpenAIProvider("gpt", api_key="k",
                           base_url="https://res.openai.azure.com/openai/deployments/gpt"
                                    "?api-version=2024-10-21")
    assert azure.url() == ("https://res.openai.azure.com/openai/deployments/gpt/chat/"
                           "completions?api-version=2024-10-21")
    assert azure.headers()["api-key"] == "k" and "Authorization" not in azure.headers()
    assert OpenAIProvider("m").url() == "https://api.openai.com/v1/chat/completions"
    assert AnthropicProvider("c").url() == "https://api.anthropic.com/v1/messages"
    assert AnthropicProvider("c", base_url="https://proxy.example/v1").url() == \
        "https://proxy.example/v1/messages"
    assert OllamaProvider("llama").url() == "http://127.0.0.1:11434/api/chat"
    assert OllamaProvider("llama", base_url="http://box:11434/api").url() == \
        "http://box:11434/api/chat"
    assert "secret" not in OpenAIProvider("m", base_url="http://u:secret@h/v1?key=x").describe()


def test_settings_from_env(monkeypatch):
    monkeypatch.delenv("NBDATACHAT_PLANNER", raising=False)
    monkeypatch.delenv("NBDATACHAT_LLM_MODEL", raising=False)
    assert LLMSettings.from_env().effective_planner == "rules"
    monkeypatch.setenv("NBDATACHAT_LLM_MODEL", "llama3.2")
    monkeypatch.setenv("NBDATACHAT_LLM_BASE_URL", "http://127.0.0.1:11434")
    monkeypatch.setenv("NBDATACHAT_LLM_API_KEY", "sk-secret")
    s = LLMSettings.from_env()
    assert s.effective_planner == "auto" and s.effective_provider == "ollama"
    assert "sk-secret" not in json.dumps(s.describe())
    monkeypatch.setenv("NBDATACHAT_PLANNER", "llm")
    monkeypatch.setenv("NBDATACHAT_LLM_PROVIDER", "anthropic")
    s = LLMSettings.from_env()
    assert s.effective_planner == "llm" and isinstance(make_provider(s), AnthropicProvider)
    monkeypatch.setenv("NBDATACHAT_PLANNER", "clever")
    with pytest.raises(Exception, match="rules, llm, auto"):
        LLMSettings.from_env()


def test_kernel_interrupt_cancels_the_request():
    """A Jupyter interrupt (KeyboardInterrupt in the main thread) aborts the model call: the
    cell stops at once and the request is not left running."""
    import _thread

    with FakeLLM("ollama", [hang(10)]) as fake:
        def interrupt_once_sent() -> None:
            deadline = time.monotonic() + 10
            while not fake.requests and time.monotonic() < deadline:
                time.sleep(0.02)
            _thread.interrupt_main()

        threading.Thread(target=interrupt_once_sent, daemon=True).start()
        start = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            provider(fake, timeout=30).chat(request())
        assert time.monotonic() - start < 5
        assert len(fake.requests) == 1
