"""A database server through SQLAlchemy (PostgreSQL tested): the SQL runs in the server and
only the result rows cross the wire."""

from __future__ import annotations

import re
import threading
from typing import Any

import pandas as pd

from ..data.sources import IN_ENGINE_DIALECTS
from .base import plain_frame, plain_value, positional


def _kind(sa_type: Any) -> str:
    import sqlalchemy as sa

    if isinstance(sa_type, sa.Boolean):
        return "BOOLEAN"
    if isinstance(sa_type, sa.Integer):
        return "BIGINT"
    if isinstance(sa_type, (sa.Float, sa.Numeric)):
        return "DOUBLE"
    if isinstance(sa_type, sa.DateTime):
        return "TIMESTAMP"
    if isinstance(sa_type, sa.Date):
        return "DATE"
    if isinstance(sa_type, (sa.String, sa.Enum)):
        return "VARCHAR"
    return "OTHER"


#: a ``%`` that is not one of the compiler's ``%(p0)s`` markers (psycopg wants it doubled)
_PERCENT = re.compile(r"%(?!\(p\d+\)s)")


class SQLAlchemyBackend:
    """Runs SQL on an SQLAlchemy Engine, as the driver's own SQL (``exec_driver_sql``): the
    compiler writes PostgreSQL's ``%(p0)s`` markers. Sessions use UTC so timestamps compare
    the same as in DuckDB; results are typed like DuckDB's (Decimals become floats)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.dialect = IN_ENGINE_DIALECTS.get(engine.dialect.name, engine.dialect.name)
        self.name = {"postgres": "PostgreSQL"}.get(self.dialect, engine.dialect.name)

    def _run(self, sql: str, params: Any):
        bound = positional(params)
        if self.engine.dialect.paramstyle == "pyformat":
            sql = _PERCENT.sub("%%", sql)
        con = self.engine.connect()
        try:
            if self.dialect == "postgres":
                con.exec_driver_sql("SET TIME ZONE 'UTC'")
            return con, con.exec_driver_sql(sql, bound)
        except Exception:
            con.close()
            raise

    def query(self, sql: str, params: Any = None) -> pd.DataFrame:
        con, result = self._run(sql, params)
        try:
            frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        finally:
            con.close()
        return plain_frame(frame)

    def fetchall(self, sql: str, params: Any = None) -> list[tuple]:
        con, result = self._run(sql, params)
        try:
            return [tuple(_plain(v) for v in row) for row in result.fetchall()]
        finally:
            con.close()

    def columns(self, relation: str) -> list[tuple[str, str]]:
        import sqlalchemy as sa

        schema, table = _split(relation)
        cols = sa.inspect(self.engine).get_columns(table, schema=schema)
        return [(c["name"], _kind(c["type"])) for c in cols]


_engines: dict[str, Any] = {}
_engines_lock = threading.Lock()


def engine_for(conn: Any) -> Any:
    """The SQLAlchemy Engine of ``conn``: an Engine as it is, a URL's Engine created once
    per process (its connection pool reused by every question and tool on that database)."""
    if not isinstance(conn, str):
        return conn
    import sqlalchemy as sa

    with _engines_lock:
        engine = _engines.get(conn)
        if engine is None:
            engine = _engines[conn] = sa.create_engine(conn)
        return engine


def _plain(v: Any) -> Any:
    if isinstance(v, list):  # array_agg
        return [plain_value(x) for x in v]
    return plain_value(v)


def _split(relation: str) -> tuple[str | None, str]:
    """``"schema"."table"`` (quoted as the compiler writes it) -> (schema, table)."""
    import sqlglot

    t = sqlglot.parse_one(f"SELECT * FROM {relation}", read="duckdb").find(
        sqlglot.exp.Table)
    return (t.db or None), t.name


__all__ = ["IN_ENGINE_DIALECTS", "SQLAlchemyBackend", "engine_for"]
