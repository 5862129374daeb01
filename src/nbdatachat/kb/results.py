"""Typed results of the knowledge-base service, each ``to_dict()``-ing to the seed's shape.

The HTTP layer returns ``result.to_dict()`` as the JSON body; names are the seed's (camelCase,
including its ``relavant_score`` spelling) so the endpoints stay thin.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .answer import KBAnswer, SourceRef


@dataclass
class ConfidenceScore:
    """``get-confidence-score``: cosine similarities of the chunks a chat would use."""

    embedding_text: str
    sources: list[SourceRef] = field(default_factory=list)

    @property
    def scores(self) -> list[float]:
        return [s.score for s in self.sources]

    @property
    def average(self) -> float:
        return round(sum(self.scores) / len(self.scores), 4) if self.scores else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"status": "success", "averageScore": self.average, "scoresArray": self.scores,
                "sources": [[s.to_dict() for s in self.sources]],
                "embeddingText": self.embedding_text}


@dataclass
class KnowledgeSnippet:
    source: str
    snippet: str
    score: float
    title: str = ""
    type: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "snippet": self.snippet, "relavant_score": self.score,
                "title": self.title, "type": self.type}


@dataclass
class QueryResult:
    """``query-knowledge-base``: the seed answers with a bare JSON array."""

    query: str
    snippets: list[KnowledgeSnippet] = field(default_factory=list)

    def to_dict(self) -> list[dict[str, Any]]:  # the seed's body is an array
        return [s.to_dict() for s in self.snippets]


@dataclass
class TrainingResult:
    """``create-chatbot`` / ``retrain-chatbot``."""

    chatbot_id: str
    consumed_characters: int
    remaining_characters: int
    data_sources: list[dict[str, Any]] = field(default_factory=list)
    progress: int = 100
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"chatbotId": self.chatbot_id, "consumedCharacters": self.consumed_characters,
                "remainingCharacters": self.remaining_characters,
                "dataSources": self.data_sources, "progress": self.progress,
                "errors": self.errors, "status": "success"}


@dataclass
class TrainingStatus:
    """``chatbot/status/{id}``: progress 0-100 while indexing runs in the background."""

    chatbot_id: str
    progress: int
    state: str  # "training" | "ready" | "failed"
    errors: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": "success", "progress": self.progress,
                               "state": self.state, "errors": self.errors}
        if self.message:
            out["message"] = self.message
        return out


@dataclass
class ChatbotInfo:
    """``get-chatbot``: the chatbot record (settings + training state)."""

    record: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"status": "success", "chatbot": self.record}


@dataclass
class ChatbotList:
    records: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"status": "success", "chatbots": self.records}


@dataclass
class Done:
    """Plain ``{"status": "success", ...}`` acknowledgements (delete, update, files)."""

    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"status": "success", **self.extra}


@dataclass
class ChatResult:
    """``chat``: the reply text (the seed's body, streamed or whole) plus what backs it."""

    conversation_id: str
    answer: KBAnswer
    messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.answer.text

    def stream(self) -> Iterator[str]:
        """The reply in word-sized pieces, for ``stream: true`` (text/plain chunks)."""
        words = self.text.split(" ")
        for i, word in enumerate(words):
            yield word if i == len(words) - 1 else word + " "

    def to_dict(self) -> dict[str, Any]:
        return {"status": "success", "conversationId": self.conversation_id,
                "response": self.text, "confidence": round(self.answer.confidence, 4),
                "kind": self.answer.kind,
                "sources": [s.to_dict() for s in self.answer.sources]}


@dataclass
class ConversationList:
    conversations: list[dict[str, Any]]
    total: int

    def to_dict(self) -> dict[str, Any]:
        return {"status": "success", "conversations": self.conversations, "total": self.total}


__all__ = ["ChatResult", "ChatbotInfo", "ChatbotList", "ConfidenceScore", "ConversationList",
           "Done", "KnowledgeSnippet", "QueryResult", "TrainingResult", "TrainingStatus"]
