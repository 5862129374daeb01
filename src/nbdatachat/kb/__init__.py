"""Knowledge bases: train on text, Q&As, products, files and URLs; answer with sources.

Public surface::

    KnowledgeBase          # notebook API: from_texts / from_files / add_url / ask
    KnowledgeBaseService   # one typed method per /api/v2 chatbot operation (seed 002)
    KBAnswer, Limits, UrlPolicy, ScrapeOptions, MemoryKBStore, SQLiteKBStore
    Plan                   # account limits: chatbots, credits per month, characters
    WebhookDispatcher, verify_signature   # signed, retried webhook deliveries

Retrieval is BM25 over stemmed tokens (confidence = TF-IDF cosine similarity in [0, 1]); an
embedding model can be plugged in through the :class:`Embedder` protocol.
"""

from __future__ import annotations

from ..extras import require

require("kb", "Knowledge bases (nbdatachat.KnowledgeBase)")

from .answer import KBAnswer, SourceRef
from .chunking import Chunk, split_text
from .errors import (CharacterLimitExceeded, ChatbotNotFound, UnreadableFile, UrlFetchFailed,
                     UrlNotAllowed)
from .fetch import ScrapeOptions, UrlPolicy
from .index import Embedder, Hit, KBIndex
from .knowledge_base import KnowledgeBase, Limits
from .results import (ChatbotInfo, ChatbotList, ChatResult, ConfidenceScore, Done,
                      QueryResult, TrainingResult, TrainingStatus)
from .service import KnowledgeBaseService, default_service
from .sources import Source
from .store import KBStore, MemoryKBStore, SQLiteKBStore
from .usage import Plan, PlanLimitReached
from .webhooks import WebhookDispatcher, verify_signature

__all__ = ["CharacterLimitExceeded", "ChatResult", "ChatbotInfo", "ChatbotList",
           "ChatbotNotFound", "Chunk", "ConfidenceScore", "Done", "Embedder", "Hit", "KBAnswer",
           "KBIndex", "KBStore", "KnowledgeBase", "KnowledgeBaseService", "Limits",
           "MemoryKBStore", "Plan", "PlanLimitReached", "QueryResult", "SQLiteKBStore", "ScrapeOptions", "Source",
           "SourceRef", "TrainingResult", "TrainingStatus", "UnreadableFile", "UrlFetchFailed",
           "UrlNotAllowed", "UrlPolicy", "WebhookDispatcher", "default_service", "split_text",
           "verify_signature"]
