"""Fake model providers on 127.0.0.1 that speak the real wire formats, for tests.

No hosted model can be reached here, so :class:`FakeLLM` stands in for one: an HTTP server
that answers like OpenAI's chat completions (``/v1/chat/completions``: tool calls,
``response_format``, server-sent-event streams with a usage chunk), Ollama's ``/api/chat``
(``format``, newline-delimited JSON streams, ``prompt_eval_count``/``eval_count``) or
Anthropic's ``/v1/messages`` (``tool_use`` blocks, named SSE events, ``x-api-key`` and
``anthropic-version`` required). It plays scripted replies in order and records every
request it received, so tests assert what left the process as well as the answers.

    with FakeLLM("openai", [reply_json({"status": "ok", ...}), status(429, retry_after=1)]) as fake:
        settings = LLMSettings(model="m", base_url=fake.url, api_key="k", provider="openai")
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WIRES = ("openai", "ollama", "anthropic")
PATHS = {"openai": "/v1/chat/completions", "ollama": "/api/chat", "anthropic": "/v1/messages"}


@dataclass
class Reply:
    """One scripted answer: a JSON object (``data``), raw text, an HTTP error, or a delay."""

    data: Any = None                 # the structured reply (tool call / JSON content)
    text: str | None = None          # raw assistant text instead (e.g. invalid JSON)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""
    delay: float = 0.0               # seconds before answering (a timeout test)
    chunk_delay: float = 0.0         # seconds between stream chunks
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


def reply_json(data: Any, **kw: Any) -> Reply:
    return Reply(data=data, **kw)


def reply_text(text: str, **kw: Any) -> Reply:
    return Reply(text=text, **kw)


def status(code: int, message: str = "", retry_after: float | None = None,
           **kw: Any) -> Reply:
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
    return Reply(status=code, headers=headers, error=message or f"HTTP {code}", **kw)


def hang(seconds: float) -> Reply:
    return Reply(data={}, delay=seconds)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: Any
    at: float


class FakeLLM:
    """A scripted provider server. ``url`` is what a user would configure as base URL."""

    def __init__(self, wire: str, replies: list[Reply] | None = None, *,
                 default: Reply | None = None, api_key: str | None = None) -> None:
        assert wire in WIRES, wire
        self.wire = wire
        self.replies: list[Reply] = list(replies or [])
        self.default = default
        self.api_key = api_key
        self.requests: list[Received] = []
        self.aborted = 0  # replies the client hung up on (a cancelled call)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> "FakeLLM":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802
                fake._handle(self)

            def do_GET(self) -> None:  # noqa: N802
                fake._send_json(self, 404, {"error": "not found"})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True,
                         name=f"fake-{self.wire}").start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> "FakeLLM":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        root = f"http://127.0.0.1:{self.port}"
        return root + "/v1" if self.wire == "openai" else root

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self.replies.extend(replies)

    def sent_text(self) -> str:
        """Everything the client sent, as one string (for privacy assertions)."""
        return "\n".join(json.dumps(r.body, ensure_ascii=False) for r in self.requests)

    # -- serving ---------------------------------------------------------------------
    def _next(self) -> Reply:
        with self._lock:
            if self.replies:
                return self.replies.pop(0)
        if self.default is not None:
            return self.default
        return status(500, "the fake provider has no scripted reply left")

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self._send_json(h, 400, self._error_body(400, "invalid JSON body"))
        with self._lock:
            self.requests.append(Received(h.path, {k.lower(): v for k, v in h.headers.items()},
                                          body, time.time()))
        if h.path.split("?")[0] != PATHS[self.wire]:
            return self._send_json(h, 404, self._error_body(404, f"no route {h.path}"))
        problem = self._check(h, body)
        if problem:
            code, msg = problem
            return self._send_json(h, code, self._error_body(code, msg))
        reply = self._next()
        if reply.delay and self._stop.wait(reply.delay):
            return
        if reply.status != 200:
            return self._send_json(h, reply.status, self._error_body(reply.status, reply.error),
                                   reply.headers)
        stream = body.get("stream", self.wire == "ollama")  # Ollama streams by default
        usage = (reply.prompt_tokens if reply.prompt_tokens is not None
                 else max(1, len(raw) // 4),
                 reply.completion_tokens if reply.completion_tokens is not None
                 else max(1, len(self._payload_text(reply)) // 4))
        try:
            if stream:
                getattr(self, f"_stream_{self.wire}")(h, body, reply, usage)
            else:
                self._send_json(h, 200, getattr(self, f"_whole_{self.wire}")(body, reply, usage))
        except (BrokenPipeError, ConnectionResetError):
            with self._lock:
                self.aborted += 1  # the client cancelled

    def _check(self, h: BaseHTTPRequestHandler, body: Any) -> tuple[int, str] | None:
        if not isinstance(body, dict) or not body.get("model") or not body.get("messages"):
            return 400, "model and messages are required"
        if self.wire == "anthropic":
            if not h.headers.get("anthropic-version"):
                return 400, "anthropic-version header is required"
            if not h.headers.get("x-api-key"):
                return 401, "x-api-key header is required"
            if "max_tokens" not in body:
                return 400, "max_tokens: Field required"
            if any(m.get("role") not in ("user", "assistant") for m in body["messages"]):
                return 400, "messages: roles must be user or assistant (system is top-level)"
        if self.api_key is not None:
            given = (h.headers.get("x-api-key") or h.headers.get("api-key") or
                     (h.headers.get("Authorization") or "").removeprefix("Bearer ").strip())
            if given != self.api_key:
                return 401, "Incorrect API key provided"
        return None

    def _error_body(self, code: int, message: str) -> Any:
        if self.wire == "openai":
            kind = "rate_limit_error" if code == 429 else "invalid_request_error" \
                if code < 500 else "server_error"
            return {"error": {"message": message, "type": kind, "param": None, "code": None}}
        if self.wire == "anthropic":
            kind = {429: "rate_limit_error", 529: "overloaded_error", 401: "authentication_error",
                    404: "not_found_error"}.get(code, "invalid_request_error" if code < 500
                                                else "api_error")
            return {"type": "error", "error": {"type": kind, "message": message}}
        return {"error": message}

    @staticmethod
    def _payload_text(reply: Reply) -> str:
        return reply.text if reply.text is not None else json.dumps(reply.data)

    # -- wire formats: whole replies -------------------------------------------------
    def _whole_openai(self, body: dict[str, Any], reply: Reply, usage: tuple[int, int]) -> Any:
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
        finish = "stop"
        if reply.text is None and body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            message["tool_calls"] = [{"id": "call_" + uuid.uuid4().hex[:12], "type": "function",
                                      "function": {"name": name,
                                                   "arguments": json.dumps(reply.data)}}]
            finish = "tool_calls"
        else:
            message["content"] = self._payload_text(reply)
        return {"id": "chatcmpl-" + uuid.uuid4().hex[:12], "object": "chat.completion",
                "created": int(time.time()), "model": body["model"],
                "choices": [{"index": 0, "message": message, "logprobs": None,
                             "finish_reason": finish}],
                "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1],
                          "total_tokens": sum(usage)}}

    def _whole_ollama(self, body: dict[str, Any], reply: Reply, usage: tuple[int, int]) -> Any:
        return {"model": body["model"], "created_at": "2025-01-01T00:00:00Z",
                "message": {"role": "assistant", "content": self._payload_text(reply)},
                "done": True, "done_reason": "stop", "total_duration": 1000,
                "prompt_eval_count": usage[0], "eval_count": usage[1]}

    def _whole_anthropic(self, body: dict[str, Any], reply: Reply,
                         usage: tuple[int, int]) -> Any:
        if reply.text is None and body.get("tools"):
            content = [{"type": "tool_use", "id": "toolu_" + uuid.uuid4().hex[:12],
                        "name": body["tools"][0]["name"], "input": reply.data}]
            stop = "tool_use"
        else:
            content = [{"type": "text", "text": self._payload_text(reply)}]
            stop = "end_turn"
        return {"id": "msg_" + uuid.uuid4().hex[:12], "type": "message", "role": "assistant",
                "model": body["model"], "content": content, "stop_reason": stop,
                "stop_sequence": None,
                "usage": {"input_tokens": usage[0], "output_tokens": usage[1]}}

    # -- wire formats: streams -------------------------------------------------------
    def _start_stream(self, h: BaseHTTPRequestHandler, content_type: str) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Cache-Control", "no-cache")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True

    def _write(self, h: BaseHTTPRequestHandler, text: str, reply: Reply) -> None:
        h.wfile.write(text.encode())
        h.wfile.flush()
        if reply.chunk_delay:
            self._stop.wait(reply.chunk_delay)

    @staticmethod
    def _pieces(text: str, n: int = 4) -> list[str]:
        size = max(1, -(-len(text) // n))
        return [text[i:i + size] for i in range(0, len(text), size)] or [""]

    def _stream_openai(self, h: BaseHTTPRequestHandler, body: dict[str, Any], reply: Reply,
                       usage: tuple[int, int]) -> None:
        self._start_stream(h, "text/event-stream")
        cid, created = "chatcmpl-" + uuid.uuid4().hex[:12], int(time.time())

        def chunk(choices: list[Any], **extra: Any) -> str:
            return "data: " + json.dumps({"id": cid, "object": "chat.completion.chunk",
                                          "created": created, "model": body["model"],
                                          "choices": choices, **extra}) + "\n\n"

        tool = reply.text is None and body.get("tools")
        self._write(h, chunk([{"index": 0, "delta": {"role": "assistant", "content": None},
                               "finish_reason": None}]), reply)
        text = self._payload_text(reply)
        for i, piece in enumerate(self._pieces(text)):
            if tool:
                call: dict[str, Any] = {"index": 0, "function": {"arguments": piece}}
                if i == 0:
                    call.update(id="call_1", type="function")
                    call["function"]["name"] = body["tools"][0]["function"]["name"]
                delta: dict[str, Any] = {"tool_calls": [call]}
            else:
                delta = {"content": piece}
            self._write(h, chunk([{"index": 0, "delta": delta, "finish_reason": None}]), reply)
        self._write(h, chunk([{"index": 0, "delta": {},
                               "finish_reason": "tool_calls" if tool else "stop"}]), reply)
        if (body.get("stream_options") or {}).get("include_usage"):
            self._write(h, chunk([], usage={"prompt_tokens": usage[0],
                                            "completion_tokens": usage[1],
                                            "total_tokens": sum(usage)}), reply)
        self._write(h, "data: [DONE]\n\n", reply)

    def _stream_ollama(self, h: BaseHTTPRequestHandler, body: dict[str, Any], reply: Reply,
                       usage: tuple[int, int]) -> None:
        self._start_stream(h, "application/x-ndjson")
        for piece in self._pieces(self._payload_text(reply)):
            self._write(h, json.dumps({"model": body["model"], "created_at": "2025-01-01T00:00:00Z",
                                       "message": {"role": "assistant", "content": piece},
                                       "done": False}) + "\n", reply)
        self._write(h, json.dumps({"model": body["model"], "created_at": "2025-01-01T00:00:01Z",
                                   "message": {"role": "assistant", "content": ""},
                                   "done": True, "done_reason": "stop",
                                   "prompt_eval_count": usage[0],
                                   "eval_count": usage[1]}) + "\n", reply)

    def _stream_anthropic(self, h: BaseHTTPRequestHandler, body: dict[str, Any], reply: Reply,
                          usage: tuple[int, int]) -> None:
        self._start_stream(h, "text/event-stream")

        def event(name: str, data: dict[str, Any]) -> str:
            return f"event: {name}\ndata: {json.dumps({'type': name, **data})}\n\n"

        tool = reply.text is None and body.get("tools")
        self._write(h, event("message_start", {"message": {
            "id": "msg_1", "type": "message", "role": "assistant", "model": body["model"],
            "content": [], "stop_reason": None, "stop_sequence": None,
            "usage": {"input_tokens": usage[0], "output_tokens": 1}}}), reply)
        block = ({"type": "tool_use", "id": "toolu_1", "name": body["tools"][0]["name"],
                  "input": {}} if tool else {"type": "text", "text": ""})
        self._write(h, event("content_block_start", {"index": 0, "content_block": block}), reply)
        self._write(h, event("ping", {}), reply)
        for piece in self._pieces(self._payload_text(reply)):
            delta = ({"type": "input_json_delta", "partial_json": piece} if tool
                     else {"type": "text_delta", "text": piece})
            self._write(h, event("content_block_delta", {"index": 0, "delta": delta}), reply)
        self._write(h, event("content_block_stop", {"index": 0}), reply)
        self._write(h, event("message_delta", {
            "delta": {"stop_reason": "tool_use" if tool else "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": usage[1]}}), reply)
        self._write(h, event("message_stop", {}), reply)

    def _send_json(self, h: BaseHTTPRequestHandler, code: int, payload: Any,
                   headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        try:
            h.send_response(code)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            h.end_headers()
            h.wfile.write(data)
            h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


__all__ = ["FakeLLM", "Received", "Reply", "hang", "reply_json", "reply_text", "status"]
