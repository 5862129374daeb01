"""Any OpenAI-compatible chat-completions endpoint: OpenAI, Azure OpenAI, vLLM, llama.cpp's
server, LM Studio, Ollama's ``/v1``.

``POST {base_url}/chat/completions`` with ``Authorization: Bearer`` (Azure: ``api-key``).
The reply's shape comes from the JSON Schema, as a forced function call (``output="tools"``,
the default: the widest support among compatible servers), as ``response_format``
``json_schema`` (``output="json_schema"``), or only asked for in the prompt
(``output="json"``, ``response_format: json_object``). Streaming reads the server-sent
``chat.completion.chunk`` events, joining ``delta.content`` and the tool call's
``arguments`` fragments; ``stream_options.include_usage`` asks for the final usage chunk.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from .base import OnDelta, Provider, sse_events, structured_result
from .types import CancelToken, ChatRequest, ChatResult, LLMCancelled, LLMError, Usage

OUTPUTS = ("tools", "json_schema", "json")


class OpenAIProvider(Provider):
    name = "openai"
    path = "/chat/completions"
    default_base_url = "https://api.openai.com/v1"

    def __init__(self, model: str, *, output: str = "tools", **kwargs: Any) -> None:
        super().__init__(model, **kwargs)
        if output not in OUTPUTS:
            raise LLMError(f"Unknown output mode {output!r}; use one of {', '.join(OUTPUTS)}.")
        self.output = output

    @property
    def azure(self) -> bool:
        return urlsplit(self.base_url).hostname is not None and \
            str(urlsplit(self.base_url).hostname).endswith(".azure.com")

    def headers(self) -> dict[str, str]:
        h = super().headers()
        if self.api_key:
            if self.azure:
                h["api-key"] = self.api_key
            else:
                h["Authorization"] = f"Bearer {self.api_key}"
        return h

    def body(self, request: ChatRequest, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "temperature": request.temperature,
        }
        if request.schema is not None:
            if self.output == "tools":
                body["tools"] = [{"type": "function", "function": {
                    "name": request.schema_name, "description": request.schema_description,
                    "parameters": request.schema}}]
                body["tool_choice"] = {"type": "function",
                                       "function": {"name": request.schema_name}}
            elif self.output == "json_schema":
                body["response_format"] = {"type": "json_schema", "json_schema": {
                    "name": request.schema_name, "description": request.schema_description,
                    "schema": request.schema, "strict": False}}
            else:
                body["response_format"] = {"type": "json_object"}
        if stream:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        return body

    def parse(self, payload: Any) -> ChatResult:
        try:
            choice = payload["choices"][0]
            message = choice.get("message") or {}
        except (KeyError, IndexError, TypeError):
            raise LLMError(f"The OpenAI-compatible reply has no choices: "
                           f"{json.dumps(payload)[:200]}", details={"provider": self.name}) \
                from None
        calls = message.get("tool_calls") or []
        arguments = None
        if calls:
            arguments = (calls[0].get("function") or {}).get("arguments")
        content = message.get("content") or ""
        if message.get("refusal"):
            content = str(message["refusal"])
        return structured_result(arguments, content, choice.get("finish_reason"),
                       _usage(payload.get("usage")), payload.get("model") or self.model)

    async def parse_stream(self, lines: AsyncIterator[str], on_delta: OnDelta | None,
                           cancel: CancelToken | None) -> ChatResult:
        content: list[str] = []
        arguments: dict[int, list[str]] = {}
        finish: str | None = None
        usage = Usage()
        model = self.model
        async for _event, data in sse_events(lines):
            if cancel is not None and cancel.cancelled:
                raise LLMCancelled("The model call was cancelled.")
            if data.strip() == "[DONE]":
                break
            try:
                chunk = json.loads(data)
            except ValueError:
                raise LLMError(f"Unreadable stream chunk from the model: {data[:200]!r}",
                               details={"provider": self.name}) from None
            if isinstance(chunk, dict) and chunk.get("error"):
                err = chunk["error"]
                raise LLMError(f"The model failed while streaming: "
                               f"{err.get('message') if isinstance(err, dict) else err}",
                               details={"provider": self.name})
            model = chunk.get("model") or model
            if chunk.get("usage"):
                usage = _usage(chunk["usage"])
            for choice in chunk.get("choices") or []:
                delta = choice.get("delta") or {}
                piece = delta.get("content")
                if piece:
                    content.append(piece)
                    if on_delta:
                        on_delta(piece)
                for call in delta.get("tool_calls") or []:
                    frag = (call.get("function") or {}).get("arguments") or ""
                    arguments.setdefault(int(call.get("index") or 0), []).append(frag)
                    if frag and on_delta:
                        on_delta(frag)
                finish = choice.get("finish_reason") or finish
        args = "".join(arguments[min(arguments)]) if arguments else None
        return structured_result(args, "".join(content), finish, usage, model)


def _usage(raw: Any) -> Usage:
    if not isinstance(raw, dict):
        return Usage()
    return Usage(int(raw.get("prompt_tokens") or 0), int(raw.get("completion_tokens") or 0), 1)


__all__ = ["OpenAIProvider"]
