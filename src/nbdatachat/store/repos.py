"""Repositories: the only code that reads and writes the server's tables.

Each repository is a thin class around one table with typed methods; the HTTP routes and the
CLI use these, never SQL. :class:`SqlJobStore` implements :class:`nbdatachat.jobs.JobStore`
and :class:`SqlConversationStore` the question engine's ``ConversationStore``, so jobs and
conversations survive a restart without the engine knowing about databases.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import queue
import secrets
import threading
import time
import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..errors import InvalidRequest, NotFound
from . import schema as t

KEY_PREFIX = "nbdc_"
LIMIT_WINDOWS = ("minute", "hour", "day")


def new_id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex}"


def hash_key(secret: str) -> str:
    """sha256 hex of a key. Keys are 256-bit random strings, so a fast hash is enough
    (no password stretching needed); only the hash is ever stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- API keys


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    tools: tuple[str, ...] | None
    limits: dict[str, int] | None
    created: float
    revoked: float | None = None

    def allows_tool(self, tool: str) -> bool:
        return self.tools is None or tool in self.tools

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name,
                "tools": list(self.tools) if self.tools is not None else None,
                "limits": self.limits, "created": self.created, "revoked": self.revoked}


def parse_limits(text: str | dict[str, Any] | None) -> dict[str, int] | None:
    """``"60/minute,1000/hour"`` or ``{"minute": 60}`` -> ``{"minute": 60, "hour": 1000}``."""
    if text is None or text == "" or text == {}:
        return None
    items = text.items() if isinstance(text, dict) else (
        (p.split("/", 1)[1].strip(), p.split("/", 1)[0].strip()) if "/" in p else (p, "")
        for p in str(text).split(",") if p.strip())
    out: dict[str, int] = {}
    for window, count in items:
        window = str(window).lower().rstrip("s")
        try:
            n = int(count)
        except (TypeError, ValueError):
            n = -1
        if window not in LIMIT_WINDOWS or n < 1:
            raise InvalidRequest(
                f"Invalid rate limit {text!r}: write COUNT/WINDOW items separated by commas, "
                f"with WINDOW one of minute, hour, day, e.g. '60/minute,1000/hour'.",
                details={"parameter": "rate_limits"})
        out[window] = n
    return out


def _key_from_row(row: Any) -> ApiKey:
    tools = tuple(row.tools) if row.tools is not None else None
    return ApiKey(row.id, row.name, tools, row.limits, row.created, row.revoked)


class KeyRepository:
    """API keys, stored as sha256 hashes. Lookups are cached for ``cache_ttl`` seconds so
    that an authenticated request costs no database round trip; a revoked key stops working
    within that time in every worker process."""

    def __init__(self, engine: sa.Engine, cache_ttl: float = 2.0) -> None:
        self.engine = engine
        self.cache_ttl = cache_ttl
        self._cache: dict[str, tuple[ApiKey | None, float]] = {}
        self._lock = threading.Lock()

    def create(self, name: str, *, tools: list[str] | None = None,
               limits: dict[str, int] | None = None) -> tuple[ApiKey, str]:
        """Make a new key; returns the record and the secret (shown once, never stored)."""
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        return self.register(secret, name, tools=tools, limits=limits), secret

    def register(self, secret: str, name: str, *, tools: list[str] | None = None,
                 limits: dict[str, int] | None = None) -> ApiKey:
        """Store a key the caller chose (``NBDATACHAT_API_KEY``). Idempotent: registering the
        same secret again returns the existing record unchanged (a revoked key stays revoked)."""
        if not secret or len(secret) < 8:
            raise InvalidRequest("An API key must be at least 8 characters long.",
                                 details={"parameter": "key"})
        digest = hash_key(secret)
        with self.engine.begin() as con:
            row = con.execute(sa.select(t.api_keys).where(t.api_keys.c.key_hash == digest)
                              ).first()
            if row is not None:
                return _key_from_row(row)
            values = {"id": "key_" + secrets.token_hex(6), "name": name, "key_hash": digest,
                      "tools": sorted(set(tools)) if tools else None, "limits": limits,
                      "created": time.time(), "revoked": None}
            con.execute(t.api_keys.insert().values(**values))
        return ApiKey(values["id"], name, tuple(values["tools"]) if tools else None, limits,
                      values["created"])

    def authenticate(self, secret: str) -> ApiKey | None:
        """The active key matching ``secret``, or None."""
        digest = hash_key(secret)
        now = time.monotonic()
        hit = self._cache.get(digest)
        if hit is not None and hit[1] > now:
            return hit[0]
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.api_keys).where(t.api_keys.c.key_hash == digest)
                              ).first()
        key = None
        # Constant-time comparison of the stored hash (the index lookup already matched it;
        # this guards against a backend doing case-folding or prefix tricks).
        if row is not None and hmac.compare_digest(row.key_hash, digest) and row.revoked is None:
            key = _key_from_row(row)
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[digest] = (key, now + self.cache_ttl)
        return key

    def list(self) -> list[ApiKey]:
        with self.engine.connect() as con:
            rows = con.execute(sa.select(t.api_keys).order_by(t.api_keys.c.created)).all()
        return [_key_from_row(r) for r in rows]

    def revoke(self, id_or_name: str) -> list[ApiKey]:
        """Revoke the key with this id, or every active key with this name."""
        with self.engine.begin() as con:
            cond = sa.or_(t.api_keys.c.id == id_or_name, t.api_keys.c.name == id_or_name)
            rows = con.execute(sa.select(t.api_keys).where(cond, t.api_keys.c.revoked.is_(None))
                               ).all()
            if not rows:
                raise NotFound(f"No active API key with id or name {id_or_name!r}; "
                               f"`nbdatachat keys list` shows them.",
                               details={"key": id_or_name})
            now = time.time()
            con.execute(t.api_keys.update().where(t.api_keys.c.id.in_([r.id for r in rows]))
                        .values(revoked=now))
        with self._lock:
            self._cache.clear()
        return [dataclasses.replace(_key_from_row(r), revoked=now) for r in rows]


# ---------------------------------------------------------------------------- jobs


class GroupCommit:
    """Serializes writes through one thread that commits whatever is queued in a single
    transaction ("group commit"). Each caller still blocks until its own write is durable,
    but 32 concurrent requests share one commit instead of paying 32."""

    def __init__(self, engine: sa.Engine, max_batch: int = 256) -> None:
        self.engine = engine
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def execute(self, statement: Any, params: dict[str, Any]) -> None:
        self.submit(statement, params).result()

    def submit(self, statement: Any, params: dict[str, Any]) -> Future:
        """Queue a write; the future resolves once it is committed."""
        future: Future = Future()
        self._queue.put((statement, params, future))
        if self._thread is None or not self._thread.is_alive():
            with self._lock:
                if self._thread is None or not self._thread.is_alive():
                    self._thread = threading.Thread(target=self._loop, daemon=True,
                                                    name="nbdc-db-writer")
                    self._thread.start()
        return future

    def _loop(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                with self.engine.begin() as con:
                    for statement, params, _ in batch:
                        con.execute(statement, params)
            except Exception:
                # One bad write (a duplicate key) must not fail its neighbours: replay alone.
                for statement, params, future in batch:
                    try:
                        with self.engine.begin() as con:
                            con.execute(statement, params)
                    except Exception as exc:
                        future.set_exception(exc)
                    else:
                        future.set_result(None)
            else:
                for _, _, future in batch:
                    future.set_result(None)


class SqlJobStore:
    """:class:`nbdatachat.jobs.JobStore` in the database: jobs outlive the process.

    Writes go through :class:`GroupCommit` with pre-built statements, so the per-job cost
    under concurrency is a fraction of a transaction."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._writer = GroupCommit(engine)
        self._insert = t.jobs.insert()
        self._update = (t.jobs.update()
                        .where(t.jobs.c.processing_id == sa.bindparam("pid")))

    @staticmethod
    def _values(job: Any) -> dict[str, Any]:
        result = job.result_dict
        if result is None and job.result is not None:
            result = job.result.to_dict()
        return {"tool": job.tool, "status": job.status, "submitted": job.submitted,
                "started": job.started, "finished": job.finished, "result": result,
                "error": job.error}

    def insert(self, job: Any) -> None:
        from ..jobs import duplicate_job

        try:
            self._writer.execute(self._insert, {"processing_id": job.processing_id,
                                                **self._values(job)})
        except sa.exc.IntegrityError:
            raise duplicate_job(job.processing_id) from None

    def insert_async(self, job: Any) -> Future:
        """Queue the insert of a finished job without blocking (for async callers); the
        future raises :class:`~nbdatachat.errors.Conflict` for a duplicate id."""
        from ..jobs import duplicate_job

        out: Future = Future()

        def done(f: Future) -> None:
            exc = f.exception()
            if isinstance(exc, sa.exc.IntegrityError):
                out.set_exception(duplicate_job(job.processing_id))
            elif exc is not None:
                out.set_exception(exc)
            else:
                out.set_result(None)

        self._writer.submit(self._insert, {"processing_id": job.processing_id,
                                           **self._values(job)}).add_done_callback(done)
        return out

    def update(self, job: Any) -> None:
        self._writer.execute(self._update, {"pid": job.processing_id, **self._values(job)})

    def get(self, processing_id: str) -> Any:
        from ..jobs import Job

        with self.engine.connect() as con:
            row = con.execute(sa.select(t.jobs).where(t.jobs.c.processing_id == processing_id)
                              ).first()
        if row is None:
            return None
        return Job(row.processing_id, row.tool, status=row.status, submitted=row.submitted,
                   started=row.started, finished=row.finished, result_dict=row.result,
                   error=row.error)

    def fail_interrupted(self, reason: str) -> int:
        """Mark jobs left queued/running by a dead process as failed, saying why."""
        now = time.time()
        error = {"code": "JOB_INTERRUPTED", "message": reason, "details": {}}
        with self.engine.begin() as con:
            res = con.execute(t.jobs.update()
                              .where(t.jobs.c.status.in_(("queued", "running")))
                              .values(status="failed", error=error, finished=now,
                                      started=sa.func.coalesce(t.jobs.c.started, now)))
        return int(res.rowcount or 0)

    def count(self, status: str | None = None) -> int:
        q = sa.select(sa.func.count()).select_from(t.jobs)
        if status:
            q = q.where(t.jobs.c.status == status)
        with self.engine.connect() as con:
            return int(con.execute(q).scalar_one())


# ---------------------------------------------------------------------------- conversations


class ConversationRepository:
    """Conversations (analytics chat, completions and threads) and their messages."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def create(self, *, kind: str, datasets: list[str], key_id: str | None = None,
               conversation_id: str | None = None) -> str:
        cid = conversation_id or new_id("conv" if kind == "chat" else kind)
        now = time.time()
        with self.engine.begin() as con:
            con.execute(t.conversations.insert().values(
                id=cid, kind=kind, datasets=list(datasets), state=None, key_id=key_id,
                created=now, updated=now))
        return cid

    def get(self, conversation_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.conversations)
                              .where(t.conversations.c.id == conversation_id)).first()
        return dict(row._mapping) if row is not None else None

    def require(self, conversation_id: str) -> dict[str, Any]:
        conv = self.get(conversation_id)
        if conv is None:
            raise NotFound(f"No conversation {conversation_id!r}; omit conversationId to start "
                           f"a new one.", details={"conversationId": conversation_id})
        return conv

    def set_state(self, conversation_id: str, state: dict[str, Any] | None) -> None:
        with self.engine.begin() as con:
            con.execute(t.conversations.update()
                        .where(t.conversations.c.id == conversation_id)
                        .values(state=state, updated=time.time()))

    def add_message(self, conversation_id: str, role: str, content: str,
                    payload: dict[str, Any] | None = None, message_id: str | None = None
                    ) -> str:
        mid = message_id or new_id("msg")
        with self.engine.begin() as con:
            con.execute(t.messages.insert().values(
                id=mid, conversation_id=conversation_id, role=role, content=content,
                payload=payload, created=time.time()))
        return mid

    def add_messages(self, conversation_id: str,
                     items: list[tuple[str, str, dict[str, Any] | None]]) -> list[str]:
        """Append several (role, content, payload) messages in one transaction."""
        now = time.time()
        rows = [{"id": new_id("msg"), "conversation_id": conversation_id, "role": role,
                 "content": content, "payload": payload, "created": now}
                for role, content, payload in items]
        with self.engine.begin() as con:
            con.execute(t.messages.insert(), rows)
            con.execute(t.conversations.update().where(t.conversations.c.id == conversation_id)
                        .values(updated=now))
        return [r["id"] for r in rows]

    def upsert_state(self, conversation_id: str, state: dict[str, Any], *, kind: str,
                     datasets: list[str], key_id: str | None = None) -> None:
        """Save a conversation's engine state, creating the row if needed (one transaction)."""
        with self.engine.begin() as con:
            _write_state(con, conversation_id, state, kind=kind, datasets=datasets,
                         key_id=key_id, now=time.time(), new=False)

    def save_turn(self, conversation_id: str, state: dict[str, Any],
                  items: list[tuple[str, str, dict[str, Any] | None]], *, kind: str,
                  datasets: list[str], key_id: str | None = None, new: bool = False
                  ) -> list[str]:
        """Save the engine's state *and* append the turn's messages in one transaction.

        One commit per chat turn instead of two (state, then messages): a follow-up on any
        worker sees both or neither, and the request pays for a single commit. ``new=True``
        (a conversation id this process just generated) skips the UPDATE that would find no
        row. Returns the message ids, in order.
        """
        now = time.time()
        rows = [{"id": new_id("msg"), "conversation_id": conversation_id, "role": role,
                 "content": content, "payload": payload, "created": now}
                for role, content, payload in items]
        with self.engine.begin() as con:
            _write_state(con, conversation_id, state, kind=kind, datasets=datasets,
                         key_id=key_id, now=now, new=new)
            if rows:
                con.execute(_INSERT_MESSAGES, rows)
        return [r["id"] for r in rows]

    def messages(self, conversation_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as con:
            rows = con.execute(sa.select(t.messages)
                               .where(t.messages.c.conversation_id == conversation_id)
                               .order_by(t.messages.c.seq)).all()
        return [dict(r._mapping) for r in rows]


# Built once: executing a prepared statement with a parameter dict skips the per-call
# ``.values(...)`` construction and cache-key generation (a third of a small write's cost).
_INSERT_CONVERSATION = t.conversations.insert()
_INSERT_MESSAGES = t.messages.insert()
_UPDATE_STATE = t.conversations.update().where(t.conversations.c.id == sa.bindparam("cid"))


def _write_state(con: sa.Connection, conversation_id: str, state: dict[str, Any], *,
                 kind: str, datasets: list[str], key_id: str | None, now: float,
                 new: bool) -> None:
    """UPDATE the conversation's state, INSERT the row if there was none (or if ``new``)."""
    if not new:
        res = con.execute(_UPDATE_STATE, {"cid": conversation_id, "state": state,
                                          "updated": now})
        if res.rowcount:
            return
    con.execute(_INSERT_CONVERSATION, {"id": conversation_id, "kind": kind,
                                       "datasets": datasets, "state": state,
                                       "key_id": key_id, "created": now, "updated": now})


def conversation_from_row(conversation_id: str, row: dict[str, Any] | None) -> Any:
    """The engine's :class:`~nbdatachat.service.Conversation` stored in a ``conversations``
    row, or a fresh one with this id (no row, no state yet, or a state that no longer
    parses: the engine then starts the conversation afresh, as ``ask`` does)."""
    from ..service import Conversation

    if row is not None and row.get("state"):
        try:
            return Conversation.from_dict(row["state"])
        except Exception:  # a state saved by an older version
            pass
    return Conversation(id=conversation_id)


def conversation_state(conversation: Any) -> dict[str, Any]:
    """A conversation as the JSON the ``state`` column keeps."""
    from ..tools.base import to_jsonable  # pandas-aware; imported only when used

    return to_jsonable(conversation.to_dict())


class SqlConversationStore:
    """The question engine's ``ConversationStore`` (``load``/``save``) over the
    ``conversations`` table: the engine's conversation is kept as its ``to_dict()``."""

    def __init__(self, repo: ConversationRepository) -> None:
        self.repo = repo

    def load(self, conversation_id: str) -> Any:
        row = self.repo.get(conversation_id)
        if row is None or row["state"] is None:
            return None
        from ..service import Conversation

        return Conversation.from_dict(row["state"])

    def save(self, conversation: Any) -> None:
        state = conversation_state(conversation)
        dataset = state.get("dataset")
        self.repo.upsert_state(state["id"], state, kind="chat",
                               datasets=[dataset] if dataset else [])


# ---------------------------------------------------------------------------- threads


class ThreadRepository:
    """Seed 004 threads: a conversation plus the status of its latest run."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def create(self, thread_id: str, dataset: str, key_id: str | None) -> None:
        now = time.time()
        with self.engine.begin() as con:
            con.execute(t.threads.insert().values(id=thread_id, dataset=dataset, run_id=None,
                                                  status="queued", last_error=None,
                                                  key_id=key_id, created=now, updated=now))

    def get(self, thread_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.threads).where(t.threads.c.id == thread_id)).first()
        return dict(row._mapping) if row is not None else None

    def set_status(self, thread_id: str, status: str, *, run_id: str | None = None,
                   last_error: dict[str, Any] | None = None) -> None:
        values: dict[str, Any] = {"status": status, "last_error": last_error,
                                  "updated": time.time()}
        if run_id is not None:
            values["run_id"] = run_id
        with self.engine.begin() as con:
            con.execute(t.threads.update().where(t.threads.c.id == thread_id).values(**values))

    def fail_interrupted(self, reason: str) -> int:
        error = {"code": "run_interrupted", "message": reason}
        with self.engine.begin() as con:
            res = con.execute(t.threads.update()
                              .where(t.threads.c.status.in_(("queued", "in_progress")))
                              .values(status="failed", last_error=error, updated=time.time()))
        return int(res.rowcount or 0)


# ---------------------------------------------------------------------------- results


class ResultRepository:
    """Result tables of completions, addressed by the ``dataFilePath`` the API returns."""

    PATH_PREFIX = "/results/"

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def put(self, *, dataset: str, query: str, columns: list[str], n_rows: int, csv: str,
            suggestion: dict[str, Any] | None = None) -> str:
        rid = new_id("res")
        with self.engine.begin() as con:
            con.execute(t.results.insert().values(id=rid, dataset=dataset, query=query,
                                                  columns=columns, n_rows=n_rows, csv=csv,
                                                  suggestion=suggestion, created=time.time()))
        return f"{self.PATH_PREFIX}{rid}.csv"

    def get_by_path(self, path: str) -> dict[str, Any] | None:
        rid = str(path).strip()
        if rid.startswith(self.PATH_PREFIX):
            rid = rid[len(self.PATH_PREFIX):]
        rid = rid.removesuffix(".csv")
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.results).where(t.results.c.id == rid)).first()
        return dict(row._mapping) if row is not None else None


# ---------------------------------------------------------------------------- dashboards


class DashboardRepository:
    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def create(self, *, name: str, conversation_id: str, charts: list[dict[str, Any]],
               key_id: str | None) -> dict[str, Any]:
        values = {"id": new_id("dash"), "name": name, "conversation_id": conversation_id,
                  "charts": charts, "key_id": key_id, "created": time.time()}
        with self.engine.begin() as con:
            con.execute(t.dashboards.insert().values(**values))
        return values

    def get(self, dashboard_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.dashboards)
                              .where(t.dashboards.c.id == dashboard_id)).first()
        return dict(row._mapping) if row is not None else None

    def list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as con:
            rows = con.execute(sa.select(t.dashboards).order_by(t.dashboards.c.created)).all()
        return [dict(r._mapping) for r in rows]


# ---------------------------------------------------------------------------- datasets


class DatasetRepository:
    """The persisted registry of datasets added through the API or ``serve --dataset``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def upsert(self, *, name: str, kind: str, location: str, table_name: str | None = None,
               description: str = "", project: str = "Default",
               created_by: str | None = None) -> dict[str, Any]:
        now = time.time()
        with self.engine.begin() as con:
            old = con.execute(sa.select(t.datasets.c.created)
                              .where(t.datasets.c.name == name)).first()
            values = {"kind": kind, "location": location, "table_name": table_name,
                      "description": description, "project": project,
                      "created_by": created_by, "modified": now}
            if old is None:
                con.execute(t.datasets.insert().values(name=name, created=now, **values))
                created = now
            else:
                con.execute(t.datasets.update().where(t.datasets.c.name == name)
                            .values(**values))
                created = old.created
        return {"name": name, "created": created, **values}

    def list(self) -> list[dict[str, Any]]:
        with self.engine.connect() as con:
            rows = con.execute(sa.select(t.datasets).order_by(t.datasets.c.created)).all()
        return [dict(r._mapping) for r in rows]

    def get(self, name: str) -> dict[str, Any] | None:
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.datasets).where(t.datasets.c.name == name)).first()
        return dict(row._mapping) if row is not None else None

    def delete(self, name: str) -> bool:
        with self.engine.begin() as con:
            res = con.execute(t.datasets.delete().where(t.datasets.c.name == name))
        return bool(res.rowcount)
