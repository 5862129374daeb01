"""The knowledge-base service: one typed method per operation of the chatbot API (seed 002).

The ``/api/v2/...`` endpoints are meant to be thin: parse the HTTP request, call the method
named after the endpoint with the JSON body, return ``result.to_dict()`` (errors are
:class:`~nbdatachat.errors.NbDataChatError` subclasses carrying their HTTP status).

Training (create/retrain) validates the body and the character limits synchronously, so a
rejected request changes nothing; fetching URLs and indexing then run in the background
(``chatbot_status`` reports progress) or inline with ``background=False``. Each training
builds a new index and swaps it in atomically, after its sources are persisted: chats during
a retrain answer from the previous index, and a failed retrain loses nothing.

Around chat the service also keeps what the hosted API reports: a traffic event per chat
(country, source, credits) for ``get-analysis``, leads found in user messages per
``leadsConfig`` for ``get-customers``, webhook events (``chat``, ``lead-submission``,
``live-chat-escalation``) queued to a background dispatcher, live-chat state per
conversation, and the account's usage against its :class:`~nbdatachat.kb.usage.Plan`.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import secrets
import shutil
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote, unquote

from ..errors import InvalidRequest, NbDataChatError, NotFound
from .answer import KBAnswer
from .errors import ChatbotNotFound, CharacterLimitExceeded, UrlFetchFailed
from .fetch import ScrapeOptions, UrlPolicy, check_url
from .index import Embedder
from .knowledge_base import KBState, KnowledgeBase, Limits, embedding_text
from .leads import extract_lead
from .requests import (AddWebhook, ChatRequest, ConfidenceRequest, CreateChatbot,
                       DeleteConversation, DeleteFile, DeleteSpec, DeleteWebhook, LiveChat,
                       LiveChatState, QueryRequest, RetrainChatbot, TrainingData,
                       UpdateSettings, parse)
from .results import (ChatbotInfo, ChatbotList, ChatResult, ConfidenceScore, ConversationList,
                      Done, QueryResult, TrainingResult, TrainingStatus)
from .sources import Source, product_source, qa_source, text_source
from .store import KBStore, MemoryKBStore
from .usage import (Plan, PlanLimitReached, account_summary, analyse, credits_for, in_range,
                    month_start_ms, normalise_country)
from .webhooks import WebhookDispatcher

log = logging.getLogger("nbdatachat.kb")

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
#: Record fields the service keeps to itself (not shown by get-chatbot(s)).
PRIVATE_FIELDS = ("webhooks", "trainedVersion")
#: A user message asking for a person: the conversation is escalated to live chat.
HUMAN_REQUEST = re.compile(
    r"\b(talk|speak|chat|connect|transfer)\w*\b.{0,30}\b(human|person|agent|"
    r"representative|operator|someone|somebody|staff)\b|\blive[ -]?chat\b|\bhuman agent\b",
    re.IGNORECASE)
USER_ONLINE_MS = 5 * 60 * 1000


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
    ``SQLiteKBStore(path)`` to keep them). ``plan`` caps chatbots, credits and characters
    (``limits``, the per-chatbot character limits, default to the plan's); ``url_policy``
    says which hosts URL training and webhook deliveries may reach (private ranges need an
    explicit allow-list). ``file_url_prefix`` is where uploaded files are said to live (the
    server sets it to its own URL); with ``files_dir`` the uploaded bytes are kept there.
    """

    def __init__(self, store: KBStore | None = None, *, limits: Limits | None = None,
                 url_policy: UrlPolicy | None = None, background: bool = True,
                 max_workers: int = 2, embedder: Embedder | None = None,
                 file_url_prefix: str = "nbdatachat://files", plan: Plan | None = None,
                 webhooks: WebhookDispatcher | None = None,
                 files_dir: str | Path | None = None) -> None:
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

    @property
    def webhooks(self) -> WebhookDispatcher:
        """The dispatcher delivering webhook events (created on first use)."""
        with self._lock:
            if self._webhooks is None:
                self._webhooks = WebhookDispatcher(self.url_policy)
            return self._webhooks

    def close(self) -> None:
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
                    record["consumedCharacters"] = new.characters
                    record["trainedVersion"] = self._versions[chatbot_id] = uuid.uuid4().hex
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
        existing = self.store.list_chatbots()
        if len(existing) >= self.plan.chatbots_limit:
            raise PlanLimitReached(
                f"This account already has {len(existing)} chatbots, its plan's limit "
                f"(chatbotsLimit). Delete one (DELETE /api/v2/delete-chatbot/{{chatbotId}}) or "
                f"raise the limit.", details={"chatbots": len(existing),
                                               "chatbotsLimit": self.plan.chatbots_limit})
        chatbot_id = uuid.uuid4().hex[:20]
        kb = KnowledgeBase(req.chatbotName, limits=self.limits, url_policy=self.url_policy,
                           embedder=self.embedder)
        kb.check_limits(sources)
        self._check_account_characters(chatbot_id, kb, sources, [], existing)
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
        self._check_account_characters(req.chatbotId, kb, sources, remove)
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
        for key in PRIVATE_FIELDS:
            out.pop(key, None)
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
            for key in ("createdAt", "lastTrainedAt", "status", "model", *PRIVATE_FIELDS,
                        "consumedCharacters"):
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
            self._versions.pop(chatbot_id, None)
        folder = self._files_folder(chatbot_id)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        return Done()

    # ------------------------------------------------------------------ retrieval & chat

    def get_confidence_score(self, body: Mapping[str, Any] | ConfidenceRequest
                             ) -> ConfidenceScore:
        """``POST get-confidence-score``: cosine similarity of the chunks a chat would use
        (cached per messages array until the next retrain)."""
        req = parse(ConfidenceRequest, body)
        record = self._record(req.chatbotId)
        messages = [m.model_dump() for m in req.messages]
        return self.knowledge_base(req.chatbotId, record).confidence(messages)

    def query_knowledge_base(self, chatbot_id: str,
                             body: Mapping[str, Any] | QueryRequest) -> QueryResult:
        """``POST query-knowledge-base/{chatbotId}``: up to ``count`` snippets."""
        req = parse(QueryRequest, body)
        record = self._record(chatbot_id)
        return self.knowledge_base(chatbot_id, record).query(req.query, req.count)

    def chat(self, body: Mapping[str, Any] | ChatRequest, *, source: str = "api",
             country: str | None = None) -> ChatResult:
        """``POST chat``: answer the last user message from the knowledge base.

        The conversation is stored (unless ``storeChat`` is off): with ``appendMessages``
        the messages sent are appended to the stored ones, otherwise they replace them.
        ``basePrompt``/``baseModel`` overrides are accepted and recorded for the LLM issue.
        Each chat costs credits (by base model) and is recorded as traffic from ``country``
        (a header's value, else the body's ``country``, else "unknown"); leads in the user
        messages are collected per ``leadsConfig``; webhooks are queued, never awaited.
        """
        req = parse(ChatRequest, body)
        record = self._record(req.chatbotId)
        messages = [m.model_dump() for m in req.messages]
        question = embedding_text(messages)
        cost = credits_for(req.baseModel or record.get("baseModel"))
        self._spend_credits(cost)
        try:
            return self._chat(req, record, messages, question, cost, source, country)
        except BaseException:
            self._spend_credits(-cost)  # a failed chat costs nothing
            raise

    def _chat(self, req: ChatRequest, record: dict[str, Any], messages: list[dict[str, Any]],
              question: str, cost: int, source: str, country: str | None) -> ChatResult:
        if record.get("ignoreDataSource"):
            answer = KBAnswer(question, IGNORED_DATA_ANSWER, [], 0.0, "no_data")
        else:
            answer = self.knowledge_base(req.chatbotId, record).ask(question)
        conversation_id = req.conversationId or uuid.uuid4().hex
        now = _now_ms()
        sent = [{**m, "timestamp": m.get("timestamp") or now} for m in messages]
        reply = {"role": "assistant", "content": answer.text, "timestamp": now,
                 "score": round(answer.confidence, 4)}
        stored_messages: list[dict[str, Any]] = []
        conversation: dict[str, Any] | None = None
        escalated = False
        if record.get("storeChat", True):
            with self._lock:
                existing = self.store.get_conversation(conversation_id)
                if existing is not None and existing.get("chatbotId") != req.chatbotId:
                    raise InvalidRequest(f"Conversation {conversation_id!r} belongs to another "
                                         f"chatbot.", details={"conversationId":
                                                               conversation_id})
                prior = (existing or {}).get("messages", []) if req.appendMessages else []
                stored_messages = [*prior, *sent, reply]
                live_ended = (existing or {}).get("liveChatEnded", True)
                escalated = live_ended and bool(HUMAN_REQUEST.search(question))
                conversation = {
                    **(existing or {}),
                    "conversationId": conversation_id, "chatbotId": req.chatbotId,
                    "createdAt": (existing or {}).get("createdAt", now),
                    "updatedAt": now, "source": (existing or {}).get("source", source),
                    "messages": stored_messages, "customer": (existing or {}).get("customer"),
                    "liveChatEnded": False if escalated else live_ended,
                    "basePrompt": req.basePrompt, "baseModel": req.baseModel}
                self.store.save_conversation(conversation)
        country_code = normalise_country(country or req.country)
        self.store.put_record("event", req.chatbotId, uuid.uuid4().hex, {
            "createdAt": now, "timestamp": now, "country": country_code, "source": source,
            "credits": cost, "conversationId": conversation_id})
        try:  # the chat is answered and stored: what follows must not turn it into an error
            self._collect_lead(record, conversation_id, stored_messages or sent, source, now)
            self._emit(record, "chat", {
                "chatbotId": req.chatbotId, "conversationId": conversation_id,
                "source": source, "country": country_code, "timestamp": now,
                "messages": [*sent[-1:], reply]})
            if escalated:
                self._emit(record, "live-chat-escalation", {
                    "chatbotId": req.chatbotId, "conversationId": conversation_id,
                    "timestamp": now, "reason": "user asked for a human", "message": question})
        except Exception:  # noqa: BLE001 - logged; leads/webhooks are best effort
            log.exception("lead collection or webhook queueing failed for chatbot %s",
                          req.chatbotId)
        return ChatResult(conversation_id, answer, stored_messages)

    # ------------------------------------------------------------------ plan & usage

    def _spend_credits(self, cost: int) -> None:
        """Count ``cost`` credits against this month's, or refuse the chat."""
        with self._lock:
            month = month_start_ms()
            if self._credits is None or self._credits[0] != month:
                self._credits = (month, self._credits_used_since(month))
            used = self._credits[1]
            if cost > 0 and used + cost > self.plan.credits:
                raise PlanLimitReached(
                    f"This month's message credits are used up ({used:,} of "
                    f"{self.plan.credits:,}); this chat needs {cost}. They refresh at the "
                    f"start of next month (UTC), or raise the plan's credits.",
                    details={"remainingCredits": max(0, self.plan.credits - used),
                             "refreshingCredits": self.plan.credits, "cost": cost})
            self._credits = (month, used + cost)

    def _credits_used_since(self, since_ms: int) -> int:
        return sum(int(e.get("credits") or 0) for r in self.store.list_chatbots()
                   for e in self.store.list_records("event", r["chatbotId"])
                   if float(e.get("timestamp") or 0) >= since_ms)

    def _check_account_characters(self, chatbot_id: str, kb: KnowledgeBase,
                                  add: Sequence[Source], remove: Sequence[str],
                                  records: Sequence[dict[str, Any]] | None = None) -> None:
        """The plan's characters over all chatbots (``remainingTrainingChars``)."""
        others = sum(int(r.get("consumedCharacters") or 0)
                     for r in (records if records is not None else self.store.list_chatbots())
                     if r["chatbotId"] != chatbot_id)
        replaced = set(remove) | {s.id for s in add}
        mine = sum(s.characters for s in kb.sources if s.id not in replaced) + \
            sum(s.characters for s in {s.id: s for s in add}.values())
        if others + mine > self.plan.training_characters:
            raise CharacterLimitExceeded(
                f"This would bring the account to {others + mine:,} training characters, over "
                f"its plan's {self.plan.training_characters:,} (remainingTrainingChars: "
                f"{max(0, self.plan.training_characters - others - kb.characters):,}). "
                f"Remove sources or delete a chatbot.",
                details={"accountCharacters": others + mine,
                         "limit": self.plan.training_characters})

    def account(self) -> dict[str, Any]:
        """The account summary: usage counters against the plan's limits."""
        records = self.store.list_chatbots()
        consumed = 0
        for r in records:
            kb = self._kbs.get(r["chatbotId"])
            consumed += kb.characters if kb is not None else int(r.get("consumedCharacters")
                                                                 or 0)
        with self._lock:
            month = month_start_ms()
            if self._credits is None or self._credits[0] != month:
                self._credits = (month, self._credits_used_since(month))
            used = self._credits[1]
        return account_summary(self.plan, chatbots=len(records), consumed_characters=consumed,
                               credits_used=used)

    def get_analysis(self, chatbot_id: str, *, start_timestamp: float | None = None,
                     end_timestamp: float | None = None) -> dict[str, Any]:
        """``GET get-analysis/{chatbotId}``: country, hour and credits distributions of
        the chats between the timestamps (epoch ms)."""
        self._record(chatbot_id)
        return analyse(self.store.list_records("event", chatbot_id), start_timestamp,
                       end_timestamp)

    # ------------------------------------------------------------------ leads

    def _collect_lead(self, record: dict[str, Any], conversation_id: str,
                      messages: Sequence[dict[str, Any]], source: str, now: int) -> None:
        config = record.get("leadsConfig") or {}
        lead = extract_lead(messages, config)
        contact_wanted = config.get("collectEmail", True) or config.get("collectPhone", False)
        if not lead or (contact_wanted and not ({"email", "phone"} & lead.keys())):
            return
        chatbot_id = record["chatbotId"]
        with self._lock:
            previous = next((c for c in self.store.list_records("lead", chatbot_id)
                             if c.get("conversationId") == conversation_id), None)
            merged = {**{k: (previous or {}).get(k) for k in ("name", "email", "phone")},
                      **lead}
            if previous is not None and all(previous.get(k) == merged.get(k)
                                            for k in ("name", "email", "phone")):
                return
            customer = {"name": merged.get("name"), "email": merged.get("email"),
                        "phone": merged.get("phone"), "source": source,
                        "type": merged.get("email") or merged.get("phone"),
                        "conversationId": conversation_id,
                        "createdAt": (previous or {}).get("createdAt", now), "updatedAt": now}
            self.store.put_record("lead", chatbot_id, conversation_id, customer)
            conversation = self.store.get_conversation(conversation_id)
            if conversation is not None:
                conversation["customer"] = {k: customer[k] for k in
                                            ("name", "email", "phone", "source", "type")}
                self.store.save_conversation(conversation)
        self._emit(record, "lead-submission", {"chatbotId": chatbot_id,
                                               "conversationId": conversation_id,
                                               "timestamp": now, "lead": customer})

    def get_customers(self, chatbot_id: str, *, start: int = 0, size: int = 100,
                      start_timestamp: float | None = None,
                      end_timestamp: float | None = None,
                      source: str | None = None) -> dict[str, Any]:
        """``GET get-customers/{chatbotId}``: leads, newest first, filtered and paginated."""
        self._record(chatbot_id)
        _check_page(start, size)
        leads = [c for c in self.store.list_records("lead", chatbot_id)
                 if in_range(float(c.get("createdAt") or 0), start_timestamp, end_timestamp)
                 and (source is None or c.get("source") == source)]
        leads.sort(key=lambda c: c.get("createdAt", 0), reverse=True)
        return {"status": "success", "customers": leads[start:start + size],
                "total": len(leads)}

    # ------------------------------------------------------------------ webhooks

    def _emit(self, record: dict[str, Any], event: str, payload: dict[str, Any]) -> None:
        """Queue ``event`` to every enabled webhook subscribed to it (never blocks)."""
        for hook in record.get("webhooks") or []:
            if hook.get("enable", True) and event in hook.get("events", []):
                self.webhooks.submit(hook["endpoint"], hook["secret"], event, payload)

    @staticmethod
    def _webhook_list(record: dict[str, Any]) -> Done:
        return Done({"webhooks": copy.deepcopy(record.get("webhooks") or [])})

    def add_webhook(self, body: Mapping[str, Any] | AddWebhook) -> Done:
        """``POST add-webhook``: subscribe ``url`` to ``event`` (one secret per endpoint;
        adding another event to a known URL extends its events)."""
        req = parse(AddWebhook, body)
        try:
            check_url(req.url, self.url_policy)
        except UrlFetchFailed:
            pass  # a name that does not resolve yet: deliveries will retry and report
        with self._lock:
            record = self._record(req.chatbotId)
            hooks = record.setdefault("webhooks", [])
            hook = next((h for h in hooks if h["endpoint"] == req.url), None)
            if hook is None:
                hooks.append({"endpoint": req.url, "events": [req.event],
                              "secret": secrets.token_hex(24), "enable": True})
            elif req.event not in hook["events"]:
                hook["events"].append(req.event)
            self.store.save_chatbot(record)
        return self._webhook_list(record)

    def delete_webhook(self, body: Mapping[str, Any] | DeleteWebhook) -> Done:
        """``POST delete-webhook``: remove the endpoint ``url`` and all its events."""
        req = parse(DeleteWebhook, body)
        with self._lock:
            record = self._record(req.chatbotId)
            hooks = record.get("webhooks") or []
            kept = [h for h in hooks if h["endpoint"] != req.url]
            if len(kept) == len(hooks):
                raise NotFound(f"Chatbot {req.chatbotId!r} has no webhook for {req.url!r}; "
                               f"its webhooks: {[h['endpoint'] for h in hooks] or 'none'}.",
                               details={"url": req.url, "chatbotId": req.chatbotId})
            record["webhooks"] = kept
            self.store.save_chatbot(record)
        return self._webhook_list(record)

    # ------------------------------------------------------------------ live chat

    def _conversation_of(self, chatbot_id: str, conversation_id: str) -> dict[str, Any]:
        self._record(chatbot_id)
        conv = self.store.get_conversation(conversation_id)
        if conv is None or conv.get("chatbotId") != chatbot_id:
            raise NotFound(f"No conversation {conversation_id!r} in chatbot {chatbot_id!r}; "
                           f"list them with GET /api/v2/get-conversations/{chatbot_id}.",
                           details={"conversationId": conversation_id,
                                    "chatbotId": chatbot_id})
        return conv

    def live_chat(self, body: Mapping[str, Any] | LiveChat) -> dict[str, Any]:
        """``POST live-chat``: append a human agent's message to a conversation."""
        req = parse(LiveChat, body)
        now = _now_ms()
        with self._lock:
            conv = self._conversation_of(req.chatbotId, req.conversationId)
            message: dict[str, Any] = {"role": "assistant", "content": req.message,
                                       "name": req.name or self.plan.name,
                                       "avatar": req.avatar, "timestamp": now,
                                       "humanAgent": True, "read": False}
            if req.files:
                message["files"] = [f.model_dump(exclude_none=True) for f in req.files]
            conv["messages"] = [*conv.get("messages", []), message]
            conv["updatedAt"] = now
            self.store.save_conversation(conv)
        last_user = max((int(m.get("timestamp") or 0) for m in conv["messages"]
                         if m.get("role") == "user"), default=0)
        return {"status": "success", "emailed_offline_message": False,
                "is_user_online": now - last_user <= USER_ONLINE_MS}

    def livechat_state(self, body: Mapping[str, Any] | LiveChatState) -> dict[str, Any]:
        """``POST livechat-state``: set (``end``) or toggle whether live chat has ended;
        starting one fires the ``live-chat-escalation`` webhook."""
        req = parse(LiveChatState, body)
        with self._lock:
            record = self._record(req.chatbotId)
            conv = self._conversation_of(req.chatbotId, req.conversationId)
            was_ended = conv.get("liveChatEnded", True)
            ended = (not was_ended) if req.end is None else req.end
            conv["liveChatEnded"] = ended
            self.store.save_conversation(conv)
        if was_ended and not ended:
            self._emit(record, "live-chat-escalation", {
                "chatbotId": req.chatbotId, "conversationId": req.conversationId,
                "timestamp": _now_ms(), "reason": "live chat started"})
        return {"status": "success", "liveChatEnded": ended}

    # ------------------------------------------------------------------ files

    def _file_url(self, chatbot_id: str, file_name: str) -> str:
        return f"{self.file_url_prefix}/{chatbot_id}/{quote(file_name)}"

    def _files_folder(self, chatbot_id: str) -> Path | None:
        if self.files_dir is None or not re.fullmatch(r"[A-Za-z0-9_-]+", chatbot_id or ""):
            return None
        return self.files_dir / chatbot_id

    def file_path(self, chatbot_id: str, file_name: str) -> Path:
        """Where an uploaded file's bytes are kept (404 if they are not)."""
        self._record(chatbot_id)
        folder = self._files_folder(chatbot_id)
        name = PurePath(str(file_name).replace("\\", "/")).name
        path = folder / name if folder is not None and name not in ("", ".", "..") else None
        if path is None or not path.is_file():
            raise NotFound(f"No uploaded file {file_name!r} in chatbot {chatbot_id!r}.",
                           details={"fileName": file_name, "chatbotId": chatbot_id})
        return path

    def upload_file(self, chatbot_id: str, file_name: str, data: bytes,
                    content_type: str | None = None) -> Done:
        """``POST upload-file/{chatbotId}``: extract the file's text and index it (a file
        with the same name replaces the previous one). Returns its ``url``."""
        self._record(chatbot_id)
        name = PurePath(str(file_name or "").replace("\\", "/")).name
        if name in ("", ".", ".."):
            raise InvalidRequest("The upload has no file name; send it as multipart field "
                                 "'file' with a filename.", details={"parameter": "file"})
        kb = self.knowledge_base(chatbot_id)
        url = self._file_url(chatbot_id, name)
        source = kb.read_file(data, name, url=url, content_type=content_type)
        kb.check_limits([source])
        self._check_account_characters(chatbot_id, kb, [source], [])
        job = self._start(chatbot_id, kb, [source], [], [], ScrapeOptions(), background=False)
        if job.state == "failed":
            raise job.exception or NbDataChatError(job.message or "Indexing failed.",
                                                   details={"file": name})
        folder = self._files_folder(chatbot_id)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{name}.{uuid.uuid4().hex}.part"
            tmp.write_bytes(data)
            tmp.replace(folder / name)
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
        names = [s.file_name for s in kb.sources if s.id in ids and s.file_name]
        job = self._start(req.chatbotId, kb, [], [], ids, ScrapeOptions(), background=False)
        if job.state == "failed":
            raise job.exception or NbDataChatError(job.message or "Re-indexing failed.")
        folder = self._files_folder(req.chatbotId)
        for name in names if folder is not None else []:
            (folder / name).unlink(missing_ok=True)
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
        _check_page(start, size)
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


def _check_page(start: int, size: int) -> None:
    if start < 0 or size < 1:
        raise InvalidRequest(f"start must be >= 0 and size >= 1 (got start={start}, "
                             f"size={size}).", details={"start": start, "size": size})


def default_service(data_dir: str | None = None, **kwargs: Any) -> KnowledgeBaseService:
    """A service persisting to ``<data_dir>/knowledge_bases.db`` (SQLite)."""
    from .store import SQLiteKBStore

    base = data_dir or os.environ.get("NBDATACHAT_DATA_DIR") or "~/.nbdatachat"
    path = os.path.join(os.path.expanduser(base), "knowledge_bases.db")
    return KnowledgeBaseService(SQLiteKBStore(path), **kwargs)


__all__ = ["DEFAULT_SETTINGS", "KnowledgeBaseService", "default_service"]
