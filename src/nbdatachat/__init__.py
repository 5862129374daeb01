"""nbdatachat: talk to your data from inside Jupyter.

The top level holds what a notebook user needs; everything else lives in its subpackage
(``nbdatachat.data``, ``nbdatachat.tools``, ``nbdatachat.jobs``, ``nbdatachat.jupyter`` ...).
Names resolve lazily, so ``import nbdatachat`` stays fast::

    nbdatachat.ask(df, "average tip by day")         # -> Answer
    nbdatachat.list_tools()                          # the analysis tools and their schemas
    nbdatachat.tool_schema("arima")
    nbdatachat.run_tool("linear_regression", dataset=df, target="sales", features=[...])
    nbdatachat.catalog.register("sales", "sales.csv")
    nbdatachat.ask("sales", "...", planner=my_planner)  # any nbdatachat.Planner
"""

from __future__ import annotations

import importlib
from typing import Any

from ._version import __version__

_LAZY: dict[str, tuple[str, str]] = {
    "ask": ("nbdatachat.service", "ask"),
    "Answer": ("nbdatachat.service", "Answer"),
    "run_tool": ("nbdatachat.tools", "run_tool"),
    "list_tools": ("nbdatachat.tools", "list_tools"),
    "tool_schema": ("nbdatachat.tools", "tool_schema"),
    "Catalog": ("nbdatachat.data", "Catalog"),
    "SQLTable": ("nbdatachat.data", "SQLTable"),
    "Plan": ("nbdatachat.planner", "Plan"),
    "Planner": ("nbdatachat.planner", "Planner"),
    "KnowledgeBase": ("nbdatachat.kb", "KnowledgeBase"),
}

#: Names the top level no longer exports, and where they live now.
_MOVED: dict[str, str] = {
    "ToolResult": "nbdatachat.tools",
    "Dataset": "nbdatachat.data",
    "as_dataset": "nbdatachat.data",
    "read_table_file": "nbdatachat.data",
    "profile": "nbdatachat.data",
    "describe_schema": "nbdatachat.data",
    "JobRunner": "nbdatachat.jobs",
    "NbDataChatError": "nbdatachat.errors",
    "Conversation": "nbdatachat.service",
    "ChatPanel": "nbdatachat.jupyter",
}


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext nbdatachat``: register the ``%%ask``, ``%%run_tool`` and ``%nbdatachat``
    magics (imports only what the magics need; the engine loads on first use)."""
    from .jupyter import load_ipython_extension as _load

    _load(ipython)


def __getattr__(name: str) -> Any:
    if name == "catalog":
        from .data import default_catalog

        return default_catalog()
    try:
        module, attr = _LAZY[name]
    except KeyError:
        if name in _MOVED:
            raise AttributeError(f"nbdatachat.{name} moved: use "
                                 f"'from {_MOVED[name]} import {name}'") from None
        raise AttributeError(f"module 'nbdatachat' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def _register_display() -> None:
    """Inside IPython, render answers and tool results as cards with charts (the formatters
    live in ``nbdatachat.jupyter``; outside IPython nothing is imported)."""
    import sys

    if "IPython" in sys.modules:
        from .jupyter.formatters import register_in_running_shell

        register_in_running_shell()


_register_display()


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, "catalog"])


__all__ = ["__version__", "catalog", *_LAZY]
