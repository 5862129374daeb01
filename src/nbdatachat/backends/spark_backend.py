"""Spark through the user's ``SparkSession`` (local mode in the tests, a cluster in real use):
``spark.sql`` runs the query (compiled in Spark's dialect) on the cluster; only the result
comes back."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .base import plain_frame, plain_value, positional


def _kind(data_type: Any) -> str:
    name = type(data_type).__name__
    if name in ("LongType", "IntegerType", "ShortType", "ByteType"):
        return "BIGINT"
    if name in ("DoubleType", "FloatType", "DecimalType"):
        return "DOUBLE"
    if name == "BooleanType":
        return "BOOLEAN"
    if name == "DateType":
        return "DATE"
    if name in ("TimestampType", "TimestampNTZType"):
        return "TIMESTAMP"
    if name in ("StringType", "VarcharType", "CharType"):
        return "VARCHAR"
    return "OTHER"


class SparkBackend:
    """Runs SQL with ``session.sql(text, args={...})`` (bound ``:p0`` parameters)."""

    name = "Spark"
    dialect = "spark"

    def __init__(self, session: Any) -> None:
        self.session = session

    def _df(self, sql: str, params: Any):
        if params:
            return self.session.sql(sql, args={k: _spark_value(v)
                                               for k, v in positional(params).items()})
        return self.session.sql(sql)

    def query(self, sql: str, params: Any = None) -> pd.DataFrame:
        df = self._df(sql, params)
        rows = df.collect()
        frame = pd.DataFrame([tuple(r) for r in rows], columns=df.columns)
        if not len(rows):
            frame = pd.DataFrame({c: pd.Series(dtype=object) for c in df.columns})
        return plain_frame(_numeric(frame, df))

    def fetchall(self, sql: str, params: Any = None) -> list[tuple]:
        rows = self._df(sql, params).collect()
        return [tuple(_plain(v) for v in r) for r in rows]

    def columns(self, relation: str) -> list[tuple[str, str]]:
        df = self.session.sql(f"SELECT * FROM {_spark_name(relation)} LIMIT 0")
        return [(f.name, _kind(f.dataType)) for f in df.schema.fields]


def _numeric(frame: pd.DataFrame, df: Any) -> pd.DataFrame:
    """Columns Spark types as numbers become numeric dtypes even when they hold nulls."""
    for f in df.schema.fields:
        if _kind(f.dataType) in ("BIGINT", "DOUBLE") and frame[f.name].dtype == object:
            frame[f.name] = pd.to_numeric(frame[f.name], errors="coerce")
    return frame


def _plain(v: Any) -> Any:
    if isinstance(v, list):
        return [plain_value(x) for x in v]
    return plain_value(v)


def _spark_value(v: Any) -> Any:
    """Parameters as Spark literals accept them (numpy scalars -> Python)."""
    return v.item() if hasattr(v, "item") and not isinstance(v, (str, bytes)) else v


def _spark_name(relation: str) -> str:
    """A relation name quoted as the compiler quotes it (``"a"."b"``) in Spark's backticks."""
    from sqlglot import exp

    from .dialects import render

    return render(exp.to_table(relation, dialect="duckdb"), "spark", copy=False)


__all__ = ["SparkBackend"]
