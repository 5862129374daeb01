"""Persistent state of the embedded server, in any SQLAlchemy database.

``Store(url)`` opens (and creates) the tables and exposes one repository per concern::

    store = Store("sqlite:///state.db")        # or postgresql://user@host/db
    key, secret = store.keys.create("ci", tools=["linear_regression"])
    runner = JobRunner(store=store.jobs)        # jobs survive restarts
    store.recover_interrupted()                 # after a crash: running jobs -> failed

SQLite (a file in the server's data dir) is the default; ``NBDATACHAT_DB_URL`` selects
another database.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .db import (DATA_DIR_ENV, DB_URL_ENV, default_data_dir, default_db_url, make_engine,
                 normalise_url)
from .repos.leases import DEFAULT_LEASE_SECS
from .repos import (
    DEFAULT_SCOPES, KEY_PREFIX, SCOPES, ApiKey, ConversationRepository, DashboardRepository,
    DatasetRepository, KeyRepository, RateCounterRepository, ResultRepository,
    SqlConversationStore, SqlJobStore, ThreadRepository, hash_key, new_id, parse_limits,
    parse_scopes,
)

INTERRUPTED_REASON = ("The server stopped while this job was running (process killed or "
                      "restarted); its result was lost. Submit the request again.")


class Store:
    """All repositories over one engine."""

    def __init__(self, url: str | None = None, *, engine: sa.Engine | None = None,
                 lease_secs: float = DEFAULT_LEASE_SECS) -> None:
        self.url = url or default_db_url()
        self.engine = engine or make_engine(self.url)
        self.keys = KeyRepository(self.engine)
        self.jobs = SqlJobStore(self.engine, lease_secs)
        self.conversations = ConversationRepository(self.engine)
        self.conversation_store = SqlConversationStore(self.conversations)
        self.threads = ThreadRepository(self.engine, lease_secs)
        self.results = ResultRepository(self.engine)
        self.dashboards = DashboardRepository(self.engine)
        self.datasets = DatasetRepository(self.engine)
        self.rate_counters = RateCounterRepository(self.engine)
        self.heartbeat: Any = None

    def start_heartbeat(self) -> None:
        """Renew the leases of the unfinished jobs and thread runs this process writes, and
        fail those of processes that died (a server calls this once; see
        :mod:`nbdatachat.store.heartbeat` for why it runs in a child process)."""
        from .heartbeat import Heartbeat

        if self.heartbeat is None:
            self.heartbeat = Heartbeat(self, self.jobs.lease_secs)
            self.jobs.leases.heartbeat = self.heartbeat
            self.threads.leases.heartbeat = self.heartbeat
            self.heartbeat.start()

    def recover_interrupted(self, reason: str = INTERRUPTED_REASON) -> dict[str, int]:
        """Fail the jobs and thread runs a dead process left queued or running: those whose
        lease has expired (or that have none, from before leases). Safe while another
        server uses the same database: its jobs are vouched for by its heartbeat."""
        return {"jobs": self.jobs.fail_interrupted(reason),
                "threads": self.threads.fail_interrupted(reason)}

    def secret(self, name: str) -> bytes:
        """A random 32-byte secret shared by every process on this database, made on first
        use (the first writer wins a race; everyone reads its value)."""
        import secrets

        from .schema import server_settings as t

        with self.engine.begin() as con:
            row = con.execute(sa.select(t.c.value).where(t.c.name == name)).first()
        if row is None:
            try:
                with self.engine.begin() as con:
                    con.execute(t.insert().values(name=name, value=secrets.token_hex(32)))
            except sa.exc.IntegrityError:
                pass
            with self.engine.begin() as con:
                row = con.execute(sa.select(t.c.value).where(t.c.name == name)).first()
        return bytes.fromhex(row[0])

    def close(self) -> None:
        if self.heartbeat is not None:
            self.heartbeat.close()
        self.engine.dispose()


__all__ = [
    "DATA_DIR_ENV", "DB_URL_ENV", "DEFAULT_LEASE_SECS", "DEFAULT_SCOPES", "INTERRUPTED_REASON",
    "KEY_PREFIX",
    "SCOPES", "ApiKey", "ConversationRepository", "DashboardRepository", "DatasetRepository",
    "KeyRepository", "RateCounterRepository", "ResultRepository", "SqlConversationStore",
    "SqlJobStore", "Store", "ThreadRepository",
    "default_data_dir", "default_db_url", "hash_key", "make_engine", "new_id", "normalise_url",
    "parse_limits", "parse_scopes",
]
