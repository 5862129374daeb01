"""``%nbdatachat llm-preview``: exactly what a question would send to the model.

The preview builds the same request the planner would send (the provider's real request
body, URL and headers, with the API key masked) without sending anything, and says which
columns keep their values at home and why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .settings import LLMSettings, make_provider


@dataclass
class Preview:
    url: str
    headers: dict[str, str]
    body: dict[str, Any]
    withheld: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "headers": self.headers, "body": self.body,
                "withheld": self.withheld, "settings": self.settings}

    def text(self) -> str:
        lines = [f"POST {self.url}"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        lines.append("")
        lines.append(json.dumps(self.body, indent=2, ensure_ascii=False))
        if self.withheld:
            lines.append("")
            lines.append("Values not sent:")
            lines += [f"  {col}: {why}" for col, why in self.withheld.items()]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        note = "" if self.settings.get("model") else \
            "\n\n*No model is configured yet (NBDATACHAT_LLM_MODEL); nothing would be sent.*"
        return f"**What the model would receive** (nothing was sent){note}\n\n```\n" + \
            self.text() + "\n```"


def preview(data: Any, question: str, *, settings: LLMSettings | None = None,
            conversation: Any = None) -> Preview:
    """The request ``ask(data, question, planner="llm")`` would send, unsent."""
    from ..planner.base import PlanContext
    from ..query import open_source
    from .planner import LLMPlanner

    settings = settings or LLMSettings.from_env()
    shown = settings if settings.configured else settings.with_(model="(no model configured)")
    provider = make_provider(shown)
    planner = LLMPlanner(shown, provider=provider)
    source = open_source(data)
    context = PlanContext()
    if conversation is not None:
        previous = conversation.last_plan() if hasattr(conversation, "last_plan") else None
        context = PlanContext(previous, [t.question for t in getattr(conversation, "turns",
                                                                       [])])
    view = planner.view(question, source.schema, context)
    request = planner.request(view, source.schema)
    headers = {k: ("***" if k.lower() in ("authorization", "x-api-key", "api-key") else v)
               for k, v in provider.headers().items()}
    from .base import redact_url

    return Preview(redact_url(provider.url()), headers, provider.body(request, provider.stream),
                   dict(view.withheld), settings.describe())


__all__ = ["Preview", "preview"]
