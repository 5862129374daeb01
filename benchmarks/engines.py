"""The question benchmark on several engines: DuckDB (in the process), PostgreSQL and Spark.

Each benchmark dataset is loaded into the other engine exactly as DuckDB sees it (the typed
view the engine queries, so a messy CSV arrives cleaned), every question is asked of each
engine through the same ``nbdatachat.ask``, and the answers are compared with each other:
status, sentence and the table behind it (numbers to 1e-9 relative; engines add floats in
different orders). The reader is measured elsewhere; this checks that an engine never
changes what the answer is.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .questions.datasets import BenchDataset
from .questions.spec import Question

REL_TOL = 1e-9


def engine_table(ds: BenchDataset) -> tuple[str, pd.DataFrame]:
    """The table DuckDB queries for ``ds`` (typed view, cleaned names), as pandas."""
    from nbdatachat.query import open_source

    src = open_source(ds.source, name=ds.name)
    return src.name, src.query(f"SELECT * FROM {src.view}")


def postgres_sources(datasets: Mapping[str, BenchDataset], url: str) -> dict[str, Any]:
    """Every dataset as a table of the PostgreSQL database at ``url``."""
    import sqlalchemy as sa

    import nbdatachat as nb
    from nbdatachat.data import as_dataset

    engine = sa.create_engine(url)
    out: dict[str, Any] = {}
    for key, ds in datasets.items():
        name, frame = engine_table(ds)
        frame.to_sql(name, engine, index=False, if_exists="replace", chunksize=5000,
                     method="multi")
        out[key] = as_dataset(nb.SQLTable(engine, name), name=name)
    return out


def spark_sources(datasets: Mapping[str, BenchDataset], spark: Any) -> dict[str, Any]:
    """Every dataset as a Spark DataFrame of ``spark`` (a named dataset, so answers match)."""
    from nbdatachat.data import as_dataset

    out: dict[str, Any] = {}
    for key, ds in datasets.items():
        name, frame = engine_table(ds)
        out[key] = as_dataset(spark.createDataFrame(frame), name=name)
    return out


def duckdb_sources(datasets: Mapping[str, BenchDataset]) -> dict[str, Any]:
    return {key: ds.source for key, ds in datasets.items()}


@dataclass
class EngineRun:
    engine: str
    answers: list[Any]
    seconds: list[float] = field(default_factory=list)

    @property
    def per_question(self) -> float:
        return sum(self.seconds) / len(self.seconds) if self.seconds else 0.0


def ask_all(engine: str, questions: Iterable[Question], sources: Mapping[str, Any],
            ask: Callable[..., Any] | None = None) -> EngineRun:
    """Ask every question (all turns, one conversation each) of ``sources``."""
    if ask is None:
        import nbdatachat

        ask = nbdatachat.ask
    run = EngineRun(engine, [])
    for q in questions:
        t0 = time.perf_counter()
        conversation, answer = None, None
        for turn in q.turns:
            answer = ask(sources[q.dataset], turn, conversation=conversation)
            conversation = answer.conversation_id
        run.seconds.append(time.perf_counter() - t0)
        run.answers.append(answer)
    return run


def _same_value(a: Any, b: Any) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b)) or b is pd.NaT
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=1e-12)
    if isinstance(a, (pd.Timestamp,)) or isinstance(b, pd.Timestamp):
        try:
            return pd.Timestamp(a) == pd.Timestamp(b)
        except (TypeError, ValueError):
            return False
    return a == b or str(a) == str(b)


def _rows(table: pd.DataFrame) -> list[tuple]:
    out = []
    for row in table.itertuples(index=False):
        out.append(tuple(None if (v is None or v is pd.NaT or
                                  (isinstance(v, float) and math.isnan(v))) else
                         (v.item() if hasattr(v, "item") else v) for v in row))
    return out


def difference(a: Any, b: Any) -> str | None:
    """How answer ``b`` differs from answer ``a`` (None when they say the same thing)."""
    if a.status != b.status:
        return f"status {a.status!r} vs {b.status!r}: {b.text[:160]}"
    if a.text != b.text:
        return f"text {a.text[:120]!r} vs {b.text[:120]!r}"
    ta, tb = a.table, b.table
    if (ta is None) != (tb is None):
        return "one answer has no table"
    if ta is None:
        return None
    if list(map(str, ta.columns)) != list(map(str, tb.columns)):
        return f"columns {list(ta.columns)} vs {list(tb.columns)}"
    if ta.shape != tb.shape:
        return f"shape {ta.shape} vs {tb.shape}"
    ra, rb = _rows(ta), _rows(tb)
    for i, (x, y) in enumerate(zip(ra, rb)):
        for col, u, v in zip(ta.columns, x, y):
            if not _same_value(u, v):
                return f"row {i} column {col!r}: {u!r} vs {v!r}"
    return None


def compare(base: EngineRun, other: EngineRun, questions: list[Question]
            ) -> list[tuple[Question, str]]:
    """The questions whose answers differ between two engine runs, with the difference."""
    out = []
    for q, a, b in zip(questions, base.answers, other.answers):
        diff = difference(a, b)
        if diff is not None:
            out.append((q, diff))
    return out


def sample_questions(questions: list[Question], per_capability: int) -> list[Question]:
    """The first ``per_capability`` questions of each capability (a fixed, spread subset)."""
    seen: dict[str, int] = {}
    out = []
    for q in questions:
        if seen.get(q.capability, 0) < per_capability:
            seen[q.capability] = seen.get(q.capability, 0) + 1
            out.append(q)
    return out


__all__ = ["EngineRun", "ask_all", "compare", "difference", "duckdb_sources", "engine_table",
           "postgres_sources", "sample_questions", "spark_sources"]
