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

from .common import DEFAULT_SETTINGS
from .core import KnowledgeBaseService, default_service

__all__ = ["DEFAULT_SETTINGS", "KnowledgeBaseService", "default_service"]
