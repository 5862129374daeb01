"""Where a ``POST /tools/run`` request spends its CPU, stage by stage, in-process.

Used by ``python -m benchmarks server``. Each stage is timed on its own in CPU time of the
calling thread (best of several rounds, so another process's load on this shared machine
inflates it as little as possible), for seed 000's 3-row linear regression with unique data.
The first row drives the whole ASGI app (middleware, FastAPI validation, authentication, the
tool in the thread pool, the job's database write) without sockets, 32 requests at a time,
in CPU time of the whole process; what the HTTP figure adds on top is uvicorn and the kernel.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CPU_ROUNDS = 7


def best_cpu(fn: Callable[[], Any], n: int = 200, rounds: int = CPU_ROUNDS,
             clock: Callable[[], float] = time.thread_time) -> float:
    """Best CPU seconds per call of ``fn`` over ``rounds`` rounds of ``n`` calls."""
    fn()
    best = float("inf")
    for _ in range(rounds):
        t0 = clock()
        for _ in range(n):
            fn()
        best = min(best, (clock() - t0) / n)
    return best


def _asgi_request(app: Any, body: bytes, key: str) -> Callable[[], Any]:
    scope_base = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/tools/run", "raw_path": b"/tools/run", "root_path": "",
        "query_string": b"", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
        "headers": [(b"host", b"127.0.0.1"), (b"x-api-key", key.encode()),
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
    }

    async def call() -> int:
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await app(dict(scope_base), receive, send)
        return int(sent[0]["status"])

    return call


def asgi_cpu_per_request(app: Any, bodies: list[bytes], key: str, concurrency: int
                         ) -> tuple[float, float, int]:
    """(process CPU s/request, wall s/request, ok) driving the ASGI app with ``bodies``."""
    async def run() -> tuple[float, float, int]:
        calls = [_asgi_request(app, b, key) for b in bodies]
        for c in calls[:concurrency]:  # warm-up: thread pool, DB pages, caches
            await c()
        calls = calls[concurrency:]
        ok = 0

        async def worker(mine: list[Callable[[], Any]]) -> None:
            nonlocal ok
            for c in mine:
                status = await c()  # (not ``ok += await ...``: that reads ok before awaiting)
                ok += status == 200

        c0, t0 = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker(calls[i::concurrency]) for i in range(concurrency)))
        n = len(calls)
        return (time.process_time() - c0) / n, (time.perf_counter() - t0) / n, ok

    return asyncio.run(run())


def stage_rows(run_body: dict[str, Any], unique_body: Callable[[int], dict[str, Any]],
               key: str, concurrency: int) -> list[list[Any]]:
    """Rows of (stage, CPU microseconds per request, note)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as ``serve`` sets for its workers
    from nbdatachat.data import as_dataset
    from nbdatachat.jobs import Job
    from nbdatachat.server.app import create_app
    from nbdatachat.server.config import ServerConfig
    from nbdatachat.server.routes_tools import RunRequest
    from nbdatachat.store import SCOPES
    from nbdatachat.tools import validate_inputs
    from nbdatachat.tools._threads import one_thread

    inputs = run_body["taskList"]["inputs"]
    name = inputs["name"]
    tool_inputs = {k: v for k, v in inputs.items() if k != "name"}
    rows: list[list[Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        config = ServerConfig(data_dir=tmp, db_url=f"sqlite:///{Path(tmp) / 'bench.db'}")
        app = create_app(config)
        state = app.state.nbdc
        state.store.keys.register(key, "bench", scopes=SCOPES)
        bodies = [json.dumps(unique_body(i)).encode() for i in range(1500 + concurrency)]
        cpu, wall, ok = asgi_cpu_per_request(app, bodies[:], key, concurrency)
        rows.append(["ASGI app, whole request (no sockets; process CPU)", cpu * 1e6,
                     f"{ok} ok; {wall * 1e6:.0f} us wall/request"])
        body = bodies[-1]
        with one_thread():
            rows.append(["  JSON body -> RunRequest (FastAPI's model)",
                         best_cpu(lambda: RunRequest.model_validate_json(body)) * 1e6, ""])
            rows.append(["  API key lookup (database read)",
                         best_cpu(lambda: state.store.keys.authenticate(key)) * 1e6, ""])
            rows.append(["  validate_inputs (the tool's pydantic model)",
                         best_cpu(lambda: validate_inputs(name, tool_inputs)) * 1e6, ""])
            tool, parsed = validate_inputs(name, tool_inputs)
            rows.append(["  records -> frame",
                         best_cpu(lambda: as_dataset(parsed.dataset).frame()) * 1e6, ""])
            frame = as_dataset(parsed.dataset).frame()
            rows.append(["  the tool on the frame (design, solve, result)",
                         best_cpu(lambda: tool.func(parsed, frame)) * 1e6, ""])
            result = tool.func(parsed, frame)
            rows.append(["  result -> dict (to_dict)", best_cpu(result.to_dict) * 1e6, ""])
            job = Job("bench", name, status="success", result_dict=result.to_dict())
            out = job.to_dict()
            from starlette.responses import JSONResponse

            rows.append(["  response JSON (JSONResponse)",
                         best_cpu(lambda: JSONResponse(out)) * 1e6,
                         f"{len(json.dumps(out))} bytes"])
        counter = iter(range(10**9))

        def insert_batch() -> None:
            futures = [state.store.jobs.insert_async(
                Job(f"stage_{os.getpid()}_{next(counter)}", name, status="success",
                    result_dict=out, finished=time.time())) for _ in range(concurrency)]
            for f in futures:
                f.result()

        per = best_cpu(insert_batch, n=5, clock=time.process_time) / concurrency
        rows.append(["  job row insert (group commit of 32; process CPU)", per * 1e6, ""])
        state.close()
    return rows
