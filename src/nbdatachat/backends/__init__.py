"""Execution backends: where a dataset's SQL runs (DuckDB in the process by default,
PostgreSQL through SQLAlchemy, Spark through the user's session), behind one interface."""

from .base import KINDS, Backend, BackendConnection, plain_frame, positional
from .dialects import adapt, render, sample_clause
from .duckdb_backend import DuckDBBackend, configure_duckdb, duck_kind
from .spark_backend import SparkBackend
from .sqlalchemy_backend import IN_ENGINE_DIALECTS, SQLAlchemyBackend

__all__ = ["IN_ENGINE_DIALECTS", "KINDS", "Backend", "BackendConnection", "DuckDBBackend",
           "SQLAlchemyBackend", "SparkBackend", "adapt", "configure_duckdb", "duck_kind",
           "plain_frame", "positional", "render", "sample_clause"]
