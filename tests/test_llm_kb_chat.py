"""The chatbot API (seed 002) with a configured model: the model only turns a follow-up into
a standalone search query; the answer is still extracted from the chatbot's sources. The
model sees the user's messages only, never the sources or the bot's replies."""

from __future__ import annotations

import httpx

from fake_llm import FakeLLM, reply_json, status
from server_helpers import API_KEY, poll, start_server

SOURCE = ("Flat tyre repairs cost 15 euros and take one hour. "
          "The workshop is closed on Sundays; on Saturdays it opens at ten. "
          "Rental bikes cost 20 euros a day, helmets included.")


def test_follow_up_is_searched_with_the_models_query(tmp_path):
    with FakeLLM("ollama", [reply_json({"query": "workshop opening hours on Sundays"}),
                            status(503, "busy"), status(503, "busy"),
                            status(503, "busy")]) as fake:
        srv = start_server(tmp_path / "srv", "--llm-model", "llama3.2", "--llm-base-url",
                           fake.url, "--llm-provider", "ollama",
                           env={"NBDATACHAT_LLM_RETRIES": "2"})
        try:
            api = httpx.Client(base_url=srv.base_url + "/api/v2", timeout=60,
                               headers={"Authorization": f"Bearer {API_KEY}"})
            cid = api.post("/create-chatbot", json={"chatbotName": "shop",
                                                    "sourceText": SOURCE}).json()["chatbotId"]
            poll(lambda: api.get(f"/chatbot/status/{cid}").json(),
                 lambda s: s.get("progress") == 100)
            first = api.post("/chat", json={"chatbotId": cid, "messages": [
                {"role": "user", "content": "How much is a tyre repair?"}]}).json()
            assert "15 euros" in first["response"]
            assert fake.requests == []  # one message: nothing to resolve, no model call
            messages = [{"role": "user", "content": "How much is a tyre repair?"},
                        {"role": "assistant", "content": first["response"]},
                        {"role": "user", "content": "and on the day of rest?"}]
            follow = api.post("/chat", json={"chatbotId": cid, "messages": messages}).json()
            assert "closed on Sundays" in follow["response"]
            assert len(fake.requests) == 1
            sent = fake.sent_text()
            assert "and on the day of rest?" in sent and "How much is a tyre repair?" in sent
            assert "15 euros" not in sent and "Rental bikes" not in sent  # no source text
            # the model fails: the message itself is searched (its words find another
            # passage), and the chat still answers
            again = api.post("/chat", json={"chatbotId": cid, "messages": messages}).json()
            assert again["response"] and "closed on Sundays" not in again["response"]
            assert len(fake.requests) == 4
        finally:
            srv.stop()
