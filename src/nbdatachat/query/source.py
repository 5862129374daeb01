"""Data sources for the question engine: one execution backend and one schema per dataset.

``open_source(data)`` picks where the data's SQL runs (:mod:`nbdatachat.backends`): a DuckDB
connection in the process (zero-copy for DataFrames and Arrow tables, scanned in place for
Parquet files, directories and DuckDB tables), or the PostgreSQL server or Spark session
that holds the table. It profiles the data once, in that engine, into a
:class:`~nbdatachat.planner.schema.SchemaModel`. Both are cached, keyed by the object's
identity and shape (or the files' paths and modification times), so repeated questions on
the same data skip the profiling and reuse the connection.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..backends import BackendConnection, DuckDBBackend, SparkBackend, SQLAlchemyBackend
from ..backends.duckdb_backend import connect as duckdb_connect
from ..data import Dataset, as_dataset, quote_ident, safe_name
from ..data.frames import engine_frame
from ..data.sources import SparkTable, parquet_files
from ..data.sql_read import duckdb_file, missing_table
from ..data.schema import EXACT_ROWS, profile_relation
from ..errors import DataError, DataLoadError
from ..planner.schema import SchemaModel

_CACHE_SIZE = 16
_cache: "OrderedDict[tuple, Source]" = OrderedDict()
_cache_lock = threading.Lock()


@dataclass
class Source:
    """A dataset registered in its execution backend, with its schema model."""

    dataset: Dataset
    con: Any  # duckdb.DuckDBPyConnection, or None when the data lives in another engine
    view: str  # quoted relation name to select from
    schema: SchemaModel
    renamed: dict[str, str] = field(default_factory=dict)  # original label -> column name
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _frame: pd.DataFrame | None = field(default=None, repr=False)
    _ref: Any = field(default=None, repr=False)
    text_dates: list[str] = field(default_factory=list)  # text columns read as dates
    #: text columns of a DataFrame read as numbers or dates (data/text_values.py)
    parsed: list[Any] = field(default_factory=list)
    _summary: list[Any] | None = field(default=None, repr=False)
    backend: Any = None  # the Backend the SQL runs in (DuckDB over ``con`` when None)

    def __post_init__(self) -> None:
        if self.backend is None:
            self.backend = DuckDBBackend(self.con, self.lock)

    @property
    def engine(self) -> str:
        """The engine's name for people: DuckDB, PostgreSQL or Spark."""
        return self.backend.name

    @property
    def summary_rows(self) -> list[Any]:
        """The "Total"/"All" rows of the data (found on first use, then cached)."""
        if self._summary is None:
            from .summary_rows import find_summary_rows

            try:
                self._summary = find_summary_rows(self)
            except Exception:  # a check that cannot run never blocks an answer
                self._summary = []
        return self._summary

    def parse_notes(self, columns: list[str]) -> list[str]:
        """What was parsed (and could not be) in the text columns among ``columns``."""
        return [p.note() for p in self.parsed if p.column in columns]

    @property
    def name(self) -> str:
        return self.dataset.name

    def frame(self) -> pd.DataFrame:
        """The data as pandas (for tools); never modified."""
        if self._frame is not None:
            return self._frame
        return self.dataset.frame()

    def query(self, sql: str, params: Any = None) -> pd.DataFrame:
        return self.backend.query(sql, params)

    def fetchall(self, sql: str, params: Any = None) -> list[tuple]:
        return self.backend.fetchall(sql, params)


def _key(ds: Dataset, data: Any) -> tuple:
    if ds.kind == "dataframe":
        f = ds.source
        return ("df", id(f), f.shape, ds.name)
    if ds.kind in ("csv", "json"):
        p = Path(ds.source)
        st = p.stat()
        return ("file", str(p.resolve()), st.st_mtime_ns, st.st_size)
    if ds.kind == "parquet":  # a file, a directory or a glob: any file changed, added, gone
        stats = [Path(f).stat() for f in parquet_files(ds.source)]
        return ("parquet", str(Path(str(ds.source)).expanduser().absolute()), len(stats),
                max((st.st_mtime_ns for st in stats), default=0),
                sum(st.st_size for st in stats))
    if ds.kind == "sql":
        conn = ds.source.connection
        return ("sql", conn if isinstance(conn, str) else id(conn), ds.source.qualified())
    if ds.kind == "spark":
        src = ds.source
        if isinstance(src, SparkTable):
            return ("spark", id(src.session), src.table)
        return ("sparkdf", id(src), ds.name)
    if ds.kind == "arrow":
        return ("arrow", id(ds.source), ds.source.num_rows, ds.name)
    if ds.kind == "loader":
        return ("loader", ds.name, id(ds))
    return ("obj", id(data), len(data) if hasattr(data, "__len__") else 0)


def open_source(data: Any, name: str | None = None) -> Source:
    """The cached :class:`Source` for ``data`` (anything :func:`as_dataset` accepts)."""
    ds = data if isinstance(data, Dataset) else as_dataset(data, name=name)
    key = _key(ds, data)
    with _cache_lock:
        src = _cache.get(key)
        if src is not None and (src._ref is None or src._ref() is (
                ds.source if ds.kind in ("dataframe", "spark", "arrow") else src._ref())):
            _cache.move_to_end(key)
            return src
    src = _build(ds, data)
    with _cache_lock:
        _cache[key] = src
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return src


def _build(ds: Dataset, data: Any) -> Source:
    if ds.engine == "spark":
        return _build_spark(ds)
    if ds.kind == "sql" and ds.source.in_engine:
        return _build_server(ds)
    ref = None
    renamed: dict[str, str] = {}
    frame = None
    parsed: list[Any] = []
    n_rows: int | None = None
    if ds.kind == "sql" and ds.source.is_duckdb and not isinstance(ds.source.connection, str):
        con = ds.source.connection
        view = ds.source.qualified()
    elif ds.kind == "sql" and ds.source.is_duckdb and \
            duckdb_file(ds.source) not in ("", ":memory:"):
        # a DuckDB database file: queried in place, read-only, never loaded into pandas
        import duckdb

        con = duckdb.connect(duckdb_file(ds.source), read_only=True)
        con.execute("SET enable_progress_bar = false")
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "coalesce(?, current_schema())", [ds.source.schema]).fetchall()]
        if ds.source.table not in tables:

            con.close()
            raise missing_table(ds.source, sorted(tables), "the DuckDB database")
        view = ds.source.qualified()
    elif ds.kind in ("parquet", "arrow"):
        con = duckdb_connect()
        view = ds.register(con, safe_name(ds.name))
        if ds.kind == "arrow":
            n_rows = ds.source.num_rows
            ref = _weak(ds.source)
    else:
        con = duckdb_connect()
        try:
            raw = ds.frame()
        except DataError:
            raise
        except Exception as exc:  # pragma: no cover - defensive: readers raise DataLoadError
            raise DataLoadError(f"Cannot load {ds.name!r}: {exc}") from None
        if not isinstance(raw, pd.DataFrame) or len(raw.columns) == 0:
            raise DataError(f"The data {ds.name!r} has no columns, so there is nothing to ask "
                            f"about. Pass a table with at least one column.",
                            details={"dataset": ds.name})
        if ds.kind == "dataframe":
            ref = weakref.ref(raw)
        frame, renamed = engine_frame(raw)
        if ds.kind in ("dataframe", "records"):
            # numbers and dates written as text are read once, here, for every question
            from ..data.text_values import parse_text_columns

            frame, parsed = parse_text_columns(frame)
        n_rows = len(frame)
        view = Dataset(ds.name, "dataframe", frame).register(con, safe_name(ds.name))
    if ds.kind != "sql" and n_rows is not None and n_rows < 1_000_000:
        # Small tables answer faster on one thread (no scheduling overhead); big ones use all.
        con.execute("SET threads TO 1")
    dates: list[str] = []
    if ds.kind != "sql":
        view, dates = _typed_dates(con, view, safe_name(ds.name))
    small = frame if frame is not None and len(frame) <= EXACT_ROWS else None
    schema = profile(con, view, ds.name, parsed, small)
    src = Source(ds, con, view, schema, renamed, _frame=frame, _ref=ref)
    src.text_dates = dates
    src.parsed = parsed if ds.kind not in ("sql", "parquet", "arrow") else []
    return src


def _weak(obj: Any) -> Any:
    try:
        return weakref.ref(obj)
    except TypeError:
        return None


def _build_server(ds: Dataset) -> Source:
    """A table in PostgreSQL: profiled and queried in the server, never copied here."""
    import sqlalchemy as sa

    from ..backends.sqlalchemy_backend import engine_for

    t = ds.source
    conn = t.connection
    try:
        engine = engine_for(conn)
        inspector = sa.inspect(engine)
        tables = sorted(inspector.get_table_names(schema=t.schema)
                        + inspector.get_view_names(schema=t.schema))
    except Exception as exc:
        raise DataLoadError(f"Cannot connect to {engine_url(conn)}: "
                            f"{str(exc).splitlines()[0]}",
                            details={"table": t.describe()}) from None
    if t.table not in tables:

        raise missing_table(t, tables, f"the {engine.dialect.name} database")
    backend = SQLAlchemyBackend(engine)
    view = t.qualified()
    try:
        schema = profile(BackendConnection(backend), view, ds.name)
    except DataError:
        raise
    except Exception as exc:
        raise DataLoadError(f"Cannot read table {t.describe()!r} in {backend.name}: "
                            f"{str(exc).splitlines()[0]}", details={"table": t.describe()}
                            ) from None
    return Source(ds, None, view, schema, backend=backend)


def engine_url(conn: Any) -> str:
    """A database URL for messages, password hidden."""
    url = getattr(conn, "url", conn)
    render = getattr(url, "render_as_string", None)
    return render(hide_password=True) if render else str(url).split("@")[-1]


_spark_views = 0
_spark_lock = threading.Lock()


def _build_spark(ds: Dataset) -> Source:
    """A Spark table or DataFrame: profiled and queried by ``spark.sql`` on the cluster."""
    global _spark_views
    src = ds.source
    ref = None
    if isinstance(src, SparkTable):
        src.dataframe()  # a clear error when the table does not exist
        session, view = src.session, src.qualified()
    else:
        session = src.sparkSession
        with _spark_lock:
            _spark_views += 1
            alias = f"nbdc_{safe_name(ds.name)}_{_spark_views}"
        src.createOrReplaceTempView(alias)
        view = quote_ident(alias)
        ref = _weak(src)
    backend = SparkBackend(session)
    schema = profile(BackendConnection(backend), view, ds.name)
    return Source(ds, None, view, schema, backend=backend, _ref=ref)


def _typed_dates(con: Any, view: str, alias: str) -> tuple[str, list[str]]:
    """Text columns holding ISO dates ("2018-01-08") become timestamps in a typed view, so
    "over time" and "in 2019" work on data whose dates were never parsed."""
    desc = con.execute(f"DESCRIBE SELECT * FROM {view}").fetchall()
    text_cols = [r[0] for r in desc if r[1] == "VARCHAR"]
    if not text_cols:
        return view, []
    checks = ", ".join(
        f"count({quote_ident(c)}) = count(TRY_CAST({quote_ident(c)} AS TIMESTAMP)) AND "
        f"count({quote_ident(c)}) > 0 AND bool_and(regexp_matches({quote_ident(c)}, "
        f"'^\\d{{4}}-\\d{{1,2}}-\\d{{1,2}}([ T][0-9:.]+)?$'))"
        for c in text_cols[:200])
    row = con.execute(f"SELECT {checks} FROM (SELECT * FROM {view} LIMIT 2000)").fetchone()
    dates = [c for c, ok in zip(text_cols, row) if ok]
    if not dates:
        return view, []
    repl = ", ".join(f"TRY_CAST({quote_ident(c)} AS TIMESTAMP) AS {quote_ident(c)}"
                     for c in dates)
    typed = quote_ident(alias + "_typed")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {typed} AS SELECT * REPLACE ({repl}) FROM {view}")
    return typed, dates


def profile(con: Any, view: str, table: str, parsed: list[Any] | None = None,
            frame: pd.DataFrame | None = None) -> SchemaModel:
    """The schema model of ``view``: the one column profile (``data.schema``; exact distinct
    counts from ``frame`` when given), the columns read from text marked, then the
    planner's word indexes."""
    profiles, n_rows = profile_relation(con, view, examples=0, frame=frame)
    kinds = {p.column: p.kind for p in parsed or []}
    unread = {p.column: p for p in parsed or []}
    for p in profiles:
        p.parsed = kinds.get(p.name)
        if p.name in unread:
            p.unread_numbers = unread[p.name].n_unread_numbers
            p.unread_examples = unread[p.name].unread_numbers
            p.unit = unread[p.name].unit
    return SchemaModel.build(table, profiles, n_rows)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


__all__ = ["Source", "clear_cache", "engine_frame", "open_source", "profile"]
