"""Seed 002's chatbot API (``/api/v2/``) against a real ``nbdatachat serve`` on 127.0.0.1:
the seed's curl examples translated to httpx, one test per endpoint, plus error cases
(unknown chatbotId -> 404 in the seed's error shape, validation errors, unreadable files,
private URLs), concurrent retrain and chat, and delete-chatbot removing every row it owns."""

from __future__ import annotations

import concurrent.futures
import sqlite3
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from server_helpers import API_KEY, poll, start_server

KB_DATA = Path(__file__).parent / "data" / "kb"

SOURCE_TEXT = ("Aurora Bikes is a bicycle shop in Rotterdam founded in 2009. "
               "The workshop repairs flat tyres while you wait for 15 euros. "
               "Every new bike includes a free first service after three months.")
SEED_CREATE = {
    "chatbotName": "My Chatbot",
    "sourceText": SOURCE_TEXT,
    "products": [{"id": "shopify_1234567", "information": {
        "id": "shopify_1234567", "name": "Fleece Drawstring Joggers", "color": "white"}}],
    "qAndAs": [{"question": "What is Chat Data?", "answer": "Chat Data is a platform that..."}],
    "model": "custom-data-upload",
}
QA_CHARS = len("Question: What is Chat Data?\nAnswer: Chat Data is a platform that...")
PRODUCT_CHARS = len("Product: Fleece Drawstring Joggers\nid: shopify_1234567\ncolor: white")

PAGE = b"""<!DOCTYPE html><html><head><title>Aurora opening hours</title></head><body>
<nav>Home | Shop</nav><main><h1>Opening hours</h1>
<p>The Rotterdam showroom opens on Sundays from noon until five.</p></main>
<footer>Footer</footer></body></html>"""


class Pages(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server API
        if self.path != "/hours":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def pages():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kbserver")
    srv = start_server(tmp, env={"NBDATACHAT_KB_ALLOW_HOSTS": "127.0.0.1"})
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.base_url + "/api/v2", timeout=60,
                      headers={"Authorization": f"Bearer {API_KEY}"}) as client:
        yield client


def wait_trained(api: httpx.Client, chatbot_id: str) -> dict:
    status = poll(lambda: api.get(f"/chatbot/status/{chatbot_id}").json(),
                  lambda s: s.get("progress") == 100 or s.get("state") == "failed")
    assert status["progress"] == 100, status
    return status


def create(api: httpx.Client, **body) -> str:
    r = api.post("/create-chatbot", json={"chatbotName": "bot", **body})
    assert r.status_code == 200, r.text
    chatbot_id = r.json()["chatbotId"]
    wait_trained(api, chatbot_id)
    return chatbot_id


def user(content: str) -> list[dict]:
    return [{"role": "user", "content": content}]


def assert_error(r: httpx.Response, status: int, code: str, *words: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["status"] == "error" and body["error"]["code"] == code, body
    for word in words:
        assert word in body["message"], body["message"]
    return body


@pytest.fixture(scope="module")
def bot(api) -> str:
    """The seed's create-chatbot example, trained."""
    return create(api, **SEED_CREATE)


# ---------------------------------------------------------------------------- chatbots


def test_create_chatbot_seed_example_then_status(api):
    r = api.post("/create-chatbot", json=SEED_CREATE)
    assert r.status_code == 200, r.text
    body = r.json()
    consumed = len(SOURCE_TEXT) + QA_CHARS + PRODUCT_CHARS
    assert body["status"] == "success"
    assert body["consumedCharacters"] == consumed
    assert body["remainingCharacters"] == 11_000_000 - consumed
    assert sorted(d["type"] for d in body["dataSources"]) == ["product", "qa", "text"]
    status = wait_trained(api, body["chatbotId"])
    assert status["status"] == "success" and status["state"] == "ready"


def test_get_chatbots_and_get_chatbot(api, bot):
    listed = api.get("/get-chatbots").json()
    assert listed["status"] == "success"
    assert bot in [c["chatbotId"] for c in listed["chatbots"]]
    r = api.get(f"/get-chatbot/{bot}")
    assert r.status_code == 200
    chatbot = r.json()["chatbot"]
    # the seed's chatbot schema, with its defaults
    assert chatbot["chatbotName"] == "My Chatbot" and chatbot["model"] == "custom-data-upload"
    assert chatbot["visibility"] == "private" and chatbot["baseModel"] == "gpt-4o-mini"
    assert chatbot["storeChat"] is True and chatbot["ignoreDataSource"] is False
    assert chatbot["leadsConfig"]["collectEmail"] is True
    assert chatbot["status"] == 100 and chatbot["lastTrainedAt"] >= chatbot["createdAt"] > 0
    assert chatbot["consumedCharacters"] == len(SOURCE_TEXT) + QA_CHARS + PRODUCT_CHARS
    assert "webhooks" not in chatbot and "trainedVersion" not in chatbot


def test_update_chatbot_settings_seed_example_and_integrations(api):
    cid = create(api, sourceText="Settings test text about saddles.")
    r = api.post("/update-chatbot-settings", json={
        "chatbotId": cid, "chatbotName": "Updated Chatbot Name",
        "basePrompt": "You are a helpful assistant specialized in customer support",
        "initialMessages": ["Welcome! How can I assist you today?"], "visibility": "public",
        "temperature": 0.3, "styles": {"theme": "dark", "buttonColor": "rgb(0, 0, 0)"},
        "slack": {"botToken": "xoxb-1"}, "calendarUrl": "https://calendly.com/aurora"})
    assert r.status_code == 200 and r.json() == {"status": "success"}
    chatbot = api.get(f"/get-chatbot/{cid}").json()["chatbot"]
    assert chatbot["chatbotName"] == "Updated Chatbot Name"
    assert chatbot["initialMessages"] == ["Welcome! How can I assist you today?"]
    assert chatbot["visibility"] == "public" and chatbot["temperature"] == 0.3
    assert chatbot["styles"]["theme"] == "dark" and chatbot["slack"] == {"botToken": "xoxb-1"}
    assert chatbot["calendarUrl"] == "https://calendly.com/aurora"
    assert chatbot["suggestedMessages"] == []  # untouched default
    assert_error(api.post("/update-chatbot-settings", json={"chatbotId": cid,
                                                            "visibility": "secret"}),
                 400, "INVALID_REQUEST", "visibility")
    assert_error(api.post("/update-chatbot-settings", json={"chatbotId": cid,
                                                            "temperature": 2}),
                 400, "INVALID_REQUEST", "temperature")


def test_retrain_chatbot_adds_sources_scrapes_urls_and_deletes(api, pages):
    cid = create(api, sourceText="Old text about mudguards.",
                 qAndAs=[{"question": "Do you rent bikes?", "answer": "No, we do not."}])
    r = api.post("/retrain-chatbot", json={
        "chatbotId": cid, "sourceText": "New training data: tandem bikes are on sale.",
        "urlsToScrape": [f"{pages}/hours"],
        "qAndAs": [{"question": "What is the new feature?", "answer": "Tandem rentals."}],
        "products": [{"id": "product_123", "information": {"name": "Tandem Deluxe",
                                                           "description": "Two seats"}}],
        "deletes": [{"type": "qa", "question": "Do you rent bikes?"}],
        "options": {"Cookies": "", "extractMainContent": True, "includeOnlyTags": "",
                    "excludeTags": ""}})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "success"
    wait_trained(api, cid)
    sources = {s["title"]: s for s in [
        *api.post(f"/query-knowledge-base/{cid}", json={"query": "Sundays showroom"}).json()]}
    assert any("Sundays from noon" in s["snippet"] for s in sources.values())
    assert api.post("/chat", json={"chatbotId": cid, "messages": user(
        "What is the new feature?")}).json()["response"] == "Tandem rentals."
    old = api.post(f"/query-knowledge-base/{cid}", json={"query": "mudguards rent"}).json()
    assert not any("mudguards" in s["snippet"] or "rent bikes" in s["snippet"] for s in old)
    # delete the scraped website again
    api.post("/retrain-chatbot", json={"chatbotId": cid, "deletes": [
        {"type": "website", "url": f"{pages}/hours"}]})
    wait_trained(api, cid)
    after = api.post(f"/query-knowledge-base/{cid}", json={"query": "Sundays showroom"}).json()
    assert not any("Sundays" in s["snippet"] for s in after)


def test_retrain_with_private_or_missing_urls_reports_errors(api):
    cid = create(api, sourceText="Base text about bells.")
    # Refused URLs are reported in the answer, and nothing changes (issue 13).
    r = api.post("/retrain-chatbot", json={"chatbotId": cid, "urlsToScrape": [
        "http://169.254.169.254/latest/meta-data/", "HTTP://10.1.2.3/"]})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "URL_NOT_ALLOWED"
    assert [x["url"] for x in r.json()["error"]["details"]["refused"]] == [
        "http://169.254.169.254/latest/meta-data/", "HTTP://10.1.2.3/"]
    r = api.post("/create-chatbot", json={"chatbotName": "x", "sourceText": "y",
                                          "urlsToScrape": ["http://192.168.7.7/"]})
    assert r.status_code == 400 and "192.168.7.7" in r.json()["message"]
    assert "x" not in [b["chatbotName"] for b in api.get("/get-chatbots").json()["chatbots"]]
    # A name that does not resolve is the background fetch's to report.
    r = api.post("/retrain-chatbot", json={"chatbotId": cid, "urlsToScrape": [
        "http://no-such-host.invalid/"]})
    assert r.status_code == 200
    status = wait_trained(api, cid)
    assert [e["code"] for e in status["errors"]] == ["URL_FETCH_FAILED"], status
    assert_error(api.post("/retrain-chatbot", json={"chatbotId": cid,
                                                    "urlsToScrape": ["ftp://x.org/a"]}),
                 400, "INVALID_REQUEST", "http://")


def test_chatbot_status_unknown_and_delete_chatbot(api, server):
    cid = create(api, sourceText="Chatbot to delete: it sells helmets.")
    conv = api.post("/chat", json={"chatbotId": cid, "messages": user(
        "Do you sell helmets? My email is del@example.com")}).json()["conversationId"]
    url = api.post(f"/upload-file/{cid}", files={"file": (
        "sample.md", (KB_DATA / "sample.md").read_bytes(), "text/markdown")}).json()["url"]
    assert api.post("/add-webhook", json={"chatbotId": cid, "url": "http://127.0.0.1:9/h",
                                          "event": "chat"}).status_code == 200
    r = api.delete(f"/delete-chatbot/{cid}")
    assert r.status_code == 200 and r.json() == {"status": "success"}
    assert_error(api.get(f"/chatbot/status/{cid}"), 404, "CHATBOT_NOT_FOUND", cid)
    assert_error(api.get(f"/get-conversation/{conv}"), 404, "NOT_FOUND")
    assert httpx.get(url, headers={"X-API-Key": API_KEY}).status_code == 404
    assert not (server.data_dir / "kb_files" / cid).exists()
    with sqlite3.connect(server.data_dir / "state.db") as con:
        for table in ("kb_chatbots", "kb_sources", "kb_conversations", "kb_records"):
            n = con.execute(f"SELECT COUNT(*) FROM {table} WHERE chatbot_id = ?",
                            (cid,)).fetchone()[0]
            assert n == 0, table
    assert_error(api.delete(f"/delete-chatbot/{cid}"), 404, "CHATBOT_NOT_FOUND")


# ---------------------------------------------------------------------------- chat & retrieval


def test_chat_seed_example_stream_and_append(api, bot):
    r = api.post("/chat", json={"messages": user("How much does a flat tyre repair cost?"),
                                "chatbotId": bot, "stream": False})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "15 euros" in body["response"] and body["sources"][0]["type"] == "text"
    cid = body["conversationId"]
    assert r.headers["X-Conversation-Id"] == cid
    # stream: text/plain chunks that join to the same reply
    with api.stream("POST", "/chat", json={"messages": user(
            "How much does a flat tyre repair cost?"), "chatbotId": bot,
            "stream": True}) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/plain")
        chunks = list(resp.iter_text())
    assert "".join(chunks) == body["response"]
    # the bare text on request
    plain = api.post("/chat", headers={"Accept": "text/plain"}, json={
        "messages": user("What is Chat Data?"), "chatbotId": bot})
    assert plain.text == "Chat Data is a platform that..."
    # continue the conversation: appendMessages keeps what was stored
    r2 = api.post("/chat", json={"chatbotId": bot, "conversationId": cid,
                                 "appendMessages": True, "baseModel": "gpt-4o",
                                 "basePrompt": "Answer briefly.",
                                 "messages": user("Is the first service free?")})
    assert r2.json()["conversationId"] == cid and "free first service" in r2.json()["response"]
    conv = api.get(f"/get-conversation/{cid}").json()["conversation"]
    assert [m["role"] for m in conv["messages"]] == ["user", "assistant"] * 2
    assert conv["messages"][2]["content"] == "Is the first service free?"
    assert conv["baseModel"] == "gpt-4o" and conv["basePrompt"] == "Answer briefly."
    # without appendMessages the messages sent replace the stored ones
    api.post("/chat", json={"chatbotId": bot, "conversationId": cid,
                            "messages": user("When was Aurora founded?")})
    conv = api.get(f"/get-conversation/{cid}").json()["conversation"]
    assert len(conv["messages"]) == 2 and "2009" in conv["messages"][1]["content"]


def test_chat_bad_input(api, bot):
    assert_error(api.post("/chat", json={"chatbotId": bot, "messages": []}), 400,
                 "INVALID_REQUEST", "messages")
    assert_error(api.post("/chat", json={"chatbotId": bot, "messages": [
        {"role": "assistant", "content": "hi"}]}), 400, "INVALID_REQUEST", "user message")
    assert_error(api.post("/chat", json={"chatbotId": bot, "messages": [
        {"role": "robot", "content": "hi"}]}), 400, "INVALID_REQUEST", "role")
    assert_error(api.post("/chat", json={"messages": user("hi")}), 400, "INVALID_REQUEST",
                 "chatbotId")
    r = api.post("/chat", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_error(r, 400, "INVALID_REQUEST", "JSON")
    assert_error(api.post("/chat", json=[1, 2]), 400, "INVALID_REQUEST")


def test_get_confidence_score_seed_example(api, bot):
    body = {"messages": [{"role": "assistant", "content": "How can I help you with?"},
                         {"role": "user", "content": "flat tyre repair while you wait"}],
            "baseModel": "gpt-4o-mini", "chatbotId": bot}
    r = api.post("/get-confidence-score", json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["status"] == "success"
    assert out["embeddingText"] == "flat tyre repair while you wait"
    scores = out["scoresArray"]
    assert scores == sorted(scores, reverse=True) and 0 < scores[0] <= 1
    assert out["averageScore"] == pytest.approx(sum(scores) / len(scores), abs=1e-4)
    assert [s["score"] for s in out["sources"][0]] == scores
    assert "flat tyres" in out["sources"][0][0]["truncatedText"]
    assert api.post("/get-confidence-score", json=body).json() == out  # cached, same


def test_query_knowledge_base_seed_example(api, bot):
    r = api.post(f"/query-knowledge-base/{bot}", json={"query": "What services do you offer?",
                                                      "count": 5})
    assert r.status_code == 200
    r = api.post(f"/query-knowledge-base/{bot}", json={"query": "joggers color"})
    hits = r.json()
    assert isinstance(hits, list) and 1 <= len(hits) <= 5
    assert "Fleece Drawstring Joggers" in hits[0]["snippet"]
    scores = [h["relavant_score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    one = api.post(f"/query-knowledge-base/{bot}", json={"query": "bike shop", "count": 1})
    assert len(one.json()) == 1
    assert_error(api.post(f"/query-knowledge-base/{bot}", json={"query": "x", "count": 0}),
                 400, "INVALID_REQUEST", "count")
    assert_error(api.post(f"/query-knowledge-base/{bot}", json={"count": 3}), 400,
                 "INVALID_REQUEST", "query")


# ---------------------------------------------------------------------------- conversations


def test_get_conversations_pagination_time_range_and_delete(api):
    cid = create(api, sourceText="Conversation paging test about pumps.")
    ids = []
    for i in range(5):
        ids.append(api.post("/chat", json={"chatbotId": cid, "messages": user(
            f"pumps question {i}")}).json()["conversationId"])
    r = api.get(f"/get-conversations/{cid}")
    body = r.json()
    assert body["status"] == "success" and body["total"] == 5
    assert [c["conversationId"] for c in body["conversations"]] == ids[::-1]  # newest first
    assert all(c["source"] == "api" and c["chatbotId"] == cid for c in body["conversations"])
    page = api.get(f"/get-conversations/{cid}", params={"start": 1, "size": 2}).json()
    assert page["total"] == 5 and [c["conversationId"] for c in page["conversations"]] == \
        ids[::-1][1:3]
    created = sorted(c["createdAt"] for c in body["conversations"])
    ranged = api.get(f"/get-conversations/{cid}", params={
        "startTimestamp": created[1], "endTimestamp": created[3]}).json()
    assert ranged["total"] == sum(created[1] <= t <= created[3] for t in created)
    assert api.get(f"/get-conversations/{cid}", params={"source": "Slack"}).json()["total"] == 0
    assert_error(api.get(f"/get-conversations/{cid}", params={"source": "Fax"}), 400,
                 "INVALID_REQUEST", "source")
    assert_error(api.get(f"/get-conversations/{cid}", params={"size": "lots"}), 400,
                 "INVALID_REQUEST", "size")
    # the seed's delete-conversation example (DELETE with a JSON body)
    r = api.request("DELETE", "/delete-conversation", json={"chatbotId": cid,
                                                            "conversationId": ids[0]})
    assert r.json() == {"status": "success", "message": "Conversation deleted successfully."}
    assert api.get(f"/get-conversations/{cid}").json()["total"] == 4
    assert_error(api.get(f"/get-conversation/{ids[0]}"), 404, "NOT_FOUND", ids[0])
    assert_error(api.request("DELETE", "/delete-conversation", json={
        "chatbotId": cid, "conversationId": ids[0]}), 404, "NOT_FOUND")


def test_get_customers_collects_leads_per_leads_config(api):
    cid = create(api, sourceText="Lead test: we sell electric bikes.")
    api.post("/update-chatbot-settings", json={"chatbotId": cid, "leadsConfig": {
        "message": "Let us know how to contact you", "collectName": True,
        "collectEmail": True, "collectPhone": True}})
    conv = api.post("/chat", json={"chatbotId": cid, "messages": user(
        "Hi, my name is Ada Lovelace and I want an electric bike")}).json()["conversationId"]
    assert api.get(f"/get-customers/{cid}").json()["total"] == 0  # no contact yet
    api.post("/chat", json={"chatbotId": cid, "conversationId": conv, "appendMessages": True,
                            "messages": user("Reach me at ada@example.org or +44 20 7946 0958")})
    other = create(api, sourceText="Second lead bot.")
    api.post("/update-chatbot-settings", json={"chatbotId": other, "leadsConfig": {
        "collectName": False, "collectEmail": True, "collectPhone": False}})
    api.post("/chat", json={"chatbotId": other, "messages": user(
        "I'm Bob, bob@example.com, call 0612345678")})
    r = api.get(f"/get-customers/{cid}")
    body = r.json()
    assert body["status"] == "success" and body["total"] == 1
    lead = body["customers"][0]
    assert (lead["name"], lead["email"], lead["phone"], lead["source"]) == (
        "Ada Lovelace", "ada@example.org", "+44 20 7946 0958", "api")
    assert lead["conversationId"] == conv
    customer = api.get(f"/get-conversation/{conv}").json()["conversation"]["customer"]
    assert customer["email"] == "ada@example.org"
    bob = api.get(f"/get-customers/{other}").json()["customers"]
    assert [(c["name"], c["email"], c["phone"]) for c in bob] == [
        (None, "bob@example.com", None)]
    assert api.get(f"/get-customers/{cid}", params={
        "endTimestamp": lead["createdAt"] - 1}).json()["total"] == 0


def test_get_analysis_distributions_from_traffic(api):
    cid = create(api, sourceText="Analysis test about chains.")
    sent = [({"CF-IPCountry": "DE"}, {}), ({"CF-IPCountry": "de"}, {}),
            ({"X-Country": "FR"}, {"baseModel": "gpt-4"}), ({}, {"country": "US"}),
            ({}, {}), ({"CF-IPCountry": "XX"}, {"baseModel": "gpt-4o"})]
    stamps = []
    for headers, extra in sent:
        r = api.post("/chat", headers=headers, json={"chatbotId": cid, **extra,
                                                     "messages": user("chains?")})
        conv = api.get(f"/get-conversation/{r.json()['conversationId']}").json()
        stamps.append(conv["conversation"]["messages"][-1]["timestamp"])
    r = api.get(f"/get-analysis/{cid}")
    assert r.status_code == 200
    out = r.json()
    assert out["status"] == "success"
    assert out["countryDistribution"] == [{"countryCode": "unknown", "count": 2},
                                          {"countryCode": "DE", "count": 2},
                                          {"countryCode": "FR", "count": 1},
                                          {"countryCode": "US", "count": 1}] or \
        sorted((c["countryCode"], c["count"]) for c in out["countryDistribution"]) == [
            ("DE", 2), ("FR", 1), ("US", 1), ("unknown", 2)]
    hours: dict[str, int] = {}
    days: dict[int, int] = {}
    credits = [1, 1, 10, 1, 1, 2]
    for ts, cost in zip(stamps, credits):
        when = datetime.fromtimestamp(ts / 1000, tz=timezone.utc)
        hours[f"{when.hour:02d}"] = hours.get(f"{when.hour:02d}", 0) + 1
        day = int(datetime(when.year, when.month, when.day, tzinfo=timezone.utc)
                  .timestamp() * 1000)
        days[day] = days.get(day, 0) + cost
    assert {(h["hour"], h["count"]) for h in out["hourDistribution"]} == set(hours.items())
    assert all(h["source"] == "api" for h in out["hourDistribution"])
    assert {(c["date"], c["count"]) for c in out["creditsDistribution"]} == set(days.items())
    later = api.get(f"/get-analysis/{cid}", params={"startTimestamp": stamps[-1] + 1}).json()
    assert later["countryDistribution"] == [] and later["creditsDistribution"] == []


def test_live_chat_and_livechat_state(api, bot):
    conv = api.post("/chat", json={"chatbotId": bot, "messages": user(
        "When was Aurora founded?")}).json()["conversationId"]
    r = api.post("/live-chat", json={
        "chatbotId": bot, "conversationId": conv,
        "message": "Hello, this is a live chat message.", "name": "John Doe",
        "avatar": "https://example.com/avatar.jpg",
        "files": [{"name": "document.pdf", "type": "application/pdf",
                   "url": "https://example.com/document.pdf"}]})
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "success", "emailed_offline_message": False,
                        "is_user_online": True}
    last = api.get(f"/get-conversation/{conv}").json()["conversation"]["messages"][-1]
    assert (last["content"], last["name"], last["humanAgent"]) == (
        "Hello, this is a live chat message.", "John Doe", True)
    assert last["files"][0]["name"] == "document.pdf"
    # toggle (no "end"), then set explicitly
    assert api.post("/livechat-state", json={"chatbotId": bot, "conversationId": conv}
                    ).json() == {"status": "success", "liveChatEnded": False}
    assert api.post("/livechat-state", json={"chatbotId": bot, "conversationId": conv}
                    ).json()["liveChatEnded"] is True
    assert api.post("/livechat-state", json={"chatbotId": bot, "conversationId": conv,
                                             "end": False}).json()["liveChatEnded"] is False
    assert api.get(f"/get-conversation/{conv}").json()["conversation"]["liveChatEnded"] is False
    assert_error(api.post("/live-chat", json={"chatbotId": bot, "conversationId": "nope",
                                              "message": "hi"}), 404, "NOT_FOUND", "nope")
    assert_error(api.post("/live-chat", json={"chatbotId": bot, "conversationId": conv,
                                              "message": "hi", "files": [
                                                  {"name": "a", "url": "u"}] * 4}),
                 400, "INVALID_REQUEST", "files")


# ---------------------------------------------------------------------------- files


@pytest.mark.parametrize("name, mime, question, expected", [
    ("sample.pdf", "application/pdf", "warranty on frames", "lifetime warranty"),
    ("sample.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "return within how many days", "within 30 days"),
    ("sample.html", "text/html", "delivery to Spain", "up to a week"),
    ("sample.md", "text/markdown", "size for 180 cm rider", "size M"),
    ("sample.csv", "text/csv", "Aurora Road Pro carbon price", "2899"),
    ("sample.json", "application/json", "Utrecht outlet opening hours", "Tue-Sun"),
])
def test_upload_file_and_delete_file(api, name, mime, question, expected):
    cid = create(api, sourceText="Upload test chatbot about lights.")
    data = (KB_DATA / name).read_bytes()
    r = api.post(f"/upload-file/{cid}", files={"file": (name, data, mime)})
    assert r.status_code == 200, r.text
    url = r.json()["url"]
    assert r.json()["status"] == "success" and url.endswith(f"/{cid}/{name}")
    assert httpx.get(url, headers={"Authorization": f"Bearer {API_KEY}"}).content == data
    hits = api.post(f"/query-knowledge-base/{cid}", json={"query": question}).json()
    assert expected in hits[0]["snippet"] and hits[0]["source"] == url
    r = api.post("/delete-file", json={"chatbotId": cid, "fileUrl": url})
    assert r.json() == {"status": "success", "message": "File deleted successfully."}
    hits = api.post(f"/query-knowledge-base/{cid}", json={"query": question}).json()
    assert not any(expected in h["snippet"] for h in hits)
    assert httpx.get(url, headers={"Authorization": f"Bearer {API_KEY}"}).status_code == 404
    assert_error(api.post("/delete-file", json={"chatbotId": cid, "fileUrl": url}), 404,
                 "NOT_FOUND")


def test_upload_unreadable_mislabelled_and_unsupported_files(api, bot):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert_error(api.post(f"/upload-file/{bot}", files={"file": ("report.pdf", png,
                                                                  "application/pdf")}),
                 400, "UNREADABLE_FILE", "report.pdf")
    assert_error(api.post(f"/upload-file/{bot}", files={"file": ("tool.exe", b"MZ\x90\x00",
                                                                  "application/octet-stream")}),
                 400, "UNREADABLE_FILE")
    assert_error(api.post(f"/upload-file/{bot}", data={"x": "1"}), 400, "INVALID_REQUEST",
                 "file")
    assert_error(api.post("/upload-file/unknown-bot", files={"file": (
        "a.txt", b"hello", "text/plain")}), 404, "CHATBOT_NOT_FOUND")
    # nothing half-indexed: the chatbot's sources are unchanged
    assert api.get(f"/get-chatbot/{bot}").json()["chatbot"]["consumedCharacters"] == \
        len(SOURCE_TEXT) + QA_CHARS + PRODUCT_CHARS


# ---------------------------------------------------------------------------- account & errors


def test_account_summary_counts_usage(api, bot):
    before = api.get("/account").json()
    api.post("/chat", json={"chatbotId": bot, "baseModel": "gpt-4",
                            "messages": user("founded?")})
    after = api.get("/account").json()
    assert after["status"] == "success" and set(after) >= {"email", "name", "plan"}
    plan = after["plan"]
    assert plan["chatbots"] == len(api.get("/get-chatbots").json()["chatbots"])
    assert plan["refreshingCredits"] - plan["remainingCredits"] == \
        before["plan"]["refreshingCredits"] - before["plan"]["remainingCredits"] + 10
    consumed = sum(c["consumedCharacters"] for c in api.get("/get-chatbots").json()["chatbots"])
    assert plan["remainingTrainingChars"] == plan["refreshingTrainingChars"] - consumed
    assert plan["chatbotCharactersLimit"] == 11_000_000


UNKNOWN = "no-such-bot"


@pytest.mark.parametrize("method, path, body", [
    ("GET", f"/chatbot/status/{UNKNOWN}", None),
    ("GET", f"/get-chatbot/{UNKNOWN}", None),
    ("DELETE", f"/delete-chatbot/{UNKNOWN}", None),
    ("POST", "/retrain-chatbot", {"chatbotId": UNKNOWN, "sourceText": "x"}),
    ("POST", "/update-chatbot-settings", {"chatbotId": UNKNOWN, "chatbotName": "x"}),
    ("POST", "/chat", {"chatbotId": UNKNOWN, "messages": [{"role": "user", "content": "x"}]}),
    ("POST", "/get-confidence-score", {"chatbotId": UNKNOWN,
                                       "messages": [{"role": "user", "content": "x"}]}),
    ("POST", f"/query-knowledge-base/{UNKNOWN}", {"query": "x"}),
    ("GET", f"/get-conversations/{UNKNOWN}", None),
    ("GET", f"/get-customers/{UNKNOWN}", None),
    ("GET", f"/get-analysis/{UNKNOWN}", None),
    ("POST", "/add-webhook", {"chatbotId": UNKNOWN, "url": "https://example.com/h",
                              "event": "chat"}),
    ("POST", "/delete-webhook", {"chatbotId": UNKNOWN, "url": "https://example.com/h"}),
    ("POST", "/delete-file", {"chatbotId": UNKNOWN, "fileUrl": "x"}),
    ("POST", "/live-chat", {"chatbotId": UNKNOWN, "conversationId": "c", "message": "m"}),
    ("POST", "/livechat-state", {"chatbotId": UNKNOWN, "conversationId": "c"}),
    ("DELETE", "/delete-conversation", {"chatbotId": UNKNOWN, "conversationId": "c"}),
])
def test_unknown_chatbot_is_404_in_the_seed_error_shape(api, method, path, body):
    r = api.request(method, path, json=body)
    out = assert_error(r, 404, "CHATBOT_NOT_FOUND", UNKNOWN)
    assert out["error"]["details"]["chatbotId"] == UNKNOWN


@pytest.mark.parametrize("path, body, field", [
    ("/create-chatbot", {}, "chatbotName"),
    ("/create-chatbot", {"chatbotName": "x", "model": "gpt-9"}, "model"),
    ("/create-chatbot", {"chatbotName": "x", "qAndAs": [{"question": "q"}]}, "answer"),
    ("/create-chatbot", {"chatbotName": "x", "urlsToScrape": "https://a.b"}, "urlsToScrape"),
    ("/retrain-chatbot", {"sourceText": "x"}, "chatbotId"),
    ("/retrain-chatbot", {"chatbotId": "x", "deletes": [{"type": "everything"}]}, "type"),
    ("/add-webhook", {"chatbotId": "x", "url": "https://a.b", "event": "sms"}, "event"),
    ("/livechat-state", {"chatbotId": "x", "conversationId": "c", "end": "maybe"}, "end"),
])
def test_validation_errors_are_400_in_the_seed_error_shape(api, path, body, field):
    assert_error(api.post(path, json=body), 400, "INVALID_REQUEST", field)


def test_missing_key_and_oversized_source(api, server, bot):
    r = httpx.get(server.base_url + "/api/v2/get-chatbots")
    assert_error(r, 401, "UNAUTHORIZED", "API key")
    r = api.post("/retrain-chatbot", json={"chatbotId": bot, "sourceText": "x" * 11_000_001})
    assert_error(r, 413, "PAYLOAD_TOO_LARGE", "limit")  # over the body limit before parsing
    assert api.get(f"/get-chatbot/{bot}").json()["chatbot"]["consumedCharacters"] == \
        len(SOURCE_TEXT) + QA_CHARS + PRODUCT_CHARS


# ---------------------------------------------------------------------------- concurrency


def test_concurrent_retrain_and_chat_answer_from_a_whole_index(api):
    cid = create(api, sourceText="Gears text.", qAndAs=[
        {"question": "Which brand of gears do you fit?", "answer": "Old answer: Shimano."}])
    filler = " ".join(f"Paragraph {i} describes spoke tension number {i} in detail."
                      for i in range(20_000))
    answers = {"Old answer: Shimano.", "New answer: SRAM."}
    question = "Which brand of gears do you fit?"

    def ask() -> tuple[int, str]:
        r = api.post("/chat", json={"chatbotId": cid, "messages": user(question)})
        return r.status_code, r.json().get("response", r.text)

    r = api.post("/retrain-chatbot", json={"chatbotId": cid, "sourceText": filler, "qAndAs": [
        {"question": question, "answer": "New answer: SRAM."}]})
    assert r.status_code == 200
    during: list[tuple[int, str]] = []
    trained = threading.Event()

    def chatter() -> None:
        while not trained.is_set():
            during.append(ask())

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        for _ in range(3):
            pool.submit(chatter)
        chats_while_training = 0
        while True:
            status = api.get(f"/chatbot/status/{cid}").json()
            if status["progress"] == 100:
                break
            chats_while_training = len(during)
        trained.set()
    assert status["state"] == "ready" and chats_while_training >= 1  # they did overlap
    assert all(code == 200 for code, _ in during), during
    assert {text for _, text in during} <= answers
    assert ask() == (200, "New answer: SRAM.")
    chatbot = api.get(f"/get-chatbot/{cid}").json()["chatbot"]
    qa_chars = len(f"Question: {question}\nAnswer: New answer: SRAM.")
    assert chatbot["consumedCharacters"] == len(filler) + qa_chars
    # every chat was stored: none lost while the index was swapped
    assert api.get(f"/get-conversations/{cid}").json()["total"] == len(during) + 1
