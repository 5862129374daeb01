"""API-key authentication and per-key rate limits.

Keys arrive as ``X-API-Key`` (seed 000) or ``Authorization: Bearer`` (seeds 001, 003, 004 and
the OpenAI SDK). Rate limits are fixed windows per key (minute/hour/day, as in seed 003):
once a window's budget is spent, requests are refused with 429 and ``Retry-After`` until the
next window starts. The counters live in the database, shared by every worker and host.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from ..store import SCOPES, ApiKey
from .errors import Forbidden, RateLimited, Unauthorized

# Declared for the OpenAPI document (the "Authorize" button of /docs); auto_error=False so
# that a missing key is reported in each seed's own 401 body, not FastAPI's.
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="API key (seed 000 style).")
bearer = HTTPBearer(auto_error=False, description="API key as a bearer token.")

# --no-auth (behind an authenticating proxy such as Jupyter Server): the one user is the
# operator.
LOCAL_KEY = ApiKey("local", "local (authentication disabled)", None, None, 0.0,
                   scopes=SCOPES)


class RateLimiter:
    """Fixed-window limits per key, counted in the server's database
    (:class:`~nbdatachat.store.repos.limits.RateCounterRepository`), so they hold across
    uvicorn workers and hosts sharing it. Keys without limits of their own get ``default``;
    without either, requests are not counted at all (no database write)."""

    def __init__(self, counters: Any, default: dict[str, int] | None = None) -> None:
        self.counters = counters
        self.default = default

    def hit(self, key: ApiKey, now: float | None = None) -> None:
        """Count one request for ``key`` or raise :class:`RateLimited`."""
        limits = key.limits if key.limits is not None else self.default
        if not limits:
            return
        exceeded = self.counters.hit(key.id, limits, now)
        if exceeded is not None:
            raise RateLimited(exceeded.window, exceeded.retry_after, exceeded.limit)


def key_for(state: Any, secret: str | None) -> ApiKey:
    """The key for ``secret`` (a header's value), after the rate-limit check; raises 401
    (missing, invalid or revoked key) or 429."""
    if not state.config.auth:
        key = LOCAL_KEY
    else:
        if not secret or not secret.strip():
            raise Unauthorized("Missing API key: send it as the X-API-Key header or as "
                               "'Authorization: Bearer <key>'. Create one with "
                               "`nbdatachat keys create --name NAME`.")
        key = state.store.keys.authenticate(secret.strip())
        if key is None:
            raise Unauthorized("Invalid or revoked API key. Check the key, or create a new one "
                               "with `nbdatachat keys create --name NAME`.")
    state.limiter.hit(key)
    return key


def secret_from_headers(headers: dict[str, str]) -> str | None:
    """``X-API-Key``, else the token of ``Authorization: Bearer`` (lower-case names)."""
    secret = headers.get("x-api-key")
    if secret:
        return secret
    auth = headers.get("authorization", "")
    return auth[7:] if auth[:7].lower() == "bearer " else None


async def authenticate(
    request: Request,
    x_api_key: str | None = Security(api_key_header),
    credentials: HTTPAuthorizationCredentials | None = Security(bearer),
) -> ApiKey:
    """FastAPI dependency: the caller's key. The edge middleware (``server/edge.py``) has
    normally authenticated the request before its body was read; otherwise it is done here."""
    key = getattr(request.state, "api_key", None)
    if key is not None:
        return key
    state = request.app.state.nbdc
    key = key_for(state, x_api_key or (credentials.credentials if credentials else None))
    request.state.api_key = key
    return key


def require_tool(key: ApiKey, tool: str) -> None:
    if not key.allows_tool(tool):
        allowed = ", ".join(key.tools or ()) or "none"
        raise Forbidden(f"This API key may not run the tool {tool!r}; it may run: {allowed}. "
                        f"Ask for a key with `nbdatachat keys create --tools {tool},...`.",
                        details={"tool": tool, "allowed": list(key.tools or ())})


def require_scope(key: ApiKey, scope: str, action: str) -> None:
    """Refuse with 403 unless ``key`` holds ``scope`` (``admin`` holds them all)."""
    if not key.has_scope(scope):
        raise Forbidden(f"This API key may not {action}: that needs the {scope!r} scope, and "
                        f"the key has {', '.join(key.scopes) or 'none'}. The operator can "
                        f"create one with `nbdatachat keys create --name NAME --scopes "
                        f"{scope}`.", details={"scope": scope, "scopes": list(key.scopes)})


_ACTIONS = {"tools": "run analysis tools", "chat": "use the chat APIs (analytics chat, "
             "completions, threads, dashboards)", "kb": "use the chatbot API (/api/v2)",
            "datasets:write": "register or delete datasets", "admin": "do this"}


def scoped(scope: str) -> Callable[..., Awaitable[ApiKey]]:
    """FastAPI dependency: the caller's key, refused with 403 unless it holds ``scope``."""

    async def dependency(key: ApiKey = Depends(authenticate)) -> ApiKey:
        require_scope(key, scope, _ACTIONS[scope])
        return key

    dependency.__name__ = f"scope_{scope.replace(':', '_')}"
    return dependency


def owns(key: ApiKey, owner: str | None) -> bool:
    """May ``key`` see a resource of tenant ``owner``? Its own tenant's, and (admin keys
    only) rows stored before resources had tenants."""
    return owner == key.tenant or (owner is None and key.is_admin)


__all__ = ["LOCAL_KEY", "RateLimiter", "authenticate", "owns", "require_scope", "require_tool",
           "scoped"]
