"""The server's seed routes with a configured model: the OpenAI-compatible completions
endpoint (seed 003, through the openai SDK) and analytics chat (seed 001) are planned by the
model behind a fake provider; ``usage`` reports the model's tokens; without a usable plan the
rule reader answers; what reached the provider holds no rows."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from fake_llm import FakeLLM, reply_json, status
from server_helpers import start_server

PLAN = {"status": "ok", "plan": {"kind": "aggregate",
                                 "measures": [{"agg": "sum", "column": "revenue"}],
                                 "group_by": ["store"]}}


@pytest.fixture()
def shop(tmp_path):
    rng = np.random.default_rng(21)
    df = pd.DataFrame({"store": rng.choice(["Harbor", "Mill", "Quay"], 30),
                       "order_ref": [f"R{i:05d}" for i in range(30)],
                       "revenue": np.round(rng.uniform(10, 90, 30), 2)})
    path = tmp_path / "shop.csv"
    df.to_csv(path, index=False)
    return path, df


def test_completions_and_chat_use_the_configured_model(shop, tmp_path):
    openai = pytest.importorskip("openai")
    path, df = shop
    with FakeLLM("openai", [reply_json(PLAN, prompt_tokens=812, completion_tokens=33),
                            status(500, "down"), status(500, "down"), status(500, "down"),
                            reply_json(PLAN, prompt_tokens=700, completion_tokens=20)]) as fake:
        srv = start_server(tmp_path / "srv", "--dataset", f"shop={path}", "--allow-path",
                           str(tmp_path), "--planner", "llm", "--llm-model", "fake-gpt",
                           "--llm-base-url", fake.url, "--llm-provider", "openai",
                           env={"NBDATACHAT_LLM_API_KEY": "sk-upstream",
                                "NBDATACHAT_LLM_RETRIES": "2"})
        try:
            from server_helpers import API_KEY

            client = openai.OpenAI(base_url=srv.base_url + "/api/v1", api_key=API_KEY)
            reply = client.chat.completions.create(
                model="shop", messages=[{"role": "user", "content": "money per branch?"}],
                extra_headers={"responseType": "raw"})
            assert reply.usage.prompt_tokens == 812 and reply.usage.completion_tokens == 33
            assert reply.usage.total_tokens == 845
            expected = df.groupby("store")["revenue"].sum()
            content = reply.choices[0].message.content
            said = {m.group(1): float(m.group(2).replace(",", ""))
                    for m in re.finditer(r"(Harbor|Mill|Quay) (\d[\d,]*(?:\.\d+)?)", content)}
            assert said == pytest.approx(expected.to_dict(), rel=1e-3)
            # the provider fails (3 x 500): the rule reader answers, usage counts words
            fallback = client.chat.completions.create(
                model="shop", messages=[{"role": "user",
                                         "content": "total revenue by store"}])
            assert "Harbor" in fallback.choices[0].message.content
            assert fallback.usage.prompt_tokens == len("total revenue by store".split())
            # seed 001 chat, planned by the model too
            import httpx

            r = httpx.post(srv.base_url + "/api/v1/analytics/chat", headers=srv.headers,
                           json={"query": "money per branch?", "collectionIds": ["shop"]},
                           timeout=60)
            assert r.status_code == 200, r.text
            body = r.json()
            assert body["status"] == "answered" and body["response"].startswith("Total revenue")
            got = {row["store"]: row["sum_revenue"] for row in body["table"]}
            assert got == pytest.approx(expected.to_dict())
        finally:
            srv.stop()
        sent = fake.sent_text()
        assert len(fake.requests) == 5
        for ref in df["order_ref"]:
            assert ref not in sent
        for value in df["revenue"]:
            assert f"{value}" not in sent
        assert fake.requests[0].headers["authorization"] == "Bearer sk-upstream"
