"""What is in a table, column by column: the schema summary front-ends and the planner use.

``profile(frame)`` answers "which columns are there, what kind of values do they hold, how
many distinct ones, what do they look like" for the question engine (to map words to
columns), the HTTP server (collection schemas) and the CLI (``nbdatachat profile``). It reads
every row for counts but only a small sample for examples, so a million-row frame profiles
in about a second. Distinct counts are exact up to 200,000 rows and for low-cardinality
columns; for high-cardinality columns of larger frames they are HyperLogLog estimates from
DuckDB (a few percent off, flagged by ``n_unique_approx``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

Kind = Literal["numeric", "categorical", "datetime", "boolean", "text"]

EXAMPLE_ROWS = 2_000  # rows scanned for example values
EXACT_ROWS = 200_000  # up to this many rows distinct counts are exact
SAMPLE_ROWS = 100_000  # beyond: a random sample tells low- from high-cardinality columns
LOW_CARDINALITY = 10_000  # sample distinct count up to which the full count stays exact
CATEGORICAL_MAX_UNIQUE = 20  # at most this many distinct values: always categorical
CATEGORICAL_MAX_RATIO = 0.5  # or distinct values at most half the non-missing values


@dataclass(frozen=True)
class ColumnProfile:
    """One column: its name, kind, pandas dtype, distinct and missing counts, examples.

    ``kind`` is what the values mean for analysis: ``numeric`` (measures), ``categorical``
    (text or codes with repeated values: groups, filters), ``datetime``, ``boolean``, or
    ``text`` (mostly unique strings such as names or comments). ``minimum``/``maximum`` are
    set for numeric and datetime columns.
    """

    name: str
    kind: Kind
    dtype: str
    n_unique: int
    n_missing: int
    examples: list[Any] = field(default_factory=list)
    minimum: Any = None
    maximum: Any = None
    n_unique_approx: bool = False

    def to_dict(self) -> dict[str, Any]:
        from ..tools.base import to_jsonable

        return {"name": self.name, "kind": self.kind, "dtype": self.dtype,
                "n_unique": self.n_unique, "n_unique_approx": self.n_unique_approx,
                "n_missing": self.n_missing,
                "examples": to_jsonable(self.examples), "min": to_jsonable(self.minimum),
                "max": to_jsonable(self.maximum)}


def column_kind(series: pd.Series, n_unique: int | None = None) -> Kind:
    """The analysis kind of one column (see :class:`ColumnProfile`)."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_datetime64_any_dtype(dtype) or isinstance(dtype, pd.PeriodDtype):
        return "datetime"
    if pd.api.types.is_numeric_dtype(dtype):
        return "numeric"
    if isinstance(dtype, pd.CategoricalDtype):
        return "categorical"
    present = int(series.notna().sum())
    if n_unique is None:
        n_unique = _n_unique(series)
    if n_unique <= CATEGORICAL_MAX_UNIQUE or n_unique <= CATEGORICAL_MAX_RATIO * present:
        return "categorical"
    return "text"


def _n_unique(series: pd.Series) -> int:
    try:
        return int(series.nunique(dropna=True))
    except TypeError:  # unhashable values (dicts, lists from JSON records)
        return int(series.dropna().astype(str).nunique())


def _examples(series: pd.Series, k: int) -> list[Any]:
    head = series.iloc[:EXAMPLE_ROWS].dropna()
    try:
        return head.drop_duplicates().iloc[:k].tolist()
    except TypeError:  # unhashable values
        return head.astype(str).drop_duplicates().iloc[:k].tolist()


def _distinct_counts(columns: list[pd.Series]) -> list[tuple[int, bool]]:
    """(distinct non-missing values, approximate?) per column -- see the module docstring."""
    out: list[tuple[int, bool] | None] = [None] * len(columns)
    high: list[int] = []
    for i, s in enumerate(columns):
        if len(s) <= EXACT_ROWS:
            out[i] = (_n_unique(s), False)
        elif _n_unique(s.iloc[:: max(1, len(s) // SAMPLE_ROWS)]) <= LOW_CARDINALITY:
            out[i] = (_n_unique(s), False)
        else:
            high.append(i)
    if high:
        try:
            import duckdb

            part = pd.DataFrame({f"c{j}": columns[i].reset_index(drop=True)
                                 for j, i in enumerate(high)})
            con = duckdb.connect()
            try:
                con.register("part", part)
                sql = ", ".join(f"approx_count_distinct(c{j})" for j in range(len(high)))
                estimates = con.execute(f"SELECT {sql} FROM part").fetchall()[0]
            finally:
                con.close()
            for i, est in zip(high, estimates):
                present = int(columns[i].notna().sum())
                out[i] = (min(int(est), present), True)
        except Exception:  # types DuckDB cannot scan (mixed Python objects): count exactly
            for i in high:
                out[i] = (_n_unique(columns[i]), False)
    return [o for o in out if o is not None]


def profile_column(series: pd.Series, name: str | None = None, *, examples: int = 3,
                   distinct: tuple[int, bool] | None = None) -> ColumnProfile:
    """The :class:`ColumnProfile` of one column."""
    n_unique, approx = distinct or _distinct_counts([series])[0]
    kind = column_kind(series, n_unique)
    lo = hi = None
    if kind in ("numeric", "datetime") and n_unique:
        lo, hi = series.min(), series.max()
        lo, hi = (v.item() if hasattr(v, "item") and not isinstance(v, pd.Timestamp) else v
                  for v in (lo, hi))
    return ColumnProfile(name=str(series.name if name is None else name), kind=kind,
                         dtype=str(series.dtype), n_unique=n_unique,
                         n_missing=int(series.isna().sum()),
                         examples=_examples(series, examples), minimum=lo, maximum=hi,
                         n_unique_approx=approx)


def profile(frame: pd.DataFrame, *, examples: int = 3) -> list[ColumnProfile]:
    """One :class:`ColumnProfile` per column of ``frame``, in column order.

    Duplicate column names are profiled position by position.
    """
    columns = [frame.iloc[:, i] for i in range(frame.shape[1])]
    counts = _distinct_counts(columns)
    return [profile_column(s, str(name), examples=examples, distinct=c)
            for s, name, c in zip(columns, frame.columns, counts)]


def describe_schema(data: Any, *, examples: int = 3) -> dict[str, Any]:
    """JSON-ready schema of anything :func:`~nbdatachat.data.as_dataset` accepts:
    ``{"name", "n_rows", "columns": [ColumnProfile.to_dict(), ...]}``."""
    from .sources import as_dataset

    ds = as_dataset(data)
    frame = ds.frame()
    return {"name": ds.name, "n_rows": int(len(frame)),
            "columns": [p.to_dict() for p in profile(frame, examples=examples)]}


__all__ = ["ColumnProfile", "Kind", "column_kind", "describe_schema", "profile",
           "profile_column"]
