"""The embedded REST server: the seeds' APIs over HTTP, backed by the local engine.

``create_app(ServerConfig(...))`` returns a FastAPI app; ``nbdatachat serve`` runs it on
uvicorn. Routes are thin: each calls the same service layer the notebook uses.
"""

from __future__ import annotations

from typing import Any

from .config import ServerConfig

__all__ = ["ServerConfig", "create_app"]


def create_app(config: ServerConfig | None = None, **kwargs: Any) -> Any:
    from .app import create_app as _create

    return _create(config, **kwargs)
