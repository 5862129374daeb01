"""jupyter-server-proxy entry point: the REST API under ``<base_url>nbdatachat/``.

Jupyter Server authenticates the user, so the proxied server runs on a private Unix socket
with key checks off; the JupyterLab panel and Binder reach it at ``{base_url}nbdatachat/``.
"""

from __future__ import annotations

import sys
from typing import Any


def setup_nbdatachat() -> dict[str, Any]:
    return {
        "command": [sys.executable, "-m", "nbdatachat.server", "serve", "--uds",
                    "{unix_socket}", "--no-auth", "--no-dev-key", "--root-path",
                    "{base_url}nbdatachat"],
        "unix_socket": True,
        "timeout": 30,
        "absolute_url": False,
        "launcher_entry": {"enabled": False, "title": "nbdatachat API"},
    }
