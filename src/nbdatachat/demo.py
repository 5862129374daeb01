"""The end-to-end demo: ``python -m nbdatachat.demo`` (``make demo``).

Loads the bundled ``sales`` dataset (generated offline: 36 months x 4 regions of marketing
spend, price and sales), shows what the data layer makes of it and of a messy CSV export,
then runs the analysis tools the way a notebook, the CLI or the HTTP server would (the
seed's request shape first) and prints each result as text tables.

A tool that is not registered in this installation is reported as ``skipped: not
available`` and the demo goes on; a tool that fails is reported with its error message and
makes the exit status 1.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

# The seed's example request (analysis-tools API, POST /tools/run).
SEED_DATASET = [
    {"sales": 100, "marketing": 50, "price": 25},
    {"sales": 150, "marketing": 75, "price": 30},
    {"sales": 120, "marketing": 60, "price": 28},
]

# A small export with the usual problems: cp1252 text, "$1,234.50", (negatives), 12/30/17
# dates, percentages, a zip code with a leading zero and a header with punctuation.
MESSY_CSV = (
    "Order Date,Region,Postal Code,Sub-Category,Sales,Discount,Profit\r\n"
    "12/30/17,East,02134,Chairs,\"$1,234.50\",10%,($12.30)\r\n"
    "1/2/18,West,90036,Phones,$907.15,0%,$90.72\r\n"
    "1/15/18,Süd,07030,Labels,$14.62,20%,$6.87\r\n"
)


SEED_RESULT_KEYS = ("model_type", "performance", "coefficients", "insights")


@dataclass(frozen=True)
class Step:
    """One tool run of the demo: a title, the tool name and its inputs."""

    title: str
    tool: str
    inputs: dict[str, Any] = field(default_factory=dict)
    as_json: bool = False  # print the seed-style JSON instead of tables


STEPS: tuple[Step, ...] = (
    Step("The seed's request: linear regression on its 3-row example", "linear_regression",
         {"dataset": SEED_DATASET, "target": "sales", "features": ["marketing", "price"]},
         as_json=True),
    Step("Summary statistics of the sales data", "describe",
         {"dataset": "sales", "features": ["marketing", "price", "units", "sales"]}),
    Step("What drives sales? Linear regression on marketing and price", "linear_regression",
         {"dataset": "sales", "target": "sales", "features": ["marketing", "price"]}),
    Step("Do North and South differ? Welch two-sample t-test", "t_test",
         {"dataset": "sales", "target": "sales", "group": "region",
          "groups": ["North", "South"]}),
    Step("Do the four regions differ? One-way ANOVA", "anova",
         {"dataset": "sales", "target": "sales", "group": "region"}),
    Step("How do the numbers move together? Pearson correlation", "correlation",
         {"dataset": "sales", "features": ["marketing", "price", "sales"],
          "method": "pearson"}),
    Step("Forecast of total monthly sales: ARIMA (order chosen by AIC)", "arima",
         {"dataset": "sales", "target": "sales", "date": "month", "aggregate": "sum",
          "horizon": 6}),
    Step("Forecast of total monthly sales: exponential smoothing", "exponential_smoothing",
         {"dataset": "sales", "target": "sales", "date": "month", "aggregate": "sum",
          "horizon": 6}),
    Step("Segments of region-months: k-means (k chosen by silhouette)", "kmeans",
         {"dataset": "sales", "features": ["marketing", "price", "sales"]}),
)


def _rule(title: str, out: TextIO) -> None:
    print(f"\n{'#' * 100}\n# {title}\n{'#' * 100}", file=out)


def show_data(out: TextIO) -> None:
    """The data layer at work: the bundled dataset and a messy CSV, profiled."""
    from .data import as_dataset, default_catalog, profile
    from .textfmt import format_bullets, format_table, format_value

    catalog = default_catalog()
    _rule("Datasets in the catalog (all offline)", out)
    print(format_table([{"name": e.name, "description": e.description}
                        for e in catalog.entries()], max_rows=0), file=out)
    frame = catalog.get("sales").frame()
    _rule(f"The 'sales' dataset: {len(frame)} rows", out)
    print(format_table(frame.head(5), title="First rows"), file=out)
    print(file=out)
    print(format_table([{"column": p.name, "kind": p.kind, "distinct": p.n_unique,
                         "examples": ", ".join(format_value(v) for v in p.examples)}
                        for p in profile(frame)], title="Columns"), file=out)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders_export.csv"
        path.write_bytes(MESSY_CSV.encode("cp1252"))
        ds = as_dataset(path)
        messy = ds.frame()
        _rule("A messy CSV export (cp1252, \"$1,234.50\", 12/30/17, 02134) read as typed "
              "columns", out)
        print(format_table(messy), file=out)
        print(file=out)
        print(format_table([{"column": c, "dtype": str(messy[c].dtype)} for c in messy.columns],
                           title="Types"), file=out)
        if ds.warnings:
            print(format_bullets(ds.warnings, title="Data warnings"), file=out)


def run_step(step: Step, out: TextIO, *, available: Callable[[str], bool]) -> str:
    """Run one step and print it; returns ``"ok"``, ``"skipped"`` or ``"failed"``."""
    import json

    from .errors import NbDataChatError
    from .textfmt import format_result
    from .tools import run_tool

    _rule(f"{step.title}  [{step.tool}]", out)
    if not available(step.tool):
        print(f"skipped: not available (the {step.tool!r} tool is not registered in this "
              f"installation)", file=out)
        return "skipped"
    t0 = time.perf_counter()
    try:
        result = run_tool(step.tool, **step.inputs)
    except NbDataChatError as exc:
        print(f"failed: {exc.message}", file=out)
        return "failed"
    except Exception as exc:  # a tool bug: report it, keep the demo going
        print(f"failed: {type(exc).__name__}: {exc}", file=out)
        return "failed"
    if step.as_json:
        request = {"taskList": {"inputs": {"name": step.tool, **step.inputs}}}
        print("POST /tools/run", json.dumps(request), sep="\n", file=out)
        full = result.to_dict()
        shown = {k: full[k] for k in SEED_RESULT_KEYS if k in full}
        print("\nresult (the seed's fields; the full result also has "
              f"{', '.join(k for k in full if k not in shown)}):", file=out)
        print(json.dumps(shown, indent=2, ensure_ascii=False), file=out)
    else:
        print(format_result(result, max_rows=8, brief=True), file=out)
    print(f"({time.perf_counter() - t0:.2f} s)", file=out)
    return "ok"


def run(steps: Sequence[Step] = STEPS, out: TextIO | None = None, *,
        with_data: bool = True) -> dict[str, list[str]]:
    """Run the demo; returns the tool names per outcome (ok / skipped / failed)."""
    from .tools import tool_names

    out = out or sys.stdout
    t0 = time.perf_counter()
    print("nbdatachat demo: talk to your data, offline", file=out)
    if with_data:
        show_data(out)
    names = set(tool_names())
    outcome: dict[str, list[str]] = {"ok": [], "skipped": [], "failed": []}
    for step in steps:
        outcome[run_step(step, out, available=names.__contains__)].append(step.tool)
    _rule("Summary", out)
    print(f"{len(steps)} tool runs: {len(outcome['ok'])} ok, {len(outcome['skipped'])} "
          f"skipped (not available), {len(outcome['failed'])} failed "
          f"in {time.perf_counter() - t0:.1f} s.", file=out)
    for kind in ("skipped", "failed"):
        if outcome[kind]:
            print(f"{kind}: {', '.join(outcome[kind])}", file=out)
    return outcome


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m nbdatachat.demo``: exit status 0 unless a tool failed."""
    outcome = run(STEPS)
    return 1 if outcome["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
