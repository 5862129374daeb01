"""What is in a table, column by column: the one schema profile of the package.

:class:`ColumnProfile` is what the question engine (to map words to columns and check
plans), the HTTP server (collection schemas) and the CLI (``nbdatachat profile``) know about a
column, in one type vocabulary (``kind``: integer, number, text, bool, date, datetime,
other) with the column's ``role`` (measure, dimension, time, id; set by the planner's schema
model). :func:`profile_relation` profiles any relation with two scans (counts and ranges,
then the distinct values of low-cardinality columns) plus a small sample for examples, its
queries built as SQLGlot trees and rendered for the engine that holds the data (DuckDB,
PostgreSQL, Spark); :func:`profile` does the same for a DataFrame. Distinct counts are exact up to
:data:`EXACT_ROWS` rows and for low-cardinality columns; above, for high-cardinality
columns, they are HyperLogLog estimates (a few percent off, flagged by
``n_unique_approx``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

Kind = Literal["integer", "number", "text", "bool", "date", "datetime", "other"]
Role = str  # "measure" | "dimension" | "time" | "id"

EXAMPLE_ROWS = 2_000  # rows scanned for example values
EXACT_ROWS = 200_000  # up to this many rows distinct counts are exact
MAX_VALUES_PER_COLUMN = 5000  # distinct values kept per text column (the value vocabulary)
LOW_CARDINALITY = 10_000  # sample distinct count up to which the exact count is taken
SAMPLE_ROWS = 100_000  # rows of a bigger frame sampled to tell low- from high-cardinality


@dataclass
class ColumnProfile:
    """One column: its kind, counts, range, distinct values (when few) and examples.

    ``kind`` is the value type (``integer``/``number`` are numeric); ``role`` is what the
    column is for in questions, filled in by ``planner.schema.SchemaModel``; ``parsed``
    says the column was text holding numbers or dates (``"number"``/``"date"``).
    """

    name: str
    kind: str
    n_rows: int
    n_distinct: int
    n_null: int = 0
    min: Any = None
    max: Any = None
    values: list[str] | None = None
    role: Role = "measure"
    truthy: str | None = None  # the "yes" value of a binary column
    falsy: str | None = None
    additive: bool = False  # summing makes sense (sales, units) rather than averaging
    dtype: str = ""
    examples: list[Any] = field(default_factory=list)
    approx: bool = False  # n_distinct is a HyperLogLog estimate
    parsed: str | None = None
    unread_numbers: int = 0  # text values with digits that did not read as ``parsed``
    unread_examples: list[str] = field(default_factory=list)  # the first 200 of them
    unit: str | None = None  # the unit every text value carried ("km"), taken off when read

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "integer")

    @property
    def is_time(self) -> bool:
        return self.role == "time"

    @property
    def binary(self) -> bool:
        return self.truthy is not None and self.falsy is not None

    @property
    def year_like(self) -> bool:
        return self.role == "time" and self.kind in ("integer", "number")

    # the names of the profile's JSON form
    @property
    def n_unique(self) -> int:
        return self.n_distinct

    @property
    def n_missing(self) -> int:
        return self.n_null

    @property
    def n_unique_approx(self) -> bool:
        return self.approx

    @property
    def minimum(self) -> Any:
        return self.min

    @property
    def maximum(self) -> Any:
        return self.max

    def to_dict(self) -> dict[str, Any]:
        from ..jsonable import to_jsonable

        out = {"name": self.name, "kind": self.kind, "role": self.role, "dtype": self.dtype,
               "n_unique": self.n_distinct, "n_unique_approx": self.approx,
               "n_missing": self.n_null, "examples": to_jsonable(self.examples),
               "min": to_jsonable(self.min), "max": to_jsonable(self.max)}
        if self.parsed:
            out["parsed_from_text"] = self.parsed
        return out


def duck_kind(duck_type: str) -> str:
    """The engine kind of a DuckDB type."""
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


def relation_tree(view: str) -> Any:
    """A relation written as DuckDB writes it (``"t"``, ``t``, ``"s"."t"``,
    ``read_parquet([...])``) as a SQLGlot expression, rendered later in any dialect."""
    return _relation(str(view)).copy()


@functools.lru_cache(maxsize=256)
def _relation(view: str) -> Any:
    import sqlglot
    from sqlglot import exp

    if view.lstrip().startswith('"') and view.rstrip().endswith('"'):
        return exp.to_table(view, dialect="duckdb")
    return sqlglot.parse_one(f"SELECT * FROM {view}", read="duckdb").find(exp.From).this


class _DuckDB:
    """Runs the profile's SQLGlot trees in a DuckDB connection (DuckDB's SQL is SQLGlot's
    ``duckdb`` rendering as it is; other engines go through
    :class:`~nbdatachat.backends.base.BackendConnection`, which adds their fixes)."""

    dialect = "duckdb"

    def __init__(self, con: Any) -> None:
        self.con = con

    def columns(self, view: str) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.con.execute(f"DESCRIBE SELECT * FROM {view}")
                .fetchall()]

    def rows(self, tree: Any) -> list[tuple]:
        return self.con.execute(_duckdb_sql(tree)).fetchall()

    def frame(self, tree: Any) -> pd.DataFrame:
        return self.con.execute(_duckdb_sql(tree)).df()


def _duckdb_sql(tree: Any) -> str:
    """``tree`` (built for this query only, so not copied) in DuckDB's SQL."""
    from sqlglot.dialects.dialect import Dialect

    return Dialect.get_or_raise("duckdb").generate(tree, copy=False)


def _profile_trees(relation: Any, cols: list[tuple[str, str]]) -> Any:
    """The first scan: the row count, then per column its count, distinct count (DuckDB's
    HyperLogLog estimate; exact where the engine has no estimate) and, for numbers and
    times, its range."""
    from sqlglot import exp

    items: list[Any] = [exp.Count(this=exp.Star(), big_int=True)]
    for name, typ in cols:
        c = exp.column(str(name), quoted=True)
        items += [exp.Count(this=c, big_int=True), exp.ApproxDistinct(this=c.copy())]
        if duck_kind(typ) in ("integer", "number", "date", "datetime"):
            items += [exp.Min(this=c.copy()), exp.Max(this=c.copy())]
    return exp.select(*items, copy=False).from_(relation, copy=False)


def _values_tree(relation: Any, names: list[str]) -> Any:
    """The distinct values of each named column as text, one list per column."""
    from sqlglot import exp

    items = [exp.ArrayAgg(this=exp.Distinct(expressions=[
        exp.cast(exp.column(str(n), quoted=True), "VARCHAR", copy=False)])) for n in names]
    return exp.select(*items, copy=False).from_(relation, copy=False)


def profile_relation(con: Any, view: str, *, examples: int = 3,
                     frame: pd.DataFrame | None = None) -> tuple[list[ColumnProfile], int]:
    """Profile every column of ``view`` (a relation as DuckDB writes it).

    ``con`` is a DuckDB connection, or for data in another engine a runner of SQLGlot trees
    (:class:`~nbdatachat.backends.base.BackendConnection`): the queries are SQLGlot trees,
    rendered in the engine's dialect like a compiled plan. ``frame``, when the relation is a
    DataFrame's scan, gives exact distinct counts (pandas counts them faster than DuckDB's
    exact distinct aggregates); without it distinct counts are estimates except for the
    columns whose values are listed."""
    run = con if hasattr(con, "rows") else _DuckDB(con)
    cols = run.columns(view)
    row = run.rows(_profile_trees(relation_tree(view), cols))[0]
    n_rows = int(row[0])
    profiles: list[ColumnProfile] = []
    pos = 1
    for name, typ in cols:
        k = duck_kind(typ)
        n_nonnull, n_distinct = int(row[pos]), int(row[pos + 1])
        pos += 2
        lo = hi = None
        if k in ("integer", "number", "date", "datetime"):
            lo, hi = row[pos], row[pos + 1]
            pos += 2
        role = "measure" if k in ("integer", "number") else \
            "time" if k in ("date", "datetime") else "dimension"  # refined by the planner
        profiles.append(ColumnProfile(name, k, n_rows, min(n_distinct, n_nonnull),
                                      n_rows - n_nonnull, lo, hi, role=role, dtype=str(typ),
                                      approx=True))
    want = [p for p in profiles if (p.kind in ("text", "other", "bool") and
                                    p.n_distinct <= MAX_VALUES_PER_COLUMN * 1.2)
            or (p.kind in ("integer", "number") and p.n_distinct <= 3)]
    for start in range(0, len(want), 200):
        chunk = want[start:start + 200]
        got = run.rows(_values_tree(relation_tree(view), [p.name for p in chunk]))[0]
        for p, values in zip(chunk, got):
            vals = [v for v in (values or []) if v is not None]
            if len(vals) <= MAX_VALUES_PER_COLUMN:
                p.values = sorted(vals, key=str)
                p.n_distinct = len(vals)
                p.approx = False
    if frame is not None and len(frame.columns) == len(profiles):
        _exact_counts(profiles, frame)
    if examples and cols:
        from sqlglot import exp

        head = run.frame(exp.select(exp.Star()).from_(relation_tree(view), copy=False)
                         .limit(EXAMPLE_ROWS, copy=False))
        for i, p in enumerate(profiles):
            p.examples = _examples(head.iloc[:, i], examples)
    return profiles, n_rows


def _n_unique(series: pd.Series) -> int:
    try:
        return int(series.nunique(dropna=True))
    except TypeError:  # unhashable values (dicts, lists from JSON records)
        return int(series.dropna().astype(str).nunique())


def _exact_counts(profiles: list[ColumnProfile], frame: pd.DataFrame) -> None:
    """Exact distinct counts up to EXACT_ROWS rows, and above for columns whose sample shows
    few distinct values; the others keep DuckDB's estimate."""
    if len(frame) <= EXACT_ROWS:
        try:
            counts = frame.nunique(dropna=True).to_numpy()  # one pass, by position
        except TypeError:  # unhashable values somewhere: column by column below
            counts = None
        if counts is not None:
            for p, n in zip(profiles, counts):
                p.n_distinct, p.approx = int(n), False
            return
    for i, p in enumerate(profiles):
        if not p.approx:
            continue
        s = frame.iloc[:, i]
        if len(s) > EXACT_ROWS and \
                _n_unique(s.iloc[:: max(1, len(s) // SAMPLE_ROWS)]) > LOW_CARDINALITY:
            continue
        p.n_distinct, p.approx = _n_unique(s), False


def _examples(series: pd.Series, k: int) -> list[Any]:
    head = series.dropna()
    try:
        return head.drop_duplicates().iloc[:k].tolist()
    except TypeError:  # unhashable values
        return head.astype(str).drop_duplicates().iloc[:k].tolist()


def profile(frame: pd.DataFrame, *, examples: int = 3, parse_text: bool = True
            ) -> list[ColumnProfile]:
    """One :class:`ColumnProfile` per column of ``frame``, in column order (duplicate column
    names are profiled position by position; values DuckDB cannot scan, such as dicts, are
    profiled as their text). With ``parse_text``, text columns holding numbers or dates are
    profiled as the numbers or dates the question engine reads (``parsed`` says so)."""
    import duckdb

    from .frames import engine_frame
    from .text_values import parse_text_columns

    scannable, _renamed = engine_frame(frame)
    parsed: dict[str, str] = {}
    unread: dict[str, Any] = {}
    if parse_text:
        scannable, found = parse_text_columns(scannable)
        parsed = {p.column: p.kind for p in found}
        unread = {p.column: p for p in found}
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.register("profiled", scannable)
        profiles, _ = profile_relation(con, "profiled", examples=examples, frame=scannable)
    finally:
        con.close()
    for p, label, dtype in zip(profiles, frame.columns, scannable.dtypes):
        p.parsed = parsed.get(p.name)
        if p.name in unread:
            p.unread_numbers = unread[p.name].n_unread_numbers
            p.unread_examples = unread[p.name].unread_numbers
        p.name = str(label)
        p.dtype = str(dtype)
    return profiles


def column_kind(series: pd.Series) -> str:
    """The engine kind of one column."""
    return profile(series.to_frame(), examples=0)[0].kind


def describe_schema(data: Any, *, examples: int = 3) -> dict[str, Any]:
    """JSON-ready schema of anything :func:`~nbdatachat.data.as_dataset` accepts:
    ``{"name", "n_rows", "columns": [ColumnProfile.to_dict(), ...]}``."""
    from .catalog import as_dataset

    ds = as_dataset(data)
    frame = ds.frame()
    return {"name": ds.name, "n_rows": int(len(frame)),
            "columns": [p.to_dict() for p in profile(frame, examples=examples)]}


__all__ = ["ColumnProfile", "EXACT_ROWS", "Kind", "MAX_VALUES_PER_COLUMN", "column_kind",
           "describe_schema", "duck_kind", "profile", "profile_relation", "relation_tree"]
