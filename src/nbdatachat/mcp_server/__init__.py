"""An MCP server over the engine, so agents (Claude, Jupyter AI, IDEs) can use nbdatachat.

Built on the official ``mcp`` SDK (imported only when a server starts). Tools: ``ask``,
``run_tool``, ``list_tools``, ``tool_schema``, ``list_datasets``, all read-only, with typed
input and output schemas. Two transports:

- ``nbdatachat mcp``: stdio, for a local agent; datasets are the catalog plus ``--dataset``;
- ``nbdatachat serve``: streamable HTTP at ``/mcp``, behind the same API keys, tool scopes
  and rate limits as the REST routes (see :mod:`nbdatachat.server.mcp`).
"""

from __future__ import annotations

from typing import Any

from ..extras import require

require("mcp", "The MCP server (nbdatachat mcp, /mcp on nbdatachat serve)")


def build_server(backend: Any) -> Any:
    from .tools import build_server as _build

    return _build(backend)


__all__ = ["build_server"]
