"""The knowledge-base service: its state and the chatbot lookup every operation starts
with; the operations themselves live in the sibling modules, one per group of endpoints."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import ChatbotNotFound
from ..fetch import UrlPolicy
from ..index import Embedder
from ..knowledge_base import KnowledgeBase, Limits
from ..sources import Source
from ..store import KBStore, MemoryKBStore
from ..usage import Plan
from ..webhooks import WebhookDispatcher
from .account import AccountOps
from .chat import ChatOps
from .chatbots import ChatbotOps
from .common import _Training
from .engagement import EngagementOps
from .files import FileOps, IconOps
from .training import TrainingOps


class KnowledgeBaseService(TrainingOps, ChatbotOps, ChatOps, AccountOps, EngagementOps,
                           FileOps, IconOps):
    """Chatbots (knowledge bases) with settings, training, chat and retrieval.

    ``store`` persists records, sources and conversations (default: in memory; pass
    ``SQLiteKBStore(path)`` to keep them). ``plan`` caps chatbots, credits and characters
    (``limits``, the per-chatbot character limits, default to the plan's); ``url_policy``
    says which hosts URL training and webhook deliveries may reach (private ranges need an
    explicit allow-list). ``file_url_prefix`` is where uploaded files are said to live (the
    server sets it to its own URL); with ``files_dir`` the uploaded bytes are kept there.
    Training state is also stored (kind ``"training"`` records) with a lease of
    ``lease_secs`` that a heartbeat renews, so every process reports the same progress and a
    training whose process died is reported failed once its lease runs out.
    """

    def __init__(self, store: KBStore | None = None, *, limits: Limits | None = None,
                 url_policy: UrlPolicy | None = None, background: bool = True,
                 max_workers: int = 2, embedder: Embedder | None = None,
                 file_url_prefix: str = "nbdatachat://files", plan: Plan | None = None,
                 webhooks: WebhookDispatcher | None = None,
                 files_dir: str | Path | None = None, lease_secs: float = 30.0,
                 file_secret: bytes | None = None) -> None:
        self.store: KBStore = store if store is not None else MemoryKBStore()
        self.plan = plan or Plan()
        self.limits = limits or (plan.limits() if plan is not None else Limits())
        self.url_policy = url_policy or UrlPolicy.from_env()
        self._webhooks = webhooks
        self.files_dir = Path(files_dir).expanduser() if files_dir is not None else None
        self.background = background
        self.embedder = embedder
        self.file_url_prefix = file_url_prefix.rstrip("/")
        self._executor = ThreadPoolExecutor(max_workers=max_workers,
                                            thread_name_prefix="nbdc-kb")
        self._kbs: dict[str, KnowledgeBase] = {}
        self._training: dict[str, _Training] = {}
        self._versions: dict[str, str | None] = {}
        self._credits: tuple[int, int] | None = None  # (month start ms, credits used)
        self._lock = threading.RLock()
        self.lease_secs = lease_secs
        self.file_secret = file_secret  # signs file links (SAS tokens)
        #: ``(messages) -> (query or None, usage)``: a model's standalone search query for a
        #: follow-up (see :mod:`nbdatachat.llm.retrieval`); None searches with the message.
        self.query_rewriter: Any = None
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    @property
    def webhooks(self) -> WebhookDispatcher:
        """The dispatcher delivering webhook events (created on first use)."""
        with self._lock:
            if self._webhooks is None:
                self._webhooks = WebhookDispatcher(self.url_policy)
            return self._webhooks

    def close(self) -> None:
        self._stop.set()
        self._executor.shutdown(wait=True)
        if self._webhooks is not None:
            self._webhooks.close()

    # ------------------------------------------------------------------ internals

    def _record(self, chatbot_id: str) -> dict[str, Any]:
        record = self.store.get_chatbot(chatbot_id) if isinstance(chatbot_id, str) else None
        if record is None:
            raise ChatbotNotFound(f"No chatbot with id {chatbot_id!r}. List yours with "
                                  f"GET /api/v2/get-chatbots.",
                                  details={"chatbotId": chatbot_id})
        return record

    def knowledge_base(self, chatbot_id: str, record: dict[str, Any] | None = None
                       ) -> KnowledgeBase:
        """The chatbot's :class:`KnowledgeBase`, rebuilt from stored sources on first use
        and when another process (a second server worker) trained it since."""
        with self._lock:
            kb = self._kbs.get(chatbot_id)
            job = self._training.get(chatbot_id)
            if kb is not None and (job is not None and job.state == "training"):
                return kb
            record = record if record is not None else self._record(chatbot_id)
            version = record.get("trainedVersion")
            if kb is not None and self._versions.get(chatbot_id) == version:
                return kb
            sources = [Source.from_record(r) for r in self.store.load_sources(chatbot_id)]
            kb = KnowledgeBase.from_sources(sources, name=record.get("chatbotName", ""),
                                            limits=self.limits, url_policy=self.url_policy,
                                            embedder=self.embedder)
            self._kbs[chatbot_id] = kb
            self._versions[chatbot_id] = version
            return kb

    def _usage(self, kb: KnowledgeBase, pending: Sequence[Source] = ()) -> tuple[int, int]:
        consumed = kb.characters + sum(s.characters for s in pending
                                       if s.id not in kb.state.sources)
        return consumed, max(0, self.limits.max_characters - consumed)



def default_service(data_dir: str | None = None, **kwargs: Any) -> KnowledgeBaseService:
    """A service persisting to ``<data_dir>/knowledge_bases.db`` (SQLite)."""
    from ..store import SQLiteKBStore

    base = data_dir or os.environ.get("NBDATACHAT_DATA_DIR") or "~/.nbdatachat"
    path = os.path.join(os.path.expanduser(base), "knowledge_bases.db")
    return KnowledgeBaseService(SQLiteKBStore(path), **kwargs)
