"""What happens around a chat: leads (get-customers), webhooks, live chat, bot control."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from ...errors import NotFound
from ..errors import NotSupportedForSource, UrlFetchFailed
from ..fetch import check_url
from ..leads import extract_lead
from ..requests import AddWebhook, BotControl, DeleteWebhook, LiveChat, LiveChatState, parse
from ..results import Done
from ..usage import in_range
from .common import USER_ONLINE_MS, _check_page, _now_ms


class EngagementOps:
    """Leads, webhook subscriptions and events, live chat."""

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

    # ------------------------------------------------------------------ bot control

    def bot_control(self, body: Mapping[str, Any] | BotControl) -> dict[str, Any]:
        """``POST bot-control``: switch the bot off (-1, for ``botOffMins`` or until switched
        on) or on (1) in one conversation, or toggle it. Only for conversations from
        WhatsApp, Instagram or Messenger, as the seed says."""
        req = parse(BotControl, body)
        now = _now_ms()
        with self._lock:
            conv = self._conversation_of(req.chatbotId, req.conversationId)
            if conv.get("source") not in BOT_CONTROL_SOURCES:
                raise NotSupportedForSource(
                    f"This endpoint only works for conversations originating from Whatsapp, "
                    f"Instagram or Messenger; conversation {req.conversationId!r} came from "
                    f"{conv.get('source')!r}.",
                    details={"conversationId": req.conversationId,
                             "source": conv.get("source")})
            current = -1 if bot_silenced(conv, now) and conv.get("botControl") == -1 else 1
            control = req.botControl if req.botControl is not None else -current
            minutes = req.botOffMins if control == -1 and req.botOffMins else 0
            until = now + minutes * 60_000 if minutes else None
            conv.update(botControl=control, botOffMins=minutes, botOffUntil=until)
            self.store.save_conversation(conv)
        stamp = None if until is None else datetime.fromtimestamp(
            until / 1000, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {"status": "success", "payload": {"botControl": control, "botOffMins": minutes,
                                                 "botOffTime": stamp}}


BOT_CONTROL_SOURCES = ("Whatsapp", "Instagram", "Messenger")


def bot_silenced(conversation: Mapping[str, Any] | None, now_ms: int) -> bool:
    """True while a person answers instead of the bot: live chat is on, or bot control is
    off (-1) and its ``botOffMins`` have not run out."""
    if not conversation:
        return False
    if conversation.get("liveChatEnded") is False:
        return True
    until = conversation.get("botOffUntil")
    return conversation.get("botControl") == -1 and (until is None or now_ms < until)
