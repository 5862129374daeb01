"""DuckDB, the embedded default: the compiler's SQL runs as written, in the process."""

from __future__ import annotations

import os
import threading
from typing import Any

import pandas as pd

# Settings applied to every DuckDB connection the engine opens (not to a user's own
# connection). ``memory_limit`` bounds DuckDB's memory; beyond it, sorts, joins and
# aggregations spill to ``temp_directory`` on disk, so datasets larger than memory answer.
_settings: dict[str, Any] = {
    "memory_limit": os.environ.get("NBDATACHAT_DUCKDB_MEMORY_LIMIT") or None,
    "temp_directory": os.environ.get("NBDATACHAT_DUCKDB_TEMP_DIRECTORY") or None,
    "threads": None,
}


def configure_duckdb(*, memory_limit: str | None = None, temp_directory: str | None = None,
                     threads: int | None = None) -> dict[str, Any]:
    """Set DuckDB's ``memory_limit`` (e.g. ``"1GB"``), spill ``temp_directory`` and
    ``threads`` for the connections opened from now on; returns the settings in force.
    ``None`` leaves a setting as it is; ``""`` resets it to DuckDB's default."""
    for key, value in (("memory_limit", memory_limit), ("temp_directory", temp_directory),
                       ("threads", threads)):
        if value is not None:
            _settings[key] = value or None
    return dict(_settings)


def connect() -> Any:
    """A new in-memory DuckDB connection with the configured limits, no progress bar."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # no terminal noise from a library
    for key in ("memory_limit", "temp_directory", "threads"):
        value = _settings[key]
        if value is not None:
            con.execute(f"SET {key} = ?", [value])
    return con

_INT = ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER",
        "USMALLINT", "UTINYINT", "UHUGEINT")


def duck_kind(duck_type: str) -> str:
    """DuckDB's type name as one of :data:`~nbdatachat.backends.base.KINDS`."""
    t = duck_type.upper()
    if t in _INT:
        return "BIGINT"
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
        return "DOUBLE"
    if t == "BOOLEAN":
        return "BOOLEAN"
    if t == "DATE":
        return "DATE"
    if t.startswith("TIMESTAMP"):
        return "TIMESTAMP"
    if t == "VARCHAR" or t.startswith("ENUM"):
        return "VARCHAR"
    return "OTHER"


class DuckDBBackend:
    """A DuckDB connection (ours or the user's). Calls are serialised: a DuckDB connection
    must not run two statements at once."""

    name = "DuckDB"
    dialect = "duckdb"

    def __init__(self, con: Any, lock: threading.RLock | None = None) -> None:
        self.con = con
        self.lock = lock or threading.RLock()

    def query(self, sql: str, params: Any = None) -> pd.DataFrame:
        with self.lock:
            return self.con.execute(sql, params if params else None).df()

    def fetchall(self, sql: str, params: Any = None) -> list[tuple]:
        with self.lock:
            return self.con.execute(sql, params if params else None).fetchall()

    def columns(self, relation: str) -> list[tuple[str, str]]:
        with self.lock:
            rows = self.con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
        return [(r[0], duck_kind(r[1])) for r in rows]

    def raw_types(self, relation: str) -> list[tuple[str, str]]:
        with self.lock:
            return [(r[0], r[1]) for r in
                    self.con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]


__all__ = ["DuckDBBackend", "configure_duckdb", "connect", "duck_kind"]
