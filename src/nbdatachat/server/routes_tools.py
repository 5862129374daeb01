"""Seed 000, the analysis-tools API: health, tool list and schemas, run (sync or
``pollResponse``), job status. Errors: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import time
import uuid
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from .._version import __version__
from ..errors import Conflict, DataError, NotFound
from ..jobs import Job, check_processing_id, duplicate_job
from ..store import ApiKey
from ..tools import list_tools, tool_names, tool_schema, validate_inputs
from .auth import owns, require_tool, scoped
from .datasets import lookup, visible_names
from .errors import status_for_code
from .models import ERRORS_000, ErrorBody

router = APIRouter(tags=["analysis tools (seed 000)"], responses=ERRORS_000)


class TaskInputs(BaseModel):
    """The tool's inputs; fields beyond these depend on the tool (see its schema)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"example": {
        "name": "linear_regression", "processing_id": "unique_id_123",
        "dataset": [{"sales": 100, "marketing": 50, "price": 25},
                    {"sales": 150, "marketing": 75, "price": 30},
                    {"sales": 120, "marketing": 60, "price": 28}],
        "target": "sales", "features": ["marketing", "price"]}})

    name: str = Field(..., description="Tool to run, e.g. linear_regression (GET /tools).")
    processing_id: str | None = Field(None, description="Your id for the job; must be unique.")


class TaskList(BaseModel):
    inputs: TaskInputs


class RunRequest(BaseModel):
    taskList: TaskList
    pollResponse: bool = Field(False, description="Return at once; poll /tools/status/{id}.")


class JobBody(BaseModel):
    processing_id: str
    status: str = Field(..., description="queued | running | success | failed")
    elapsed_secs: float
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None


class HealthBody(BaseModel):
    status: str
    version: str
    timestamp: float
    available_tools: int
    discovered_tools: list[str]


def _state(request: Request) -> Any:
    return request.app.state.nbdc


@router.get("/health", response_model=HealthBody, responses={})
def health() -> dict[str, Any]:
    """Is the server up, and which tools does it offer (no key needed)."""
    names = tool_names()
    return {"status": "healthy", "version": __version__, "timestamp": time.time(),
            "available_tools": len(names), "discovered_tools": names}


@functools.cache
def _tool_list() -> list[dict[str, Any]]:
    return list_tools()  # the registry is fixed once loaded: build the schemas once


@router.get("/tools")
def tools(key: ApiKey = Depends(scoped("tools"))) -> list[dict[str, Any]]:
    """Every tool with its description, version and input schema."""
    return _tool_list()


@router.get("/tools/{tool_name}/schema")
def schema(tool_name: str, key: ApiKey = Depends(scoped("tools"))) -> dict[str, Any]:
    """A tool's input schema and an ``example_input`` that runs as is."""
    return tool_schema(tool_name)


def _resolve_dataset(request: Request, inputs: dict[str, Any], key: ApiKey) -> None:
    """Over HTTP a string dataset must name a dataset the key's tenant may use (its own or
    a shared one), never a server file path; it is replaced by that dataset."""
    name = inputs.get("dataset")
    if not isinstance(name, str):
        return
    state = _state(request)
    ds = lookup(state, name, key.tenant)
    if ds is None:
        names = visible_names(state, key.tenant)
        raise DataError(f"Unknown dataset {name!r}: send the records inline or the name of a "
                        f"registered dataset ({', '.join(names)}).",
                        details={"parameter": "dataset", "dataset": name,
                                 "available": names})
    inputs["dataset"] = ds


@router.post("/tools/run", response_model=JobBody, response_model_exclude_none=True,
             responses={409: {"model": ErrorBody, "description": "processing_id already used"}})
async def run(body: RunRequest, request: Request,
              key: ApiKey = Depends(scoped("tools"))) -> Any:
    """Run a tool now, or in the background with ``"pollResponse": true``."""
    # The tool's own fields are the model's extras, passed through untouched (nulls kept).
    inputs = dict(body.taskList.inputs.model_extra or {})
    name, pid = body.taskList.inputs.name, body.taskList.inputs.processing_id
    check_processing_id(pid)
    pid = pid or f"job_{uuid.uuid4().hex}"
    stored = _stored_id(key, pid)
    require_tool(key, name)
    state = _state(request)
    cache_key = None if body.pollResponse else state.cache.key(name, inputs)
    cached = state.cache.get(cache_key)
    try:
        if cached is not None:
            # Identical inline request seen before: answer on the event loop, no thread hop.
            validate_inputs(name, inputs)
            job = _finished_job(name, stored, cached, key.tenant)
            await asyncio.wrap_future(state.store.jobs.insert_async(job))
        else:
            _resolve_dataset(request, inputs, key)
            if body.pollResponse:
                job = await run_in_threadpool(state.runner.submit, name, inputs,
                                              processing_id=stored, background=True,
                                              owner=key.tenant)
            else:  # run in a thread, then one write whose commit is awaited without a thread
                job = await run_in_threadpool(state.runner.run_now, name, inputs,
                                              processing_id=stored, owner=key.tenant)
                await asyncio.wrap_future(state.store.jobs.insert_async(job))
            if job.status == "success" and job.result_dict is not None:
                state.cache.put(cache_key, job.result_dict)
    except Conflict:
        raise duplicate_job(pid) from None  # the id as the client sent it
    out = {**job.to_dict(), "processing_id": pid}
    out.pop("tool", None)
    if job.status == "failed":
        return JSONResponse(out, status_code=status_for_code(out["error"]["code"]))
    return JSONResponse(out)


def _stored_id(key: ApiKey, pid: str) -> str:
    """The id a tenant's job is stored under. Ids are per tenant: two tenants may both send
    ``"job-1"``, and a 409 never tells one tenant which ids another has used. Within the
    column's 200 characters; a long id is replaced by its SHA-256."""
    stored = f"{key.tenant}:{pid}"
    if len(stored) > 200:
        stored = f"{key.tenant}:sha256:{hashlib.sha256(pid.encode()).hexdigest()}"
    return stored


def _finished_job(name: str, stored: str, result: dict[str, Any], owner: str) -> Job:
    now = time.time()
    return Job(stored, name, status="success", submitted=now, started=now, finished=now,
               result_dict=result, owner=owner)


@router.get("/tools/status/{processing_id}", response_model=JobBody,
            response_model_exclude_none=True)
def status(processing_id: str, request: Request,
           statusOnly: bool = Query(False, description="Omit the result payload."),
           key: ApiKey = Depends(scoped("tools"))) -> Any:
    """Status (and result) of a job by its ``processing_id`` (jobs of other tenants: 404)."""
    runner = _state(request).runner
    try:
        job = runner.get(_stored_id(key, processing_id))
    except NotFound:
        job = runner.get(processing_id)  # stored before ids were per tenant
        if not owns(key, job.owner):
            raise NotFound(f"No job with processing_id {processing_id!r}.",
                           details={"processing_id": processing_id}) from None
    out = {**job.to_dict(status_only=statusOnly), "processing_id": processing_id}
    out.pop("tool", None)
    return JSONResponse(out)
