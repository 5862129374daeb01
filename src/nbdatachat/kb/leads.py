"""Leads: the contact details a visitor gives in chat, collected as the chatbot's
``leadsConfig`` asks (``collectName``, ``collectEmail``, ``collectPhone``).

The hosted service shows a form; over the API the visitor types the details into the chat,
so they are read from the user messages: e-mail addresses and phone numbers by pattern,
names from phrases such as "my name is Ada Lovelace" or "Name: Ada Lovelace" (the
``nameMessage`` label of the config counts too). Only the fields the config enables are
kept, and the latest value of each wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# International or local numbers: 7-15 digits with optional +, spaces, dots, dashes, parens.
PHONE = re.compile(r"(?<![\w@.])(\+?\(?\d[\d\s().-]{5,}\d)(?![\w@])")
_NAME_WORD = r"[A-Z][\w'-]*"
NAME_PHRASES = (r"\bmy name is", r"\bmy name's", r"\bi am", r"\bi'm", r"\bthis is",
                r"\bcall me", r"\bname\s*[:=-]")


def _phones(text: str) -> list[str]:
    out = []
    for match in PHONE.finditer(text):
        raw = match.group(1).strip()
        digits = re.sub(r"\D", "", raw)
        if 7 <= len(digits) <= 15 and not re.fullmatch(r"(19|20)\d\d([-/.]\d\d){0,2}", raw):
            out.append(raw)
    return out


def _names(text: str, label: str | None) -> list[str]:
    phrases = list(NAME_PHRASES)
    if label and label.strip() and label.strip().lower() not in ("name",):
        phrases.append(re.escape(label.strip()) + r"\s*[:=-]")
    out = []
    for phrase in phrases:
        pattern = rf"(?i:{phrase})\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
        for match in re.finditer(pattern, text):
            name = match.group(1).strip()
            if name.lower() not in ("a", "an", "the", "not", "looking", "interested"):
                out.append(name)
    return out


def extract_lead(messages: Iterable[Mapping[str, Any]], config: Mapping[str, Any] | None
                 ) -> dict[str, str]:
    """``{"name"?, "email"?, "phone"?}`` found in the user messages, per ``config``."""
    config = config or {}
    want_name = bool(config.get("collectName", True))
    want_email = bool(config.get("collectEmail", True))
    want_phone = bool(config.get("collectPhone", False))
    lead: dict[str, str] = {}
    for message in messages:
        if message.get("role") != "user":
            continue
        text = str(message.get("content") or "")
        emails = EMAIL.findall(text)
        if want_email and emails:
            lead["email"] = emails[-1]
        if want_phone:
            phones = _phones(EMAIL.sub(" ", text))
            if phones:
                lead["phone"] = phones[-1]
        if want_name:
            names = _names(EMAIL.sub(" ", text), config.get("nameMessage"))
            if names:
                lead["name"] = names[-1]
    return lead


__all__ = ["EMAIL", "PHONE", "extract_lead"]
