"""One place that turns whatever the user has into a :class:`Dataset`.

Accepted sources: a pandas DataFrame, a pyarrow Table or Polars DataFrame (scanned through
Arrow without a copy), a list of records (the seeds' JSON ``dataset``), a dict of column
lists, a CSV/TSV/Parquet/JSON path (optionally ``.gz``), a directory or glob of Parquet files
(hive-partitioned ``key=value/`` folders become columns), a :class:`SQLTable` (DuckDB
connection, SQLAlchemy engine/URL or sqlite3 connection, plus a table name), a Spark table
(:class:`SparkTable`) or ``pyspark.sql.DataFrame``, or the name of a dataset in the catalog.

Tools ask a Dataset for a pandas frame; the question engine asks where its SQL should run:
DuckDB in the process (DataFrames, files, DuckDB tables), or the database or Spark cluster
that holds the data (:attr:`Dataset.engine`), so big tables are never pulled into Python.
"""

from __future__ import annotations

import glob as _glob
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import Conflict, DataError, DataLoadError, InvalidRequest, closest
from .readers import TABULAR_SUFFIXES, clean_frame, read_table_file, table_suffix
from .records import numeric_records_frame
from .sql_read import read_sql_table

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

    from .catalog import Catalog


#: SQLAlchemy dialect name -> SQLGlot dialect name, for database servers that run the plans
#: in place (others, such as SQLite files, are loaded into DuckDB).
IN_ENGINE_DIALECTS = {"postgresql": "postgres"}


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

    @property
    def dialect(self) -> str | None:
        """The SQLAlchemy dialect name (``postgresql``, ``sqlite``...); None for DuckDB and
        sqlite3 connections."""
        conn = self.connection
        if self.is_duckdb or isinstance(conn, sqlite3.Connection):
            return None
        if isinstance(conn, str):
            return conn.split(":", 1)[0].split("+", 1)[0].lower()
        return getattr(getattr(conn, "dialect", None), "name", None)

    @property
    def in_engine(self) -> bool:
        """True when questions run inside the database server (PostgreSQL) rather than on a
        copy loaded into DuckDB (SQLite files, which are small and lack the functions)."""
        return self.dialect in IN_ENGINE_DIALECTS


@dataclass(frozen=True)
class SparkTable:
    """A table of a Spark catalog, queried through the session you pass (local or a
    cluster): ``SparkTable(spark, "sales")`` or ``SparkTable(spark, "lake.sales")``.
    A ``pyspark.sql.DataFrame`` can be passed directly instead."""

    session: Any
    table: str

    def __post_init__(self) -> None:
        if not isinstance(self.table, str) or not self.table.strip():
            raise InvalidRequest("SparkTable needs a table name, e.g. SparkTable(spark, "
                                 "'sales').", details={"parameter": "table"})
        if not hasattr(self.session, "sql") or not hasattr(self.session, "table"):
            raise InvalidRequest(f"SparkTable needs a SparkSession, not "
                                 f"{type(self.session).__name__}.",
                                 details={"parameter": "session"})

    def qualified(self) -> str:
        return ".".join(quote_ident(p) for p in self.table.split("."))

    def dataframe(self) -> Any:
        try:
            return self.session.table(self.table)
        except Exception as exc:
            raise DataLoadError(f"No Spark table {self.table!r}: {str(exc).splitlines()[0]}",
                                details={"table": self.table}) from None


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
        if self.kind in ("csv", "json") or (self.kind == "parquet" and _is_one_file(src)):
            return read_table_file(src)
        if self.kind == "parquet":
            import duckdb

            with duckdb.connect() as con:
                return con.execute(f"SELECT * FROM {parquet_scan(src)}").df()
        if self.kind == "arrow":
            return src.to_pandas()
        if self.kind == "spark":
            return _spark_frame(src).toPandas()
        if self.kind == "sql":
            return read_sql_table(src)
        if self.kind == "loader":
            df = src()
            if not isinstance(df, pd.DataFrame):  # pragma: no cover - catalog bug guard
                raise DataError(f"Dataset {self.name!r} did not load as a table.")
            return df
        raise InvalidRequest(f"Unsupported dataset kind {self.kind!r}.")  # pragma: no cover

    @property
    def engine(self) -> str:
        """Where questions about this data run: ``"duckdb"`` (in the process),
        ``"postgresql"`` or ``"spark"`` (in the server or cluster holding the data)."""
        origin = self._origin or self
        if origin.kind == "spark":
            return "spark"
        if origin.kind == "sql" and origin.source.in_engine:
            return str(origin.source.dialect)
        return "duckdb"

    @property
    def in_place(self) -> bool:
        """True for data that should not be read whole into the process: tables of
        PostgreSQL or Spark, and Parquet directories and globs (tools use aggregates the
        engine computes, or a stated sample, instead of :meth:`frame`)."""
        origin = self._origin or self
        return origin.engine != "duckdb" or (origin.kind == "parquet" and
                                             not _is_one_file(origin.source))

    def register(self, con: "duckdb.DuckDBPyConnection", alias: str | None = None) -> str:
        """Expose the data in ``con`` under ``alias`` (default: a safe form of the name).

        Nothing large is copied: a table of the same DuckDB connection is selected from
        directly, Parquet files and directories are scanned in place by ``read_parquet``,
        Arrow and Polars tables and DataFrames (including loaded CSVs) are scanned zero-copy.
        Returns the
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
            con.execute(f"CREATE OR REPLACE TEMP VIEW {q} AS SELECT * FROM "
                        f"{parquet_scan(self.source)}")
            return q
        if self.kind == "arrow":
            con.register(alias, self.source)
            return q
        con.register(alias, self.frame())
        return q


def _is_one_file(src: Any) -> bool:
    return not _has_glob(str(src)) and Path(src).is_file()


def _has_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def parquet_pattern(src: str | Path) -> str:
    """The file pattern of a Parquet file, directory (every ``.parquet`` below it) or glob."""
    text = str(src)
    if not _has_glob(text) and Path(text).is_dir():
        return str(Path(text) / "**" / "*.parquet")
    return text


def parquet_scan(src: str | Path) -> str:
    """``read_parquet(...)`` for a file, directory or glob: hive-partitioned folders
    (``year=2024/``) become columns, files with different columns are unioned by name."""
    pattern = parquet_pattern(src).replace("'", "''")
    if _is_one_file(src):
        return f"read_parquet('{pattern}')"
    return f"read_parquet('{pattern}', hive_partitioning = true, union_by_name = true)"


def parquet_files(src: str | Path) -> list[str]:
    """The files a Parquet source reads (sorted), for cache keys and messages."""
    if _is_one_file(src):
        return [str(src)]
    return sorted(_glob.glob(parquet_pattern(src), recursive=True))


def _spark_frame(src: Any) -> Any:
    return src.dataframe() if isinstance(src, SparkTable) else src


def is_spark_dataframe(obj: Any) -> bool:
    """A ``pyspark.sql.DataFrame`` (classic or Spark Connect), without importing pyspark."""
    mod = type(obj).__module__ or ""
    return mod.startswith("pyspark.sql") and type(obj).__name__ == "DataFrame"


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
    fast = numeric_records_frame(records)  # plain numbers with tidy keys: no cleaning needed
    if fast is not None:
        return fast
    return clean_frame(pd.DataFrame.from_records(list(records)), drop_blank_rows=False)


_FILE_KINDS = {".parquet": "parquet", ".pq": "parquet", ".json": "json", ".jsonl": "json",
               ".ndjson": "json"}


def as_dataset(source: Any, name: str | None = None, *, catalog: "Catalog | None" = None
               ) -> Dataset:
    """Turn any accepted source into a :class:`Dataset` (see the module docstring).

    Strings are looked up in ``catalog`` first, then treated as file paths. This module
    never reaches for the default catalog (the catalog is built on it);
    :func:`nbdatachat.data.catalog.as_dataset`, the public one, passes it.
    """
    if isinstance(source, Dataset):
        return source
    if isinstance(source, pd.DataFrame):
        return Dataset(name or "data", "dataframe", source)
    if isinstance(source, pd.Series):
        return Dataset(name or str(source.name or "data"), "dataframe", source.to_frame())
    if isinstance(source, SQLTable):
        return Dataset(name or source.table, "sql", source)
    if isinstance(source, SparkTable):
        return Dataset(name or safe_name(source.table.split(".")[-1]), "spark", source)
    if is_spark_dataframe(source):
        return Dataset(name or "data", "spark", source)
    if _is_arrow_table(source):
        return Dataset(name or "data", "arrow", _as_arrow(source))
    if isinstance(source, (list, tuple, dict)):
        return Dataset(name or "dataset", "records", source)
    if isinstance(source, (str, Path)):
        return _named_or_file(source, name, catalog)
    if hasattr(source, "to_pandas") and callable(source.to_pandas):  # other Arrow-like
        try:
            frame = source.to_pandas()
        except Exception as exc:
            raise DataLoadError(f"Cannot convert the {type(source).__name__} to pandas: {exc}",
                                details={"parameter": "dataset"}) from None
        if isinstance(frame, pd.DataFrame):
            return Dataset(name or "data", "dataframe", frame)
    raise InvalidRequest(
        f"Cannot use a {type(source).__name__} as data. Pass a pandas DataFrame, a list of "
        f"records, a CSV/Parquet path or directory, an SQLTable, a Spark DataFrame or "
        f"SparkTable, a Polars/Arrow table or a catalog name.",
        details={"parameter": "dataset", "type": type(source).__name__})


def _is_arrow_table(obj: Any) -> bool:
    mod = type(obj).__module__ or ""
    return (mod.startswith("pyarrow") and type(obj).__name__ in ("Table", "RecordBatch")) or \
        (mod.startswith("polars") and type(obj).__name__ == "DataFrame")


def _as_arrow(obj: Any) -> Any:
    """A pyarrow Table (Polars converts without copying its buffers)."""
    if (type(obj).__module__ or "").startswith("polars"):
        return obj.to_arrow()
    if type(obj).__name__ == "RecordBatch":
        import pyarrow as pa

        return pa.Table.from_batches([obj])
    return obj


def _parquet_source(text: str, p: Path, name: str | None) -> Dataset | None:
    """A directory of Parquet files or a glob: one dataset scanned in place."""
    if not (_has_glob(text) or p.is_dir()):
        return None
    files = parquet_files(str(p) if not _has_glob(text) else text)
    if not files:
        where = "matches the pattern" if _has_glob(text) else "is under the directory"
        raise DataLoadError(f"No Parquet file {where} {text!r}. Pass a directory holding "
                            f".parquet files, a glob such as 'lake/*.parquet', or a file.",
                            details={"file": text})
    prefix = re.split(r"[*?\[]", text, maxsplit=1)[0]
    base = p if p.is_dir() else (Path(prefix) if prefix.endswith("/") else Path(prefix).parent)
    return Dataset(name or safe_name(base.name or "data"), "parquet",
                   str(p) if p.is_dir() else text)


def _named_or_file(source: str | Path, name: str | None, catalog: "Catalog | None") -> Dataset:
    """A catalog name (when a catalog is given; :func:`nbdatachat.data.as_dataset` passes the
    default one), else a file, a directory or a glob."""
    text = str(source).strip()
    if catalog is not None and isinstance(source, str) and text in catalog:
        return catalog.get(text)
    p = Path(text).expanduser()
    suffix = table_suffix(p)
    known = catalog.names() if catalog is not None else []
    folder = _parquet_source(text, p, name)
    if folder is not None:
        return folder
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
