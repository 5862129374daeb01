"""The server's tables (SQLAlchemy Core).

Core tables rather than ORM classes: every repository call is one small statement, which keeps
the per-request path lean, and the same definitions work on SQLite (default) and PostgreSQL.
Timestamps are epoch seconds (floats) so that they compare and serialize the same everywhere.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

api_keys = sa.Table(
    "api_keys", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    # sha256 hex of the key: the key itself is shown once and never stored.
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True, index=True),
    sa.Column("tools", sa.JSON, nullable=True),        # None = every tool
    sa.Column("limits", sa.JSON, nullable=True),       # {"minute": n, "hour": n, "day": n}
    sa.Column("scopes", sa.JSON, nullable=True),       # None = DEFAULT_SCOPES (older keys)
    # Whose resources the key sees: a name shared by several keys, or None (the key's id).
    sa.Column("tenant", sa.String(200), nullable=True),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("revoked", sa.Float, nullable=True),
)

conversations = sa.Table(
    "conversations", metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False, default="chat"),
    sa.Column("datasets", sa.JSON, nullable=True),
    # The question engine's own conversation state (its to_dict()), so follow-ups resolve.
    sa.Column("state", sa.JSON, nullable=True),
    sa.Column("key_id", sa.String(40), nullable=True),
    # The tenant owning the row (ApiKey.tenant); None: made before tenants existed.
    sa.Column("tenant", sa.String(200), nullable=True, index=True),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("updated", sa.Float, nullable=False),
)

messages = sa.Table(
    "messages", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(80), nullable=False, unique=True),
    sa.Column("conversation_id", sa.String(80), nullable=False, index=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("payload", sa.JSON, nullable=True),      # charts, sources, dataFilePath...
    sa.Column("created", sa.Float, nullable=False),
)

threads = sa.Table(
    "threads", metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("dataset", sa.String(200), nullable=False),
    sa.Column("run_id", sa.String(80), nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("last_error", sa.JSON, nullable=True),
    sa.Column("lease_until", sa.Float, nullable=True),      # as jobs.lease_until
    sa.Column("key_id", sa.String(40), nullable=True),
    # The tenant owning the row (ApiKey.tenant); None: made before tenants existed.
    sa.Column("tenant", sa.String(200), nullable=True, index=True),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("updated", sa.Float, nullable=False),
)

jobs = sa.Table(
    "jobs", metadata,
    sa.Column("processing_id", sa.String(200), primary_key=True),
    sa.Column("tool", sa.String(100), nullable=False),
    sa.Column("status", sa.String(20), nullable=False, index=True),
    # The tenant owning the row (ApiKey.tenant); None: made before tenants existed.
    sa.Column("tenant", sa.String(200), nullable=True, index=True),
    sa.Column("submitted", sa.Float, nullable=False),
    sa.Column("started", sa.Float, nullable=True),
    sa.Column("finished", sa.Float, nullable=True),
    sa.Column("result", sa.JSON, nullable=True),
    sa.Column("error", sa.JSON, nullable=True),
    # Until when the process running it vouches for it (renewed by its heartbeat); a
    # queued/running job past its lease was lost with its process.
    sa.Column("lease_until", sa.Float, nullable=True),
)

results = sa.Table(
    "results", metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("dataset", sa.String(200), nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("columns", sa.JSON, nullable=False),
    sa.Column("n_rows", sa.Integer, nullable=False),
    sa.Column("csv", sa.Text, nullable=False),
    sa.Column("suggestion", sa.JSON, nullable=True),
    # The tenant owning the row (ApiKey.tenant); None: made before tenants existed.
    sa.Column("tenant", sa.String(200), nullable=True, index=True),
    sa.Column("created", sa.Float, nullable=False),
)

dashboards = sa.Table(
    "dashboards", metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("conversation_id", sa.String(80), nullable=False),
    sa.Column("charts", sa.JSON, nullable=False),
    sa.Column("key_id", sa.String(40), nullable=True),
    # The tenant owning the row (ApiKey.tenant); None: made before tenants existed.
    sa.Column("tenant", sa.String(200), nullable=True, index=True),
    sa.Column("created", sa.Float, nullable=False),
)

datasets = sa.Table(
    "datasets", metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),       # csv | parquet | json | sql
    sa.Column("location", sa.Text, nullable=False),          # file path or database URL
    sa.Column("table_name", sa.String(200), nullable=True),
    sa.Column("description", sa.Text, nullable=False, default=""),
    sa.Column("project", sa.String(200), nullable=False, default="Default"),
    sa.Column("created_by", sa.String(200), nullable=True),
    # "operator" (serve --dataset) or "api" (HTTP; re-checked against the source policy).
    sa.Column("origin", sa.String(20), nullable=True),
    # Owner of a dataset registered over HTTP; None: shared (catalog, serve --dataset).
    sa.Column("tenant", sa.String(200), nullable=True),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("modified", sa.Float, nullable=False),
)

# Knowledge bases (seed 002), behind nbdatachat.store.kb.SqlKBStore. Records are the service's
# camelCase dicts as JSON; the columns beside them are what queries filter and order on.
kb_chatbots = sa.Table(
    "kb_chatbots", metadata,
    sa.Column("chatbot_id", sa.String(80), primary_key=True),
    sa.Column("tenant", sa.String(200), nullable=True, index=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)

kb_sources = sa.Table(
    "kb_sources", metadata,
    sa.Column("chatbot_id", sa.String(80), primary_key=True),
    sa.Column("source_id", sa.String(200), primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)

kb_conversations = sa.Table(
    "kb_conversations", metadata,
    sa.Column("conversation_id", sa.String(200), primary_key=True),
    sa.Column("chatbot_id", sa.String(80), nullable=False, index=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)

kb_records = sa.Table(  # leads ("lead") and chat traffic ("event") per chatbot
    "kb_records", metadata,
    sa.Column("kind", sa.String(20), primary_key=True),
    sa.Column("chatbot_id", sa.String(80), primary_key=True),
    sa.Column("record_key", sa.String(200), primary_key=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)

# Fixed-window request counters per API key, shared by every worker and host using this
# database (store.repos.limits.RateCounterRepository increments them atomically).
rate_counters = sa.Table(
    "rate_counters", metadata,
    sa.Column("key_id", sa.String(40), primary_key=True),
    sa.Column("window", sa.String(10), primary_key=True),     # minute | hour | day
    sa.Column("start", sa.BigInteger, primary_key=True),      # epoch seconds // window size
    sa.Column("count", sa.Integer, nullable=False),
)

# Server-wide values every worker and host must share (the secret signing file links).
server_settings = sa.Table(
    "server_settings", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
