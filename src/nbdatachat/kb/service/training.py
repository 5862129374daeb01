"""Training: validate sources, fetch URLs, index in the background, report progress."""

from __future__ import annotations

import copy
import logging
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import InvalidRequest, NbDataChatError
from ..errors import ChatbotNotFound, UrlFetchFailed, UrlNotAllowed
from ..fetch import ScrapeOptions, check_url
from ..knowledge_base import KBState, KnowledgeBase
from ..requests import CreateChatbot, DeleteSpec, RetrainChatbot, TrainingData, parse
from ..results import TrainingResult, TrainingStatus
from ..sources import Source, product_source, qa_source, text_source
from ..usage import PlanLimitReached
from .common import (
    _TRAINING_FIELDS,
    DEFAULT_SETTINGS,
    SERVER_FIELDS,
    TEXT_SOURCE_ID,
    TRAINING_RECORD,
    _now_ms,
    _Training,
)

log = logging.getLogger("nbdatachat.kb")


class TrainingOps:
    """create-chatbot, retrain-chatbot and chatbot/status."""

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
            if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
                raise InvalidRequest(f"urlsToScrape entries must start with http:// or "
                                     f"https://, got {url!r}.",
                                     details={"parameter": "urlsToScrape", "url": url})
        return sources

    def _check_urls(self, urls: list[str]) -> None:
        """Refuse the request, before anything changes, if a URL may not be fetched (a
        private, loopback or link-local address); names that do not resolve now are left
        to the background fetch, which reports them in the training status."""
        refused = []
        for url in urls:
            try:
                check_url(url, self.url_policy)
            except UrlNotAllowed as exc:
                refused.append({"url": url, "code": exc.code, "message": exc.message})
            except UrlFetchFailed:
                pass
        if refused:
            raise UrlNotAllowed(
                f"{len(refused)} of urlsToScrape may not be fetched: "
                f"{', '.join(r['url'] for r in refused)}. Only public addresses are allowed "
                f"(the operator can allow internal hosts); nothing was changed.",
                details={"parameter": "urlsToScrape", "refused": refused})

    def _start(self, chatbot_id: str, kb: KnowledgeBase, sources: list[Source],
               urls: list[str], remove: list[str], options: ScrapeOptions,
               background: bool | None) -> _Training:
        job = _Training(progress=1 if (sources or urls or remove) else 100)
        with self._lock:
            self._training[chatbot_id] = job
        if job.progress == 100:
            job.state = "ready"
            return job
        self._save_training(chatbot_id, job)
        self._ensure_heartbeat()
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
        finally:
            try:
                self._save_training(chatbot_id, job)
            except NbDataChatError:  # the chatbot was deleted meanwhile
                pass

    # ------------------------------------------------------------------ shared state

    def _save_training(self, chatbot_id: str, job: _Training) -> None:
        """Store the training's state for every process; an unfinished one with a lease."""
        now = time.time()
        self.store.put_record(TRAINING_RECORD, chatbot_id, "state", {
            "createdAt": now, "state": job.state, "progress": job.progress,
            "errors": list(job.errors), "message": job.message,
            "leaseUntil": now + self.lease_secs if job.state == "training" else None})

    def _ensure_heartbeat(self) -> None:
        with self._lock:
            if self._heartbeat is None or not self._heartbeat.is_alive():
                self._heartbeat = threading.Thread(target=self._beat, daemon=True,
                                                   name="nbdc-kb-heartbeat")
                self._heartbeat.start()

    def _beat(self) -> None:
        """Renew the lease (and progress) of this process's trainings until none is left."""
        while not self._stop.wait(self.lease_secs / 3):
            with self._lock:
                active = {cid: job for cid, job in self._training.items()
                          if job.state == "training"}
            for chatbot_id, job in active.items():
                try:
                    self._save_training(chatbot_id, job)
                except Exception:  # noqa: BLE001 - deleted chatbot, database hiccup
                    log.debug("training heartbeat for %s failed", chatbot_id, exc_info=True)
            if not active:
                return

    def _stored_training(self, chatbot_id: str) -> _Training | None:
        """The training state another process stored; one whose lease ran out is failed."""
        rows = self.store.list_records(TRAINING_RECORD, chatbot_id)
        if not rows:
            return None
        row = rows[-1]
        job = _Training(progress=int(row.get("progress") or 0), state=row.get("state"),
                        errors=list(row.get("errors") or []), message=row.get("message"))
        lease = row.get("leaseUntil")
        if job.state == "training" and lease is not None and lease < time.time():
            job.state = "failed"
            job.message = ("Training was interrupted: the server process running it stopped. "
                           "Retrain the chatbot.")
            job.errors.append({"code": "TRAINING_INTERRUPTED", "message": job.message})
        return job

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


    def create_chatbot(self, body: Mapping[str, Any] | CreateChatbot, *,
                       background: bool | None = None) -> TrainingResult:
        """``POST create-chatbot``: a new chatbot, trained on the given data."""
        req = parse(CreateChatbot, body)
        custom = req.model == "custom-data-upload"
        sources = self._training_sources(req) if custom else []
        urls = list(dict.fromkeys(req.urlsToScrape or [])) if custom else []
        self._check_urls(urls)
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
        extra = {k: v for k, v in (req.model_extra or {}).items()
                 if k not in _TRAINING_FIELDS and k not in SERVER_FIELDS}
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
        self._check_urls(urls)
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
        """``GET chatbot/status/{chatbotId}``: training progress 0-100, as this process
        knows it or as the process training it stored it."""
        record = self._record(chatbot_id)
        job = self._training.get(chatbot_id) or self._stored_training(chatbot_id)
        if job is None:
            progress = int(record.get("status") or 0)
            return TrainingStatus(chatbot_id, progress, "ready" if progress >= 100
                                  else "failed",
                                  message=None if progress >= 100 else
                                  "Training was interrupted; retrain the chatbot.")
        return TrainingStatus(chatbot_id, job.progress, job.state, list(job.errors),
                              job.message)
