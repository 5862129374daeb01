"""The panel on the oldest JupyterLab it supports (4.5.0, as pyproject.toml and
binder/requirements.txt declare): a JupyterLab of that version in its own venv (made once,
cached in ~/.cache/nbdatachat), serving the repository's prebuilt panel, with kernels of this
interpreter. The other browser tests run on the newest JupyterLab available."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from lab_browser import (
    CHROMIUM_ARGS,
    FLOOR_VERSION,
    PANEL,
    REPO,
    JupyterLab,
    ask,
    cell_sources,
    ensure_chromium,
    floor_lab_python,
    open_notebook,
    open_panel,
    run_code,
    table_rows,
    wait_picked,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


def test_declared_floor_is_the_tested_one() -> None:
    pyproject = (REPO / "pyproject.toml").read_text()
    binder = (REPO / "binder" / "requirements.txt").read_text()
    assert f'"jupyterlab>={FLOOR_VERSION}' in pyproject
    assert re.search(rf"^jupyterlab>={re.escape(FLOOR_VERSION)}", binder, re.M)
    package = (REPO / "labextension" / "package.json").read_text()
    assert '"@jupyterlab/application": "^4.5.0"' in package


@pytest.fixture(scope="module")
def floor_lab(tmp_path_factory):
    ensure_chromium()
    python = floor_lab_python()
    version = subprocess.run([str(python), "-c", "import jupyterlab; print(jupyterlab.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == FLOOR_VERSION
    root = tmp_path_factory.mktemp("floor")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    shutil.copy(REPO / "notebooks" / "quickstart.ipynb", notebooks / "quickstart.ipynb")
    server = JupyterLab(notebooks, root / "home", python=python,
                        settings={"nbdatachat/plugin": {"useServer": False}})
    yield server
    server.stop()


def test_panel_works_on_the_floor_version(floor_lab) -> None:
    import plotly.data
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(ensure_chromium()), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 950})
        errors: list[str] = []
        warnings: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: warnings.append(m.text) if m.type in ("warning", "error")
                and "nbdatachat" in m.text.lower() else None)
        try:
            open_notebook(page, floor_lab, "quickstart.ipynb")
            assert page.evaluate("() => window.jupyterapp.version") == FLOOR_VERSION
            page.locator(PANEL).wait_for(state="visible", timeout=15_000)  # first launch
            panel = open_panel(page)
            run_code(page, "import plotly.data\ntips = plotly.data.tips()")
            wait_picked(page, "kernel:tips")  # the new DataFrame is picked (and said so)
            entry = ask(panel, "What is the average tip by day?",
                        wait=".nbdc-chart .js-plotly-plot")
            expected = plotly.data.tips().groupby("day")["tip"].mean()
            rows = table_rows(entry)
            assert {d: float(v) for d, v in rows} == pytest.approx(expected.to_dict(), abs=1e-3)
            entry.locator("button.nbdc-insert").click()
            assert any(src.startswith("# What is the average tip by day?")
                       for src in cell_sources(page))
            page.evaluate("() => { window.jupyterapp.commands.execute('launcher:create'); }")
            page.locator(".jp-LauncherCard", has_text="Chat with your data").wait_for()
        except Exception:
            from lab_browser import ARTIFACTS

            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "floor_failure.png"))
            (ARTIFACTS / "floor_jupyterlab.log").write_text(floor_lab.log())
            raise
        finally:
            browser.close()
        assert not errors, errors
        assert not warnings, warnings
