"""Optional parts and the extras that install them: ``pip install 'nbdatachat[server]'``.

The core (``ask``, the tools, data sources, magics, the widget and the lab panel) needs none
of these. Each optional part calls :func:`require` before it imports its libraries, so using
it without them says which extra to install instead of failing on an import deep inside.
"""

from __future__ import annotations

import importlib.util
import sys

from .errors import NbDataChatError

#: extra -> the modules it installs (import names), as in pyproject.toml's optional deps.
EXTRAS: dict[str, tuple[str, ...]] = {
    "kb": ("pypdf", "snowballstemmer", "bs4"),
    "server": ("fastapi", "uvicorn", "pypdf", "snowballstemmer", "bs4"),
    "mcp": ("mcp",),
}


class MissingExtra(NbDataChatError, ImportError):
    """An optional part was used without the extra that installs it."""

    code = "MISSING_EXTRA"
    http_status = 501


def _absent(module: str) -> bool:
    if module in sys.modules:
        return sys.modules[module] is None  # None: blocked (how tests simulate a missing one)
    try:
        return importlib.util.find_spec(module) is None
    except (ImportError, ValueError):
        return True


def missing(extra: str) -> list[str]:
    """The modules of ``extra`` that are not installed."""
    return [m for m in EXTRAS[extra] if _absent(m)]


def require(extra: str, feature: str) -> None:
    """Raise :class:`MissingExtra` naming ``pip install 'nbdatachat[extra]'`` when a module
    of ``extra`` is missing; ``feature`` says what the user tried to use."""
    absent = missing(extra)
    if absent:
        raise MissingExtra(
            f"{feature} needs the '{extra}' extra, which is not installed (missing: "
            f"{', '.join(absent)}). Install it with: pip install 'nbdatachat[{extra}]' "
            f"(or 'nbdatachat[all]' for every optional part).",
            details={"extra": extra, "missing": absent})


__all__ = ["EXTRAS", "MissingExtra", "missing", "require"]
