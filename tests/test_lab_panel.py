"""The JupyterLab chat panel in a real browser: real JupyterLab (the newest here), kernel and
Chromium.

Opens the quickstart (the panel opens by itself on first launch), focuses the panel with its
shortcut, asks about the notebook's DataFrame and checks the sentence, the table (against
pandas) and the Plotly chart; inserts the answer's code and runs it; asks a server dataset;
reloads and finds the conversation with its charts drawn again but no chart data stored;
follows the kernel through a restart without switching data; never shows a raw quota error;
says "waiting for the kernel" while a cell runs. Timings are reported, not asserted.
Screenshots go to tests/ui/artifacts/.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import time

import pytest

from lab_browser import (
    ARTIFACTS,
    PANEL,
    REPO,
    JupyterLab,
    ask,
    cell_sources,
    chromium,
    open_notebook,
    open_panel,
    run_code,
    serve_lab,
    table_rows,
    wait_idle,
    wait_option,
    wait_picked,
    watched_page,
)

# Generous: on a new machine the first test also installs Debian's chromium (apt-get).
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

SERVER_PROXY = importlib.util.find_spec("jupyter_server_proxy") is not None
QUICKSTART = REPO / "notebooks" / "quickstart.ipynb"
QUESTION = "What is the average tip by day?"
BIG_FRAME = ("import numpy as np, pandas as pd\n"
             "rng = np.random.default_rng(7)\n"
             "big = pd.DataFrame({'region': rng.choice(['north', 'south', 'east', 'west'], "
             "100_000), 'sales': rng.gamma(2.0, 50.0, 100_000).round(2)})")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):
    yield from serve_lab(tmp_path_factory, "lab", {
        "fresh.ipynb": [""],
        "storage.ipynb": ["from nbdatachat.data import as_dataset\n"
                          "sales = as_dataset('sales').frame()"],
    }, copy_tree=QUICKSTART.parent)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, lab, request):
    with watched_page(browser, 1500, 950, screenshot=f"{request.node.name}.png",
                      clipboard_for=lab.url) as page:
        yield page


def first_code_cells(page) -> None:
    """Run the quickstart's cells up to ``%nbdatachat panel`` (DataFrame, extension)."""
    for index, src in enumerate(cell_sources(page)):
        kind = page.evaluate(f"() => window.jupyterapp.shell.currentWidget.content.model"
                             f".cells.get({index}).type")
        if kind != "code":
            continue
        cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
        cell.locator(".jp-InputPrompt").click()
        page.keyboard.press("Shift+Enter")
        wait_idle(page)
        if "%nbdatachat panel" in src:
            break


def test_panel_answers_inserts_and_remembers(lab: JupyterLab, page) -> None:
    import plotly.data

    from nbdatachat.data import as_dataset

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    try:
        t0 = time.perf_counter()
        open_notebook(page, lab, "quickstart.ipynb")
        timings["jupyterlab_load_s"] = time.perf_counter() - t0
        # The newest JupyterLab available here serves this test (the floor has its own).
        assert page.evaluate("() => window.jupyterapp.version") == \
            importlib.metadata.version("jupyterlab")
        # The demo opens the panel on its first launch.
        page.locator(PANEL).wait_for(state="visible", timeout=15_000)
        first_code_cells(page)
        page.wait_for_selector(".jp-OutputArea-output table", timeout=30_000)

        # The shortcut focuses the question box (from the notebook).
        t_open = time.perf_counter()
        panel = open_panel(page)
        assert page.evaluate("() => document.activeElement?.classList.contains('nbdc-input')")
        timings["panel_focus_s"] = time.perf_counter() - t_open
        wait_picked(page, "kernel:tips")
        timings["panel_lists_frames_s"] = time.perf_counter() - t_open
        picker = panel.locator("select.nbdc-picker")
        options = picker.locator("option").evaluate_all("os => os.map(o => o.value)")
        # The notebook's tips and the catalog's tips are one name: listed once.
        assert [v for v in options if v.split(":", 1)[1] == "tips"] == ["kernel:tips"], options
        assert any(v.endswith(":sales") for v in options), options
        assert picker.input_value() == "kernel:tips"  # the notebook's DataFrame, not a demo

        entry = ask(panel, QUESTION, wait=".nbdc-chart .js-plotly-plot")
        timings["first_answer_s"] = time.perf_counter() - t_open
        text = entry.locator(".nbdc-text").inner_text()
        assert "tip" in text.lower() and "day" in text.lower(), text
        assert entry.locator(".nbdc-about").inner_text().startswith("about tips")
        headers = entry.locator(".nbdc-table th").all_inner_texts()
        rows = table_rows(entry)
        expected = plotly.data.tips().groupby("day")["tip"].mean()
        assert headers[0] == "day" and len(rows) == len(expected), (headers, rows)
        for day, value in rows:
            assert float(value.replace(",", "")) == pytest.approx(expected[day], abs=1e-3)

        # Copy puts the same formatted rows on the clipboard.
        entry.locator(".nbdc-actions > button.nbdc-copy").click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith(f"Q: {QUESTION}") and "\t".join(rows[0]) in copied, copied

        entry.locator("button.nbdc-show-sql").click()
        assert "SELECT" in entry.locator(".nbdc-details").inner_text().upper()

        # Insert as code cell: below the active cell, and it reproduces the numbers.
        before = cell_sources(page)
        active = page.evaluate("() => window.jupyterapp.shell.currentWidget.content"
                               ".activeCellIndex")
        entry.locator("button.nbdc-insert").click()
        page.wait_for_function(f"() => window.jupyterapp.shell.currentWidget.content.model"
                               f".cells.length === {len(before) + 1}")
        inserted = cell_sources(page)[active + 1]
        assert inserted.startswith(f"# {QUESTION}") and "d = tips" in inserted, inserted
        cell = page.locator(".jp-Notebook .jp-Cell").nth(active + 1)
        cell.locator(".jp-InputPrompt").click()
        page.keyboard.press("Shift+Enter")
        wait_idle(page)
        output = cell.locator(".jp-OutputArea-output").inner_text()
        assert "Sun" in output and f"{expected['Sun']:.3f}"[:4] in output, output

        # A question the engine cannot answer: explained, and nothing to insert.
        bad = ask(panel, "zorblax the quux")
        assert bad.locator(".nbdc-warn, .nbdc-error").count() >= 1
        assert bad.locator("button.nbdc-insert").count() == 0
        n_entries = panel.locator(".nbdc-entry").count()

        # 100,000-row frame: time from Enter to the table and the chart (reported).
        run_code(page, BIG_FRAME)
        wait_option(page, "kernel:big")
        picker.select_option("kernel:big")
        t_ask = time.perf_counter()
        big = ask(panel, "average sales by region", wait=".nbdc-table")
        timings["answer_100k_table_s"] = time.perf_counter() - t_ask
        big.locator(".nbdc-chart .js-plotly-plot").wait_for(timeout=60_000)
        timings["answer_100k_chart_s"] = time.perf_counter() - t_ask
        assert big.locator(".nbdc-table tbody tr").count() == 4
        n_entries += 1

        # A server dataset, answered by the nbdatachat server Jupyter starts on demand: its
        # Chart.js chart is drawn in the same style (theme colours, axis titles).
        if SERVER_PROXY:
            picker.select_option("server:sales")
            served_entry = ask(panel, "total sales by region",
                               wait=".nbdc-chart .js-plotly-plot", timeout=90_000)
            totals = as_dataset("sales").frame().groupby("region")["sales"].sum()
            served = table_rows(served_entry)
            assert {row[0] for row in served} == set(totals.index), served
            for region, value in served:
                assert float(value.replace(",", "")) == pytest.approx(totals[region], abs=1e-2)
            style = served_entry.locator(".js-plotly-plot").evaluate(
                """p => ({paper: p._fullLayout.paper_bgcolor,
                          x: p._fullLayout.xaxis.title.text, y: p._fullLayout.yaxis.title.text})""")
            assert style["paper"].replace(" ", "") == "rgba(0,0,0,0)" and style["x"] and style["y"], style
            n_entries += 1

        # Reload: the conversation is back, its charts drawn again from the stored plan
        # (kernel) or table (server); the browser keeps no chart data.
        stored = page.evaluate("""() => Object.keys(localStorage)
            .filter(k => k.startsWith('nbdatachat:chat:'))
            .map(k => [k, localStorage.getItem(k)])""")
        assert len(stored) == 1
        chat = json.loads(stored[0][1])
        assert all(e.get("answer", {}).get("chart") is None for e in chat["entries"])
        assert len(stored[0][1]) < 60_000, len(stored[0][1])
        questions = panel.locator(".nbdc-bubble").all_inner_texts()
        page.reload()
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        if not page.locator(PANEL).is_visible():
            open_panel(page)
        panel.locator(".nbdc-entry").nth(len(questions) - 1).wait_for(timeout=30_000)
        assert panel.locator(".nbdc-bubble").all_inner_texts() == questions
        first = panel.locator(".nbdc-entry").first
        assert first.locator(".nbdc-table tbody tr").count() == 4
        first.scroll_into_view_if_needed()
        # After a reload the chart is rebuilt from the kernel, which reconnects first: on a
        # loaded 2-core machine that took over 30 s once, so wait as long as other charts.
        first.locator(".nbdc-chart .js-plotly-plot").wait_for(timeout=90_000)
        if SERVER_PROXY:
            last = panel.locator(".nbdc-entry").nth(n_entries - 1)
            last.scroll_into_view_if_needed()
            last.locator(".nbdc-chart .js-plotly-plot").wait_for(timeout=90_000)

        # No kernel any more: the panel says so instead of failing.
        wait_idle(page)
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        panel.locator(".nbdc-refresh").click()
        page.wait_for_function(f"""() => (document.querySelector('{PANEL} .nbdc-notice')
                                          ?.textContent || '').includes('no kernel')""",
                               timeout=30_000)
    finally:
        (ARTIFACTS / "lab_timings.json").write_text(json.dumps(timings, indent=2))
        print("\nJupyterLab panel timings (s):", json.dumps(
            {k: round(v, 3) for k, v in timings.items()}))


def test_shortcut_and_picker_that_follows_the_kernel_without_switching(lab, page) -> None:
    open_notebook(page, lab, "fresh.ipynb")
    page.wait_for_timeout(1500)  # late plugin activations log here too
    # Our keys, normalised as JupyterLab normalises them, are bound to our command only.
    bindings = page.evaluate("""() => { const all = window.jupyterapp.commands.keyBindings;
        const ours = all.filter(b => b.command === 'nbdatachat:focus-input');
        const keys = ours.map(b => b.keys.join(' '));
        return {keys, same: all.filter(b => keys.includes(b.keys.join(' ')))
                               .map(b => b.command)}; }""")
    assert len(bindings["keys"]) == 1 and bindings["same"] == ["nbdatachat:focus-input"], \
        bindings
    warnings = [text for kind, text in page.console if kind in ("warning", "error")
                and any(w in text.lower() for w in ("shortcut", "keybinding", "nbdatachat",
                                                    "conflict"))]
    assert not warnings, warnings
    panel = open_panel(page)  # the shortcut, from the notebook
    assert page.evaluate("() => document.activeElement?.classList.contains('nbdc-input')")

    wait_option(page, "server:sales" if SERVER_PROXY else "kernel:sales")  # listed, not picked
    picker = panel.locator("select.nbdc-picker")
    assert picker.input_value() == ""
    run_code(page, "import pandas as pd\n"
                   "shop = pd.DataFrame({'city': ['a', 'b', 'a', 'b'], "
                   "'amount': [1.0, 2.0, 3.0, 4.0]})")
    wait_picked(page, "kernel:shop")
    assert "Asking about shop" in panel.locator(".nbdc-notice").inner_text()
    entry = ask(panel, "total amount by city", wait=".nbdc-table")
    assert sorted(table_rows(entry)) == [["a", "4"], ["b", "6"]]

    # A restart empties the kernel: the picked data stays picked and the panel says why.
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session"
                  ".kernel.restart()")
    wait_idle(page)
    panel.locator(".nbdc-refresh").click()
    page.wait_for_function(f"""() => (document.querySelector('{PANEL} .nbdc-notice')
        ?.textContent || '').includes('not in the kernel now')""", timeout=30_000)
    assert picker.input_value() == "kernel:shop"
    label = picker.locator("option:checked").inner_text()
    assert "not in the kernel now" in label, label


def test_storage_under_budget_no_raw_quota_error_and_waiting_for_the_kernel(lab, page) -> None:
    open_notebook(page, lab, "storage.ipynb")
    panel = open_panel(page)
    run_code(page, cell_sources(page)[0])
    wait_option(page, "kernel:sales")
    panel.locator("select.nbdc-picker").select_option("kernel:sales")
    entry = ask(panel, "Forecast total sales for the next 12 months",
                wait=".nbdc-chart .js-plotly-plot", timeout=90_000)
    size = page.evaluate("() => localStorage.getItem('nbdatachat:chat:storage.ipynb').length")
    assert size < 15_000, size  # a forecast answer with its chart was 230-260 KB
    # Fill the site's quota with other data, then answer again: the panel keeps working and
    # says what happened in words.
    page.evaluate("""() => { let size = 1024 * 1024, i = 0;
        while (size >= 1) { try { localStorage.setItem('other-' + i++, 'x'.repeat(size)); }
                            catch (e) { size = Math.floor(size / 2); } } }""")
    ask(panel, "total sales by region", wait=".nbdc-table")
    notice = panel.locator(".nbdc-notice").inner_text()
    assert "storage for this site is full" in notice, notice
    assert "QuotaExceededError" not in panel.inner_text()
    assert entry.locator(".js-plotly-plot").count() == 1
    page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('other-'))"
                  ".forEach(k => localStorage.removeItem(k))")

    # While a cell runs, the panel says it waits for the kernel, and the answer's time
    # excludes the wait (shown apart).
    run_code(page, "import time; time.sleep(4)", wait=False)
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext"
                           ".session.kernel.status === 'busy'")
    box = panel.locator("textarea.nbdc-input")
    box.fill("average sales by region")
    box.press("Enter")
    page.wait_for_function(f"""() => (document.querySelector('{PANEL} .nbdc-progress-text')
        ?.textContent || '').includes('Waiting for the kernel')""", timeout=5_000)
    waited = panel.locator(".nbdc-entry").last
    waited.locator(".nbdc-table").wait_for(timeout=60_000)
    elapsed = waited.locator(".nbdc-elapsed").inner_text()
    assert "waiting for the kernel" in elapsed, elapsed
    assert float(elapsed.split("(+")[1].split(" ")[0]) >= 2.0, elapsed  # the sleep, apart
