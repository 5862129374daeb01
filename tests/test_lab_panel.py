"""The JupyterLab chat panel in a real browser: real JupyterLab, kernel and Chromium.

Opens the quickstart notebook, runs its first cells, opens the panel with its keyboard
shortcut, asks about the notebook's DataFrame and checks the answer's sentence, table (against
pandas) and Plotly chart; inserts the answer as a code cell and runs it; reloads the page and
finds the conversation again; and times the panel and a 100,000-row answer (reported, not
asserted). Screenshots go to tests/ui/artifacts/.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import time

import pytest

from lab_browser import ARTIFACTS, CHROMIUM_ARGS, REPO, JupyterLab, ensure_chromium

# Generous: on a new machine the first test also installs Debian's chromium (apt-get).
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

SERVER_PROXY = importlib.util.find_spec("jupyter_server_proxy") is not None
QUICKSTART = REPO / "notebooks" / "quickstart.ipynb"
BUILT = REPO / "src" / "nbdatachat" / "labextension" / "static" / "style.js"
QUESTION = "What is the average tip by day?"
BIG_FRAME = ("import numpy as np, pandas as pd\n"
             "rng = np.random.default_rng(7)\n"
             "big = pd.DataFrame({'region': rng.choice(['north', 'south', 'east', 'west'], "
             "100_000), 'sales': rng.gamma(2.0, 50.0, 100_000).round(2)})")

# The notebook the test writes when the colleague's quickstart is not there.
FALLBACK_CELLS = ["import plotly.data\n\ntips = plotly.data.tips()\ntips.head()",
                  "%load_ext nbdatachat"]


def _installed_extension() -> bool:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"],
                         capture_output=True, text=True, timeout=60)
    return "nbdatachat" in (out.stdout + out.stderr)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):
    if not BUILT.exists():
        pytest.fail("The prebuilt labextension is missing: build it with "
                    "`cd labextension && jlpm install && jlpm build:prod`.")
    if not _installed_extension():
        pytest.fail("nbdatachat's labextension is not installed in this environment: "
                    "run `pip install -e .` (it ships in share/jupyter/labextensions).")
    ensure_chromium()
    root = tmp_path_factory.mktemp("lab")
    notebooks = root / "notebooks"
    if QUICKSTART.exists():
        shutil.copytree(QUICKSTART.parent, notebooks)
    else:
        import nbformat

        notebooks.mkdir()
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c)
                                             for c in FALLBACK_CELLS])
        nbformat.write(nb, notebooks / "quickstart.ipynb")
    server = JupyterLab(notebooks, root / "home")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS,
                              headless=True)
        yield b
        b.close()


def _wait_idle(page, timeout: float = 60_000) -> None:
    page.wait_for_function(
        """() => { const nb = window.jupyterapp?.shell.currentWidget;
                   const k = nb?.sessionContext?.session?.kernel;
                   return k && k.status === 'idle' && !nb.sessionContext.pendingInput; }""",
        timeout=timeout)


def _cell_sources(page) -> list[str]:
    return page.evaluate("""() => { const m = window.jupyterapp.shell.currentWidget.content.model;
        const out = []; for (let i = 0; i < m.cells.length; i++)
          out.push(m.cells.get(i).sharedModel.getSource()); return out; }""")


def _run_cell_at(page, index: int) -> None:
    """Select cell ``index`` and run it with Shift+Enter, as a user would."""
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")
    _wait_idle(page)


def _first_code_cells(sources: list[str], cell_types: list[str]) -> list[int]:
    """Indexes of the code cells up to and including ``%load_ext nbdatachat``."""
    picked = []
    for i, (src, kind) in enumerate(zip(sources, cell_types)):
        if kind == "code":
            picked.append(i)
            if "%load_ext nbdatachat" in src:
                break
    return picked


def test_panel_answers_inserts_and_remembers(lab: JupyterLab, browser) -> None:
    import plotly.data

    from nbdatachat.data import as_dataset

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    page = context.new_page()
    page_errors: list[str] = []
    console_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    page.on("console", lambda msg: console_errors.append(msg.text)
            if msg.type == "error" else None)
    timings: dict[str, float] = {}
    try:
        t0 = time.perf_counter()
        page.goto(f"{lab.url}/lab/tree/quickstart.ipynb?token={lab.token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        _wait_idle(page)
        timings["jupyterlab_load_s"] = time.perf_counter() - t0

        # Run the quickstart's first code cells (the DataFrame and %load_ext).
        kinds = page.evaluate("""() => { const m = window.jupyterapp.shell.currentWidget
            .content.model; const out = []; for (let i = 0; i < m.cells.length; i++)
            out.push(m.cells.get(i).type); return out; }""")
        first = _first_code_cells(_cell_sources(page), kinds)
        for index in first:
            _run_cell_at(page, index)
        page.wait_for_selector(".jp-OutputArea-output table", timeout=30_000)

        # The command palette lists the panel; the keyboard shortcut opens it.
        page.keyboard.press("Control+Shift+C")
        page.keyboard.type("nbdatachat chat panel")
        palette_item = page.locator(".lm-CommandPalette-item",
                                    has_text="Open the nbdatachat chat panel")
        palette_item.first.wait_for(timeout=10_000)
        page.keyboard.press("Escape")
        page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
        t_open = time.perf_counter()
        page.keyboard.press("Control+Alt+a")
        panel = page.locator("#nbdatachat-panel")
        panel.wait_for(state="visible", timeout=10_000)
        timings["panel_open_s"] = time.perf_counter() - t_open
        picker = panel.locator("select.nbdc-picker")
        page.wait_for_function(
            """() => [...document.querySelectorAll('#nbdatachat-panel option')]
                     .some(o => o.value === 'kernel:tips')""", timeout=30_000)
        timings["panel_lists_frames_s"] = time.perf_counter() - t_open
        options = picker.locator("option").evaluate_all("os => os.map(o => o.value)")
        assert "kernel:tips" in options
        assert any(v.endswith(":sales") for v in options), options  # catalog datasets too

        # Ask about the notebook's DataFrame.
        picker.select_option("kernel:tips")
        box = panel.locator("textarea.nbdc-input")
        box.fill(QUESTION)
        box.press("Enter")
        entry = panel.locator(".nbdc-entry").last
        entry.locator(".nbdc-chart .js-plotly-plot").wait_for(timeout=60_000)
        text = entry.locator(".nbdc-text").inner_text()
        assert "tip" in text.lower() and "day" in text.lower(), text
        headers = entry.locator(".nbdc-table th").all_inner_texts()
        rows = entry.locator(".nbdc-table tbody tr").evaluate_all(
            "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
        expected = plotly.data.tips().groupby("day")["tip"].mean()
        assert headers[0] == "day" and len(rows) == len(expected), (headers, rows)
        for day, value in rows:
            assert float(value.replace(",", "")) == pytest.approx(expected[day], abs=1e-3)
        assert entry.locator(".js-plotly-plot .main-svg").count() >= 1
        page.wait_for_timeout(500)  # let plotly finish its transition for the screenshot
        page.screenshot(path=str(ARTIFACTS / "lab_panel.png"))

        # Show SQL/plan reveals the query that computed it.
        entry.locator("button.nbdc-show-sql").click()
        assert "SELECT" in entry.locator(".nbdc-details").inner_text().upper()

        # Insert as code cell: below the active cell, and it reproduces the numbers.
        before = _cell_sources(page)
        active = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")
        entry.locator("button.nbdc-insert").click()
        page.wait_for_function(f"() => window.jupyterapp.shell.currentWidget.content.model"
                               f".cells.length === {len(before) + 1}")
        after = _cell_sources(page)
        inserted = after[active + 1]
        assert inserted.startswith(f"# {QUESTION}") and "d = tips" in inserted, inserted
        assert after[:active + 1] == before[:active + 1]
        _run_cell_at(page, active + 1)
        output = page.locator(".jp-Notebook .jp-Cell").nth(active + 1).locator(
            ".jp-OutputArea-output").inner_text()
        assert "Sun" in output and f"{expected['Sun']:.3f}"[:4] in output, output

        # A question the engine cannot answer is explained inside the panel.
        box.fill("zorblax the quux")
        box.press("Enter")
        bad = panel.locator(".nbdc-entry").last
        bad.locator(".nbdc-answer").wait_for(timeout=30_000)
        assert bad.locator(".nbdc-warn, .nbdc-error").count() >= 1
        n_entries = panel.locator(".nbdc-entry").count()

        # 100,000-row frame: time from Enter to the chart in the panel (reported).
        page.evaluate("""() => { const nb = window.jupyterapp.shell.currentWidget;
            nb.content.activeCellIndex = nb.content.model.cells.length - 1; }""")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:insert-cell-below')")
        new_index = len(_cell_sources(page)) - 1
        page.evaluate(f"""() => window.jupyterapp.shell.currentWidget.content.model.cells
            .get({new_index}).sharedModel.setSource({json.dumps(BIG_FRAME)})""")
        _run_cell_at(page, new_index)
        page.wait_for_function(
            """() => [...document.querySelectorAll('#nbdatachat-panel option')]
                     .some(o => o.value === 'kernel:big')""", timeout=30_000)
        picker.select_option("kernel:big")
        box.fill("average sales by region")
        t_ask = time.perf_counter()
        box.press("Enter")
        big_entry = panel.locator(".nbdc-entry").nth(n_entries)
        big_entry.locator(".nbdc-table").wait_for(timeout=60_000)
        timings["answer_100k_table_s"] = time.perf_counter() - t_ask
        big_entry.locator(".nbdc-chart .js-plotly-plot").wait_for(timeout=60_000)
        timings["answer_100k_chart_s"] = time.perf_counter() - t_ask
        assert big_entry.locator(".nbdc-table tbody tr").count() == 4
        page.screenshot(path=str(ARTIFACTS / "lab_panel_100k.png"))

        # A server dataset: answered by the nbdatachat server that Jupyter starts on demand
        # (jupyter-server-proxy), its Chart.js chart drawn with Plotly like the others.
        if SERVER_PROXY:
            picker.select_option("server:sales")
            box.fill("total sales by region")
            box.press("Enter")
            server_entry = panel.locator(".nbdc-entry").nth(n_entries + 1)
            server_entry.locator(".nbdc-chart .js-plotly-plot").wait_for(timeout=90_000)
            totals = as_dataset("sales").frame().groupby("region")["sales"].sum()
            served = server_entry.locator(".nbdc-table tbody tr").evaluate_all(
                "rs => rs.map(r => [...r.cells].map(c => c.textContent))")
            assert {row[0] for row in served} == set(totals.index), served
            for region, value in served:
                assert float(value.replace(",", "")) == pytest.approx(totals[region], abs=1e-3)

        # The conversation survives a page reload (stored per notebook).
        questions = panel.locator(".nbdc-bubble").all_inner_texts()
        page.reload()
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        if not page.locator("#nbdatachat-panel").is_visible():
            page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
            page.keyboard.press("Control+Alt+a")
        panel.locator(".nbdc-entry").nth(len(questions) - 1).wait_for(timeout=30_000)
        assert panel.locator(".nbdc-bubble").all_inner_texts() == questions
        assert panel.locator(".nbdc-entry").first.locator(".nbdc-table tbody tr").count() == 4

        # No kernel any more: the panel says so instead of failing.
        _wait_idle(page)
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        panel.locator(".nbdc-refresh").click()
        page.wait_for_function("""() => (document.querySelector('#nbdatachat-panel .nbdc-notice')
                                          ?.textContent || '').includes('no kernel')""",
                               timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "lab_panel_no_kernel.png"))
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "lab_panel_failure.png"))
        (ARTIFACTS / "jupyterlab.log").write_text(lab.log())
        raise
    finally:
        (ARTIFACTS / "lab_timings.json").write_text(json.dumps(timings, indent=2))
        print("\nJupyterLab panel timings (s):", json.dumps(
            {k: round(v, 3) for k, v in timings.items()}))
        context.close()
    assert not page_errors, f"uncaught exceptions in the page: {page_errors}"
    ours = [m for m in console_errors if "nbdatachat" in m.lower()
            and "failed to load resource" not in m.lower()]
    assert not ours, ours
