"""One place that turns whatever the user has into a :class:`Dataset`.

Accepted sources: a pandas DataFrame (or anything with ``to_pandas()``: pyarrow, polars), a
list of records (the seeds' JSON ``dataset``), a dict of column lists, a CSV/TSV/Parquet/JSON
path (optionally ``.gz``), a :class:`SQLTable` (DuckDB connection, SQLAlchemy engine/URL or
sqlite3 connection, plus a table name), or the name of a dataset in the catalog. Tools ask
a Dataset for a pandas frame; the question engine asks it to register itself in a DuckDB
connection so that queries run over the data without copying it.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import Conflict, DataError, DataLoadError, InvalidRequest, closest
from .readers import TABULAR_SUFFIXES, clean_frame, read_table_file, table_suffix

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

    from .catalog import Catalog


@dataclass(frozen=True)
class SQLTable:
    """A table in a database, read when first needed.

    ``connection`` is a DuckDB connection, a ``duckdb:///file.db`` URL, an SQLAlchemy Engine
    or URL (``"sqlite:///shop.db"``, ``"postgresql://..."``) or a ``sqlite3`` connection::

        SQLTable(duckdb_con, "sales")
        SQLTable("sqlite:///shop.db", "orders")
    """

    connection: Any
    table: str
    schema: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.table, str) or not self.table.strip():
            raise InvalidRequest("SQLTable needs a table name, e.g. SQLTable(con, 'sales').",
                                 details={"parameter": "table"})

    @property
    def is_duckdb(self) -> bool:
        """True for a DuckDB connection object or a ``duckdb:`` URL."""
        conn = self.connection
        if isinstance(conn, str):
            return conn.startswith("duckdb:")
        return "duckdb" in type(conn).__module__

    def qualified(self) -> str:
        parts = [self.schema, self.table] if self.schema else [self.table]
        return ".".join(quote_ident(p) for p in parts)

    def describe(self) -> str:
        return f"{self.schema}.{self.table}" if self.schema else self.table


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (DuckDB/PostgreSQL/SQLite rules): double the inner quotes."""
    return '"' + str(name).replace('"', '""') + '"'


_SAFE_NAME = re.compile(r"[^0-9A-Za-z_]+")


def safe_name(name: str) -> str:
    """A lowercase identifier-friendly version of a name (file stems, table names)."""
    out = _SAFE_NAME.sub("_", str(name)).strip("_").lower()
    return out or "data"


@dataclass
class Dataset:
    """A named table, loaded lazily and at most once (thread-safe).

    ``frame()`` gives a pandas DataFrame (cached); ``register(con)`` makes the data visible to
    a DuckDB connection as a view and returns the quoted name to select from.
    """

    name: str
    kind: str
    source: Any = field(repr=False)
    description: str = ""
    _frame: pd.DataFrame | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    # Another name for an existing dataset loads (and caches) through the original.
    _origin: "Dataset | None" = field(default=None, repr=False, compare=False)

    def frame(self) -> pd.DataFrame:
        """The data as a pandas DataFrame (loaded on first call, then cached)."""
        if self._origin is not None:
            return self._origin.frame()
        if self._frame is None:
            with self._lock:
                if self._frame is None:
                    self._frame = self._load()
        return self._frame

    @property
    def loaded(self) -> bool:
        return self._origin.loaded if self._origin is not None else self._frame is not None

    def renamed(self, name: str, description: str | None = None) -> "Dataset":
        """The same data under another name (shares loading and the cached frame)."""
        return Dataset(name, self.kind, self.source,
                       description=self.description if description is None else description,
                       _origin=self._origin or self)

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame().columns]

    @property
    def warnings(self) -> list[str]:
        """What reading the data changed (values that could not be read became missing)."""
        return list(self.frame().attrs.get("load_warnings", []))

    def _load(self) -> pd.DataFrame:
        src = self.source
        if self.kind == "dataframe":
            return src
        if self.kind == "records":
            return records_to_frame(src)
        if self.kind in ("csv", "parquet", "json"):
            return read_table_file(src)
        if self.kind == "sql":
            return _read_sql_table(src)
        if self.kind == "loader":
            df = src()
            if not isinstance(df, pd.DataFrame):  # pragma: no cover - catalog bug guard
                raise DataError(f"Dataset {self.name!r} did not load as a table.")
            return df
        raise InvalidRequest(f"Unsupported dataset kind {self.kind!r}.")  # pragma: no cover

    def register(self, con: "duckdb.DuckDBPyConnection", alias: str | None = None) -> str:
        """Expose the data in ``con`` under ``alias`` (default: a safe form of the name).

        Nothing large is copied: a table of the same DuckDB connection is selected from
        directly, Parquet files are scanned in place by ``read_parquet``, and DataFrames
        (including loaded CSVs) are scanned zero-copy by DuckDB's pandas scan. Returns the
        quoted name to use in SQL. Registering again under the same alias replaces the view.
        """
        alias = alias or safe_name(self.name)
        q = quote_ident(alias)
        if self.kind == "sql" and self.source.is_duckdb and self.source.connection is con:
            if alias == self.source.table and not self.source.schema:
                return q  # the table itself: a view of the same name would shadow it
            con.execute(f"CREATE OR REPLACE TEMP VIEW {q} AS SELECT * FROM "
                        f"{self.source.qualified()}")
            return q
        _drop_view(con, alias)
        if self.kind == "parquet":
            path = str(self.source).replace("'", "''")
            con.execute(f"CREATE OR REPLACE TEMP VIEW {q} AS SELECT * FROM read_parquet('{path}')")
            return q
        con.register(alias, self.frame())
        return q


def _drop_view(con: "duckdb.DuckDBPyConnection", alias: str) -> None:
    """Free ``alias`` for a new view; refuse to hide a real table of that name."""
    try:
        con.execute(f"DROP VIEW IF EXISTS {quote_ident(alias)}")
    except Exception as exc:  # DuckDB raises CatalogException when alias is a table
        raise Conflict(f"Cannot register data as {alias!r}: a table of that name exists in "
                       f"this DuckDB connection. Pass another alias.",
                       details={"alias": alias, "reason": str(exc)}) from None


def records_to_frame(records: Any) -> pd.DataFrame:
    """The seeds' ``dataset``: a list of JSON objects (or a dict of column lists).

    JSON has no date or decimal type, so text values are typed like a CSV's (dates,
    ``"$1,200"``) by :func:`~nbdatachat.data.readers.clean_frame`.
    """
    if isinstance(records, dict):
        try:
            frame = pd.DataFrame(records)
        except (ValueError, TypeError) as exc:
            raise InvalidRequest(f"dataset as a dict must map column names to equal-length "
                                 f"lists: {exc}", details={"parameter": "dataset"}) from None
        return clean_frame(frame, drop_blank_rows=False)
    if not isinstance(records, (list, tuple)):
        raise InvalidRequest("dataset must be an array of records, e.g. "
                             '[{"x": 1, "y": 2}, {"x": 2, "y": 4}].',
                             details={"parameter": "dataset", "expected": "array"})
    if not records:
        raise DataError("dataset is empty: send at least one record.",
                        details={"parameter": "dataset", "expected": "non-empty array"})
    bad = next((i for i, r in enumerate(records) if not isinstance(r, dict)), None)
    if bad is not None:
        raise InvalidRequest(
            f"dataset[{bad}] is {type(records[bad]).__name__}, not an object: every record must "
            f'be a JSON object such as {{"x": 1, "y": 2}}.',
            details={"parameter": "dataset", "index": bad, "expected": "object"})
    return clean_frame(pd.DataFrame.from_records(list(records)), drop_blank_rows=False)


def _missing_table(t: SQLTable, available: list[str], where: str) -> DataLoadError:
    hints = closest(t.table, available)
    hint = f" Did you mean {hints[0]!r}?" if hints else ""
    shown = ", ".join(available[:30]) or "none"
    return DataLoadError(f"No table {t.describe()!r} in {where}.{hint} Tables: {shown}.",
                         details={"table": t.describe(), "available": available[:200],
                                  "suggestions": hints})


def _read_duckdb(t: SQLTable) -> pd.DataFrame:
    import duckdb

    conn, owned = t.connection, False
    if isinstance(conn, str):
        path = conn.split("://", 1)[-1].lstrip("/") if "://" in conn else conn[len("duckdb:"):]
        path = "/" + path if conn.startswith("duckdb:////") else path
        if path not in ("", ":memory:") and not Path(path).exists():
            raise DataLoadError(f"DuckDB database file not found: {path}.",
                                details={"file": path, "table": t.describe()})
        conn, owned = duckdb.connect(path or ":memory:", read_only=bool(path)), True
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "coalesce(?, current_schema()) ORDER BY table_name", [t.schema]).fetchall()]
        if t.table not in tables:
            raise _missing_table(t, tables, "the DuckDB database")
        return conn.execute(f"SELECT * FROM {t.qualified()}").df()
    except DataLoadError:
        raise
    except Exception as exc:
        raise DataLoadError(f"Cannot read DuckDB table {t.describe()!r}: {exc}",
                            details={"table": t.describe()}) from None
    finally:
        if owned:
            conn.close()


def _read_sqlite3(t: SQLTable) -> pd.DataFrame:
    conn = t.connection
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")]
    if t.table not in tables:
        raise _missing_table(t, tables, "the SQLite database")
    try:
        return clean_frame(pd.read_sql_query(f"SELECT * FROM {t.qualified()}", conn),
                           drop_blank_rows=False)
    except Exception as exc:
        raise DataLoadError(f"Cannot read SQLite table {t.describe()!r}: {exc}",
                            details={"table": t.describe()}) from None


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
        inspector = sa.inspect(engine)
        tables = sorted(inspector.get_table_names(schema=t.schema)
                        + inspector.get_view_names(schema=t.schema))
        if t.table not in tables:
            raise _missing_table(t, tables, f"the {engine.dialect.name} database")
        with engine.connect() as c:
            frame = pd.read_sql_table(t.table, c, schema=t.schema)
    except DataLoadError:
        raise
    except Exception as exc:
        raise DataLoadError(f"Cannot read table {t.describe()!r}: {exc}",
                            details={"table": t.describe()}) from None
    finally:
        if owned:
            engine.dispose()
    return clean_frame(frame, drop_blank_rows=False)  # SQLite keeps dates, decimals as text


def _read_sql_table(t: SQLTable) -> pd.DataFrame:
    if t.is_duckdb:
        return _read_duckdb(t)
    if isinstance(t.connection, sqlite3.Connection):
        return _read_sqlite3(t)
    return _read_sqlalchemy(t)


_FILE_KINDS = {".parquet": "parquet", ".pq": "parquet", ".json": "json", ".jsonl": "json",
               ".ndjson": "json"}


def as_dataset(source: Any, name: str | None = None, *, catalog: "Catalog | None" = None
               ) -> Dataset:
    """Turn any accepted source into a :class:`Dataset` (see the module docstring).

    Strings are looked up in the catalog first, then treated as file paths.
    """
    if isinstance(source, Dataset):
        return source
    if isinstance(source, pd.DataFrame):
        return Dataset(name or "data", "dataframe", source)
    if isinstance(source, pd.Series):
        return Dataset(name or str(source.name or "data"), "dataframe", source.to_frame())
    if isinstance(source, SQLTable):
        return Dataset(name or source.table, "sql", source)
    if isinstance(source, (list, tuple, dict)):
        return Dataset(name or "dataset", "records", source)
    if isinstance(source, (str, Path)):
        return _named_or_file(source, name, catalog)
    if hasattr(source, "to_pandas") and callable(source.to_pandas):  # pyarrow / polars
        try:
            frame = source.to_pandas()
        except Exception as exc:
            raise DataLoadError(f"Cannot convert the {type(source).__name__} to pandas: {exc}",
                                details={"parameter": "dataset"}) from None
        if isinstance(frame, pd.DataFrame):
            return Dataset(name or "data", "dataframe", frame)
    raise InvalidRequest(
        f"Cannot use a {type(source).__name__} as data. Pass a pandas DataFrame, a list of "
        f"records, a CSV/Parquet path, an SQLTable or a catalog name.",
        details={"parameter": "dataset", "type": type(source).__name__})


def _named_or_file(source: str | Path, name: str | None, catalog: "Catalog | None") -> Dataset:
    text = str(source).strip()
    if catalog is None:
        from .catalog import default_catalog

        catalog = default_catalog()
    if isinstance(source, str) and text in catalog:
        return catalog.get(text)
    p = Path(text).expanduser()
    suffix = table_suffix(p)
    known = catalog.names()
    if suffix in TABULAR_SUFFIXES:
        if not p.exists():
            raise DataLoadError(f"File not found: {p}. Check the path (relative paths are "
                                f"resolved from {Path.cwd()}).", details={"file": str(p)})
        return Dataset(name or safe_name(p.name.split(".")[0]), _FILE_KINDS.get(suffix, "csv"), p)
    if p.suffix and p.exists():
        raise DataLoadError(
            f"Cannot read {p.name}: {p.suffix} files are not supported. Use CSV, TSV, Parquet "
            f"or JSON (save spreadsheets as CSV).",
            details={"file": str(p), "supported": sorted(TABULAR_SUFFIXES)})
    hints = closest(text, known)
    hint = f" Did you mean {hints[0]!r}?" if hints else ""
    raise DataError(
        f"{text!r} is neither a dataset in the catalog nor a CSV/Parquet/JSON file.{hint} "
        f"Known datasets: {', '.join(known) or 'none'}.",
        details={"dataset": text, "available": known, "suggestions": hints})


def load_frame(source: Any, *, catalog: "Catalog | None" = None) -> pd.DataFrame:
    """Shortcut: the pandas DataFrame for any accepted source."""
    return as_dataset(source, catalog=catalog).frame()
