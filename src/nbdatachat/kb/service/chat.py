"""Retrieval and chat: confidence scores, knowledge-base queries, answers with sources."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any

from ...errors import InvalidRequest
from ..answer import KBAnswer
from ..knowledge_base import embedding_text
from ..requests import ChatRequest, ConfidenceRequest, QueryRequest, parse
from ..results import ChatResult, ConfidenceScore, QueryResult
from ..usage import credits_for, normalise_country
from .common import HUMAN_REQUEST, IGNORED_DATA_ANSWER, _now_ms
from .engagement import bot_silenced

log = logging.getLogger("nbdatachat.kb")


class ChatOps:
    """get-confidence-score, query-knowledge-base and chat."""

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
        if req.conversationId:
            existing = self.store.get_conversation(req.conversationId)
            if existing is not None and existing.get("chatbotId") == req.chatbotId \
                    and bot_silenced(existing, _now_ms()):
                return self._hand_over(req, existing, messages, question)
        cost = credits_for(req.baseModel or record.get("baseModel"))
        self._spend_credits(cost)
        try:
            return self._chat(req, record, messages, question, cost, source, country)
        except BaseException:
            self._spend_credits(-cost)  # a failed chat costs nothing
            raise

    def _hand_over(self, req: ChatRequest, conversation: dict[str, Any],
                   messages: list[dict[str, Any]], question: str) -> ChatResult:
        """A person answers this conversation (live chat on, or bot control off): keep the
        user's new message for them and let the bot say nothing (and spend no credit)."""
        now = _now_ms()
        with self._lock:
            conversation = self.store.get_conversation(req.conversationId) or conversation
            last = [{**m, "timestamp": m.get("timestamp") or now} for m in messages
                    if m.get("role") == "user"][-1:]
            conversation["messages"] = [*conversation.get("messages", []), *last]
            conversation["updatedAt"] = now
            self.store.save_conversation(conversation)
        return ChatResult(req.conversationId, KBAnswer(question, "", [], 0.0, "live_chat"),
                          conversation["messages"])

    def _chat(self, req: ChatRequest, record: dict[str, Any], messages: list[dict[str, Any]],
              question: str, cost: int, source: str, country: str | None) -> ChatResult:
        if record.get("ignoreDataSource"):
            answer = KBAnswer(question, IGNORED_DATA_ANSWER, [], 0.0, "no_data")
        else:
            search = question
            if self.query_rewriter is not None:
                rewritten, _usage = self.query_rewriter(messages)
                search = rewritten or question
            answer = self.knowledge_base(req.chatbotId, record).ask(search)
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
