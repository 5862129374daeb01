"""API-key authentication and per-key rate limits.

Keys arrive as ``X-API-Key`` (seed 000) or ``Authorization: Bearer`` (seeds 001, 003, 004 and
the OpenAI SDK). Rate limits are fixed windows per key (minute/hour/day, as in seed 003):
once a window's budget is spent, requests are refused with 429 and ``Retry-After`` until the
next window starts.
"""

from __future__ import annotations

import math
import threading
import time

from fastapi import Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from ..store import ApiKey
from .errors import Forbidden, RateLimited, Unauthorized

WINDOW_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}

# Declared for the OpenAPI document (the "Authorize" button of /docs); auto_error=False so
# that a missing key is reported in each seed's own 401 body, not FastAPI's.
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False,
                              description="API key (seed 000 style).")
bearer = HTTPBearer(auto_error=False, description="API key as a bearer token.")

LOCAL_KEY = ApiKey("local", "local (authentication disabled)", None, None, 0.0)


class RateLimiter:
    """Fixed-window counters per key, in this process."""

    def __init__(self, default: dict[str, int] | None = None) -> None:
        self.default = default
        self._counts: dict[tuple[str, str], tuple[int, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: ApiKey, now: float | None = None) -> None:
        """Count one request for ``key`` or raise :class:`RateLimited`."""
        limits = key.limits if key.limits is not None else self.default
        if not limits:
            return
        now = time.time() if now is None else now
        with self._lock:
            blocked: RateLimited | None = None
            windows = []
            for window, limit in limits.items():
                size = WINDOW_SECONDS[window]
                start = int(now // size)
                prev_start, count = self._counts.get((key.id, window), (start, 0))
                if prev_start != start:
                    count = 0
                if count >= limit:
                    retry = max(1, math.ceil((start + 1) * size - now))
                    if blocked is None or retry > blocked.retry_after:
                        blocked = RateLimited(window, retry, limit)
                windows.append((window, start, count))
            if blocked is not None:
                raise blocked
            for window, start, count in windows:
                self._counts[(key.id, window)] = (start, count + 1)


async def authenticate(
    request: Request,
    x_api_key: str | None = Security(api_key_header),
    credentials: HTTPAuthorizationCredentials | None = Security(bearer),
) -> ApiKey:
    """FastAPI dependency: the caller's key, after the rate-limit check."""
    state = request.app.state.nbdc
    if not state.config.auth:
        key = LOCAL_KEY
    else:
        secret = x_api_key or (credentials.credentials if credentials else None)
        if not secret:
            raise Unauthorized("Missing API key: send it as the X-API-Key header or as "
                               "'Authorization: Bearer <key>'. Create one with "
                               "`nbdatachat keys create --name NAME`.")
        key = state.store.keys.authenticate(secret.strip())
        if key is None:
            raise Unauthorized("Invalid or revoked API key. Check the key, or create a new one "
                               "with `nbdatachat keys create --name NAME`.")
    state.limiter.hit(key)
    request.state.api_key = key
    return key


def require_tool(key: ApiKey, tool: str) -> None:
    if not key.allows_tool(tool):
        allowed = ", ".join(key.tools or ()) or "none"
        raise Forbidden(f"This API key may not run the tool {tool!r}; it may run: {allowed}. "
                        f"Ask for a key with `nbdatachat keys create --tools {tool},...`.",
                        details={"tool": tool, "allowed": list(key.tools or ())})


__all__ = ["LOCAL_KEY", "RateLimiter", "authenticate", "require_tool"]
