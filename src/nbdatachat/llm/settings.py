"""Which planner answers, and which model it asks: one settings object for every front-end.

Read from the environment (``NBDATACHAT_PLANNER``, ``NBDATACHAT_LLM_*``), overlaid by the
notebook's traitlets (``NbDataChat.planner``, ``.llm_base_url``, ``.llm_model``, ...) or the
server's flags. With no model configured the planner is ``rules``; with one it is ``auto``
(the rule reader first, the model when the reader cannot ground the question).

| env var | default | meaning |
|---|---|---|
| ``NBDATACHAT_PLANNER`` | rules / auto | ``rules``, ``llm`` or ``auto`` |
| ``NBDATACHAT_LLM_PROVIDER`` | from the URL | ``openai`` (any compatible server), ``ollama``, ``anthropic`` |
| ``NBDATACHAT_LLM_BASE_URL`` | the provider's | e.g. ``http://127.0.0.1:11434`` |
| ``NBDATACHAT_LLM_MODEL`` | none | the model name; setting it turns the model on |
| ``NBDATACHAT_LLM_API_KEY`` | none | sent as the provider expects; never logged or shown |
| ``NBDATACHAT_LLM_TIMEOUT`` | 60 | seconds per attempt |
| ``NBDATACHAT_LLM_RETRIES`` | 2 | retries on 429 / 5xx / dropped connections |
| ``NBDATACHAT_LLM_STREAM`` | false | stream replies (progress callbacks get the pieces) |
| ``NBDATACHAT_LLM_OUTPUT`` | tools | OpenAI-compatible only: ``tools``, ``json_schema`` or ``json`` |
| ``NBDATACHAT_LLM_SHARE_VALUES`` | 20 | share a text column's distinct values when it has at most this many (0: none) |
| ``NBDATACHAT_LLM_SHARE_RANGES`` | false | also share min/max of numeric and date columns |
| ``NBDATACHAT_LLM_SUMMARY`` | false | ask for a one-sentence summary (sends the result table) |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlsplit

from ..errors import InvalidRequest

PLANNERS = ("rules", "llm", "auto")
PROVIDERS = ("openai", "ollama", "anthropic")
_ALIASES = {"local": "rules", "rule": "rules", "model": "llm"}


def _env(name: str) -> str | None:
    value = os.environ.get(f"NBDATACHAT_{name}")
    return value.strip() if value is not None and value.strip() != "" else None


def _bool(value: str | None, fallback: bool) -> bool:
    if value is None:
        return fallback
    return value.strip().lower() in ("1", "true", "yes", "on")


def _number(value: str | None, fallback: float, name: str) -> float:
    if value is None:
        return fallback
    try:
        return float(value)
    except ValueError:
        raise InvalidRequest(f"NBDATACHAT_{name} must be a number, not {value!r}.") from None


def normalise_planner(value: str | None) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    v = _ALIASES.get(str(value).strip().lower(), str(value).strip().lower())
    if v not in PLANNERS:
        raise InvalidRequest(f"Unknown planner {value!r}; use one of: {', '.join(PLANNERS)}.",
                             details={"planner": value, "accepted": list(PLANNERS)})
    return v


@dataclass(frozen=True)
class LLMSettings:
    planner: str | None = None          # None: rules without a model, auto with one
    provider: str | None = None         # None: guessed from the base URL
    base_url: str = ""
    model: str = ""
    api_key: str = ""
    timeout: float = 60.0
    max_retries: int = 2
    stream: bool = False
    output: str = "tools"
    share_values: int = 20
    share_ranges: bool = False
    summary: bool = False

    @classmethod
    def from_env(cls) -> "LLMSettings":
        return cls(
            planner=normalise_planner(_env("PLANNER")),
            provider=(_env("LLM_PROVIDER") or "").lower() or None,
            base_url=_env("LLM_BASE_URL") or "",
            model=_env("LLM_MODEL") or "",
            api_key=_env("LLM_API_KEY") or "",
            timeout=_number(_env("LLM_TIMEOUT"), 60.0, "LLM_TIMEOUT"),
            max_retries=int(_number(_env("LLM_RETRIES"), 2, "LLM_RETRIES")),
            stream=_bool(_env("LLM_STREAM"), False),
            output=(_env("LLM_OUTPUT") or "tools").lower(),
            share_values=int(_number(_env("LLM_SHARE_VALUES"), 20, "LLM_SHARE_VALUES")),
            share_ranges=_bool(_env("LLM_SHARE_RANGES"), False),
            summary=_bool(_env("LLM_SUMMARY"), False),
        )

    def with_(self, **changes: Any) -> "LLMSettings":
        """A copy with the non-empty ``changes`` applied (empty strings/None keep the value)."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise InvalidRequest(f"Unknown LLM setting(s): {', '.join(sorted(unknown))}.")
        kept = {k: v for k, v in changes.items() if v is not None and v != ""}
        if "planner" in kept:
            kept["planner"] = normalise_planner(kept["planner"])
        return replace(self, **kept)

    @property
    def configured(self) -> bool:
        """A model is configured (a model name is the switch)."""
        return bool(self.model)

    @property
    def effective_planner(self) -> str:
        return self.planner or ("auto" if self.configured else "rules")

    @property
    def effective_provider(self) -> str:
        if self.provider:
            if self.provider not in PROVIDERS:
                raise InvalidRequest(f"Unknown LLM provider {self.provider!r}; use one of: "
                                     f"{', '.join(PROVIDERS)} (openai covers every "
                                     f"OpenAI-compatible server).",
                                     details={"provider": self.provider})
            return self.provider
        return guess_provider(self.base_url)

    def describe(self) -> dict[str, Any]:
        """The settings as shown to people: the API key is never shown, only whether set."""
        return {"planner": self.effective_planner,
                "provider": self.effective_provider if self.configured else None,
                "base_url": self.base_url or None, "model": self.model or None,
                "api_key": "set" if self.api_key else "not set",
                "share_values": self.share_values, "share_ranges": self.share_ranges,
                "summary": self.summary}


def guess_provider(base_url: str) -> str:
    """``anthropic`` for Anthropic's host, ``ollama`` for port 11434 or an ``ollama`` host,
    else ``openai`` (the wire format of most servers)."""
    parts = urlsplit(base_url or "")
    host = (parts.hostname or "").lower()
    if "anthropic" in host:
        return "anthropic"
    if parts.port == 11434 or "ollama" in host:
        return "ollama"
    return "openai"


def make_provider(settings: LLMSettings, **overrides: Any) -> Any:
    """The provider object for ``settings`` (raises when no model is configured)."""
    from .types import LLMNotConfigured

    if not settings.configured:
        raise LLMNotConfigured(
            "No model is configured. Set NBDATACHAT_LLM_MODEL (and NBDATACHAT_LLM_BASE_URL, "
            "NBDATACHAT_LLM_API_KEY as your provider needs), or %config NbDataChat.llm_model.",
            details={"setting": "llm_model"})
    kind = settings.effective_provider
    kwargs: dict[str, Any] = dict(base_url=settings.base_url or None,
                                  api_key=settings.api_key or None, timeout=settings.timeout,
                                  max_retries=settings.max_retries, stream=settings.stream)
    kwargs.update(overrides)
    if kind == "ollama":
        from .ollama_chat import OllamaProvider

        return OllamaProvider(settings.model, **kwargs)
    if kind == "anthropic":
        from .anthropic_messages import AnthropicProvider

        return AnthropicProvider(settings.model, **kwargs)
    from .openai_chat import OpenAIProvider

    return OpenAIProvider(settings.model, output=settings.output, **kwargs)


__all__ = ["LLMSettings", "PLANNERS", "PROVIDERS", "guess_provider", "make_provider",
           "normalise_planner"]
