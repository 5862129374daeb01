"""Seed 002, the chatbot / knowledge-base API under ``/api/v2/``.

Each route parses the seed's request (same paths, camelCase fields, defaults) and calls the
method of :class:`nbdatachat.kb.KnowledgeBaseService` named after it; the service validates,
and its typed errors are rendered in the seed's ``{"status": "error", "message"}`` shape
(``server/errors.py``). The service lives on the server's database (:class:`SqlKBStore`), is
created on the first ``/api/v2`` request (so the other APIs never import the knowledge-base
engine) and is closed with the server.

Beyond the seed: ``GET /api/v2/files/{chatbotId}/{fileName}`` serves the uploaded file the
``upload-file`` URL points to, and ``POST /chat`` accepts ``Accept: text/plain`` for the bare
reply text without streaming.
"""

from __future__ import annotations

import threading
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Header, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, PlainTextResponse, StreamingResponse
from pydantic import BaseModel

from ..kb.requests import (AddWebhook, ChatRequest, ConfidenceRequest, CreateChatbot,
                           DeleteConversation, DeleteFile, DeleteWebhook, LiveChat,
                           LiveChatState, QueryRequest, RetrainChatbot, UpdateSettings)
from .auth import authenticate

Source = Literal["iframe", "site", "api", "widget", "Discord", "Slack", "Whatsapp",
                 "Messenger"]


class ChatbotErrorBody(BaseModel):
    """Seed 002's failed response: ``status: "error"`` and a ``message`` (plus the typed
    ``error`` object shared with the other APIs)."""

    status: str
    message: str
    error: dict[str, Any] | None = None


ERRORS_002: dict[int | str, Any] = {
    status: {"model": ChatbotErrorBody, "description": text} for status, text in {
        400: "Invalid request", 401: "Missing or invalid API key",
        403: "Plan limit reached", 404: "Unknown chatbot, conversation, file or webhook",
        413: "Over the character or body-size limit", 429: "Rate limit exceeded",
        500: "Internal error", 502: "A URL to train on could not be fetched"}.items()}

router = APIRouter(prefix="/api/v2", tags=["chatbots (seed 002)"], responses=ERRORS_002,
                   dependencies=[Depends(authenticate)])

_create_lock = threading.Lock()


def kb_service(request: Request) -> Any:
    """The server's :class:`KnowledgeBaseService` (created on first use, one per process)."""
    state = request.app.state.nbdc
    service = getattr(state, "kb", None)
    if service is not None:
        return service
    with _create_lock:
        service = getattr(state, "kb", None)
        if service is None:
            from ..kb import KnowledgeBaseService
            from ..kb.usage import Plan
            from ..store.kb import SqlKBStore

            base = str(request.base_url).rstrip("/")
            service = KnowledgeBaseService(
                SqlKBStore(state.store.engine), plan=Plan.from_env(),
                files_dir=state.data_dir / "kb_files",
                file_url_prefix=f"{base}/api/v2/files")
            state.kb = service
    return service


def _body(result: Any) -> Any:
    return result.to_dict() if hasattr(result, "to_dict") else result


# ---------------------------------------------------------------------------- chatbots


@router.post("/create-chatbot")
def create_chatbot(body: CreateChatbot, request: Request) -> dict[str, Any]:
    """Create a chatbot trained on ``sourceText``, ``qAndAs``, ``products`` and
    ``urlsToScrape``; training runs in the background (poll ``chatbot/status``)."""
    return _body(kb_service(request).create_chatbot(body))


@router.post("/retrain-chatbot")
def retrain_chatbot(body: RetrainChatbot, request: Request) -> dict[str, Any]:
    """Add sources (same URL / question / product id replaces) and apply ``deletes``."""
    return _body(kb_service(request).retrain_chatbot(body))


@router.get("/chatbot/status/{chatbotId}")
def chatbot_status(chatbotId: str, request: Request) -> dict[str, Any]:  # noqa: N803
    """Training progress, 0 to 100."""
    return _body(kb_service(request).chatbot_status(chatbotId))


@router.get("/get-chatbots")
def get_chatbots(request: Request) -> dict[str, Any]:
    return _body(kb_service(request).get_chatbots())


@router.get("/get-chatbot/{chatbotId}")
def get_chatbot(chatbotId: str, request: Request) -> dict[str, Any]:  # noqa: N803
    return _body(kb_service(request).get_chatbot(chatbotId))


@router.post("/update-chatbot-settings")
def update_chatbot_settings(body: UpdateSettings, request: Request) -> dict[str, Any]:
    """Change the settings sent, keep the others (integrations etc. are stored as sent)."""
    return _body(kb_service(request).update_chatbot_settings(body))


@router.delete("/delete-chatbot/{chatbotId}")
def delete_chatbot(chatbotId: str, request: Request) -> dict[str, Any]:  # noqa: N803
    """Delete the chatbot with its sources, conversations, leads, traffic, webhooks and
    uploaded files."""
    return _body(kb_service(request).delete_chatbot(chatbotId))


# ---------------------------------------------------------------------------- chat & retrieval


@router.post("/chat", response_model=None)
def chat(body: ChatRequest, request: Request, response: Response,
         cf_ipcountry: str | None = Header(None, alias="CF-IPCountry"),
         x_country: str | None = Header(None, alias="X-Country"),
         accept: str | None = Header(None)) -> Any:
    """Answer the last user message. ``stream: true`` streams the reply as text/plain
    chunks (the conversation id is in the ``X-Conversation-Id`` header)."""
    result = kb_service(request).chat(body, source="api", country=cf_ipcountry or x_country)
    headers = {"X-Conversation-Id": result.conversation_id}
    if body.stream:
        return StreamingResponse(result.stream(), media_type="text/plain; charset=utf-8",
                                 headers=headers)
    if accept and "text/plain" in accept and "application/json" not in accept:
        return PlainTextResponse(result.text, headers=headers)
    response.headers.update(headers)
    return result.to_dict()


@router.post("/get-confidence-score")
def get_confidence_score(body: ConfidenceRequest, request: Request) -> dict[str, Any]:
    """Cosine similarities of the chunks a chat on these messages would use."""
    return _body(kb_service(request).get_confidence_score(body))


@router.post("/query-knowledge-base/{chatbotId}")
def query_knowledge_base(chatbotId: str, body: QueryRequest,  # noqa: N803
                         request: Request) -> list[dict[str, Any]]:
    """Up to ``count`` passages with a positive similarity to ``query``."""
    return _body(kb_service(request).query_knowledge_base(chatbotId, body))


# ---------------------------------------------------------------------------- conversations


@router.get("/get-conversations/{chatbotId}")
def get_conversations(request: Request, chatbotId: str,  # noqa: N803
                      startTimestamp: float | None = Query(None),  # noqa: N803
                      endTimestamp: float | None = Query(None),  # noqa: N803
                      start: int = Query(0, ge=0), size: int = Query(100, ge=1, le=10_000),
                      source: Source | None = Query(None)) -> dict[str, Any]:
    """Conversations, newest first; timestamps are epoch milliseconds."""
    return _body(kb_service(request).get_conversations(
        chatbotId, start=start, size=size, start_timestamp=startTimestamp,
        end_timestamp=endTimestamp, source=source))


@router.get("/get-conversation/{conversationId}")
def get_conversation(conversationId: str, request: Request) -> dict[str, Any]:  # noqa: N803
    return kb_service(request).get_conversation(conversationId)


@router.delete("/delete-conversation")
def delete_conversation(body: DeleteConversation, request: Request) -> dict[str, Any]:
    return _body(kb_service(request).delete_conversation(body))


@router.get("/get-customers/{chatbotId}")
def get_customers(request: Request, chatbotId: str,  # noqa: N803
                  startTimestamp: float | None = Query(None),  # noqa: N803
                  endTimestamp: float | None = Query(None),  # noqa: N803
                  start: int = Query(0, ge=0), size: int = Query(100, ge=1, le=10_000),
                  source: Source | None = Query(None)) -> dict[str, Any]:
    """Leads collected in chats (per the chatbot's ``leadsConfig``), newest first."""
    return kb_service(request).get_customers(
        chatbotId, start=start, size=size, start_timestamp=startTimestamp,
        end_timestamp=endTimestamp, source=source)


@router.get("/get-analysis/{chatbotId}")
def get_analysis(request: Request, chatbotId: str,  # noqa: N803
                 startTimestamp: float | None = Query(None),  # noqa: N803
                 endTimestamp: float | None = Query(None)) -> dict[str, Any]:  # noqa: N803
    """Chats per country, per hour (UTC) and credits per day, from recorded traffic."""
    return kb_service(request).get_analysis(chatbotId, start_timestamp=startTimestamp,
                                            end_timestamp=endTimestamp)


@router.post("/live-chat")
def live_chat(body: LiveChat, request: Request) -> dict[str, Any]:
    """Append a human agent's message to an existing conversation."""
    return kb_service(request).live_chat(body)


@router.post("/livechat-state")
def livechat_state(body: LiveChatState, request: Request) -> dict[str, Any]:
    """Set (``end``) or toggle whether the conversation's live chat has ended."""
    return kb_service(request).livechat_state(body)


# ---------------------------------------------------------------------------- webhooks


@router.post("/add-webhook")
def add_webhook(body: AddWebhook, request: Request) -> dict[str, Any]:
    """Subscribe an endpoint to ``chat``, ``live-chat-escalation`` or ``lead-submission``
    events; deliveries are signed with the returned ``secret``."""
    return _body(kb_service(request).add_webhook(body))


@router.post("/delete-webhook")
def delete_webhook(body: DeleteWebhook, request: Request) -> dict[str, Any]:
    return _body(kb_service(request).delete_webhook(body))


# ---------------------------------------------------------------------------- files


@router.post("/upload-file/{chatbotId}")
async def upload_file(chatbotId: str, request: Request,  # noqa: N803
                      file: UploadFile = File(...)) -> dict[str, Any]:
    """Train on a file (pdf, docx, html, txt, md, csv, json); returns its ``url``."""
    data = await file.read()
    service = kb_service(request)
    result = await run_in_threadpool(service.upload_file, chatbotId, file.filename or "",
                                     data, file.content_type)
    return _body(result)


@router.post("/delete-file")
def delete_file(body: DeleteFile, request: Request) -> dict[str, Any]:
    """Remove an uploaded file and what was learnt from it."""
    return _body(kb_service(request).delete_file(body))


@router.get("/files/{chatbotId}/{fileName}", response_class=FileResponse)
def get_file(chatbotId: str, fileName: str, request: Request) -> FileResponse:  # noqa: N803
    """The bytes of an uploaded file (the ``url`` upload-file returned)."""
    return FileResponse(kb_service(request).file_path(chatbotId, fileName))


# ---------------------------------------------------------------------------- account


@router.get("/account")
def account(request: Request) -> dict[str, Any]:
    """Usage against the plan's limits (chatbots, credits this month, characters)."""
    return kb_service(request).account()


__all__ = ["kb_service", "router"]
