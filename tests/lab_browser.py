"""Helpers for the JupyterLab browser tests: Debian's Chromium, a real JupyterLab server.

Playwright's own browser download cannot work on these machines, so the tests drive the
system Chromium (installed here with apt when running as root) through Playwright's driver,
which ships inside the ``playwright`` wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "ui" / "artifacts"


def ensure_chromium() -> Path:
    """``/usr/bin/chromium``, installing Debian's package when root; skip otherwise."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip("Chromium is not installed at /usr/bin/chromium and this user cannot "
                    "install it: run `sudo apt-get install -y chromium`.")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.skip(f"Could not install Chromium ({' '.join(cmd)} failed): "
                        f"{done.stderr.strip()[-300:]}")
    if not CHROMIUM.exists():
        pytest.skip("apt-get installed chromium but /usr/bin/chromium is missing.")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BUILT = REPO / "src" / "nbdatachat" / "labextension"
#: The oldest JupyterLab the panel supports (pyproject.toml and binder/requirements.txt say
#: the same); the browser tests also run the panel on it, in a venv cached between runs.
FLOOR_VERSION = "4.5.0"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "nbdatachat"


def floor_lab_python() -> Path:
    """The Python of a venv with only ``jupyterlab==FLOOR_VERSION``, made once and cached
    (~/.cache/nbdatachat). Its server runs the panel; the kernel stays this interpreter."""
    venv = CACHE / f"jupyterlab-{FLOOR_VERSION}"
    python = venv / "bin" / "python"
    stamp = venv / ".installed"
    if not stamp.exists():
        import venv as venv_module

        CACHE.mkdir(parents=True, exist_ok=True)
        venv_module.create(venv, with_pip=True, clear=True)
        done = subprocess.run([str(python), "-m", "pip", "install", "-q",
                               f"jupyterlab=={FLOOR_VERSION}"],
                              capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.fail(f"could not install jupyterlab=={FLOOR_VERSION}: {done.stderr[-800:]}")
        stamp.write_text(FLOOR_VERSION)
    return python


def _extension_dirs(home: Path) -> Path:
    """A data dir whose labextensions/nbdatachat is the repository's prebuilt bundle and whose
    python3 kernelspec runs this interpreter: put first on JUPYTER_PATH, the server loads the
    bundle under test (not a stale installed copy) and kernels have nbdatachat."""
    data = home / "jupyter-data"
    ext = data / "labextensions" / "nbdatachat"
    ext.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "schemas", "static", "sources.sha256"):
        link = ext / name
        if not link.exists():
            link.symlink_to(BUILT / name)
    (ext / "install.json").write_text((REPO / "labextension" / "install.json").read_text())
    spec = data / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (nbdatachat)", "language": "python"}))
    # The other prebuilt extensions the panel relies on (Plotly's renderer, widgets).
    for other in (Path(sys.prefix) / "share" / "jupyter" / "labextensions").iterdir():
        target = data / "labextensions" / other.name
        if other.name != "nbdatachat" and not target.exists():
            target.symlink_to(other)
    return data


class JupyterLab:
    """``jupyter lab`` on 127.0.0.1 with its own settings, workspaces and runtime dirs.

    ``python`` picks the interpreter whose JupyterLab serves the page (the floor version's
    venv); the panel is always the repository's build and kernels run this interpreter.
    """

    def __init__(self, notebook_dir: Path, home: Path, token: str = "nbdc-test-token",
                 python: str | Path = sys.executable, settings: dict | None = None) -> None:
        self.port = free_port()
        self.token = token
        self.url = f"http://127.0.0.1:{self.port}"
        data = _extension_dirs(home)
        env = {**os.environ,
               "JUPYTER_PATH": str(data),
               "JUPYTER_CONFIG_DIR": str(home / "config"),
               "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
               "IPYTHONDIR": str(home / "ipython"),
               "HOME": str(home),  # the proxied nbdatachat server keeps its data in ~
               "PYTHONUNBUFFERED": "1"}
        home.mkdir(parents=True, exist_ok=True)
        # No "get notified about Jupyter news?" toast over the panel in screenshots.
        notification = home / "settings" / "@jupyterlab" / "apputils-extension"
        notification.mkdir(parents=True, exist_ok=True)
        (notification / "notification.jupyterlab-settings").write_text(
            '{"fetchNews": "false", "checkForUpdates": false}')
        for plugin, values in (settings or {}).items():  # e.g. {"nbdatachat/plugin": {...}}
            folder, name = plugin.rsplit("/", 1)
            (home / "settings" / folder).mkdir(parents=True, exist_ok=True)
            (home / "settings" / folder / f"{name}.jupyterlab-settings").write_text(
                json.dumps(values))
        self.log_path = home / "jupyterlab.log"
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(python), "-m", "jupyterlab", "--no-browser", f"--port={self.port}",
             "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", "--allow-root",
             f"--notebook-dir={notebook_dir}", "--LabApp.expose_app_in_browser=True",
             "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--ServerApp.port_retries=0"],
            cwd=notebook_dir, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited: {self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}",
                                            timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not start in {timeout} s: {self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()[-3000:]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self._log.close()


# -- the fixtures every browser test module builds on -----------------------------------------
def write_notebook(path: Path, cells: Sequence[str] = ("",), **metadata: Any) -> None:
    """A notebook of code ``cells`` on the ``python3`` kernel (this interpreter)."""
    import nbformat

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3",
                                                           "display_name": "Python 3"},
                                            **metadata})
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)


def serve_lab(tmp_path_factory: pytest.TempPathFactory, name: str,
              notebooks: dict[str, Sequence[str]] | None = None, *,
              copy_tree: Path | None = None, copy: Sequence[Path] = (),
              settings: dict | None = None) -> Iterator[JupyterLab]:
    """The body of a module's ``lab`` fixture (``yield from serve_lab(...)``): a JupyterLab
    serving a new folder holding ``copy_tree``'s files, the files in ``copy`` and the
    ``notebooks`` written from their code cells, stopped when the module is done."""
    assert (BUILT / "static" / "style.js").exists(), (
        "The prebuilt labextension is missing: build it with `cd labextension && jlpm install "
        "&& jlpm build:prod`.")
    ensure_chromium()
    root = tmp_path_factory.mktemp(name)
    folder = root / "notebooks"
    if copy_tree is not None:
        shutil.copytree(copy_tree, folder)
    else:
        folder.mkdir()
    for path in copy:
        shutil.copy(path, folder / path.name)
    for notebook, cells in (notebooks or {}).items():
        write_notebook(folder / notebook, cells)
    server = JupyterLab(folder, root / "home", settings=settings)
    yield server
    server.stop()


@contextmanager
def chromium(extra_args: Sequence[str] = ()) -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(ensure_chromium()),
                                    args=[*CHROMIUM_ARGS, *extra_args], headless=True)
        yield browser
        browser.close()


@contextmanager
def watched_page(browser: Any, width: int, height: int, *, screenshot: str | None = None,
                 clipboard_for: str | None = None, **context_options: Any) -> Iterator[Any]:
    """A page in a new context of ``browser`` that records its uncaught exceptions
    (``page.errors``) and console messages (``page.console``, ``(type, text)``). At the end it
    saves ``screenshot`` under ARTIFACTS, if named, and fails if the page raised.
    ``clipboard_for`` (an origin) may read and write the clipboard."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  **context_options)
    if clipboard_for:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=clipboard_for)
    page = context.new_page()
    page.errors = []
    page.console = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.console.append((msg.type, msg.text)))
    yield page
    if screenshot:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(ARTIFACTS / screenshot))
        except Exception:  # a closed page: the assertion below says more
            pass
    context.close()
    assert not page.errors, f"uncaught exceptions in the page: {page.errors}"


# -- driving JupyterLab's page ---------------------------------------------------------------
PANEL = "#nbdatachat-panel"
FOCUS_KEYS = "Control+Shift+Semicolon"  # nbdatachat:focus-input ("Accel Shift ;")


def wait_idle(page, timeout: float = 60_000) -> None:
    page.wait_for_function(
        """() => { const nb = window.jupyterapp?.shell.currentWidget;
                   const k = nb?.sessionContext?.session?.kernel;
                   return k && k.status === 'idle' && !nb.sessionContext.pendingInput; }""",
        timeout=timeout)


def open_notebook(page, lab: JupyterLab, path: str, theme: str = "light") -> None:
    """Open ``path`` in a fresh JupyterLab page and wait for its kernel."""
    page.goto(f"{lab.url}/lab/tree/{path}?token={lab.token}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    if theme == "dark":
        page.evaluate("() => window.jupyterapp.commands.execute('apputils:change-theme', "
                      "{theme: 'JupyterLab Dark'})")
        page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'")
    wait_idle(page)


def cell_sources(page) -> list[str]:
    return page.evaluate("""() => { const m = window.jupyterapp.shell.currentWidget.content.model;
        const out = []; for (let i = 0; i < m.cells.length; i++)
          out.push(m.cells.get(i).sharedModel.getSource()); return out; }""")


def run_code(page, code: str, wait: bool = True) -> int:
    """Append a code cell with ``code`` and run it as a user would (Shift+Enter)."""
    page.evaluate("""(code) => { const nb = window.jupyterapp.shell.currentWidget;
        const m = nb.content.model;
        m.sharedModel.insertCell(m.cells.length, {cell_type: 'code', source: code});
        nb.content.activeCellIndex = m.cells.length - 1; }""", code)
    index = len(cell_sources(page)) - 1
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Shift+Enter")
    if wait:
        wait_idle(page)
    return index


def open_panel(page):
    """Open the panel with the keyboard shortcut; returns its locator (the input focused)."""
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.keyboard.press(FOCUS_KEYS)
    panel = page.locator(PANEL)
    panel.wait_for(state="visible", timeout=15_000)
    return panel


def wait_option(page, value: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('{PANEL} option')]
                  .some(o => o.value === {json.dumps(value)})""", timeout=timeout)


def ask(panel, question: str, *, wait: str = ".nbdc-answer", timeout: float = 60_000):
    """Type ``question`` and press Enter; returns the new entry once ``wait`` shows in it."""
    n = panel.locator(".nbdc-entry").count()
    box = panel.locator("textarea.nbdc-input")
    box.fill(question)
    box.press("Enter")
    entry = panel.locator(".nbdc-entry").nth(n)
    entry.locator(wait).first.wait_for(timeout=timeout)
    return entry


def table_rows(entry) -> list[list[str]]:
    return entry.locator(".nbdc-table tbody tr").evaluate_all(
        "rs => rs.map(r => [...r.cells].map(c => c.textContent))")


#: JavaScript colour helpers for the contrast checks: ``parse`` a CSS colour, alpha-blend
#: ``over`` another, the colour ``behind`` an element (its ancestors' backgrounds blended),
#: relative luminance ``lum`` and the WCAG contrast ``ratio``.
COLOUR_JS = """
  const parse = c => { const m = String(c).match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[,\\s/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => { const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const behind = el => { const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let out = [255, 255, 255, 1];
    for (const c of layers.reverse()) out = over(c, out);
    return out; };
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (fg, bg) => { const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05); };
"""

#: Text colour against the colour actually behind it (alpha blended up the ancestors), for
#: every visible text node in ``root``: WCAG contrast ratios, lowest first.
CONTRAST_JS = "(root) => {" + COLOUR_JS + """
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode; const el = node.parentElement;
    if (!node.textContent.trim() || !el || !el.getClientRects().length) continue;
    if (el.closest('svg, option, select')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const bg = behind(el); const fg = over(parse(style.color), bg);
    out.push({ratio: ratio(fg, bg), text: node.textContent.trim().slice(0, 40),
              cls: el.className && String(el.className), color: style.color});
  }
  return out.sort((x, y) => x.ratio - y.ratio);
}"""


def wait_picked(page, value: str, timeout: float = 30_000) -> None:
    """Wait until the picker shows ``value`` (a catalog dataset can share a frame's name, so
    an option being listed does not mean the frame is there yet)."""
    page.wait_for_function(
        f"() => document.querySelector('{PANEL} select.nbdc-picker')?.value === "
        f"{json.dumps(value)}", timeout=timeout)
