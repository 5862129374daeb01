"""The seed-002 knowledge-base API over HTTP against the plain library in-process.

``python -m benchmarks kb_server`` starts the real ``nbdatachat serve`` (temp SQLite) and
measures, on ~10,000 chunks of library docstrings (the corpus of ``bench_kb``):

1. training by ``upload-file`` (text extracted, chunked, indexed, persisted in the server's
   database) vs ``KnowledgeBase.from_texts`` in-process on the same texts;
2. ``query-knowledge-base`` p50/p95 latency vs ``KnowledgeBase.query`` (target p50 < 20 ms);
3. ``chat`` p50 without webhooks vs with a ``chat`` webhook whose receiver takes 200 ms per
   delivery: deliveries run in the background, so the ratio should stay near 1.
"""

from __future__ import annotations

import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np

from benchmarks._table import print_table
from benchmarks.bench_kb import _doc_texts
from benchmarks.bench_server import KEY, start_server

QUESTIONS = ["how to compute a rolling mean over a window", "singular value decomposition",
             "fit a random forest classifier", "kernel density estimate bandwidth",
             "merge two dataframes on a key column", "solve a linear system of equations",
             "cross validation with stratified folds", "fast fourier transform of a signal"]


class _SlowHook(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):  # noqa: N802 - http.server API
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(0.2)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _p(times: list[float], q: float) -> float:
    return float(np.percentile(times, q) * 1e3)


def main() -> None:
    import os
    import signal

    import httpx

    from nbdatachat.kb import KnowledgeBase

    texts = list(_doc_texts(10_000).values())
    files, current, size = [], [], 0
    for t in texts:  # ~1.5 MB per file: under the server's 10 MB body limit
        current.append(t)
        size += len(t)
        if size > 1_500_000:
            files.append("\n\n".join(current))
            current, size = [], 0
    if current:
        files.append("\n\n".join(current))

    t0 = time.perf_counter()
    kb = KnowledgeBase.from_texts(files)
    local_index = time.perf_counter() - t0
    n_chunks = len(kb.chunks)
    local_q = []
    for _ in range(5):
        for q in QUESTIONS:
            t = time.perf_counter()
            kb.query(q, 5)
            local_q.append(time.perf_counter() - t)

    hook = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    os.environ["NBDATACHAT_KB_ALLOW_HOSTS"] = "127.0.0.1"
    with tempfile.TemporaryDirectory() as tmp:
        proc, port = start_server(1, Path(tmp))
        try:
            api = httpx.Client(base_url=f"http://127.0.0.1:{port}/api/v2", timeout=300,
                               headers={"Authorization": f"Bearer {KEY}"})
            cid = api.post("/create-chatbot", json={"chatbotName": "bench"}).json()["chatbotId"]
            t0 = time.perf_counter()
            for i, text in enumerate(files):
                r = api.post(f"/upload-file/{cid}", files={
                    "file": (f"part{i}.txt", text.encode(), "text/plain")})
                r.raise_for_status()
            http_index = time.perf_counter() - t0
            http_q = []
            for _ in range(5):
                for q in QUESTIONS:
                    t = time.perf_counter()
                    api.post(f"/query-knowledge-base/{cid}", json={"query": q, "count": 5})
                    http_q.append(time.perf_counter() - t)

            def chats() -> list[float]:
                out = []
                for q in QUESTIONS * 3:
                    t = time.perf_counter()
                    api.post("/chat", json={"chatbotId": cid, "messages": [
                        {"role": "user", "content": q}]}).raise_for_status()
                    out.append(time.perf_counter() - t)
                return out

            plain = chats()
            api.post("/add-webhook", json={"chatbotId": cid, "event": "chat",
                                           "url": f"http://127.0.0.1:{hook.server_port}/h"})
            hooked = chats()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(30)
            hook.shutdown()

    print_table(f"knowledge-base API over HTTP ({n_chunks:,} chunks, "
                f"{sum(map(len, files)):,} characters)",
                ["measure", "nbdatachat HTTP", "in-process library", "ratio"], [
                    ["index (s)", http_index, local_index, http_index / local_index],
                    ["query p50 (ms)", _p(http_q, 50), _p(local_q, 50),
                     _p(http_q, 50) / _p(local_q, 50)],
                    ["query p95 (ms)", _p(http_q, 95), _p(local_q, 95),
                     _p(http_q, 95) / _p(local_q, 95)],
                ])
    print_table("chat p50 with a 200 ms webhook receiver (deliveries in the background)",
                ["measure", "with webhook", "without", "ratio"], [
                    ["chat p50 (ms)", _p(hooked, 50), _p(plain, 50),
                     _p(hooked, 50) / _p(plain, 50)]])


if __name__ == "__main__":
    main()
