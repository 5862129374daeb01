"""Ollama's native chat API: ``POST {base_url}/api/chat`` (default ``http://127.0.0.1:11434``).

Structured output goes in ``format`` as the JSON Schema itself; the reply is
``message.content`` (a tool call's ``arguments`` object is read too). ``stream`` defaults to
true on Ollama, so it is always sent; a stream is newline-delimited JSON objects, the last with
``done: true`` and the token counts ``prompt_eval_count`` / ``eval_count``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from .base import OnDelta, Provider, structured_result
from .types import CancelToken, ChatRequest, ChatResult, LLMCancelled, LLMError, Usage


class OllamaProvider(Provider):
    name = "ollama"
    path = "/api/chat"
    default_base_url = "http://127.0.0.1:11434"

    def headers(self) -> dict[str, str]:
        h = super().headers()
        if self.api_key:  # Ollama behind an authenticating proxy, or its hosted service
            h["Authorization"] = f"Bearer {self.api_key}"
        return h

    def body(self, request: ChatRequest, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "stream": bool(stream),
            "options": {"temperature": request.temperature, "num_predict": request.max_tokens},
        }
        if request.schema is not None:
            body["format"] = request.schema
        return body

    def parse(self, payload: Any) -> ChatResult:
        if not isinstance(payload, dict) or "message" not in payload:
            err = payload.get("error") if isinstance(payload, dict) else None
            raise LLMError(f"The Ollama reply has no message: {err or str(payload)[:200]}",
                           details={"provider": self.name})
        message = payload.get("message") or {}
        return self._from(message.get("content") or "", message.get("tool_calls"), payload)

    def _from(self, content: str, calls: Any, final: dict[str, Any]) -> ChatResult:
        arguments = None
        if calls:
            arguments = (calls[0].get("function") or {}).get("arguments")
        usage = Usage(int(final.get("prompt_eval_count") or 0),
                      int(final.get("eval_count") or 0), 1)
        return structured_result(arguments, content, final.get("done_reason"), usage,
                       final.get("model") or self.model)

    async def parse_stream(self, lines: AsyncIterator[str], on_delta: OnDelta | None,
                           cancel: CancelToken | None) -> ChatResult:
        content: list[str] = []
        calls: list[Any] = []
        final: dict[str, Any] = {}
        async for line in lines:
            if cancel is not None and cancel.cancelled:
                raise LLMCancelled("The model call was cancelled.")
            if not line.strip():
                continue
            try:
                chunk = json.loads(line)
            except ValueError:
                raise LLMError(f"Unreadable stream line from Ollama: {line[:200]!r}",
                               details={"provider": self.name}) from None
            if chunk.get("error"):
                raise LLMError(f"Ollama failed while streaming: {chunk['error']}",
                               details={"provider": self.name})
            message = chunk.get("message") or {}
            piece = message.get("content") or ""
            if piece:
                content.append(piece)
                if on_delta:
                    on_delta(piece)
            calls.extend(message.get("tool_calls") or [])
            if chunk.get("done"):
                final = chunk
                break
        return self._from("".join(content), calls, final)


__all__ = ["OllamaProvider"]
