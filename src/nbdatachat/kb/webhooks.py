"""Webhook deliveries: signed, retried with exponential backoff, sent off the request path.

A chat must never wait for a customer's webhook endpoint, so :meth:`WebhookDispatcher.submit`
only queues the event; a scheduler thread hands due deliveries to a small sender pool and
re-queues failures after ``backoff * 2**(attempt-1)`` seconds (capped), up to
``max_attempts``. Every attempt re-checks the URL with the same SSRF guard as URL training
(:func:`~nbdatachat.kb.fetch.check_url`): private, loopback and link-local targets are refused
unless the :class:`~nbdatachat.kb.fetch.UrlPolicy` allow-list names them, and redirects are
not followed (a 3xx counts as a failed attempt), so a public endpoint cannot bounce a
delivery into the internal network.

Receivers verify ``X-Webhook-Signature: sha256=<hex>``, the HMAC-SHA256 of
``"<X-Webhook-Timestamp>." + body`` under the webhook's secret (see :func:`verify_signature`);
``X-Webhook-Id`` stays the same across retries of one event, for de-duplication.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import itertools
import json
import logging
import threading
import time
import uuid
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..errors import NbDataChatError
from .fetch import UrlPolicy, check_url, checked_client

log = logging.getLogger("nbdatachat.kb.webhooks")

EVENTS = ("chat", "live-chat-escalation", "lead-submission")
SIGNATURE_HEADER = "X-Webhook-Signature"
TIMESTAMP_HEADER = "X-Webhook-Timestamp"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-Webhook-Signature`` value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_signature(secret: str, body: bytes, timestamp: str, signature: str, *,
                     tolerance: float | None = 300.0, now: float | None = None) -> bool:
    """True if ``signature`` is ``body``'s HMAC under ``secret`` and, with a ``tolerance``,
    the timestamp is recent (refusing replays of old deliveries)."""
    if tolerance is not None:
        try:
            age = abs((time.time() if now is None else now) - float(timestamp))
        except ValueError:
            return False
        if age > tolerance:
            return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


@dataclass
class Delivery:
    """One event for one endpoint, with its attempts so far."""

    id: str
    url: str
    secret: str = field(repr=False)
    event: str
    body: bytes = field(repr=False)
    attempts: int = 0
    status: str = "pending"          # pending | delivered | failed
    errors: list[str] = field(default_factory=list)
    response_status: int | None = None
    created: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "event": self.event,
                "attempts": self.attempts, "status": self.status, "errors": self.errors,
                "responseStatus": self.response_status}


class WebhookDispatcher:
    """Queue, sign and send webhook events in the background."""

    def __init__(self, policy: UrlPolicy | None = None, *, max_attempts: int = 5,
                 backoff: float = 1.0, max_backoff: float = 300.0, timeout: float = 10.0,
                 senders: int = 4, keep: int = 1000) -> None:
        self.policy = policy or UrlPolicy.from_env()
        self.max_attempts = max(1, max_attempts)
        self.backoff, self.max_backoff, self.timeout = backoff, max_backoff, timeout
        self._senders = senders
        self._heap: list[tuple[float, int, Delivery]] = []
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._in_flight = 0
        self._recent: deque[Delivery] = deque(maxlen=keep)
        self._closed = False
        self._thread: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._client: Any = None

    # ------------------------------------------------------------------ public

    def submit(self, url: str, secret: str, event: str, payload: dict[str, Any]) -> Delivery:
        """Queue ``payload`` for ``url``; returns at once."""
        body = json.dumps({"event": event, **payload}, default=str,
                          separators=(",", ":")).encode()
        delivery = Delivery(uuid.uuid4().hex, url, secret, event, body)
        with self._cond:
            if self._closed:
                delivery.status = "failed"
                delivery.errors.append("dispatcher closed")
                return delivery
            self._recent.append(delivery)
            self._start()
            heapq.heappush(self._heap, (time.monotonic(), next(self._seq), delivery))
            self._cond.notify_all()
        return delivery

    def deliveries(self) -> list[Delivery]:
        """Recent deliveries, oldest first (for status pages and tests)."""
        with self._cond:
            return list(self._recent)

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until nothing is queued or being sent; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._heap or self._in_flight:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.1))
        return True

    def close(self) -> None:
        """Stop: pending retries are dropped (deliveries are at-most-``max_attempts``,
        in-memory; a restart forgets what was still queued)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._client is not None:
            self._client.close()

    # ------------------------------------------------------------------ worker

    def _start(self) -> None:
        if self._thread is None:

            self._client = checked_client(self.policy, follow_redirects=False,
                                          timeout=self.timeout)
            self._pool = ThreadPoolExecutor(max_workers=self._senders,
                                            thread_name_prefix="nbdc-webhook-send")
            self._thread = threading.Thread(target=self._loop, name="nbdc-webhooks",
                                            daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._closed and (
                        not self._heap or self._heap[0][0] > time.monotonic()):
                    wait = self._heap[0][0] - time.monotonic() if self._heap else None
                    self._cond.wait(wait)
                if self._closed:
                    return
                _, _, delivery = heapq.heappop(self._heap)
                self._in_flight += 1
            assert self._pool is not None
            self._pool.submit(self._attempt, delivery)

    def _attempt(self, delivery: Delivery) -> None:
        retry = False
        try:
            delivery.attempts += 1
            error = self._send(delivery)
            if error is None:
                delivery.status = "delivered"
            else:
                delivery.errors.append(error)
                retry = not error.startswith("refused") and \
                    delivery.attempts < self.max_attempts
                if not retry:
                    delivery.status = "failed"
                    log.warning("webhook %s to %s failed after %d attempt(s): %s",
                                delivery.event, delivery.url, delivery.attempts, error)
        finally:
            with self._cond:
                self._in_flight -= 1
                if retry and not self._closed:
                    delay = min(self.max_backoff, self.backoff * 2 ** (delivery.attempts - 1))
                    heapq.heappush(self._heap, (time.monotonic() + delay, next(self._seq),
                                                delivery))
                self._cond.notify_all()

    def _send(self, delivery: Delivery) -> str | None:
        """One attempt; ``None`` on success, else why it failed."""
        import httpx

        try:
            check_url(delivery.url, self.policy)
        except NbDataChatError as exc:
            return f"refused: {exc.message}"
        timestamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "User-Agent": self.policy.user_agent,
                   "X-Webhook-Event": delivery.event, "X-Webhook-Id": delivery.id,
                   "X-Webhook-Attempt": str(delivery.attempts), TIMESTAMP_HEADER: timestamp,
                   SIGNATURE_HEADER: sign(delivery.secret, timestamp, delivery.body)}
        try:
            resp = self._client.post(delivery.url, content=delivery.body, headers=headers)
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"
        delivery.response_status = resp.status_code
        if 200 <= resp.status_code < 300:
            return None
        return f"HTTP {resp.status_code}"


__all__ = ["EVENTS", "SIGNATURE_HEADER", "TIMESTAMP_HEADER", "Delivery", "WebhookDispatcher",
           "sign", "verify_signature"]
