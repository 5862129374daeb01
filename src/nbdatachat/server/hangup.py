"""Stop the work of a request whose client hung up (the panel's Stop aborts its fetch).

A question runs in the thread pool inside a :class:`~nbdatachat.tools.progress.Run`; while
it runs, the route checks whether the client is still connected, and cancels the run when it
is not. The work stops at its next step (a model call aborts its HTTP request at once), and
because a stopped question raises before its conversation turn is recorded, nothing is
written: no orphan thread finishes the job and stores an answer nobody will read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from ..tools.progress import Cancelled, Run, running

T = TypeVar("T")

#: How often the route looks for a hung-up client while the work runs (seconds).
POLL = 0.2


class ClientGone(Exception):
    """The client disconnected and the work was stopped; there is no one to answer."""


async def run_until_hangup(request: Request, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in the thread pool, cancelled when the client disconnects.

    Raises :class:`ClientGone` when it was stopped that way."""
    run = Run()
    stopped = object()

    def work() -> Any:
        with running(run):
            try:
                return fn(*args)
            except Cancelled:
                return stopped

    task = asyncio.ensure_future(run_in_threadpool(work))
    while True:
        done, _ = await asyncio.wait({task}, timeout=POLL)
        if done:
            break
        if await request.is_disconnected():
            run.cancel()
            await task  # returns at the work's next step
            break
    result = task.result()
    if result is stopped or run.cancelled:
        raise ClientGone("the client disconnected; the work was stopped")
    return result


__all__ = ["ClientGone", "POLL", "run_until_hangup"]
