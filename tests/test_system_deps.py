"""The shared system fixtures work: a real PostgreSQL server per run (a database per module)
and a local-mode Spark session on a Java runtime from Debian."""

from __future__ import annotations

import pytest
import sqlalchemy as sa


def test_postgres_database_is_fresh_and_real(postgres_url, postgres_server):
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as con:
            version = con.execute(sa.text("select version()")).scalar_one()
            tables = con.execute(sa.text(
                "select count(*) from information_schema.tables "
                "where table_schema = 'public'")).scalar_one()
            con.execute(sa.text("create table t (x int)"))
            con.execute(sa.text("insert into t values (1), (2), (3)"))
            total = con.execute(sa.text("select sum(x) from t")).scalar_one()
    finally:
        engine.dispose()
    assert version.startswith("PostgreSQL")
    assert tables == 0 and total == 6
    assert str(postgres_server.port) in postgres_url
    other = postgres_server.create_database()
    try:
        assert other != postgres_url
        e2 = sa.create_engine(other)
        with e2.connect() as con:  # the table made above is not visible in another database
            assert con.execute(sa.text("select to_regclass('public.t')")).scalar_one() is None
        e2.dispose()
    finally:
        postgres_server.drop_database(other)


@pytest.mark.slow
def test_spark_local_session_runs_sql(spark):
    df = spark.createDataFrame([("a", 1.5), ("b", 2.0), ("a", 3.0)], ["k", "v"])
    df.createOrReplaceTempView("nbdc_system_check")
    rows = spark.sql("select k, sum(v) as s from nbdc_system_check group by k order by k"
                     ).collect()
    assert [(r.k, r.s) for r in rows] == [("a", 4.5), ("b", 2.0)]
    assert spark.sparkContext.master == "local[2]"


def test_a_cluster_left_by_a_killed_run_is_stopped_and_removed():
    """A run killed before its teardown leaves its postmaster running; the next run's
    fixture stops it and deletes its directory (and leaves clusters of live runs alone)."""
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    import psycopg
    from system_deps import (
        PostgresServer,
        _run_as_prefix,
        postgres_binaries,
        sweep_stale_clusters,
    )

    base = tempfile.mkdtemp(prefix="nbdc-sweep-")
    os.chmod(base, 0o755)  # the unprivileged user that runs PostgreSQL as root must enter it
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; sys.path.insert(0, sys.argv[1]); "
         "from system_deps import PostgresServer; s = PostgresServer(sys.argv[2]); "
         "print(s.root, s.url, flush=True); time.sleep(600)",
         str(Path(__file__).parent), base], stdout=subprocess.PIPE, text=True)
    server = None
    try:
        line = child.stdout.readline().split()
        assert len(line) == 2, "the child run could not start PostgreSQL"
        stale_root, stale_url = line
        child.send_signal(signal.SIGKILL)  # no teardown: the postmaster outlives its run
        child.wait(timeout=30)
        with psycopg.connect(stale_url, connect_timeout=10) as con:
            assert con.execute("select 1").fetchone() == (1,)
        server = PostgresServer(base)
        assert server.swept == [stale_root]
        assert not os.path.exists(stale_root)
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(stale_url, connect_timeout=5).close()
        with psycopg.connect(server.url) as con:  # the new cluster of this (live) run
            assert con.execute("select 1").fetchone() == (1,)
        again = PostgresServer(base)  # a live run's cluster is never swept
        assert again.swept == [] and os.path.exists(server.root)
        again.stop()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        if server is not None:
            server.stop()
        sweep_stale_clusters(base, postgres_binaries()[1], _run_as_prefix())  # if it failed early
        shutil.rmtree(base, ignore_errors=True)
