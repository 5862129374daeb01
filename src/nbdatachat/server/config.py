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
    lease_secs: float = 30.0                        # jobs/runs of a dead process: failed after
    default_dataset: str = "sales"
    # Server-side files registered through the API must live under one of these folders.
    allowed_roots: list[str] = field(default_factory=list)
    # Database URLs an admin key may register (patterns); NBDATACHAT_SQL_ALLOW adds to them.
    sql_allow: list[str] = field(default_factory=list)
    # NAME -> path or SQL URL#table, registered at start-up (``serve --dataset``).
    preload: dict[str, str] = field(default_factory=dict)
    # The question planner and model (over NBDATACHAT_PLANNER / NBDATACHAT_LLM_*; the API key
    # stays in NBDATACHAT_LLM_API_KEY), and the MCP endpoint at /mcp.
    planner: str | None = None
    llm_model: str = ""
    llm_base_url: str = ""
    llm_provider: str | None = None
    mcp: bool = True

    def llm_settings(self) -> Any:
        from ..llm.settings import LLMSettings

        return LLMSettings.from_env().with_(planner=self.planner, model=self.llm_model,
                                            base_url=self.llm_base_url,
                                            provider=self.llm_provider)

    def resolved_data_dir(self) -> Path:
        return Path(self.data_dir).expanduser() if self.data_dir else default_data_dir()

    def resolved_db_url(self) -> str:
        return self.db_url or default_db_url(self.resolved_data_dir())

    def roots(self) -> list[Path]:
        """Folders whose files may be registered by path (default: the working directory;
        the server's own data directory is never one, see ``server/sources.py``)."""
        roots = [Path(r).expanduser().resolve() for r in self.allowed_roots]
        return roots or [Path.cwd().resolve()]

    def sql_allow_patterns(self) -> list[str]:
        from .sources import SQL_ALLOW_ENV, parse_allow_list

        return [*self.sql_allow, *parse_allow_list(os.environ.get(SQL_ALLOW_ENV))]

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
