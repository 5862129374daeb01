"""nbdatachat: talk to your data from inside Jupyter.

Public API (names resolve lazily so ``import nbdatachat`` stays fast)::

    nbdatachat.list_tools()                  # the analysis tools and their schemas
    nbdatachat.tool_schema("arima")
    nbdatachat.run_tool("linear_regression", dataset=df, target="sales", features=[...])
    nbdatachat.catalog.register("sales", "sales.csv")
"""

from __future__ import annotations

import importlib
from typing import Any

from ._version import __version__

_LAZY: dict[str, tuple[str, str]] = {
    "list_tools": ("nbdatachat.tools", "list_tools"),
    "tool_schema": ("nbdatachat.tools", "tool_schema"),
    "run_tool": ("nbdatachat.tools", "run_tool"),
    "ToolResult": ("nbdatachat.tools", "ToolResult"),
    "Catalog": ("nbdatachat.data", "Catalog"),
    "Dataset": ("nbdatachat.data", "Dataset"),
    "SQLTable": ("nbdatachat.data", "SQLTable"),
    "as_dataset": ("nbdatachat.data", "as_dataset"),
    "read_table_file": ("nbdatachat.data", "read_table_file"),
    "profile": ("nbdatachat.data", "profile"),
    "describe_schema": ("nbdatachat.data", "describe_schema"),
    "JobRunner": ("nbdatachat.jobs", "JobRunner"),
    "NbDataChatError": ("nbdatachat.errors", "NbDataChatError"),
    "ask": ("nbdatachat.service", "ask"),
    "Answer": ("nbdatachat.service", "Answer"),
    "Conversation": ("nbdatachat.service", "Conversation"),
    "ChatPanel": ("nbdatachat.jupyter.widget", "ChatPanel"),
    "KnowledgeBase": ("nbdatachat.kb", "KnowledgeBase"),
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
        raise AttributeError(f"module 'nbdatachat' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, "catalog"])


__all__ = ["__version__", "catalog", *_LAZY]
