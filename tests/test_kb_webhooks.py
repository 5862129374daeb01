"""Webhooks of seed 002 (``add-webhook`` / ``delete-webhook``): a real ``nbdatachat serve``
delivers ``chat``, ``lead-submission`` and ``live-chat-escalation`` events to a receiver on
127.0.0.1 (allowed through ``NBDATACHAT_KB_ALLOW_HOSTS``); each delivery is HMAC-signed
with the webhook's secret, retried with backoff after a failure, and never holds up a chat.
Private targets are refused without the allow-list, and redirects are not followed."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from nbdatachat.kb.fetch import UrlPolicy
from nbdatachat.kb.webhooks import WebhookDispatcher, sign, verify_signature
from server_helpers import API_KEY, poll, start_server


class Receiver(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Hook)
        self.requests: list[dict] = []
        self.failures: dict[str, int] = {"/flaky": 1}  # path -> failures still to answer
        self.release = threading.Event()
        self.entered_hold = threading.Event()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def received(self, path: str) -> list[dict]:
        with self.lock:
            return [r for r in self.requests if r["path"] == path]


class Hook(BaseHTTPRequestHandler):
    server: Receiver

    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802 - http.server API
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/hold":
            self.server.entered_hold.set()
            self.server.release.wait(30)
        with self.server.lock:
            left = self.server.failures.get(self.path, 0)
            self.server.failures[self.path] = max(0, left - 1)
            status = 500 if left else (302 if self.path == "/redirect" else 200)
            self.server.requests.append({"path": self.path, "headers": dict(self.headers),
                                         "body": body, "status": status,
                                         "time": time.monotonic()})
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def receiver():
    httpd = Receiver()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("hooks"),
                       env={"NBDATACHAT_KB_ALLOW_HOSTS": "127.0.0.1"})
    with httpx.Client(base_url=srv.base_url + "/api/v2", timeout=30,
                      headers={"Authorization": f"Bearer {API_KEY}"}) as client:
        yield client
    srv.stop()


def new_bot(api: httpx.Client) -> str:
    r = api.post("/create-chatbot", json={
        "chatbotName": "hooks", "sourceText": "Aurora Bikes repairs flat tyres for 15 euros."})
    cid = r.json()["chatbotId"]
    poll(lambda: api.get(f"/chatbot/status/{cid}").json(), lambda s: s["progress"] == 100)
    return cid


def chat(api: httpx.Client, cid: str, text: str, **extra) -> dict:
    r = api.post("/chat", json={"chatbotId": cid, **extra,
                                "messages": [{"role": "user", "content": text}]})
    assert r.status_code == 200, r.text
    return r.json()


def verified(secret: str, request: dict) -> bool:
    h = {k.lower(): v for k, v in request["headers"].items()}
    return verify_signature(secret, request["body"], h["x-webhook-timestamp"],
                            h["x-webhook-signature"])


def test_add_webhook_seed_example_signed_delivery_retried_after_a_failure(api, receiver):
    cid = new_bot(api)
    r = api.post("/add-webhook", json={"chatbotId": cid, "url": receiver.url + "/flaky",
                                       "event": "chat"})
    assert r.status_code == 200, r.text
    hooks = r.json()["webhooks"]
    assert r.json()["status"] == "success" and len(hooks) == 1
    hook = hooks[0]
    assert (hook["endpoint"], hook["events"], hook["enable"]) == (
        receiver.url + "/flaky", ["chat"], True)
    secret = hook["secret"]
    assert len(secret) >= 32

    answer = chat(api, cid, "How much is a flat tyre repair?")
    got = poll(lambda: receiver.received("/flaky"), lambda rs: len(rs) >= 2, timeout=20)
    first, second = got[:2]
    assert (first["status"], second["status"]) == (500, 200)
    h1 = {k.lower(): v for k, v in first["headers"].items()}
    h2 = {k.lower(): v for k, v in second["headers"].items()}
    assert h1["x-webhook-id"] == h2["x-webhook-id"]  # the same event, retried
    assert (h1["x-webhook-attempt"], h2["x-webhook-attempt"]) == ("1", "2")
    assert h2["x-webhook-event"] == "chat"
    assert second["time"] - first["time"] >= 0.9  # backoff of ~1 s before the retry
    assert verified(secret, first) and verified(secret, second)
    assert h2["x-webhook-signature"] == sign(secret, h2["x-webhook-timestamp"], second["body"])
    assert not verify_signature(secret, second["body"] + b" ", h2["x-webhook-timestamp"],
                                h2["x-webhook-signature"])
    assert not verify_signature("wrong-secret", second["body"], h2["x-webhook-timestamp"],
                                h2["x-webhook-signature"])
    event = json.loads(second["body"])
    assert event["event"] == "chat" and event["chatbotId"] == cid
    assert event["conversationId"] == answer["conversationId"]
    assert [m["content"] for m in event["messages"]] == [
        "How much is a flat tyre repair?", answer["response"]]
    assert len(receiver.received("/flaky")) == 2  # delivered once: no further retries


def test_lead_submission_and_live_chat_escalation_events(api, receiver):
    cid = new_bot(api)
    for event in ("lead-submission", "live-chat-escalation"):
        r = api.post("/add-webhook", json={"chatbotId": cid, "url": receiver.url + "/leads",
                                           "event": event})
    hooks = r.json()["webhooks"]
    assert len(hooks) == 1 and hooks[0]["events"] == ["lead-submission",
                                                      "live-chat-escalation"]
    secret = hooks[0]["secret"]
    conv = chat(api, cid, "Please email me at grace@example.com")["conversationId"]
    got = poll(lambda: receiver.received("/leads"), lambda rs: len(rs) >= 1, timeout=10)
    lead = json.loads(got[0]["body"])
    assert lead["event"] == "lead-submission" and lead["conversationId"] == conv
    assert lead["lead"]["email"] == "grace@example.com" and verified(secret, got[0])

    chat(api, cid, "Can I talk to a human agent please?", conversationId=conv,
         appendMessages=True)
    got = poll(lambda: receiver.received("/leads"), lambda rs: len(rs) >= 2, timeout=10)
    escalation = json.loads(got[1]["body"])
    assert escalation["event"] == "live-chat-escalation"
    assert escalation["conversationId"] == conv
    state = api.get(f"/get-conversation/{conv}").json()["conversation"]["liveChatEnded"]
    assert state is False  # the conversation is now in live chat
    api.post("/livechat-state", json={"chatbotId": cid, "conversationId": conv, "end": True})
    r = api.post("/livechat-state", json={"chatbotId": cid, "conversationId": conv})
    assert r.json()["liveChatEnded"] is False  # toggled back on: escalated again
    got = poll(lambda: receiver.received("/leads"), lambda rs: len(rs) >= 3, timeout=10)
    assert [json.loads(g["body"])["event"] for g in got] == [
        "lead-submission", "live-chat-escalation", "live-chat-escalation"]


def test_a_slow_receiver_never_blocks_a_chat(api, receiver):
    cid = new_bot(api)
    api.post("/add-webhook", json={"chatbotId": cid, "url": receiver.url + "/hold",
                                   "event": "chat"})
    with httpx.Client(base_url=str(api.base_url), headers=api.headers, timeout=10) as quick:
        answer = chat(quick, cid, "flat tyre price?")  # returns while the receiver holds
    assert "15 euros" in answer["response"]
    assert receiver.entered_hold.wait(10)  # the delivery is in flight...
    assert receiver.received("/hold") == []  # ...and not finished, yet the chat answered
    receiver.release.set()
    got = poll(lambda: receiver.received("/hold"), lambda rs: len(rs) == 1, timeout=10)
    assert json.loads(got[0]["body"])["conversationId"] == answer["conversationId"]


def test_delete_webhook_stops_deliveries(api, receiver):
    cid = new_bot(api)
    api.post("/add-webhook", json={"chatbotId": cid, "url": receiver.url + "/gone",
                                   "event": "chat"})
    api.post("/add-webhook", json={"chatbotId": cid, "url": receiver.url + "/kept",
                                   "event": "chat"})
    r = api.post("/delete-webhook", json={"chatbotId": cid, "url": receiver.url + "/gone"})
    assert r.status_code == 200
    assert [h["endpoint"] for h in r.json()["webhooks"]] == [receiver.url + "/kept"]
    chat(api, cid, "first chat after the delete")
    poll(lambda: receiver.received("/kept"), lambda rs: len(rs) == 1, timeout=10)
    time.sleep(0.3)  # a delivery queued with /kept's would have arrived by now
    assert receiver.received("/gone") == []
    r = api.post("/delete-webhook", json={"chatbotId": cid, "url": receiver.url + "/gone"})
    assert r.status_code == 404 and r.json()["status"] == "error"


@pytest.fixture(scope="module")
def bot(api) -> str:
    return new_bot(api)


@pytest.mark.parametrize("url, reason", [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.0.0.5/hook", "private"),
    ("http://[::1]:8080/hook", "loopback"),
    ("ftp://example.com/hook", "http://"),
])
def test_add_webhook_refuses_private_targets(api, bot, url, reason):
    r = api.post("/add-webhook", json={"chatbotId": bot, "url": url, "event": "chat"})
    assert r.status_code == 400, r.text
    assert r.json()["status"] == "error" and r.json()["error"]["code"] == "URL_NOT_ALLOWED"
    assert reason in r.json()["message"]
    assert api.get(f"/get-chatbot/{bot}").status_code == 200
    hooks = api.post("/add-webhook", json={"chatbotId": bot, "event": "chat",
                                           "url": "https://93.184.215.14/h"}).json()["webhooks"]
    assert [h["endpoint"] for h in hooks] == ["https://93.184.215.14/h"]  # nothing stored


def test_dispatcher_refuses_loopback_without_allow_list_and_never_follows_redirects(receiver):
    closed = WebhookDispatcher(UrlPolicy(allow=()), max_attempts=3, backoff=0.05)
    try:
        refused = closed.submit(receiver.url + "/private", "s3cret", "chat", {"x": 1})
        assert closed.flush(10)
    finally:
        closed.close()
    assert refused.status == "failed" and refused.attempts == 1  # not retried
    assert refused.errors[0].startswith("refused") and "loopback" in refused.errors[0]
    assert receiver.received("/private") == []

    allowed = WebhookDispatcher(UrlPolicy(allow=("127.0.0.1",)), max_attempts=2,
                                backoff=0.05)
    try:
        before = len(receiver.received("/ok"))
        bounced = allowed.submit(receiver.url + "/redirect", "s3cret", "chat", {"x": 2})
        assert allowed.flush(10)
    finally:
        allowed.close()
    assert bounced.status == "failed" and bounced.attempts == 2
    assert bounced.errors == ["HTTP 302", "HTTP 302"]
    assert len(receiver.received("/ok")) == before  # the redirect target was never called
