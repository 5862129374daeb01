"""The demo notebooks run top to bottom in a real kernel, and their outputs are right.

Both notebooks execute once per test session, concurrently (the quickstart through the
command line in a subprocess, the tools tour in-process through ``execute_notebook``), and
every test below inspects those executed notebooks and their HTML exports.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import plotly.data
import pytest

from nbdatachat.display import CHART_MIME, PLOTLY_MIME
from nbdatachat.errors import NbDataChatError
from nbdatachat.jupyter.execute import (
    NotebookFailed,
    execute_notebook,
    main,
    notebook_problems,
)

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
QUICKSTART = NOTEBOOKS / "quickstart.ipynb"
TOUR = NOTEBOOKS / "tools_tour.ipynb"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# An error or clarification card's paragraph; the shared CSS mentions the classes too.
BAD_CARD = re.compile(r"<p class='nbdc-text nbdc-(error|warn)'>")
# A card table row's first two cells (text cells are wrapped in a left-aligned div).
ROW = re.compile(r"<tr>\s*<td>(?:<div class='nbdc-l'>)?([^<]*)(?:</div>)?</td>"
                 r"\s*<td>([^<]*)</td>")


class Executed:
    def __init__(self, nb, html_path: Path, cli: subprocess.CompletedProcess | None = None,
                 ipynb: Path | None = None):
        self.nb, self.html, self.cli = nb, html_path.read_text(encoding="utf-8"), cli
        self.ipynb_bytes = ipynb.stat().st_size if ipynb is not None else None

    def code_cells(self):
        return [c for c in self.nb.cells if c.cell_type == "code"]

    def outputs(self):
        return [o for c in self.code_cells() for o in c.outputs]

    def cell(self, startswith: str):
        cells = [c for c in self.code_cells() if c.source.startswith(startswith)]
        assert len(cells) == 1, f"expected one cell starting {startswith!r}"
        return cells[0]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Executed]:
    out = tmp_path_factory.mktemp("notebooks")
    quick_html, quick_nb = out / "quickstart.html", out / "quickstart.ipynb"
    cli = subprocess.Popen(
        [sys.executable, "-m", "nbdatachat.jupyter.execute", str(QUICKSTART),
         "--html", str(quick_html), "--output", str(quick_nb), "--timeout", "240"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        tour_nb = execute_notebook(TOUR, html_out=out / "tools_tour.html", timeout=240)
    finally:
        stdout, stderr = cli.communicate(timeout=300)
    done = subprocess.CompletedProcess(cli.args, cli.returncode, stdout, stderr)
    assert done.returncode == 0, f"quickstart failed:\n{stdout}\n{stderr[-3000:]}"
    return {"quickstart": Executed(nbformat.read(quick_nb, as_version=4), quick_html, done,
                                   quick_nb),
            "tour": Executed(tour_nb, out / "tools_tour.html")}


def card_rows(output) -> dict[str, float]:
    """The first two columns of the table in an answer card, as label -> number."""
    return {html.unescape(a): float(b.replace(",", ""))
            for a, b in ROW.findall(output["data"]["text/html"])}


def cards(cell):
    return [o for o in cell.outputs if o.output_type == "display_data"
            and "text/html" in o.data and "nbdc-card" in o.data["text/html"]]


def charts(cell):
    return [o for o in cell.outputs if PLOTLY_MIME in o.get("data", {})]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["quickstart", "tour"])
def test_notebook_runs_without_errors_and_shows_charts_and_tables(runs, name):
    run = runs[name]
    assert all(c.execution_count for c in run.code_cells())  # every cell ran
    for output in run.outputs():
        assert output.output_type != "error", output
        assert not BAD_CARD.search(output.get("data", {}).get("text/html", "")), output
    assert notebook_problems(run.nb) == []
    n_charts = sum(PLOTLY_MIME in o.get("data", {}) for o in run.outputs())
    n_tables = sum("<table" in o.get("data", {}).get("text/html", "") for o in run.outputs())
    assert n_charts >= 6 and n_tables >= 6, (n_charts, n_tables)
    for output in run.outputs():  # charts are Plotly JSON only: no plotly.js in the notebook
        if PLOTLY_MIME in output.get("data", {}):
            assert output.data[PLOTLY_MIME]["data"], "empty chart"
            assert set(output.data) == {PLOTLY_MIME, CHART_MIME, "text/plain"}
            assert output.data[CHART_MIME] == {"theme": "jupyterlab"}  # a marker, no copy
    assert "plotly.js v" not in nbformat.writes(run.nb)


@pytest.mark.slow
def test_executed_quickstart_stays_small(runs):
    """Running the quickstart used to grow it from 6.7 KB to 5.7 MB (plotly.js in the first
    chart's HTML fallback); the executed notebook, widget state included, stays under 1 MB."""
    size = runs["quickstart"].ipynb_bytes
    print(f"\nexecuted quickstart: {size:,} bytes")
    assert size < 1_000_000, f"the executed quickstart is {size:,} bytes"


@pytest.mark.slow
def test_quickstart_opens_the_lab_panel(runs):
    out = runs["quickstart"].cell("%nbdatachat panel").outputs
    command = [o for o in out if "application/vnd.nbdatachat.command+json" in o.get("data", {})]
    assert command and command[0].data["application/vnd.nbdatachat.command+json"][
        "command"] == "nbdatachat:open"


@pytest.mark.slow
def test_quickstart_shows_the_right_numbers(runs):
    run = runs["quickstart"]
    assert "no errors" in run.cli.stdout
    tips = plotly.data.tips()
    asks = [c for c in run.code_cells() if c.source.startswith("%%ask")]
    assert len(asks) == 5

    first = card_rows(cards(asks[0])[0])
    by_day = tips.groupby("day")["tip"].mean()
    assert set(first) == set(by_day.index)
    assert np.allclose([first[d] for d in by_day.index], by_day.to_numpy(), atol=1e-4)
    assert "SELECT" in cards(asks[0])[0].data["text/html"]  # --show-sql

    # The follow-up ("only for dinner") has no data argument and narrows the first question.
    assert asks[1].source.splitlines()[0].strip() == "%%ask"
    dinner = card_rows(cards(asks[1])[0])
    expected = tips[tips["time"] == "Dinner"].groupby("day")["tip"].mean()
    assert np.allclose([dinner[d] for d in expected.index], expected.to_numpy(), atol=1e-4)
    assert dinner["Fri"] != pytest.approx(first["Fri"])

    # -o per_day: the stored Answer's table is a DataFrame shown by pandas itself.
    shown = run.cell("per_day.table").outputs[0].data["text/html"]
    rows = re.findall(r"<td>(\w+)</td>\s*<td>(\w+)</td>\s*<td>(\d+)</td>", shown)
    counts = tips.groupby(["day", "time"]).size().sort_values(ascending=False)
    assert [(d, t, int(n)) for d, t, n in rows] == [(d, t, n) for (d, t), n in counts.items()]

    # The forecast: twelve future months with an interval band on the chart.
    forecast_card = cards(asks[4])[0].data["text/html"]
    assert "12 rows" in forecast_card and "2024-01-01" in forecast_card
    traces = charts(asks[4])[0].data[PLOTLY_MIME]["data"]
    assert len(traces) >= 3 and any(t.get("fill") for t in traces)

    # %%run_tool -o fit: the printed R² is the least-squares fit of tip on bill and size.
    X = np.column_stack([np.ones(len(tips)), tips["total_bill"], tips["size"]])
    y = tips["tip"].to_numpy()
    resid = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]
    r2 = 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))
    printed = "".join(o.text for o in run.cell("print(").outputs if o.output_type == "stream")
    assert f"R² = {r2:.3f}" in printed
    assert charts(run.cell("%%run_tool linear_regression"))

    # The ChatPanel cell shows the widget, and the answer it was sent is in widget state.
    panel = run.cell("from nbdatachat.jupyter import ChatPanel").outputs
    assert any(WIDGET_MIME in o.get("data", {}) for o in panel)
    states = run.nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    panel_cards = [w["state"]["value"] for w in states.values()
                   if "nbdc-card" in str(w["state"].get("value", ""))]
    assert len(panel_cards) == 1 and "Average total bill by time" in panel_cards[0]
    mean_bill = tips.groupby("time")["total_bill"].mean()
    shown_means = card_rows({"data": {"text/html": panel_cards[0]}})
    assert np.allclose([shown_means[t] for t in mean_bill.index], mean_bill, atol=1e-4)


@pytest.mark.slow
def test_tools_tour_runs_every_registered_tool(runs):
    import nbdatachat

    run = runs["tour"]
    ran: dict[str, object] = {}
    for cell in run.code_cells():
        match = (re.match(r"%%run_tool (\w+)", cell.source)
                 or re.search(r"run_tool\(\s*\"(\w+)\"", cell.source))
        if match:
            ran[match.group(1)] = cell
    assert set(ran) == {t["name"] for t in nbdatachat.list_tools()}
    for name, cell in ran.items():
        card = cards(cell)
        assert card, f"{name}: no result card"
        title = card[0].data["text/html"].split("<b>", 1)[1].split("</b>", 1)[0]
        assert title == name.replace("_", " ")
        assert "<table" in card[0].data["text/html"], name
        if name != "describe":
            assert charts(cell), f"{name}: no chart"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["quickstart", "tour"])
def test_html_export_renders_charts_and_tables_offline(runs, name):
    run = runs[name]
    n_charts = sum(PLOTLY_MIME in o.get("data", {}) for o in run.outputs())
    page = run.html
    assert page.count('class="plotly-graph-div"') == n_charts
    assert page.count("Plotly.newPlot(") >= n_charts
    assert page.count("* plotly.js v") == 1  # plotly.js embedded exactly once
    assert page.count("<table") >= 6
    assert not BAD_CARD.search(page)


@pytest.mark.slow
def test_a_failing_cell_is_reported_with_its_number(tmp_path):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3",
                                                           "display_name": "Python 3"}})
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (
        "import sys\nprint(sys.executable)",
        "%load_ext nbdatachat",
        "%%ask no_such_frame\nHow many rows are there?",
        "1 / 0",
        "print('still running')",
    )]
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)

    # The command line (started first, so both kernels run at once) runs past errors,
    # lists every problem and exits 1; execute_notebook stops at the first and raises.
    cli = subprocess.Popen([sys.executable, "-m", "nbdatachat.jupyter.execute", str(path),
                            "--output", str(tmp_path / "ran.ipynb")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with pytest.raises(NotebookFailed) as info:
            execute_notebook(path)
    finally:
        _, stderr = cli.communicate(timeout=240)
    assert info.value.details["cell"] == 3
    assert info.value.details["ename"] == "ZeroDivisionError"
    assert "Cell 3 of broken.ipynb raised ZeroDivisionError" in info.value.message
    assert info.value.to_dict()["error"]["code"] == "NOTEBOOK_FAILED"

    assert cli.returncode == 1, stderr
    assert "error in cell 2: No variable, file or dataset named 'no_such_frame'" in stderr
    assert "error in cell 3: ZeroDivisionError: division by zero" in stderr
    ran = nbformat.read(tmp_path / "ran.ipynb", as_version=4)
    # The kernel is this interpreter, whatever kernelspecs exist elsewhere.
    assert ran.cells[0].outputs[0].text.strip() == sys.executable
    assert ran.cells[4].outputs[0].text.strip() == "still running"


def test_command_line_rejects_a_missing_or_invalid_notebook(tmp_path, capsys):
    assert main([str(tmp_path / "nope.ipynb")]) == 2
    err = capsys.readouterr().err
    assert "No notebook at" in err and "nope.ipynb" in err
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{not json", encoding="utf-8")
    assert main([str(bad)]) == 2
    assert "is not a readable Jupyter notebook" in capsys.readouterr().err
    with pytest.raises(NbDataChatError):
        execute_notebook(tmp_path / "nope.ipynb")


def test_shipped_notebooks_are_clean():
    """No stored outputs or execution counts, and only the kernelspec in the metadata."""
    for path in (QUICKSTART, TOUR):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert set(nb.metadata) <= {"kernelspec", "language_info", "nbdatachat"}
        assert nb.metadata["kernelspec"]["name"] == "python3"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name
