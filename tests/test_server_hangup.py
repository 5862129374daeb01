"""The panel's Stop on a server dataset: the panel aborts its request, and the server stops
the work (the model call is aborted) and records nothing of the stopped question."""

from __future__ import annotations

import time

import httpx
import numpy as np
import pandas as pd
import pytest

from fake_llm import FakeLLM, reply_json
from server_helpers import start_server

pytestmark = pytest.mark.slow

PLAN = {"status": "ok", "plan": {"kind": "aggregate",
                                 "measures": [{"agg": "sum", "column": "revenue"}],
                                 "group_by": ["store"]}}


def test_a_hung_up_chat_request_stops_the_model_call_and_records_nothing(tmp_path):
    rng = np.random.default_rng(4)
    path = tmp_path / "shop.csv"
    pd.DataFrame({"store": rng.choice(["Harbor", "Mill"], 20),
                  "revenue": rng.uniform(10, 90, 20).round(2)}).to_csv(path, index=False)
    # the first answer is quick; the second streams four chunks 2 s apart (about 8 s)
    with FakeLLM("openai", [reply_json(PLAN), reply_json(PLAN, chunk_delay=2.0)],
                 default=reply_json(PLAN)) as fake:
        srv = start_server(tmp_path / "srv", "--dataset", f"shop={path}", "--allow-path",
                           str(tmp_path), "--planner", "llm", "--llm-model", "fake-gpt",
                           "--llm-base-url", fake.url, "--llm-provider", "openai",
                           env={"NBDATACHAT_LLM_API_KEY": "sk-upstream",
                                "NBDATACHAT_LLM_STREAM": "1"})
        try:
            chat = srv.base_url + "/api/v1/analytics/chat"
            first = httpx.post(chat, headers=srv.headers, timeout=60,
                               json={"query": "revenue per store", "collectionIds": ["shop"]})
            assert first.status_code == 200, first.text
            cid = first.json()["conversationId"]
            started = time.monotonic()
            with pytest.raises(httpx.ReadTimeout):  # the panel's Stop: the client hangs up
                httpx.post(chat, headers=srv.headers, timeout=1.5,
                           json={"query": "and in total?", "collectionIds": ["shop"],
                                 "conversationId": cid})
            deadline = time.monotonic() + 10
            while not fake.aborted and time.monotonic() < deadline:
                time.sleep(0.1)
            assert fake.aborted == 1, "the server went on with the model call"
            assert time.monotonic() - started < 6  # well before the stream's 8 s
            time.sleep(1.0)
            conv = httpx.get(f"{srv.base_url}/api/v1/analytics/conversations/{cid}",
                             headers=srv.headers, timeout=30)
            assert conv.status_code == 200, conv.text
            said = [m for m in conv.json()["messages"] if m.get("role") == "user"]
            assert [m["content"] for m in said] == ["revenue per store"]
            # the server answers the next question at once
            again = httpx.post(chat, headers=srv.headers, timeout=60,
                               json={"query": "revenue per store", "collectionIds": ["shop"],
                                     "conversationId": cid})
            assert again.status_code == 200 and again.json()["status"] == "answered"
        finally:
            srv.stop()
