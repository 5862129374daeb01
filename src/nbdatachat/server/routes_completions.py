"""Seed 003, data intelligence: an OpenAI-compatible ``/api/v1/chat/completions`` whose
``model`` is an application (a dataset name), with ``responseType`` raw/html/md and
``stream: true`` as server-sent events; ``suggestGraph``, ``getData`` and ``applications``.
Errors use the seed's exact bodies (see :mod:`.errors`)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InvalidRequest
from ..store import ApiKey
from . import service
from .auth import owns, scoped
from .datasets import all_entries
from .errors import ApplicationUnavailable
from .models import ERRORS_003

router = APIRouter(tags=["data intelligence (seed 003)"], responses=ERRORS_003)

RESPONSE_TYPES = ("raw", "html", "md")


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str = Field(..., description="user | assistant | system")
    content: str | list[dict[str, Any]] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")
    include_usage: bool = False


class CompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # OpenAI clients send temperature, etc.
    model: str = Field(..., min_length=1, max_length=200,
                       description="The application (dataset) to query.")
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=200)
    stream: bool = False
    stream_options: StreamOptions | None = Field(
        None, description="With include_usage, the stream ends with a chunk carrying usage.")


class SuggestGraphRequest(BaseModel):
    model: str = Field(..., min_length=1)
    graphType: str = Field("Custom", description="Custom, Vertical Bar Chart, Line Chart, "
                                                 "Donut Chart, Pie Chart, Scatter Chart, "
                                                 "Area Chart")
    dataFilePath: str = Field(..., min_length=1)
    query: str = Field(..., min_length=1)


class GetDataRequest(BaseModel):
    model: str = Field(..., min_length=1)
    dataFilePath: str = Field(..., min_length=1)


class ApplicationsRequest(BaseModel):
    pageNumber: int | None = Field(None, ge=1)
    pageSize: int | None = Field(None, ge=1, le=1000)
    projectName: str | None = None


def _state(request: Request) -> Any:
    return request.app.state.nbdc


def _application(state: Any, model: str, key: ApiKey) -> dict[str, Any]:
    """{model: Dataset} for the key's tenant, or the seed's 412."""
    found = service.resolve_datasets(state, [model], key)
    if not found:
        raise ApplicationUnavailable(f"Unknown application {model!r}.",
                                     details={"application": model})
    return found


def _question(messages: list[ChatMessage]) -> str:
    for m in reversed(messages):
        if m.role == "user":
            content = m.content
            if isinstance(content, list):  # OpenAI content parts
                content = " ".join(str(p.get("text", "")) for p in content
                                   if isinstance(p, dict) and p.get("type") == "text")
            if content and str(content).strip():
                return str(content).strip()
    raise InvalidRequest("Please provide a valid value for messages.",
                         details={"parameter": "messages"})


def _chunks(text: str, size: int = 48) -> Iterator[str]:
    """Split ``text`` at spaces into pieces of about ``size`` characters."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space + 1 if space > start else end
        yield text[start:end]
        start = end


@router.post("/api/v1/chat/completions")
async def completions(body: CompletionRequest, request: Request,
                      response_type: str | None = Header(None, alias="responseType"),
                      key: ApiKey = Depends(scoped("chat"))) -> Any:
    """OpenAI chat completion over an application; the answer's table is kept and its
    ``dataFilePath`` returned for ``getData`` and ``suggestGraph``."""
    state = _state(request)
    fmt = (response_type or "raw").strip().lower()
    if fmt not in RESPONSE_TYPES:
        raise InvalidRequest("Please provide a valid value for responseType.",
                             details={"parameter": "responseType", "accepted": RESPONSE_TYPES})
    datasets = _application(state, body.model, key)
    question = _question(body.messages)
    turn = await run_in_threadpool(service.completion_turn, state, datasets, question, fmt,
                                   key)
    created = int(time.time() * 1000)
    cid = str(uuid.uuid4())
    if body.stream:
        usage = _usage(question, turn) if body.stream_options and \
            body.stream_options.include_usage else None
        return StreamingResponse(_stream(cid, created, body.model, turn.content, usage),
                                 media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache"})
    return {"created": created, "model": body.model, "service_tier": "default", "id": cid,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": turn.content,
                                                 "refusal": None},
                         "logprobs": None, "finish_reason": "stop"}],
            "system_fingerprint": state.fingerprint, "object": "chat.completion",
            "usage": _usage(question, turn),
            "dataFilePath": turn.data_file_path, "graphSuggestion": turn.suggestion,
            "conversationId": turn.conversation_id}


def _usage(question: str, turn: Any) -> dict[str, int]:
    """The model's tokens when the configured model planned the answer; otherwise words
    (the rule reader spends no tokens)."""
    if turn.usage:
        return {k: int(turn.usage.get(k, 0)) for k in ("prompt_tokens", "completion_tokens",
                                                        "total_tokens")}
    prompt, completion = len(question.split()), len(turn.content.split())
    return {"prompt_tokens": prompt, "completion_tokens": completion,
            "total_tokens": prompt + completion}


def _stream(cid: str, created: int, model: str, content: str,
            usage: dict[str, int] | None = None) -> Iterator[str]:
    """Server-sent chunks as OpenAI streams them; with ``usage`` (``stream_options.
    include_usage``) every chunk carries ``usage: null`` and a last chunk with empty
    ``choices`` carries the totals."""
    def chunk(delta: dict[str, Any] | None, finish: str | None,
              totals: dict[str, int] | None = None) -> str:
        payload: dict[str, Any] = {
            "id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
            "system_fingerprint": None,
            "choices": [] if delta is None else [{"index": 0, "delta": delta,
                                                  "logprobs": None, "finish_reason": finish}]}
        if usage is not None:
            payload["usage"] = totals
        return f"data: {json.dumps(payload)}\n\n"

    yield chunk({"role": "assistant", "content": ""}, None)
    for piece in _chunks(content):
        yield chunk({"content": piece}, None)
    yield chunk({}, "stop")
    if usage is not None:
        yield chunk(None, None, usage)
    yield "data: [DONE]\n\n"


@router.get("/api/v1/models")
def models(request: Request, key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    """OpenAI's model list (``client.models.list()``): the applications this key may use."""
    return {"object": "list", "data": [
        {"id": a["name"], "object": "model", "created": int(a["created"]),
         "owned_by": "nbdatachat" if a["shared"] else "you"}
        for a in all_entries(_state(request), key.tenant)]}


def _result(state: Any, model: str, path: str, key: ApiKey) -> dict[str, Any]:
    _application(state, model, key)
    row = state.store.results.get_by_path(path)
    if row is None or not owns(key, row.get("tenant")):
        raise InvalidRequest("Please provide a valid value for dataFilePath.",
                             details={"parameter": "dataFilePath"})
    return row


@router.post("/v1/chat/suggestGraph")
async def suggest_graph(body: SuggestGraphRequest, request: Request,
                        key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    """A graph for the result at ``dataFilePath`` (from a completion), shaped by ``query``."""
    state = _state(request)
    row = _result(state, body.model, body.dataFilePath, key)
    suggestion = await run_in_threadpool(service.suggest_graph, row, body.query, body.graphType)
    return {"graphSuggestion": suggestion}


@router.post("/api/v1/chat/getData")
def get_data(body: GetDataRequest, request: Request,
             key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    """The CSV text of the result at ``dataFilePath``."""
    return {"data": _result(_state(request), body.model, body.dataFilePath, key)["csv"]}


@router.post("/api/v1/chat/applications")
def applications(request: Request, body: ApplicationsRequest | None = None,
                 key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    """Applications (datasets) this key can query, optionally paginated and by project."""
    body = body or ApplicationsRequest()
    apps = [a for a in all_entries(_state(request), key.tenant)
            if body.projectName is None or a["projectName"] == body.projectName]
    total = len(apps)
    if body.pageSize:
        start = ((body.pageNumber or 1) - 1) * body.pageSize
        apps = apps[start:start + body.pageSize]
    data = [{"role": "admin", "description": a["description"],
             "dateModified": int(a["modified"] * 1000), "tags": ["demo"] if a["demo"] else [],
             "dateCreated": int(a["created"] * 1000),
             "sourceType": "demo" if a["demo"] else a["kind"],
             "createdBy": a["createdBy"] or key.name,
             "name": a["name"], "connectionId": a["name"], "modifiedBy": a["createdBy"]
             or key.name, "connectionName": a["kind"], "projectName": a["projectName"],
             "syncStatus": "Synced"} for a in apps]
    return {"totalRecords": total, "data": data, "message": "List fetched successfully",
            "status": "SUCCESS"}

