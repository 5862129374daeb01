"""uvicorn's HTTP protocol with a header-read timeout.

uvicorn closes idle keep-alive connections, but a client that opens a connection and sends
its request headers a byte at a time ("slowloris") keeps a connection and its buffers
forever. :class:`HeaderTimeoutProtocol` gives every request ``HEADER_TIMEOUT`` seconds from
its first byte (or from the connection opening) to finish its headers, then closes the
connection. The body is not timed here: the body limit and authentication-first (see
``edge.py``) bound what an unauthenticated client can send.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT = float(os.environ.get("NBDATACHAT_HEADER_TIMEOUT", "10"))


class HeaderTimeoutProtocol(HttpToolsProtocol):
    _header_timer: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(HEADER_TIMEOUT, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


__all__ = ["HEADER_TIMEOUT", "HeaderTimeoutProtocol"]
