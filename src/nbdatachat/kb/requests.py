"""Request bodies of the knowledge-base API (seed 002), validated with pydantic.

Field names are the seed's. Bodies that carry settings keep unknown fields (integrations,
styles, Calendly...) so they are stored as given; the others ignore extras so a client that
sends more than we use still works. Validation failures become one :class:`InvalidRequest`
naming the field and what it expects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InvalidRequest

MODELS = ("custom-data-upload", "medical-chat-human", "medical-chat-vet", "custom-model")
DELETE_TYPES = ("website", "file", "text", "qa", "product", "source")


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class QAndA(_Body):
    question: str = Field(..., min_length=1)
    answer: str = Field(..., min_length=1)


class ScrapeOptionsBody(_Body):
    Cookies: str | None = None
    extractMainContent: bool = True
    includeOnlyTags: str | list[str] | None = None
    excludeTags: str | list[str] | None = None


class TrainingData(_Body):
    sourceText: str | None = None
    urlsToScrape: list[str] | None = Field(None, max_length=200)
    products: list[dict[str, Any]] | None = Field(None, max_length=10_000)
    qAndAs: list[QAndA] | None = Field(None, max_length=10_000)
    options: ScrapeOptionsBody | None = None


class CreateChatbot(TrainingData):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    chatbotName: str = Field(..., min_length=1, max_length=200)
    customBackend: str | None = None
    bearer: str | None = None
    model: Literal["custom-data-upload", "medical-chat-human", "medical-chat-vet",
                   "custom-model"] = "custom-data-upload"


class DeleteSpec(_Body):
    model_config = ConfigDict(extra="allow")

    type: Literal["website", "file", "text", "qa", "product", "source"]
    url: str | None = None
    fileUrl: str | None = None
    fileName: str | None = None
    question: str | None = None
    id: str | None = None


class RetrainChatbot(TrainingData):
    chatbotId: str = Field(..., min_length=1)
    deletes: list[DeleteSpec] | None = Field(None, max_length=10_000)



class UpdateSettings(_Body):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    chatbotId: str = Field(..., min_length=1)
    chatbotName: str | None = Field(None, min_length=1, max_length=200)
    basePrompt: str | None = None
    initialMessages: list[str] | None = None
    suggestedMessages: list[str] | None = None
    visibility: Literal["private", "public"] | None = None
    onlyAllowOnAddedDomains: bool | None = None
    domains: list[str] | None = None
    rateLimitPoints: int | None = Field(None, ge=0)
    rateLimitTimeframe: int | None = Field(None, ge=0)
    rateLimitMessage: str | None = None
    baseModel: str | None = None
    temperature: float | None = Field(None, ge=0, le=1)
    storeChat: bool | None = None
    qALinks: list[dict[str, Any]] | None = None
    showCalendar: bool | None = None
    calendarUrl: str | None = None
    calendarMessage: str | None = None
    enableBouncingAnimation: bool | None = None
    ignoreDataSource: bool | None = None
    leadsConfig: dict[str, Any] | None = None
    styles: dict[str, Any] | None = None
    notification: dict[str, Any] | None = None
    customBackend: str | None = None
    bearer: str | None = None


class Message(_Body):
    model_config = ConfigDict(extra="allow")

    role: Literal["user", "assistant", "system"]
    content: str


class ConfidenceRequest(_Body):
    chatbotId: str = Field(..., min_length=1)
    messages: list[Message] = Field(..., min_length=1, max_length=500)
    baseModel: str | None = None


class ChatRequest(ConfidenceRequest):
    basePrompt: str | None = None
    stream: bool = False
    appendMessages: bool = False
    conversationId: str | None = Field(None, min_length=1, max_length=200)
    # Not in the seed: the visitor's country (ISO alpha-2) for get-analysis, when no
    # CF-IPCountry / X-Country header carries it.
    country: str | None = Field(None, max_length=20)


class AddWebhook(_Body):
    chatbotId: str = Field(..., min_length=1)
    url: str = Field(..., min_length=1, max_length=2000)
    event: Literal["chat", "live-chat-escalation", "lead-submission"]


class DeleteWebhook(_Body):
    chatbotId: str = Field(..., min_length=1)
    url: str = Field(..., min_length=1, max_length=2000)


class LiveChatFile(_Body):
    model_config = ConfigDict(extra="allow")

    name: str = Field(..., min_length=1)
    type: str | None = None
    url: str = Field(..., min_length=1)


class LiveChat(_Body):
    chatbotId: str = Field(..., min_length=1)
    conversationId: str = Field(..., min_length=1)
    message: str = Field(..., min_length=1)
    name: str | None = None
    avatar: str | None = None
    files: list[LiveChatFile] | None = Field(None, max_length=3)


class LiveChatState(_Body):
    chatbotId: str = Field(..., min_length=1)
    conversationId: str = Field(..., min_length=1)
    end: bool | None = None


class BotControl(_Body):
    chatbotId: str = Field(..., min_length=1)
    conversationId: str = Field(..., min_length=1)
    botControl: Literal[1, -1] | None = None
    botOffMins: int | None = Field(None, ge=1, le=525_600)


class SasTokenRequest(_Body):
    chatbotId: str = Field(..., min_length=1)
    fileUrl: str = Field(..., min_length=1, max_length=2000)


class QueryRequest(_Body):
    query: str = Field(..., min_length=1, max_length=10_000)
    count: int = Field(5, ge=1, le=100)


class DeleteFile(_Body):
    chatbotId: str = Field(..., min_length=1)
    fileUrl: str = Field(..., min_length=1)


class DeleteConversation(_Body):
    chatbotId: str = Field(..., min_length=1)
    conversationId: str = Field(..., min_length=1)


B = TypeVar("B", bound=BaseModel)


def parse(model: type[B], body: Mapping[str, Any] | B | None, **fields: Any) -> B:
    """Validate a request body (a dict, or already a model; ``fields`` override)."""
    if isinstance(body, model) and not fields:
        return body
    data = body.model_dump(exclude_unset=True) if isinstance(body, BaseModel) else \
        dict(body or {})
    data.update({k: v for k, v in fields.items() if v is not None})
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "body"
        raise InvalidRequest(f"Invalid {where}: {err['msg']}. See the API reference for "
                             f"{model.__name__}'s fields.",
                             details={"parameter": where, "errors": [
                                 {"field": ".".join(str(p) for p in e["loc"]),
                                  "message": e["msg"]} for e in exc.errors()[:10]]}) from None


__all__ = ["AddWebhook", "BotControl", "ChatRequest", "SasTokenRequest", "DeleteWebhook",
           "LiveChat", "LiveChatFile",
           "LiveChatState", "ConfidenceRequest", "CreateChatbot", "DELETE_TYPES",
           "DeleteConversation", "DeleteFile", "DeleteSpec", "MODELS", "Message",
           "QueryRequest", "RetrainChatbot", "ScrapeOptionsBody", "UpdateSettings", "parse"]
