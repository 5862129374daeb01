"""``python -m nbdatachat.demo`` (the README's main command) runs end to end and prints
the real numbers; missing tools are skipped, failing ones reported."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pytest

import nbdatachat
from nbdatachat import demo
from nbdatachat.textfmt import format_value
from nbdatachat.tools import tool_names


@pytest.mark.slow
def test_demo_runs_end_to_end_with_real_numbers():
    proc = subprocess.run([sys.executable, "-m", "nbdatachat.demo"], capture_output=True,
                          text=True, timeout=300, env={"PYTHONIOENCODING": "utf-8",
                                                       **__import__("os").environ})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    registered = set(tool_names())
    expected_ok = [s for s in demo.STEPS if s.tool in registered]
    assert f"{len(demo.STEPS)} tool runs: {len(expected_ok)} ok" in out
    assert "0 failed" in out and "Traceback" not in proc.stderr
    for step in demo.STEPS:
        assert step.title in out
    # the messy CSV export is read as typed columns
    assert "2017-12-30  East    02134" in out and "1,234.5" in out
    # the regression table shows the least-squares coefficients of the bundled data
    sales = nbdatachat.catalog.get("sales").frame()
    X = np.column_stack([sales["marketing"], sales["price"], np.ones(len(sales))])
    coef = np.linalg.lstsq(X, sales["sales"].to_numpy(), rcond=None)[0]
    section = out.split("What drives sales?")[1].split("#" * 100)[1]
    row = next(line for line in section.splitlines() if line.startswith("marketing "))
    assert row.split()[1] == format_value(coef[0])
    # the seed's request is shown with its result fields
    assert '"model_type": "linear_regression"' in out and '"r_squared"' in out
    if "arima" in registered:
        assert "Forecast" in out.split("[arima]")[1]


def test_missing_tools_are_skipped_and_failures_reported():
    steps = [
        demo.Step("A tool nobody wrote", "no_such_tool", {"dataset": "sales"}),
        demo.Step("Works", "describe", {"dataset": "sales", "features": ["price"]}),
        demo.Step("Bad column", "describe", {"dataset": "sales", "features": ["prise"]}),
    ]
    out = io.StringIO()
    outcome = demo.run(steps, out, with_data=False)
    assert outcome == {"ok": ["describe"], "skipped": ["no_such_tool"], "failed": ["describe"]}
    text = out.getvalue()
    assert "skipped: not available (the 'no_such_tool' tool is not registered" in text
    assert "failed: Unknown feature 'prise'. Did you mean 'price'?" in text
    price = nbdatachat.catalog.get("sales").frame()["price"]
    assert format_value(float(price.mean())) in text
    assert "3 tool runs: 1 ok, 1 skipped (not available), 1 failed" in text


def test_main_exit_status(monkeypatch, capsys):
    monkeypatch.setattr(demo, "STEPS", (demo.Step("skip", "not_yet_written"),))
    assert demo.main([]) == 0  # skipped tools do not fail the demo
    monkeypatch.setattr(demo, "STEPS", (demo.Step("bad", "describe", {"dataset": "nope"}),))
    assert demo.main([]) == 1
    assert "failed:" in capsys.readouterr().out
