"""Seed 001, analytics chat: ``POST /api/v1/analytics/chat`` plus conversations and
dashboards (a conversation's charts saved under a name and read back)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ..errors import NotFound
from ..store import ApiKey
from . import service
from .auth import owns, scoped
from .errors import Forbidden
from .hangup import ClientGone, run_until_hangup
from .models import ERRORS_001

router = APIRouter(tags=["analytics chat (seed 001)"], responses=ERRORS_001)


class ChatRequest(BaseModel):
    query: str = Field(..., min_length=1, max_length=10_000,
                       description="Natural-language question.")
    collectionIds: list[str] = Field(..., min_length=1, max_length=20,
                                     description="Datasets (collections) to query; repeated "
                                                 "ids count once.")
    conversationId: str | None = Field(None, description="Continue this conversation.")


class ChatResponse(BaseModel):
    success: bool
    conversationId: str
    messageId: str
    response: str
    charts: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    table: list[dict[str, Any]] | None = Field(None, description="The result table (records).")
    sql: str | None = Field(None, description="The query that computed it.")
    status: str = Field("answered", description="answered | needs_clarification | "
                                                "cannot_answer")


class DashboardRequest(BaseModel):
    conversationId: str = Field(..., min_length=1)
    name: str = Field(..., min_length=1, max_length=200)


def _state(request: Request) -> Any:
    return request.app.state.nbdc


def _collections(state: Any, ids: list[str], key: ApiKey) -> dict[str, Any]:
    """The collections as datasets of the key's tenant; 403 naming those it cannot use."""
    from .datasets import visible_names

    found = service.resolve_datasets(state, list(dict.fromkeys(ids)), key)
    missing = [c for c in dict.fromkeys(ids) if c not in found]
    if missing:
        names = visible_names(state, key.tenant)
        raise Forbidden(f"No access to collection(s) {', '.join(map(repr, missing))}: they do "
                        f"not exist for this API key. Available: {', '.join(names)}.",
                        details={"collectionIds": missing, "available": names})
    return found


@router.post("/api/v1/analytics/chat", response_model=ChatResponse)
async def chat(body: ChatRequest, request: Request,
               key: ApiKey = Depends(scoped("chat"))) -> Any:
    """Ask a question about one or more collections; continue with ``conversationId``."""
    state = _state(request)
    datasets = _collections(state, body.collectionIds, key)
    try:  # the panel's Stop hangs up: the work stops and nothing is recorded
        turn = await run_until_hangup(request, service.chat_turn, state, datasets, body.query,
                                      body.conversationId, key)
    except ClientGone:
        return Response(status_code=499)  # nginx's "client closed request"; nobody reads it
    # Already JSON-safe: skip FastAPI's re-validation of the (large) chart payload.
    return JSONResponse({"success": True, "conversationId": turn.conversation_id,
                         "messageId": turn.message_id, "response": turn.text,
                         "charts": turn.charts, "sources": turn.sources,
                         "table": turn.table_records, "sql": turn.sql, "status": turn.status})


@router.get("/api/v1/analytics/conversations/{conversation_id}")
def conversation(conversation_id: str, request: Request,
                 key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    """A conversation's messages, oldest first (persisted across restarts)."""
    store = _state(request).store
    conv = service.require_conversation(_state(request), conversation_id, key)
    msgs = store.conversations.messages(conversation_id)
    return {"conversationId": conversation_id, "collectionIds": conv["datasets"],
            "createdAt": conv["created"],
            "messages": [{"messageId": m["id"], "role": m["role"], "content": m["content"],
                          "charts": (m["payload"] or {}).get("charts", []),
                          "createdAt": m["created"]} for m in msgs]}


def _dashboard(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "conversationId": row["conversation_id"],
            "charts": row["charts"], "createdAt": row["created"]}


@router.post("/api/v1/dashboards", status_code=201)
def create_dashboard(body: DashboardRequest, request: Request,
                     key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    """Save every chart of a conversation as a named dashboard."""
    store = _state(request).store
    service.require_conversation(_state(request), body.conversationId, key)
    charts = [c for m in store.conversations.messages(body.conversationId)
              for c in (m["payload"] or {}).get("charts", [])]
    if not charts:
        from ..errors import InvalidRequest

        raise InvalidRequest("This conversation has no charts yet; ask a question whose answer "
                             "is a chart (e.g. 'sales by month') before saving a dashboard.",
                             details={"conversationId": body.conversationId})
    row = store.dashboards.create(name=body.name, conversation_id=body.conversationId,
                                  charts=charts, key_id=key.id, tenant=key.tenant)
    return {"success": True, **_dashboard(row)}


@router.get("/api/v1/dashboards")
def list_dashboards(request: Request,
                    key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    rows = [r for r in _state(request).store.dashboards.list(key.tenant)]
    return {"success": True, "dashboards": [
        {k: v for k, v in _dashboard(r).items() if k != "charts"} | {"chartCount": len(r["charts"])}
        for r in rows]}


@router.get("/api/v1/dashboards/{dashboard_id}")
def get_dashboard(dashboard_id: str, request: Request,
                  key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    row = _state(request).store.dashboards.get(dashboard_id)
    if row is None or not owns(key, row.get("tenant")):
        raise NotFound(f"No dashboard {dashboard_id!r}; GET /api/v1/dashboards lists them.",
                       details={"id": dashboard_id})
    return {"success": True, **_dashboard(row)}
