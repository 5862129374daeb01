"""``SqlKBStore``: the knowledge-base store (:class:`nbdatachat.kb.KBStore`) on the server's
SQLAlchemy database, so chatbots, their sources, conversations, leads and traffic live in the
same SQLite file (or PostgreSQL database) as keys, jobs and threads.

Every method is one transaction: ``replace_sources`` upserts and deletes together, and
``delete_chatbot`` removes the chatbot with everything it owns, so a crash leaves either the
old or the new state.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from . import schema as t


def _upsert(con: sa.Connection, table: sa.Table, keys: dict[str, Any],
            values: dict[str, Any], on_update: dict[str, Any] | None = None) -> None:
    """UPDATE by primary key, INSERT if nothing matched (portable across SQLite/PostgreSQL)."""
    where = sa.and_(*(table.c[k] == v for k, v in keys.items()))
    done = con.execute(sa.update(table).where(where).values(**(on_update or values)))
    if done.rowcount == 0:
        con.execute(sa.insert(table).values(**keys, **values))


class SqlKBStore:
    """Knowledge bases in the server's database (tables ``kb_*`` of ``store.schema``)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # ------------------------------------------------------------------ chatbots

    def save_chatbot(self, record: dict[str, Any]) -> None:
        with self.engine.begin() as con:
            _upsert(con, t.kb_chatbots, {"chatbot_id": record["chatbotId"]},
                    {"created_at": float(record.get("createdAt") or 0), "record": record,
                     "tenant": record.get("tenant")},
                    on_update={"record": record, "tenant": record.get("tenant")})

    def get_chatbot(self, chatbot_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.kb_chatbots.c.record).where(
                t.kb_chatbots.c.chatbot_id == chatbot_id)).first()
        return row[0] if row else None

    def list_chatbots(self) -> list[dict[str, Any]]:
        with self.engine.connect() as con:
            rows = con.execute(sa.select(t.kb_chatbots.c.record).order_by(
                t.kb_chatbots.c.created_at, t.kb_chatbots.c.chatbot_id)).all()
        return [r[0] for r in rows]

    def delete_chatbot(self, chatbot_id: str) -> bool:
        with self.engine.begin() as con:
            for table in (t.kb_sources, t.kb_conversations, t.kb_records):
                con.execute(sa.delete(table).where(table.c.chatbot_id == chatbot_id))
            gone = con.execute(sa.delete(t.kb_chatbots).where(
                t.kb_chatbots.c.chatbot_id == chatbot_id))
        return gone.rowcount > 0

    # ------------------------------------------------------------------ sources

    def load_sources(self, chatbot_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as con:
            rows = con.execute(sa.select(t.kb_sources.c.record).where(
                t.kb_sources.c.chatbot_id == chatbot_id).order_by(t.kb_sources.c.seq)).all()
        return [r[0] for r in rows]

    def replace_sources(self, chatbot_id: str, upsert: Sequence[dict[str, Any]],
                        delete: Sequence[str]) -> None:
        s = t.kb_sources
        with self.engine.begin() as con:
            seq = con.execute(sa.select(sa.func.coalesce(sa.func.max(s.c.seq), 0)).where(
                s.c.chatbot_id == chatbot_id)).scalar_one()
            ids = [*delete, *(r["id"] for r in upsert)]
            if ids:
                con.execute(sa.delete(s).where(s.c.chatbot_id == chatbot_id,
                                               s.c.source_id.in_(ids)))
            if upsert:
                con.execute(sa.insert(s), [
                    {"chatbot_id": chatbot_id, "source_id": r["id"], "seq": seq + i + 1,
                     "record": r} for i, r in enumerate(upsert)])

    # ------------------------------------------------------------------ conversations

    def save_conversation(self, record: dict[str, Any]) -> None:
        with self.engine.begin() as con:
            _upsert(con, t.kb_conversations, {"conversation_id": record["conversationId"]},
                    {"chatbot_id": record["chatbotId"],
                     "created_at": float(record.get("createdAt") or 0), "record": record},
                    on_update={"record": record})

    def get_conversation(self, conversation_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as con:
            row = con.execute(sa.select(t.kb_conversations.c.record).where(
                t.kb_conversations.c.conversation_id == conversation_id)).first()
        return row[0] if row else None

    def list_conversations(self, chatbot_id: str) -> list[dict[str, Any]]:
        c = t.kb_conversations
        with self.engine.connect() as con:
            rows = con.execute(sa.select(c.c.record).where(c.c.chatbot_id == chatbot_id)
                               .order_by(c.c.created_at)).all()
        return [r[0] for r in rows]

    def delete_conversation(self, chatbot_id: str, conversation_id: str) -> bool:
        c = t.kb_conversations
        with self.engine.begin() as con:
            gone = con.execute(sa.delete(c).where(c.c.conversation_id == conversation_id,
                                                  c.c.chatbot_id == chatbot_id))
        return gone.rowcount > 0

    # ------------------------------------------------------------------ leads, traffic

    def put_record(self, kind: str, chatbot_id: str, key: str,
                   record: dict[str, Any]) -> None:
        with self.engine.begin() as con:
            _upsert(con, t.kb_records, {"kind": kind, "chatbot_id": chatbot_id,
                                        "record_key": key},
                    {"created_at": float(record.get("createdAt") or 0), "record": record},
                    on_update={"record": record})

    def list_records(self, kind: str, chatbot_id: str) -> list[dict[str, Any]]:
        r = t.kb_records
        with self.engine.connect() as con:
            rows = con.execute(sa.select(r.c.record).where(
                r.c.kind == kind, r.c.chatbot_id == chatbot_id).order_by(
                r.c.created_at, r.c.record_key)).all()
        return [row[0] for row in rows]


__all__ = ["SqlKBStore"]
