"""Start the real ``nbdatachat serve`` in a subprocess on a free 127.0.0.1 port.

Shared by the ``test_server_*`` modules: each starts its own server (module scope) with a
temporary SQLite database and data dir, and a known ``NBDATACHAT_API_KEY``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

API_KEY = "nbdc_test_" + "k" * 32


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str, data_dir: Path, db_url: str | None = None, check: bool = True,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``nbdatachat <args>`` (as ``python -m nbdatachat``)."""
    full_env = {**os.environ, "NBDATACHAT_DATA_DIR": str(data_dir), **(env or {})}
    if db_url:
        full_env["NBDATACHAT_DB_URL"] = db_url
    return subprocess.run([sys.executable, "-m", "nbdatachat", *args], env=full_env,
                          capture_output=True, text=True, timeout=60, check=check)


@dataclass
class Server:
    data_dir: Path
    port: int
    db_url: str
    extra_args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def headers(self) -> dict[str, str]:
        return {"X-API-Key": API_KEY, "Content-Type": "application/json"}

    def start(self, timeout: float = 60) -> "Server":
        env = {**os.environ, "NBDATACHAT_API_KEY": API_KEY, "NBDATACHAT_DB_URL": self.db_url,
               "NBDATACHAT_DATA_DIR": str(self.data_dir), **self.env}
        self.log_path = self.data_dir / f"server-{self.port}-{time.time():.0f}.log"
        log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "nbdatachat", "serve", "--port", str(self.port),
             "--data-dir", str(self.data_dir), "--no-dev-key", *self.extra_args],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                if httpx.get(self.base_url + "/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text() if self.log_path and self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the whole process group: no shutdown hook runs (a real crash)."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def start_server(tmp: Path, *args: str, env: dict[str, str] | None = None,
                 db_url: str | None = None) -> Server:
    tmp.mkdir(parents=True, exist_ok=True)
    url = db_url or f"sqlite:///{tmp / 'state.db'}"
    return Server(tmp, free_port(), url, list(args), dict(env or {})).start()


def poll(fn, until, timeout: float = 30.0, interval: float = 0.05):
    """Call ``fn()`` until ``until(result)`` holds; return the last result."""
    deadline = time.time() + timeout
    while True:
        out = fn()
        if until(out) or time.time() > deadline:
            return out
        time.sleep(interval)
