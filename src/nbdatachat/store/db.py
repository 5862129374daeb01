"""Engine set-up: one SQLAlchemy engine per process, SQLite tuned for several workers.

SQLite is the default (a file under the server's data dir); ``NBDATACHAT_DB_URL`` points at
PostgreSQL instead (``postgresql+psycopg://...``). SQLite runs in WAL mode with a busy timeout
so that several uvicorn worker processes and the job threads can write without
"database is locked" errors.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import sqlalchemy as sa

from ..errors import InvalidRequest
from .schema import metadata

DB_URL_ENV = "NBDATACHAT_DB_URL"
DATA_DIR_ENV = "NBDATACHAT_DATA_DIR"


def default_data_dir() -> Path:
    """Where the server keeps its SQLite file and uploaded datasets."""
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env).expanduser() if env else Path.home() / ".nbdatachat"


def default_db_url(data_dir: Path | None = None) -> str:
    env = os.environ.get(DB_URL_ENV)
    if env:
        return env
    data_dir = data_dir or default_data_dir()
    return f"sqlite:///{Path(data_dir) / 'nbdatachat.db'}"


def normalise_url(url: str) -> str:
    """Plain ``postgresql://`` would pick psycopg2, which is not a dependency; psycopg 3 is."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return url


def _add_missing_columns(engine: sa.Engine) -> None:
    """Columns added to a table after a database was created (``create_all`` only creates
    missing tables): ALTER TABLE ... ADD COLUMN for each, all nullable."""
    inspector = sa.inspect(engine)
    for table in metadata.sorted_tables:
        try:
            present = {c["name"] for c in inspector.get_columns(table.name)}
        except sa.exc.NoSuchTableError:  # pragma: no cover - created just before
            continue
        for column in table.columns:
            if column.name in present or not column.nullable:
                continue
            kind = column.type.compile(dialect=engine.dialect)
            try:
                with engine.begin() as con:
                    con.execute(sa.text(f'ALTER TABLE {table.name} ADD COLUMN '
                                        f'"{column.name}" {kind}'))
            except sa.exc.DBAPIError:  # another worker added it first
                pass


def make_engine(url: str) -> sa.Engine:
    """Create the engine and the tables (idempotent, safe when workers start together)."""
    try:
        sa_url = sa.make_url(normalise_url(url))
    except sa.exc.ArgumentError as exc:
        raise InvalidRequest(f"Invalid database URL {url!r}: {exc}. Use e.g. "
                             f"sqlite:///path/to/file.db or postgresql://user@host/db.",
                             details={"parameter": "db_url"}) from None
    if sa_url.get_backend_name() == "sqlite":
        if sa_url.database and sa_url.database != ":memory:":
            Path(sa_url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(sa_url, connect_args={"check_same_thread": False,
                                                        "timeout": 30},
                                  pool_size=8, max_overflow=32)

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_con, _record):  # noqa: ANN001 - DBAPI types
            cur = dbapi_con.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()
    else:
        engine = sa.create_engine(sa_url, pool_size=8, max_overflow=32, pool_pre_ping=True)
    for attempt in range(5):
        try:
            metadata.create_all(engine, checkfirst=True)
            break
        except sa.exc.OperationalError:  # another worker creating the same tables
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
        except sa.exc.IntegrityError:
            time.sleep(0.2)
    _add_missing_columns(engine)
    return engine
