"""What every provider shares: one HTTP call with timeouts, retries and cancellation.

A provider only says how to build its request body and read its reply (whole or streamed);
:meth:`Provider.achat` does the rest over ``httpx``:

- each attempt is bounded by ``timeout`` seconds (connect, wait and read together);
- 429 and 5xx answers (and dropped connections) are retried ``max_retries`` times, waiting
  what ``Retry-After`` / ``retry-after-ms`` asks for, else an exponential backoff with jitter;
  a ``Retry-After`` longer than ``max_retry_wait`` is not waited for: the error says when;
- a :class:`CancelToken` aborts the request in flight (the sync :meth:`Provider.chat` runs
  the call on its own event loop in a worker thread, so Ctrl-C / a kernel interrupt cancels
  it too).
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .types import (CancelToken, ChatRequest, ChatResult, LLMCancelled, LLMError,
                    LLMRateLimited, LLMTimeout, Usage)

RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 529})
OnDelta = Callable[[str], None]


class Provider:
    """Base class: subclasses set ``name``, ``path`` and implement ``body``, ``parse`` and
    ``parse_stream``."""

    name = "provider"
    path = ""
    default_base_url = ""

    def __init__(self, model: str, *, base_url: str | None = None, api_key: str | None = None,
                 timeout: float = 60.0, max_retries: int = 2, stream: bool = False,
                 backoff: float = 0.5, max_backoff: float = 20.0, max_retry_wait: float = 60.0,
                 headers: dict[str, str] | None = None, transport: Any = None) -> None:
        if not model:
            raise LLMError(f"The {self.name} provider needs a model name "
                           f"(NBDATACHAT_LLM_MODEL or NbDataChat.llm_model).")
        self.model = model
        self.base_url = (base_url or self.default_base_url).strip()
        self.api_key = api_key or None
        self.timeout = float(timeout)
        self.max_retries = max(0, int(max_retries))
        self.stream = bool(stream)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_wait = max_retry_wait
        self.extra_headers = dict(headers or {})
        self.transport = transport  # an httpx transport (tests, proxies)

    # -- what a subclass provides ---------------------------------------------------
    def body(self, request: ChatRequest, stream: bool) -> dict[str, Any]:
        raise NotImplementedError

    def parse(self, payload: Any) -> ChatResult:
        raise NotImplementedError

    async def parse_stream(self, lines: AsyncIterator[str], on_delta: OnDelta | None,
                           cancel: CancelToken | None) -> ChatResult:
        raise NotImplementedError

    def headers(self) -> dict[str, str]:
        return {"Content-Type": "application/json", "Accept": "application/json",
                **self.extra_headers}

    def url(self) -> str:
        """``base_url`` + the provider's path, keeping a query string (Azure's
        ``?api-version=``) and not doubling a path the base already ends with."""
        parts = urlsplit(self.base_url)
        base_path = parts.path.rstrip("/")
        path = self.path
        for prefix in ("/v1", "/api"):
            if path.startswith(prefix + "/") and base_path.endswith(prefix):
                path = path[len(prefix):]
        return urlunsplit((parts.scheme, parts.netloc, base_path + path, parts.query, ""))

    def describe(self) -> str:
        return f"{self.model} ({self.name} at {redact_url(self.base_url)})"

    # -- calling --------------------------------------------------------------------
    def chat(self, request: ChatRequest, *, cancel: CancelToken | None = None,
             on_delta: OnDelta | None = None) -> ChatResult:
        """Blocking call (for the notebook, the CLI and worker threads)."""
        cancel = cancel or CancelToken()
        return run_sync(lambda: self.achat(request, cancel=cancel, on_delta=on_delta), cancel)

    async def achat(self, request: ChatRequest, *, cancel: CancelToken | None = None,
                    on_delta: OnDelta | None = None) -> ChatResult:
        """The call, for async callers (the MCP and REST servers)."""
        if cancel is not None and cancel.cancelled:
            raise LLMCancelled("The model call was cancelled.")
        remove = _cancel_current_task_on(cancel)
        try:
            return await self._achat(request, cancel, on_delta)
        except asyncio.CancelledError:
            if cancel is not None and cancel.cancelled:
                raise LLMCancelled("The model call was cancelled.") from None
            raise
        finally:
            remove()

    async def _achat(self, request: ChatRequest, cancel: CancelToken | None,
                     on_delta: OnDelta | None) -> ChatResult:
        import httpx

        stream = self.stream or on_delta is not None
        payload = self.body(request, stream)
        timeout = httpx.Timeout(self.timeout, connect=min(10.0, self.timeout))
        async with httpx.AsyncClient(timeout=timeout, transport=self.transport,
                                     follow_redirects=False) as client:
            attempt = 0
            while True:
                if cancel is not None and cancel.cancelled:
                    raise LLMCancelled("The model call was cancelled.")
                try:
                    return await asyncio.wait_for(
                        self._attempt(client, payload, stream, on_delta, cancel), self.timeout)
                except _Retry as retry:
                    if attempt >= self.max_retries:
                        raise retry.final(self, attempt + 1) from None
                    wait = retry.wait if retry.wait is not None else self._backoff(attempt)
                    if wait > self.max_retry_wait:
                        raise retry.final(self, attempt + 1, too_long=wait) from None
                    attempt += 1
                    await _sleep(wait, cancel)
                except (asyncio.TimeoutError, httpx.TimeoutException):
                    raise LLMTimeout(
                        f"The model {self.describe()} did not answer within {self.timeout:g} s. "
                        f"Raise the timeout (NBDATACHAT_LLM_TIMEOUT) or use a faster model.",
                        details={"provider": self.name, "timeout_s": self.timeout}) from None
                except httpx.TransportError as exc:
                    if attempt >= self.max_retries:
                        raise LLMError(
                            f"Could not reach the model at {redact_url(self.base_url)}: "
                            f"{type(exc).__name__}: {exc}. Is the server running and the URL "
                            f"right (NBDATACHAT_LLM_BASE_URL)?",
                            details={"provider": self.name}) from None
                    await _sleep(self._backoff(attempt), cancel)
                    attempt += 1

    def _backoff(self, attempt: int) -> float:
        base = min(self.max_backoff, self.backoff * (2 ** attempt))
        return base * (0.5 + random.random() / 2)

    async def _attempt(self, client: Any, payload: dict[str, Any], stream: bool,
                       on_delta: OnDelta | None, cancel: CancelToken | None) -> ChatResult:
        async with client.stream("POST", self.url(), json=payload,
                                 headers=self.headers()) as response:
            if response.status_code in RETRY_STATUSES:
                text = (await response.aread()).decode("utf-8", "replace")
                raise _Retry(response.status_code, retry_after(response.headers),
                             error_message(text))
            if response.status_code >= 400:
                text = (await response.aread()).decode("utf-8", "replace")
                hint = " Check the API key (NBDATACHAT_LLM_API_KEY)." \
                    if response.status_code in (401, 403) else ""
                raise LLMError(
                    f"The model provider ({self.name}) refused the request with HTTP "
                    f"{response.status_code}: {error_message(text)}.{hint}",
                    details={"provider": self.name, "status": response.status_code})
            if stream:
                result = await self.parse_stream(response.aiter_lines(), on_delta, cancel)
            else:
                raw = await response.aread()
                try:
                    payload_in = json.loads(raw)
                except ValueError:
                    raise LLMError(f"The model provider ({self.name}) answered with something "
                                   f"that is not JSON: {raw[:200]!r}.",
                                   details={"provider": self.name}) from None
                result = self.parse(payload_in)
        result.provider = self.name
        result.usage.calls = max(result.usage.calls, 1)
        return result


class _Retry(Exception):
    def __init__(self, status: int, wait: float | None, message: str) -> None:
        super().__init__(message)
        self.status, self.wait, self.message = status, wait, message

    def final(self, provider: Provider, attempts: int, too_long: float | None = None) -> LLMError:
        cls = LLMRateLimited if self.status == 429 else LLMError
        when = f" It asked to retry after {too_long:g} s." if too_long is not None else ""
        return cls(f"The model provider ({provider.name}) answered HTTP {self.status} "
                   f"({self.message}) after {attempts} attempt(s).{when} Try again later.",
                   details={"provider": provider.name, "status": self.status,
                            "attempts": attempts,
                            **({"retry_after_s": too_long} if too_long is not None else {})})


def _cancel_current_task_on(cancel: CancelToken | None) -> Callable[[], None]:
    if cancel is None:
        return lambda: None
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()

    def abort() -> None:
        if task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)

    return cancel.add_callback(abort)


async def _sleep(seconds: float, cancel: CancelToken | None) -> None:
    end = time.monotonic() + seconds
    while True:
        if cancel is not None and cancel.cancelled:
            raise LLMCancelled("The model call was cancelled.")
        left = end - time.monotonic()
        if left <= 0:
            return
        await asyncio.sleep(min(left, 0.05))


def retry_after(headers: Any) -> float | None:
    """Seconds to wait from ``retry-after-ms`` (OpenAI) or ``Retry-After`` (seconds or an
    HTTP date); None when absent or unreadable."""
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def error_message(text: str, limit: int = 300) -> str:
    """The human part of a provider's error body (OpenAI ``error.message``, Anthropic
    ``error.message``, Ollama ``error``), else the start of the text."""
    try:
        data = json.loads(text)
    except ValueError:
        return text.strip()[:limit] or "no details"
    if isinstance(data, dict):
        err = data.get("error")
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])[:limit]
        if isinstance(err, str):
            return err[:limit]
        if data.get("message"):
            return str(data["message"])[:limit]
    return text.strip()[:limit]


def redact_url(url: str) -> str:
    """The URL without credentials or query string (keys never reach logs or answers)."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


def parse_json_text(text: str) -> Any:
    """A JSON value from a model's text: plain, inside a ```json fence, or the outermost
    ``{...}``; None when there is none."""
    text = (text or "").strip()
    if not text:
        return None
    candidates = [text, *[m.group(1) for m in _FENCE.finditer(text)]]
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        candidates.append(text[start:end + 1])
    for cand in candidates:
        try:
            return json.loads(cand)
        except ValueError:
            continue
    return None


def structured_result(arguments: Any, content: str, finish: str | None, usage: Usage,
            model: str) -> ChatResult:
    """A reply from a tool call's arguments (object or JSON text) or, failing that, from
    JSON in the message text."""
    if arguments is not None:
        text = arguments if isinstance(arguments, str) else json.dumps(arguments)
        data = arguments if isinstance(arguments, dict) else parse_json_text(text)
    else:
        text, data = content, parse_json_text(content)
    return ChatResult(text=text, data=data, usage=usage, model=model, finish_reason=finish)


async def sse_events(lines: AsyncIterator[str]) -> AsyncIterator[tuple[str, str]]:
    """Server-sent events as ``(event, data)``; ``event`` is "" when the stream names none."""
    event, data = "", []
    async for line in lines:
        if line == "":
            if data:
                yield event, "\n".join(data)
            event, data = "", []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "event":
            event = value
        elif name == "data":
            data.append(value)
    if data:
        yield event, "\n".join(data)


def run_sync(factory: Callable[[], Coroutine[Any, Any, Any]],
             cancel: CancelToken | None = None) -> Any:
    """Run a coroutine to completion on a private event loop in a worker thread.

    Works inside Jupyter (whose own loop is already running) and lets the calling thread
    stay interruptible: a KeyboardInterrupt (kernel interrupt) cancels the call and is
    re-raised once the request is aborted."""
    cancel = cancel or CancelToken()
    loop = asyncio.new_event_loop()
    done = threading.Event()
    out: dict[str, Any] = {}
    tasks: list[asyncio.Task[Any]] = []

    def target() -> None:
        asyncio.set_event_loop(loop)
        try:
            task = loop.create_task(factory())
            tasks.append(task)
            out["value"] = loop.run_until_complete(task)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            out["error"] = exc
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                loop.close()
                done.set()

    def on_cancel() -> None:
        if tasks and not loop.is_closed():
            loop.call_soon_threadsafe(tasks[0].cancel)

    remove = cancel.add_callback(on_cancel)
    thread = threading.Thread(target=target, name="nbdatachat-llm", daemon=True)
    thread.start()
    try:
        while not done.wait(0.05):
            pass
    except KeyboardInterrupt:
        cancel.cancel()
        done.wait(5.0)
        raise
    finally:
        remove()
    if "error" in out:
        err = out["error"]
        if isinstance(err, asyncio.CancelledError):
            raise LLMCancelled("The model call was cancelled.") from None
        raise err
    return out["value"]


__all__ = ["Provider", "RETRY_STATUSES", "error_message", "parse_json_text", "redact_url",
           "retry_after", "run_sync", "sse_events", "structured_result"]
