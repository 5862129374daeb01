"""Issue 13, many processes and hosts: ``nbdatachat serve --workers 2`` and two ``serve``
processes on one database, on SQLite and on a real PostgreSQL server.

- a rate limit of 10 per minute lets exactly 10 requests through across 2 workers;
- kill -9 of one of 2 workers: its unfinished jobs are failed (JOB_INTERRUPTED) within the
  lease, the other worker's jobs finish;
- a second ``serve`` started on the database of a live one leaves the live server's running
  jobs and thread runs alone, and each serves what the other stored.
"""

from __future__ import annotations

import concurrent.futures
import os
import signal
import subprocess
import time

import httpx
import pytest

from server_helpers import API_KEY, poll, start_server

ARIMA = {"name": "arima", "dataset": "nile", "target": "flow", "order": [2, 1, 2],
         "horizon": 5}


def _long_series(n: int = 1500) -> list[dict]:
    """A random walk, inline: an ARIMA(4,1,4) fit on it takes ~1-2 s, so jobs are still running
    when a worker is killed, however fast the machine (the nile fit takes ~50 ms)."""
    import numpy as np
    steps = np.random.default_rng(7).normal(size=n)
    return [{"t": i, "flow": round(float(v), 4)} for i, v in enumerate(np.cumsum(steps))]


SLOW_ARIMA = {"name": "arima", "dataset": _long_series(), "target": "flow",
              "order": [4, 1, 4], "horizon": 5}


def _submit(srv, pid: str, inputs: dict = ARIMA) -> None:
    r = httpx.post(f"{srv.base_url}/tools/run", headers={"X-API-Key": API_KEY}, timeout=30,
                   json={"taskList": {"inputs": {**inputs, "processing_id": pid}},
                         "pollResponse": True})
    assert r.status_code == 200, r.text


def _status(srv, pid: str) -> dict:
    return httpx.get(f"{srv.base_url}/tools/status/{pid}", headers={"X-API-Key": API_KEY},
                     timeout=30).json()


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                         text=True).stdout
    return [int(x) for x in out.split()]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    return request.getfixturevalue("postgres_url")


def _wait_for_fresh_minute(margin: float = 20.0) -> None:
    """Sleep until at least ``margin`` seconds remain in the current minute, so a burst is
    counted in one window."""
    left = 60 - time.time() % 60
    if left < margin:
        time.sleep(left + 0.5)


@pytest.mark.slow
def test_rate_limit_holds_across_two_workers(tmp_path, db_url):
    srv = start_server(tmp_path / "srv", "--workers", "2", "--rate-limit", "10/minute",
                       db_url=db_url)
    try:
        _wait_for_fresh_minute()

        def call(_i: int) -> int:
            # A new connection per request, so both workers take requests.
            return httpx.get(f"{srv.base_url}/tools", headers={"X-API-Key": API_KEY},
                             timeout=30).status_code

        with concurrent.futures.ThreadPoolExecutor(12) as pool:
            statuses = list(pool.map(call, range(60)))
        assert statuses.count(200) == 10, statuses
        assert statuses.count(429) == 50
        r = httpx.get(f"{srv.base_url}/tools", headers={"X-API-Key": API_KEY})
        assert r.status_code == 429 and 1 <= int(r.headers["Retry-After"]) <= 60
    finally:
        srv.stop()


@pytest.mark.slow
def test_killed_worker_jobs_fail_within_the_lease(tmp_path, db_url):
    # Long enough that a worker busy with two fits (each may hold the GIL for a second at a
    # time on a loaded 2-core machine) renews its leases in time.
    lease = 10.0
    srv = start_server(tmp_path / "srv", "--workers", "2", "--lease-secs", str(lease),
                       "--log-level", "info", db_url=db_url)
    try:
        workers = poll(lambda: [c for c in _children(srv.proc.pid)
                                if "spawn_main" in _cmdline(c)],
                       lambda w: len(w) >= 2, timeout=30)
        assert len(workers) >= 2, workers
        # A worker accepts requests only once its app has started: submitting before both have
        # started can send every job to the first one, and the other's start-up imports then
        # pass for a running fit in the CPU check below.
        started = poll(lambda: srv.log().count("Application startup complete."),
                       lambda n: n >= 2, timeout=60)
        assert started >= 2, srv.log()
        # Requests go to whichever worker accepts first, so one batch may land on one worker
        # only: submit until both are busy running jobs (CPU used while no request is sent).
        ids: list[str] = []
        used: dict[int, int] = {}
        for _ in range(8):
            new = [f"w_{len(ids) + i}" for i in range(8)]
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda pid: _submit(srv, pid, SLOW_ARIMA), new))
            ids += new
            before = {w: _cpu_ticks(w) for w in workers}
            time.sleep(0.5)
            used = {w: _cpu_ticks(w) - before[w] for w in workers}
            if min(used.values()) >= 10:  # >= 0.1 s of CPU in 0.5 s: running a fit
                break
        assert min(used.values()) >= 10, f"a worker took no job: CPU ticks {used}"
        # Kill a worker that is busy running jobs: the one that used the most CPU just now.
        victim = max(used, key=used.get)
        os.kill(victim, signal.SIGKILL)
        killed_at = time.time()
        # The killed worker's jobs fail together once their lease runs out; the survivor's
        # jobs finish in their own time (slow on a loaded machine, so not timed here).
        first_failure: list[float] = []

        def statuses() -> dict:
            out = {pid: _status(srv, pid) for pid in ids}
            if not first_failure and any(x["status"] == "failed" for x in out.values()):
                first_failure.append(time.time() - killed_at)
            return out

        final = poll(statuses,
                     lambda a: all(x["status"] in ("success", "failed") for x in a.values()),
                     timeout=300, interval=0.2)
        assert all(x["status"] in ("success", "failed") for x in final.values()), final
        failed = [x for x in final.values() if x["status"] == "failed"]
        # uvicorn logs which workers died: only the victim may appear there.
        log_tail = "\n".join(srv.log().splitlines()[-40:])
        assert failed, "the killed worker had no unfinished job"
        assert {x["error"]["code"] for x in failed} == {"JOB_INTERRUPTED"}
        assert [x for x in final.values() if x["status"] == "success"], (
            f"the surviving worker's jobs failed too (victim {victim}); server log:\n{log_tail}")
        died = [line for line in srv.log().splitlines() if "died" in line]
        assert all(str(victim) in line for line in died), died
        assert first_failure[0] < lease * 4 + 20, first_failure
    finally:
        srv.stop()


def _cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process so far, in clock ticks (``/proc/<pid>/stat``)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _cmdline(pid: int) -> str:
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.slow
def test_second_serve_on_a_live_database_leaves_its_work_alone(tmp_path, db_url):
    first = start_server(tmp_path / "a", "--lease-secs", "5", db_url=db_url)
    second = None
    try:
        ids = [f"live_{i}" for i in range(8)]
        for pid in ids:
            _submit(first, pid)
        thread = httpx.post(f"{first.base_url}/api/newMessage", timeout=30,
                            headers={"X-API-Key": API_KEY},
                            json={"message": "average flow by year", "dataset": "nile"}).json()
        assert any(_status(first, pid)["status"] in ("queued", "running") for pid in ids)
        second = start_server(tmp_path / "b", "--lease-secs", "5", db_url=db_url)
        final = poll(lambda: {pid: _status(second, pid) for pid in ids},
                     lambda a: all(x["status"] in ("success", "failed") for x in a.values()),
                     timeout=120)
        assert {x["status"] for x in final.values()} == {"success"}, final
        t = poll(lambda: httpx.get(f"{second.base_url}/api/getThread", timeout=30,
                                   headers={"X-API-Key": API_KEY},
                                   params={"threadId": thread["thread_id"]}).json(),
                 lambda b: b["run_status"]["status"] not in ("queued", "in_progress"),
                 timeout=60)
        assert t["run_status"]["status"] == "completed", t
        # Each serves what the other stored: a conversation started on the second.
        chat = httpx.post(f"{second.base_url}/api/v1/analytics/chat", timeout=60,
                          headers={"X-API-Key": API_KEY},
                          json={"query": "total sales by region",
                                "collectionIds": ["sales"]}).json()
        conv = httpx.get(f"{first.base_url}/api/v1/analytics/conversations/"
                         f"{chat['conversationId']}", headers={"X-API-Key": API_KEY})
        assert conv.status_code == 200 and len(conv.json()["messages"]) == 2
    finally:
        first.stop()
        if second is not None:
            second.stop()


class _SlowPage:
    """An HTTP page on 127.0.0.1 that takes ``delay`` seconds to answer."""

    def __init__(self, delay: float) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        body = b"<html><body><main><p>Slow page about tyres and brakes.</p></main></body></html>"

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 - http.server API
                time.sleep(delay)
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the server that asked was killed meanwhile
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/page"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


@pytest.mark.slow
def test_training_state_is_shared_and_a_dead_trainer_is_reported(tmp_path, db_url):
    page = _SlowPage(4.0)
    env = {"NBDATACHAT_KB_ALLOW_HOSTS": "127.0.0.1"}
    a = start_server(tmp_path / "a", "--lease-secs", "2", db_url=db_url, env=env)
    b = start_server(tmp_path / "b", "--lease-secs", "2", db_url=db_url, env=env)
    h = {"Authorization": f"Bearer {API_KEY}"}
    try:
        bot = httpx.post(f"{a.base_url}/api/v2/create-chatbot", headers=h, timeout=30, json={
            "chatbotName": "Slow", "sourceText": "Brakes cost ten euros.",
            "urlsToScrape": [page.url]}).json()["chatbotId"]
        # While a trains, b reports the same training in progress, not a failure.
        seen = httpx.get(f"{b.base_url}/api/v2/chatbot/status/{bot}", headers=h).json()
        assert seen["state"] == "training" and seen["progress"] < 100, seen
        done = poll(lambda: httpx.get(f"{b.base_url}/api/v2/chatbot/status/{bot}",
                                      headers=h).json(),
                    lambda s: s["state"] != "training", timeout=60)
        assert done["state"] == "ready" and done["progress"] == 100, done
        # a dies in the middle of a retrain: once its lease runs out, b says so.
        r = httpx.post(f"{a.base_url}/api/v2/retrain-chatbot", headers=h, timeout=30,
                       json={"chatbotId": bot, "urlsToScrape": [page.url + "?again"]})
        assert r.status_code == 200, r.text
        a.kill()
        failed = poll(lambda: httpx.get(f"{b.base_url}/api/v2/chatbot/status/{bot}",
                                        headers=h).json(),
                      lambda s: s["state"] != "training", timeout=30)
        assert failed["state"] == "failed", failed
        assert failed["errors"][-1]["code"] == "TRAINING_INTERRUPTED"
        # What was trained before is still answered from b.
        chat = httpx.post(f"{b.base_url}/api/v2/chat", headers=h, timeout=30, json={
            "chatbotId": bot, "messages": [{"role": "user", "content": "brakes price"}]})
        assert chat.status_code == 200 and "ten euros" in chat.text
    finally:
        a.stop()
        b.stop()
        page.close()
