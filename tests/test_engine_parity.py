"""The question benchmark gives the same answers on DuckDB, PostgreSQL and Spark.

Every dataset is loaded into a real PostgreSQL server and a local Spark session exactly as
DuckDB sees it; each question is asked of each engine and the answers (status, sentence,
table to 1e-9) compared with DuckDB's. All questions run on PostgreSQL; Spark answers a
fixed subset (the first questions of each capability), since each Spark query is a job
(``python -m benchmarks scale`` runs them all)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.engines import (ask_all, compare, duckdb_sources, postgres_sources,  # noqa: E402
                                sample_questions, spark_sources)
from benchmarks.questions import all_questions, load_all  # noqa: E402

SPARK_PER_CAPABILITY = 2


@pytest.fixture(scope="module")
def datasets():
    return load_all()


@pytest.fixture(scope="module")
def questions(datasets):
    return all_questions(datasets)


@pytest.fixture(scope="module")
def duckdb_run(datasets, questions):
    return ask_all("duckdb", questions, duckdb_sources(datasets))


def _report(diffs) -> str:
    return "\n".join(f"[{q.dataset}] {q.text}: {d}" for q, d in diffs)


@pytest.mark.slow
@pytest.mark.timeout(1200)  # 263 questions; about a minute on an idle 2-core machine
def test_postgres_answers_every_benchmark_question_like_duckdb(postgres_url, datasets,
                                                               questions, duckdb_run):
    sources = postgres_sources(datasets, postgres_url)
    assert {s.engine for s in sources.values()} == {"postgresql"}
    run = ask_all("postgresql", questions, sources)
    answered = sum(a.status == "answered" for a in duckdb_run.answers)
    assert answered > 0.8 * len(questions)  # the comparison is about real answers
    diffs = compare(duckdb_run, run, questions)
    assert not diffs, _report(diffs)
    assert not any(src.loaded for src in sources.values())  # nothing pulled into pandas


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_spark_answers_benchmark_questions_like_duckdb(spark, datasets, questions, duckdb_run):
    subset = sample_questions(questions, SPARK_PER_CAPABILITY)
    assert len({q.capability for q in subset}) == len({q.capability for q in questions})
    base = [duckdb_run.answers[questions.index(q)] for q in subset]
    used = {q.dataset for q in subset}
    sources = spark_sources({k: v for k, v in datasets.items() if k in used}, spark)
    run = ask_all("spark", subset, sources)
    diffs = compare(type(duckdb_run)("duckdb", base), run, subset)
    assert not diffs, _report(diffs)
