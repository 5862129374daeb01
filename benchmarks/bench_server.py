"""REST server throughput and latency against the plain-library baseline.

``python -m benchmarks server`` starts the real ``nbdatachat serve`` (uvicorn, temp SQLite)
and measures:

1. ``POST /tools/run`` requests/s for seed 000's 3-row linear regression at 32 concurrent
   keep-alive clients, vs calling ``run_tool`` in-process: *uncached* (every request's
   inline data is unique, so every one runs the tool; target >= 400/s on 2 cores) and
   *cached* (the same request repeated: the result cache answers);
2. 1,000 ``pollResponse`` jobs submitted at once: all reach ``success``, none lost;
3. p50 latency of ``/api/v1/analytics/chat`` vs ``nbdatachat.ask`` in-process (<= 1.5x).

The load generator is a minimal asyncio HTTP/1.1 client (pre-encoded requests, keep-alive),
so that the client's own CPU use on this 2-core machine stays small, as wrk's would.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from dataclasses import dataclass
from typing import Any

from benchmarks._table import print_table

KEY = "nbdc_bench_" + "b" * 32
SEED = [{"sales": 100, "marketing": 50, "price": 25},
        {"sales": 150, "marketing": 75, "price": 30},
        {"sales": 120, "marketing": 60, "price": 28}]
RUN_BODY = {"taskList": {"inputs": {"name": "linear_regression", "dataset": SEED,
                                    "target": "sales", "features": ["marketing", "price"]}}}
CONCURRENCY = 32


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workers: int, data_dir: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {**os.environ, "NBDATACHAT_API_KEY": KEY}
    proc = subprocess.Popen(
        [sys.executable, "-m", "nbdatachat", "serve", "--port", str(port),
         "--data-dir", str(data_dir), "--no-dev-key", "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    import httpx

    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                # every worker must be up: warm each with a few requests
                return proc, port
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def stop_server(proc: subprocess.Popen) -> None:
    import signal

    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def _request(method: str, path: str, body: Any = None) -> bytes:
    data = json.dumps(body).encode() if body is not None else b""
    head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {KEY}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n")
    return head.encode() + data


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        if line.lower().startswith("content-length:"):
            length = int(line.split(":", 1)[1])
    return status, await reader.readexactly(length)


async def _client(port: int, requests: list[bytes], out: list[tuple[int, bytes, float]]
                  ) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for req in requests:
            t0 = time.perf_counter()
            writer.write(req)
            status, body = await _read_response(reader)
            out.append((status, body, time.perf_counter() - t0))
    finally:
        writer.close()


async def _load(port: int, reqs: list[bytes], concurrency: int
                ) -> tuple[float, list[tuple[int, bytes, float]]]:
    per = [reqs[i::concurrency] for i in range(concurrency)]
    out: list[tuple[int, bytes, float]] = []
    t0 = time.perf_counter()
    await asyncio.gather(*(_client(port, p, out) for p in per if p))
    return time.perf_counter() - t0, out


def _unique_body(i: int) -> dict[str, Any]:
    """Seed 000's request with one value changed per ``i``: same work, never cached."""
    rows = [dict(r) for r in SEED]
    rows[0]["sales"] = 100 + i * 1e-6
    return {"taskList": {"inputs": {**RUN_BODY["taskList"]["inputs"], "dataset": rows}}}


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and its descendants."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return float("nan")
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


@dataclass
class LoadRun:
    """One load phase: throughput, and CPU per request of the server and of the client."""

    rps: float
    ok: int
    server_cpu: float  # seconds per request, all server processes
    client_cpu: float  # seconds per request, this load generator

    @property
    def ceiling(self) -> float:
        """Requests/s the 2 cores could serve if nothing else ran: cores / CPU per request."""
        return (os.cpu_count() or 1) / (self.server_cpu + self.client_cpu)


def bench_tools_run(port: int, n: int = 4000, *, unique: bool = False,
                    server_pid: int | None = None, offset: int = 0) -> LoadRun:
    """Requests/s of ``POST /tools/run``; ``unique`` makes every request's data different
    (``offset`` shifts the values, so a second run is not answered from the cache)."""
    if unique:
        reqs = [_request("POST", "/tools/run", _unique_body(offset + i)) for i in range(n + 200)]
        warm, reqs = reqs[:200], reqs[200:]
    else:
        req = _request("POST", "/tools/run", RUN_BODY)
        warm, reqs = [req] * 200, [req] * n
    asyncio.run(_load(port, warm, CONCURRENCY))  # warm up every worker
    s0 = _tree_cpu(server_pid) if server_pid else float("nan")
    c0 = time.process_time()
    elapsed, out = asyncio.run(_load(port, reqs, CONCURRENCY))
    client = (time.process_time() - c0) / n
    server = ((_tree_cpu(server_pid) - s0) / n) if server_pid else float("nan")
    ok = sum(1 for s, _, _ in out if s == 200)
    return LoadRun(n / elapsed, ok, server, client)


def baseline_run_tool(n: int = 300) -> float:
    from nbdatachat import run_tool

    from threadpoolctl import threadpool_limits

    inputs = RUN_BODY["taskList"]["inputs"]
    kwargs = {k: v for k, v in inputs.items() if k != "name"}
    run_tool("linear_regression", **kwargs).to_dict()  # loads scipy's BLAS first
    with threadpool_limits(1):  # as in the server's workers: one BLAS thread
        run_tool("linear_regression", **kwargs).to_dict()
        t0 = time.perf_counter()
        for _ in range(n):
            run_tool("linear_regression", **kwargs).to_dict()
        return n / (time.perf_counter() - t0)


def bench_poll_jobs(port: int, n: int = 1000) -> tuple[float, int, int]:
    reqs = [_request("POST", "/tools/run", {**RUN_BODY, "pollResponse": True,
                                            "taskList": {"inputs": {
                                                **RUN_BODY["taskList"]["inputs"],
                                                "processing_id": f"bench_{os.getpid()}_{i}"}}})
            for i in range(n)]
    t0 = time.perf_counter()
    _, out = asyncio.run(_load(port, reqs, CONCURRENCY))
    accepted = [json.loads(b)["processing_id"] for s, b, _ in out if s == 200]
    pending = set(accepted)
    while pending and time.perf_counter() - t0 < 300:
        polls = [_request("GET", f"/tools/status/{pid}?statusOnly=true") for pid in pending]
        _, res = asyncio.run(_load(port, polls, CONCURRENCY))
        for s, b, _ in res:
            if s == 200 and json.loads(b)["status"] == "success":
                pending.discard(json.loads(b)["processing_id"])
        if pending:
            time.sleep(0.2)
    return time.perf_counter() - t0, len(accepted), len(accepted) - len(pending)


class _BlockingClient:
    """One keep-alive HTTP/1.1 connection driven synchronously, so that HTTP requests can be
    interleaved with in-process calls (both then see the same machine load)."""

    def __init__(self, port: int) -> None:
        import socket

        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.file = self.sock.makefile("rb")

    def request(self, raw: bytes) -> tuple[int, bytes]:
        self.sock.sendall(raw)
        status = int(self.file.readline().split()[1])
        length = 0
        while (line := self.file.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, self.file.read(length)

    def close(self) -> None:
        self.file.close()
        self.sock.close()


def bench_chat(port: int, rounds: int = 60) -> tuple[float, float, float] | None:
    """p50 of ``ask`` in-process (default store, warm) and of the same question over HTTP
    (a new conversation each time, as the in-process call starts one), interleaved call by
    call so that load from other processes hits both sides alike; plus the p50 of
    ``GET /health`` (the HTTP round trip's floor)."""
    try:
        from nbdatachat import ask
    except (ImportError, AttributeError):
        return None
    question = "total sales by region"
    chat = _request("POST", "/api/v1/analytics/chat",
                    {"query": question, "collectionIds": ["sales"]})
    health = _request("GET", "/health")
    client = _BlockingClient(port)
    try:
        for _ in range(5):  # warm both sides (engine caches, DB pages, connection pool)
            ask("sales", question)
            client.request(chat)
        local, remote, floor = [], [], []
        for _ in range(rounds):
            t0 = time.perf_counter()
            ask("sales", question)
            t1 = time.perf_counter()
            status, _ = client.request(chat)
            t2 = time.perf_counter()
            client.request(health)
            t3 = time.perf_counter()
            local.append(t1 - t0)
            if status == 200:
                remote.append(t2 - t1)
            floor.append(t3 - t2)
    finally:
        client.close()
    return (statistics.median(local),
            statistics.median(remote) if remote else float("nan"),
            statistics.median(floor))


def _load_text() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def _run_rows(label: str, runs: list[LoadRun], base: float, target: str, workers: int
              ) -> list[list[Any]]:
    best = max(runs, key=lambda r: r.rps)
    server = statistics.median(r.server_cpu for r in runs)
    client = statistics.median(r.client_cpu for r in runs)
    ceiling = statistics.median(r.ceiling for r in runs)
    shown = ", ".join(f"{r.rps:.0f}" for r in runs)
    return [
        [f"POST /tools/run req/s {label} (32 clients, {workers} workers; best of "
         f"{len(runs)}: {shown})", best.rps, f"{base:.0f}/s in-process",
         f"{best.rps / base:.2f}x", target, f"{sum(r.ok for r in runs)} ok"],
        [f"  CPU ms/request {label}: server | load generator", server * 1000,
         f"{client * 1000:.2f} ms client", "", "",
         f"2 idle cores would serve ~{ceiling:.0f}/s (cores / CPU per request)"],
    ]


def main() -> None:
    workers = int(os.environ.get("NBDATACHAT_BENCH_WORKERS", "2"))
    rounds = int(os.environ.get("NBDATACHAT_BENCH_ROUNDS", "2"))
    rows: list[list[Any]] = []
    load_before = _load_text()
    with tempfile.TemporaryDirectory() as tmp:
        proc, port = start_server(workers, Path(tmp))
        try:
            base = baseline_run_tool()
            uncached: list[LoadRun] = []
            cached: list[LoadRun] = []
            for r in range(rounds):  # interleaved, so that other load hits both alike
                uncached.append(bench_tools_run(port, unique=True, server_pid=proc.pid,
                                                offset=r * 10_000))
                cached.append(bench_tools_run(port, server_pid=proc.pid))
            rows += _run_rows("uncached (unique data)", uncached, base, ">= 400/s", workers)
            rows += _run_rows("cached (same request)", cached, base, ">= 500/s", workers)
            secs, accepted, done = bench_poll_jobs(port)
            rows.append(["1,000 pollResponse jobs: s until all success", secs,
                         f"{accepted} accepted", f"{done} success", "all success",
                         f"{accepted - done} lost"])
            chat = bench_chat(port)
            if chat is None:
                rows.append(["chat p50", "n/a", "nbdatachat.ask not available", "", "<= 1.5x",
                             ""])
            else:
                local, remote, floor = chat
                rows.append(["p50 /api/v1/analytics/chat (ms)", remote * 1000,
                             f"{local * 1000:.1f} ms ask()", f"{remote / local:.2f}x",
                             "<= 1.5x", f"GET /health p50 {floor * 1000:.2f} ms"])
        finally:
            stop_server(proc)
    from benchmarks.server_stages import stage_rows

    stages = stage_rows(RUN_BODY, _unique_body, KEY, CONCURRENCY)
    print(f"machine load average (1/5/15 min) before: {load_before}, after: {_load_text()} "
          f"on {os.cpu_count()} cores")
    print_table("REST server (uvicorn, SQLite state) vs the plain library",
                ["measure", "value", "baseline", "ratio", "target", "note"], rows)
    print_table("One uncached POST /tools/run in-process, stage by stage (CPU microseconds, "
                "best of rounds)", ["stage", "CPU us/request", "note"], stages)


if __name__ == "__main__":
    main()
