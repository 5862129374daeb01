"""Tools from in-engine aggregates: linear_regression from centred cross-products computed by
the engine (DuckDB, PostgreSQL), checked against NIST's certified Longley values and against
the in-memory QR path, and reached through ``ask`` without fetching rows; describe,
correlation, t_test, anova and chi_square from in-engine sums and counts, equal to the
in-memory tools to 1e-9."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

import nbdatachat as nb
from nbdatachat.backends import DuckDBBackend, SQLAlchemyBackend
from nbdatachat.tools.in_engine import linear_regression
from nbdatachat.data import as_dataset
from nbdatachat.errors import DataError
from nbdatachat.query import execute

sys.path.insert(0, str(Path(__file__).parent))
from test_nist_regression import NIST_DIR, build_frame, lre, parse_nist  # noqa: E402


@pytest.fixture(scope="module")
def longley():
    info = parse_nist(NIST_DIR / "Longley.dat")
    frame, features, _, _ = build_frame("Longley", info)
    return info, frame, features


def _check_longley(result, info, features, digits: float = 9) -> None:
    names = ["intercept", *features]
    for i, term in enumerate(names):
        coef, se = info["params"][f"B{i}"]
        assert lre(result.coefficients[term], coef) >= digits, term
        assert lre(result.std_errors[term], se) >= digits, term
    assert lre(result.performance["residual_std_error"], info["cert"]["residual_sd"]) >= digits
    assert lre(result.performance["r_squared"], info["cert"]["r_squared"]) >= digits


def test_longley_through_duckdb_moments_keeps_nine_digits(longley):
    info, frame, features = longley
    con = duckdb.connect()
    con.register("longley", frame)
    result = linear_regression(DuckDBBackend(con), '"longley"', "y", features)
    _check_longley(result, info, features)
    assert "in-engine" in result.statistics["path"] and "DuckDB" in result.statistics["path"]
    memory = nb.run_tool("linear_regression", dataset=frame, target="y", features=features)
    for term, value in memory.coefficients.items():
        assert result.coefficients[term] == pytest.approx(value, rel=1e-9)
    assert result.performance["f_statistic"] == pytest.approx(
        memory.performance["f_statistic"], rel=1e-9)


def test_longley_in_postgresql(postgres_url, longley):
    info, frame, features = longley
    engine = sa.create_engine(postgres_url)
    frame.to_sql("longley", engine, index=False)
    try:
        result = linear_regression(SQLAlchemyBackend(engine), '"longley"', "y", features)
    finally:
        engine.dispose()
    _check_longley(result, info, features, digits=8)  # plain double sums in PostgreSQL
    assert "PostgreSQL" in result.statistics["path"]


def test_ask_on_postgres_runs_regression_in_the_server(postgres_url, tips):
    engine = sa.create_engine(postgres_url)
    tips.to_sql("tips_lr", engine, index=False)
    ds = as_dataset(nb.SQLTable(postgres_url, "tips_lr"))
    answer = nb.ask(ds, "regress tip on total_bill and size")
    engine.dispose()
    assert answer.status == "answered", answer.text
    path = answer.tool_result.statistics["path"]
    assert "PostgreSQL" in path and "no rows were fetched" in path
    assert any("in-engine" in n for n in answer.notes)
    memory = nb.run_tool("linear_regression", dataset=tips, target="tip",
                         features=["total_bill", "size"])
    for term, value in memory.coefficients.items():
        assert answer.tool_result.coefficients[term] == pytest.approx(value, rel=1e-9)
    assert not ds.loaded


def test_run_tool_on_postgres_and_parquet_directory_fetches_no_rows(postgres_url, tips,
                                                                    tmp_path):
    engine = sa.create_engine(postgres_url)
    tips.to_sql("tips_tool", engine, index=False)
    engine.dispose()
    lake = tmp_path / "lake"
    tips.to_parquet(lake, partition_cols=["day"], index=False)
    memory = nb.run_tool("linear_regression", dataset=tips, target="tip",
                         features=["total_bill", "size"])
    for source, engine_name in ((nb.SQLTable(postgres_url, "tips_tool"), "PostgreSQL"),
                                (str(lake), "DuckDB")):
        ds = as_dataset(source)
        result = nb.run_tool("linear_regression", dataset=ds, target="tip",
                             features=["total_bill", "size"])
        assert engine_name in result.statistics["path"] and not ds.loaded
        for term, value in memory.coefficients.items():
            assert result.coefficients[term] == pytest.approx(value, rel=1e-9)
        assert result.to_dict()["statistics"]["path"].startswith("in-engine")


def test_big_duckdb_data_uses_moments_and_filters_apply(monkeypatch, tips):
    monkeypatch.setattr(execute, "IN_ENGINE_ROWS", 100)  # tips (244 rows) counts as big
    answer = nb.ask(tips, "regress tip on total_bill and size for dinner")
    assert answer.status == "answered", answer.text
    assert "in-engine" in answer.tool_result.statistics["path"]
    dinner = tips[tips.time == "Dinner"]
    memory = nb.run_tool("linear_regression", dataset=dinner, target="tip",
                         features=["total_bill", "size"])
    assert answer.tool_result.n_obs == len(dinner)
    for term, value in memory.coefficients.items():
        assert answer.tool_result.coefficients[term] == pytest.approx(value, rel=1e-9)


def test_collinear_design_is_refused_not_fitted(tips):
    con = duckdb.connect()
    frame = tips.assign(double_bill=tips.total_bill * 2)
    con.register("t", frame)
    with pytest.raises(DataError, match="collinear"):
        linear_regression(DuckDBBackend(con), '"t"', "tip", ["total_bill", "double_bill"])


@pytest.mark.parametrize("where", ["duckdb", "postgresql"])
def test_other_tools_on_big_data_use_a_stated_sample(monkeypatch, tips, where, request):
    monkeypatch.setattr(execute, "TOOL_SAMPLE_ROWS", 100)  # tips (244 rows) counts as big
    data = tips
    if where == "postgresql":
        url = request.getfixturevalue("postgres_url")
        engine = sa.create_engine(url)
        tips.to_sql("tips_sample", engine, index=False, if_exists="replace")
        engine.dispose()
        data = nb.SQLTable(url, "tips_sample")
    question = "cluster the tips into 3 groups by total bill and tip"  # kmeans: no in-engine path
    answer = nb.ask(data, question)
    assert answer.status == "answered", answer.text
    result = answer.tool_result
    assert result.n_obs == 100
    assert result.statistics["path"].startswith("sample: kmeans ran on a random sample "
                                                "of 100 rows (of 244)")
    assert any("random sample of 100 of the 244 rows" in w for w in result.warnings)
    again = nb.ask(data, question)  # seeded: repeatable
    assert again.tool_result.performance["inertia"] == result.performance["inertia"]


@pytest.mark.parametrize("where", ["parquet", "postgresql"])
def test_run_tool_on_data_kept_in_place_fetches_a_stated_sample(monkeypatch, tips, where,
                                                                 request, tmp_path):
    """run_tool (not only ask) with a tool that has no in-engine path never reads every row
    of data kept in place: the engine draws a seeded sample and the result says so."""
    from nbdatachat.tools import in_engine

    if where == "postgresql":
        url = request.getfixturevalue("postgres_url")
        engine = sa.create_engine(url)
        tips.to_sql("tips_run_sample", engine, index=False, if_exists="replace")
        engine.dispose()
        data = nb.SQLTable(url, "tips_run_sample")
        name = "PostgreSQL"
    else:
        data = str(tmp_path / "lake")
        tips.to_parquet(data, partition_cols=["day"], index=False)
        name = "DuckDB"
    inputs = {"name": "kmeans", "features": ["total_bill", "tip"], "k": 3}
    monkeypatch.setattr(in_engine, "SAMPLE_ROWS", 100)
    result = nb.run_tool(inputs.pop("name"), dataset=data, **inputs)
    assert result.n_obs == 100
    assert result.statistics["path"] == (f"sample: kmeans ran on a random sample of 100 rows "
                                         f"(of 244) fetched from {name}")
    assert result.warnings[0].startswith("Computed on a random sample of 100 of the 244 rows")
    again = nb.run_tool("kmeans", dataset=data, **inputs)  # seeded: the same rows
    assert again.performance["inertia"] == result.performance["inertia"]
    # Data no bigger than the limit is read whole, and nothing is said about a sample.
    monkeypatch.setattr(in_engine, "SAMPLE_ROWS", 1000)
    whole = nb.run_tool("kmeans", dataset=data, **inputs)
    assert whole.n_obs == 244 and "path" not in whole.statistics
    memory = nb.run_tool("kmeans", dataset=as_dataset(data).frame(), **inputs)
    assert whole.performance["inertia"] == pytest.approx(memory.performance["inertia"])


def test_describe_in_engine_matches_memory(postgres_url, tips, tmp_path):
    engine = sa.create_engine(postgres_url)
    tips.to_sql("tips_describe", engine, index=False, if_exists="replace")
    engine.dispose()
    lake = tmp_path / "lake"
    tips.to_parquet(lake, partition_cols=["size"], index=False)
    cols = ["total_bill", "tip", "day"]
    memory = nb.run_tool("describe", dataset=tips, features=cols)
    want = memory.tables["summary"].set_index("column")
    for source in (nb.SQLTable(postgres_url, "tips_describe"), str(lake)):
        ds = as_dataset(source)
        result = nb.run_tool("describe", dataset=ds, features=cols)
        assert result.statistics["path"].startswith("in-engine") and not ds.loaded
        got = result.tables["summary"].set_index("column")
        for col in ("total_bill", "tip"):
            for stat in ("count", "mean", "std", "min", "p25", "p50", "p75", "max", "skew"):
                assert got.loc[col, stat] == pytest.approx(want.loc[col, stat], rel=1e-9), \
                    (col, stat)
        cat = result.tables["categorical_summary"].iloc[0].to_dict()
        assert cat == memory.tables["categorical_summary"].iloc[0].to_dict()


# -- correlation and t_test from in-engine sums -------------------------------------------

def _gappy(tips):
    """tips with missing values in both numeric columns and a column far from zero (the
    shifted sums must keep its digits)."""
    frame = tips.copy()
    frame.loc[[3, 10, 50], "tip"] = float("nan")
    frame.loc[[5, 60], "total_bill"] = float("nan")
    frame["far"] = frame["total_bill"] * 0.5 + 1e9
    return frame


def _numbers(result) -> dict:
    """Every finite number a result reports, keyed by where it is."""
    import math

    out = {}
    for section in ("coefficients", "p_values", "std_errors", "performance", "statistics"):
        for key, value in getattr(result, section).items():
            values = value if isinstance(value, list) else [value]
            if isinstance(value, dict):
                values = [v for sub in value.values() for v in
                          (sub.values() if isinstance(sub, dict) else [sub])]
            for i, v in enumerate(values):
                if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
                    out[(section, key, i)] = v
    return out


CASES = [
    ("correlation", {"features": ["tip", "total_bill", "size", "far"]}),
    ("correlation", {"target": "tip"}),
    ("t_test", {"target": "tip", "group": "sex"}),
    ("t_test", {"target": "tip", "group": "day", "groups": ["Sun", "Sat"],
                "equal_var": True, "alternative": "less"}),
    ("t_test", {"target": "far", "mu": 1e9 + 10}),
    ("t_test", {"columns": ["tip", "size"]}),
    ("t_test", {"columns": ["total_bill", "tip"], "paired": True, "mu": 15}),
    ("t_test", {"target": "tip", "features": ["smoker"]}),
    ("anova", {"target": "tip", "group": "day"}),
    ("anova", {"target": "far", "features": ["size"]}),  # 1e9 offset, a one-value group
    ("anova", {"target": "total_bill", "group": "day", "groups": ["Sun", "Thur", "Fri"],
               "confidence": 0.9}),
    ("chi_square", {"row": "day", "column": "sex"}),
    ("chi_square", {"features": ["smoker", "sex"], "correction": False}),
    ("chi_square", {"target": "size", "features": ["day"]}),  # small expected counts
]


def _same_tables(memory, result) -> None:
    import pandas as pd

    assert set(result.tables) == set(memory.tables)
    for key, want in memory.tables.items():
        pd.testing.assert_frame_equal(result.tables[key].reset_index(drop=True),
                                      want.reset_index(drop=True), check_dtype=False,
                                      rtol=1e-9, atol=0)


@pytest.mark.parametrize("where", ["duckdb", "postgresql", "spark"])
def test_correlation_t_test_anova_chi_square_in_engine_equal_the_in_memory_tools(
        where, tips, tmp_path, request):
    frame = _gappy(tips)
    if where == "spark":
        session = request.getfixturevalue("spark")
        source, engine_name = session.createDataFrame(frame), "Spark"
    elif where == "postgresql":
        url = request.getfixturevalue("postgres_url")
        engine = sa.create_engine(url)
        frame.to_sql("tips_gappy", engine, index=False, if_exists="replace")
        engine.dispose()
        source, engine_name = nb.SQLTable(url, "tips_gappy"), "PostgreSQL"
    else:
        lake = tmp_path / "lake"
        frame.to_parquet(lake, partition_cols=["time"], index=False)
        source, engine_name = str(lake), "DuckDB"
    for name, args in CASES:
        memory = nb.run_tool(name, dataset=frame, **args)
        ds = as_dataset(source)
        result = nb.run_tool(name, dataset=ds, **args)
        path = result.statistics["path"]
        assert path.startswith("in-engine") and engine_name in path and not ds.loaded, path
        want, got = _numbers(memory), _numbers(result)
        assert set(want) <= set(got), (name, args, set(want) - set(got))
        for key, value in want.items():
            assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-300), (name, args, key)
        assert result.warnings == memory.warnings, (name, args)
        assert result.insights[:-1] == memory.insights, (name, args)
        if name in ("anova", "chi_square"):
            _same_tables(memory, result)


def test_ask_runs_tests_in_postgresql_with_the_question_filters(
        postgres_url, tips):
    engine = sa.create_engine(postgres_url)
    tips.to_sql("tips_ask", engine, index=False, if_exists="replace")
    engine.dispose()
    data = nb.SQLTable(postgres_url, "tips_ask")
    dinner = tips[tips.time == "Dinner"]
    for question, name, args in (
            ("correlation between tip and total bill for dinner", "correlation",
             {"features": ["tip", "total_bill"]}),
            ("is the mean tip different between smokers and non-smokers for dinner", "t_test",
             {"target": "tip", "group": "smoker"}),
            ("anova of tip by day for dinner", "anova", {"target": "tip", "group": "day"})):
        answer = nb.ask(data, question)
        assert answer.status == "answered", answer.text
        result = answer.tool_result
        assert result.statistics["path"].startswith("in-engine") \
            and "PostgreSQL" in result.statistics["path"], result.statistics["path"]
        memory = nb.run_tool(name, dataset=dinner, **args)
        assert result.n_obs == memory.n_obs
        for key, value in _numbers(memory).items():
            assert _numbers(result)[key] == pytest.approx(value, rel=1e-9), (question, key)
    answer = nb.ask(data, "is there a relationship between day and sex")
    assert answer.status == "answered", answer.text
    result = answer.tool_result
    assert result.statistics["path"].startswith("in-engine: the 4x2 contingency table was "
                                                "counted by PostgreSQL over 244 rows")
    memory = nb.run_tool("chi_square", dataset=tips, features=["day", "sex"])
    assert result.statistics["chi2"] == pytest.approx(memory.statistics["chi2"], rel=1e-9)
    assert result.statistics["p_value"] == pytest.approx(memory.statistics["p_value"], rel=1e-9)


@pytest.mark.parametrize("where", ["duckdb", "postgresql"])
def test_anova_and_chi_square_in_engine_refuse_like_the_in_memory_tools(where, tips,
                                                                        tmp_path, request):
    """Too many categories for a contingency table (the engine returns no cells beyond the
    bound), a level that is not there, a level twice: the in-memory tool's errors."""
    if where == "postgresql":
        url = request.getfixturevalue("postgres_url")
        engine = sa.create_engine(url)
        tips.to_sql("tips_refuse", engine, index=False, if_exists="replace")
        engine.dispose()
        source = nb.SQLTable(url, "tips_refuse")
    else:
        source = tmp_path / "lake"
        tips.to_parquet(source, partition_cols=["time"], index=False)
        source = str(source)
    for name, args in (("chi_square", {"row": "total_bill", "column": "day"}),
                       ("anova", {"target": "tip", "group": "day", "groups": ["Sun", "Mon"]}),
                       ("anova", {"target": "tip", "group": "sex", "groups": ["Male", "Male"]}),
                       ("chi_square", {"row": "sex", "column": "sex"})):
        with pytest.raises(Exception) as memory:
            nb.run_tool(name, dataset=tips, **args)
        ds = as_dataset(source)
        with pytest.raises(type(memory.value)) as engine_error:
            nb.run_tool(name, dataset=ds, **args)
        assert str(engine_error.value) == str(memory.value), (name, args)
        assert not ds.loaded


def test_rank_correlation_and_paired_groups_take_the_sample_path(postgres_url, tips):
    engine = sa.create_engine(postgres_url)
    tips.to_sql("tips_rank", engine, index=False, if_exists="replace")
    engine.dispose()
    ds = as_dataset(nb.SQLTable(postgres_url, "tips_rank"))
    from nbdatachat.tools.in_engine import run_in_engine
    from nbdatachat.tools.registry import validate_inputs

    for name, args in (("correlation", {"features": ["tip", "size"], "method": "spearman"}),
                       ("t_test", {"target": "tip", "group": "sex", "paired": True})):
        _, parsed = validate_inputs(name, {**args, "dataset": ds})
        assert run_in_engine(name, parsed, ds) is None, name


def test_anova_in_duckdb_keeps_the_digits_of_the_nist_datasets():
    """The eleven NIST StRD one-way ANOVA datasets as float64 in DuckDB: the in-engine F
    equals the exact F of the stored doubles (computed with fractions) to LRE >= 9, SmLs07-09
    (values near 1e12 that differ in the 13th digit) included."""
    import pandas as pd
    from nist_stats import ANOVA_NAMES, exact_anova_f, load_anova

    from nbdatachat.tools import in_engine
    from nbdatachat.tools.registry import validate_inputs

    for name in ANOVA_NAMES:
        case = load_anova(name)
        values = [float(v) for v in case.responses]
        con = duckdb.connect()
        con.register("nist", pd.DataFrame({"treatment": case.labels, "response": values}))
        table = in_engine.EngineTable(DuckDBBackend(con), '"nist"')
        _, parsed = validate_inputs("anova", {"dataset": None, "target": "response",
                                              "group": "treatment"})
        result = in_engine.run_on("anova", table, parsed, in_engine.column_kinds(table))
        assert result.statistics["path"].startswith("in-engine"), name
        assert lre(result.statistics["f_statistic"], exact_anova_f(case.labels, values)) >= 9, \
            name


def test_anova_medians_fit_a_small_memory_limit(tmp_path):
    """Levene's medians come from a ranking the engine sorts (spilling to disk), not from a
    median aggregate that holds a whole group in memory: 4M rows in DuckDB under a 24 MB
    limit, where ``median()`` runs out of memory, give scipy's statistics."""
    from scipy import stats

    from nbdatachat.tools import in_engine
    from nbdatachat.tools.registry import validate_inputs

    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute(f"SET temp_directory = '{tmp_path}'")
    con.execute("CREATE TABLE big AS SELECT chr(65 + CAST(hash(i) % 4 AS INTEGER)) AS g, "
                "CAST(hash(i * 7) % 100003 AS DOUBLE) / 7 + hash(i) % 4 AS y "
                "FROM range(4000000) t(i)")
    frame = con.execute("SELECT g, y FROM big").df()
    con.execute("SET memory_limit = '24MB'")
    with pytest.raises(duckdb.OutOfMemoryException):
        con.execute("SELECT g, median(y) FROM big GROUP BY g").fetchall()
    table = in_engine.EngineTable(DuckDBBackend(con), '"big"')
    _, parsed = validate_inputs("anova", {"dataset": None, "target": "y", "group": "g"})
    result = in_engine.run_on("anova", table, parsed, in_engine.column_kinds(table))
    groups = [frame.loc[frame.g == k, "y"].to_numpy() for k in "ABCD"]
    f = stats.f_oneway(*groups)
    levene = stats.levene(*groups, center="median")
    assert result.statistics["f_statistic"] == pytest.approx(f.statistic, rel=1e-9)
    numbers = str(result.to_dict())
    assert result.statistics["path"].startswith("in-engine") and "ranking" in numbers
    found = [v for k, v in result.statistics.items() if "levene" in k.lower()]
    assert found and found[0] == pytest.approx(levene.statistic, rel=1e-9), result.statistics
