"""The one small interface every execution engine implements.

The question engine compiles a plan to SQL in the backend's own dialect
(``query.compile_plan(..., dialect=backend.dialect)``) and hands it to a :class:`Backend`,
which runs it where the data lives and returns only the result. DuckDB runs in the process;
PostgreSQL (through SQLAlchemy) and Spark (through the user's ``SparkSession``) run the SQL
themselves, so no table is pulled into Python.
"""

from __future__ import annotations

import datetime as _dt
import decimal
from typing import Any, Protocol, runtime_checkable

import pandas as pd

#: Column type names the schema profile understands (DuckDB's spelling, engine-neutral).
KINDS = ("BIGINT", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP", "VARCHAR", "OTHER")


@runtime_checkable
class Backend(Protocol):
    """Where a dataset's SQL runs.

    ``name`` is shown to people ("the query failed in PostgreSQL"); ``dialect`` is SQLGlot's
    name for the engine's SQL. ``query`` and ``fetchall`` take SQL in that dialect, as
    :func:`~nbdatachat.backends.dialects.render` writes it, with named parameters
    (``{"p0": v}``, the compiler's ``$p0`` / ``%(p0)s`` / ``:p0``) or, in DuckDB, ``?``
    parameters; nothing is translated on the way.
    """

    name: str
    dialect: str

    def query(self, sql: str, params: Any = None) -> pd.DataFrame: ...

    def fetchall(self, sql: str, params: Any = None) -> list[tuple]: ...

    def columns(self, relation: str) -> list[tuple[str, str]]:
        """(name, type) of ``relation``'s columns, the type one of :data:`KINDS`."""
        ...


def plain_value(v: Any) -> Any:
    """A driver's value as the plain Python value DuckDB would give (Decimal -> float/int)."""
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() and v.as_tuple().exponent >= 0 else float(v)
    if isinstance(v, _dt.datetime) and v.tzinfo is not None:
        return v.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return v


def plain_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Give a result from another engine the dtypes DuckDB's would have: numeric columns of
    Decimals become float64 (whole-number sums are made integers later, as for DuckDB's
    int128 sums), time-zone-aware timestamps become naive UTC."""
    for c in df.columns:
        s = df[c]
        if s.dtype == object and len(s):
            first = s.dropna()
            if len(first) and isinstance(first.iloc[0], decimal.Decimal):
                df[c] = pd.to_numeric(s.map(lambda v: None if v is None else float(v)),
                                      errors="coerce")
            elif len(first) and isinstance(first.iloc[0], _dt.date) and not \
                    isinstance(first.iloc[0], _dt.datetime):
                df[c] = pd.to_datetime(s)
        elif isinstance(s.dtype, pd.DatetimeTZDtype):
            df[c] = s.dt.tz_convert("UTC").dt.tz_localize(None)
    return df


class BackendConnection:
    """Runs the schema profile (:func:`nbdatachat.data.schema.profile_relation`) in any
    :class:`Backend`: the profile builds its queries as SQLGlot trees and this renders them
    in the backend's dialect with :func:`~nbdatachat.backends.dialects.render`, the path of
    compiled plans (never DuckDB text translated); column types come from the backend."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    @property
    def dialect(self) -> str:
        return self.backend.dialect

    def columns(self, relation: str) -> list[tuple[str, str]]:
        return self.backend.columns(relation)

    def rows(self, tree: Any) -> list[tuple]:
        from .dialects import render

        return self.backend.fetchall(render(tree, self.backend.dialect, copy=False))

    def frame(self, tree: Any) -> pd.DataFrame:
        from .dialects import render

        return self.backend.query(render(tree, self.backend.dialect, copy=False))


def positional(params: Any) -> dict[str, Any]:
    """Parameters as a name -> value mapping: ``[a, b]`` (for ``?`` marks) becomes
    ``{"p0": a, "p1": b}``; a mapping (the compiler's named ``$p0`` marks) is kept."""
    if params is None:
        return {}
    if isinstance(params, dict):
        return dict(params)
    return {f"p{i}": v for i, v in enumerate(params)}


__all__ = ["KINDS", "Backend", "BackendConnection", "plain_frame", "plain_value", "positional"]
