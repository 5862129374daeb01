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

import sqlalchemy as sa

from .db import DATA_DIR_ENV, DB_URL_ENV, default_data_dir, default_db_url, make_engine
from .repos import (
    KEY_PREFIX, ApiKey, ConversationRepository, DashboardRepository, DatasetRepository,
    KeyRepository, ResultRepository, SqlConversationStore, SqlJobStore, ThreadRepository,
    conversation_from_row, conversation_state, hash_key, new_id, parse_limits,
)

INTERRUPTED_REASON = ("The server stopped while this job was running (process killed or "
                      "restarted); its result was lost. Submit the request again.")


class Store:
    """All repositories over one engine."""

    def __init__(self, url: str | None = None, *, engine: sa.Engine | None = None) -> None:
        self.url = url or default_db_url()
        self.engine = engine or make_engine(self.url)
        self.keys = KeyRepository(self.engine)
        self.jobs = SqlJobStore(self.engine)
        self.conversations = ConversationRepository(self.engine)
        self.conversation_store = SqlConversationStore(self.conversations)
        self.threads = ThreadRepository(self.engine)
        self.results = ResultRepository(self.engine)
        self.dashboards = DashboardRepository(self.engine)
        self.datasets = DatasetRepository(self.engine)

    def recover_interrupted(self, reason: str = INTERRUPTED_REASON) -> dict[str, int]:
        """Fail the jobs and thread runs a dead process left queued or running.

        Call once at start-up, before any worker takes requests: nothing can be running
        then, so anything marked running was lost with the previous process.
        """
        return {"jobs": self.jobs.fail_interrupted(reason),
                "threads": self.threads.fail_interrupted(reason)}

    def close(self) -> None:
        self.engine.dispose()


__all__ = [
    "DATA_DIR_ENV", "DB_URL_ENV", "INTERRUPTED_REASON", "KEY_PREFIX", "ApiKey",
    "ConversationRepository", "DashboardRepository", "DatasetRepository", "KeyRepository",
    "ResultRepository", "SqlConversationStore", "SqlJobStore", "Store", "ThreadRepository",
    "conversation_from_row", "conversation_state",
    "default_data_dir", "default_db_url", "hash_key", "make_engine", "new_id", "parse_limits",
]
