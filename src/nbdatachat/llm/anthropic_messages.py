"""Anthropic's Messages API: ``POST {base_url}/v1/messages`` (default
``https://api.anthropic.com``) with ``x-api-key`` and ``anthropic-version: 2023-06-01``.

The system prompt goes in ``system``; the reply's shape is a tool (``input_schema``) forced
with ``tool_choice: {"type": "tool", "name": ...}``, read from the ``tool_use`` block's
``input``. A stream is server-sent events: ``message_start`` (input tokens),
``content_block_start`` / ``content_block_delta`` (``text_delta``, ``input_json_delta``
fragments), ``message_delta`` (stop reason, output tokens), ``message_stop``; an ``error``
event (e.g. ``overloaded_error``) fails the call.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from .base import OnDelta, Provider, structured_result
from .types import CancelToken, ChatRequest, ChatResult, LLMCancelled, LLMError, Usage

API_VERSION = "2023-06-01"


class AnthropicProvider(Provider):
    name = "anthropic"
    path = "/v1/messages"
    default_base_url = "https://api.anthropic.com"

    def headers(self) -> dict[str, str]:
        h = super().headers()
        h["anthropic-version"] = API_VERSION
        if self.api_key:
            h["x-api-key"] = self.api_key
        return h

    def body(self, request: ChatRequest, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "max_tokens": request.max_tokens,
            "messages": [{"role": m.role, "content": m.content} for m in request.turns],
            "temperature": request.temperature,
        }
        if request.system:
            body["system"] = request.system
        if request.schema is not None:
            body["tools"] = [{"name": request.schema_name,
                              "description": request.schema_description,
                              "input_schema": request.schema}]
            body["tool_choice"] = {"type": "tool", "name": request.schema_name}
        if stream:
            body["stream"] = True
        return body

    def parse(self, payload: Any) -> ChatResult:
        if not isinstance(payload, dict) or payload.get("type") == "error":
            err = (payload or {}).get("error") if isinstance(payload, dict) else None
            raise LLMError(f"Anthropic answered with an error: "
                           f"{(err or {}).get('message') if isinstance(err, dict) else payload}",
                           details={"provider": self.name})
        text: list[str] = []
        arguments = None
        for block in payload.get("content") or []:
            if block.get("type") == "tool_use" and arguments is None:
                arguments = block.get("input")
            elif block.get("type") == "text":
                text.append(block.get("text") or "")
        usage = _usage(payload.get("usage"))
        return structured_result(arguments, "".join(text), payload.get("stop_reason"), usage,
                       payload.get("model") or self.model)

    async def parse_stream(self, lines: AsyncIterator[str], on_delta: OnDelta | None,
                           cancel: CancelToken | None) -> ChatResult:
        from .base import sse_events

        text: list[str] = []
        tool_json: list[str] | None = None
        usage = Usage(calls=1)
        stop: str | None = None
        model = self.model
        async for event, data in sse_events(lines):
            if cancel is not None and cancel.cancelled:
                raise LLMCancelled("The model call was cancelled.")
            try:
                item = json.loads(data)
            except ValueError:
                raise LLMError(f"Unreadable stream event from Anthropic: {data[:200]!r}",
                               details={"provider": self.name}) from None
            kind = item.get("type") or event
            if kind == "error":
                err = item.get("error") or {}
                raise LLMError(f"Anthropic failed while streaming: "
                               f"{err.get('type', '')}: {err.get('message', '')}",
                               details={"provider": self.name, "type": err.get("type")})
            if kind == "message_start":
                message = item.get("message") or {}
                model = message.get("model") or model
                usage.prompt_tokens = int((message.get("usage") or {}).get("input_tokens") or 0)
            elif kind == "content_block_start":
                block = item.get("content_block") or {}
                if block.get("type") == "tool_use" and tool_json is None:
                    tool_json = []
                elif block.get("type") == "text" and block.get("text"):
                    text.append(block["text"])
            elif kind == "content_block_delta":
                delta = item.get("delta") or {}
                if delta.get("type") == "input_json_delta" and tool_json is not None:
                    piece = delta.get("partial_json") or ""
                    tool_json.append(piece)
                elif delta.get("type") == "text_delta":
                    piece = delta.get("text") or ""
                    text.append(piece)
                else:
                    piece = ""
                if piece and on_delta:
                    on_delta(piece)
            elif kind == "message_delta":
                stop = (item.get("delta") or {}).get("stop_reason") or stop
                out = (item.get("usage") or {}).get("output_tokens")
                if out is not None:
                    usage.completion_tokens = int(out)
            elif kind == "message_stop":
                break
        arguments = "".join(tool_json) if tool_json is not None else None
        if arguments is not None and not arguments.strip():
            arguments = "{}"
        return structured_result(arguments, "".join(text), stop, usage, model)


def _usage(raw: Any) -> Usage:
    if not isinstance(raw, dict):
        return Usage(calls=1)
    return Usage(int(raw.get("input_tokens") or 0), int(raw.get("output_tokens") or 0), 1)


__all__ = ["AnthropicProvider"]
