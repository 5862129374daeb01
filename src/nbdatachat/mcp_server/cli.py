"""``nbdatachat mcp``: the MCP server over stdio (for Claude Desktop, IDEs, Jupyter AI)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_commands(subparsers: Any) -> None:
    mcp = subparsers.add_parser(
        "mcp", help="Run the MCP server over stdio (tools: ask, run_tool, list_tools, "
                    "tool_schema, list_datasets).",
        description="Serve nbdatachat to an MCP client over stdio. Datasets are the catalog "
                    "plus --dataset NAME=PATH; the planner follows NBDATACHAT_PLANNER and the "
                    "NBDATACHAT_LLM_* settings unless --planner is given.")
    mcp.add_argument("--dataset", action="append", default=[], metavar="NAME=PATH",
                     help="Register a CSV/Parquet file (or SQL_URL#table) under NAME. "
                          "Repeatable.")
    mcp.add_argument("--planner", choices=["rules", "llm", "auto"], default=None)
    mcp.set_defaults(func=cmd_mcp)


def cmd_mcp(args: argparse.Namespace) -> int:
    from ..data import default_catalog
    from ..errors import InvalidRequest
    from .tools import LocalBackend, build_server

    catalog = default_catalog()
    for spec in args.dataset:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            raise InvalidRequest(f"--dataset takes NAME=PATH, not {spec!r}.")
        catalog.register(name, path)
    server = build_server(LocalBackend(planner=args.planner))
    print("nbdatachat MCP server on stdio", file=sys.stderr)
    server.run("stdio")
    return 0


__all__ = ["add_commands", "cmd_mcp"]
