"""Progress and cancellation of a running question (nbdatachat.tools.progress): the steps
the engine reports, and a stopped run that leaves nothing behind."""

from __future__ import annotations

import threading
import time

import numpy as np
import pandas as pd
import pytest

from fake_llm import FakeLLM, reply_json
from nbdatachat.service import MemoryConversationStore, ask
from nbdatachat.tools.progress import Cancelled, Run, check_cancelled, current, running, step

PLAN = {"status": "ok", "plan": {"kind": "aggregate",
                                 "measures": [{"agg": "mean", "column": "amount"}],
                                 "group_by": ["region"]}}


@pytest.fixture()
def orders() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    return pd.DataFrame({"region": rng.choice(["North", "South", "East"], 40),
                         "amount": np.round(rng.uniform(5, 500, 40), 2)})


def use_model(monkeypatch, fake: FakeLLM) -> None:
    for key in ("NBDATACHAT_LLM_STREAM", "NBDATACHAT_LLM_SUMMARY"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NBDATACHAT_PLANNER", "llm")
    monkeypatch.setenv("NBDATACHAT_LLM_MODEL", "fake-model")
    monkeypatch.setenv("NBDATACHAT_LLM_BASE_URL", fake.url)
    monkeypatch.setenv("NBDATACHAT_LLM_API_KEY", "sk-fake")
    monkeypatch.setenv("NBDATACHAT_LLM_PROVIDER", fake.wire)
    monkeypatch.setenv("NBDATACHAT_LLM_TIMEOUT", "30")


def test_steps_outside_a_run_do_nothing_and_inside_reach_the_callback():
    step("nobody listens")  # no run: no error, nothing recorded
    check_cancelled()
    heard = []
    with running(on_step=heard.append) as run:
        assert current() is run
        step("one")
        step("two", fraction=0.5)
        step("two", fraction=3)  # clamped, and the same stage updates the last step
    assert current() is None
    assert [s.message for s in run.steps] == ["one", "two"]
    assert run.steps[-1].fraction == 1.0
    assert heard[0].message == "one" and heard[1].fraction == 0.5


def test_a_cancelled_run_raises_at_its_next_step_and_runs_its_callbacks():
    run = Run()
    aborted = []
    run.add_callback(lambda: aborted.append("http"))
    with running(run):
        step("before")
        run.cancel()
        assert aborted == ["http"]
        with pytest.raises(Cancelled):
            step("after")
        with pytest.raises(Cancelled):
            check_cancelled()
    late = []
    run.add_callback(lambda: late.append(1))  # registered after the cancel: called at once
    assert late == [1]
    assert not isinstance(Cancelled(), Exception)  # the engine's handlers do not swallow it


def test_ask_reports_its_steps(orders):
    heard = []
    with running(on_step=heard.append):
        answer = ask(orders, "average amount by region", store=MemoryConversationStore())
    assert answer.status == "answered"
    messages = [s.message for s in heard]
    assert messages[0] == "Reading the question"
    assert any(m.startswith("Read as: ") for m in messages)
    assert any(m.startswith("Running the query in ") for m in messages)
    assert messages[-1] == "Writing the answer and drawing the chart"
    elapsed = [s.elapsed_ms for s in heard]
    assert elapsed == sorted(elapsed)


def test_stopping_a_model_call_aborts_it_and_leaves_the_conversation_as_it_was(
        monkeypatch, orders):
    store = MemoryConversationStore()
    # first answer fast, then a slow stream (four chunks, 1.5 s apart)
    with FakeLLM("openai", [reply_json(PLAN), reply_json(PLAN, chunk_delay=1.5)]) as fake:
        use_model(monkeypatch, fake)
        first = ask(orders, "average amount per region", store=store)
        assert first.status == "answered" and first.planner["planner"] == "llm"
        heard: list[str] = []
        run = Run(on_step=lambda s: heard.append(s.message))
        outcome: dict = {}

        def work() -> None:
            with running(run):
                try:
                    outcome["answer"] = ask(orders, "and the total?", first.conversation_id,
                                            store=store)
                except Cancelled:
                    outcome["cancelled"] = True

        worker = threading.Thread(target=work)
        worker.start()
        deadline = time.monotonic() + 20
        while not any("writing the plan" in m for m in heard) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any(m.startswith("Asking the model fake-model") for m in heard), heard
        assert any("The model is writing the plan" in m for m in heard), heard
        stopped = time.monotonic()
        run.cancel()
        worker.join(5)
        took = time.monotonic() - stopped
        assert not worker.is_alive() and took < 1.5, f"the call went on for {took:.1f} s"
        assert outcome == {"cancelled": True}
        deadline = time.monotonic() + 5
        while not fake.aborted and time.monotonic() < deadline:
            time.sleep(0.1)
        assert fake.aborted == 1  # the provider saw the request hang up
    turns = store.load(first.conversation_id).turns
    assert [t.question for t in turns] == ["average amount per region"]
