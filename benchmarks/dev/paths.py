"""Where the development data lives: ``../shared/dev-data/`` beside the repository.

The data is read in place and never copied into the repository (see the README of the
dev-data folder). The repository may be the integration clone or a git worktree nested one
level deeper, so every ancestor of the repository root is tried for ``shared/dev-data``;
``NBDATACHAT_DEV_DATA`` overrides the search.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "NBDATACHAT_DEV_DATA"
REPO_ROOT = Path(__file__).resolve().parents[2]


def dev_data_dir(start: Path | None = None, environ: dict[str, str] | None = None) -> Path | None:
    """The dev-data folder, or None when it is absent.

    ``$NBDATACHAT_DEV_DATA`` wins when set (and must exist); otherwise the first
    ``<ancestor>/shared/dev-data`` above ``start`` (the repository root by default).
    """
    env = os.environ if environ is None else environ
    explicit = env.get(ENV_VAR, "").strip()
    if explicit:
        path = Path(explicit).expanduser()
        return path if path.is_dir() else None
    root = (start or REPO_ROOT).resolve()
    for ancestor in root.parents:
        candidate = ancestor / "shared" / "dev-data"
        if candidate.is_dir():
            return candidate
    return None


def missing_message(what: str) -> str:
    return (f"skipped: {what} not found. The dev data is read from ../shared/dev-data/ "
            f"beside the repository (any ancestor's shared/dev-data) or from ${ENV_VAR}.")
