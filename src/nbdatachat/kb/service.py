"""The knowledge-base service: one typed method per operation of the chatbot API (seed 002).

The ``/api/v2/...`` endpoints are meant to be thin: parse the HTTP request, call the method
named after the endpoint with the JSON body, return ``result.to_dict()`` (errors are
:class:`~nbdatachat.errors.NbDataChatError` subclasses carrying their HTTP status).

Training (create/retrain) validates the body and the character limits synchronously, so a
rejected request changes nothing; fetching URLs and indexing then run in the background
(``chatbot_status`` reports progress) or inline with ``background=False``. Each training
builds a new index and swaps it in atomically, after its sources are persisted: chats during
a retrain answer from the previous index, and a failed retrain loses nothing.
"""

from __future__ import annotations

import copy
import os
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import quote, unquote

from ..errors import InvalidRequest, NbDataChatError, NotFound
from .answer import KBAnswer
from .errors import ChatbotNotFound
from .fetch import ScrapeOptions, UrlPolicy
from .index import Embedder
from .knowledge_base import KBState, KnowledgeBase, Limits, embedding_text
from .requests import (ChatRequest, ConfidenceRequest, CreateChatbot, DeleteConversation,
                       DeleteFile, DeleteSpec, QueryRequest, RetrainChatbot, TrainingData,
                       UpdateSettings, parse)
from .results import (ChatbotInfo, ChatbotList, ChatResult, ConfidenceScore, ConversationList,
                      Done, QueryResult, TrainingResult, TrainingStatus)
from .sources import Source, product_source, qa_source, text_source
from .store import KBStore, MemoryKBStore

IGNORED_DATA_ANSWER = ("This chatbot is set to ignore its data source (ignoreDataSource), and "
                       "answering without it needs a language model, which is not configured.")

#: Settings every chatbot record carries, with the seed's defaults.
DEFAULT_SETTINGS: dict[str, Any] = {
    "visibility": "private", "onlyAllowOnAddedDomains": False, "domains": [],
    "basePrompt": "", "rateLimitPoints": 20, "rateLimitTimeframe": 240,
    "rateLimitMessage": "Too many messages in a row", "suggestedMessages": [],
    "initialMessages": ["Hi! What can I help you with?"], "styles": {},
    "model": "custom-data-upload", "baseModel": "gpt-4o-mini", "temperature": 0,
    "qALinks": [], "storeChat": True, "showCalendar": False, "calendarMessage": "",
    "enableBouncingAnimation": True, "ignoreDataSource": False,
    "leadsConfig": {"message": "Let us know how to contact you", "collectName": True,
                    "collectEmail": True, "collectPhone": False, "nameMessage": "Name",
                    "emailMessage": "Email", "phoneMessage": "Phone"},
    "notification": {"enableLeadsEmail": False, "enableConversationEmails": False},
    "customBackend": None, "bearer": None,
}
_TRAINING_FIELDS = {"chatbotId", "sourceText", "urlsToScrape", "products", "qAndAs",
                    "options", "deletes"}
TEXT_SOURCE_ID = "text"


def _now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class _Training:
    progress: int = 0
    state: str = "training"
    errors: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None
    future: Future | None = None
    exception: NbDataChatError | None = None


class KnowledgeBaseService:
    """Chatbots (knowledge bases) with settings, training, chat and retrieval.

    ``store`` persists records, sources and conversations (default: in memory; pass
    ``SQLiteKBStore(path)`` to keep them). ``limits`` are the plan's character limits;
    ``url_policy`` says which hosts URL training may reach (private ranges need an explicit
    allow-list). ``file_url_prefix`` is where uploaded files are said to live (the server
    sets it to its own URL).
    """

    def __init__(self, store: KBStore | None = None, *, limits: Limits | None = None,
                 url_policy: UrlPolicy | None = None, background: bool = True,
                 max_workers: int = 2, embedder: Embedder | None = None,
                 file_url_prefix: str = "nbdatachat://files") -> None:
        self.store: KBStore = store if store is not None else MemoryKBStore()
        self.limits = limits or Limits()
        self.url_policy = url_policy or UrlPolicy.from_env()
        self.background = background
        self.embedder = embedder
        self.file_url_prefix = file_url_prefix.rstrip("/")
        self._executor = ThreadPoolExecutor(max_workers=max_workers,
                                            thread_name_prefix="nbdc-kb")
        self._kbs: dict[str, KnowledgeBase] = {}
        self._training: dict[str, _Training] = {}
        self._lock = threading.RLock()

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    # ------------------------------------------------------------------ internals

    def _record(self, chatbot_id: str) -> dict[str, Any]:
        record = self.store.get_chatbot(chatbot_id) if isinstance(chatbot_id, str) else None
        if record is None:
            raise ChatbotNotFound(f"No chatbot with id {chatbot_id!r}. List yours with "
                                  f"GET /api/v2/get-chatbots.",
                                  details={"chatbotId": chatbot_id})
        return record

    def knowledge_base(self, chatbot_id: str) -> KnowledgeBase:
        """The chatbot's :class:`KnowledgeBase` (rebuilt from stored sources on first use)."""
        with self._lock:
            kb = self._kbs.get(chatbot_id)
            if kb is not None:
                return kb
            record = self._record(chatbot_id)
            sources = [Source.from_record(r) for r in self.store.load_sources(chatbot_id)]
            kb = KnowledgeBase.from_sources(sources, name=record.get("chatbotName", ""),
                                            limits=self.limits, url_policy=self.url_policy,
                                            embedder=self.embedder)
            self._kbs[chatbot_id] = kb
            return kb

    def _usage(self, kb: KnowledgeBase, pending: Sequence[Source] = ()) -> tuple[int, int]:
        consumed = kb.characters + sum(s.characters for s in pending
                                       if s.id not in kb.state.sources)
        return consumed, max(0, self.limits.max_characters - consumed)

    @staticmethod
    def _training_sources(body: TrainingData) -> list[Source]:
        sources: list[Source] = []
        if body.sourceText is not None and body.sourceText.strip():
            sources.append(text_source(body.sourceText, title="Source text",
                                       source_id=TEXT_SOURCE_ID))
        for qa in body.qAndAs or []:
            sources.append(qa_source(qa.question, qa.answer))
        for i, product in enumerate(body.products or []):
            try:
                sources.append(product_source(product))
            except InvalidRequest as exc:
                exc.details["index"] = i
                raise
        for url in body.urlsToScrape or []:
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise InvalidRequest(f"urlsToScrape entries must start with http:// or "
                                     f"https://, got {url!r}.",
                                     details={"parameter": "urlsToScrape", "url": url})
        return sources

    def _start(self, chatbot_id: str, kb: KnowledgeBase, sources: list[Source],
               urls: list[str], remove: list[str], options: ScrapeOptions,
               background: bool | None) -> _Training:
        job = _Training(progress=1 if (sources or urls or remove) else 100)
        with self._lock:
            self._training[chatbot_id] = job
        if job.progress == 100:
            job.state = "ready"
            return job
        if self.background if background is None else background:
            job.future = self._executor.submit(self._train, chatbot_id, kb, job, sources, urls,
                                               remove, options)
        else:
            self._train(chatbot_id, kb, job, sources, urls, remove, options)
        return job

    def _train(self, chatbot_id: str, kb: KnowledgeBase, job: _Training,
               sources: list[Source], urls: list[str], remove: list[str],
               options: ScrapeOptions) -> None:
        """Fetch URLs (stopping at the character limit), index, persist, swap."""
        try:
            fetched: list[Source] = []
            for i, url in enumerate(urls):
                try:
                    page = kb.fetch(url, options)
                    kb.check_limits([*sources, *fetched, page], remove)
                    fetched.append(page)
                except NbDataChatError as exc:
                    job.errors.append({"url": url, "code": exc.code, "message": exc.message})
                    if exc.code == "CHARACTER_LIMIT_EXCEEDED":
                        break  # the seed: crawling ends when the character limit is reached
                job.progress = 1 + int(60 * (i + 1) / len(urls))
            added = [*sources, *fetched]
            base = job.progress

            def progress(fraction: float) -> None:
                job.progress = min(99, base + int((99 - base) * fraction))

            def persist(old: KBState, new: KBState) -> None:
                with self._lock:
                    record = self.store.get_chatbot(chatbot_id)
                    if record is None:  # deleted while training: keep nothing
                        raise ChatbotNotFound(f"Chatbot {chatbot_id!r} was deleted during "
                                              f"training.", details={"chatbotId": chatbot_id})
                    gone = [sid for sid in old.sources if sid not in new.sources]
                    self.store.replace_sources(chatbot_id, [s.to_record() for s in added],
                                               gone)
                    record["lastTrainedAt"] = _now_ms()
                    record["status"] = 100
                    self.store.save_chatbot(record)

            kb.update(add=added, remove=remove, progress=progress, on_commit=persist)
            job.progress, job.state = 100, "ready"
        except NbDataChatError as exc:
            job.state, job.message, job.exception = "failed", exc.message, exc
            job.errors.append({"code": exc.code, "message": exc.message})
        except Exception as exc:  # noqa: BLE001 - a background job must report, not vanish
            job.state = "failed"
            job.message = f"Training failed: {type(exc).__name__}: {exc}"
            job.errors.append({"code": "INTERNAL_ERROR", "message": job.message})

    def _resolve_deletes(self, kb: KnowledgeBase, deletes: Sequence[DeleteSpec]
                         ) -> tuple[list[str], list[dict[str, Any]]]:
        ids: list[str] = []
        unmatched: list[dict[str, Any]] = []
        sources = kb.sources
        for spec in deletes:
            target = spec.url or spec.fileUrl
            if spec.type == "source":
                hits = [s for s in sources if s.id == spec.id]
            elif spec.type == "website":
                hits = [s for s in sources if s.type == "website" and
                        (target is None or s.url == target)]
            elif spec.type == "file":
                hits = [s for s in sources if s.type == "file" and (
                    (target is None and spec.fileName is None) or s.url == target or
                    (spec.fileName is not None and s.file_name == spec.fileName))]
            elif spec.type == "qa":
                q = (spec.question or "").strip().lower()
                hits = [s for s in sources if s.type == "qa" and
                        (not q or (s.question or "").lower() == q)]
            elif spec.type == "product":
                hits = [s for s in sources if s.type == "product" and
                        (spec.id is None or s.meta.get("productId") == str(spec.id))]
            else:  # "text"
                hits = [s for s in sources if s.type == "text" and
                        (spec.id is None or s.id == spec.id)]
            if not hits:
                unmatched.append({"delete": spec.model_dump(exclude_none=True),
                                  "code": "NOT_FOUND",
                                  "message": "No source matched this delete."})
            ids.extend(s.id for s in hits)
        return ids, unmatched

    def _training_result(self, chatbot_id: str, kb: KnowledgeBase, pending: list[Source],
                         urls: list[str], job: _Training,
                         notes: list[dict[str, Any]]) -> TrainingResult:
        consumed, remaining = self._usage(kb, pending)
        listed = {s.id: s.summary() for s in kb.sources}
        for s in pending:
            listed[s.id] = {**s.summary(), "status": "training" if job.progress < 100
                            else "trained"}
        data_sources = list(listed.values())
        known_urls = {d.get("url") for d in data_sources}
        data_sources += [{"type": "website", "url": u, "status": "training"}
                         for u in urls if u not in known_urls and job.progress < 100]
        return TrainingResult(chatbot_id, consumed, remaining, data_sources, job.progress,
                              [*notes, *job.errors])

    # ------------------------------------------------------------------ chatbots

    def create_chatbot(self, body: Mapping[str, Any] | CreateChatbot, *,
                       background: bool | None = None) -> TrainingResult:
        """``POST create-chatbot``: a new chatbot, trained on the given data."""
        req = parse(CreateChatbot, body)
        custom = req.model == "custom-data-upload"
        sources = self._training_sources(req) if custom else []
        urls = list(dict.fromkeys(req.urlsToScrape or [])) if custom else []
        chatbot_id = uuid.uuid4().hex[:20]
        kb = KnowledgeBase(req.chatbotName, limits=self.limits, url_policy=self.url_policy,
                           embedder=self.embedder)
        kb.check_limits(sources)
        extra = {k: v for k, v in (req.model_extra or {}).items() if k not in _TRAINING_FIELDS}
        record = {"chatbotId": chatbot_id, "chatbotName": req.chatbotName,
                  **copy.deepcopy(DEFAULT_SETTINGS), **extra, "model": req.model,
                  "customBackend": req.customBackend, "bearer": req.bearer,
                  "createdAt": _now_ms(), "lastTrainedAt": None,
                  "status": 0 if (sources or urls) else 100}
        with self._lock:
            self.store.save_chatbot(record)
            self._kbs[chatbot_id] = kb
        options = ScrapeOptions.from_dict(req.options.model_dump() if req.options else None)
        job = self._start(chatbot_id, kb, sources, urls, [], options, background)
        return self._training_result(chatbot_id, kb, sources, urls, job, [])

    def retrain_chatbot(self, body: Mapping[str, Any] | RetrainChatbot, *,
                        background: bool | None = None) -> TrainingResult:
        """``POST retrain-chatbot``: add sources (same URL/question/product id replaces),
        remove ``deletes``; ``sourceText`` replaces the chatbot's source text."""
        req = parse(RetrainChatbot, body)
        record = self._record(req.chatbotId)
        if record.get("model", "custom-data-upload") != "custom-data-upload":
            raise InvalidRequest("Only custom-data-upload chatbots can be retrained; this one "
                                 f"uses {record.get('model')!r}.",
                                 details={"chatbotId": req.chatbotId})
        kb = self.knowledge_base(req.chatbotId)
        sources = self._training_sources(req)
        urls = list(dict.fromkeys(req.urlsToScrape or []))
        remove, notes = self._resolve_deletes(kb, req.deletes or [])
        kb.check_limits(sources, remove)
        options = ScrapeOptions.from_dict(req.options.model_dump() if req.options else None)
        job = self._start(req.chatbotId, kb, sources, urls, remove, options, background)
        return self._training_result(req.chatbotId, kb, sources, urls, job, notes)

    def wait(self, chatbot_id: str, timeout: float | None = 60) -> TrainingStatus:
        """Block until the chatbot's current training finishes (for tests and notebooks)."""
        job = self._training.get(chatbot_id)
        if job is not None and job.future is not None:
            job.future.result(timeout=timeout)
        return self.chatbot_status(chatbot_id)

    def chatbot_status(self, chatbot_id: str) -> TrainingStatus:
        """``GET chatbot/status/{chatbotId}``: training progress 0-100."""
        record = self._record(chatbot_id)
        job = self._training.get(chatbot_id)
        if job is None:
            progress = int(record.get("status") or 0)
            return TrainingStatus(chatbot_id, progress, "ready" if progress >= 100
                                  else "failed",
                                  message=None if progress >= 100 else
                                  "Training was interrupted; retrain the chatbot.")
        return TrainingStatus(chatbot_id, job.progress, job.state, list(job.errors),
                              job.message)

    def _public(self, record: dict[str, Any]) -> dict[str, Any]:
        out = {**copy.deepcopy(DEFAULT_SETTINGS), **record}
        job = self._training.get(record["chatbotId"])
        if job is not None:
            out["status"] = job.progress
        out["numberOfConversations"] = len(self.store.list_conversations(record["chatbotId"]))
        kb = self._kbs.get(record["chatbotId"])
        if kb is not None:
            out["consumedCharacters"] = kb.characters
        return out

    def get_chatbots(self) -> ChatbotList:
        """``GET get-chatbots``."""
        return ChatbotList([self._public(r) for r in self.store.list_chatbots()])

    def get_chatbot(self, chatbot_id: str) -> ChatbotInfo:
        """``GET get-chatbot/{chatbotId}``."""
        return ChatbotInfo(self._public(self._record(chatbot_id)))

    def update_chatbot_settings(self, body: Mapping[str, Any] | UpdateSettings) -> Done:
        """``POST update-chatbot-settings``: change the fields sent, keep the rest
        (unknown fields such as integrations are stored as given)."""
        req = parse(UpdateSettings, body)
        with self._lock:
            record = self._record(req.chatbotId)
            changes = req.model_dump(exclude_unset=True)
            changes.pop("chatbotId", None)
            for key in ("createdAt", "lastTrainedAt", "status", "model"):
                changes.pop(key, None)  # owned by the service, not settings
            record.update(changes)
            self.store.save_chatbot(record)
            kb = self._kbs.get(req.chatbotId)
            if kb is not None and "chatbotName" in changes:
                kb.name = changes["chatbotName"]
        return Done()

    def delete_chatbot(self, chatbot_id: str) -> Done:
        """``DELETE delete-chatbot/{chatbotId}``: the chatbot, its sources and conversations."""
        with self._lock:
            self._record(chatbot_id)
            self.store.delete_chatbot(chatbot_id)
            self._kbs.pop(chatbot_id, None)
            self._training.pop(chatbot_id, None)
        return Done()

    # ------------------------------------------------------------------ retrieval & chat

    def get_confidence_score(self, body: Mapping[str, Any] | ConfidenceRequest
                             ) -> ConfidenceScore:
        """``POST get-confidence-score``: cosine similarity of the chunks a chat would use
        (cached per messages array until the next retrain)."""
        req = parse(ConfidenceRequest, body)
        self._record(req.chatbotId)
        messages = [m.model_dump() for m in req.messages]
        return self.knowledge_base(req.chatbotId).confidence(messages)

    def query_knowledge_base(self, chatbot_id: str,
                             body: Mapping[str, Any] | QueryRequest) -> QueryResult:
        """``POST query-knowledge-base/{chatbotId}``: up to ``count`` snippets."""
        req = parse(QueryRequest, body)
        self._record(chatbot_id)
        return self.knowledge_base(chatbot_id).query(req.query, req.count)

    def chat(self, body: Mapping[str, Any] | ChatRequest, *, source: str = "api"
             ) -> ChatResult:
        """``POST chat``: answer the last user message from the knowledge base.

        The conversation is stored (unless ``storeChat`` is off): with ``appendMessages``
        the messages sent are appended to the stored ones, otherwise they replace them.
        ``basePrompt``/``baseModel`` overrides are accepted and recorded for the LLM issue.
        """
        req = parse(ChatRequest, body)
        record = self._record(req.chatbotId)
        messages = [m.model_dump() for m in req.messages]
        question = embedding_text(messages)
        if record.get("ignoreDataSource"):
            answer = KBAnswer(question, IGNORED_DATA_ANSWER, [], 0.0, "no_data")
        else:
            answer = self.knowledge_base(req.chatbotId).ask(question)
        conversation_id = req.conversationId or uuid.uuid4().hex
        now = _now_ms()
        stored_messages: list[dict[str, Any]] = []
        if record.get("storeChat", True):
            with self._lock:
                existing = self.store.get_conversation(conversation_id)
                if existing is not None and existing.get("chatbotId") != req.chatbotId:
                    raise InvalidRequest(f"Conversation {conversation_id!r} belongs to another "
                                         f"chatbot.", details={"conversationId":
                                                               conversation_id})
                sent = [{**m, "timestamp": m.get("timestamp") or now} for m in messages]
                prior = (existing or {}).get("messages", []) if req.appendMessages else []
                reply = {"role": "assistant", "content": answer.text, "timestamp": now,
                         "score": round(answer.confidence, 4)}
                stored_messages = [*prior, *sent, reply]
                self.store.save_conversation({
                    "conversationId": conversation_id, "chatbotId": req.chatbotId,
                    "createdAt": (existing or {}).get("createdAt", now),
                    "updatedAt": now, "source": (existing or {}).get("source", source),
                    "messages": stored_messages, "customer": (existing or {}).get("customer"),
                    "basePrompt": req.basePrompt, "baseModel": req.baseModel})
        return ChatResult(conversation_id, answer, stored_messages)

    # ------------------------------------------------------------------ files

    def _file_url(self, chatbot_id: str, file_name: str) -> str:
        return f"{self.file_url_prefix}/{chatbot_id}/{quote(file_name)}"

    def upload_file(self, chatbot_id: str, file_name: str, data: bytes,
                    content_type: str | None = None) -> Done:
        """``POST upload-file/{chatbotId}``: extract the file's text and index it (a file
        with the same name replaces the previous one). Returns its ``url``."""
        self._record(chatbot_id)
        name = PurePath(str(file_name or "").replace("\\", "/")).name
        if not name:
            raise InvalidRequest("The upload has no file name; send it as multipart field "
                                 "'file' with a filename.", details={"parameter": "file"})
        kb = self.knowledge_base(chatbot_id)
        url = self._file_url(chatbot_id, name)
        source = kb.read_file(data, name, url=url, content_type=content_type)
        kb.check_limits([source])
        job = self._start(chatbot_id, kb, [source], [], [], ScrapeOptions(), background=False)
        if job.state == "failed":
            raise job.exception or NbDataChatError(job.message or "Indexing failed.",
                                                   details={"file": name})
        return Done({"url": url, "fileName": name, "characters": source.characters})

    def delete_file(self, body: Mapping[str, Any] | DeleteFile) -> Done:
        """``POST delete-file``: remove an uploaded file and its chunks."""
        req = parse(DeleteFile, body)
        self._record(req.chatbotId)
        kb = self.knowledge_base(req.chatbotId)
        wanted = {req.fileUrl, unquote(req.fileUrl)}
        ids = [s.id for s in kb.sources if s.type == "file" and (
            s.url in wanted or s.file_name in wanted or
            (s.file_name and unquote(req.fileUrl).endswith("/" + s.file_name)))]
        if not ids:
            raise NotFound(f"No file {req.fileUrl!r} in chatbot {req.chatbotId!r}. The URL is "
                           f"the one upload-file returned.",
                           details={"fileUrl": req.fileUrl, "chatbotId": req.chatbotId})
        job = self._start(req.chatbotId, kb, [], [], ids, ScrapeOptions(), background=False)
        if job.state == "failed":
            raise job.exception or NbDataChatError(job.message or "Re-indexing failed.")
        return Done({"message": "File deleted successfully."})

    # ------------------------------------------------------------------ conversations

    def get_conversation(self, conversation_id: str) -> dict[str, Any]:
        """``GET get-conversation/{conversationId}``."""
        conv = self.store.get_conversation(conversation_id)
        if conv is None:
            raise NotFound(f"No conversation with id {conversation_id!r}.",
                           details={"conversationId": conversation_id})
        return {"status": "success", "conversation": conv}

    def get_conversations(self, chatbot_id: str, *, start: int = 0, size: int = 100,
                          start_timestamp: float | None = None,
                          end_timestamp: float | None = None,
                          source: str | None = None) -> ConversationList:
        """``GET get-conversations/{chatbotId}``: newest first, filtered and paginated."""
        self._record(chatbot_id)
        if start < 0 or size < 1:
            raise InvalidRequest("start must be >= 0 and size >= 1.",
                                 details={"start": start, "size": size})
        convs = [c for c in self.store.list_conversations(chatbot_id)
                 if (start_timestamp is None or c["createdAt"] >= start_timestamp)
                 and (end_timestamp is None or c["createdAt"] <= end_timestamp)
                 and (source is None or c.get("source") == source)]
        convs.sort(key=lambda c: c.get("createdAt", 0), reverse=True)
        return ConversationList(convs[start:start + size], len(convs))

    def delete_conversation(self, body: Mapping[str, Any] | DeleteConversation) -> Done:
        """``DELETE delete-conversation``."""
        req = parse(DeleteConversation, body)
        self._record(req.chatbotId)
        if not self.store.delete_conversation(req.chatbotId, req.conversationId):
            raise NotFound(f"No conversation {req.conversationId!r} in chatbot "
                           f"{req.chatbotId!r}.", details={"conversationId":
                                                           req.conversationId})
        return Done({"message": "Conversation deleted successfully."})


def default_service(data_dir: str | None = None, **kwargs: Any) -> KnowledgeBaseService:
    """A service persisting to ``<data_dir>/knowledge_bases.db`` (SQLite)."""
    from .store import SQLiteKBStore

    base = data_dir or os.environ.get("NBDATACHAT_DATA_DIR") or "~/.nbdatachat"
    path = os.path.join(os.path.expanduser(base), "knowledge_bases.db")
    return KnowledgeBaseService(SQLiteKBStore(path), **kwargs)


__all__ = ["DEFAULT_SETTINGS", "KnowledgeBaseService", "default_service"]
