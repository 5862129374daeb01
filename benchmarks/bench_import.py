"""Import cost: ``python -c "import nbdatachat"`` in a fresh interpreter (target < 0.3 s).

Also lists which heavy libraries (statsmodels, sklearn, scipy, plotly) the import pulled in;
the answer must be none, since tools import them lazily inside their functions.
"""

from __future__ import annotations

import subprocess
import sys
import time

from ._table import print_table

HEAVY = ("statsmodels", "sklearn", "scipy", "plotly")
_REPORT = ("import sys, {mod}; print(','.join(m for m in {heavy!r} if m in sys.modules))")


def _best_run(code: str, repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    bare = _best_run("pass")
    rows = []
    for label, mod in (("python (no import)", None), ("import pandas", "pandas"),
                       ("import nbdatachat", "nbdatachat"),
                       ("import nbdatachat.tools", "nbdatachat.tools")):
        seconds = bare if mod is None else _best_run(f"import {mod}")
        heavy = "-" if mod is None else subprocess.run(
            [sys.executable, "-c", _REPORT.format(mod=mod, heavy=HEAVY)], check=True,
            capture_output=True, text=True).stdout.strip() or "none"
        rows.append((label, seconds, seconds - bare, seconds / bare, heavy))
    print_table("Fresh-interpreter import time (best of 7); target: import nbdatachat < 0.3 s",
                ["command", "seconds", "minus startup", "ratio vs bare python",
                 "heavy modules loaded"], rows)


if __name__ == "__main__":
    main()
