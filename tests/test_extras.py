"""The core works without the optional extras, and each optional part names the extra that
installs it (issue 17 item 6). A missing library is simulated in a fresh interpreter by
blocking its import (``sys.modules[name] = None``); ``test_core_install.py`` proves the same
with a virtualenv where the extras were never installed."""

from __future__ import annotations

import json
import subprocess
import sys

from nbdatachat.extras import EXTRAS

ALL_OPTIONAL = sorted({m for mods in EXTRAS.values() for m in mods} | {"starlette"})


def run(code: str, blocked: tuple[str, ...] | list[str] = ()) -> subprocess.CompletedProcess:
    prelude = f"import sys\nfor _m in {list(blocked)!r}:\n    sys.modules[_m] = None\n"
    return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True,
                          text=True, timeout=240)


def test_the_core_asks_runs_tools_and_loads_the_magics_without_any_extra():
    code = """
import json
import pandas as pd
import nbdatachat
from IPython.core.interactiveshell import InteractiveShell
df = pd.DataFrame({"team": ["a", "b", "a", "b", "c", "c"], "x": [1.0, 2, 3, 4, 5, 6],
                   "y": [2.0, 4.1, 5.9, 8.2, 9.9, 12.1]})
answer = nbdatachat.ask(df, "total y by team")
fit = nbdatachat.run_tool("linear_regression", dataset=df, target="y", features=["x"])
sh = InteractiveShell.instance()
sh.run_line_magic("load_ext", "nbdatachat")
print(json.dumps({"status": answer.status, "value": answer.table.set_index("team").iloc[:, 0]
                  .round(6).to_dict(), "slope": round(fit.coefficients["x"], 6),
                  "magics": sorted(sh.magics_manager.magics["cell"].keys() & {"ask", "run_tool"})}))
"""
    out = run(code, ALL_OPTIONAL)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["status"] == "answered"
    assert seen["value"] == {"a": 7.9, "b": 12.3, "c": 22.0}
    # least-squares slope by hand: sum((x - 3.5) * y) / sum((x - 3.5) ** 2) = 35.1 / 17.5
    assert abs(seen["slope"] - 35.1 / 17.5) < 1e-6
    assert seen["magics"] == ["ask", "run_tool"]


def test_the_server_names_the_server_extra():
    out = run("from nbdatachat.server import create_app\n"
              "try:\n    create_app()\n"
              "except ImportError as e:\n    print(type(e).__name__, '|', e)", ["fastapi"])
    assert out.stdout.startswith("MissingExtra |"), out.stderr[-2000:]
    assert "missing: fastapi" in out.stdout and "pip install 'nbdatachat[server]'" in out.stdout


def test_nbdatachat_serve_says_which_extra_to_install():
    out = run("from nbdatachat.cli import main\nsys.exit(main(['serve', '--port', '0']))",
              ["uvicorn"])
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "error: nbdatachat serve needs the 'server' extra" in out.stderr
    assert "pip install 'nbdatachat[server]'" in out.stderr


def test_a_knowledge_base_names_the_kb_extra():
    out = run("import nbdatachat\ntry:\n    nbdatachat.KnowledgeBase\n"
              "except ImportError as e:\n    print(type(e).__name__, '|', e)", ["pypdf"])
    assert out.stdout.startswith("MissingExtra |"), out.stderr[-2000:]
    assert "pip install 'nbdatachat[kb]'" in out.stdout


def test_the_mcp_command_names_the_mcp_extra():
    out = run("from nbdatachat.cli import main\nsys.exit(main(['mcp']))", ["mcp"])
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "pip install 'nbdatachat[mcp]'" in out.stderr
