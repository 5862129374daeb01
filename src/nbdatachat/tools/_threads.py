"""Run small numerical fits with one native thread.

State-space filters, exponential-smoothing optimisers and k-means on a few thousand rows do
many operations on tiny arrays. Multi-threaded BLAS/OpenMP spends more time waking and
synchronising threads than computing, and on a busy machine (a shared JupyterHub node, CI)
the threads fight other processes for cores: measured 3-10x slower than one thread for the
automatic ARIMA search and the k-means k scan. The limit is process-wide while the
decorated function runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def single_threaded(func: Callable[P, R]) -> Callable[P, R]:
    """Decorate ``func`` so native libraries (BLAS, OpenMP) use one thread while it runs."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn
            return func(*args, **kwargs)
        with threadpool_limits(limits=1):
            return func(*args, **kwargs)

    return run
