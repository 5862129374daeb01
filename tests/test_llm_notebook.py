"""The model settings in a notebook: traitlets drive ``%%ask``'s planner, and
``%nbdatachat llm-preview`` shows exactly what would be sent (and sends nothing)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from fake_llm import FakeLLM, reply_json


@pytest.fixture
def shell(monkeypatch):
    for key in ("NBDATACHAT_PLANNER", "NBDATACHAT_LLM_MODEL", "NBDATACHAT_LLM_BASE_URL",
                "NBDATACHAT_LLM_PROVIDER", "NBDATACHAT_LLM_API_KEY"):
        monkeypatch.delenv(key, raising=False)
    sh = InteractiveShell.instance()
    sh.run_line_magic("load_ext", "nbdatachat")
    rng = np.random.default_rng(3)
    sh.user_ns["visits"] = pd.DataFrame({
        "clinic": rng.choice(["Ash", "Birch", "Cedar"], 50),
        "patient": [f"P-{i:04d}" for i in range(50)],
        "wait_min": rng.integers(2, 90, 50),
    })
    yield sh
    sh.user_ns.pop("visits", None)
    for magics in sh.magics_manager.registry.values():
        settings = getattr(magics, "settings", None)
        if settings is not None and hasattr(settings, "llm_model"):
            settings.llm_model = ""
            settings.llm_base_url = ""
            settings.planner = None
            settings.llm_provider = None


def _settings(sh):
    return next(m.settings for m in sh.magics_manager.registry.values()
                if hasattr(getattr(m, "settings", None), "llm_model"))


def test_llm_preview_shows_the_request_and_sends_nothing(shell, monkeypatch):
    monkeypatch.setenv("NBDATACHAT_LLM_API_KEY", "sk-never-shown")
    with FakeLLM("ollama") as fake:
        settings = _settings(shell)
        settings.llm_model = "llama3.2"
        settings.llm_base_url = fake.url
        settings.llm_provider = "ollama"
        out = shell.run_line_magic("nbdatachat", "llm-preview visits average wait per clinic")
        from nbdatachat.llm.preview import preview

        p = preview(shell.user_ns["visits"], "average wait per clinic",
                    settings=settings.llm_settings())
        assert fake.requests == []
    assert out is None
    assert p.url == fake.url + "/api/chat"
    body = p.body
    assert body["model"] == "llama3.2" and "format" in body
    user = json.loads(body["messages"][1]["content"])
    assert user["question"] == "average wait per clinic"
    cols = {c["name"]: c for c in user["table"]["columns"]}
    assert sorted(cols["clinic"]["values"]) == ["Ash", "Birch", "Cedar"]
    assert "values" not in cols["patient"] and "values" not in cols["wait_min"]
    assert set(p.withheld) == {"patient", "wait_min"}
    text = p.text()
    assert "sk-never-shown" not in text and "P-0001" not in text
    assert "Values not sent" in text and "patient" in text


def test_ask_magic_uses_the_configured_model(shell, monkeypatch):
    plan = {"status": "ok", "plan": {"kind": "aggregate",
                                     "measures": [{"agg": "max", "column": "wait_min"}],
                                     "group_by": ["clinic"]}}
    with FakeLLM("openai", [reply_json(plan)]) as fake:
        monkeypatch.setenv("NBDATACHAT_LLM_API_KEY", "k")
        settings = _settings(shell)
        settings.llm_model = "gpt-test"
        settings.llm_base_url = fake.url
        settings.planner = "llm"
        settings.llm_provider = "openai"
        shell.run_cell_magic("ask", "visits -o res", "longest wait in each clinic?")
        assert len(fake.requests) == 1
    res = shell.user_ns.pop("res")
    assert res.planner["planner"] == "llm"
    expected = shell.user_ns["visits"].groupby("clinic")["wait_min"].max()
    assert res.table.set_index("clinic")["max_wait_min"].to_dict() == expected.to_dict()


def test_without_a_model_the_magic_stays_offline(shell):
    shell.run_cell_magic("ask", "visits -o res", "average wait_min by clinic")
    res = shell.user_ns.pop("res")
    assert res.status == "answered" and res.planner is None
