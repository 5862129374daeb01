"""Run small numerical fits with one native thread.

State-space filters, exponential-smoothing optimisers and k-means on a few thousand rows do
many operations on tiny arrays. Multi-threaded BLAS/OpenMP spends more time waking and
synchronising threads than computing, and on a busy machine (a shared JupyterHub node, CI)
the threads fight other processes for cores: measured 3-10x slower than one thread for the
automatic ARIMA search and the k-means k scan. The limit is process-wide while the
decorated function runs.

threadpoolctl can only limit libraries that are loaded, so the libraries a fit will use
(scipy's BLAS; scikit-learn's OpenMP for the tools built on it) are imported before the
limit is set. Without that, the first fit in a fresh kernel imported them inside the limit
and ran them with every thread: an automatic ARIMA that takes 3 s took 86 s on a busy
2-core machine.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
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


#: Imported before limiting, so their native thread pools exist and are limited too.
DEFAULT_PRELOAD = ("scipy.linalg",)
SKLEARN_PRELOAD = ("scipy.linalg", "sklearn.utils._openmp_helpers")


def _preload(modules: tuple[str, ...]) -> None:
    for name in modules:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except ImportError:  # pragma: no cover - optional native libraries
                pass


@contextlib.contextmanager
def one_thread(enabled: bool = True, preload: tuple[str, ...] = DEFAULT_PRELOAD
               ) -> Iterator[None]:
    """Within the block, native libraries (BLAS, OpenMP) use one thread (when ``enabled``);
    the ``preload`` modules are imported first so their thread pools are covered."""
    if not enabled:
        yield
        return
    _preload(preload)
    try:
        controller = _get_controller()
    except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
        yield
        return
    with controller.limit(limits=1):
        yield


def single_threaded(func: Callable[P, R] | None = None, *,
                    preload: tuple[str, ...] = DEFAULT_PRELOAD) -> Any:
    """Decorate ``func`` so native libraries (BLAS, OpenMP) use one thread while it runs:
    ``@single_threaded``, or ``@single_threaded(preload=SKLEARN_PRELOAD)`` for a function
    that uses scikit-learn."""

    def decorate(f: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(f)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            with one_thread(preload=preload):
                return f(*args, **kwargs)

        return run

    return decorate(func) if func is not None else decorate
