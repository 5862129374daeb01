"""URL ingestion against a real HTTP server on 127.0.0.1: extraction options, the private-
address guard (direct, after DNS resolution, on redirect hops), timeouts, and background
training through the service."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nbdatachat.kb import (KnowledgeBase, KnowledgeBaseService, Limits, UrlFetchFailed,
                           UrlNotAllowed, UrlPolicy)
from nbdatachat.kb.fetch import check_url, fetch_url

PAGE = b"""<!DOCTYPE html><html><head><title>Aurora returns</title></head><body>
<nav>Home | Shop | Navigation links</nav>
<article><h1>Returns</h1><p>Bikes can be returned within 30 days.</p>
<p class="legal">Legal small print about returns.</p></article>
<footer>Footer text</footer></body></html>"""


class Handler(BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 - http.server API
        self.server.hits.append(self.path)
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", self.path.split("=", 1)[1])
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/cookie":
            body = f"<html><body><p>cookie={self.headers.get('Cookie')}</p></body></html>"
            self._send(body.encode(), "text/html")
            return
        if self.path == "/image.png":
            self._send(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image/png")
            return
        body = self.server.pages.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self._send(body, "text/plain" if self.path.endswith(".txt") else "text/html")

    def _send(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.pages = {"/returns.html": PAGE, "/slow": PAGE,
                   "/notes.txt": b"Plain text notes: the shop opens at nine."}
    httpd.hits = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


LOCAL = UrlPolicy(allow=("127.0.0.1",), timeout=5)


def test_fetch_extracts_main_content_and_honours_options(server):
    page = fetch_url(base(server) + "/returns.html", LOCAL)
    assert page.title == "Aurora returns"
    assert "returned within 30 days" in page.text
    assert "Navigation links" not in page.text and "Footer text" not in page.text
    kb = KnowledgeBase(url_policy=LOCAL)
    src = kb.add_url(base(server) + "/returns.html",
                     {"excludeTags": ".legal", "extractMainContent": True})
    assert "Legal small print" not in src.text and src.type == "website"
    only = kb.fetch(base(server) + "/returns.html", {"includeOnlyTags": "h1"})
    assert only.text == "Returns"
    raw = kb.fetch(base(server) + "/returns.html", {"extractMainContent": False})
    assert "Navigation links" in raw.text
    answer = kb.ask("how many days to return a bike?")
    assert "30 days" in answer.text and answer.sources[0].url == base(server) + "/returns.html"
    assert "plain text notes" in fetch_url(base(server) + "/notes.txt", LOCAL).text.lower()
    cookie = kb.fetch(base(server) + "/cookie", {"Cookies": "session=abc"})
    assert "cookie=session=abc" in cookie.text


@pytest.mark.parametrize("url, reason", [
    ("http://127.0.0.1:9/x", "loopback"),
    ("http://[::1]/x", "loopback"),
    ("http://[::ffff:127.0.0.1]/x", "loopback"),
    ("http://10.1.2.3/", "private"),
    ("http://192.168.0.10/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://localhost/", "loopback"),
])
def test_private_loopback_and_link_local_addresses_are_refused(url, reason):
    with pytest.raises(UrlNotAllowed) as info:
        check_url(url, UrlPolicy())
    assert info.value.details["reason"] == reason
    assert "allow-list" in info.value.message


def test_names_are_checked_after_dns_resolution():
    def resolver(host, port):
        return {"intranet.example.com": ["93.184.216.34", "10.0.0.7"],
                "public.example.com": ["93.184.216.34"]}[host]

    policy = UrlPolicy(resolver=resolver)
    with pytest.raises(UrlNotAllowed, match="resolves to 10.0.0.7, a private address"):
        check_url("https://intranet.example.com/wiki", policy)
    check_url("https://public.example.com/", policy)  # all public: allowed
    allowed = UrlPolicy(resolver=resolver, allow=("10.0.0.0/8",))
    check_url("https://intranet.example.com/wiki", allowed)
    by_name = UrlPolicy(resolver=resolver, allow=("intranet.example.com",))
    check_url("https://intranet.example.com/wiki", by_name)
    with pytest.raises(UrlNotAllowed, match="http:// or https://"):
        check_url("file:///etc/passwd", policy)
    with pytest.raises(UrlFetchFailed, match="does not resolve"):
        check_url("http://no-such-host.invalid/", UrlPolicy())


def test_the_connection_goes_to_the_checked_address(server):
    """The socket is opened to the address the policy checked, not to the name resolved
    again: a name only the policy's resolver knows (no DNS server does) is fetched, and a name
    that answers public when checked and 127.0.0.1 when connecting (DNS rebinding) is refused
    without a request reaching the local server."""
    port = server.server_address[1]
    name = "kb-pages.nbdatachat.invalid"
    known = UrlPolicy(resolver=lambda host, p: ["127.0.0.1"], allow=(name,), timeout=5)
    page = fetch_url(f"http://{name}:{port}/returns.html", known)
    assert "returned within 30 days" in page.text

    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"]])
    rebinding = UrlPolicy(resolver=lambda host, p: next(answers), timeout=5)
    hits = len(server.hits)
    with pytest.raises(UrlNotAllowed, match="resolves to 127.0.0.1, a loopback address"):
        fetch_url(f"http://{name}:{port}/returns.html", rebinding)
    assert len(server.hits) == hits


def test_every_redirect_hop_is_checked(server):
    server.hits.clear()
    url = base(server) + "/redirect?to=http://169.254.169.254/latest/meta-data/"
    with pytest.raises(UrlNotAllowed, match="169.254.169.254, a link-local"):
        fetch_url(url, LOCAL)
    # a redirect into another allowed page is followed
    ok = fetch_url(base(server) + "/redirect?to=/returns.html", LOCAL)
    assert ok.final_url.endswith("/returns.html") and "30 days" in ok.text
    # without the allow-list, the server itself is refused before any request is sent
    server.hits.clear()
    with pytest.raises(UrlNotAllowed):
        fetch_url(base(server) + "/returns.html", UrlPolicy())
    assert server.hits == []


def test_timeouts_http_errors_and_non_text_content_are_clear_errors(server):
    with pytest.raises(UrlFetchFailed, match="timeout"):
        fetch_url(base(server) + "/slow", UrlPolicy(allow=("127.0.0.1",), timeout=0.3))
    with pytest.raises(UrlFetchFailed, match="HTTP 404"):
        fetch_url(base(server) + "/missing", LOCAL)
    with pytest.raises(UrlFetchFailed, match="image/png"):
        fetch_url(base(server) + "/image.png", LOCAL)
    with pytest.raises(UrlFetchFailed, match="larger than"):
        fetch_url(base(server) + "/returns.html", UrlPolicy(allow=("127.0.0.1",),
                                                            max_bytes=100))


def test_service_trains_urls_in_background_with_progress_and_recrawl(server):
    svc = KnowledgeBaseService(url_policy=LOCAL)
    try:
        url = base(server) + "/returns.html"
        # A URL the policy refuses fails the request at once, and nothing is created.
        with pytest.raises(UrlNotAllowed) as refused:
            svc.create_chatbot({"chatbotName": "Shop", "sourceText": "We sell bikes.",
                                "urlsToScrape": [url, "http://10.9.9.9/"]})
        assert refused.value.details["refused"][0]["url"] == "http://10.9.9.9/"
        assert svc.get_chatbots().to_dict()["chatbots"] == []
        created = svc.create_chatbot({"chatbotName": "Shop", "sourceText": "We sell bikes.",
                                      "urlsToScrape": [url, base(server) + "/missing"]})
        body = created.to_dict()
        assert body["status"] == "success" and body["consumedCharacters"] == len(
            "We sell bikes.")
        status = svc.wait(created.chatbot_id, timeout=30).to_dict()
        assert status["progress"] == 100 and status["state"] == "ready"
        codes = {e["url"].rsplit("/", 1)[-1]: e["code"] for e in status["errors"]}
        assert codes == {"missing": "URL_FETCH_FAILED"}
        rows = svc.query_knowledge_base(created.chatbot_id, {"query": "return bikes days"})
        assert rows.to_dict()[0]["source"] == url
        # retrain re-crawls the same URL (replaces, no duplicate), then deletes it
        svc.retrain_chatbot({"chatbotId": created.chatbot_id, "urlsToScrape": [url]},
                            background=False)
        kb = svc.knowledge_base(created.chatbot_id)
        assert sum(s.url == url for s in kb.sources) == 1
        svc.retrain_chatbot({"chatbotId": created.chatbot_id,
                             "deletes": [{"type": "website", "url": url}]}, background=False)
        assert all(s.url != url for s in kb.sources)
        rows = svc.query_knowledge_base(created.chatbot_id, {"query": "return bikes days"})
        assert [r["source"] for r in rows.to_dict()] == ["Source text"]
    finally:
        svc.close()


def test_crawling_stops_at_the_character_limit(server):
    svc = KnowledgeBaseService(url_policy=LOCAL, limits=Limits(max_characters=120))
    try:
        created = svc.create_chatbot({"chatbotName": "Tiny",
                                      "urlsToScrape": [base(server) + "/notes.txt",
                                                       base(server) + "/returns.html"]},
                                     background=False)
        status = svc.chatbot_status(created.chatbot_id).to_dict()
        assert status["state"] == "ready"
        assert [e["code"] for e in status["errors"]] == ["CHARACTER_LIMIT_EXCEEDED"]
        assert [s.url for s in svc.knowledge_base(created.chatbot_id).sources] == [
            base(server) + "/notes.txt"]
    finally:
        svc.close()


def test_chat_during_a_slow_background_retrain_answers_from_the_old_index(server):
    svc = KnowledgeBaseService(url_policy=LOCAL)
    try:
        created = svc.create_chatbot({"chatbotName": "Shop",
                                      "sourceText": "Our shop opens at ten on Saturdays."},
                                     background=False)
        cid = created.chatbot_id
        svc.retrain_chatbot({"chatbotId": cid, "urlsToScrape": [base(server) + "/slow"],
                             "sourceText": "Our shop opens at noon on Sundays."})
        mid = svc.chatbot_status(cid).to_dict()
        assert mid["state"] == "training" and mid["progress"] < 100
        during = svc.chat({"chatbotId": cid, "messages": [
            {"role": "user", "content": "When does the shop open?"}]})
        assert "ten on Saturdays" in during.text
        assert svc.wait(cid, timeout=30).progress == 100
        after = svc.chat({"chatbotId": cid, "messages": [
            {"role": "user", "content": "When does the shop open?"}]})
        assert "noon on Sundays" in after.text
        assert "returned within 30 days" in svc.knowledge_base(cid).ask(
            "returns within how many days").text
    finally:
        svc.close()
