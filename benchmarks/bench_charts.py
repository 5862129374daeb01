"""Charts: time, peak memory and browser payload of ``choose_chart`` + render, against the
plain-library baseline (pandas aggregation + plotly.express on the same data).

Run: ``.venv/bin/python -m benchmarks charts``
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._table import best_time, peak_memory, print_table


def _frames() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(0)
    n = 100_000
    cats = np.array(["north", "south", "east", "west", "central", "online"])
    raw = pd.DataFrame({"region": cats[rng.integers(0, len(cats), n)],
                        "day": pd.date_range("2020-01-01", periods=n, freq="h"),
                        "sales": rng.gamma(2.0, 50.0, n), "units": rng.poisson(20, n)})
    big = pd.DataFrame({"a": rng.normal(size=1_000_000), "b": rng.normal(size=1_000_000)})
    return {"raw": raw, "big": big}


def main() -> None:
    import plotly.express as px
    import plotly.io as pio

    from nbdatachat.charts import choose_chart

    f = _frames()
    raw, big = f["raw"], f["big"]
    # warm up plotly validators once so neither side pays the first-use cost
    px.bar(x=["a"], y=[1]).to_json()
    choose_chart(raw, x="region", y="sales").to_plotly()

    def ours(frame: pd.DataFrame, **kw: Any) -> Callable[[], str]:
        def run() -> str:
            spec = choose_chart(frame, **kw)
            spec.to_plotly()
            return json.dumps(spec.to_plotly_json())
        return run

    cases: list[tuple[str, Callable[[], str], Callable[[], str]]] = [
        ("bar: mean by category, 100k rows", ours(raw, x="region", y="sales"),
         lambda: pio.to_json(px.bar(raw.groupby("region", as_index=False)["sales"].mean()
                                    .sort_values("sales", ascending=False),
                                    x="region", y="sales"))),
        ("line: hourly series, 100k rows", ours(raw, x="day", y="sales"),
         lambda: pio.to_json(px.line(raw, x="day", y="sales"))),
        ("histogram: 1M values", ours(big, x="a"),
         lambda: pio.to_json(px.histogram(big, x="a"))),
        ("scatter: 1M points", ours(big, x="a", y="b"),
         lambda: pio.to_json(px.scatter(big, x="a", y="b"))),
    ]
    rows = []
    for name, mine, base in cases:
        t_mine, t_base = best_time(mine, repeat=3), best_time(base, repeat=3)
        m_mine, m_base = peak_memory(mine), peak_memory(base)
        b_mine, b_base = len(mine()), len(base())
        rows.append([name, f"{t_mine * 1e3:.1f}", f"{t_base * 1e3:.1f}",
                     f"{t_mine / t_base:.2f}", f"{m_mine / 2**20:.1f}",
                     f"{m_base / 2**20:.1f}", f"{b_mine / 1e3:.0f}", f"{b_base / 1e3:.0f}",
                     f"{b_mine / b_base:.3f}"])
    print_table("choose_chart + to_plotly + payload vs pandas + plotly.express (best of 3)",
                ["case", "ms", "px ms", "time x", "MiB", "px MiB", "KB sent", "px KB",
                 "bytes x"], rows)

    spec = choose_chart(raw, x="region", y="sales")
    table = raw.groupby("region", as_index=False)["sales"].mean()  # what the engine passes
    small = [("choose_chart (100k raw rows)", lambda: choose_chart(raw, x="region", y="sales")),
             ("choose_chart (6-row result table)",
              lambda: choose_chart(table, x="region", y="sales")),
             ("to_plotly", spec.to_plotly), ("to_plotly_json", spec.to_plotly_json),
             ("to_chartjs", spec.to_chartjs), ("to_graph_suggestion", spec.to_graph_suggestion)]
    print_table("per-step cost of the bar chart (best of 5)", ["step", "ms"],
                [[n, f"{best_time(fn) * 1e3:.2f}"] for n, fn in small])


if __name__ == "__main__":
    main()
