"""The lease heartbeat runs in a child process: a process whose threads hold the GIL keeps
its jobs, a killed process loses them, and a heartbeat process that dies is replaced."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from nbdatachat.jobs import Job
from nbdatachat.store import Store

LEASE = 1.5


def _row(store: Store, pid: str):
    return store.jobs._read(pid)


def _gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # reap it if it is our own child
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.1)
    return False


def test_leases_are_renewed_while_a_thread_holds_the_gil(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'a.db'}", lease_secs=LEASE)
    store.start_heartbeat()
    try:
        store.jobs.insert(Job("busy", "arima", status="running", started=time.time()))
        time.sleep(1.0)  # the child has started and knows the row
        old = sys.getswitchinterval()
        sys.setswitchinterval(30.0)  # the busy thread keeps the GIL: no other thread runs

        def hog(seconds: float = 3 * LEASE) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                pass

        began = time.time()
        try:
            t = threading.Thread(target=hog)
            t.start()
            t.join()
        finally:
            sys.setswitchinterval(old)
        row = _row(store, "busy")
        assert row.status == "running"
        # renewed during the stall, by a process the GIL does not stop
        assert row.lease_until > began + LEASE, (row.lease_until - began)
        assert store.jobs.get("busy").status == "running"
        # once finished, the row is no longer held or renewed
        store.jobs.update(Job("busy", "arima", status="success", started=began,
                              finished=time.time()))
        assert store.heartbeat.held["jobs"] == set()
    finally:
        store.close()


_OWNER = textwrap.dedent("""
    import sys, time
    from nbdatachat.jobs import Job
    from nbdatachat.store import Store
    store = Store(sys.argv[1], lease_secs=float(sys.argv[2]))
    store.start_heartbeat()
    store.jobs.insert(Job("orphan", "arima", status="running", started=time.time()))
    print(store.heartbeat._child.pid, flush=True)
    time.sleep(600)
""")


def test_a_killed_process_stops_its_heartbeat_and_its_jobs_fail(tmp_path):
    url = f"sqlite:///{tmp_path / 'b.db'}"
    owner = subprocess.Popen([sys.executable, "-c", _OWNER, url, str(LEASE)],
                             stdout=subprocess.PIPE, text=True)
    try:
        child = int(owner.stdout.readline())
        other = Store(url, lease_secs=LEASE)
        time.sleep(2 * LEASE)
        assert other.jobs.get("orphan").status == "running"  # vouched for while alive
        owner.send_signal(signal.SIGKILL)
        owner.wait(10)
        assert _gone(child), "the heartbeat process outlived the process it vouched for"
        deadline = time.time() + 4 * LEASE
        while time.time() < deadline and other.jobs.get("orphan").status == "running":
            time.sleep(0.2)
        job = other.jobs.get("orphan")
        assert job.status == "failed" and job.error["code"] == "JOB_INTERRUPTED"
        other.close()
    finally:
        owner.kill()


def test_a_heartbeat_process_that_dies_is_replaced(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'c.db'}", lease_secs=LEASE)
    store.start_heartbeat()
    try:
        store.jobs.insert(Job("kept", "arima", status="running", started=time.time()))
        first = store.heartbeat._child.pid
        os.kill(first, signal.SIGKILL)
        time.sleep(3 * LEASE)
        assert store.heartbeat._child.pid != first
        assert store.jobs.get("kept").status == "running"
        assert _row(store, "kept").lease_until > time.time()
    finally:
        store.close()


def test_an_in_memory_database_is_renewed_from_a_thread():
    import sqlalchemy as sa

    from nbdatachat.store.schema import metadata

    engine = sa.create_engine("sqlite://", poolclass=sa.pool.StaticPool,
                              connect_args={"check_same_thread": False})
    metadata.create_all(engine)
    store = Store("sqlite://", engine=engine, lease_secs=LEASE)
    store.start_heartbeat()
    try:
        assert store.heartbeat._child is None  # no other process can open it
        store.jobs.insert(Job("mem", "arima", status="running", started=time.time()))
        time.sleep(2.5 * LEASE)
        assert store.jobs.get("mem").status == "running"
    finally:
        store.close()


@pytest.mark.parametrize("key", ["with space", 'quote"and\nnewline'])
def test_any_processing_id_reaches_the_heartbeat(tmp_path, key):
    store = Store(f"sqlite:///{tmp_path / 'd.db'}", lease_secs=LEASE)
    store.start_heartbeat()
    try:
        store.jobs.insert(Job(key, "arima", status="queued"))
        time.sleep(2.5 * LEASE)
        assert store.jobs.get(key).status == "queued"
    finally:
        store.close()
