"""Response models of the error bodies, for the OpenAPI document (and schemathesis).

Routes return plain dicts; these classes only tell clients, /docs and schema checkers what
each status code's body looks like.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = {}


class ErrorBody(BaseModel):
    """Seeds 000 and 004: ``{"error": {"code", "message", "details"}}``."""

    error: ErrorDetail


class AnalyticsErrorBody(BaseModel):
    """Seed 001: ``success: false`` and an error whose code is invalid_request,
    unauthorized, forbidden, not_found or chat_failed."""

    success: bool
    error: ErrorDetail


class IntelligenceErrorBody(BaseModel):
    """Seed 003's error table: ``code`` as a string plus ``error`` (and ``error_description``
    for 401), or ``message`` and ``status: FAILURE`` for 500. OpenAI SDK clients get
    OpenAI's shape instead: ``{"error": {"message", "type", "param", "code"}}``."""

    code: str | None = None
    error: str | dict[str, Any] | None = None
    error_description: str | None = None
    message: str | None = None
    status: str | None = None


def _errors(model: type[BaseModel], statuses: dict[int, str]) -> dict[int | str, Any]:
    return {status: {"model": model, "description": text} for status, text in statuses.items()}


_COMMON = {400: "Invalid request", 401: "Missing or invalid API key",
           404: "Not found", 413: "Request body too large",
           429: "Rate limit exceeded (see Retry-After)", 500: "Internal error"}

ERRORS_000 = _errors(ErrorBody, {**_COMMON, 403: "Key may not use this tool",
                                 409: "Duplicate processing_id", 422: "Computation failed"})
ERRORS_DATASETS = _errors(ErrorBody, {
    **_COMMON, 403: "FORBIDDEN: the key lacks the scope (datasets:write; admin for a database "
                    "URL). SOURCE_NOT_ALLOWED: the path is outside --allow-path or in the "
                    "server's data directory, or the URL is not in NBDATACHAT_SQL_ALLOW, names "
                    "the server's own database or a host the network policy refuses",
    409: "A dataset with this name exists"})
ERRORS_001 = _errors(AnalyticsErrorBody, {**_COMMON, 403: "No access to collection",
                                          422: "The question could not be answered"})
ERRORS_003 = _errors(IntelligenceErrorBody, {
    401: "UnAuthorized Access", 403: "The key lacks the chat scope or may not run the tool "
                                     "the question needs (TOOL_NOT_ALLOWED)",
    404: "Not found", 412: "Unknown application",
    413: "Request body too large", 422: "Missing or incorrect value", 429: "Rate limit",
    500: "Service unavailable"})
