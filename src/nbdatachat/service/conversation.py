"""Conversations: the turns of a chat, so a follow-up can change the previous plan.

A :class:`Conversation` is plain data (id, dataset name, turns with the question, the plan as
JSON and the answer text), so the HTTP server can persist it in a database through the
:class:`ConversationStore` protocol. The default store keeps the latest conversations in
memory.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..planner.plan import Plan


@dataclass
class Turn:
    question: str
    status: str
    text: str
    plan: dict[str, Any] | None = None  # Plan.to_dict()
    at: float = field(default_factory=time.time)


@dataclass
class Conversation:
    id: str = field(default_factory=lambda: "conv_" + uuid.uuid4().hex[:16])
    dataset: str | None = None
    turns: list[Turn] = field(default_factory=list)
    created: float = field(default_factory=time.time)

    def last_plan(self) -> Plan | None:
        """The plan of the latest answered turn (what a follow-up modifies)."""
        for turn in reversed(self.turns):
            if turn.plan and turn.status == "answered":
                try:
                    return Plan.from_dict(turn.plan)
                except Exception:  # a stored plan from an older version: start afresh
                    return None
        return None

    def add(self, turn: Turn) -> None:
        self.turns.append(turn)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Conversation":
        turns = [t if isinstance(t, Turn) else Turn(**t) for t in data.get("turns", [])]
        return cls(id=data["id"], dataset=data.get("dataset"), turns=turns,
                   created=data.get("created", time.time()))


@runtime_checkable
class ConversationStore(Protocol):
    def load(self, conversation_id: str) -> Conversation | None: ...

    def save(self, conversation: Conversation) -> None: ...


class MemoryConversationStore:
    """Keeps the ``max_size`` most recently used conversations in memory (thread-safe)."""

    def __init__(self, max_size: int = 1000) -> None:
        self._items: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()
        self.max_size = max_size

    def load(self, conversation_id: str) -> Conversation | None:
        with self._lock:
            conv = self._items.get(conversation_id)
            if conv is not None:
                self._items.move_to_end(conversation_id)
            return conv

    def save(self, conversation: Conversation) -> None:
        with self._lock:
            self._items[conversation.id] = conversation
            self._items.move_to_end(conversation.id)
            while len(self._items) > self.max_size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class ConversationRecords(Protocol):
    """Where a database keeps conversations as plain JSON states (``Conversation.to_dict()``);
    :class:`StoredConversations` turns it into a :class:`ConversationStore`. The store layer
    implements it (``nbdatachat.store``) without knowing what a conversation is."""

    def load_state(self, conversation_id: str) -> dict[str, Any] | None: ...

    def save_state(self, state: dict[str, Any]) -> None: ...


def conversation_state(conversation: Conversation) -> dict[str, Any]:
    """A conversation as the JSON a database keeps."""
    from ..jsonable import to_jsonable

    return to_jsonable(conversation.to_dict())


def restore_conversation(conversation_id: str, state: dict[str, Any] | None) -> Conversation:
    """The conversation kept as ``state``, or a fresh one with this id (no state yet, or a
    state that no longer parses: the engine then starts the conversation afresh)."""
    if state:
        try:
            return Conversation.from_dict(state)
        except Exception:  # a state saved by an older version
            pass
    return Conversation(id=conversation_id)


class StoredConversations:
    """A :class:`ConversationStore` over :class:`ConversationRecords` (e.g. the database's
    ``Store(url).conversation_store``), so conversations survive a restart."""

    def __init__(self, records: ConversationRecords) -> None:
        self.records = records

    def load(self, conversation_id: str) -> Conversation | None:
        state = self.records.load_state(conversation_id)
        return None if state is None else Conversation.from_dict(state)

    def save(self, conversation: Conversation) -> None:
        self.records.save_state(conversation_state(conversation))


_default_store = MemoryConversationStore()


def default_store() -> MemoryConversationStore:
    return _default_store


__all__ = ["Conversation", "ConversationRecords", "ConversationStore",
           "MemoryConversationStore", "StoredConversations", "Turn", "conversation_state",
           "default_store", "restore_conversation"]
