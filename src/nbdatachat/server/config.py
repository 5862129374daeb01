"""Server settings, readable from the environment so that every uvicorn worker process
(which imports the app fresh) sees the same configuration as ``nbdatachat serve``."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..store import default_data_dir, default_db_url, parse_limits

CONFIG_ENV = "NBDATACHAT_SERVER_CONFIG"


@dataclass
class ServerConfig:
    db_url: str | None = None
    data_dir: str | None = None
    auth: bool = True
    rate_limits: dict[str, int] | None = None      # default for keys without their own
    max_body_bytes: int = 10 * 1024 * 1024          # JSON requests
    max_upload_bytes: int = 200 * 1024 * 1024       # dataset uploads
    job_workers: int = 2
    result_cache_entries: int = 512                 # sync /tools/run results kept (0: off)
    thread_workers: int = 2
    run_timeout_secs: float = 300.0                 # thread runs older than this: expired
    default_dataset: str = "sales"
    # Server-side files registered through the API must live under one of these folders.
    allowed_roots: list[str] = field(default_factory=list)
    # NAME -> path or SQL URL#table, registered at start-up (``serve --dataset``).
    preload: dict[str, str] = field(default_factory=dict)

    def resolved_data_dir(self) -> Path:
        return Path(self.data_dir).expanduser() if self.data_dir else default_data_dir()

    def resolved_db_url(self) -> str:
        return self.db_url or default_db_url(self.resolved_data_dir())

    def roots(self) -> list[Path]:
        roots = [Path(r).expanduser().resolve() for r in self.allowed_roots]
        return roots or [Path.cwd().resolve(), self.resolved_data_dir().resolve()]

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> "ServerConfig":
        raw = os.environ.get(CONFIG_ENV)
        data: dict[str, Any] = json.loads(raw) if raw else {}
        cfg = cls(**data)
        if cfg.rate_limits is None and os.environ.get("NBDATACHAT_RATE_LIMITS"):
            cfg.rate_limits = parse_limits(os.environ["NBDATACHAT_RATE_LIMITS"])
        return cfg
