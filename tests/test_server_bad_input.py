"""Issue 13, bad input and amplification, against a real server: text that is not Unicode
is refused at the edge and never stored, authentication happens before a body is read,
lists are de-duplicated and capped, Markdown answers escape data values, and the OpenAI SDK
lists models, shows error messages and gets usage in streams."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from server_helpers import API_KEY, poll, start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("badinput"),
                       env={"NBDATACHAT_HEADER_TIMEOUT": "2"})
    yield srv
    srv.stop()


def raw_post(server, path: str, body: bytes, key: str | None = API_KEY) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if key:
        headers["X-API-Key"] = key
    return httpx.post(f"{server.base_url}{path}", content=body, headers=headers, timeout=60)


def test_lone_surrogates_are_refused_and_never_stored(server):
    bad = rb'{"query": "total sales by \udc00 region", "collectionIds": ["sales"]}'
    r = raw_post(server, "/api/v1/analytics/chat", bad)
    assert r.status_code == 400 and "surrogate" in r.json()["error"]["message"]
    api = httpx.Client(base_url=server.base_url + "/api/v2", timeout=60,
                       headers={"X-API-Key": API_KEY})
    bot = api.post("/create-chatbot", json={"chatbotName": "S", "sourceText": "Bells ring."}
                   ).json()["chatbotId"]
    poll(lambda: api.get(f"/chatbot/status/{bot}").json(), lambda s: s["progress"] == 100)
    for body in (b'{"chatbotId": "%s", "messages": [{"role": "user", "content": "\\ud800"}]}',
                 b'{"chatbotId": "%s", "messages": [{"role": "user", "content": "a\\udfffb"}]}'):
        r = raw_post(server, "/api/v2/chat", body % bot.encode())
        assert r.status_code == 400, r.text
        assert r.json()["status"] == "error"
    # Nothing was stored, and the conversation list still answers.
    listed = api.get(f"/get-conversations/{bot}")
    assert listed.status_code == 200 and listed.json()["total"] == 0
    # A proper pair (an emoji) and an escaped backslash (literal text) are fine.
    ok = raw_post(server, "/api/v2/chat", b'{"chatbotId": "%s", "messages": [{"role": "user",'
                  b' "content": "bells \\ud83d\\udd14 and \\\\udc00"}]}' % bot.encode())
    assert ok.status_code == 200, ok.text
    conv = api.get(f"/get-conversations/{bot}").json()["conversations"][0]
    assert conv["messages"][0]["content"] == "bells \U0001F514 and \\udc00"


def test_authentication_comes_before_the_body(server):
    """A client without a key that announces 5 MB and sends nothing is answered 401 at
    once: the server never waits for (or reads) the body."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"POST /api/v1/analytics/chat HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n")
        t0 = time.time()
        head = s.recv(4096)
        assert head.startswith(b"HTTP/1.1 401"), head[:200]
        assert time.time() - t0 < 5


def test_slow_headers_are_cut_off(server):
    """A client that never finishes its request headers is disconnected after the header
    timeout (2 s here), while a normal request on a new connection works."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as s:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        t0 = time.time()
        for _ in range(5):  # keep trickling, as a slowloris client does
            time.sleep(0.3)
            try:
                s.sendall(b"a")
            except OSError:
                break
        data = s.recv(1024)  # b"" once the server closed the connection
        waited = time.time() - t0
    assert data == b"" and waited < 8, (data, waited)
    assert httpx.get(f"{server.base_url}/health").status_code == 200


def test_lists_are_deduplicated_and_capped(server):
    h = {"X-API-Key": API_KEY}
    r = httpx.post(f"{server.base_url}/api/v1/analytics/chat", headers=h, timeout=60, json={
        "query": "total sales by region", "collectionIds": ["sales"] * 20})
    assert r.status_code == 200 and len(r.json()["sources"]) == 1
    big = httpx.post(f"{server.base_url}/api/v1/analytics/chat", headers=h, timeout=60,
                     json={"query": "total sales by region",
                           "collectionIds": ["sales"] * 100_000})
    assert big.status_code == 400 and len(big.content) < 20_000
    assert "collectionIds" in big.json()["error"]["details"]["parameter"]


def test_markdown_answers_escape_data_values(server, tmp_path):
    h = {"X-API-Key": API_KEY}
    csv = "team,score\n[click](http://evil.example) <img src=x>,5\n**bold**|x,3\n"
    up = httpx.post(f"{server.base_url}/api/v1/datasets/upload", headers=h, timeout=60,
                    data={"name": "teams"}, files={"file": ("t.csv", csv.encode())})
    assert up.status_code == 201, up.text
    r = httpx.post(f"{server.base_url}/api/v1/chat/completions", timeout=60,
                   headers={**h, "responseType": "md"},
                   json={"model": "teams",
                         "messages": [{"role": "user", "content": "show all rows"}]})
    content = r.json()["choices"][0]["message"]["content"]
    assert "](http" not in content.replace("\\](http", "")
    assert "<img" not in content.replace("\\<img", "") and "\\<img" in content
    assert "\\*\\*bold\\*\\*\\|x" in content


def test_openai_sdk_models_errors_and_stream_usage(server):
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=f"{server.base_url}/api/v1", api_key=API_KEY,
                           max_retries=0)
    ids = [m.id for m in client.models.list()]
    assert {"sales", "tips"} <= set(ids)
    with pytest.raises(openai.APIStatusError) as info:
        client.chat.completions.create(model="no_such_app",
                                       messages=[{"role": "user", "content": "hi"}])
    assert info.value.status_code == 412
    assert "Unable to access the Data Intelligence application no_such_app" in \
        info.value.message
    assert info.value.code == "APPLICATION_UNAVAILABLE"
    bad = openai.OpenAI(base_url=f"{server.base_url}/api/v1", api_key="nbdc_wrong_key_123",
                        max_retries=0)
    with pytest.raises(openai.AuthenticationError) as info:
        bad.models.list()
    assert "expired or invalid" in info.value.message
    chunks = list(client.chat.completions.create(
        model="sales", messages=[{"role": "user", "content": "total sales by region"}],
        stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].choices == [] and chunks[-1].usage.total_tokens > 0
    assert all(c.usage is None for c in chunks[:-1])
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "sales" in text.lower()
    # Seed 003 clients that are not the SDK keep the seed's error body.
    plain = httpx.post(f"{server.base_url}/api/v1/chat/completions",
                       headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60,
                       json={"model": "no_such_app",
                             "messages": [{"role": "user", "content": "hi"}]})
    assert plain.status_code == 412 and plain.json()["code"] == "412"
