"""Bring your own model: providers over httpx and the LLM planner.

The model only ever writes a typed plan (the same :class:`~nbdatachat.planner.plan.Plan` the
rule reader writes), which is validated like any other plan and run by the local engine:
every number in an answer comes from running the plan, never from the model.

- :mod:`.settings`: ``LLMSettings`` (env ``NBDATACHAT_PLANNER`` / ``NBDATACHAT_LLM_*``);
- providers: :mod:`.openai_chat` (any OpenAI-compatible server), :mod:`.ollama_chat`,
  :mod:`.anthropic_messages`, sharing retries/timeouts/cancellation in :mod:`.base`.

Nothing here imports httpx until a model is called.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "LLMSettings": ".settings", "make_provider": ".settings", "guess_provider": ".settings",
    "CancelToken": ".types", "ChatMessage": ".types", "ChatRequest": ".types",
    "ChatResult": ".types", "Usage": ".types", "LLMError": ".types", "LLMTimeout": ".types",
    "LLMCancelled": ".types", "LLMRateLimited": ".types", "LLMNotConfigured": ".types",
    "OpenAIProvider": ".openai_chat", "OllamaProvider": ".ollama_chat",
    "AnthropicProvider": ".anthropic_messages",
}


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'nbdatachat.llm' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = sorted(_LAZY)
