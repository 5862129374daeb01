"""The job runner behind ``POST /tools/run`` (sync or ``pollResponse``) and
``GET /tools/status/{processing_id}``: real tools, real threads."""

from __future__ import annotations

import json
import threading
import time

import pandas as pd
import pytest
from pydantic import Field

import nbdatachat
from nbdatachat.errors import Conflict, InvalidRequest, NotFound, UnknownTool
from nbdatachat.jobs import JobRunner, MemoryJobStore
from nbdatachat.tools import ToolInputs, ToolResult, tool
from nbdatachat.tools import registry as tool_registry

GATE = threading.Event()


class GateInputs(ToolInputs):
    fail: bool = Field(default=False, description="Raise a plain exception (a tool bug).")


@pytest.fixture
def gate_tool():
    """A real registered tool that holds its worker until the test opens the gate, so the
    queued and running states can be observed deterministically."""
    tool_registry._ensure_loaded()

    @tool("test_gate", description="Waits for the test's gate, then counts rows.",
          inputs=GateInputs, example={"dataset": [{"x": 1}]}, category="Test")
    def _gate(inputs: GateInputs, frame: pd.DataFrame) -> ToolResult:
        assert GATE.wait(10), "gate never opened"
        if inputs.fail:
            raise RuntimeError("boom")
        return ToolResult("test_gate", performance={"rows": len(frame)}, n_obs=len(frame))

    GATE.clear()
    yield "test_gate"
    GATE.set()
    tool_registry._REGISTRY.pop("test_gate", None)


@pytest.fixture
def runner():
    r = JobRunner(max_workers=2)
    yield r
    GATE.set()
    r.shutdown()


def _describe_inputs(values: list[float]) -> dict:
    return {"dataset": [{"x": v} for v in values], "features": ["x"]}


def test_sync_run_honours_processing_id(runner, seed_dataset):
    job = runner.submit("describe", {"dataset": seed_dataset}, processing_id="unique_id_123",
                        background=False)
    assert job.done and job.status == "success"
    out = job.to_dict()
    assert out["processing_id"] == "unique_id_123" and out["status"] == "success"
    assert out["elapsed_secs"] > 0
    direct = nbdatachat.run_tool("describe", dataset=seed_dataset).to_dict()
    assert out["result"] == direct
    assert out["result"]["statistics"]["sales"]["mean"] == pytest.approx(370 / 3)
    json.dumps(out, allow_nan=False)
    assert runner.get("unique_id_123") is job


def test_background_run_and_status_only(runner):
    job = runner.submit("describe", _describe_inputs([1, 2, 3, 4]))
    assert job.processing_id.startswith("job_")
    done = runner.wait(job.processing_id, timeout=30)
    assert done.status == "success"
    assert done.to_dict()["result"]["statistics"]["x"]["mean"] == 2.5
    assert done.to_dict(status_only=True) == {"processing_id": job.processing_id,
                                              "status": "success", "tool": "describe",
                                              "elapsed_secs": done.elapsed_secs}
    other = runner.submit("describe", _describe_inputs([1, 2]))
    assert other.processing_id != job.processing_id


def test_life_cycle_queued_running_success(gate_tool):
    with JobRunner(max_workers=1) as runner:
        first = runner.submit(gate_tool, {"dataset": [{"x": 1}, {"x": 2}]}, processing_id="a")
        second = runner.submit(gate_tool, {"dataset": [{"x": 1}]}, processing_id="b")
        deadline = time.time() + 10
        while runner.get("a").status != "running" and time.time() < deadline:
            time.sleep(0.005)
        assert runner.get("a").status == "running"
        assert runner.get("b").status == "queued"
        assert runner.get("b").to_dict() == {"processing_id": "b", "status": "queued",
                                             "elapsed_secs": 0.0, "tool": gate_tool}
        time.sleep(0.2)
        running = runner.get("a").elapsed_secs
        assert running >= 0.2 and "result" not in runner.get("a").to_dict()
        GATE.set()
        a, b = runner.wait("a", timeout=10), runner.wait("b", timeout=10)
        assert (a.status, b.status) == ("success", "success")
        assert a.elapsed_secs >= running and a.result_dict["performance"] == {"rows": 2}
        assert b.result_dict["n_obs"] == 1
        assert first.finished <= second.started  # one worker: strictly one after the other


def test_duplicate_processing_id_is_a_conflict(runner, gate_tool):
    runner.submit(gate_tool, {"dataset": [{"x": 1}]}, processing_id="dup")
    with pytest.raises(Conflict) as info:  # while the first is still running
        runner.submit("describe", _describe_inputs([1, 2]), processing_id="dup")
    assert info.value.http_status == 409
    assert info.value.to_dict()["error"]["details"]["processing_id"] == "dup"
    GATE.set()
    assert runner.wait("dup", timeout=10).tool == gate_tool  # the original is untouched
    with pytest.raises(Conflict):  # and after it finished
        runner.submit("describe", _describe_inputs([1, 2]), processing_id="dup",
                      background=False)


def test_failures_carry_the_error_shape(runner):
    job = runner.submit("describe", {"dataset": [{"x": 1}], "features": ["y"]},
                        processing_id="bad_col")
    job = runner.wait("bad_col", timeout=30)
    out = job.to_dict()
    assert out["status"] == "failed" and "result" not in out
    assert out["error"]["code"] == "COLUMN_NOT_FOUND"
    assert "Unknown feature 'y'" in out["error"]["message"]
    assert out["error"]["details"]["available"] == ["x"]
    assert job.exception is not None and job.exception.http_status == 400
    json.dumps(out, allow_nan=False)
    sync = runner.submit("describe", {"dataset": "no_such_dataset"}, background=False)
    assert sync.status == "failed" and sync.error["code"] == "INVALID_DATA"


def test_a_tool_bug_fails_the_job_not_the_runner(gate_tool):
    GATE.set()
    with JobRunner(max_workers=1) as runner:
        job = runner.wait(runner.submit(gate_tool, {"dataset": [{"x": 1}], "fail": True})
                          .processing_id, timeout=10)
        assert job.status == "failed" and job.error["code"] == "INTERNAL_ERROR"
        assert "RuntimeError: boom" in job.error["message"]
        after = runner.submit("describe", _describe_inputs([5, 7]), background=False)
        assert after.status == "success"  # the single worker survived


def test_bad_requests_fail_fast_and_store_nothing(runner):
    store = runner.store
    with pytest.raises(UnknownTool) as info:
        runner.submit("linear_regresion", {"dataset": [{"x": 1}]}, processing_id="p1")
    assert "Did you mean 'linear_regression'" in info.value.message
    with pytest.raises(InvalidRequest, match="Missing required parameter: dataset"):
        runner.submit("describe", {}, processing_id="p2")
    for bad in ("", "   ", "x" * 201, 12):
        with pytest.raises(InvalidRequest, match="processing_id"):
            runner.submit("describe", _describe_inputs([1]), processing_id=bad)
    assert store.get("p1") is None and store.get("p2") is None and len(store) == 0


def test_unknown_id_is_not_found(runner):
    with pytest.raises(NotFound) as info:
        runner.get("nope")
    assert info.value.http_status == 404
    assert info.value.to_dict()["error"]["details"] == {"processing_id": "nope"}
    with pytest.raises(NotFound):
        runner.wait("nope", timeout=0.1)


@pytest.mark.slow
def test_two_hundred_jobs_at_once_all_complete(runner):
    jobs = [runner.submit("describe", _describe_inputs([i, i + 1, i + 2]),
                          processing_id=f"bulk_{i}") for i in range(200)]
    assert len({j.processing_id for j in jobs}) == 200
    for i in range(200):
        job = runner.wait(f"bulk_{i}", timeout=60)
        assert job.status == "success", job.error
        assert job.result_dict["statistics"]["x"]["mean"] == i + 1
        assert job.elapsed_secs >= 0 and job.finished >= job.started >= job.submitted


def test_memory_store_forgets_oldest_finished_jobs():
    store = MemoryJobStore(max_jobs=5)
    with JobRunner(store=store) as runner:
        for i in range(8):
            runner.submit("describe", _describe_inputs([i, i]), processing_id=f"j{i}",
                          background=False)
        assert len(store) == 5
        with pytest.raises(NotFound):
            runner.get("j0")
        assert runner.get("j7").status == "success"
        runner.submit("describe", _describe_inputs([1, 2]), processing_id="j0",
                      background=False)  # a forgotten id may be used again


def test_wait_polls_jobs_of_another_runner_sharing_the_store(gate_tool):
    """As with a database store shared by several server processes."""
    store = MemoryJobStore()
    with JobRunner(store=store) as owner, JobRunner(store=store) as other:
        owner.submit(gate_tool, {"dataset": [{"x": 1}]}, processing_id="shared")
        assert other.wait("shared", timeout=0.2).status in ("queued", "running")
        threading.Timer(0.2, GATE.set).start()
        job = other.wait("shared", timeout=10, poll=0.01)
        assert job.status == "success" and job.result_dict["n_obs"] == 1
