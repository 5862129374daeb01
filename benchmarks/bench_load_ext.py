"""``%load_ext nbdatachat`` in a fresh IPython shell (target < 0.3 s), against a trivial extension.

Each measurement runs in a new interpreter that starts an ``InteractiveShell`` (what a kernel
does before the first cell) and then times only the ``%load_ext`` call, so the numbers are
what a user waits for in the first cell of a fresh kernel. The baseline is an extension whose
``load_ipython_extension`` does nothing: the floor IPython's own import machinery sets. Also
lists which heavy libraries the load pulled in; the answer must be none (the engine loads on
the first ``%%ask``).

    .venv/bin/python -m benchmarks load_ext
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ._table import print_table

HEAVY = ("duckdb", "statsmodels", "sklearn", "scipy", "plotly", "ipywidgets")
TARGET = 0.3
_TRIVIAL_EXT = "def load_ipython_extension(ipython):\n    pass\n"
_TIME_LOAD = """
import sys, time
sys.path.insert(0, {ext_dir!r})
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
t0 = time.perf_counter()
shell.run_line_magic("load_ext", {ext!r})
seconds = time.perf_counter() - t0
heavy = [m for m in {heavy!r} if m in sys.modules]
print(seconds, ",".join(heavy) or "none")
"""


def _fresh(code: str) -> tuple[float, str]:
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True)
    seconds, heavy = done.stdout.split()[-2:]
    return float(seconds), heavy


def _best(code: str, repeat: int) -> tuple[float, str]:
    runs = [_fresh(code) for _ in range(repeat)]
    return min(r[0] for r in runs), runs[-1][1]


def _best_wall(args: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main(repeat: int = 7) -> None:
    with tempfile.TemporaryDirectory() as ext_dir:
        Path(ext_dir, "nbdc_trivial_ext.py").write_text(_TRIVIAL_EXT)
        trivial, trivial_heavy = _best(_TIME_LOAD.format(ext_dir=ext_dir,
                                                         ext="nbdc_trivial_ext",
                                                         heavy=HEAVY), repeat)
        ours, ours_heavy = _best(_TIME_LOAD.format(ext_dir=ext_dir, ext="nbdatachat",
                                                   heavy=HEAVY), repeat)
    bare = _best_wall(["-c", "pass"], repeat)
    shell = _best_wall(["-c", "from IPython.core.interactiveshell import InteractiveShell; "
                              "InteractiveShell.instance()"], repeat)
    imported = _best_wall(["-c", "import nbdatachat"], repeat) - bare
    rows = [
        ("%load_ext (trivial extension)", trivial, 1.0, "-", trivial_heavy),
        ("%load_ext nbdatachat", ours, ours / trivial, "yes" if ours < TARGET else "NO",
         ours_heavy),
        ("import nbdatachat (minus startup)", imported, imported / trivial,
         "yes" if imported < TARGET else "NO", "-"),
        ("python startup (reference)", bare, bare / trivial, "-", "-"),
        ("python + InteractiveShell start (ref.)", shell, shell / trivial, "-", "-"),
    ]
    print_table(f"%load_ext in a fresh IPython shell, best of {repeat} processes; "
                f"target < {TARGET} s",
                ["measurement", "seconds", "ratio vs trivial ext", f"< {TARGET} s",
                 "heavy modules loaded"], rows)


if __name__ == "__main__":
    main()
