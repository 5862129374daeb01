"""Data sources for the question engine: one DuckDB connection and one schema per dataset.

``open_source(data)`` registers the data in a DuckDB connection (zero-copy for DataFrames,
scanned in place for Parquet files and DuckDB tables) and profiles it once into a
:class:`~nbdatachat.planner.schema.SchemaModel`. Both are cached, keyed by the object's
identity and shape (or a file's path and modification time), so repeated questions on the
same data skip the profiling and reuse the connection.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..data import Dataset, as_dataset, quote_ident, safe_name
from ..errors import DataError, DataLoadError
from ..planner.schema import MAX_VALUES_PER_COLUMN, ColumnProfile, SchemaModel

_CACHE_SIZE = 16
_cache: "OrderedDict[tuple, Source]" = OrderedDict()
_cache_lock = threading.Lock()


@dataclass
class Source:
    """A dataset registered in DuckDB, with its schema model."""

    dataset: Dataset
    con: Any  # duckdb.DuckDBPyConnection
    view: str  # quoted relation name to select from
    schema: SchemaModel
    renamed: dict[str, str] = field(default_factory=dict)  # original label -> column name
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _frame: pd.DataFrame | None = field(default=None, repr=False)
    _ref: Any = field(default=None, repr=False)
    text_dates: list[str] = field(default_factory=list)  # text columns read as dates

    @property
    def name(self) -> str:
        return self.dataset.name

    def frame(self) -> pd.DataFrame:
        """The data as pandas (for tools); never modified."""
        if self._frame is not None:
            return self._frame
        return self.dataset.frame()

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        with self.lock:
            return self.con.execute(sql, params or []).df()

    def fetchall(self, sql: str, params: list | None = None) -> list[tuple]:
        with self.lock:
            return self.con.execute(sql, params or []).fetchall()


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        base = n or "column"
        key = base.lower()
        if key in seen:
            seen[key] += 1
            cand = f"{base}_{seen[key]}"
            while cand.lower() in seen:
                seen[key] += 1
                cand = f"{base}_{seen[key]}"
            seen[cand.lower()] = 0
            out.append(cand)
        else:
            seen[key] = 0
            out.append(base)
    return out


def engine_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The frame DuckDB will scan: the same object when it is clean; a fixed *copy* when
    column names are not unique strings or a text column mixes types (the user's frame is
    never changed)."""
    labels = list(df.columns)
    names = [str(c).strip() if c is not None else "" for c in labels]
    fixed = _dedupe(names)
    rename_needed = fixed != labels or any(not isinstance(c, str) for c in labels)
    mixed = []
    for i, (label, dtype) in enumerate(zip(labels, df.dtypes)):
        if dtype == object:
            kind = pd.api.types.infer_dtype(df.iloc[:, i], skipna=True)
            if kind not in ("string", "empty", "floating", "integer", "boolean", "datetime",
                            "date", "decimal", "datetime64"):
                mixed.append(i)
        elif isinstance(dtype, pd.PeriodDtype) or isinstance(dtype, pd.IntervalDtype):
            mixed.append(i)
    if not rename_needed and not mixed:
        return df, {}
    out = df.copy(deep=False)
    out.columns = fixed
    for i in mixed:
        col = out.iloc[:, i]
        out[fixed[i]] = col.map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                                else str(v)).astype("string")
    return out, {str(a): b for a, b in zip(names, fixed) if str(a) != b}


def _kind(duck_type: str) -> str:
    t = duck_type.upper()
    if t in ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER",
             "USMALLINT", "UTINYINT", "UHUGEINT"):
        return "integer"
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
        return "number"
    if t == "BOOLEAN":
        return "bool"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "datetime"
    if t == "VARCHAR" or t.startswith("ENUM"):
        return "text"
    return "other"


def profile(con: Any, view: str, table: str) -> SchemaModel:
    """Profile every column with two scans in DuckDB: counts and ranges, then the distinct
    values of low-cardinality columns (the vocabulary of categorical values)."""
    desc = con.execute(f"DESCRIBE SELECT * FROM {view}").fetchall()
    cols = [(r[0], r[1]) for r in desc]
    exprs = ["count(*)"]
    for name, typ in cols:
        q = quote_ident(name)
        k = _kind(typ)
        exprs.append(f"count({q})")
        if k in ("text", "other"):
            exprs.append(f"approx_count_distinct({q})")
        else:
            exprs.append(f"approx_count_distinct({q})")
        if k in ("integer", "number", "date", "datetime"):
            exprs.append(f"min({q})")
            exprs.append(f"max({q})")
    row = con.execute(f"SELECT {', '.join(exprs)} FROM {view}").fetchone()
    n_rows = int(row[0])
    profiles: list[ColumnProfile] = []
    pos = 1
    for name, typ in cols:
        k = _kind(typ)
        n_nonnull, n_distinct = int(row[pos]), int(row[pos + 1])
        pos += 2
        lo = hi = None
        if k in ("integer", "number", "date", "datetime"):
            lo, hi = row[pos], row[pos + 1]
            pos += 2
        n_distinct = min(n_distinct, n_nonnull)
        profiles.append(ColumnProfile(name, k, n_rows, n_distinct, n_rows - n_nonnull, lo, hi))
    want = [p for p in profiles if (p.kind in ("text", "other", "bool") and
                                    p.n_distinct <= MAX_VALUES_PER_COLUMN * 1.2)
            or (p.kind in ("integer", "number") and p.n_distinct <= 3)]
    for start in range(0, len(want), 200):
        chunk = want[start:start + 200]
        sel = ", ".join(f"list(DISTINCT CAST({quote_ident(p.name)} AS VARCHAR))" for p in chunk)
        got = con.execute(f"SELECT {sel} FROM {view}").fetchone()
        for p, values in zip(chunk, got):
            vals = [v for v in (values or []) if v is not None]
            if len(vals) <= MAX_VALUES_PER_COLUMN:
                p.values = sorted(vals, key=str)
                p.n_distinct = len(vals)
    return SchemaModel.build(table, profiles, n_rows)


def _key(ds: Dataset, data: Any) -> tuple:
    if ds.kind == "dataframe":
        f = ds.source
        return ("df", id(f), f.shape, ds.name)
    if ds.kind in ("csv", "parquet", "json"):
        p = Path(ds.source)
        st = p.stat()
        return ("file", str(p.resolve()), st.st_mtime_ns, st.st_size)
    if ds.kind == "sql":
        return ("sql", id(ds.source.connection), ds.source.qualified())
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
                ds.source if ds.kind == "dataframe" else src._ref())):
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
    import duckdb

    ref = None
    renamed: dict[str, str] = {}
    frame = None
    if ds.kind == "sql" and ds.source.is_duckdb and not isinstance(ds.source.connection, str):
        con = ds.source.connection
        view = ds.source.qualified()
    elif ds.kind == "parquet":
        con = duckdb.connect()
        view = ds.register(con, safe_name(ds.name))
    else:
        con = duckdb.connect()
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
        view = Dataset(ds.name, "dataframe", frame).register(con, safe_name(ds.name))
    if con is not getattr(ds.source, "connection", None):
        con.execute("SET enable_progress_bar = false")  # no terminal noise from a library
    if ds.kind != "sql":
        # Small tables answer faster on one thread (no scheduling overhead); big ones use all.
        n = len(frame) if frame is not None else None
        if n is not None and n < 1_000_000:
            con.execute("SET threads TO 1")
    dates: list[str] = []
    if ds.kind != "sql":
        view, dates = _typed_dates(con, view, safe_name(ds.name))
    schema = profile(con, view, ds.name)
    src = Source(ds, con, view, schema, renamed, _frame=frame, _ref=ref)
    src.text_dates = dates
    return src


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


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


__all__ = ["Source", "clear_cache", "engine_frame", "open_source", "profile"]
