"""Seed 002, the chatbot / knowledge-base API under ``/api/v2/``.

Each route parses the seed's request (same paths, camelCase fields, defaults) and calls the
method of :class:`nbdatachat.kb.KnowledgeBaseService` named after it; the service validates,
and its typed errors are rendered in the seed's ``{"status": "error", "message"}`` shape
(``server/errors.py``). Every route needs a key with the ``kb`` scope. Each tenant is an
account of its own: its service sees the server's database (:class:`SqlKBStore`) through a
:class:`TenantKBStore`, so other tenants' chatbots answer 404 and the plan's limits count
per tenant. Services are created on a tenant's first ``/api/v2`` request (so the other APIs
never import the knowledge-base engine) and closed with the server.

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

from ..kb.requests import (AddWebhook, BotControl, ChatRequest, ConfidenceRequest,
                           CreateChatbot, DeleteConversation, DeleteFile, DeleteWebhook,
                           LiveChat, LiveChatState, QueryRequest, RetrainChatbot,
                           SasTokenRequest, UpdateSettings)
from .auth import scoped

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
                   dependencies=[Depends(scoped("kb"))])

_create_lock = threading.Lock()
#: Routes that carry their own proof or are public: signed file links, icons.
public = APIRouter(prefix="/api/v2", tags=["chatbots (seed 002)"], responses=ERRORS_002)


def kb_service(request: Request) -> Any:
    """The :class:`KnowledgeBaseService` of the caller's tenant (one per tenant and process,
    created on first use)."""
    state = request.app.state.nbdc
    key = request.state.api_key
    account = (key.tenant, key.is_admin)
    services = getattr(state, "kb_services", None)
    service = services.get(account) if services is not None else None
    if service is not None:
        return service
    with _create_lock:
        if getattr(state, "kb_services", None) is None:
            state.kb_services = {}
        service = state.kb_services.get(account)
        if service is None:
            from ..kb import KnowledgeBaseService
            from ..kb.store import TenantKBStore
            from ..kb.usage import Plan
            from ..store.kb import SqlKBStore

            base = str(request.base_url).rstrip("/")
            store = TenantKBStore(SqlKBStore(state.store.engine), key.tenant,
                                  admin=key.is_admin)
            service = KnowledgeBaseService(
                store, plan=Plan.from_env(), files_dir=state.data_dir / "kb_files",
                file_url_prefix=f"{base}/api/v2/files", lease_secs=state.config.lease_secs,
                file_secret=state.store.secret("kb_file_links"))
            from ..llm.retrieval import query_rewriter

            service.query_rewriter = query_rewriter(getattr(state, "llm", None))
            state.kb_services[account] = service
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


@router.post("/bot-control")
def bot_control(body: BotControl, request: Request) -> dict[str, Any]:
    """Switch the bot off (-1, optionally for ``botOffMins``) or on (1) in a WhatsApp,
    Instagram or Messenger conversation, or toggle it; while off, chat stores the user's
    messages for a person and answers nothing."""
    return kb_service(request).bot_control(body)


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


@public.get("/files/{chatbotId}/{fileName}", response_class=FileResponse,
            responses={403: {"model": ChatbotErrorBody,
                             "description": "Expired or altered file link"}})
async def get_file(chatbotId: str, fileName: str, request: Request,  # noqa: N803
                   se: str | None = Query(None, description="SAS token: expiry"),
                   sig: str | None = Query(None, description="SAS token: signature")
                   ) -> FileResponse:
    """The bytes of an uploaded file (the ``url`` upload-file returned): with an API key
    (``kb`` scope) of the chatbot's tenant, or without one through a file link signed by
    ``get-file-sas-token`` (30 days)."""
    if sig is not None:
        path = _signed_file(request, chatbotId, fileName, se or "", sig)
    else:
        await _kb_key(request)
        path = kb_service(request).file_path(chatbotId, fileName)
    return FileResponse(path, headers={"X-Content-Type-Options": "nosniff"})


@router.post("/get-file-sas-token")
def get_file_sas_token(body: SasTokenRequest, request: Request) -> dict[str, Any]:
    """A 30-day signed link to one of the chatbot's uploaded files: ``sasToken`` (append it
    to the file's URL after ``?``) and the full ``url``."""
    return kb_service(request).file_sas_token(body)


# ---------------------------------------------------------------------------- icons


@router.post("/upload-chatbot-icon/{chatbotId}")
async def upload_chatbot_icon(chatbotId: str, request: Request,  # noqa: N803
                              image: UploadFile = File(...)) -> dict[str, Any]:
    """Set the chatbot's icon: a PNG, JPEG, GIF or WebP image (checked by its bytes) of at
    most 1 MB; the chatbot's ``icon`` field then holds its URL."""
    data = await image.read()
    service = kb_service(request)
    return _body(await run_in_threadpool(service.upload_chatbot_icon, chatbotId, data))


@router.delete("/delete-chatbot-icon/{chatbotId}")
def delete_chatbot_icon(chatbotId: str, request: Request) -> dict[str, Any]:  # noqa: N803
    return _body(kb_service(request).delete_chatbot_icon(chatbotId))


@public.get("/chatbot-icon/{chatbotId}", response_class=FileResponse)
def chatbot_icon(chatbotId: str, request: Request) -> FileResponse:  # noqa: N803
    """The chatbot's icon (public, as a chat widget shows it), with its image type."""
    path, media_type = _any_tenant(request).chatbot_icon(chatbotId)
    return FileResponse(path, media_type=media_type,
                        headers={"X-Content-Type-Options": "nosniff",
                                 "Cache-Control": "public, max-age=300"})


def _any_tenant(request: Request) -> Any:
    """A service over every tenant's chatbots, for links that carry their own proof (a
    signature) or are public (icons); it never lists or changes anything."""
    state = request.app.state.nbdc
    with _create_lock:
        service = getattr(state, "kb_links", None)
        if service is None:
            from ..kb import KnowledgeBaseService
            from ..store.kb import SqlKBStore

            service = KnowledgeBaseService(
                SqlKBStore(state.store.engine), files_dir=state.data_dir / "kb_files",
                file_url_prefix=f"{str(request.base_url).rstrip('/')}/api/v2/files",
                file_secret=state.store.secret("kb_file_links"))
            state.kb_links = service
    return service


def _signed_file(request: Request, chatbot_id: str, file_name: str, se: str,
                 sig: str) -> Any:
    return _any_tenant(request).file_by_sas(chatbot_id, file_name, se, sig)


async def _kb_key(request: Request) -> Any:
    """The caller's key (``kb`` scope) for a public route that also serves keyed callers."""
    from .auth import key_for, require_scope, secret_from_headers

    key = getattr(request.state, "api_key", None)
    if key is None:
        key = key_for(request.app.state.nbdc, secret_from_headers(
            {k.lower(): v for k, v in request.headers.items()}))
        request.state.api_key = key
    require_scope(key, "kb", "use the chatbot API (/api/v2)")
    return key


# ---------------------------------------------------------------------------- account


@router.get("/account")
def account(request: Request) -> dict[str, Any]:
    """Usage against the plan's limits (chatbots, credits this month, characters)."""
    return kb_service(request).account()


__all__ = ["kb_service", "public", "router"]
