"""Plan limits, credits and traffic statistics: the account summary and ``get-analysis``.

The hosted service sells plans (chatbots, message credits per month, training characters);
a local server has no billing, but the same counters let an operator cap usage and let
clients written for the hosted API read them. Limits come from :class:`Plan` (or
``NBDATACHAT_KB_PLAN="chatbots=5,credits=10000,trainingChars=110000000,chatbotChars=11000000"``).

Every chat records one traffic event (timestamp, country, source, credits); the analysis
endpoint aggregates them into the seed's country, hour and credits distributions.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..errors import InvalidRequest, NbDataChatError
from .knowledge_base import Limits

PLAN_ENV = "NBDATACHAT_KB_PLAN"

#: Message credits per chat by base model (the seed: GPT-4 costs 10, GPT-4o 2, others 1).
CREDITS_PER_MODEL = {"gpt-4o-mini": 1, "gpt-4o": 2, "gpt-4": 10, "claude-3-opus": 10,
                     "claude-3-5-sonnet": 2, "claude-3-haiku": 1}


class PlanLimitReached(NbDataChatError):
    """The account is out of chatbots or message credits for this month."""

    code = "PLAN_LIMIT_REACHED"
    http_status = 403


def credits_for(base_model: str | None) -> int:
    return CREDITS_PER_MODEL.get(base_model or "gpt-4o-mini", 1)


_PLAN_KEYS = {"chatbots": "chatbots_limit", "chatbotslimit": "chatbots_limit",
              "credits": "credits", "trainingchars": "training_characters",
              "chatbotchars": "chatbot_characters", "chatbotcharacterslimit":
              "chatbot_characters", "name": "name", "email": "email", "plan": "plan"}


@dataclass(frozen=True)
class Plan:
    """What the account may use; counters are compared against these."""

    name: str = "nbdatachat"
    email: str = "local@localhost"
    plan: str = "local"
    chatbots_limit: int = 100
    credits: int = 1_000_000                 # message credits per calendar month (UTC)
    training_characters: int = 110_000_000   # characters indexed over all chatbots
    chatbot_characters: int = 11_000_000     # characters per chatbot
    features: Mapping[str, bool] = field(default_factory=lambda: {
        "gatherLeads": True, "customDomain": False, "api": True, "customModel": False,
        "userAnalysis": True, "notification": False, "gpt4": False, "removeBrand": True})

    @classmethod
    def from_env(cls, text: str | None = None) -> Plan:
        """Parse ``key=value`` pairs (``NBDATACHAT_KB_PLAN`` by default)."""
        text = os.environ.get(PLAN_ENV, "") if text is None else text
        values: dict[str, Any] = {}
        for item in (p.strip() for p in text.split(",") if p.strip()):
            key, _, value = item.partition("=")
            attr = _PLAN_KEYS.get(key.strip().lower())
            if attr is None or not value.strip():
                raise InvalidRequest(
                    f"Invalid plan setting {item!r} in {PLAN_ENV}: write key=value items "
                    f"separated by commas, keys among chatbots, credits, trainingChars, "
                    f"chatbotChars, name, email.", details={"setting": item})
            if attr in ("name", "email", "plan"):
                values[attr] = value.strip()
                continue
            try:
                values[attr] = int(value.replace("_", ""))
                if values[attr] < 0:
                    raise ValueError
            except ValueError:
                raise InvalidRequest(f"Invalid plan setting {item!r}: {key} must be a whole "
                                     f"number >= 0.", details={"setting": item}) from None
        return cls(**values)

    def limits(self, base: Limits | None = None) -> Limits:
        """Per-chatbot character :class:`Limits` implied by the plan."""
        base = base or Limits()
        return Limits(max_characters=self.chatbot_characters,
                      max_source_characters=base.max_source_characters,
                      max_file_bytes=base.max_file_bytes)


def month_start_ms(now: float | None = None) -> int:
    """Start of the current calendar month (UTC), epoch milliseconds."""
    d = datetime.fromtimestamp(time.time() if now is None else now, tz=timezone.utc)
    return int(d.replace(day=1, hour=0, minute=0, second=0, microsecond=0).timestamp() * 1000)


def account_summary(plan: Plan, *, chatbots: int, consumed_characters: int,
                    credits_used: int) -> dict[str, Any]:
    """The seed's account body."""
    return {"status": "success", "email": plan.email, "name": plan.name, "plan": {
        "subscriptions": {plan.plan: 1},
        "remainingTrainingChars": max(0, plan.training_characters - consumed_characters),
        "refreshingTrainingChars": plan.training_characters,
        "remainingCredits": max(0, plan.credits - credits_used),
        "refreshingCredits": plan.credits,
        "chatbots": chatbots, "chatbotsLimit": plan.chatbots_limit,
        "chatbotCharactersLimit": plan.chatbot_characters, **dict(plan.features)}}


def normalise_country(value: str | None) -> str:
    """An ISO 3166 alpha-2 code (upper case) or ``"unknown"`` (also for Cloudflare's XX)."""
    code = (value or "").strip().upper()
    if len(code) == 2 and code.isalpha() and code != "XX":
        return code
    return "T1" if code == "T1" else "unknown"


def in_range(ts: float, start: float | None, end: float | None) -> bool:
    return (start is None or ts >= start) and (end is None or ts <= end)


def analyse(events: Iterable[Mapping[str, Any]], start: float | None = None,
            end: float | None = None) -> dict[str, Any]:
    """``get-analysis``: chats per country, per hour of day (UTC) and source, credits per
    day (UTC midnight, epoch ms) and source, for events within [start, end] (epoch ms)."""
    countries: Counter[str] = Counter()
    hours: Counter[tuple[str, str]] = Counter()
    credits: Counter[tuple[int, str]] = Counter()
    for e in events:
        ts = float(e.get("timestamp") or 0)
        if not in_range(ts, start, end):
            continue
        source = str(e.get("source") or "api")
        when = datetime.fromtimestamp(ts / 1000, tz=timezone.utc)
        day = int(when.replace(hour=0, minute=0, second=0, microsecond=0).timestamp() * 1000)
        countries[str(e.get("country") or "unknown")] += 1
        hours[(f"{when.hour:02d}", source)] += 1
        credits[(day, source)] += int(e.get("credits") or 0)
    return {"status": "success",
            "countryDistribution": [{"countryCode": c, "count": n} for c, n in
                                    sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))],
            "hourDistribution": [{"hour": h, "source": s, "count": n}
                                 for (h, s), n in sorted(hours.items())],
            "creditsDistribution": [{"date": d, "source": s, "count": n}
                                    for (d, s), n in sorted(credits.items())]}


__all__ = ["CREDITS_PER_MODEL", "PLAN_ENV", "Plan", "PlanLimitReached", "account_summary",
           "analyse", "credits_for", "month_start_ms", "normalise_country"]
