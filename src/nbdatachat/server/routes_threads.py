"""Seed 004, threads: ``POST /api/newMessage`` starts a thread (or adds to ``thread_id``)
and returns at once; the answer is computed in the background and ``GET /api/getThread``
is polled until ``run_status.status`` is completed (or failed/expired/cancelled)."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from ..errors import Conflict, NotFound
from ..store import ApiKey, new_id
from . import service
from .auth import owns, scoped
from .datasets import require
from .models import ERRORS_000

router = APIRouter(tags=["threads (seed 004)"], responses=ERRORS_000)


class NewMessageRequest(BaseModel):
    message: str = Field(..., min_length=1, max_length=10_000, description="The question.")
    thread_id: str | None = Field(None, description="Add to this thread; omit to start one.")
    dataset: str | None = Field(None, description="Dataset a new thread talks about "
                                                  "(default: the server's default dataset).")


def _state(request: Request) -> Any:
    return request.app.state.nbdc


def _thread_body(state: Any, thread: dict[str, Any]) -> dict[str, Any]:
    status = {"status": thread["status"], "run_id": thread["run_id"]}
    if thread["last_error"]:
        status["last_error"] = thread["last_error"]
    return {"thread_id": thread["id"], "dataset": thread["dataset"], "run_status": status}


@router.post("/api/newMessage")
def new_message(body: NewMessageRequest, request: Request,
                key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    """Queue a message; the run answers it in the background."""
    state = _state(request)
    if body.thread_id:
        thread = state.store.threads.get(body.thread_id)
        if thread is None or not owns(key, thread.get("tenant")):
            raise NotFound(f"No thread {body.thread_id!r}; omit thread_id to start a new one.",
                           details={"thread_id": body.thread_id})
        if thread["status"] in ("queued", "in_progress"):
            raise Conflict("The thread's previous run has not finished; poll /api/getThread "
                           "until run_status.status is completed, then send the next message.",
                           details={"thread_id": body.thread_id,
                                    "status": thread["status"]})
        dataset = thread["dataset"]
    else:
        dataset = body.dataset or state.config.default_dataset
        require(state, dataset, key.tenant)
        tid = state.store.conversations.create(kind="thread", datasets=[dataset],
                                               key_id=key.id, tenant=key.tenant)
        state.store.threads.create(tid, dataset, key.id, tenant=key.tenant)
        thread = state.store.threads.get(tid)
    datasets = service.resolve_datasets(state, [dataset], key)
    if not datasets:  # deleted since the thread started
        require(state, dataset, key.tenant)
    run_id = new_id("run")
    message_id = state.store.conversations.add_message(thread["id"], "user", body.message)
    state.store.threads.set_status(thread["id"], "queued", run_id=run_id)
    state.runs.submit(service.thread_run, state, thread["id"], datasets, body.message, run_id,
                      key)
    return {"thread_id": thread["id"], "message_id": message_id,
            "run_status": {"status": "queued", "run_id": run_id}}


@router.get("/api/getThread")
def get_thread(request: Request, threadId: str = Query(..., min_length=1),
               key: ApiKey = Depends(scoped("chat"))) -> dict[str, Any]:
    """The thread's messages (oldest first) and the status of its latest run."""
    state = _state(request)
    thread = state.store.threads.get(threadId)
    if thread is None or not owns(key, thread.get("tenant")):
        raise NotFound(f"No thread {threadId!r}.", details={"threadId": threadId})
    timeout = state.config.run_timeout_secs
    if thread["status"] in ("queued", "in_progress") and time.time() - thread["updated"] > timeout:
        # A run that outlived its time budget is reported expired, as the seed's clients
        # expect, instead of being polled forever.
        state.store.threads.set_status(threadId, "expired", last_error={
            "code": "run_expired", "message": f"The run did not finish within {timeout:g} s; "
                                              f"send the message again."})
        thread = state.store.threads.get(threadId)
    messages = [{"id": m["id"], "object": "thread.message", "role": m["role"],
                 "created_at": int(m["created"]), "thread_id": threadId,
                 "content": [{"type": "text", "text": {"value": m["content"],
                                                       "annotations": []}}],
                 "metadata": {k: v for k, v in (m["payload"] or {}).items()
                              if k in ("charts", "dataFilePath", "sources")}}
                for m in state.store.conversations.messages(threadId)]
    return {**_thread_body(state, thread), "messages": messages}
