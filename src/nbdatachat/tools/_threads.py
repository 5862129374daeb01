"""Run small numerical fits with one native thread.

State-space filters, exponential-smoothing optimisers and k-means on a few thousand rows do
many operations on tiny arrays. Multi-threaded BLAS/OpenMP spends more time waking and
synchronising threads than computing, and on a busy machine (a shared JupyterHub node, CI)
the threads fight other processes for cores: measured 3-10x slower than one thread for the
automatic ARIMA search and the k-means k scan. The limit is process-wide while the
decorated function runs.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# threadpoolctl's ``threadpool_limits`` rescans every loaded library on each call (about
# 1.6 ms, more than a small fit); a controller built once costs 0.04 ms per limit. It is
# rebuilt when new modules were imported since, so libraries loaded later are covered.
_controller: tuple[int, Any] | None = None


def _get_controller() -> Any:
    global _controller
    if _controller is None or _controller[0] != len(sys.modules):
        from threadpoolctl import ThreadpoolController

        _controller = (len(sys.modules), ThreadpoolController())
    return _controller[1]


@contextlib.contextmanager
def one_thread(enabled: bool = True) -> Iterator[None]:
    """Within the block, native libraries (BLAS, OpenMP) use one thread (when ``enabled``)."""
    if not enabled:
        yield
        return
    try:
        controller = _get_controller()
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        yield
        return
    with controller.limit(limits=1):
        yield


def single_threaded(func: Callable[P, R]) -> Callable[P, R]:
    """Decorate ``func`` so native libraries (BLAS, OpenMP) use one thread while it runs."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with one_thread():
            return func(*args, **kwargs)

    return run
