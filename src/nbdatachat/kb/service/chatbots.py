"""Chatbot records and their conversations: get, list, update settings, delete."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Mapping
from typing import Any

from ...errors import NotFound
from ..requests import DeleteConversation, UpdateSettings, parse
from ..results import ChatbotInfo, ChatbotList, ConversationList, Done
from .common import DEFAULT_SETTINGS, PRIVATE_FIELDS, SERVER_FIELDS, _check_page


class ChatbotOps:
    """get-chatbot(s), update-chatbot-settings, delete-chatbot and the conversation endpoints."""

    def _public(self, record: dict[str, Any]) -> dict[str, Any]:
        out = {**copy.deepcopy(DEFAULT_SETTINGS), **record}
        for key in PRIVATE_FIELDS:
            out.pop(key, None)
        job = self._training.get(record["chatbotId"]) or \
            self._stored_training(record["chatbotId"])
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
            for key in ("model", *SERVER_FIELDS):
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
