"""Knowledge-base errors: each one says what was refused and how to get past it.

They subclass the package's typed errors so every front-end (HTTP, magic, widget) renders
them the same way, as ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

from ..errors import DataLoadError, InvalidRequest, NbDataChatError, NotFound


class CharacterLimitExceeded(InvalidRequest):
    """A source (or the sum of a chatbot's sources) is over the configured character limit.

    Raised *before* anything is indexed, so a rejected request changes nothing."""

    code = "CHARACTER_LIMIT_EXCEEDED"
    http_status = 413


class UnreadableFile(DataLoadError):
    """A file's bytes do not match its declared type, or no text can be extracted."""

    code = "UNREADABLE_FILE"


class UrlNotAllowed(InvalidRequest):
    """A URL (or one of its redirect hops) resolves to a loopback/private/link-local
    address, or uses a scheme other than http(s)."""

    code = "URL_NOT_ALLOWED"


class UrlFetchFailed(InvalidRequest):
    """A URL could not be fetched: timeout, connection error, HTTP error, not HTML/text."""

    code = "URL_FETCH_FAILED"
    http_status = 502


class FileTooLarge(InvalidRequest):
    code = "FILE_TOO_LARGE"
    http_status = 413


class LinkNotValid(NbDataChatError):
    """A signed file link (SAS token) that expired or was altered."""

    code = "LINK_NOT_VALID"
    http_status = 403


class NotSupportedForSource(InvalidRequest):
    """An operation that applies only to conversations from some channels (bot control:
    WhatsApp, Instagram, Messenger)."""

    code = "NOT_SUPPORTED_FOR_SOURCE"


class ChatbotNotFound(NotFound):
    code = "CHATBOT_NOT_FOUND"


__all__ = ["ChatbotNotFound", "CharacterLimitExceeded", "FileTooLarge", "LinkNotValid",
           "NotSupportedForSource", "UnreadableFile", "UrlFetchFailed",
           "UrlNotAllowed"]
