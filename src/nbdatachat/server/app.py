"""The FastAPI application: state, middleware, error handlers and the routers of each seed.

``create_app(config)`` builds an app; ``app_from_env()`` is the factory uvicorn workers call
(configuration travels in ``NBDATACHAT_SERVER_CONFIG``). Routes stay thin: they parse the
seed's request, call the service layer (tools, job runner, ``ask``, catalog) and shape the
result; all state lives in :class:`nbdatachat.store.Store`.
"""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..extras import require

require("server", "The nbdatachat server")  # before FastAPI: a core install says which extra

from fastapi import FastAPI, Request  # noqa: E402
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._version import __version__
from ..data import Catalog, default_catalog
from ..errors import InvalidRequest, NbDataChatError, NotFound
from ..jobs import JobRunner
from ..store import Store
from .auth import RateLimiter
from .cache import ResultCache
from .config import ServerConfig
from .datasets import load_registered
from .sources import SourcePolicy
from .edge import Edge
from .errors import (INTELLIGENCE, RateLimited, ServiceFailure, family_of, is_openai_client,
                     render)

log = logging.getLogger("nbdatachat.server")

DESCRIPTION = """\
nbdatachat's embedded REST server: the analysis-tools API (`/tools`, seed 000), the analytics
chat API (`/api/v1/analytics/chat`, seed 001), the OpenAI-compatible data-intelligence API
(`/api/v1/chat/completions`, seed 003) and the thread API (`/api/newMessage`, seed 004), all
answered by the local engine. Authenticate with `X-API-Key: <key>` or
`Authorization: Bearer <key>`.
"""


class ServerState:
    """Everything the routes share: config, store, job runner, catalog, limiter, pools."""

    def __init__(self, config: ServerConfig, catalog: Catalog | None = None) -> None:
        self.config = config
        self.data_dir = config.resolved_data_dir()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(config.resolved_db_url(), lease_secs=config.lease_secs)
        self.runner = JobRunner(store=self.store.jobs, max_workers=config.job_workers)
        self.catalog = catalog or default_catalog()
        self.sources = SourcePolicy.from_config(config)
        self.limiter = RateLimiter(self.store.rate_counters, config.rate_limits)
        self.cache = ResultCache(config.result_cache_entries)
        self.runs = ThreadPoolExecutor(max_workers=config.thread_workers,
                                       thread_name_prefix="nbdc-run")
        self.llm = config.llm_settings()  # which planner answers questions, and its model
        self.started = time.time()
        self.store.start_heartbeat()  # renews this process's leases, fails dead ones
        self.fingerprint = str(uuid.uuid5(uuid.NAMESPACE_URL, f"nbdatachat/{__version__}"))
        load_registered(self)

    def close(self) -> None:
        for kb in (getattr(self, "kb_services", None) or {}).values():  # /api/v2, if used
            kb.close()
        self.runner.shutdown(wait=False)
        self.runs.shutdown(wait=False)
        self.store.close()


def error_response(request: Request, exc: NbDataChatError) -> JSONResponse:
    status, body = render(family_of(request.url.path), exc,
                          openai_client=is_openai_client(request.headers))
    headers = {}
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(exc.retry_after)
    return JSONResponse(body, status_code=status, headers=headers)


def _validation_message(family: str, errors: list[dict[str, Any]]) -> InvalidRequest:
    first = errors[0] if errors else {"loc": ("body",), "type": "invalid", "msg": "invalid"}
    raw_loc = list(first.get("loc", ()))
    if raw_loc and raw_loc[0] in ("body", "query", "header", "path"):
        raw_loc = raw_loc[1:]  # the location, not a field (a field may be named "query")
    loc = [str(p) for p in raw_loc]
    field = ".".join(loc) or "body"
    kind = first.get("type", "")
    if kind == "json_invalid":
        msg = "The request body is not valid JSON; send a JSON object with Content-Type: " \
              "application/json."
        field = "body"
    elif family == INTELLIGENCE:
        msg = f"Please provide a valid value for {loc[-1] if loc else 'body'}."
    elif kind == "missing":
        msg = f"Missing required parameter: {field}"
    else:
        msg = f"Invalid value for {field}: {first.get('msg', 'invalid')}"
    problems = [{"parameter": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                 "message": e.get("msg", ""), "type": e.get("type", "")} for e in errors[:20]]
    details: dict[str, Any] = {"parameter": field, "errors": problems}
    return InvalidRequest(msg, details=details)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NbDataChatError)
    async def _nbdc(request: Request, exc: NbDataChatError) -> JSONResponse:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        err = _validation_message(family_of(request.url.path), list(exc.errors()))
        return error_response(request, err)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc.__cause__, NbDataChatError):  # e.g. body limit hit while parsing
            return error_response(request, exc.__cause__)
        if exc.status_code == 404:
            err: NbDataChatError = NotFound(
                f"No endpoint {request.method} {request.url.path}; see /docs for the API.",
                details={"path": request.url.path})
        else:
            err = NbDataChatError(f"{exc.detail} ({request.method} {request.url.path}); "
                                  f"see /docs for the API.", code="HTTP_ERROR")
            err.http_status = exc.status_code
        return error_response(request, err)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        import sqlalchemy as sa

        if isinstance(exc, sa.exc.DataError):
            # A value the database cannot hold or compare (a NUL in a path or query
            # parameter, text longer than its column): the request's fault, nothing stored.
            return error_response(request, InvalidRequest(
                "A value in the request cannot be stored or looked up (too long, or holding "
                "a character such as NUL); check the ids and texts sent.",
                details={"parameter": "request"}))
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, ServiceFailure(
            f"Internal error while handling {request.url.path} ({type(exc).__name__}); the "
            f"server log has the details.", details={"exception": type(exc).__name__}))


def create_app(config: ServerConfig | None = None, *, catalog: Catalog | None = None,
               root_path: str = "") -> FastAPI:
    """Build the ASGI app. State (database, job runner) is created here, once per process."""
    from . import routes_analytics, routes_chatbots, routes_completions, routes_datasets, \
        routes_threads, routes_tools

    config = config or ServerConfig()
    state = ServerState(config, catalog)
    mcp_running: Any = None

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if mcp_running is not None:
                await stack.enter_async_context(mcp_running())
            yield
        state.close()

    app = FastAPI(title="nbdatachat REST API", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, root_path=root_path)
    app.state.nbdc = state
    install_error_handlers(app)
    for module in (routes_tools, routes_analytics, routes_completions, routes_threads,
                   routes_datasets, routes_chatbots):
        app.include_router(module.router)
    app.include_router(routes_chatbots.public)
    if config.mcp:
        mcp_running = _mount_mcp(app, state)
    app.add_middleware(Edge, config=config)
    generate = app.openapi

    def openapi_with_links() -> dict[str, Any]:
        if app.openapi_schema is None:
            from .openapi_links import add_links

            app.openapi_schema = add_links(generate())
        return app.openapi_schema

    app.openapi = openapi_with_links  # type: ignore[method-assign]
    return app


def _mount_mcp(app: FastAPI, state: ServerState) -> Any:
    """``/mcp``: the MCP server over streamable HTTP, behind the same keys (see
    :mod:`nbdatachat.server.mcp`); skipped with a log line when the SDK is missing."""
    try:
        from .mcp import mount

        return mount(app, state)
    except ImportError as exc:
        log.warning("MCP endpoint disabled (pip install 'nbdatachat[mcp]'): %s", exc)
        return None


def app_from_env() -> FastAPI:
    """uvicorn factory (``--factory nbdatachat.server.app:app_from_env``)."""
    import os

    return create_app(ServerConfig.from_env(), root_path=os.environ.get("NBDATACHAT_ROOT_PATH",
                                                                        ""))
