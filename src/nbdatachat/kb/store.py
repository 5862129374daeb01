"""Persistence for knowledge bases: a small protocol with in-memory and SQLite stores.

The service keeps chatbot records (settings + training state, webhooks), their sources (full
text, from which the index is rebuilt deterministically on load), conversations, and keyed
per-chatbot records of other kinds (``"lead"``: collected customers, ``"event"``: chat
traffic for the analysis endpoint), which outlive the conversations they came from. The HTTP
server can plug in its own store (e.g. on its SQLAlchemy database) by implementing
:class:`KBStore`; :class:`SQLiteKBStore` is the default on disk (stdlib ``sqlite3``, WAL).
Every method is a single transaction: ``replace_sources`` upserts and deletes together, so
a crash mid-retrain leaves either the old or the new set of sources.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol


class KBStore(Protocol):
    def save_chatbot(self, record: dict[str, Any]) -> None: ...
    def get_chatbot(self, chatbot_id: str) -> dict[str, Any] | None: ...
    def list_chatbots(self) -> list[dict[str, Any]]: ...
    def delete_chatbot(self, chatbot_id: str) -> bool:
        """Delete the chatbot and everything it owns (sources, conversations)."""
        ...
    def load_sources(self, chatbot_id: str) -> list[dict[str, Any]]: ...
    def replace_sources(self, chatbot_id: str, upsert: Sequence[dict[str, Any]],
                        delete: Sequence[str]) -> None: ...
    def save_conversation(self, record: dict[str, Any]) -> None: ...
    def get_conversation(self, conversation_id: str) -> dict[str, Any] | None: ...
    def list_conversations(self, chatbot_id: str) -> list[dict[str, Any]]: ...
    def delete_conversation(self, chatbot_id: str, conversation_id: str) -> bool: ...
    def put_record(self, kind: str, chatbot_id: str, key: str,
                   record: dict[str, Any]) -> None:
        """Insert or replace the ``kind`` record ``key`` of a chatbot."""
        ...
    def list_records(self, kind: str, chatbot_id: str) -> list[dict[str, Any]]:
        """A chatbot's ``kind`` records, oldest first (by ``createdAt``)."""
        ...


class MemoryKBStore:
    """Everything in dicts (deep-copied in and out, like a database would)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._chatbots: dict[str, dict[str, Any]] = {}
        self._sources: dict[str, dict[str, dict[str, Any]]] = {}
        self._conversations: dict[str, dict[str, Any]] = {}
        self._records: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}

    def save_chatbot(self, record: dict[str, Any]) -> None:
        with self._lock:
            self._chatbots[record["chatbotId"]] = copy.deepcopy(record)
            self._sources.setdefault(record["chatbotId"], {})

    def get_chatbot(self, chatbot_id: str) -> dict[str, Any] | None:
        with self._lock:
            rec = self._chatbots.get(chatbot_id)
            return copy.deepcopy(rec) if rec is not None else None

    def list_chatbots(self) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(r) for r in sorted(self._chatbots.values(),
                                                      key=lambda r: r.get("createdAt", 0))]

    def delete_chatbot(self, chatbot_id: str) -> bool:
        with self._lock:
            existed = self._chatbots.pop(chatbot_id, None) is not None
            self._sources.pop(chatbot_id, None)
            for cid in [c for c, r in self._conversations.items()
                        if r.get("chatbotId") == chatbot_id]:
                del self._conversations[cid]
            for k in [k for k in self._records if k[1] == chatbot_id]:
                del self._records[k]
            return existed

    def load_sources(self, chatbot_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(r) for r in self._sources.get(chatbot_id, {}).values()]

    def replace_sources(self, chatbot_id: str, upsert: Sequence[dict[str, Any]],
                        delete: Sequence[str]) -> None:
        with self._lock:
            current = dict(self._sources.get(chatbot_id, {}))
            for sid in delete:
                current.pop(sid, None)
            for rec in upsert:
                current.pop(rec["id"], None)
                current[rec["id"]] = copy.deepcopy(rec)
            self._sources[chatbot_id] = current

    def save_conversation(self, record: dict[str, Any]) -> None:
        with self._lock:
            self._conversations[record["conversationId"]] = copy.deepcopy(record)

    def get_conversation(self, conversation_id: str) -> dict[str, Any] | None:
        with self._lock:
            rec = self._conversations.get(conversation_id)
            return copy.deepcopy(rec) if rec is not None else None

    def list_conversations(self, chatbot_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(r) for r in self._conversations.values()
                    if r.get("chatbotId") == chatbot_id]

    def delete_conversation(self, chatbot_id: str, conversation_id: str) -> bool:
        with self._lock:
            rec = self._conversations.get(conversation_id)
            if rec is None or rec.get("chatbotId") != chatbot_id:
                return False
            del self._conversations[conversation_id]
            return True

    def put_record(self, kind: str, chatbot_id: str, key: str,
                   record: dict[str, Any]) -> None:
        with self._lock:
            self._records.setdefault((kind, chatbot_id), {})[key] = copy.deepcopy(record)

    def list_records(self, kind: str, chatbot_id: str) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._records.get((kind, chatbot_id), {}).values()
            return [copy.deepcopy(r) for r in sorted(rows, key=lambda r: r.get("createdAt", 0))]


class TenantKBStore:
    """One tenant's view of a :class:`KBStore` (the server's accounts): it sees and writes
    only its own chatbots and what they own, so another tenant's chatbot, conversation,
    lead or source looks absent (the API answers 404). Chatbot records carry the owner in
    their ``tenant`` field, stamped on every save whatever the record says; records from
    before tenants existed are seen by ``admin`` views only."""

    def __init__(self, inner: KBStore, tenant: str, *, admin: bool = False) -> None:
        self.inner = inner
        self.tenant = tenant
        self.admin = admin

    def _mine(self, record: dict[str, Any] | None) -> bool:
        if record is None:
            return False
        owner = record.get("tenant")
        return owner == self.tenant or (owner is None and self.admin)

    def _owns(self, chatbot_id: str) -> bool:
        return self._mine(self.inner.get_chatbot(chatbot_id))

    def _require(self, chatbot_id: str) -> None:
        if not self._owns(chatbot_id):
            from .errors import ChatbotNotFound

            raise ChatbotNotFound(f"No chatbot with id {chatbot_id!r}.",
                                  details={"chatbotId": chatbot_id})

    def save_chatbot(self, record: dict[str, Any]) -> None:
        existing = self.inner.get_chatbot(record["chatbotId"])
        if existing is not None and not self._mine(existing):
            self._require(record["chatbotId"])
        self.inner.save_chatbot({**record, "tenant": self.tenant if existing is None
                                 or existing.get("tenant") is not None else None})

    def get_chatbot(self, chatbot_id: str) -> dict[str, Any] | None:
        record = self.inner.get_chatbot(chatbot_id)
        return record if self._mine(record) else None

    def list_chatbots(self) -> list[dict[str, Any]]:
        return [r for r in self.inner.list_chatbots() if self._mine(r)]

    def delete_chatbot(self, chatbot_id: str) -> bool:
        return self._owns(chatbot_id) and self.inner.delete_chatbot(chatbot_id)

    def load_sources(self, chatbot_id: str) -> list[dict[str, Any]]:
        return self.inner.load_sources(chatbot_id) if self._owns(chatbot_id) else []

    def replace_sources(self, chatbot_id: str, upsert: Sequence[dict[str, Any]],
                        delete: Sequence[str]) -> None:
        self._require(chatbot_id)
        self.inner.replace_sources(chatbot_id, upsert, delete)

    def save_conversation(self, record: dict[str, Any]) -> None:
        self._require(record["chatbotId"])
        existing = self.inner.get_conversation(record["conversationId"])
        if existing is not None and existing.get("chatbotId") != record["chatbotId"]:
            from ..errors import Conflict

            raise Conflict(f"conversationId {record['conversationId']!r} is taken; omit it to "
                           f"start a new conversation.",
                           details={"conversationId": record["conversationId"]})
        self.inner.save_conversation(record)

    def get_conversation(self, conversation_id: str) -> dict[str, Any] | None:
        record = self.inner.get_conversation(conversation_id)
        if record is None or not self._owns(record.get("chatbotId", "")):
            return None
        return record

    def list_conversations(self, chatbot_id: str) -> list[dict[str, Any]]:
        return self.inner.list_conversations(chatbot_id) if self._owns(chatbot_id) else []

    def delete_conversation(self, chatbot_id: str, conversation_id: str) -> bool:
        return self._owns(chatbot_id) and self.inner.delete_conversation(chatbot_id,
                                                                         conversation_id)

    def put_record(self, kind: str, chatbot_id: str, key: str,
                   record: dict[str, Any]) -> None:
        self._require(chatbot_id)
        self.inner.put_record(kind, chatbot_id, key, record)

    def list_records(self, kind: str, chatbot_id: str) -> list[dict[str, Any]]:
        return self.inner.list_records(kind, chatbot_id) if self._owns(chatbot_id) else []


_SCHEMA = """
CREATE TABLE IF NOT EXISTS kb_chatbots (
    chatbot_id TEXT PRIMARY KEY, created_at REAL NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kb_sources (
    chatbot_id TEXT NOT NULL, source_id TEXT NOT NULL, seq INTEGER NOT NULL,
    record TEXT NOT NULL, PRIMARY KEY (chatbot_id, source_id));
CREATE TABLE IF NOT EXISTS kb_conversations (
    conversation_id TEXT PRIMARY KEY, chatbot_id TEXT NOT NULL, created_at REAL NOT NULL,
    record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS kb_conversations_bot ON kb_conversations (chatbot_id, created_at);
CREATE TABLE IF NOT EXISTS kb_records (
    kind TEXT NOT NULL, chatbot_id TEXT NOT NULL, record_key TEXT NOT NULL,
    created_at REAL NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (kind, chatbot_id, record_key));
"""


class SQLiteKBStore:
    """Knowledge bases in one SQLite file (``":memory:"`` for a throwaway database)."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        if str(path) != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        self._lock = threading.Lock()
        self._con = sqlite3.connect(self.path, check_same_thread=False, timeout=30,
                                    isolation_level=None)
        if self.path != ":memory:":
            self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA busy_timeout=30000")
        self._con.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def _tx(self, statements: Sequence[tuple[str, tuple[Any, ...]]]) -> None:
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    self._con.execute(sql, params)
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            self._con.execute("COMMIT")

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, params).fetchall()

    def save_chatbot(self, record: dict[str, Any]) -> None:
        self._tx([("INSERT INTO kb_chatbots (chatbot_id, created_at, record) VALUES (?, ?, ?) "
                   "ON CONFLICT(chatbot_id) DO UPDATE SET record = excluded.record",
                   (record["chatbotId"], float(record.get("createdAt") or 0),
                    json.dumps(record)))])

    def get_chatbot(self, chatbot_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT record FROM kb_chatbots WHERE chatbot_id = ?", (chatbot_id,))
        return json.loads(rows[0][0]) if rows else None

    def list_chatbots(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in
                self._rows("SELECT record FROM kb_chatbots ORDER BY created_at, chatbot_id")]

    def delete_chatbot(self, chatbot_id: str) -> bool:
        existed = self.get_chatbot(chatbot_id) is not None
        self._tx([("DELETE FROM kb_sources WHERE chatbot_id = ?", (chatbot_id,)),
                  ("DELETE FROM kb_conversations WHERE chatbot_id = ?", (chatbot_id,)),
                  ("DELETE FROM kb_records WHERE chatbot_id = ?", (chatbot_id,)),
                  ("DELETE FROM kb_chatbots WHERE chatbot_id = ?", (chatbot_id,))])
        return existed

    def load_sources(self, chatbot_id: str) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self._rows(
            "SELECT record FROM kb_sources WHERE chatbot_id = ? ORDER BY seq", (chatbot_id,))]

    def replace_sources(self, chatbot_id: str, upsert: Sequence[dict[str, Any]],
                        delete: Sequence[str]) -> None:
        seq = self._rows("SELECT COALESCE(MAX(seq), 0) FROM kb_sources WHERE chatbot_id = ?",
                         (chatbot_id,))[0][0]
        statements: list[tuple[str, tuple[Any, ...]]] = [
            ("DELETE FROM kb_sources WHERE chatbot_id = ? AND source_id = ?", (chatbot_id, sid))
            for sid in [*delete, *(r["id"] for r in upsert)]]
        statements += [("INSERT INTO kb_sources (chatbot_id, source_id, seq, record) "
                        "VALUES (?, ?, ?, ?)", (chatbot_id, r["id"], seq + i + 1, json.dumps(r)))
                       for i, r in enumerate(upsert)]
        self._tx(statements)

    def save_conversation(self, record: dict[str, Any]) -> None:
        self._tx([("INSERT INTO kb_conversations (conversation_id, chatbot_id, created_at, "
                   "record) VALUES (?, ?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE SET "
                   "record = excluded.record",
                   (record["conversationId"], record["chatbotId"],
                    float(record.get("createdAt") or 0), json.dumps(record)))])

    def get_conversation(self, conversation_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT record FROM kb_conversations WHERE conversation_id = ?",
                          (conversation_id,))
        return json.loads(rows[0][0]) if rows else None

    def list_conversations(self, chatbot_id: str) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self._rows(
            "SELECT record FROM kb_conversations WHERE chatbot_id = ? ORDER BY created_at",
            (chatbot_id,))]

    def delete_conversation(self, chatbot_id: str, conversation_id: str) -> bool:
        rows = self._rows("SELECT 1 FROM kb_conversations WHERE conversation_id = ? AND "
                          "chatbot_id = ?", (conversation_id, chatbot_id))
        if not rows:
            return False
        self._tx([("DELETE FROM kb_conversations WHERE conversation_id = ?",
                   (conversation_id,))])
        return True

    def put_record(self, kind: str, chatbot_id: str, key: str,
                   record: dict[str, Any]) -> None:
        self._tx([("INSERT INTO kb_records (kind, chatbot_id, record_key, created_at, record) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT(kind, chatbot_id, record_key) DO UPDATE "
                   "SET record = excluded.record",
                   (kind, chatbot_id, key, float(record.get("createdAt") or 0),
                    json.dumps(record)))])

    def list_records(self, kind: str, chatbot_id: str) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self._rows(
            "SELECT record FROM kb_records WHERE kind = ? AND chatbot_id = ? "
            "ORDER BY created_at, record_key", (kind, chatbot_id))]


__all__ = ["KBStore", "MemoryKBStore", "SQLiteKBStore", "TenantKBStore"]
