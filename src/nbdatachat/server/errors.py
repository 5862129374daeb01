"""Server-side errors and the per-seed error bodies.

Every failure inside a route is an :class:`~nbdatachat.errors.NbDataChatError`. The seeds
disagree on how an error looks, so one renderer per API family turns the same exception into
the body that family's clients expect:

- analysis tools (000), threads (004), datasets: ``{"error": {"code", "message", "details"}}``
- analytics chat (001) and dashboards: ``{"success": false, "error": {"code": "invalid_request"
  | "unauthorized" | "forbidden" | "chat_failed", "message", "details"}}``
- data intelligence (003): the exact bodies of its response-code table, e.g.
  ``{"code": "401", "error_description": "...", "error": "UnAuthorized Access"}``.
- chatbots (002, ``/api/v2/``): ``{"status": "error", "message": "..."}``, plus the typed
  ``error`` object of the others so clients can branch on ``error.code``.
"""

from __future__ import annotations

from typing import Any

from ..errors import NbDataChatError


class Unauthorized(NbDataChatError):
    code = "UNAUTHORIZED"
    http_status = 401


class Forbidden(NbDataChatError):
    code = "FORBIDDEN"
    http_status = 403


class PayloadTooLarge(NbDataChatError):
    code = "PAYLOAD_TOO_LARGE"
    http_status = 413


class ApplicationUnavailable(NbDataChatError):
    """Seed 003's 412: the application (dataset) does not exist or the key cannot use it."""

    code = "APPLICATION_UNAVAILABLE"
    http_status = 412


class RateLimited(NbDataChatError):
    code = "RATE_LIMITED"
    http_status = 429

    def __init__(self, window: str, retry_after: int, limit: int) -> None:
        super().__init__(
            f"Rate limit of {limit} requests per {window} reached for this API key; retry in "
            f"{retry_after} s (the next {window} window).",
            details={"window": window, "limit": limit, "retry_after": retry_after})
        self.window = window
        self.retry_after = retry_after


class ServiceFailure(NbDataChatError):
    """An unexpected exception, reported without leaking internals."""

    code = "INTERNAL_ERROR"
    http_status = 500


def _status_by_code() -> dict[str, int]:
    out: dict[str, int] = {}
    stack: list[type[NbDataChatError]] = [NbDataChatError]
    while stack:
        cls = stack.pop()
        out.setdefault(cls.code, cls.http_status)
        stack.extend(cls.__subclasses__())
    return out


def status_for_code(code: str) -> int:
    """HTTP status for an error ``code`` (a failed job keeps only the code of its error)."""
    return _status_by_code().get(code, 500 if code == "INTERNAL_ERROR" else 400)


# --------------------------------------------------------------------------- API families

TOOLS, ANALYTICS, INTELLIGENCE, CHATBOTS = "tools", "analytics", "intelligence", "chatbots"


def family_of(path: str) -> str:
    """Which seed's error shape applies to a request path (works under any base URL)."""
    if "/v1/chat/" in path or path.endswith("/v1/models"):
        return INTELLIGENCE
    if "/v1/analytics/" in path or "/v1/dashboards" in path:
        return ANALYTICS
    if "/api/v2/" in path:
        return CHATBOTS
    return TOOLS


_ANALYTICS_CODES = {400: "invalid_request", 401: "unauthorized", 403: "forbidden",
                    404: "not_found", 409: "conflict", 413: "payload_too_large",
                    422: "invalid_request", 429: "rate_limited", 500: "chat_failed"}

INTELLIGENCE_500 = ("The Data Intelligence service is temporarily unavailable. "
                    "Please try again later.")


def is_openai_client(headers: Any) -> bool:
    """The official OpenAI SDKs announce themselves (``X-Stainless-Lang``, ``User-Agent:
    OpenAI/...``); they read errors as ``{"error": {"message", "type", "code"}}``."""
    return bool(headers.get("x-stainless-lang")) or \
        str(headers.get("user-agent", "")).lower().startswith("openai/")


_OPENAI_TYPES = {400: "invalid_request_error", 401: "authentication_error",
                 403: "permission_error", 404: "not_found_error", 412: "invalid_request_error",
                 413: "invalid_request_error", 422: "invalid_request_error",
                 429: "rate_limit_error"}


def render(family: str, exc: NbDataChatError, *,
           openai_client: bool = False) -> tuple[int, dict[str, Any]]:
    """(status, body) of ``exc`` in the error shape of ``family``; for the data-intelligence
    API called by an OpenAI SDK, in OpenAI's shape (same status) so the SDK shows the
    message."""
    status = exc.http_status
    if family == INTELLIGENCE and openai_client:
        status, seed_body = _render_intelligence(exc)
        message = seed_body.get("error_description") or seed_body.get("error") \
            or seed_body.get("message") or exc.message
        return status, {"error": {"message": message,
                                  "type": _OPENAI_TYPES.get(status, "api_error"),
                                  "param": exc.details.get("parameter"),
                                  "code": exc.code}}
    if family == ANALYTICS:
        code = _ANALYTICS_CODES.get(status, "chat_failed" if status >= 500 else "invalid_request")
        details = dict(exc.details)
        details.setdefault("reason", exc.code)
        return status, {"success": False,
                        "error": {"code": code, "message": exc.message, "details": details}}
    if family == INTELLIGENCE:
        return _render_intelligence(exc)
    if family == CHATBOTS:
        return status, {"status": "error", "message": exc.message, **exc.to_dict()}
    return status, exc.to_dict()


def _render_intelligence(exc: NbDataChatError) -> tuple[int, dict[str, Any]]:
    status = exc.http_status
    if status == 401:
        return 401, {"code": "401", "error_description": "The access token is expired or invalid",
                     "error": "UnAuthorized Access"}
    if status == 412:
        app = exc.details.get("application", "")
        return 412, {"code": "412", "error": f"Unable to access the Data Intelligence "
                                             f"application {app} with the provided API key."}
    if status == 429:
        window = exc.details.get("window", "minute")
        return 429, {"code": "429",
                     "error": f"Data Intelligence API rate limit reached for the {window}."}
    if status >= 500:
        return 500, {"code": "500", "message": INTELLIGENCE_500, "status": "FAILURE"}
    if status in (400, 422):
        # The seed reports every missing or wrong value as 422.
        return 422, {"code": "422", "error": exc.message}
    return status, {"code": str(status), "error": exc.message}
