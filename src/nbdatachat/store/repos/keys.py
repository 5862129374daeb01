"""API keys: stored as hashes, with tool lists, scopes and rate limits."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ...errors import InvalidRequest, NotFound
from .. import schema as t

KEY_PREFIX = "nbdc_"
LIMIT_WINDOWS = ("minute", "hour", "day")
#: What a key may do. ``admin`` implies every other scope and alone may register datasets by
#: database URL, replace or delete shared (catalog) datasets.
SCOPES = ("tools", "chat", "kb", "datasets:write", "admin")
#: Scopes of a key created without ``--scopes`` (and of keys stored before scopes existed).
DEFAULT_SCOPES = ("tools", "chat", "kb", "datasets:write")


def hash_key(secret: str) -> str:
    """sha256 hex of a key. Keys are 256-bit random strings, so a fast hash is enough
    (no password stretching needed); only the hash is ever stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- API keys


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    tools: tuple[str, ...] | None
    limits: dict[str, int] | None
    created: float
    revoked: float | None = None
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    #: Whose resources this key sees and creates: a tenant named on the key (shared by
    #: several keys), else the key's own id.
    tenant_name: str | None = None

    @property
    def tenant(self) -> str:
        return self.tenant_name or self.id

    def allows_tool(self, tool: str) -> bool:
        return self.tools is None or tool in self.tools

    def has_scope(self, scope: str) -> bool:
        """True if the key may act in ``scope`` (``admin`` holds every scope)."""
        return scope in self.scopes or "admin" in self.scopes

    @property
    def is_admin(self) -> bool:
        return "admin" in self.scopes

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name,
                "tools": list(self.tools) if self.tools is not None else None,
                "scopes": list(self.scopes), "tenant": self.tenant, "limits": self.limits,
                "created": self.created, "revoked": self.revoked}


def parse_scopes(text: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...] | None:
    """``"tools,chat"`` or ``["tools", "chat"]`` -> ``("chat", "tools")``; None stays None
    (the default scopes). Unknown scopes are refused with the list of valid ones."""
    if text is None:
        return None
    items = str(text).split(",") if isinstance(text, str) else list(text)
    scopes = sorted({s.strip().lower() for s in items if s and s.strip()})
    bad = [s for s in scopes if s not in SCOPES]
    if bad or not scopes:
        raise InvalidRequest(f"Invalid scope(s) {', '.join(bad) or '(none)'}: choose from "
                             f"{', '.join(SCOPES)} (comma-separated).",
                             details={"parameter": "scopes", "accepted": list(SCOPES)})
    return tuple(scopes)


def parse_limits(text: str | dict[str, Any] | None) -> dict[str, int] | None:
    """``"60/minute,1000/hour"`` or ``{"minute": 60}`` -> ``{"minute": 60, "hour": 1000}``."""
    if text is None or text == "" or text == {}:
        return None
    items = text.items() if isinstance(text, dict) else (
        (p.split("/", 1)[1].strip(), p.split("/", 1)[0].strip()) if "/" in p else (p, "")
        for p in str(text).split(",") if p.strip())
    out: dict[str, int] = {}
    for window, count in items:
        window = str(window).lower().rstrip("s")
        try:
            n = int(count)
        except (TypeError, ValueError):
            n = -1
        if window not in LIMIT_WINDOWS or n < 1:
            raise InvalidRequest(
                f"Invalid rate limit {text!r}: write COUNT/WINDOW items separated by commas, "
                f"with WINDOW one of minute, hour, day, e.g. '60/minute,1000/hour'.",
                details={"parameter": "rate_limits"})
        out[window] = n
    return out


_SELECT_BY_HASH = sa.select(t.api_keys).where(t.api_keys.c.key_hash == sa.bindparam("digest"))


def _key_from_row(row: Any) -> ApiKey:
    tools = tuple(row.tools) if row.tools is not None else None
    scopes = tuple(row.scopes) if row.scopes else DEFAULT_SCOPES
    return ApiKey(row.id, row.name, tools, row.limits, row.created, row.revoked, scopes,
                  row.tenant)


class KeyRepository:
    """API keys, stored as sha256 hashes. Every request reads its key (one indexed SELECT),
    so a key revoked from any process (``nbdatachat keys revoke``) stops working at once
    in every worker; ``cache_ttl`` > 0 trades that for fewer reads where it does not
    matter."""

    def __init__(self, engine: sa.Engine, cache_ttl: float = 0.0) -> None:
        self.engine = engine
        self.cache_ttl = cache_ttl
        self._cache: dict[str, tuple[ApiKey | None, float]] = {}
        self._lock = threading.Lock()

    def create(self, name: str, *, tools: list[str] | None = None,
               limits: dict[str, int] | None = None,
               scopes: tuple[str, ...] | list[str] | None = None,
               tenant: str | None = None) -> tuple[ApiKey, str]:
        """Make a new key; returns the record and the secret (shown once, never stored)."""
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        return self.register(secret, name, tools=tools, limits=limits, scopes=scopes,
                             tenant=tenant), secret

    def register(self, secret: str, name: str, *, tools: list[str] | None = None,
                 limits: dict[str, int] | None = None,
                 scopes: tuple[str, ...] | list[str] | None = None,
                 tenant: str | None = None) -> ApiKey:
        """Store a key the caller chose (``NBDATACHAT_API_KEY``). Idempotent: registering the
        same secret again returns the existing record (a revoked key stays revoked); only
        ``scopes`` are brought up to what is asked, so the operator's key keeps ``admin``."""
        if not secret or len(secret) < 8:
            raise InvalidRequest("An API key must be at least 8 characters long.",
                                 details={"parameter": "key"})
        scopes = parse_scopes(scopes) or DEFAULT_SCOPES
        digest = hash_key(secret)
        with self.engine.begin() as con:
            row = con.execute(sa.select(t.api_keys).where(t.api_keys.c.key_hash == digest)
                              ).first()
            if row is not None:
                key = _key_from_row(row)
                if set(scopes) - set(key.scopes):
                    merged = tuple(sorted(set(key.scopes) | set(scopes)))
                    con.execute(t.api_keys.update().where(t.api_keys.c.id == key.id)
                                .values(scopes=list(merged)))
                    key = dataclasses.replace(key, scopes=merged)
                return key
            values = {"id": "key_" + secrets.token_hex(6), "name": name, "key_hash": digest,
                      "tools": sorted(set(tools)) if tools else None, "limits": limits,
                      "scopes": list(scopes), "tenant": tenant, "created": time.time(),
                      "revoked": None}
            con.execute(t.api_keys.insert().values(**values))
        return ApiKey(values["id"], name, tuple(values["tools"]) if tools else None, limits,
                      values["created"], None, tuple(scopes), tenant)

    def authenticate(self, secret: str) -> ApiKey | None:
        """The active key matching ``secret``, or None."""
        digest = hash_key(secret)
        now = time.monotonic()
        if self.cache_ttl > 0:
            hit = self._cache.get(digest)
            if hit is not None and hit[1] > now:
                return hit[0]
        with self.engine.connect() as con:
            row = con.execute(_SELECT_BY_HASH, {"digest": digest}).first()
        key = None
        # Constant-time comparison of the stored hash (the index lookup already matched it;
        # this guards against a backend doing case-folding or prefix tricks).
        if row is not None and hmac.compare_digest(row.key_hash, digest) and row.revoked is None:
            key = _key_from_row(row)
        if self.cache_ttl > 0:
            with self._lock:
                if len(self._cache) > 10_000:
                    self._cache.clear()
                self._cache[digest] = (key, now + self.cache_ttl)
        return key

    def list(self) -> list[ApiKey]:
        with self.engine.connect() as con:
            rows = con.execute(sa.select(t.api_keys).order_by(t.api_keys.c.created)).all()
        return [_key_from_row(r) for r in rows]

    def revoke(self, id_or_name: str) -> list[ApiKey]:
        """Revoke the key with this id, or every active key with this name."""
        with self.engine.begin() as con:
            cond = sa.or_(t.api_keys.c.id == id_or_name, t.api_keys.c.name == id_or_name)
            rows = con.execute(sa.select(t.api_keys).where(cond, t.api_keys.c.revoked.is_(None))
                               ).all()
            if not rows:
                raise NotFound(f"No active API key with id or name {id_or_name!r}; "
                               f"`nbdatachat keys list` shows them.",
                               details={"key": id_or_name})
            now = time.time()
            con.execute(t.api_keys.update().where(t.api_keys.c.id.in_([r.id for r in rows]))
                        .values(revoked=now))
        with self._lock:
            self._cache.clear()
        return [dataclasses.replace(_key_from_row(r), revoked=now) for r in rows]
