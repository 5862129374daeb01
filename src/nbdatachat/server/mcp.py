"""The MCP endpoint of ``nbdatachat serve``: streamable HTTP at ``/mcp``.

Every request is authenticated exactly like the REST routes (``X-API-Key`` or
``Authorization: Bearer``, revoked keys refused, the key's rate limit counted) before the
MCP SDK sees it; the key's tool scope limits ``run_tool`` and ``list_tools``. The SDK runs
stateless (each POST carries its own request), so any worker process can answer it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from ..errors import InvalidRequest, NbDataChatError
from ..mcp_server.tools import build_server, current_key

PATH = "/mcp"


def mount(app: Any, state: Any) -> Callable[[], AbstractAsyncContextManager[Any]]:
    """Add the ``/mcp`` route to the FastAPI ``app``; returns the context manager the app's
    lifespan must enter (the SDK's session manager)."""
    from mcp.server.streamable_http_manager import StreamableHTTPASGIApp
    from mcp.server.transport_security import TransportSecuritySettings
    from starlette.routing import Route

    server = build_server(ServerBackend(state))
    # API keys, not the Host header, protect this endpoint; the REST routes behave the same.
    server.streamable_http_app(stateless_http=True, json_response=True,
                               transport_security=TransportSecuritySettings(
                                   enable_dns_rebinding_protection=False))
    manager = server.session_manager
    endpoint = _Authenticated(StreamableHTTPASGIApp(manager), state)
    app.router.routes.append(Route(PATH, endpoint=endpoint, methods=["GET", "POST", "DELETE"],
                                   include_in_schema=False))
    return manager.run


class _Authenticated:
    def __init__(self, app: Any, state: Any) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        from starlette.responses import JSONResponse

        from .errors import RateLimited, family_of, render

        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        try:
            key = authenticate(self.state, headers)
        except NbDataChatError as err:
            status, body = render(family_of(scope.get("path", PATH)), err)
            extra = {"Retry-After": str(err.retry_after)} if isinstance(err, RateLimited) \
                else {}
            await JSONResponse(body, status_code=status, headers=extra)(scope, receive, send)
            return
        token = current_key.set(key)
        try:
            await self.app(scope, receive, send)
        finally:
            current_key.reset(token)


def authenticate(state: Any, headers: dict[str, str]) -> Any:
    """The caller's key from ``X-API-Key`` / ``Authorization: Bearer`` (as the REST routes)."""
    from .auth import LOCAL_KEY
    from .errors import Unauthorized

    if not state.config.auth:
        key = LOCAL_KEY
    else:
        secret = headers.get("x-api-key")
        auth = headers.get("authorization", "")
        if not secret and auth.lower().startswith("bearer "):
            secret = auth[7:]
        if not secret or not secret.strip():
            raise Unauthorized("Missing API key: send it as the X-API-Key header or as "
                               "'Authorization: Bearer <key>'.")
        key = state.store.keys.authenticate(secret.strip())
        if key is None:
            raise Unauthorized("Invalid or revoked API key.")
    state.limiter.hit(key)
    return key


class ServerBackend:
    """The MCP tools over the server's datasets, store and the caller's key."""

    def __init__(self, state: Any) -> None:
        self.state = state

    def _key(self) -> Any:
        key = current_key.get()
        if key is None:  # never served without the authenticating wrapper
            from .errors import Unauthorized

            raise Unauthorized("Missing API key.")
        return key

    def _dataset(self, name: str) -> Any:
        """The dataset ``name`` as the key's tenant sees it (its own or a shared one)."""
        from .datasets import lookup, visible_names

        tenant = self._key().tenant
        ds = lookup(self.state, name, tenant)
        if ds is None:
            names = visible_names(self.state, tenant)
            raise InvalidRequest(f"Unknown dataset {name!r}; datasets: {', '.join(names)}.",
                                 details={"dataset": name, "available": names})
        return ds

    def ask(self, question: str, dataset: str, conversation_id: str | None) -> Any:
        from ..service import StoredConversations
        from .auth import require_scope
        from .service import _ask

        key = self._key()
        require_scope(key, "chat", "ask questions")
        store = StoredConversations(
            self.state.store.conversation_store.for_tenant(key.tenant))
        return _ask({dataset: self._dataset(dataset)}, question, conversation_id, store, key,
                    getattr(self.state, "llm", None))

    def run_tool(self, name: str, dataset: str, inputs: dict[str, Any]) -> dict[str, Any]:
        from .auth import require_scope, require_tool
        from ..tools import run_tool

        require_scope(self._key(), "tools", "run analysis tools")
        require_tool(self._key(), name)
        ds = self._dataset(dataset)
        inputs.pop("dataset", None)
        return run_tool(name, dataset=ds, **inputs).to_dict()

    def list_tools(self) -> list[dict[str, Any]]:
        from ..tools import list_tools

        key = self._key()
        return [t for t in list_tools() if key.allows_tool(t["name"])]

    def tool_schema(self, name: str) -> dict[str, Any]:
        from ..tools import tool_schema

        self._key()
        return tool_schema(name)

    def list_datasets(self) -> list[dict[str, Any]]:
        from .datasets import all_entries

        tenant = self._key().tenant
        return [{"name": e["name"], "description": e.get("description") or ""}
                for e in all_entries(self.state, tenant)]


__all__ = ["PATH", "ServerBackend", "authenticate", "mount"]
