"""What every request passes before a route sees it (the ASGI middleware ``Edge``):

1. the declared size (``Content-Length``) against the body limit: 413 without reading it;
2. the API key (and its rate limit) from the headers: 401/429 without reading the body,
   so an unauthenticated client cannot make the server read or parse megabytes;
3. the body itself, read up to the limit (413 past it) and, for JSON, checked for text
   that cannot be stored: a lone UTF-16 surrogate escape such as ``"\\udc00"`` is valid
   JSON but no valid Unicode, and would fail (or poison) every later read of whatever
   stored it; a NUL (``\\u0000``) no PostgreSQL text can hold. Both are refused with 400
   here, so they are never stored.

Public paths (health, the OpenAPI document and docs, ``/mcp`` which authenticates itself)
skip step 2. Errors use the body shape of the API family of the path.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InvalidRequest, NbDataChatError
from .errors import PayloadTooLarge, RateLimited, family_of, is_openai_client, render

PUBLIC_SUFFIXES = ("/health", "/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect",
                   "/mcp")
# Routes that authenticate themselves: signed file links (or a key), public icons.
PUBLIC_PARTS = ("/api/v2/files/", "/api/v2/chatbot-icon/")

# A high surrogate escape not followed by a low one, or a low one not preceded by a high.
_LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")


_NUL = re.compile(rb"\\u0000")


def has_nul(body: bytes) -> bool:
    """True if the JSON text escapes a NUL character (``\u0000``), which no text column
    of PostgreSQL can hold; an escaped backslash before it is literal text."""
    for match in _NUL.finditer(body):
        start = match.start()
        if (len(body[:start]) - len(body[:start].rstrip(b"\\"))) % 2 == 0:
            return True
    return False


def has_lone_surrogate(body: bytes) -> bool:
    """True if the JSON text escapes a lone surrogate (``\\ud800``-``\\udfff`` unpaired).
    An escaped backslash before ``u`` (``\\\\udc00``, a literal text) is not one."""
    for match in _LONE_SURROGATE.finditer(body):
        start = match.start()
        slashes = len(body[:start]) - len(body[:start].rstrip(b"\\"))
        if slashes % 2 == 0:  # the backslash of the match is not itself escaped
            return True
    return False


class Edge:
    def __init__(self, app: ASGIApp, config: Any) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", ())}
        limit = (self.config.max_upload_bytes if path.endswith("/upload")
                 or "/upload-" in path else self.config.max_body_bytes)
        too_large = PayloadTooLarge(
            f"Request body is larger than the server's limit of {limit} bytes; send less data "
            f"or register the dataset by name (POST /api/v1/datasets) and refer to it.",
            details={"limit_bytes": limit})
        try:
            declared = int(headers.get("content-length", "0") or 0)
        except ValueError:
            declared = 0
        try:
            if declared > limit:
                raise too_large
            if not path.endswith(PUBLIC_SUFFIXES) and not any(p in path for p in PUBLIC_PARTS):
                self._authenticate(scope, headers)
            if scope.get("method") in ("POST", "PUT", "PATCH", "DELETE"):
                body = await self._read(receive, limit, too_large)
                if "json" in headers.get("content-type", "") and has_lone_surrogate(body):
                    raise InvalidRequest(
                        "The request contains text that is not valid Unicode (a lone UTF-16 "
                        "surrogate escape such as \\udc00); send UTF-8 text.",
                        details={"parameter": "body"})
                if "json" in headers.get("content-type", "") and has_nul(body):
                    raise InvalidRequest(
                        "The request contains a NUL character (\\u0000), which text fields "
                        "cannot hold; remove it.", details={"parameter": "body"})
                receive = _replay(body, receive)
        except NbDataChatError as exc:
            await _send_error(scope, send, exc, headers)
            return
        await self.app(scope, receive, send)

    def _authenticate(self, scope: Scope, headers: dict[str, str]) -> None:
        from .auth import key_for, secret_from_headers

        app = scope.get("app")
        state = getattr(getattr(app, "state", None), "nbdc", None)
        if state is None:  # pragma: no cover - mounted outside create_app
            return
        key = key_for(state, secret_from_headers(headers))
        scope.setdefault("state", {})["api_key"] = key

    @staticmethod
    async def _read(receive: Receive, limit: int, too_large: NbDataChatError) -> bytes:
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > limit:
                raise too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, original: Receive) -> Receive:
    """The body already read, then the client's own messages (a disconnect, when it comes:
    streaming responses listen for it)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive


async def _send_error(scope: Scope, send: Send, exc: NbDataChatError,
                      headers: dict[str, str]) -> None:
    from starlette.responses import JSONResponse

    status, body = render(family_of(scope.get("path", "")), exc,
                          openai_client=is_openai_client(headers))
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else {}
    await JSONResponse(body, status_code=status, headers=headers)(scope, _no_receive, send)


async def _no_receive() -> Message:  # pragma: no cover - never called for a plain response
    return {"type": "http.disconnect"}


__all__ = ["Edge", "has_lone_surrogate"]
