"""Long tools report their steps (nbdatachat.tools.progress): the k-means k scan, the ARIMA
model search, exponential smoothing candidates and model evaluation; a stopped tool ends at
its next step; and ``%%run_tool`` shows the steps in the cell's output while it runs, in a
real kernel, leaving only the result."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from nbdatachat.data import as_dataset
from nbdatachat.tools import run_tool
from nbdatachat.tools.progress import Cancelled, Run, running


def two_groups(n: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({"a": np.r_[rng.normal(0, 1, n), rng.normal(6, 1, n)],
                         "b": np.r_[rng.normal(0, 1, n), rng.normal(6, 1, n)]})


def steps_of(name: str, **inputs) -> tuple[list, object]:
    heard: list = []
    with running(on_step=heard.append):
        result = run_tool(name, **inputs)
    return heard, result


def test_kmeans_reports_each_k_it_tries_with_how_far_it_is():
    heard, result = steps_of("kmeans", dataset=two_groups(), k_max=6)
    assert heard[0].message == "Running the kmeans tool"
    scan = heard[1:]
    assert [s.message for s in scan] == [f"Fitting k-means with k = {k} (trying k = 2 to 6)"
                                         for k in range(2, 7)]
    fractions = [s.fraction for s in scan]
    assert fractions == sorted(fractions) and fractions[0] == 0 and fractions[-1] == 0.8
    assert result.statistics["cluster_sizes"] == {"1": 60, "2": 60}
    quiet = run_tool("kmeans", dataset=two_groups(), k_max=6)  # the same without a run
    assert quiet.statistics == result.statistics


def test_the_arima_search_reports_each_model_and_the_chosen_fit():
    frame = as_dataset("nile").frame()
    heard, result = steps_of("arima", dataset=frame, target="flow", date="year", horizon=5)
    said = [s.message for s in heard]
    assert said[0] == "Running the arima tool"
    assert "Testing the series for a trend (KPSS, ADF)" in said
    searched = [s for s in heard if s.message.startswith("Searching ARIMA models: fitting ")]
    assert len(searched) >= 4
    assert [s.fraction for s in searched] == sorted(s.fraction for s in searched)
    candidates = result.tables["candidates"]
    chosen = candidates.loc[candidates["chosen"].astype(bool), "model"].iloc[0]
    assert said[-1] == f"Fitting the chosen model, {chosen}"
    tried = {s.message.split("fitting ", 1)[1].split(" (")[0] for s in searched}
    assert tried == set(candidates["model"])  # one step per model the search fitted


def test_exponential_smoothing_and_model_evaluation_report_their_fits():
    sales = as_dataset("sales").frame()
    monthly = sales.groupby("month", as_index=False)["sales"].sum()
    heard, _ = steps_of("exponential_smoothing", dataset=monthly, target="sales",
                        date="month", horizon=6)
    fits = [s for s in heard if s.message.startswith("Fitting exponential smoothing")]
    assert len(fits) >= 2 and all(s.fraction is not None and s.fraction < 1 for s in fits)
    heard, _ = steps_of("evaluate_model", dataset=sales, target="sales",
                        features=["marketing", "price"])
    assert any(s.message.startswith("Training ") and " rows, testing on " in s.message
               for s in heard)


def test_a_stopped_tool_ends_at_its_next_step():
    heard: list[str] = []
    run = Run()

    def on_step(step) -> None:
        heard.append(step.message)
        if "k = 3" in step.message:
            run.cancel()  # Stop pressed while k = 3 is fitted

    run.on_step = on_step
    with running(run), pytest.raises(Cancelled):
        run_tool("kmeans", dataset=two_groups(), k_max=9)
    assert heard[-1].startswith("Fitting k-means with k = 3")  # k = 4 never started


@pytest.mark.slow
def test_run_tool_magic_shows_steps_while_it_runs_and_leaves_only_the_result():
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        kc.execute_interactive("%load_ext nbdatachat\nimport numpy as np, pandas as pd\n"
                               "rng = np.random.default_rng(0)\n"
                               "pts = pd.DataFrame({'a': np.r_[rng.normal(0, 1, 60), "
                               "rng.normal(6, 1, 60)], 'b': np.r_[rng.normal(0, 1, 60), "
                               "rng.normal(6, 1, 60)]})", timeout=60)
        msg_id = kc.execute("%%run_tool kmeans pts\nk_max: 5\n")
        outputs, deadline = [], time.monotonic() + 120
        while time.monotonic() < deadline:
            msg = kc.get_iopub_msg(timeout=120)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] in ("display_data", "update_display_data"):
                outputs.append((msg["msg_type"], msg["content"]))
        kinds = [k for k, _ in outputs]
        first_step = outputs[0][1]
        assert kinds[0] == "display_data" and "display_id" in first_step["transient"]
        assert first_step["data"]["text/plain"].startswith("⏳ Fitting k-means with k = 2")
        step_id = first_step["transient"]["display_id"]
        updates = [c for k, c in outputs if k == "update_display_data"]
        assert all(c["transient"]["display_id"] == step_id for c in updates)
        assert [c["data"]["text/plain"][:28] for c in updates[:-1]] == \
            [f"⏳ Fitting k-means with k = {k}" for k in range(3, 6)]
        assert updates[-1]["data"] == {"text/plain": ""}  # blanked when done
        results = [c for k, c in outputs if k == "display_data"][1:]
        assert any("cluster" in c["data"].get("text/html", "").lower() for c in results)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
