"""The ``nbdatachat`` command, run for real in subprocesses."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import nbdatachat
from nbdatachat import cli
from nbdatachat.textfmt import format_value

SCRIPT = Path(sys.executable).parent / "nbdatachat"


def run_cli(*args: str, cwd: Path | None = None, script: bool = False
            ) -> subprocess.CompletedProcess:
    cmd = [str(SCRIPT)] if script and SCRIPT.exists() else [sys.executable, "-m", "nbdatachat"]
    env = {**os.environ, "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
    env.pop("NBDATACHAT_DEBUG", None)
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd, env=env)


@pytest.fixture
def shop_csv(tmp_path) -> tuple[Path, pd.DataFrame]:
    """A CSV export with money strings; returns the path and the true numbers."""
    rng = np.random.default_rng(3)
    n = 40
    marketing = rng.uniform(10, 90, n).round(2)
    price = rng.uniform(20, 40, n).round(2)
    sales = (30 + 1.8 * marketing - 2.5 * price + rng.normal(0, 5, n)).round(2)
    truth = pd.DataFrame({"marketing": marketing, "price": price, "sales": sales})
    lines = ["Month,Marketing Spend,Unit Price,Sales"]
    for i, (m, p, s) in enumerate(zip(marketing, price, sales)):
        lines.append(f'{i % 12 + 1}/1/{20 + i // 12},"${m:,.2f}",${p:.2f},"${s:,.2f}"')
    path = tmp_path / "shop export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path, truth


def _ols(truth: pd.DataFrame) -> np.ndarray:
    X = np.column_stack([truth["marketing"], truth["price"], np.ones(len(truth))])
    return np.linalg.lstsq(X, truth["sales"].to_numpy(), rcond=None)[0]


@pytest.mark.slow
def test_tools_lists_every_tool_with_category(tmp_path):
    proc = run_cli("tools", script=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["name", "category", "description"]
    rows = [line for line in lines[2:] if line and not line.startswith(" ")]
    expected = nbdatachat.list_tools()
    assert [r.split()[0] for r in rows] == [t["name"] for t in expected]
    for row, t in zip(rows, expected):
        assert t["category"] in row
    as_json = json.loads(run_cli("tools", "--json").stdout)
    assert [t["name"] for t in as_json] == [t["name"] for t in expected]
    assert as_json[0]["description"] == expected[0]["description"]


def test_schema_prints_the_seed_schema_json():
    proc = run_cli("schema", "describe")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    assert schema == json.loads(json.dumps(nbdatachat.tool_schema("describe")))
    assert schema["example_input"]["taskList"]["inputs"]["name"] == "describe"


def test_run_tool_prints_tables_with_the_real_numbers(shop_csv):
    path, truth = shop_csv
    proc = run_cli("run-tool", "linear_regression", "--data", str(path), "--target", "Sales",
                   "--features", "Marketing Spend", "Unit Price")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("linear_regression  (n_obs = 40)")
    coef_m, coef_p, intercept = _ols(truth)
    for name, value in (("Marketing Spend", coef_m), ("Unit Price", coef_p),
                        ("intercept", intercept)):
        row = next(line for line in out.splitlines() if line.startswith(name + " "))
        printed = row[len(name):].split()[0]
        assert printed == format_value(value)  # what the table shows, to 5 digits
        assert float(printed.replace(",", "")) == pytest.approx(value, rel=1e-4)
    assert "r_squared" in out and "Insights" in out and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_run_tool_json_and_options(shop_csv):
    path, truth = shop_csv
    proc = run_cli("run-tool", "linear_regression", "-d", str(path), "-t", "Sales",
                   "-f", "Marketing Spend", "Unit Price", "--json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    coef_m, coef_p, intercept = _ols(truth)
    assert result["coefficients"]["Marketing Spend"] == pytest.approx(coef_m, rel=1e-9)
    assert result["coefficients"]["intercept"] == pytest.approx(intercept, rel=1e-9)
    assert result["n_obs"] == 40
    proc = run_cli("run-tool", "describe", "--data", str(path), "--features", "Sales",
                   "--option", "percentiles=[0.1, 0.9]", "--json")
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)["summary"][0]
    assert row["p10"] == pytest.approx(np.quantile(truth["sales"], 0.1))
    assert row["p90"] == pytest.approx(np.quantile(truth["sales"], 0.9))


ERROR_CASES = [
    (["run-tool", "linear_regression", "--data", "sales", "--target", "salez",
      "--features", "price"], "Unknown target 'salez'. Did you mean 'sales'?"),
    (["run-tool", "describe", "--data", "no/such/file.csv"], "File not found"),
    (["run-tool", "describe", "--data", "sales", "--option", "percentiles"],
     "is not of the form key=value"),
    (["run-tool", "describe", "--data", "sales", "--option", "bogus=1"],
     "Unknown parameter 'bogus'"),
    (["schema", "linear_regresion"], "Did you mean 'linear_regression'?"),
    (["profile", "nothing_like_this"], "Known datasets: sales"),
]


@pytest.mark.parametrize("args, message", ERROR_CASES[:2])
def test_errors_print_a_message_and_exit_2(args, message):
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and message in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("args, message", ERROR_CASES)
def test_errors_in_process(args, message, capsys):
    """The same code path as the subprocess (``main``), cheaper: every error case."""
    assert cli.main(args) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ") and message in captured.err
    assert captured.out == ""


def test_usage_errors_exit_2():
    proc = run_cli("run-tool", "describe")  # --data is required
    assert proc.returncode == 2 and "--data" in proc.stderr


def test_datasets_and_profile(shop_csv):
    proc = run_cli("datasets")
    assert proc.returncode == 0, proc.stderr
    names = [line.split()[0] for line in proc.stdout.splitlines()[2:]]
    assert names == nbdatachat.catalog.names()[: len(names)] and "sales" in names
    path, _ = shop_csv
    proc = run_cli("profile", str(path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "shop_export: 40 rows, 4 columns"
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[3:] if line[:1].strip()]
    assert [(r[0], r[1]) for r in rows] == [("Month", "datetime"), ("Marketing Spend", "number"),
                                            ("Unit Price", "number"), ("Sales", "number")]
    assert rows[1][2] == "float64" and rows[1][4] == "0"  # dtype, missing
    assert rows[0][5].startswith("2020-01-01, 2020-02-01")  # examples, dates shown as dates


def test_version_and_lazy_start():
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"nbdatachat {nbdatachat.__version__}"
    code = ("import sys, nbdatachat.cli as c; c.build_parser(['tools']); "
            "print(sorted(m for m in ('pandas', 'statsmodels', 'sklearn', 'scipy', 'plotly', "
            "'fastapi', 'duckdb') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_external_subcommands_are_pluggable(monkeypatch, capsys):
    monkeypatch.setitem(cli.EXTERNAL_COMMANDS, "frobnicate", "nbdatachat.no_such_module:add")
    assert cli.main(["frobnicate"]) == 2
    assert "not available in this installation" in capsys.readouterr().err

    def add(sub):
        p = sub.add_parser("hello", help="say hello")
        p.add_argument("--name", default="world")
        p.set_defaults(func=lambda args: print(f"hello {args.name}") or 0)

    monkeypatch.setitem(sys.modules, "fake_provider", type(sys)("fake_provider"))
    sys.modules["fake_provider"].add = add
    monkeypatch.setitem(cli.EXTERNAL_COMMANDS, "hello", "fake_provider:add")
    assert cli.main(["hello", "--name", "cli"]) == 0
    assert capsys.readouterr().out.strip() == "hello cli"
    assert cli.main(["tools", "--json"]) == 0  # other providers are not imported for this
    assert "fake_provider" in sys.modules


def test_parse_option_reads_json_or_text():
    assert cli.parse_option("horizon=12") == ("horizon", 12)
    assert cli.parse_option("order=[1,1,1]") == ("order", [1, 1, 1])
    assert cli.parse_option("date=month") == ("date", "month")
    assert cli.parse_option("seasonal=true") == ("seasonal", True)
    assert cli.parse_option("note=a=b") == ("note", "a=b")
