"""Rate-limit counters in the database, so a limit holds across worker processes and hosts.

One row per (key, window, window start). A request increments the row of each of its key's
windows in one transaction with an atomic upsert (``INSERT ... ON CONFLICT DO UPDATE SET
count = count + 1 RETURNING count`` on SQLite and PostgreSQL); if any count passes its
limit the transaction is rolled back, so a refused request uses no budget and two
processes can never both take the last slot.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

import sqlalchemy as sa

from .. import schema as t

WINDOW_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


@dataclass(frozen=True)
class Exceeded:
    """Why a request was refused: the window, its limit and when it resets."""

    window: str
    limit: int
    retry_after: int


class _Refused(Exception):
    def __init__(self, exceeded: Exceeded) -> None:
        super().__init__(exceeded.window)
        self.exceeded = exceeded


class RateCounterRepository:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        backend = engine.dialect.name
        if backend == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        elif backend == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:  # pragma: no cover - other databases take the portable path
            insert = None
        c = t.rate_counters.c
        self._upsert = None
        if insert is not None:
            stmt = insert(t.rate_counters).values(
                key_id=sa.bindparam("key_id"), window=sa.bindparam("window"),
                start=sa.bindparam("start"), count=1)
            self._upsert = stmt.on_conflict_do_update(
                index_elements=[c.key_id, c.window, c.start],
                set_={"count": t.rate_counters.c.count + 1}).returning(c.count)

    def _increment(self, con: sa.Connection, key_id: str, window: str, start: int) -> int:
        params = {"key_id": key_id, "window": window, "start": start}
        if self._upsert is not None:
            return int(con.execute(self._upsert, params).scalar_one())
        c = t.rate_counters.c  # pragma: no cover - portable fallback
        where = (c.key_id == key_id) & (c.window == window) & (c.start == start)
        if not con.execute(t.rate_counters.update().where(where)
                           .values(count=c.count + 1)).rowcount:
            con.execute(t.rate_counters.insert().values(count=1, **params))
        return int(con.execute(sa.select(c.count).where(where)).scalar_one())

    def hit(self, key_id: str, limits: dict[str, int], now: float | None = None
            ) -> Exceeded | None:
        """Count one request of ``key_id`` against ``limits`` ({window: max}); return None
        if it is allowed, else the window that refuses it (and count nothing)."""
        now = time.time() if now is None else now
        try:
            with self.engine.begin() as con:
                worst: Exceeded | None = None
                for window, limit in limits.items():
                    size = WINDOW_SECONDS[window]
                    start = int(now // size)
                    if self._increment(con, key_id, window, start) > limit:
                        retry = max(1, math.ceil((start + 1) * size - now))
                        if worst is None or retry > worst.retry_after:
                            worst = Exceeded(window, limit, retry)
                if worst is not None:
                    raise _Refused(worst)  # rolls the increments back
        except _Refused as refused:
            return refused.exceeded
        if random.random() < 0.001:
            self.prune(now)
        return None

    def prune(self, now: float | None = None) -> int:
        """Delete counters of windows that have ended."""
        now = time.time() if now is None else now
        c = t.rate_counters.c
        done = 0
        with self.engine.begin() as con:
            for window, size in WINDOW_SECONDS.items():
                done += con.execute(t.rate_counters.delete().where(
                    (c.window == window) & (c.start < int(now // size)))).rowcount or 0
        return done


__all__ = ["Exceeded", "RateCounterRepository", "WINDOW_SECONDS"]
