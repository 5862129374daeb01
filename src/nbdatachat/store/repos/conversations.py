"""Conversations (analytics chat, completions, threads) and their messages, and the
question engine's ``ConversationStore`` over them."""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa

from ...errors import NotFound
from .. import schema as t
from .ids import new_id


class ConversationRepository:
    """Conversations (analytics chat, completions and threads) and their messages."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def create(self, *, kind: str, datasets: list[str], key_id: str | None = None,
               conversation_id: str | None = None, tenant: str | None = None) -> str:
        cid = conversation_id or new_id("conv" if kind == "chat" else kind)
        now = time.time()
        with self.engine.begin() as con:
            con.execute(t.conversations.insert().values(
                id=cid, kind=kind, datasets=list(datasets), state=None, key_id=key_id,
                tenant=tenant,
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

    def upsert_state(self, conversation_id: str, state: dict[str, Any], *, kind: str,
                     datasets: list[str], key_id: str | None = None,
                     tenant: str | None = None) -> None:
        """Save a conversation's engine state, creating the row if needed (one transaction)."""
        with self.engine.begin() as con:
            _write_state(con, conversation_id, state, kind=kind, datasets=datasets,
                         key_id=key_id, now=time.time(), new=False, tenant=tenant)

    def save_turn(self, conversation_id: str, state: dict[str, Any],
                  items: list[tuple[str, str, dict[str, Any] | None]], *, kind: str,
                  datasets: list[str], key_id: str | None = None, new: bool = False,
                  tenant: str | None = None) -> list[str]:
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
                         key_id=key_id, now=now, new=new, tenant=tenant)
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
                 new: bool, tenant: str | None = None) -> None:
    """UPDATE the conversation's state, INSERT the row if there was none (or if ``new``)."""
    if not new:
        res = con.execute(_UPDATE_STATE, {"cid": conversation_id, "state": state,
                                          "updated": now})
        if res.rowcount:
            return
    con.execute(_INSERT_CONVERSATION, {"id": conversation_id, "kind": kind,
                                       "datasets": datasets, "state": state,
                                       "key_id": key_id, "tenant": tenant, "created": now,
                                       "updated": now})


class SqlConversationStore:
    """The engine's conversation states (``load_state``/``save_state``: the JSON of
    ``Conversation.to_dict()``) in the ``conversations`` table; the service layer's
    ``StoredConversations`` makes it a ``ConversationStore``. With a ``tenant``,
    conversations of other tenants look absent and new ones are stamped with it."""

    def __init__(self, repo: ConversationRepository, tenant: str | None = None) -> None:
        self.repo = repo
        self.tenant = tenant

    def for_tenant(self, tenant: str) -> "SqlConversationStore":
        return SqlConversationStore(self.repo, tenant)

    def load_state(self, conversation_id: str) -> dict[str, Any] | None:
        row = self.repo.get(conversation_id)
        if row is None or row["state"] is None or (
                self.tenant is not None and row.get("tenant") != self.tenant):
            return None
        return row["state"]

    def save_state(self, state: dict[str, Any]) -> None:
        dataset = state.get("dataset")
        if self.tenant is not None:
            row = self.repo.get(state["id"])
            if row is not None and row.get("tenant") != self.tenant:
                raise NotFound(f"No conversation {state['id']!r}.",
                               details={"conversationId": state["id"]})
        self.repo.upsert_state(state["id"], state, kind="chat",
                               datasets=[dataset] if dataset else [], tenant=self.tenant)
