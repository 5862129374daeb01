"""Leases on unfinished rows (jobs, thread runs): how work survives a dead process.

The process doing the work renews the lease of its unfinished rows on a heartbeat; any process
that finds a lease run out marks the row failed. One implementation for every table that has
a ``status`` and a ``lease_until`` column, so the rule is the same for jobs and threads."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa

#: Seconds a process vouches for its unfinished rows; its heartbeat renews them every third
#: of that. Past it, any process reading or sweeping the row fails it.
DEFAULT_LEASE_SECS = 30.0


class Leases:
    """Renew and expire the leases of ``table``'s rows whose status is one of ``active``.

    ``key`` is the id column; ``failed_values(now)`` gives the columns a row whose lease ran
    out is updated with (its status, error and timestamps)."""

    def __init__(self, engine: sa.Engine, table: sa.Table, key: sa.Column,
                 active: Sequence[str], failed_values: Callable[[float], dict[str, Any]],
                 lease_secs: float = DEFAULT_LEASE_SECS) -> None:
        self.engine = engine
        self.table = table
        self.key = key
        self.active = tuple(active)
        self.failed_values = failed_values
        self.lease_secs = lease_secs
        #: Who renews this process's rows (``store.heartbeat.Heartbeat``, set by
        #: ``Store.start_heartbeat``); None: nobody, rows written here simply run out.
        self.heartbeat: Any = None

    def until(self, status: str, now: float | None = None) -> float | None:
        """The lease a row written now with ``status`` gets (None once it is finished)."""
        return (now or time.time()) + self.lease_secs if status in self.active else None

    def track(self, key: str, status: str) -> None:
        """Called on each write of a row by this process: hold it while it is unfinished,
        release it once finished (the heartbeat renews only what is held)."""
        if self.heartbeat is not None:
            self.heartbeat.track(self.table.name, key, status in self.active)

    def expired(self, row: Any) -> bool:
        """Whether a row read from the table is unfinished with a lease that ran out."""
        return (row.status in self.active and row.lease_until is not None
                and row.lease_until < time.time())

    def renew(self, ids: Sequence[str]) -> int:
        """The heartbeat: extend the lease of this process's unfinished rows."""
        if not ids:
            return 0
        with self.engine.begin() as con:
            res = con.execute(self.table.update().where(
                self.key.in_(list(ids)), self.table.c.status.in_(self.active))
                .values(lease_until=time.time() + self.lease_secs))
        return int(res.rowcount or 0)

    def fail_expired(self, ids: Sequence[str] | None = None,
                     include_unleased: bool = False,
                     failed_values: Callable[[float], dict[str, Any]] | None = None) -> int:
        """Fail unfinished rows whose lease ran out (and, at start-up, rows written before
        leases existed); a live process's rows are never touched."""
        now = time.time()
        lease = self.table.c.lease_until
        expired = lease < now
        if include_unleased:
            expired = sa.or_(expired, lease.is_(None))
        cond = [self.table.c.status.in_(self.active), expired]
        if ids is not None:
            cond.append(self.key.in_(list(ids)))
        values = (failed_values or self.failed_values)(now)
        with self.engine.begin() as con:
            res = con.execute(self.table.update().where(*cond)
                              .values(lease_until=None, **values))
        return int(res.rowcount or 0)
