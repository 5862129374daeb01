"""Seed 004 threads: the status of each thread's latest run."""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa

from .. import schema as t
from .leases import DEFAULT_LEASE_SECS, Leases

INTERRUPTED = ("The server process answering this message stopped (killed or restarted); "
               "send the message again.")
_ACTIVE = ("queued", "in_progress")


class ThreadRepository:
    """Seed 004 threads: a conversation plus the status of its latest run."""

    def __init__(self, engine: sa.Engine, lease_secs: float = DEFAULT_LEASE_SECS) -> None:
        self.engine = engine
        self.lease_secs = lease_secs
        self.leases = Leases(engine, t.threads, t.threads.c.id, _ACTIVE,
                             lambda now: _failed(INTERRUPTED, now), lease_secs)

    def create(self, thread_id: str, dataset: str, key_id: str | None,
               tenant: str | None = None) -> None:
        now = time.time()
        with self.engine.begin() as con:
            con.execute(t.threads.insert().values(id=thread_id, dataset=dataset, run_id=None,
                                                  status="queued", last_error=None,
                                                  key_id=key_id, tenant=tenant, created=now,
                                                  updated=now,
                                                  lease_until=self.leases.until("queued", now)))
        self.leases.track(thread_id, "queued")

    def get(self, thread_id: str) -> dict[str, Any] | None:
        """The thread; a run whose lease expired (its process died) comes back failed."""
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.threads).where(t.threads.c.id == thread_id)).first()
        if row is not None and self.leases.expired(row) and self.fail_expired(ids=[thread_id]):
            return self.get(thread_id)
        return dict(row._mapping) if row is not None else None

    def set_status(self, thread_id: str, status: str, *, run_id: str | None = None,
                   last_error: dict[str, Any] | None = None) -> None:
        now = time.time()
        values: dict[str, Any] = {"status": status, "last_error": last_error, "updated": now,
                                  "lease_until": self.leases.until(status, now)}
        if run_id is not None:
            values["run_id"] = run_id
        with self.engine.begin() as con:
            con.execute(t.threads.update().where(t.threads.c.id == thread_id).values(**values))
        self.leases.track(thread_id, status)

    def renew(self, thread_ids: list[str]) -> int:
        """The heartbeat: extend the lease of the runs this process is answering."""
        return self.leases.renew(thread_ids)

    def fail_expired(self, reason: str = INTERRUPTED, *, ids: list[str] | None = None,
                     include_unleased: bool = False) -> int:
        """Fail runs whose lease expired (their process died); never a live one's."""
        return self.leases.fail_expired(ids, include_unleased, lambda now: _failed(reason, now))

    def fail_interrupted(self, reason: str = INTERRUPTED) -> int:
        """Start-up recovery: fail runs whose process is gone (lease expired or none)."""
        return self.fail_expired(reason, include_unleased=True)


def _failed(reason: str, now: float) -> dict[str, Any]:
    """The columns of a thread whose run's process died."""
    return {"status": "failed", "updated": now,
            "last_error": {"code": "run_interrupted", "message": reason}}
