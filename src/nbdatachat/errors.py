"""Typed errors that serialize to the API's documented error shape.

Every failure a user can cause (bad input, unknown tool, missing column...) is raised as a
subclass of :class:`NbDataChatError`. Front-ends never format errors themselves: the HTTP
server returns ``err.to_dict()`` with ``err.http_status``, the notebook shows ``err.message``.
The shape is the analysis-tools seed's ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


class NbDataChatError(Exception):
    """Base class: a message that says what went wrong and how to fix it."""

    code: str = "INTERNAL_ERROR"
    http_status: int = 500

    def __init__(
        self, message: str, *, details: dict[str, Any] | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = dict(details or {})
        if code is not None:
            self.code = code

    def to_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class InvalidRequest(NbDataChatError):
    """The request itself is malformed: missing or mistyped field, bad option."""

    code = "INVALID_REQUEST"
    http_status = 400


class UnknownTool(InvalidRequest):
    code = "UNKNOWN_TOOL"


class DataError(InvalidRequest):
    """The data cannot support the request (too few rows, constant column, all missing...)."""

    code = "INVALID_DATA"


class ColumnNotFound(DataError):
    code = "COLUMN_NOT_FOUND"


class DataLoadError(DataError):
    """A file or table could not be read; details name the file, line and column if known."""

    code = "DATA_LOAD_ERROR"


class ToolNotAllowed(NbDataChatError):
    """The caller may not run this analysis tool (e.g. an API key limited to some tools)."""

    code = "TOOL_NOT_ALLOWED"
    http_status = 403

    def __init__(self, tool: str, allowed: Iterable[str]) -> None:
        allowed = sorted(allowed)
        super().__init__(f"Answering this needs the tool {tool!r}, which this caller may not "
                         f"run (allowed: {', '.join(allowed) or 'none'}). Ask for access to "
                         f"{tool!r}, or ask a question the allowed tools can answer.",
                         details={"tool": tool, "allowed": allowed})


class NotFound(NbDataChatError):
    code = "NOT_FOUND"
    http_status = 404


class Conflict(NbDataChatError):
    code = "CONFLICT"
    http_status = 409


class ComputationError(NbDataChatError):
    """The numerical routine failed on valid input (did not converge, singular...)."""

    code = "COMPUTATION_FAILED"
    http_status = 422


def closest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Closest candidate names to ``name``, case-insensitively, for 'did you mean' hints."""
    cands = [str(c) for c in candidates]
    lowered = {c.lower(): c for c in cands}
    hits = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[h] for h in hits]


def column_not_found(column: str, available: Iterable[str], *, role: str = "column") -> ColumnNotFound:
    """Build the standard error for a missing column, listing what exists."""
    available = [str(c) for c in available]
    hints = closest(column, available)
    hint = f" Did you mean {', '.join(repr(h) for h in hints)}?" if hints else ""
    shown = ", ".join(available[:30]) + (" ..." if len(available) > 30 else "")
    return ColumnNotFound(
        f"Unknown {role} {column!r}.{hint} Available columns: {shown}.",
        details={"parameter": role, "column": column, "available": available[:200],
                 "suggestions": hints},
    )
