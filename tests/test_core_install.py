"""The core installs and its tests pass without the server, knowledge-base and MCP extras
(issue 17 item 6): a fresh virtualenv gets ``<this checkout>`` installed without extras, plus
pytest, and runs the core's tests against that installed copy.

The install uses uv (a test dependency): pip resolves the ~100 packages one index request at
a time (about 3 minutes here even with a warm cache); uv fetches them in parallel (about 10 s
with a cold cache)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The core's tests: ask, tools, data sources, magics, widget, display, the public API, and
#: the extras' own checks (which then see the libraries really missing).
CORE_TESTS = ["test_extras.py", "test_public_api.py", "test_jupyter_formatters.py",
              "test_jupyter_magics.py", "test_jupyter_widget.py", "test_catalog.py",
              "test_readers.py", "test_query_engine.py", "test_regression.py"]

#: Libraries only the extras bring (bs4 may also come with JupyterLab's nbconvert).
EXTRA_ONLY = ["fastapi", "uvicorn", "pypdf", "snowballstemmer", "mcp"]


@pytest.mark.slow
def test_the_core_installs_and_its_tests_pass_without_the_extras(tmp_path):
    venv = tmp_path / "core"
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    uv = [sys.executable, "-m", "uv"]
    subprocess.run([*uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True,
                   timeout=120, env=env)
    install = subprocess.run(
        [*uv, "pip", "install", "-q", "--python", python, str(ROOT), "pytest>=8",
         "pytest-timeout>=2.3"], capture_output=True, text=True, timeout=1200, env=env)
    assert install.returncode == 0, install.stderr[-3000:]

    probe = ("import importlib.util, json, nbdatachat; print(json.dumps([nbdatachat.__file__, "
             f"[m for m in {EXTRA_ONLY!r} if importlib.util.find_spec(m)]]))")
    where, present = json.loads(subprocess.run(
        [python, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path,
        env=env).stdout)
    assert where.startswith(str(venv)) and present == []

    tests = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         *(f"tests/{name}" for name in CORE_TESTS)],
        capture_output=True, text=True, cwd=ROOT, timeout=1200, env=env)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout.strip().splitlines()[-1]
