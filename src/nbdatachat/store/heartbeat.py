"""The heartbeat that renews a server process's leases, run where the GIL cannot stall it.

Why a child process: a server worker running model fits in its job threads can hold the GIL
for seconds at a time on a slow, loaded machine (a Cython Kalman filter does not release it,
and every database round trip of a heartbeat thread must win the GIL back). A heartbeat thread
in that process then renews late, and the process's own live jobs are failed as interrupted.
The child shares nothing with the worker but a pipe: the worker writes which rows it holds
(one JSON line per change, written by the threads that change them), the child renews those
rows' leases every third of the lease and fails rows whose lease ran out (those of processes
that died). When the worker dies, however it dies, the kernel closes the pipe; the child reads
the end of it and stops, so a dead worker's leases still run out.

A database only this process can open (in-memory SQLite) gets the same loop in a thread.
"""

from __future__ import annotations

import json
import logging
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

log = logging.getLogger(__name__)

#: The tables whose rows carry leases (a store's ``jobs`` and ``threads`` repositories).
TABLES = ("jobs", "threads")


def _beat(store: Any, held: dict[str, set[str]]) -> None:
    """One heartbeat: renew what this process holds, then fail the leases that ran out."""
    store.jobs.renew(sorted(held["jobs"]))
    store.threads.renew(sorted(held["threads"]))
    store.jobs.fail_expired()
    store.threads.fail_expired()


def _shared(url: str) -> bool:
    """Whether another process can open the database (not an in-memory SQLite one)."""
    u = sa.make_url(url)
    return not (u.get_backend_name() == "sqlite" and u.database in (None, "", ":memory:"))


class Heartbeat:
    """What this process vouches for (:meth:`hold` / :meth:`release`) and who renews it.

    ``start`` runs the renewing loop in a child process (or a thread, see the module
    docstring); until then holding only records the rows."""

    def __init__(self, store: Any, lease_secs: float) -> None:
        self.store = store
        self.lease_secs = lease_secs
        self.held: dict[str, set[str]] = {name: set() for name in TABLES}
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._started = False

    # -- what this process holds ---------------------------------------------------------
    def track(self, table: str, key: str, active: bool) -> None:
        """Hold ``key`` while its row is unfinished (``active``); release it once finished."""
        (self.hold if active else self.release)(table, key)

    def hold(self, table: str, key: str) -> None:
        self._change("+", table, key)

    def release(self, table: str, key: str) -> None:
        self._change("-", table, key)

    def _change(self, op: str, table: str, key: str) -> None:
        with self._lock:
            rows = self.held[table]
            if (key in rows) == (op == "+"):
                return
            (rows.add if op == "+" else rows.discard)(key)
            if self._child is not None:
                self._send([op, table, key])

    def _send(self, message: list[str]) -> None:
        """Tell the child (under ``_lock``); a child that died is started again."""
        pipe = self._child.stdin if self._child is not None else None
        try:
            if pipe is None:
                raise OSError("no heartbeat process")
            pipe.write((json.dumps(message) + "\n").encode())
            pipe.flush()
        except (OSError, ValueError):
            log.warning("lease heartbeat process stopped; starting a new one")
            self._spawn()

    # -- who renews -----------------------------------------------------------------------
    def start(self) -> None:
        """Start renewing: a child process when the database is shared, else a thread. A
        watchdog thread restarts a child that died (the child, not the watchdog, renews)."""
        if self._started:
            return
        self._started = True
        if _shared(self.store.url):
            with self._lock:
                self._spawn()
            if self._child is not None:
                self._thread = threading.Thread(target=self._watch, daemon=True,
                                                name="nbdc-heartbeat-watch")
                self._thread.start()
                return
        self._thread = threading.Thread(target=self._run_here, daemon=True,
                                        name="nbdc-heartbeat")
        self._thread.start()

    def _spawn(self) -> None:
        """Start the child and tell it everything held so far (under ``_lock``)."""
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL, close_fds=True)
            assert self._child.stdin is not None
            lines = [json.dumps({"db_url": self.store.url, "lease_secs": self.lease_secs})]
            lines += [json.dumps(["+", table, key]) for table, keys in self.held.items()
                      for key in sorted(keys)]
            self._child.stdin.write(("\n".join(lines) + "\n").encode())
            self._child.stdin.flush()
        except OSError:
            log.warning("could not start the lease heartbeat process; renewing from a "
                        "thread of this process", exc_info=True)
            self._child = None
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run_here, daemon=True,
                                                name="nbdc-heartbeat")
                self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(self.lease_secs / 3):
            with self._lock:
                if self._child is not None and self._child.poll() is not None:
                    log.warning("lease heartbeat process exited (%s); starting a new one",
                                self._child.returncode)
                    self._spawn()

    def _run_here(self) -> None:
        while not self._stop.wait(self.lease_secs / 3):
            try:
                with self._lock:
                    held = {name: set(keys) for name, keys in self.held.items()}
                _beat(self.store, held)
            except Exception:  # a database hiccup must not stop the heartbeat
                log.warning("heartbeat failed", exc_info=True)

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            child, self._child = self._child, None
        if child is not None:
            try:
                assert child.stdin is not None
                child.stdin.close()  # the child reads the end of its input and exits
                child.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                child.kill()


def serve(read_fd: int, open_store: Callable[[str, float], Any]) -> None:
    """The child's loop: apply the parent's hold/release lines, beat every third of the
    lease, stop at the end of the input (the parent closed it or died)."""
    buffer = b""
    config: dict[str, Any] | None = None
    store: Any = None
    held: dict[str, set[str]] = {name: set() for name in TABLES}
    next_beat = 0.0
    while True:
        wait = None if store is None else max(0.0, next_beat - time.monotonic())
        ready, _, _ = select.select([read_fd], [], [], wait)
        if ready:
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if config is None:
                    config = json.loads(line)
                    store = open_store(config["db_url"], float(config["lease_secs"]))
                    next_beat = time.monotonic() + store.jobs.lease_secs / 3
                    continue
                op, table, key = json.loads(line)
                (held[table].add if op == "+" else held[table].discard)(key)
        if store is not None and time.monotonic() >= next_beat:
            try:
                _beat(store, held)
            except Exception:
                log.warning("heartbeat failed", exc_info=True)
            next_beat = time.monotonic() + store.jobs.lease_secs / 3


def _open_store(url: str, lease_secs: float) -> Any:
    """The two lease-holding repositories over a new engine (not all of ``Store``)."""
    from types import SimpleNamespace

    from .db import make_engine
    from .repos import SqlJobStore, ThreadRepository

    engine = make_engine(url)
    return SimpleNamespace(jobs=SqlJobStore(engine, lease_secs),
                           threads=ThreadRepository(engine, lease_secs))


if __name__ == "__main__":  # the child process started by Heartbeat.start
    logging.basicConfig(level=logging.WARNING,
                        format="nbdatachat heartbeat %(levelname)s: %(message)s")
    serve(sys.stdin.fileno(), _open_store)
