"""Issue 13 item 4, the rest of seed 002 against a real server: chatbot icons (validated by
their bytes, capped, served back), the 30-day signed file link (SAS token, HMAC, refused
after expiry or tampering), live chat (agent messages in the conversation; while it is on
the bot does not answer; the escalation webhook fires) and bot control (WhatsApp,
Instagram and Messenger conversations only)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

import httpx
import pytest

from server_helpers import API_KEY, cli, poll, start_server

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18"
       b"\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


class Hooks:
    def __init__(self) -> None:
        self.events: list[dict] = []
        outer = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.events.append(json.loads(body))
                self.send_response(200)
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def hooks():
    h = Hooks()
    yield h
    h.httpd.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("kbrest"),
                       env={"NBDATACHAT_KB_ALLOW_HOSTS": "127.0.0.1"})
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.base_url + "/api/v2", timeout=60,
                      headers={"Authorization": f"Bearer {API_KEY}"}) as client:
        yield client


@pytest.fixture(scope="module")
def bot(api) -> str:
    cid = api.post("/create-chatbot", json={"chatbotName": "Shop",
                                            "sourceText": "Tyres are repaired for 15 euros."}
                   ).json()["chatbotId"]
    poll(lambda: api.get(f"/chatbot/status/{cid}").json(), lambda s: s["progress"] == 100)
    return cid


def test_chatbot_icon_upload_serve_and_delete(api, server, bot):
    r = api.post(f"/upload-chatbot-icon/{bot}", files={"image": ("i.png", PNG, "image/png")})
    assert r.status_code == 200 and r.json()["status"] == "success", r.text
    icon = api.get(f"/get-chatbot/{bot}").json()["chatbot"]["icon"]
    assert icon.endswith(f"/api/v2/chatbot-icon/{bot}")
    served = httpx.get(icon)  # public, as a widget shows it
    assert served.status_code == 200 and served.content == PNG
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    # Not an image by its bytes (whatever its name and type say), or too big: refused.
    fake = api.post(f"/upload-chatbot-icon/{bot}",
                    files={"image": ("x.png", b"<svg onload=alert(1)>", "image/png")})
    assert fake.status_code == 400 and fake.json()["status"] == "error"
    big = api.post(f"/upload-chatbot-icon/{bot}",
                   files={"image": ("b.png", PNG + b"\0" * 1_100_000, "image/png")})
    assert big.status_code == 413
    assert httpx.get(icon).content == PNG  # the good icon is untouched
    # Another tenant cannot change it.
    other = cli("keys", "create", "--name", "other", data_dir=server.data_dir,
                db_url=server.db_url).stdout.strip()
    r = httpx.post(f"{server.base_url}/api/v2/upload-chatbot-icon/{bot}",
                   headers={"X-API-Key": other}, files={"image": ("i.png", PNG)})
    assert r.status_code == 404
    assert api.delete(f"/delete-chatbot-icon/{bot}").json()["status"] == "success"
    assert api.get(f"/get-chatbot/{bot}").json()["chatbot"]["icon"] is None
    assert httpx.get(icon).status_code == 404
    assert api.delete(f"/delete-chatbot-icon/{bot}").status_code == 404


def test_file_sas_token_grants_30_days_and_refuses_tampering(api, server, bot):
    up = api.post(f"/upload-file/{bot}", files={"file": ("notes.txt", b"Opening hours: 9-5.")})
    assert up.status_code == 200, up.text
    url = up.json()["url"]
    assert httpx.get(url).status_code == 401  # the bare URL needs a key
    r = api.post("/get-file-sas-token", json={"chatbotId": bot, "fileUrl": url})
    assert r.status_code == 200, r.text
    token = r.json()["sasToken"]
    q = {k: v[0] for k, v in parse_qs(token).items()}
    assert set(q) >= {"sv", "st", "se", "sig"}
    days = (time.mktime(time.strptime(q["se"], "%Y-%m-%dT%H:%M:%SZ"))
            - time.mktime(time.strptime(q["st"], "%Y-%m-%dT%H:%M:%SZ"))) / 86400
    assert days == pytest.approx(30)
    signed = httpx.get(f"{url}?{token}")  # no key needed
    assert signed.status_code == 200 and signed.content == b"Opening hours: 9-5."
    later = urlencode({**q, "se": "2099-01-01T00:00:00Z"})
    assert httpx.get(f"{url}?{later}").status_code == 403          # expiry altered
    assert httpx.get(f"{url}?{urlencode({**q, 'sig': '0' * 64})}").status_code == 403
    other_file = url.rsplit("/", 1)[0] + "/other.txt"
    assert httpx.get(f"{other_file}?{token}").status_code == 403   # another file
    # An expired link, signed by the server itself, is refused.
    import hashlib
    import hmac

    from nbdatachat.store import Store

    secret = Store(server.db_url).secret("kb_file_links")
    old = "2020-01-01T00:00:00Z"
    sig = hmac.new(secret, f"{bot}\nnotes.txt\n{old}".encode(), hashlib.sha256).hexdigest()
    assert httpx.get(f"{url}?se={old}&sig={sig}").status_code == 403
    assert api.post("/get-file-sas-token", json={"chatbotId": bot, "fileUrl": other_file}
                    ).status_code == 404


def test_live_chat_silences_the_bot_and_fires_the_escalation_webhook(api, bot, hooks):
    api.post("/add-webhook", json={"chatbotId": bot, "url": hooks.url,
                                   "event": "live-chat-escalation"})
    first = api.post("/chat", json={"chatbotId": bot, "messages": [
        {"role": "user", "content": "How much is a tyre repair?"}]}).json()
    conv = first["conversationId"]
    assert "15 euros" in first["response"]
    on = api.post("/livechat-state", json={"chatbotId": bot, "conversationId": conv,
                                           "end": False}).json()
    assert on == {"status": "success", "liveChatEnded": False}
    poll(lambda: hooks.events, lambda e: any(x.get("conversationId") == conv for x in e),
         timeout=20)
    agent = api.post("/live-chat", json={"chatbotId": bot, "conversationId": conv,
                                         "message": "Hi, Ada here. How can I help?",
                                         "name": "Ada"})
    assert agent.status_code == 200
    quiet = api.post("/chat", json={"chatbotId": bot, "conversationId": conv,
                                    "appendMessages": True, "messages": [
                                        {"role": "user", "content": "Is it cheaper today?"}]})
    assert quiet.status_code == 200 and quiet.json()["response"] == ""
    messages = api.get(f"/get-conversation/{conv}").json()["conversation"]["messages"]
    assert [(m["role"], m["content"]) for m in messages[-2:]] == [
        ("assistant", "Hi, Ada here. How can I help?"), ("user", "Is it cheaper today?")]
    assert messages[-2]["humanAgent"] is True
    api.post("/livechat-state", json={"chatbotId": bot, "conversationId": conv, "end": True})
    back = api.post("/chat", json={"chatbotId": bot, "conversationId": conv,
                                   "appendMessages": True, "messages": [
                                       {"role": "user", "content": "Tyre repair price?"}]})
    assert "15 euros" in back.json()["response"]


def test_bot_control_only_for_messaging_conversations(api, server, bot):
    conv = api.post("/chat", json={"chatbotId": bot, "messages": [
        {"role": "user", "content": "hello"}]}).json()["conversationId"]
    r = api.post("/bot-control", json={"chatbotId": bot, "conversationId": conv,
                                       "botControl": -1})
    assert r.status_code == 400 and r.json()["status"] == "error"
    assert "Whatsapp, Instagram or Messenger" in r.json()["message"]
    # A WhatsApp conversation (as the integration would store it).
    from nbdatachat.store import Store
    from nbdatachat.store.kb import SqlKBStore

    kb = SqlKBStore(Store(server.db_url).engine)
    record = kb.get_conversation(conv)
    record.update(conversationId="wa_1", source="Whatsapp")
    kb.save_conversation(record)
    off = api.post("/bot-control", json={"chatbotId": bot, "conversationId": "wa_1",
                                         "botControl": -1, "botOffMins": 30}).json()
    assert off["status"] == "success" and off["payload"]["botControl"] == -1
    assert off["payload"]["botOffMins"] == 30 and off["payload"]["botOffTime"].endswith("Z")
    quiet = api.post("/chat", json={"chatbotId": bot, "conversationId": "wa_1",
                                    "appendMessages": True,
                                    "messages": [{"role": "user", "content": "tyres?"}]})
    assert quiet.json()["response"] == ""
    toggled = api.post("/bot-control", json={"chatbotId": bot, "conversationId": "wa_1"})
    assert toggled.json()["payload"]["botControl"] == 1
    answered = api.post("/chat", json={"chatbotId": bot, "conversationId": "wa_1",
                                       "appendMessages": True, "messages": [
                                           {"role": "user", "content": "Tyre repair price?"}]})
    assert "15 euros" in answered.json()["response"]
