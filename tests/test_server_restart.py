"""The restart story with a real crash: SIGKILL the server while jobs run, start it again on
the same SQLite file, and check that every job is either finished or reported failed with a
reason once its lease has expired (never lost, never stuck in running), and that
conversations and keys survived."""

from __future__ import annotations

import pytest
import requests

from server_helpers import API_KEY, cli, poll, start_server


@pytest.mark.slow
def test_sigkill_mid_job_then_restart(tmp_path):
    srv = start_server(tmp_path, "--lease-secs", "2")
    base, h = srv.base_url, srv.headers
    try:
        chat = requests.post(f"{base}/api/v1/analytics/chat", headers=h, json={
            "query": "total sales by region", "collectionIds": ["sales"]}).json()
        cid = chat["conversationId"]
        secret = cli("keys", "create", "--name", "survivor", "--db-url", srv.db_url,
                     data_dir=tmp_path).stdout.strip()
        done = requests.post(f"{base}/tools/run", headers=h, json={"taskList": {"inputs": {
            "name": "describe", "processing_id": "finished_before_crash",
            "dataset": [{"x": 1}, {"x": 2}]}}}).json()
        assert done["status"] == "success"
        # Queue more ARIMA fits than two job threads can finish before the kill.
        ids = [f"arima_{i}" for i in range(8)]
        for pid in ids:
            r = requests.post(f"{base}/tools/run", headers=h, json={"taskList": {"inputs": {
                "name": "arima", "processing_id": pid, "dataset": "nile", "target": "flow",
                "order": [2, 1, 2], "horizon": 5}}, "pollResponse": True})
            assert r.status_code == 200, r.text
        thread = requests.post(f"{base}/api/newMessage", headers=h,
                               json={"message": "average flow by year"}).json()
        statuses = {pid: requests.get(f"{base}/tools/status/{pid}", headers=h).json()["status"]
                    for pid in ids}
        assert any(s in ("queued", "running") for s in statuses.values()), statuses
    finally:
        srv.kill()  # SIGKILL: no shutdown hook, no cleanup

    srv2 = start_server(tmp_path, "--lease-secs", "2")
    try:
        base, h = srv2.base_url, srv2.headers
        # The dead process's leases (2 s) run out; then any reader sees the jobs failed.
        after = poll(lambda: {pid: requests.get(f"{base}/tools/status/{pid}", headers=h).json()
                              for pid in ids},
                     lambda a: {x["status"] for x in a.values()} <= {"success", "failed"},
                     timeout=15)
        assert {a["status"] for a in after.values()} <= {"success", "failed"}
        failed = [a for a in after.values() if a["status"] == "failed"]
        assert failed, "some jobs were still queued or running at the kill"
        for a in failed:
            assert a["error"]["code"] == "JOB_INTERRUPTED"
            assert "stopped" in a["error"]["message"]
        for a in after.values():
            if a["status"] == "success":
                assert a["result"]["model_type"] == "arima"
        old = requests.get(f"{base}/tools/status/finished_before_crash", headers=h).json()
        assert old["status"] == "success" and old["result"]["n_obs"] == 2
        # A thread run cut by the kill is failed with a reason, or had completed.
        t = poll(lambda: requests.get(f"{base}/api/getThread", headers=h,
                                      params={"threadId": thread["thread_id"]}).json(),
                 lambda b: b["run_status"]["status"] not in ("queued", "in_progress"),
                 timeout=15)
        assert t["run_status"]["status"] in ("completed", "failed")
        if t["run_status"]["status"] == "failed":
            assert t["run_status"]["last_error"]["code"] == "run_interrupted"
        # The conversation survived and continues with its context.
        conv = requests.get(f"{base}/api/v1/analytics/conversations/{cid}", headers=h).json()
        assert [m["role"] for m in conv["messages"]] == ["user", "assistant"]
        follow = requests.post(f"{base}/api/v1/analytics/chat", headers=h, json={
            "query": "only for West", "collectionIds": ["sales"],
            "conversationId": cid}).json()
        assert [r["region"] for r in follow["table"]] == ["West"]
        # Keys survived, and the same id cannot be reused after the restart.
        assert requests.get(f"{base}/tools", headers={"X-API-Key": secret}).status_code == 200
        dup = requests.post(f"{base}/tools/run", headers=h, json={"taskList": {"inputs": {
            "name": "describe", "processing_id": "finished_before_crash",
            "dataset": [{"x": 1}]}}})
        assert dup.status_code == 409
        # New work runs normally after recovery.
        r = requests.post(f"{base}/tools/run", headers={"X-API-Key": API_KEY}, json={
            "taskList": {"inputs": {"name": "describe", "processing_id": "after",
                                    "dataset": "nile", "features": ["flow"]}},
            "pollResponse": True})
        assert r.status_code == 200
        final = poll(lambda: requests.get(f"{base}/tools/status/after", headers=h).json(),
                     lambda b: b["status"] in ("success", "failed"), timeout=60)
        assert final["status"] == "success" and final["result"]["n_obs"] == 100
    finally:
        srv2.stop()
