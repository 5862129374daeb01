"""Seed 002 across a server restart and against plan limits: chatbots, sources (the index is
rebuilt from them), conversations, leads, traffic, webhooks and usage counters live in the
server's database, so a killed and restarted ``nbdatachat serve`` answers as before. Plan
limits (``NBDATACHAT_KB_PLAN``) refuse extra chatbots, characters and credits with clear
errors, and a refused request changes nothing."""

from __future__ import annotations

import httpx
import pytest

from server_helpers import API_KEY, poll, start_server

PLAN = ("chatbots=2,credits=12,chatbotChars=2000,trainingChars=3000,name=Ada,"
        "email=ada@example.org")
TEXT_A = ("The Aurora workshop in Rotterdam adjusts brakes for ten euros. " * 24)[:1500]
TEXT_B = ("Utrecht outlet sells refurbished city bikes with a one year warranty. " * 15)[:1000]


def start(tmp):
    return start_server(tmp, env={"NBDATACHAT_KB_PLAN": PLAN,
                                  "NBDATACHAT_KB_ALLOW_HOSTS": "127.0.0.1"})


def client(srv) -> httpx.Client:
    return httpx.Client(base_url=srv.base_url + "/api/v2", timeout=30,
                        headers={"Authorization": f"Bearer {API_KEY}"})


def trained(api: httpx.Client, cid: str) -> None:
    status = poll(lambda: api.get(f"/chatbot/status/{cid}").json(),
                  lambda s: s["progress"] == 100 or s["state"] == "failed")
    assert status["progress"] == 100, status


def error_code(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.json()["status"] == "error"
    return r.json()["error"]["code"]


@pytest.mark.slow
def test_plan_limits_then_restart_keeps_everything(tmp_path):
    srv = start(tmp_path)
    try:
        with client(srv) as api:
            # --- plan limits: characters per chatbot, per account, chatbots, credits
            r = api.post("/create-chatbot", json={"chatbotName": "big", "sourceText": "x" * 2001})
            assert error_code(r, 413) == "CHARACTER_LIMIT_EXCEEDED"
            assert "2,000" in r.json()["message"]
            assert api.get("/get-chatbots").json()["chatbots"] == []  # nothing half-created
            a = api.post("/create-chatbot", json={"chatbotName": "A", "sourceText": TEXT_A})
            b = api.post("/create-chatbot", json={"chatbotName": "B", "sourceText": TEXT_B})
            a, b = a.json()["chatbotId"], b.json()["chatbotId"]
            trained(api, a)
            trained(api, b)
            r = api.post("/retrain-chatbot", json={"chatbotId": b, "qAndAs": [
                {"question": "Why?", "answer": "y" * 600}]})
            assert error_code(r, 413) == "CHARACTER_LIMIT_EXCEEDED"
            assert "3,000" in r.json()["message"]
            r = api.post("/create-chatbot", json={"chatbotName": "C"})
            assert error_code(r, 403) == "PLAN_LIMIT_REACHED"
            assert "chatbotsLimit" in r.json()["message"]

            api.post("/update-chatbot-settings", json={
                "chatbotId": a, "basePrompt": "Be brief.", "discord": {"guild": "42"},
                "leadsConfig": {"collectName": True, "collectEmail": True,
                                "collectPhone": False}})
            hook = api.post("/add-webhook", json={"chatbotId": a, "event": "chat",
                                                  "url": "http://127.0.0.1:9/x"}).json()
            secret = hook["webhooks"][0]["secret"]
            first = api.post("/chat", headers={"CF-IPCountry": "NL"}, json={
                "chatbotId": a, "baseModel": "gpt-4", "messages": [
                    {"role": "user", "content": "How much is a brake adjustment? "
                                                "I'm Ada, ada@example.org"}]}).json()
            assert "ten euros" in first["response"]
            for _ in range(2):
                assert api.post("/chat", json={"chatbotId": b, "messages": [
                    {"role": "user", "content": "warranty?"}]}).status_code == 200
            r = api.post("/chat", json={"chatbotId": b, "messages": [
                {"role": "user", "content": "one more?"}]})
            assert error_code(r, 403) == "PLAN_LIMIT_REACHED"
            assert "credits" in r.json()["message"]
            account = api.get("/account").json()
            assert (account["name"], account["email"]) == ("Ada", "ada@example.org")
            assert account["plan"]["remainingCredits"] == 0
            assert account["plan"]["refreshingCredits"] == 12
            assert account["plan"]["chatbots"] == 2 and account["plan"]["chatbotsLimit"] == 2
            assert account["plan"]["remainingTrainingChars"] == 3000 - 1500 - 1000
            before = {
                "chatbots": api.get("/get-chatbots").json(),
                "query": api.post(f"/query-knowledge-base/{a}", json={"query": "brakes"}).json(),
                "conversation": api.get(f"/get-conversation/{first['conversationId']}").json(),
                "customers": api.get(f"/get-customers/{a}").json(),
                "analysis": api.get(f"/get-analysis/{a}").json(),
                "account": account,
            }
            assert before["customers"]["total"] == 1
    finally:
        srv.kill()  # SIGKILL: no shutdown hook runs

    srv = start(tmp_path)
    try:
        with client(srv) as api:
            after = {
                "chatbots": api.get("/get-chatbots").json(),
                "query": api.post(f"/query-knowledge-base/{a}", json={"query": "brakes"}).json(),
                "conversation": api.get(f"/get-conversation/{first['conversationId']}").json(),
                "customers": api.get(f"/get-customers/{a}").json(),
                "analysis": api.get(f"/get-analysis/{a}").json(),
                "account": api.get("/account").json(),
            }
            assert after == before
            bot = api.get(f"/get-chatbot/{a}").json()["chatbot"]
            assert bot["basePrompt"] == "Be brief." and bot["discord"] == {"guild": "42"}
            assert after["analysis"]["countryDistribution"] == [{"countryCode": "NL",
                                                                 "count": 1}]
            hook = api.post("/add-webhook", json={"chatbotId": a, "event": "lead-submission",
                                                  "url": "http://127.0.0.1:9/x"}).json()
            assert hook["webhooks"] == [{"endpoint": "http://127.0.0.1:9/x",
                                         "events": ["chat", "lead-submission"],
                                         "secret": secret, "enable": True}]
            # still out of credits after the restart; deleting a chatbot frees a slot
            r = api.post("/chat", json={"chatbotId": a, "messages": [
                {"role": "user", "content": "brakes?"}]})
            assert error_code(r, 403) == "PLAN_LIMIT_REACHED"
            assert api.delete(f"/delete-chatbot/{b}").status_code == 200
            r = api.post("/create-chatbot", json={"chatbotName": "C", "sourceText": "c" * 500})
            assert r.status_code == 200, r.text
            trained(api, r.json()["chatbotId"])
    finally:
        srv.stop()
