"""Server modes around the routes: the jupyter-server-proxy set-up (Unix socket, no key,
base URL prefix) with a real process, dev-key printing, preloads, and run expiry."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from nbdatachat.server import ServerConfig, create_app
from nbdatachat.server.jupyter_proxy import setup_nbdatachat


@pytest.mark.slow
def test_jupyter_proxy_entry_point_runs_on_a_unix_socket(tmp_path):
    spec = setup_nbdatachat()
    assert spec["unix_socket"] is True
    sock = tmp_path / "nbdc.sock"
    cmd = [part.replace("{unix_socket}", str(sock)).replace("{base_url}", "/user/me/")
           for part in spec["command"]]
    env = {**os.environ, "NBDATACHAT_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        transport = httpx.HTTPTransport(uds=str(sock))
        with httpx.Client(transport=transport, base_url="http://jupyter") as client:
            deadline = time.time() + 60
            while time.time() < deadline:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            # Behind Jupyter's authenticating proxy no key is needed...
            tools = client.get("/tools")
            assert tools.status_code == 200 and "describe" in [t["name"] for t in tools.json()]
            run = client.post("/tools/run", json={"taskList": {"inputs": {
                "name": "describe", "dataset": [{"x": 2}, {"x": 4}]}}}).json()
            assert run["result"]["statistics"]["x"]["mean"] == 3.0
            # ...and the docs point at the proxied base URL.
            docs = client.get("/docs").text
            assert "/user/me/nbdatachat/openapi.json" in docs
    finally:
        proc.terminate()
        out = proc.communicate(timeout=20)[0].decode()
    assert "dev API key" not in out  # no key printed in proxy mode


@pytest.mark.slow
def test_serve_dev_mode_prints_a_working_key_and_reuses_it(tmp_path):
    """Dev mode prints a key that works; a second start on the same data dir prints the
    same key (one dev key, not a new full-access key per start)."""
    import sqlite3

    from server_helpers import free_port

    keys = []
    for _start in range(2):
        port = free_port()
        env = {k: v for k, v in os.environ.items() if k != "NBDATACHAT_API_KEY"}
        proc = subprocess.Popen([sys.executable, "-m", "nbdatachat", "serve", "--port",
                                 str(port), "--data-dir", str(tmp_path)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                start_new_session=True)
        try:
            key = None
            for line in proc.stdout:
                if line.startswith("dev API key"):
                    key = line.split(":", 1)[1].split()[0]
                    break
            assert key and key.startswith("nbdc_")
            base = f"http://127.0.0.1:{port}"
            deadline = time.time() + 60
            while time.time() < deadline:
                try:
                    r = httpx.get(f"{base}/tools", headers={"X-API-Key": key})
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            assert r.status_code == 200
            assert httpx.get(f"{base}/tools").status_code == 401
            keys.append(key)
        finally:
            proc.terminate()
            proc.wait(20)
    assert keys[0] == keys[1]
    assert oct((tmp_path / "dev-key").stat().st_mode & 0o777) == "0o600"
    con = sqlite3.connect(tmp_path / "nbdatachat.db")
    assert con.execute("select count(*) from api_keys where name = 'dev'").fetchone() == (1,)
    con.close()


def test_serve_rejects_bad_options(tmp_path):
    base = [sys.executable, "-m", "nbdatachat", "serve", "--data-dir", str(tmp_path)]
    bad = subprocess.run([*base, "--rate-limit", "5/week"], capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2 and "rate limit" in bad.stderr.lower()
    bad = subprocess.run([*base, "--dataset", "nopath"], capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode == 2 and "NAME=PATH" in bad.stderr


def test_stale_thread_run_is_reported_expired(tmp_path):
    from fastapi.testclient import TestClient

    app = create_app(ServerConfig(data_dir=str(tmp_path), auth=False, run_timeout_secs=5))
    state = app.state.nbdc
    state.store.conversations.create(kind="thread", datasets=["sales"],
                                     conversation_id="thread_old")
    state.store.threads.create("thread_old", "sales", None)
    state.store.threads.set_status("thread_old", "in_progress", run_id="run_x")
    with state.store.engine.begin() as con:
        from nbdatachat.store.schema import threads

        con.execute(threads.update().values(updated=time.time() - 60))
    with TestClient(app) as client:
        body = client.get("/api/getThread", params={"threadId": "thread_old"}).json()
    assert body["run_status"]["status"] == "expired"
    assert body["run_status"]["last_error"]["code"] == "run_expired"
    assert state.store.threads.get("thread_old")["status"] == "expired"


@pytest.mark.parametrize("limit, expected", [(50, 413), (10_000, 200)])
def test_body_limit_in_process(tmp_path, limit, expected):
    from fastapi.testclient import TestClient

    app = create_app(ServerConfig(data_dir=str(tmp_path), auth=False, max_body_bytes=limit))
    with TestClient(app) as client:
        r = client.post("/api/v1/chat/applications", json={"projectName": "x" * 100})
    assert r.status_code == expected
    if expected == 413:
        assert r.json() == {"code": "413", "error": r.json()["error"]}
        assert "limit of 50 bytes" in r.json()["error"]
