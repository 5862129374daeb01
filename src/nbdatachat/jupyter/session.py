"""What the notebook surfaces share: which data a question is about, and its conversation.

``%%ask`` with no data argument continues with the data the previous ``%%ask`` used, or the
only DataFrame in the namespace; follow-ups continue that data's conversation until ``--new``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InvalidRequest


def namespace_frames(namespace: dict[str, Any]) -> list[str]:
    """Names of the user's DataFrames (IPython's own ``_``/``Out`` entries excluded)."""
    import pandas as pd

    return sorted(k for k, v in namespace.items()
                  if not k.startswith("_") and isinstance(v, pd.DataFrame))


def _kb_instance(value: Any, module: str, cls: str) -> bool:
    import sys

    mod = sys.modules.get(module)  # never imported just to check
    return mod is not None and isinstance(value, getattr(mod, cls))


def _is_knowledge_base(value: Any) -> bool:
    return _kb_instance(value, "nbdatachat.kb.knowledge_base", "KnowledgeBase")


def is_kb_answer(value: Any) -> bool:
    """A knowledge-base answer (shown with its sources rather than as a data card)."""
    return _kb_instance(value, "nbdatachat.kb.answer", "KBAnswer")


class NotebookSession:
    """Per-kernel state of the notebook surfaces."""

    def __init__(self, namespace: dict[str, Any], *, db_url: str = "") -> None:
        self.namespace = namespace
        self.db_url = db_url
        self._store: Any = None
        self.last_data: str | None = None
        self.conversations: dict[str, str] = {}

    def resolve(self, name: str | None) -> tuple[str, Any]:
        """The data a question is about, as ``(key, source for nbdatachat.ask)``."""
        from ..data import default_catalog

        catalog = default_catalog()
        if name:
            if name in self.namespace:
                return name, self.namespace[name]
            if name in catalog:
                return name, name
            path = Path(name).expanduser()
            if path.exists():
                return str(path), str(path)
            frames = namespace_frames(self.namespace)
            raise InvalidRequest(
                f"No variable, file or dataset named {name!r}. DataFrames in this notebook: "
                f"{', '.join(frames) or 'none'}; catalog datasets: {', '.join(catalog.names())}.",
                details={"data": name, "dataframes": frames, "datasets": catalog.names()})
        if self.last_data is not None:
            try:
                return self.resolve(self.last_data)
            except InvalidRequest:
                self.last_data = None
        frames = namespace_frames(self.namespace)
        if len(frames) == 1:
            return frames[0], self.namespace[frames[0]]
        if not frames:
            raise InvalidRequest(
                "Which data? There is no DataFrame in this notebook yet. Name one after the "
                "magic (%%ask df), a CSV/Parquet path, or a dataset: "
                f"{', '.join(catalog.names())}.", details={"datasets": catalog.names()})
        raise InvalidRequest(
            f"Which data? This notebook has several DataFrames: {', '.join(frames)}. Name one "
            f"after the magic, e.g. %%ask {frames[0]}.", details={"dataframes": frames})

    def ask(self, name: str | None, question: str, *, new: bool = False,
            planner: Any = None) -> Any:
        from ..service import ask

        key, source = self.resolve(name)
        if _is_knowledge_base(source):  # %%ask kb: answered from its sources, no data query
            self.last_data = key
            return source.ask(question)
        if new:
            self.conversations.pop(key, None)
        conversation = self.conversations.get(key)
        answer = ask(source, question, conversation=conversation, store=self.store,
                     planner=planner)
        if not isinstance(source, str):  # a DataFrame: the answer names the notebook variable
            answer.dataset = key
        if answer.conversation_id:
            self.conversations[key] = answer.conversation_id
        self.last_data = key
        return answer

    def preview(self, name: str | None, question: str, settings: Any = None) -> Any:
        """What ``question`` would send to the model (``%nbdatachat llm-preview``)."""
        from ..llm.preview import preview
        from ..service.conversation import default_store

        key, source = self.resolve(name)
        conversation = None
        cid = self.conversations.get(key)
        if cid:
            conversation = (self.store or default_store()).load(cid)
        return preview(source, question, settings=settings, conversation=conversation)

    @property
    def store(self) -> Any:
        """Where conversations live: the database at ``db_url`` (so they survive a kernel
        restart), else the engine's in-memory default (None)."""
        if self.db_url and self._store is None:
            from ..service import StoredConversations
            from ..store import Store

            self._store = StoredConversations(Store(self.db_url).conversation_store)
        return self._store

    def reset(self, name: str | None = None) -> list[str]:
        """Forget the conversation for ``name`` (all when None); returns what was reset."""
        if name is None:
            reset = list(self.conversations)
            self.conversations.clear()
            return reset
        return [name] if self.conversations.pop(name, None) is not None else []
