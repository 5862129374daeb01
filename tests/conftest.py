"""Shared fixtures: the seed's example records and paths to bundled reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA_DIR = Path(__file__).parent / "data"

# The analysis-tools seed (000) uses this dataset in every example.
SEED_DATASET = [
    {"sales": 100, "marketing": 50, "price": 25},
    {"sales": 150, "marketing": 75, "price": 30},
    {"sales": 120, "marketing": 60, "price": 28},
]


@pytest.fixture(scope="module")
def tips():
    """plotly's restaurant-bills table (244 rows); a fresh copy per test module."""
    import plotly.data

    return plotly.data.tips()


@pytest.fixture(scope="module")
def gap():
    """plotly's gapminder table (country, continent, year, lifeExp, pop, gdpPercap)."""
    import plotly.data

    return plotly.data.gapminder()


@pytest.fixture
def seed_dataset() -> list[dict]:
    return [dict(r) for r in SEED_DATASET]


@pytest.fixture
def data_dir() -> Path:
    return DATA_DIR


# -- real PostgreSQL and Spark (tests/system_deps.py installs them from Debian when missing) --


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL server for the whole run (started on first use, stopped at the end)."""
    from system_deps import PostgresServer

    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def postgres_url(postgres_server):
    """A fresh, empty PostgreSQL database for this test module (dropped afterwards)."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(scope="session")
def spark():
    """One local-mode SparkSession (a JVM) shared by every Spark test of the run."""
    import shutil

    from system_deps import start_spark

    session, warehouse = start_spark()
    yield session
    session.stop()
    shutil.rmtree(warehouse, ignore_errors=True)
