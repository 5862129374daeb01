"""The plain types every provider speaks: a request, a result, token usage, cancellation.

Providers translate a :class:`ChatRequest` into their own wire format (OpenAI chat
completions, Ollama ``/api/chat``, Anthropic Messages) and their reply back into a
:class:`ChatResult`; nothing above the providers knows which one answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import NbDataChatError
from ..tools.progress import CancelSwitch


@dataclass
class Usage:
    """Tokens a model spent, summed over calls (a repair round is a second call)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def add(self, other: "Usage") -> "Usage":
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.calls += other.calls
        return self

    def to_dict(self) -> dict[str, int]:
        return {"prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens,
                "total_tokens": self.total_tokens, "calls": self.calls}


@dataclass
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass
class ChatRequest:
    """One call: the messages, and the JSON Schema the reply must follow (structured output
    or a forced tool call, whichever the provider supports best)."""

    messages: list[ChatMessage]
    schema: dict[str, Any] | None = None
    schema_name: str = "submit_plan"
    schema_description: str = "Submit the answer."
    max_tokens: int = 2048
    temperature: float = 0.0

    @property
    def system(self) -> str:
        return "\n\n".join(m.content for m in self.messages if m.role == "system")

    @property
    def turns(self) -> list[ChatMessage]:
        return [m for m in self.messages if m.role != "system"]


@dataclass
class ChatResult:
    """The model's reply: ``data`` is the parsed JSON object when the reply was structured
    (``None`` when it was not JSON), ``text`` the raw text it came from."""

    text: str
    data: Any = None
    usage: Usage = field(default_factory=Usage)
    model: str = ""
    finish_reason: str | None = None
    provider: str = ""


class LLMError(NbDataChatError):
    """A model provider failed (unreachable, refused, rate limited, malformed reply)."""

    code = "LLM_ERROR"
    http_status = 502


class LLMTimeout(LLMError):
    code = "LLM_TIMEOUT"
    http_status = 504


class LLMRateLimited(LLMError):
    code = "LLM_RATE_LIMITED"
    http_status = 503


class LLMCancelled(LLMError):
    code = "LLM_CANCELLED"
    http_status = 499


class LLMNotConfigured(LLMError):
    code = "LLM_NOT_CONFIGURED"
    http_status = 400


class CancelToken(CancelSwitch):
    """Cancel a model call from another thread (the panel's stop button, Ctrl-C, a closed
    HTTP request). Callbacks registered by the running call abort its HTTP request."""


__all__ = ["CancelToken", "ChatMessage", "ChatRequest", "ChatResult", "LLMCancelled",
           "LLMError", "LLMNotConfigured", "LLMRateLimited", "LLMTimeout", "Usage"]
