"""schemathesis over the live ``/openapi.json``, on SQLite and on PostgreSQL: generated
(valid and invalid) requests to every operation, and stateful sequences along the OpenAPI
links, never get a 5xx, and every response passes every check (schema, status codes,
content types, headers, auth, use after delete...). Bounded to a few examples per
operation to stay fast."""

from __future__ import annotations

import uuid

import pytest
import requests

from server_helpers import API_KEY, start_server

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES_PER_OPERATION = 6


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    db_url = request.getfixturevalue("postgres_url") if request.param == "postgresql" \
        else None
    tmp = tmp_path_factory.mktemp("schema")
    (tmp / "files").mkdir()
    (tmp / "files" / "r.csv").write_text("a,b\n1,2\n3,5\n")
    srv = start_server(tmp / "srv", "--allow-path", str(tmp / "files"), db_url=db_url)
    yield srv
    srv.stop()


def test_openapi_document_and_docs(server):
    doc = requests.get(f"{server.base_url}/openapi.json").json()
    paths = set(doc["paths"])
    assert {"/health", "/tools", "/tools/{tool_name}/schema", "/tools/run",
            "/tools/status/{processing_id}", "/api/v1/analytics/chat", "/api/v1/dashboards",
            "/api/v1/dashboards/{dashboard_id}", "/api/v1/chat/completions",
            "/v1/chat/suggestGraph", "/api/v1/chat/getData", "/api/v1/chat/applications",
            "/api/newMessage", "/api/getThread", "/api/v1/datasets",
            "/api/v1/datasets/upload"} <= paths
    schemes = doc["components"]["securitySchemes"]
    assert schemes["APIKeyHeader"]["name"] == "X-API-Key"
    assert schemes["HTTPBearer"]["scheme"] == "bearer"
    page = requests.get(f"{server.base_url}/docs")
    assert page.status_code == 200 and "swagger" in page.text.lower()


# Schema-valid requests may still name things that do not exist (a tool, a dataset, an
# application) or break a rule no JSON Schema expresses: those answers are documented 4xx.
CONFIG = """
generation.max-examples = {examples}
request-timeout = 60.0
headers = {{ "X-API-Key" = "{key}" }}

[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "403", "404", "409", "412", "413", "422"]
"""


@pytest.mark.slow
def test_schemathesis_all_checks_and_stateful_links(server, tmp_path):
    """schemathesis' CLI with every check, its examples, fuzzing and stateful phases; the
    stateful phase follows the document's OpenAPI links, so job ids, conversation ids,
    dashboards, dataFilePaths, thread ids, dataset names and chatbot ids are real ones."""
    import subprocess
    import sys
    from pathlib import Path

    doc = requests.get(f"{server.base_url}/openapi.json").json()
    links = [name for ops in doc["paths"].values() for op in ops.values()
             for r in op["responses"].values() for name in r.get("links", {})]
    assert len(links) >= 25
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG.format(examples=EXAMPLES_PER_OPERATION, key=API_KEY))
    st = Path(sys.executable).with_name("st")
    run = subprocess.run([str(st), "--config-file", str(config), "run",
                          f"{server.base_url}/openapi.json", "--checks", "all",
                          "--phases", "examples,fuzzing,stateful", "--no-color",
                          # correctness, not speed: a busy shared CI box can be slow
                          "--max-response-time", "120", "--seed", "1"],
                         capture_output=True, text=True, timeout=900, cwd=tmp_path)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-30000:]
    assert "Stateful" in out and "Tested: " in out


# A request that succeeds for each producing operation of the OpenAPI links.
PRODUCERS = {
    ("post", "/tools/run"): {"json": {"taskList": {"inputs": {
        "name": "describe", "dataset": [{"x": 1}, {"x": 3}]}}}},
    ("post", "/api/v1/analytics/chat"): {"json": {"query": "total sales by region",
                                                  "collectionIds": ["sales"]}},
    ("post", "/api/v1/chat/completions"): {"json": {
        "model": "sales", "messages": [{"role": "user", "content": "average price by region"}]}},
    ("post", "/api/newMessage"): {"json": {"message": "how many rows"}},
    ("post", "/api/v1/datasets/upload"): lambda srv: {
        "files": {"file": ("l.csv", b"a,b\n1,2\n3,5\n")},
        "data": {"name": f"up_{uuid.uuid4().hex[:8]}"}},
    ("post", "/api/v1/datasets"): lambda srv: {"json": {
        "name": f"reg_{uuid.uuid4().hex[:8]}", "path": str(srv.data_dir.parent / "files" / "r.csv")}},
    ("post", "/api/v2/create-chatbot"): {"json": {"chatbotName": "Links",
                                                  "sourceText": "Bells ring at noon."}},
}
CHAINED = {  # producers fed by another producer's response
    ("post", "/api/v1/dashboards"): (("post", "/api/v1/analytics/chat"), "SaveDashboard"),
    ("post", "/api/v2/chat"): (("post", "/api/v2/create-chatbot"), "Chat"),
    ("post", "/api/v2/upload-file/{chatbotId}"): (("post", "/api/v2/create-chatbot"), "Upload"),
}


def _resolve(expr, request_body, request_path, response_body):
    """An OpenAPI runtime expression ($response.body#/x, $request.body#/x/0/y,
    $request.path.x) or a JSON template holding them."""
    if isinstance(expr, dict):
        return {k: _resolve(v, request_body, request_path, response_body)
                for k, v in expr.items()}
    if isinstance(expr, list):
        return [_resolve(v, request_body, request_path, response_body) for v in expr]
    if not isinstance(expr, str) or not expr.startswith("$"):
        return expr
    if expr.startswith("$request.path."):
        return request_path[expr.split(".", 2)[2]]
    source = response_body if expr.startswith("$response.body#") else request_body
    value = source
    for part in expr.split("#", 1)[1].strip("/").split("/"):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


@pytest.mark.slow
def test_every_openapi_link_followed_with_real_ids(server):
    """Each link of the document, followed from a real response: the target answers with
    the real id (no 404, no 5xx) and its response matches the documented schema."""
    from nbdatachat.server.openapi_links import LINKS

    schema = schemathesis.openapi.from_url(f"{server.base_url}/openapi.json")
    doc = requests.get(f"{server.base_url}/openapi.json").json()
    h = {"X-API-Key": API_KEY}

    def call(method, path, path_params=None, **kwargs):
        url = server.base_url + path.format(**(path_params or {}))
        return requests.request(method.upper(), url, headers=h, timeout=120, **kwargs)

    def produce(method, path):
        """(request body, path params, response) of a fresh resource from ``path``."""
        if (method, path) in CHAINED:
            (pm, pp), link_name = CHAINED[(method, path)]
            body, params, resp = produce(pm, pp)
            link = doc["paths"][pp][pm]["responses"][next(
                s for (m, p, s) in LINKS if (m, p) == (pm, pp))]["links"][link_name]
            params = _resolve(link.get("parameters", {}), body, params, resp.json())
            kwargs = {"json": _resolve(link["requestBody"], body, params, resp.json())} \
                if "requestBody" in link else dict(PRODUCERS.get((method, path), {}))
            if path.startswith("/api/v2/upload-file"):
                kwargs = {"files": {"file": ("notes.txt", b"Bells ring at noon.")}}
        else:
            made = PRODUCERS[(method, path)]
            params, kwargs = {}, dict(made(server) if callable(made) else made)
        resp = call(method, path, params, **kwargs)
        assert resp.status_code in (200, 201), (path, resp.text)
        if path == "/api/v2/create-chatbot":
            cid = resp.json()["chatbotId"]
            for _ in range(200):
                if call("get", f"/api/v2/chatbot/status/{cid}").json()["progress"] == 100:
                    break
        return kwargs.get("json"), params, resp

    covered = []
    for (method, path, status), links in LINKS.items():
        for name, t_method, t_path, fields in links:
            body, params, resp = produce(method, path)
            target_params = _resolve(fields.get("parameters", {}), body, params, resp.json())
            path_params = {k: v for k, v in target_params.items() if "{" + k + "}" in t_path}
            query = {k: v for k, v in target_params.items() if k not in path_params}
            kwargs = {"params": query}
            if "requestBody" in fields:
                kwargs["json"] = _resolve(fields["requestBody"], body, params, resp.json())
            if t_path.startswith("/api/v2/upload-file"):
                kwargs["files"] = {"file": ("more.txt", b"More bells.")}
            r = call(t_method, t_path, path_params, **kwargs)
            assert r.status_code < 500 and r.status_code != 404, (name, r.status_code, r.text)
            assert r.status_code < 400, (name, r.status_code, r.text)
            schema[t_path][t_method.upper()].validate_response(r)
            covered.append(name)
    assert len(covered) == sum(len(v) for v in LINKS.values()) >= 25
