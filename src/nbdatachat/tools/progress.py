"""Progress and cancellation of one running question or tool.

A front-end (the lab panel's kernel bridge, the ipywidgets panel, ``%%run_tool``, the server)
wraps the work in :func:`running` with an ``on_step`` callback that shows each step as it
happens, and keeps the :class:`Run` to stop it. The engine reports where it is with
:func:`step` (reading the question, asking the model, running the query, a tool's stages);
a long tool reports its own stages the same way::

    from nbdatachat.tools.progress import step

    for k in range(2, 9):
        step(f"fitting k-means with k={k}", fraction=(k - 2) / 7)
        ...

Every step is also a cancellation point: after :meth:`Run.cancel` the next step raises
:class:`Cancelled`, and the callbacks registered with :meth:`Run.add_callback` run at once (the
model call aborts its HTTP request). Outside :func:`running` a step costs one context-variable
read and does nothing, so tools call it freely.

It lives with the tools because tools are the lowest layer that reports steps; the query,
model, service and front-end layers all import ``tools`` already.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

#: Steps kept per run (a tool may report one per iteration; the panel shows the last ones).
MAX_STEPS = 200
#: The callback hears a repeated message (a fraction moving) at most this often.
MIN_INTERVAL = 0.1


class Cancelled(BaseException):
    """The run was stopped (the panel's Stop button, a closed HTTP request).

    A ``BaseException``, as ``KeyboardInterrupt``: the engine turns every ``Exception`` into
    an answer, but a stopped question must leave no answer and no conversation turn behind.
    """

    def __init__(self, message: str = "Stopped before it finished.") -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Step:
    """One step: what is being done, how far (0-1) when known, and when (ms since start)."""

    message: str
    fraction: float | None = None
    elapsed_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "fraction": self.fraction,
                "elapsed_ms": round(self.elapsed_ms, 1)}


OnStep = Callable[[Step], None]


class CancelSwitch:
    """A switch another thread flips to stop work, with callbacks that run when it is
    flipped (abort an HTTP request, wake a waiting loop). Thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        """Flip the switch and run the callbacks (once)."""
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for fn in callbacks:
            try:
                fn()
            except Exception:  # a finished call may have nothing left to abort
                log.debug("cancel callback failed", exc_info=True)

    def add_callback(self, fn: Callable[[], None]) -> Callable[[], None]:
        """Call ``fn`` on cancel (now, if already cancelled); returns a remover."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(fn)
                return lambda: self._remove(fn)
        fn()
        return lambda: None

    def _remove(self, fn: Callable[[], None]) -> None:
        with self._lock:
            if fn in self._callbacks:
                self._callbacks.remove(fn)


class Run(CancelSwitch):
    """One question or tool being run: its steps so far, and the switch that stops it.

    :meth:`cancel` is called from another thread (a widget's button handler, the server's
    disconnect watcher) while the run's own thread reports steps.
    """

    def __init__(self, on_step: OnStep | None = None) -> None:
        super().__init__()
        self.on_step = on_step
        self.steps: list[Step] = []
        self._start = time.perf_counter()
        self._last_sent: tuple[str | None, float] = (None, 0.0)

    def check(self) -> None:
        """Raise :class:`Cancelled` when the run was stopped."""
        if self._event.is_set():
            raise Cancelled()

    def step(self, message: str, fraction: float | None = None) -> None:
        """Record a step and tell the front-end; raises :class:`Cancelled` once stopped."""
        self.check()
        if fraction is not None:
            fraction = min(1.0, max(0.0, float(fraction)))
        now = time.perf_counter()
        item = Step(str(message), fraction, (now - self._start) * 1000)
        last_message, last_time = self._last_sent
        repeated = last_message == item.message
        if repeated and self.steps:
            self.steps[-1] = item
        else:
            self.steps.append(item)
            del self.steps[:-MAX_STEPS]
        if self.on_step is not None and (not repeated or now - last_time >= MIN_INTERVAL):
            self._last_sent = (item.message, now)
            try:
                self.on_step(item)
            except Exception:  # a display that fails must not fail the work
                log.debug("progress callback failed", exc_info=True)


_current: ContextVar[Run | None] = ContextVar("nbdatachat_run", default=None)


@contextmanager
def running(run: Run | None = None, *, on_step: OnStep | None = None) -> Iterator[Run]:
    """Make ``run`` (or a new one calling ``on_step``) the current run of this thread or
    task while the block runs."""
    run = run if run is not None else Run(on_step)
    token = _current.set(run)
    try:
        yield run
    finally:
        _current.reset(token)


def current() -> Run | None:
    """The run the calling code belongs to, if a front-end started one."""
    return _current.get()


def step(message: str, fraction: float | None = None) -> None:
    """Report a step of the current run (nothing outside one); a cancellation point."""
    run = _current.get()
    if run is not None:
        run.step(message, fraction)


def check_cancelled() -> None:
    """Raise :class:`Cancelled` if the current run was stopped (a cancellation point that
    shows nothing)."""
    run = _current.get()
    if run is not None:
        run.check()


__all__ = ["CancelSwitch", "Cancelled", "Run", "Step", "check_cancelled", "current", "running",
           "step"]
