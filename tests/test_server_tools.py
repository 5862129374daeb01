"""Seed 000 (analysis tools) against a real ``nbdatachat serve`` with requests and httpx:
the seed's examples unchanged but for base URL and key, async polling, auth, tool-limited
keys, rate limits, size limits, duplicate processing ids and malformed input."""

from __future__ import annotations

import json
import time
import uuid

import httpx
import numpy as np
import pytest
import requests

from nbdatachat.cli import main as nbdatachat_main
from server_helpers import API_KEY, poll, start_server

SEED_DATA = [{"sales": 100, "marketing": 50, "price": 25},
             {"sales": 150, "marketing": 75, "price": 30},
             {"sales": 120, "marketing": 60, "price": 28}]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("tools"), "--max-body-mb", "1")
    yield srv
    srv.stop()


def run_cli(capsys, server, *args: str) -> tuple[int, str, str]:
    """``nbdatachat <args> --db-url <server's db>`` in-process (same code path as the shell)."""
    capsys.readouterr()
    code = nbdatachat_main([*args, "--db-url", server.db_url])
    out = capsys.readouterr()
    return code, out.out, out.err


def _exact_fit_coefficients() -> dict[str, float]:
    X = np.array([[1, r["marketing"], r["price"]] for r in SEED_DATA], dtype=float)
    y = np.array([r["sales"] for r in SEED_DATA], dtype=float)
    beta = np.linalg.solve(X, y)
    return {"marketing": beta[1], "price": beta[2]}


def test_health_lists_tools(server):
    body = requests.get(f"{server.base_url}/health", timeout=10).json()
    assert body["status"] == "healthy"
    assert body["available_tools"] == len(body["discovered_tools"]) >= 2
    assert "describe" in body["discovered_tools"]
    assert abs(body["timestamp"] - time.time()) < 60


def test_seed_python_example_unchanged(server):
    """Seed 000's Python example, with only API_KEY and BASE_URL changed."""
    API_KEY_ = API_KEY
    BASE_URL = server.base_url
    headers = {"X-API-Key": API_KEY_, "Content-Type": "application/json"}
    data = {"taskList": {"inputs": {
        "name": "linear_regression", "processing_id": "python_example_123",
        "dataset": SEED_DATA, "target": "sales", "features": ["marketing", "price"],
        "userContext": {"company": "Python Corp", "objective": "Analyze sales drivers"}}}}
    response = requests.post(f"{BASE_URL}/tools/run", headers=headers, json=data)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["processing_id"] == "python_example_123"
    assert result["status"] == "success"
    assert result["elapsed_secs"] >= 0
    res = result["result"]
    assert res["model_type"] == "linear_regression"
    assert res["performance"]["r_squared"] == pytest.approx(1.0, abs=1e-9)
    for name, value in _exact_fit_coefficients().items():
        assert res["coefficients"][name] == pytest.approx(value, rel=1e-6)
    # The same id again is a conflict in the seed's error shape.
    again = requests.post(f"{BASE_URL}/tools/run", headers=headers, json=data)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "CONFLICT"
    assert "python_example_123" in again.json()["error"]["message"]


def test_async_polling_with_httpx(server):
    pid = f"poll_{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=server.base_url, headers={"X-API-Key": API_KEY}) as client:
        r = client.post("/tools/run", json={
            "taskList": {"inputs": {"name": "describe", "processing_id": pid,
                                    "dataset": SEED_DATA}}, "pollResponse": True})
        assert r.status_code == 200
        first = r.json()
        assert first["processing_id"] == pid
        assert first["status"] in ("queued", "running", "success")
        assert "result" not in first or first["status"] == "success"
        done = poll(lambda: client.get(f"/tools/status/{pid}").json(),
                    lambda b: b["status"] in ("success", "failed"))
        assert done["status"] == "success"
        means = {row["column"]: row["mean"] for row in done["result"]["summary"]}
        assert means["sales"] == pytest.approx(np.mean([100, 150, 120]))
        assert means["price"] == pytest.approx(np.mean([25, 30, 28]))
        slim = client.get(f"/tools/status/{pid}", params={"statusOnly": "true"}).json()
        assert slim["status"] == "success" and "result" not in slim
        # Generated ids when none is given, one per job.
        ids = {client.post("/tools/run", json={"taskList": {"inputs": {
            "name": "describe", "dataset": SEED_DATA}}, "pollResponse": True}).json()
            ["processing_id"] for _ in range(3)}
        assert len(ids) == 3


def test_tools_and_schema(server):
    h = {"X-API-Key": API_KEY}
    tools = requests.get(f"{server.base_url}/tools", headers=h).json()
    names = [t["name"] for t in tools]
    assert names == sorted(names) and "describe" in names
    assert all({"name", "description", "version", "input_schema"} <= set(t) for t in tools)
    schema = requests.get(f"{server.base_url}/tools/describe/schema", headers=h).json()
    example = schema["example_input"]
    assert example["taskList"]["inputs"]["name"] == "describe"
    # The example runs as is.
    run = requests.post(f"{server.base_url}/tools/run", headers=h, json=example)
    assert run.status_code == 200 and run.json()["status"] == "success"
    unknown = requests.get(f"{server.base_url}/tools/linear_regresion/schema", headers=h)
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "UNKNOWN_TOOL"


def test_registered_dataset_by_name(server):
    h = {"X-API-Key": API_KEY}
    r = requests.post(f"{server.base_url}/tools/run", headers=h, json={
        "taskList": {"inputs": {"name": "describe", "dataset": "nile", "features": ["flow"]}}})
    assert r.status_code == 200, r.text
    from statsmodels.datasets import nile

    flow = nile.load_pandas().data["volume"]
    stats = r.json()["result"]["statistics"]["flow"]
    assert stats["count"] == len(flow) == 100
    assert stats["mean"] == pytest.approx(float(flow.mean()))


@pytest.mark.parametrize("headers, status", [
    ({}, 401), ({"X-API-Key": "wrong-key-123"}, 401),
    ({"Authorization": "Bearer wrong-key-123"}, 401),
    ({"Authorization": f"Bearer {API_KEY}"}, 200)])
def test_auth(server, headers, status):
    r = requests.get(f"{server.base_url}/tools", headers=headers)
    assert r.status_code == status
    if status == 401:
        err = r.json()["error"]
        assert err["code"] == "UNAUTHORIZED" and "API key" in err["message"]


@pytest.mark.parametrize("body, parameter", [
    ({"taskList": {"inputs": {"name": "describe"}}}, "dataset"),
    ({"taskList": {"inputs": {"dataset": SEED_DATA}}}, "taskList.inputs.name"),
    ({"taskList": {}}, "taskList.inputs"),
    ({}, "taskList"),
    ({"taskList": {"inputs": {"name": "describe", "dataset": [1, 2]}}}, "dataset"),
    ({"taskList": {"inputs": {"name": "describe", "dataset": "/etc/passwd.csv"}}}, "dataset"),
    ({"taskList": {"inputs": {"name": "describe", "dataset": SEED_DATA, "bogus": 1}}},
     "bogus"),
    ({"taskList": {"inputs": {"name": "describe", "dataset": SEED_DATA,
                              "features": ["salez"]}}}, "feature"),
])
def test_invalid_requests_are_400_in_seed_shape(server, body, parameter):
    r = requests.post(f"{server.base_url}/tools/run", headers=server.headers, json=body)
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert set(err) == {"code", "message", "details"}
    assert err["details"]["parameter"] == parameter
    assert err["message"]


def test_malformed_bodies_never_500(server):
    url = f"{server.base_url}/tools/run"
    for raw in (b"{bad json", b"[]", b"null", b"\xff\xfe", b'{"taskList": 5}', b""):
        r = requests.post(url, headers=server.headers, data=raw)
        assert r.status_code == 400, (raw, r.status_code, r.text)
        assert "error" in r.json()
    r = requests.get(f"{server.base_url}/tools/status/" + "x" * 300, headers=server.headers)
    assert r.status_code == 404
    r = requests.get(f"{server.base_url}/no/such/endpoint", headers=server.headers)
    assert r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"
    r = requests.delete(f"{server.base_url}/tools/run", headers=server.headers)
    assert r.status_code == 405 and "error" in r.json()


def test_body_size_limit(server):
    big = [{"sales": i, "marketing": i * 2, "price": 1.5} for i in range(40_000)]
    payload = json.dumps({"taskList": {"inputs": {"name": "describe", "dataset": big}}})
    assert len(payload) > 1024 * 1024
    r = requests.post(f"{server.base_url}/tools/run", headers=server.headers, data=payload)
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"

    def chunks():  # no Content-Length: counted while streaming
        for i in range(0, len(payload), 65536):
            yield payload[i:i + 65536].encode()
    r = requests.post(f"{server.base_url}/tools/run", headers=server.headers, data=chunks())
    assert r.status_code == 413


def test_keys_cli_tool_limits_and_revocation(server, capsys):
    code, out, err = run_cli(capsys, server, "keys", "create", "--name", "limited",
                             "--tools", "describe")
    secret = out.strip()
    assert code == 0 and secret.startswith("nbdc_") and len(secret) > 40
    listing = run_cli(capsys, server, "keys", "list")[1]
    assert "limited" in listing and secret not in listing
    # Only the hash is stored.
    import hashlib
    import sqlite3

    con = sqlite3.connect(server.db_url.removeprefix("sqlite:///"))
    stored = [r[0] for r in con.execute("select key_hash from api_keys")]
    con.close()
    assert hashlib.sha256(secret.encode()).hexdigest() in stored and secret not in stored

    h = {"Authorization": f"Bearer {secret}"}
    ok = requests.post(f"{server.base_url}/tools/run", headers=h, json={
        "taskList": {"inputs": {"name": "describe", "dataset": SEED_DATA}}})
    assert ok.status_code == 200
    denied = requests.post(f"{server.base_url}/tools/run", headers=h, json={
        "taskList": {"inputs": {"name": "arima", "dataset": "nile", "target": "flow"}}})
    assert denied.status_code == 403
    assert denied.json()["error"]["code"] == "FORBIDDEN"
    assert "describe" in denied.json()["error"]["message"]

    assert run_cli(capsys, server, "keys", "revoke", "limited")[0] == 0
    revoked = poll(lambda: requests.get(f"{server.base_url}/tools", headers=h).status_code,
                   lambda s: s == 401, timeout=10, interval=0.2)
    assert revoked == 401
    code, _, err = run_cli(capsys, server, "keys", "revoke", "no-such-key")
    assert code == 2 and "No active API key" in err
    code, _, err = run_cli(capsys, server, "keys", "create", "--name", "x", "--tools", "nope")
    assert code == 2 and "Unknown tool" in err


def test_rate_limit_per_key(server, capsys):
    secret = run_cli(capsys, server, "keys", "create", "--name", "slow", "--rate-limit",
                     "3/minute")[1].strip()
    h = {"X-API-Key": secret}
    codes = [requests.get(f"{server.base_url}/tools", headers=h).status_code for _ in range(5)]
    if codes[:3] != [200, 200, 200]:  # the minute rolled over mid-test: try once more
        codes = [requests.get(f"{server.base_url}/tools", headers=h).status_code
                 for _ in range(5)]
    assert codes[3:] == [429, 429]
    r = requests.get(f"{server.base_url}/tools", headers=h)
    assert r.status_code == 429
    retry = int(r.headers["Retry-After"])
    assert 1 <= retry <= 60
    assert r.json()["error"]["code"] == "RATE_LIMITED"
    # 003's endpoints answer with its own 429 body.
    r = requests.post(f"{server.base_url}/api/v1/chat/applications",
                      headers={"Authorization": f"Bearer {secret}"}, json={})
    assert r.status_code == 429
    assert r.json() == {"code": "429",
                        "error": "Data Intelligence API rate limit reached for the minute."}
    # Other keys are unaffected.
    assert requests.get(f"{server.base_url}/tools", headers=server.headers).status_code == 200
