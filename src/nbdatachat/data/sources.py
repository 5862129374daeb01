"""One place that turns whatever the user has into a :class:`Dataset`.

Accepted sources: a pandas DataFrame, a list of records (the seeds' JSON ``dataset``), a
dict of column lists, a CSV/TSV/Parquet/JSON path, a :class:`SQLTable` (DuckDB connection or
SQLAlchemy engine/URL plus a table name), or the name of a dataset in the catalog. Tools ask
a Dataset for a pandas frame; the question engine asks it to register itself in a DuckDB
connection so that queries run over the data without copying it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import DataError, DataLoadError, InvalidRequest
from .readers import TABULAR_SUFFIXES, read_table_file

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

    from .catalog import Catalog


@dataclass(frozen=True)
class SQLTable:
    """A table in a database: ``SQLTable(duckdb_connection, "sales")`` or
    ``SQLTable("sqlite:///shop.db", "orders")`` (any SQLAlchemy URL or Engine)."""

    connection: Any
    table: str
    schema: str | None = None

    @property
    def is_duckdb(self) -> bool:
        return type(self.connection).__module__.startswith("duckdb") or (
            isinstance(self.connection, str) and self.connection.startswith("duckdb:")
        )

    def qualified(self) -> str:
        parts = [self.schema, self.table] if self.schema else [self.table]
        return ".".join(quote_ident(p) for p in parts)


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
    """A named table, loaded lazily.

    ``frame()`` gives a pandas DataFrame (cached); ``register(con)`` makes the data visible to
    a DuckDB connection as a view and returns the quoted name to select from.
    """

    name: str
    kind: str
    source: Any = field(repr=False)
    description: str = ""
    _frame: pd.DataFrame | None = field(default=None, repr=False)

    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = self._load()
        return self._frame

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.frame().columns]

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

        Parquet files are scanned in place and DuckDB tables are used directly, so large
        data is not copied; DataFrames are registered zero-copy through DuckDB's replacement
        scan of the pandas frame.
        """
        alias = alias or safe_name(self.name)
        q = quote_ident(alias)
        if self.kind == "parquet":
            path = str(self.source).replace("'", "''")
            con.execute(f"CREATE OR REPLACE TEMP VIEW {q} AS SELECT * FROM read_parquet('{path}')")
            return q
        if self.kind == "sql" and self.source.is_duckdb and self.source.connection is con:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {q} AS SELECT * FROM "
                        f"{self.source.qualified()}")
            return q
        con.register(alias, self.frame())
        return q


def records_to_frame(records: Any) -> pd.DataFrame:
    """The seeds' ``dataset``: a list of JSON objects (or a dict of columns)."""
    if isinstance(records, dict):
        try:
            return pd.DataFrame(records)
        except ValueError as exc:
            raise InvalidRequest(f"dataset as a dict must map column names to equal-length "
                                 f"lists: {exc}", details={"parameter": "dataset"}) from None
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
    return pd.DataFrame.from_records(list(records))


def _read_sql_table(t: SQLTable) -> pd.DataFrame:
    conn = t.connection
    if t.is_duckdb and not isinstance(conn, str):
        try:
            return conn.execute(f"SELECT * FROM {t.qualified()}").df()
        except Exception as exc:
            raise DataLoadError(f"Cannot read DuckDB table {t.table!r}: {exc}",
                                details={"table": t.table}) from None
    import sqlalchemy as sa

    engine = sa.create_engine(conn) if isinstance(conn, str) else conn
    try:
        with engine.connect() as c:
            return pd.read_sql_table(t.table, c, schema=t.schema)
    except Exception as exc:
        raise DataLoadError(f"Cannot read table {t.table!r}: {exc}",
                            details={"table": t.table}) from None


def as_dataset(source: Any, name: str | None = None, *, catalog: "Catalog | None" = None) -> Dataset:
    """Turn any accepted source into a :class:`Dataset` (see the module docstring)."""
    if isinstance(source, Dataset):
        return source
    if isinstance(source, pd.DataFrame):
        return Dataset(name or "data", "dataframe", source)
    if isinstance(source, pd.Series):
        return Dataset(name or str(source.name or "data"), "dataframe", source.to_frame())
    if isinstance(source, SQLTable):
        return Dataset(name or source.table, "sql", source)
    if isinstance(source, (list, tuple)):
        return Dataset(name or "dataset", "records", source)
    if isinstance(source, dict):
        return Dataset(name or "dataset", "records", source)
    if isinstance(source, (str, Path)):
        text = str(source)
        if catalog is None:
            from .catalog import default_catalog

            catalog = default_catalog()
        if isinstance(source, str) and text in catalog:
            return catalog.get(text)
        p = Path(text).expanduser()
        suffix = p.suffix.lower()
        if suffix in TABULAR_SUFFIXES:
            if not p.exists():
                raise DataLoadError(f"File not found: {p}.", details={"file": str(p)})
            kind = {".parquet": "parquet", ".pq": "parquet", ".json": "json",
                    ".jsonl": "json", ".ndjson": "json"}.get(suffix, "csv")
            return Dataset(name or p.stem, kind, p)
        raise DataError(
            f"{text!r} is neither a dataset in the catalog nor a CSV/Parquet/JSON file. "
            f"Known datasets: {', '.join(catalog.names()) or 'none'}.",
            details={"dataset": text, "available": catalog.names()})
    raise InvalidRequest(
        f"Cannot use a {type(source).__name__} as data. Pass a pandas DataFrame, a list of "
        f"records, a CSV/Parquet path, an SQLTable or a catalog name.",
        details={"parameter": "dataset"})


def load_frame(source: Any, *, catalog: "Catalog | None" = None) -> pd.DataFrame:
    """Shortcut: the pandas DataFrame for any accepted source."""
    return as_dataset(source, catalog=catalog).frame()
