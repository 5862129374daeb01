"""The panel and the ChatPanel widget as people see them, in light and dark theme: contrast
measured in the browser, one chart style, screenshots after five answers compared with the
committed references (tests/ui/reference, tolerant of font antialiasing); finding the panel;
suggestions, Clear/Undo, history, copy and download buttons, export to cells, @name and a
dropped CSV."""

from __future__ import annotations

import pytest

from lab_browser import (
    CONTRAST_JS,
    PANEL,
    REPO,
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
    watched_page,
)
from ui.screenshots import ARTIFACTS, assert_matches

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

SETUP = ("import plotly.data\n%load_ext nbdatachat\n"
         "tips = plotly.data.tips()\ngap = plotly.data.gapminder()")
FIVE = ["What is the average tip by day?",
        "How many rows are there per sex?",
        "What is the relationship between total bill and tip?",
        "@gap average lifeExp by year",
        "@gap how many rows are there per continent?"]
WIDGET = ("from nbdatachat.jupyter import ChatPanel\n"
          "panel = ChatPanel({'tips': tips, 'gap': gap})\n"
          "for q in ['average tip by day', 'how many rows per sex', "
          "'relationship between total bill and tip', 'average total bill by time']:\n"
          "    panel.send(q)\n"
          "panel.picker.value = 'gap'\npanel.send('average lifeExp by year')\npanel")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    # Answers from the kernel only: the screenshots must not depend on a server starting.
    yield from serve_lab(tmp_path_factory, "labui",
                         {f"{name}.ipynb": [SETUP] for name in ("light", "dark", "control",
                                                                "finding")},
                         copy=[REPO / "notebooks" / "quickstart.ipynb"],
                         settings={"nbdatachat/plugin": {"useServer": False}})


@pytest.fixture(scope="module")
def browser():
    with chromium(["--font-render-hinting=none"]) as b:
        yield b


@pytest.fixture
def page(browser, lab, request):
    with watched_page(browser, 1400, 1000, screenshot=f"{request.node.name}.png",
                      clipboard_for=lab.url, accept_downloads=True) as page:
        yield page


def widen_sidebar(page, pixels: int = 200) -> None:
    """Drag the right sidebar's edge to the left, as a user makes room for the chat."""
    handle = page.locator("#jp-main-split-panel > .lm-SplitPanel-handle:not(.lm-mod-hidden)").last
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] - pixels, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()


def setup_notebook(page, lab, name: str, theme: str = "light"):
    open_notebook(page, lab, f"{name}.ipynb", theme=theme)
    panel = open_panel(page)
    widen_sidebar(page)
    run_code(page, cell_sources(page)[0])
    wait_option(page, "kernel:gap")
    return panel


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_contrast_chart_style_and_screenshots(lab, page, theme) -> None:
    panel = setup_notebook(page, lab, theme, theme)
    panel.locator("select.nbdc-picker").select_option("kernel:tips")
    entries = [ask(panel, q, wait=".nbdc-chart .js-plotly-plot") for q in FIVE]
    assert [e.locator(".nbdc-about-data").inner_text() for e in entries] == [
        "about tips", "about tips", "about tips", "about gap", "about gap"]

    # Years without separators in the table and in what Copy puts on the clipboard.
    years = table_rows(entries[3])
    assert [r[0] for r in years] == [str(y) for y in range(1952, 2000, 5)], years  # 10 shown

    # Every text in the panel reads at >= 4.5:1 against what is behind it.
    ratios = panel.evaluate(CONTRAST_JS)
    low = [r for r in ratios if r["ratio"] < 4.5]
    assert not low, low[:5]
    bubble = panel.locator(".nbdc-bubble").first.evaluate(CONTRAST_JS)
    assert bubble[0]["ratio"] >= 4.5, bubble

    # One chart style: transparent background, the theme's text colour, titled axes.
    font = page.evaluate("() => getComputedStyle(document.body)"
                         ".getPropertyValue('--jp-ui-font-color1').trim()")
    styles = panel.locator(".js-plotly-plot").evaluate_all(
        """ps => ps.map(p => ({type: p.data[0].type,
                              paper: p._fullLayout.paper_bgcolor, font: p._fullLayout.font.color,
                              x: p._fullLayout.xaxis.title.text,
                              y: p._fullLayout.yaxis.title.text}))""")
    assert len(styles) == 5
    for style in styles:
        assert style["paper"].replace(" ", "") == "rgba(0,0,0,0)", style
        assert style["font"].replace(" ", "") == font.replace(" ", ""), (style, font)
        if style["type"] not in ("heatmap", "pie"):  # a correlation matrix's axes are names
            assert style["x"] and style["y"], style

    page.wait_for_timeout(800)  # plotly's transitions
    # Timings and the temporary notebook's path differ from run to run: not in the picture.
    page.add_style_tag(content=".nbdc-elapsed, .nbdc-notebook { visibility: hidden; }")
    shot = panel.screenshot(animations="disabled")
    assert_matches(shot, f"panel_{theme}")
    page.screenshot(path=str(ARTIFACTS / f"readme_panel_{theme}.png"))  # docs/images source
    entries[3].locator(".nbdc-actions > button.nbdc-copy").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert "\n1952\t" in copied and "1,952" not in copied, copied

    # The ipywidgets ChatPanel after five answers: rows keep their height, history scrolls.
    index = run_code(page, WIDGET)
    widget = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".widget-vbox").first
    widget.locator(".js-plotly-plot").nth(4).wait_for(timeout=60_000)
    fits = widget.evaluate("""w => { const history = [...w.querySelectorAll('.widget-vbox')]
            .find(b => getComputedStyle(b).overflow === 'auto' || getComputedStyle(b).overflowY === 'auto');
        const rows = [...history.children];
        return {scrolls: history.scrollHeight > history.clientHeight,
                cut: rows.filter(r => r.scrollHeight > r.clientHeight + 2).length,
                rows: rows.length}; }""")
    assert fits == {"scrolls": True, "cut": 0, "rows": 10}, fits
    assert widget.locator("button:has-text('Show code')").count() == 5
    low = [r for r in widget.evaluate(CONTRAST_JS) if r["ratio"] < 4.5]
    assert not low, low[:5]
    page.wait_for_timeout(800)
    assert_matches(widget.screenshot(animations="disabled"), f"widget_{theme}")


def test_finding_the_panel(lab, page) -> None:
    open_notebook(page, lab, "finding.ipynb")
    page.evaluate("() => window.jupyterapp.shell.collapseRight()")
    # The command palette, the View menu and the Launcher list it.
    page.keyboard.press("Control+Shift+C")
    page.keyboard.type("nbdatachat")
    labels = page.locator(".lm-CommandPalette-item").all_inner_texts()
    assert any("nbdatachat chat panel" in t for t in labels), labels
    assert any("focus the chat input" in t for t in labels), labels
    page.keyboard.press("Escape")
    page.locator(".lm-MenuBar-itemLabel", has_text="View").click()
    page.locator(".lm-Menu-itemLabel", has_text="nbdatachat chat panel").first.wait_for()
    page.keyboard.press("Escape")
    page.evaluate("() => { window.jupyterapp.commands.execute('launcher:create'); }")
    card = page.locator(".jp-LauncherCard", has_text="Chat with your data")
    card.wait_for(timeout=15_000)
    card.click()
    page.locator(PANEL).wait_for(state="visible")
    page.evaluate("() => window.jupyterapp.shell.collapseRight()")
    page.locator(PANEL).wait_for(state="hidden")
    # %nbdatachat panel in a cell opens it.
    page.evaluate("() => { const nb = [...window.jupyterapp.shell.widgets('main')]"
                  ".find(w => w.context?.path === 'finding.ipynb');"
                  " window.jupyterapp.shell.activateById(nb.id); }")
    run_code(page, "%load_ext nbdatachat\n%nbdatachat panel")
    page.locator(PANEL).wait_for(state="visible", timeout=15_000)
    # The demo notebook opens the panel the first time it is opened in this browser.
    page.evaluate("() => window.jupyterapp.shell.collapseRight()")
    page.evaluate("() => { window.jupyterapp.commands.execute('docmanager:open', "
                  "{path: 'quickstart.ipynb'}); }")
    page.locator(PANEL).wait_for(state="visible", timeout=15_000)


def test_conversation_control(lab, page, tmp_path) -> None:
    panel = setup_notebook(page, lab, "control")
    panel.locator("select.nbdc-picker").select_option("kernel:tips")
    # Suggestions come from the schema and are answered when clicked.
    chips = panel.locator(".nbdc-suggestion")
    chips.first.wait_for(timeout=30_000)
    suggested = chips.all_inner_texts()
    assert suggested[0] == "What is the average total bill by day?", suggested
    assert not any("average size" in s or "year" in s for s in suggested)
    chips.first.click()
    first = panel.locator(".nbdc-entry").first
    first.locator(".nbdc-chart .js-plotly-plot").wait_for(timeout=60_000)
    assert first.locator(".nbdc-bubble").inner_text() == suggested[0]
    second = ask(panel, "@gap how many rows are there?")
    assert second.locator(".nbdc-about-data").inner_text() == "about gap"
    assert "1,704" in second.locator(".nbdc-text").inner_text()
    assert panel.locator("select.nbdc-picker").input_value() == "kernel:gap"

    # ArrowUp brings back the last question (as typed, @gap included).
    box = panel.locator("textarea.nbdc-input")
    box.click()
    box.press("ArrowUp")
    assert box.input_value() == "@gap how many rows are there?"
    box.press("ArrowUp")
    assert box.input_value() == suggested[0]
    box.fill("")

    # Copy buttons on the code, and the chart as PNG and SVG.
    first.locator("button.nbdc-show-sql").click()
    code_copy = first.locator(".nbdc-details .nbdc-code-head button.nbdc-copy")
    assert code_copy.count() >= 2
    code_copy.first.click()
    assert "SELECT" in page.evaluate("() => navigator.clipboard.readText()").upper()
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<svg")):
        with page.expect_download() as info:
            first.locator(f"button.nbdc-download-{fmt}").click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.suffix == f".{fmt}" and saved.read_bytes()[:4] == magic[:4]
        assert saved.stat().st_size > 2000

    # Export to notebook cells: a markdown cell per question, and the code of each answer.
    n = len(cell_sources(page))
    panel.locator("button.nbdc-export").click()
    page.wait_for_function(f"() => window.jupyterapp.shell.currentWidget.content.model"
                           f".cells.length === {n + 4}")
    added = cell_sources(page)[n:]
    assert added[0].startswith("**Q** (about `tips`)") and "d = tips" in added[1]
    assert added[2].startswith("**Q** (about `gap`)") and "d = gap" in added[3]

    # Clear, then Undo.
    panel.locator("button.nbdc-clear").click()
    assert panel.locator(".nbdc-entry").count() == 0
    panel.locator("button.nbdc-undo").click()
    assert panel.locator(".nbdc-entry").count() == 2

    # Dropping a CSV on the panel loads it into the kernel and picks it.
    page.evaluate("""() => { const dt = new DataTransfer();
        dt.items.add(new File(['city,amount\\na,1.5\\nb,2\\na,3\\n'], 'shop.csv',
                              {type: 'text/csv'}));
        const panel = document.querySelector('#nbdatachat-panel');
        panel.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true,
                                                       cancelable: true}));
        panel.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true,
                                                   cancelable: true})); }""")
    page.wait_for_function(f"() => document.querySelector('{PANEL} select.nbdc-picker')"
                           f".value === 'kernel:shop'", timeout=30_000)
    assert "Loaded shop.csv as shop (3 rows" in panel.locator(".nbdc-notice").inner_text()
    loaded = ask(panel, "total amount by city", wait=".nbdc-table")
    assert sorted(table_rows(loaded)) == [["a", "4.5"], ["b", "2.0"]]
    wait_idle(page)
