"""Reading a :class:`~nbdatachat.data.sources.SQLTable` into pandas, for the tools and for
databases whose plans run in DuckDB (a DuckDB file or connection, a sqlite3 connection, any
SQLAlchemy engine or URL). Databases that run plans in place (PostgreSQL, Spark) are never
read whole: see :mod:`nbdatachat.query.source`. Every failure is a :class:`DataLoadError`
that names the table and, when it is missing, the closest tables that exist."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import DataLoadError, InvalidRequest, closest
from .readers import clean_frame

if TYPE_CHECKING:  # pragma: no cover
    from .sources import SQLTable


def missing_table(t: SQLTable, available: list[str], where: str) -> DataLoadError:
    """The error for a table that is not there, naming the closest tables that are."""
    hints = closest(t.table, available)
    hint = f" Did you mean {hints[0]!r}?" if hints else ""
    shown = ", ".join(available[:30]) or "none"
    return DataLoadError(f"No table {t.describe()!r} in {where}.{hint} Tables: {shown}.",
                         details={"table": t.describe(), "available": available[:200],
                                  "suggestions": hints})


def duckdb_file(t: SQLTable) -> str:
    """The database file of a ``duckdb:///file.db`` URL (checked to exist)."""
    conn = str(t.connection)
    path = conn.split("://", 1)[-1].lstrip("/") if "://" in conn else conn[len("duckdb:"):]
    path = "/" + path if conn.startswith("duckdb:////") else path
    if path not in ("", ":memory:") and not Path(path).exists():
        raise DataLoadError(f"DuckDB database file not found: {path}.",
                            details={"file": path, "table": t.describe()})
    return path


@contextmanager
def _reading(t: SQLTable, what: str) -> Iterator[None]:
    """A driver's error while reading ``t`` becomes a :class:`DataLoadError` naming the table
    (ours, such as a missing table listing the ones there are, pass through)."""
    try:
        yield
    except DataLoadError:
        raise
    except Exception as exc:
        raise DataLoadError(f"Cannot read {what} {t.describe()!r}: {exc}",
                            details={"table": t.describe()}) from None


def _read_duckdb(t: SQLTable) -> pd.DataFrame:
    import duckdb

    conn, owned = t.connection, False
    if isinstance(conn, str):
        path = duckdb_file(t)
        conn, owned = duckdb.connect(path or ":memory:", read_only=bool(path)), True
    try:
        with _reading(t, "DuckDB table"):
            tables = [r[0] for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                "coalesce(?, current_schema()) ORDER BY table_name", [t.schema]).fetchall()]
            if t.table not in tables:
                raise missing_table(t, tables, "the DuckDB database")
            return conn.execute(f"SELECT * FROM {t.qualified()}").df()
    finally:
        if owned:
            conn.close()


def _read_sqlite3(t: SQLTable) -> pd.DataFrame:
    conn = t.connection
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")]
    if t.table not in tables:
        raise missing_table(t, tables, "the SQLite database")
    with _reading(t, "SQLite table"):
        return clean_frame(pd.read_sql_query(f"SELECT * FROM {t.qualified()}", conn),
                           drop_blank_rows=False)


def _read_sqlalchemy(t: SQLTable) -> pd.DataFrame:
    import sqlalchemy as sa

    conn = t.connection
    owned = isinstance(conn, str)
    try:
        engine = sa.create_engine(conn) if owned else conn
    except Exception as exc:  # bad URL, missing driver
        raise DataLoadError(f"Cannot open database URL {conn!r}: {exc}",
                            details={"url": str(conn), "table": t.describe()}) from None
    if not isinstance(engine, sa.engine.Engine):
        raise InvalidRequest(
            f"SQLTable needs a DuckDB connection, an SQLAlchemy Engine or URL, or a sqlite3 "
            f"connection, not {type(conn).__name__}.", details={"parameter": "connection"})
    db = engine.url.database
    if engine.dialect.name == "sqlite" and db not in (None, "", ":memory:") \
            and not db.startswith("file:") and not Path(db).exists():
        raise DataLoadError(f"SQLite database file not found: {db}.",
                            details={"file": db, "table": t.describe()})
    try:
        with _reading(t, "table"):
            inspector = sa.inspect(engine)
            tables = sorted(inspector.get_table_names(schema=t.schema)
                            + inspector.get_view_names(schema=t.schema))
            if t.table not in tables:
                raise missing_table(t, tables, f"the {engine.dialect.name} database")
            with engine.connect() as c:
                frame = pd.read_sql_table(t.table, c, schema=t.schema)
    finally:
        if owned:
            engine.dispose()
    return clean_frame(frame, drop_blank_rows=False)  # SQLite keeps dates, decimals as text


def read_sql_table(t: SQLTable) -> pd.DataFrame:
    """All rows of ``t`` as a pandas frame, read by the driver its connection names."""
    if t.is_duckdb:
        return _read_duckdb(t)
    if isinstance(t.connection, sqlite3.Connection):
        return _read_sqlite3(t)
    return _read_sqlalchemy(t)


__all__ = ["duckdb_file", "missing_table", "read_sql_table"]
