"""Notebook front-ends: magics, rich display helpers, the ipywidgets ChatPanel, settings."""

from __future__ import annotations

from typing import Any


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext nbdatachat``: register ``%%ask``, ``%%run_tool`` and ``%nbdatachat``, and
    the display formatters of answers and tool results."""
    from .formatters import register_formatters
    from .magics import load_ipython_extension as _load

    register_formatters(ipython)
    _load(ipython)


def __getattr__(name: str) -> Any:
    if name == "ChatPanel":
        from .widget import ChatPanel

        return ChatPanel
    if name == "NbDataChat":
        from .config import NbDataChat

        return NbDataChat
    raise AttributeError(name)
