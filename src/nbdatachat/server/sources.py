"""Which data sources an API client may register: the server's data-source policy.

Every dataset registered over HTTP passes through :class:`SourcePolicy` before anything is
opened, read or connected to:

- a file ``path`` must resolve (symlinks and ``..`` followed) under an ``--allow-path``
  folder, and never into the server's own state (its database file and data directory);
- a database ``url`` must match an entry of the operator's allow-list (``--allow-sql`` /
  ``NBDATACHAT_SQL_ALLOW``, shell-style patterns such as ``sqlite:////srv/data/*.db`` or
  ``postgresql://reader@db.internal:5432/*``), must not name the server's own database
  (compared by resolved file, or by host, port and database name), and its host must pass
  the same network policy as knowledge-base URLs (:func:`nbdatachat.kb.fetch.check_host`):
  private, loopback and link-local addresses only when the matching allow-list entry names
  that host literally, or the host is in ``NBDATACHAT_KB_ALLOW_HOSTS``.

A refusal always says the same thing whatever the reason, and nothing is opened before the
decision, so an answer never tells whether a file or a port exists; the reason goes to the
server log. Who may register by URL at all (the ``admin`` scope) is checked by the route.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidRequest
from .errors import Forbidden

log = logging.getLogger("nbdatachat.server")

SQL_ALLOW_ENV = "NBDATACHAT_SQL_ALLOW"
FILE_BACKENDS = ("sqlite", "duckdb")
NETWORK_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306}
#: Connection options a registered URL may carry; any other (``host=``, ``hostaddr=``,
#: ``service=``, ``passfile=``, ``sslkey=``...) could redirect the connection or read files.
SAFE_QUERY_KEYS = {"sslmode", "connect_timeout", "application_name", "charset"}
CONNECT_TIMEOUT = 10


class SourceNotAllowed(Forbidden):
    """A data source the policy refuses (one message for every reason, on purpose)."""

    code = "SOURCE_NOT_ALLOWED"


def parse_allow_list(text: str | None) -> list[str]:
    """``NBDATACHAT_SQL_ALLOW``: patterns separated by commas or whitespace."""
    return [p for p in re.split(r"[,\s]+", text or "") if p]


@dataclass(frozen=True)
class SqlTarget:
    """A database URL taken apart: what is matched, what is connected to."""

    backend: str
    canonical: str            # backend://user@host:port/db or backend:///resolved/path
    connect_url: str          # the URL actually used (resolved path, psycopg driver...)
    path: Path | None = None  # file databases
    host: str | None = None
    port: int | None = None
    database: str | None = None


def _refusal(shown: str, parameter: str) -> SourceNotAllowed:
    return SourceNotAllowed(
        f"The data source {shown!r} is not allowed on this server. Database URLs must match "
        f"the operator's allow-list ({SQL_ALLOW_ENV} or `nbdatachat serve --allow-sql`), "
        f"must not name the server's own database, and may reach only hosts the network "
        f"policy allows; file paths must be under the folders given with --allow-path and "
        f"outside the server's data directory. Ask the operator, or upload the file "
        f"instead (POST /api/v1/datasets/upload).", details={"parameter": parameter})


def _shown(url: Any) -> str:
    try:
        return url.render_as_string(hide_password=True)
    except Exception:  # pragma: no cover - not a URL object
        return "(invalid URL)"


def parse_sql_url(url: str, *, cwd: Path | None = None) -> SqlTarget:
    """Take ``url`` apart without touching the network or the file system (except to
    resolve symlinks of a file database's path). Raises :class:`InvalidRequest` for a URL
    that is not one of the supported forms."""
    import sqlalchemy as sa

    from ..store import normalise_url

    bad = InvalidRequest("url must be a database URL such as sqlite:////srv/data/shop.db, "
                         "duckdb:////srv/data/wh.duckdb or postgresql://user@host:5432/db.",
                         details={"parameter": "url"})
    try:
        parsed = sa.make_url(normalise_url(str(url).strip()))
    except Exception:
        raise bad from None
    backend = parsed.get_backend_name().lower()
    if backend == "postgres":
        backend = "postgresql"
    if backend in FILE_BACKENDS:
        db = parsed.database or ""
        if parsed.host or parsed.query or db in ("", ":memory:") or db.startswith("file:"):
            raise bad
        path = Path(db).expanduser()
        if not path.is_absolute():
            path = (cwd or Path.cwd()) / path
        path = path.resolve()
        canonical = f"{backend}:///{path}"
        connect = canonical if backend == "duckdb" else f"sqlite:///{path}"
        return SqlTarget(backend, canonical, connect, path=path)
    if backend not in NETWORK_PORTS or not parsed.host:
        raise bad
    if set(parsed.query) - SAFE_QUERY_KEYS:
        raise bad
    host = parsed.host.lower()
    port = parsed.port or NETWORK_PORTS[backend]
    canonical = f"{backend}://{parsed.username or ''}@{host}:{port}/{parsed.database or ''}"
    query = dict(parsed.query)
    if backend == "postgresql":
        query.setdefault("connect_timeout", str(CONNECT_TIMEOUT))
    connect = parsed.set(query=query).render_as_string(hide_password=False)
    return SqlTarget(backend, canonical, connect, host=host, port=port,
                     database=parsed.database or "")


def _literal_host(pattern: str) -> str | None:
    """The host a pattern names exactly (no wildcard), e.g. ``db.internal`` in
    ``postgresql://reader@db.internal:5432/*``; None for file patterns or wildcard hosts."""
    rest = pattern.split("://", 1)[1] if "://" in pattern else ""
    authority = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    host = authority.rsplit(":", 1)[0] if authority.count(":") == 1 else authority
    host = host.strip("[]").lower()
    return host if host and not any(c in host for c in "*?[]") else None


@dataclass(frozen=True)
class SourcePolicy:
    """The operator's rules for data sources (see the module docstring)."""

    roots: tuple[Path, ...]
    private: tuple[Path, ...]          # resolved: database file(s) and the data directory
    server_db: SqlTarget | None
    sql_allow: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, config: Any) -> "SourcePolicy":
        data_dir = config.resolved_data_dir().expanduser().resolve()
        try:
            server_db: SqlTarget | None = parse_sql_url(config.resolved_db_url())
        except InvalidRequest:
            server_db = None
        private = [data_dir]
        if server_db is not None and server_db.path is not None:
            db = server_db.path
            private += [db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))]
        return cls(roots=tuple(config.roots()), private=tuple(private), server_db=server_db,
                   sql_allow=tuple(config.sql_allow_patterns()))

    # ------------------------------------------------------------------ files

    def _is_private(self, path: Path) -> bool:
        for p in self.private:
            if path == p or p in path.parents:
                return True
        db = self.server_db.path if self.server_db is not None else None
        try:  # a hard link to the database has another name but the same inode
            return db is not None and path.is_file() and os.path.samefile(path, db)
        except OSError:
            return False

    def check_path(self, path: str | Path, *, parameter: str = "path") -> Path:
        """The resolved path of a file a client may register, or :class:`SourceNotAllowed`."""
        text = str(path)
        if "://" in text or "\x00" in text:
            raise InvalidRequest("path must be a file path on the server; to register a "
                                 "database table send url and table instead.",
                                 details={"parameter": parameter})
        resolved = Path(text).expanduser().resolve()
        inside = any(resolved == r or r in resolved.parents for r in self.roots)
        if not inside or self._is_private(resolved):
            log.warning("refused data source path %r (resolved %s): %s", text, resolved,
                        "server's own state" if inside else "outside --allow-path")
            raise _refusal(text, parameter)
        return resolved

    # ------------------------------------------------------------------ databases

    def _same_as_server_db(self, target: SqlTarget) -> bool:
        own = self.server_db
        if own is None:
            return False
        if target.path is not None:
            return self._is_private(target.path)
        if own.host is None or own.backend != target.backend or own.port != target.port \
                or own.database != target.database:
            return False
        if own.host == target.host:
            return True
        from ..kb.fetch import system_resolver

        try:
            mine = set(system_resolver(own.host, own.port or 0))
            theirs = set(system_resolver(target.host or "", target.port or 0))
        except OSError:
            return False
        return bool(mine & theirs)

    def check_sql_url(self, url: str, *, trusted: bool = False) -> SqlTarget:
        """The parsed target of a database URL a client may register, or
        :class:`SourceNotAllowed`. ``trusted`` (the operator's own ``serve --dataset``)
        skips the allow-list and the network policy, never the own-database rule."""
        target = parse_sql_url(url)
        import sqlalchemy as sa

        shown = _shown(sa.make_url(target.connect_url))
        if self._same_as_server_db(target):
            log.warning("refused data source %s: the server's own database", shown)
            raise _refusal(shown, "url")
        if trusted:
            return target
        matched = [p for p in self.sql_allow if fnmatch.fnmatchcase(target.canonical, p)]
        if not matched:
            log.warning("refused data source %s (%s): not in %s", shown, target.canonical,
                        SQL_ALLOW_ENV)
            raise _refusal(shown, "url")
        if target.host is not None:
            from ..kb.errors import UrlFetchFailed, UrlNotAllowed
            from ..kb.fetch import UrlPolicy, check_host

            named = tuple(h for h in (_literal_host(p) for p in matched) if h)
            policy = UrlPolicy.from_env(allow=named)
            try:
                addresses = check_host(target.host, target.port or 0, policy, url=shown)
            except (UrlNotAllowed, UrlFetchFailed) as exc:
                log.warning("refused data source %s: %s", shown, exc.message)
                raise _refusal(shown, "url") from None
            return _pinned(target, str(addresses[0]))
        return target


def _pinned(target: SqlTarget, address: str) -> SqlTarget:
    """``target`` connecting to the address the policy checked, not to its host name again
    (which could resolve elsewhere by then: DNS rebinding). PostgreSQL keeps the name for TLS
    and authentication and takes the address as ``hostaddr``; others get the address as host."""
    import dataclasses

    import sqlalchemy as sa

    url = sa.make_url(target.connect_url)
    if target.backend == "postgresql":
        url = url.update_query_dict({"hostaddr": address})
    else:
        url = url.set(host=address)
    return dataclasses.replace(target, connect_url=url.render_as_string(hide_password=False))


def opening_failed(shown: str, table: str) -> Any:
    """The one error for a database that cannot be opened, whatever the cause (missing
    file, closed port, refused credentials, timeout): it must not tell them apart."""
    from ..errors import DataLoadError

    return DataLoadError(f"Cannot read table {table!r} from {shown}: the database could not be "
                         f"opened. Check the URL, that the database server is running and "
                         f"accepts these credentials.", details={"parameter": "url",
                                                                  "table": table})


__all__ = ["SQL_ALLOW_ENV", "SourceNotAllowed", "SourcePolicy", "SqlTarget", "opening_failed",
           "parse_allow_list", "parse_sql_url"]
