"""Constants and small helpers shared by the knowledge-base service's parts."""

from __future__ import annotations

import re
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from ...errors import InvalidRequest, NbDataChatError

IGNORED_DATA_ANSWER = ("This chatbot is set to ignore its data source (ignoreDataSource), and "
                       "answering without it needs a language model, which is not configured.")

#: Settings every chatbot record carries, with the seed's defaults.
DEFAULT_SETTINGS: dict[str, Any] = {
    "visibility": "private", "onlyAllowOnAddedDomains": False, "domains": [],
    "basePrompt": "", "rateLimitPoints": 20, "rateLimitTimeframe": 240,
    "rateLimitMessage": "Too many messages in a row", "suggestedMessages": [],
    "initialMessages": ["Hi! What can I help you with?"], "styles": {},
    "model": "custom-data-upload", "baseModel": "gpt-4o-mini", "temperature": 0,
    "qALinks": [], "storeChat": True, "showCalendar": False, "calendarMessage": "",
    "enableBouncingAnimation": True, "ignoreDataSource": False,
    "leadsConfig": {"message": "Let us know how to contact you", "collectName": True,
                    "collectEmail": True, "collectPhone": False, "nameMessage": "Name",
                    "emailMessage": "Email", "phoneMessage": "Phone"},
    "notification": {"enableLeadsEmail": False, "enableConversationEmails": False},
    "customBackend": None, "bearer": None,
}
_TRAINING_FIELDS = {"chatbotId", "sourceText", "urlsToScrape", "products", "qAndAs",
                    "options", "deletes"}
TEXT_SOURCE_ID = "text"
#: Kind of the per-chatbot record holding training state shared by every process.
TRAINING_RECORD = "training"
#: Record fields the service keeps to itself (not shown by get-chatbot(s)).
PRIVATE_FIELDS = ("webhooks", "trainedVersion", "tenant")
#: Record fields only the service sets: a client sending them (create-chatbot and
#: update-chatbot-settings keep unknown fields) is ignored, so it cannot grant itself
#: training credit, another version, another owner or webhooks.
SERVER_FIELDS = frozenset({"chatbotId", "createdAt", "lastTrainedAt", "status",
                           "consumedCharacters", "numberOfConversations", "icon", *PRIVATE_FIELDS})
#: A user message asking for a person: the conversation is escalated to live chat.
HUMAN_REQUEST = re.compile(
    r"\b(talk|speak|chat|connect|transfer)\w*\b.{0,30}\b(human|person|agent|"
    r"representative|operator|someone|somebody|staff)\b|\blive[ -]?chat\b|\bhuman agent\b",
    re.IGNORECASE)
USER_ONLINE_MS = 5 * 60 * 1000


def _now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class _Training:
    progress: int = 0
    state: str = "training"
    errors: list[dict[str, Any]] = field(default_factory=list)
    message: str | None = None
    future: Future | None = None
    exception: NbDataChatError | None = None



def _check_page(start: int, size: int) -> None:
    if start < 0 or size < 1:
        raise InvalidRequest(f"start must be >= 0 and size >= 1 (got start={start}, "
                             f"size={size}).", details={"start": start, "size": size})
