"""The JupyterLab panel's kernel round trip on a 100,000-row DataFrame.

The panel calls ``nbdatachat.jupyter.lab_bridge`` through a kernel ``user_expressions``
request. This times that round trip in a real kernel (jupyter_client, as the panel's
websocket does) against the same request computing the plain pandas group-by, so the ratio
is what nbdatachat adds (planning, DuckDB, sentence, chart JSON) on top of the kernel trip.
The browser test (tests/test_lab_panel.py) reports the end-to-end times in JupyterLab.

Run: ``.venv/bin/python -m benchmarks lab`` (about 15 s).
"""

from __future__ import annotations

import json
import time

from benchmarks._table import print_table

SETUP = ("import numpy as np, pandas as pd\n"
         "rng = np.random.default_rng(7)\n"
         "big = pd.DataFrame({'region': rng.choice(['north', 'south', 'east', 'west'], 100_000),"
         " 'sales': rng.gamma(2.0, 50.0, 100_000).round(2)})")
BRIDGE = "__import__('nbdatachat.jupyter.lab_bridge', fromlist=['_'])"


def _expression(kc, expr: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    kc.execute("", silent=True, store_history=False, user_expressions={"r": expr})
    reply = kc.get_shell_msg(timeout=60)
    elapsed = time.perf_counter() - t0
    result = reply["content"]["user_expressions"]["r"]
    assert result["status"] == "ok", result
    return elapsed, len(json.dumps(result["data"]))


def _best(kc, expr: str, repeat: int = 7) -> tuple[float, int]:
    _expression(kc, expr)  # warm-up: imports
    runs = [_expression(kc, expr) for _ in range(repeat)]
    return min(r[0] for r in runs), runs[0][1]


def main() -> None:
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        kc.execute_interactive(SETUP, timeout=60)
        baseline, base_bytes = _best(
            kc, "big.groupby('region', as_index=False)['sales'].mean().to_dict('records')")
        question = json.dumps(json.dumps({"data": "big", "question": "average sales by region"}))
        rows = [("pandas groupby in the kernel (baseline)", baseline * 1000, base_bytes, 1.0)]
        for label, expr in [
            ("panel: list DataFrames + datasets", f"{BRIDGE}.list_data('{{}}')"),
            ("panel: ask 'average sales by region'", f"{BRIDGE}.ask({question})"),
        ]:
            t, size = _best(kc, expr)
            rows.append((label, t * 1000, size, t / baseline))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print_table("JupyterLab panel: kernel round trip, 100,000 rows (best of 7)",
                ["request", "ms", "reply bytes", "x baseline"], rows)


if __name__ == "__main__":
    main()
