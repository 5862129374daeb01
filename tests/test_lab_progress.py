"""The lab panel's kernel bridge while a question runs, in a real kernel: each step is
published on IOPub as the panel's progress mimetype (parented to the panel's request, so no
output area shows it), and the Stop button's kernel interrupt ends the work at once, replies
CANCELLED and adds nothing to the conversation."""

from __future__ import annotations

import json
import time

import pytest

from fake_llm import FakeLLM, reply_json

pytestmark = pytest.mark.slow

BRIDGE = "__import__('nbdatachat.jupyter.lab_bridge', fromlist=['_'])"
PROGRESS_MIME = "application/vnd.nbdatachat.progress+json"
PLAN = {"status": "ok", "plan": {"kind": "aggregate",
                                 "measures": [{"agg": "mean", "column": "sales"}],
                                 "group_by": ["region"]}}


@pytest.fixture(scope="module")
def kernel():
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    kc.execute_interactive(
        "import pandas as pd\n"
        "shop = pd.DataFrame({'region': ['north', 'south', 'north', 'south', 'east'],"
        " 'sales': [10.0, 20.0, 30.0, 40.0, 50.0]})", timeout=60)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def start_call(kc, fn: str, args: dict) -> str:
    literal = json.dumps(json.dumps(args))
    return kc.execute("", silent=True, store_history=False,
                      user_expressions={"r": f"{BRIDGE}.{fn}({literal})"})


def iopub_until_idle(kc, msg_id: str, on_step=None, timeout: float = 60) -> list[dict]:
    """The IOPub messages of request ``msg_id`` until the kernel is idle again."""
    got, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        got.append(msg)
        if on_step and msg["msg_type"] == "display_data" and \
                PROGRESS_MIME in msg["content"]["data"]:
            on_step(msg["content"]["data"][PROGRESS_MIME])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return got
    raise AssertionError("the kernel did not go idle")


def reply_of(kc, msg_id: str) -> dict:
    reply = kc.get_shell_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id
    expr = reply["content"]["user_expressions"]["r"]
    assert expr["status"] == "ok", expr
    return expr["data"]["application/json"]


def evaluate(kc, expression: str):
    msg_id = kc.execute("", silent=True, user_expressions={"v": expression})
    reply = kc.get_shell_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply["content"]["user_expressions"]["v"]["data"]["text/plain"]


def test_steps_stream_on_the_panels_request_and_nowhere_else(kernel):
    _km, kc = kernel
    msg_id = start_call(kc, "ask", {"data": "shop", "question": "average sales by region"})
    messages = iopub_until_idle(kc, msg_id)
    answer = reply_of(kc, msg_id)
    assert answer["status"] == "answered"
    steps = [m["content"]["data"][PROGRESS_MIME] for m in messages
             if m["msg_type"] == "display_data"]
    said = [s["message"] for s in steps]
    assert said[0] == "Reading the question" and "Read as: " in said[1]
    assert any(s.startswith("Running the query in") for s in said)
    assert all(set(m["content"]["data"]) == {PROGRESS_MIME} for m in messages
               if m["msg_type"] == "display_data")  # no text/plain: nothing to show elsewhere
    assert not [m for m in messages if m["msg_type"] in ("execute_result", "stream", "error")]


def test_interrupt_stops_a_model_call_replies_cancelled_and_keeps_the_conversation(kernel):
    km, kc = kernel
    with FakeLLM("openai", [reply_json(PLAN), reply_json(PLAN, chunk_delay=2.0)],
                 default=reply_json(PLAN)) as fake:
        env = {"NBDATACHAT_PLANNER": "llm", "NBDATACHAT_LLM_MODEL": "fake-model",
               "NBDATACHAT_LLM_BASE_URL": fake.url, "NBDATACHAT_LLM_API_KEY": "k",
               "NBDATACHAT_LLM_PROVIDER": "openai"}
        kc.execute_interactive(f"import os; os.environ.update({env!r})", timeout=30)
        try:
            msg_id = start_call(kc, "ask", {"data": "shop", "question": "mean sales per region"})
            iopub_until_idle(kc, msg_id)
            first = reply_of(kc, msg_id)
            assert first["status"] == "answered" and first["planner"]["planner"] == "llm"
            cid = first["conversation_id"]

            msg_id = start_call(kc, "ask", {"data": "shop", "question": "and the total?",
                                            "conversation": cid})
            seen: list[str] = []

            def on_step(step: dict) -> None:
                seen.append(step["message"])
                if "writing the plan" in step["message"] and len(seen) < 50:
                    km.interrupt_kernel()  # what the panel's Stop does
                    seen.append("<interrupted>")

            started = time.monotonic()
            iopub_until_idle(kc, msg_id, on_step=on_step, timeout=30)
            took = time.monotonic() - started
            reply = reply_of(kc, msg_id)
            assert "<interrupted>" in seen, seen
            assert any(s.startswith("Asking the model fake-model") for s in seen)
            assert reply["error"]["code"] == "CANCELLED", reply
            assert took < 6, f"the stopped question ran {took:.1f} s (the stream takes 8 s)"
            deadline = time.monotonic() + 5
            while not fake.aborted and time.monotonic() < deadline:
                time.sleep(0.1)
            assert fake.aborted == 1  # the kernel hung up on the model
            turns = evaluate(kc, "[t.question for t in __import__('nbdatachat.service', "
                                 f"fromlist=['_']).default_store().load({cid!r}).turns]")
            # the session continued the first test's conversation; the stopped turn is not in it
            assert turns.endswith("'mean sales per region']") and "total" not in turns, turns
            # the kernel answers the next question at once, in the same conversation
            msg_id = start_call(kc, "ask", {"data": "shop", "question": "mean sales per region",
                                            "conversation": cid})
            iopub_until_idle(kc, msg_id)
            again = reply_of(kc, msg_id)
            assert again["status"] == "answered" and again["conversation_id"] == cid
        finally:
            kc.execute_interactive("import os\nfor k in " + repr(sorted(env)) +
                                   ": os.environ.pop(k, None)", timeout=30)
