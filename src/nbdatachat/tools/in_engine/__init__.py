"""Tools on data kept where it lives (PostgreSQL, Spark, Parquet directories, big DuckDB
tables) without pulling the rows into the process.

Tools with an in-engine path get the few aggregates they need from the engine
(:mod:`.regression`, :mod:`.describe`, :mod:`.correlation`, :mod:`.t_test`, :mod:`.anova`,
:mod:`.chi_square`) and give the in-memory tool's result from them; :func:`run_on` picks
the path for a tool's inputs.
``run_tool`` on data kept in place calls :func:`run_in_engine` first, ``ask`` on big or
remote data calls :func:`run_on` with the question's filtered rows as the table. Every
result says how it was computed in ``statistics["path"]``.
"""

from __future__ import annotations

from typing import Any

from ...errors import DataError
from .anova import anova
from .chi_square import chi_square
from .correlation import correlation
from .describe import describe
from .regression import MAX_CONDITION, EngineMoments, linear_regression
from .sql import EngineTable
from .t_test import t_test

#: Tools without an in-engine path run on at most this many rows of data kept in place: a
#: seeded random sample of them, stated in the result, when the data has more.
SAMPLE_ROWS = 1_000_000

#: tools with a path from in-engine aggregates
IN_ENGINE_TOOLS = ("describe", "linear_regression", "correlation", "t_test", "anova",
                   "chi_square")


def open_table(dataset: Any) -> EngineTable:
    """The :class:`EngineTable` of data kept in place: the PostgreSQL table, the Spark table
    or DataFrame, or the Parquet directory in a DuckDB connection of its own."""
    from ...backends import DuckDBBackend, SparkBackend, SQLAlchemyBackend
    from ...backends.duckdb_backend import connect
    from ...backends.sqlalchemy_backend import engine_for
    from ...data.sources import SparkTable, parquet_scan, quote_ident

    src = dataset._origin.source if dataset._origin is not None else dataset.source
    if dataset.engine == "spark":
        if isinstance(src, SparkTable):
            return EngineTable(SparkBackend(src.session), src.qualified())
        view = f"nbdc_tool_{id(src)}"
        src.createOrReplaceTempView(view)
        return EngineTable(SparkBackend(src.sparkSession), quote_ident(view))
    if dataset.engine != "duckdb":
        return EngineTable(SQLAlchemyBackend(engine_for(src.connection)), src.qualified())
    return EngineTable(DuckDBBackend(connect()), parquet_scan(src))


def column_kinds(table: EngineTable) -> dict[str, str]:
    """Column name -> the tools' kind (``integer``, ``number``, ``text``, ...) of a table
    opened by name (:func:`open_table`)."""
    return {c: _KINDS.get(k, k.lower()) for c, k in table.backend.columns(table.name)}


#: the backends' column types as the schema profile's kinds
_KINDS = {"BIGINT": "integer", "DOUBLE": "number", "VARCHAR": "text", "BOOLEAN": "bool",
          "DATE": "date", "TIMESTAMP": "datetime"}


def run_in_engine(name: str, parsed: Any, dataset: Any) -> Any:
    """``run_tool`` on data kept in place: the tool from in-engine aggregates when it has
    such a path and the inputs fit it, else None (the caller falls back)."""
    if name not in IN_ENGINE_TOOLS:
        return None
    table = open_table(dataset)
    try:
        return run_on(name, table, parsed, column_kinds(table))
    except DataError:
        if name == "linear_regression":
            return None  # ill-conditioned: the in-memory QR path decides (and says why)
        raise


def sample_frame(dataset: Any, limit: int | None = None) -> tuple[Any, int, str] | None:
    """A seeded random sample of at most ``limit`` rows (default :data:`SAMPLE_ROWS`) of data
    kept in place, the number of rows it was drawn from and the engine's name; None when the
    data has no more rows than that (reading it whole is then fine). The engine draws the
    rows; only the sample is fetched."""
    from sqlglot import exp

    from ...backends.dialects import sample_clause
    from .sql import count

    limit = SAMPLE_ROWS if limit is None else limit
    table = open_table(dataset)
    total = int(table.fetch(table.select(count()))[0][0])
    if total <= limit:
        return None
    q = table.select(exp.Star())
    q.set("sample", sample_clause(limit))
    return table.frame(q), total, table.engine


def state_sample(result: Any, name: str, n: int, total: int, engine: str) -> str:
    """Say in ``result`` that tool ``name`` ran on a random sample of ``n`` of ``total``
    rows (``statistics["path"]`` and a first warning); returns the path."""
    path = (f"sample: {name} ran on a random sample of {n:,} rows (of {total:,}) fetched "
            f"from {engine}")
    result.statistics["path"] = path
    result.warnings.insert(0, f"Computed on a random sample of {n:,} of the {total:,} rows; "
                              f"estimates carry sampling error.")
    return path


def run_on(name: str, table: EngineTable, parsed: Any, kinds: dict[str, str]) -> Any:
    """Tool ``name`` with validated inputs ``parsed`` on ``table`` (its columns' kinds
    ``kinds``) from in-engine aggregates; None when the inputs need the rows (Spearman or
    Kendall correlation, a paired t-test by group, a regression without intercept,
    non-numeric inputs). Raises :class:`DataError` as the in-memory tool would, and for a
    regression too ill-conditioned for the normal equations."""
    if name == "describe":
        cols = parsed.features or list(kinds)
        if any(c not in kinds for c in cols):
            return None
        return describe(table, cols, kinds, percentiles=parsed.percentiles)
    if name == "correlation":
        if parsed.method != "pearson":
            return None
        return correlation(table, parsed, kinds)
    if name == "t_test":
        return t_test(table, parsed, kinds)
    if name == "anova":
        return anova(table, parsed, kinds)
    if name == "chi_square":
        return chi_square(table, parsed, kinds)
    if name != "linear_regression" or not parsed.fit_intercept:
        return None
    cols = [parsed.target, *parsed.features]
    if any(kinds.get(c) not in ("integer", "number") for c in cols):
        return None
    return linear_regression(table, target=parsed.target, features=list(parsed.features),
                             confidence_level=parsed.confidence_level)


__all__ = ["IN_ENGINE_TOOLS", "MAX_CONDITION", "SAMPLE_ROWS", "EngineMoments", "EngineTable",
           "anova", "chi_square", "column_kinds", "correlation", "describe",
           "linear_regression", "open_table", "run_in_engine", "run_on", "sample_frame",
           "state_sample", "t_test"]
