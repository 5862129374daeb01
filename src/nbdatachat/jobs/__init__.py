"""Run tools now or in the background, and report on them by ``processing_id``.

This is the engine behind the seed's ``POST /tools/run`` (sync, or ``pollResponse``) and
``GET /tools/status/{processing_id}``. Jobs are kept by a :class:`JobStore`; the default keeps
them in memory, the server plugs in a database-backed store so jobs survive restarts.
"""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import Conflict, InvalidRequest, NbDataChatError, NotFound
from ..jsonable import to_jsonable
from ..tools import run_tool, validate_inputs
from ..tools.base import ToolResult

STATUSES = ("queued", "running", "success", "failed")


@dataclass
class Job:
    processing_id: str
    tool: str
    status: str = "queued"
    submitted: float = field(default_factory=time.time)
    started: float | None = None
    finished: float | None = None
    result: ToolResult | None = None
    result_dict: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    #: Who submitted it (the server's tenant); None outside the server.
    owner: str | None = None
    # The raised error itself (not stored): lets a front-end map it to an HTTP status.
    exception: NbDataChatError | None = field(default=None, repr=False, compare=False)

    @property
    def elapsed_secs(self) -> float:
        if self.started is None:
            return 0.0
        end = self.finished if self.finished is not None else time.time()
        return round(end - self.started, 6)

    @property
    def done(self) -> bool:
        return self.status in ("success", "failed")

    def to_dict(self, status_only: bool = False) -> dict[str, Any]:
        """The seed's job shape: processing_id, status, elapsed_secs, result (or error)."""
        out: dict[str, Any] = {"processing_id": self.processing_id, "status": self.status,
                               "elapsed_secs": self.elapsed_secs, "tool": self.tool}
        if status_only:
            return out
        if self.status == "success":
            out["result"] = self.result_dict if self.result_dict is not None else (
                self.result.to_dict() if self.result else None)
        elif self.status == "failed" and self.error:
            out["error"] = self.error
        return out


class JobStore(Protocol):
    def insert(self, job: Job) -> None:
        """Add a new job; raise :class:`Conflict` if its processing_id exists."""

    def update(self, job: Job) -> None: ...

    def get(self, processing_id: str) -> Job | None: ...


class MemoryJobStore:
    """Jobs in a dict. Keeps at most ``max_jobs``: beyond that the oldest *finished* jobs
    are forgotten (their ids may then be reused), so a long-running kernel or server does
    not grow without bound. Unfinished jobs are never dropped."""

    def __init__(self, max_jobs: int = 10_000) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self.max_jobs = max_jobs

    def insert(self, job: Job) -> None:
        with self._lock:
            if job.processing_id in self._jobs:
                raise duplicate_job(job.processing_id)
            self._jobs[job.processing_id] = job
            if len(self._jobs) > self.max_jobs:
                self._evict()

    def _evict(self) -> None:
        excess = len(self._jobs) - self.max_jobs
        for pid in [pid for pid, j in self._jobs.items() if j.done][:excess]:
            del self._jobs[pid]

    def __len__(self) -> int:
        with self._lock:
            return len(self._jobs)

    def update(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.processing_id] = job

    def get(self, processing_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(processing_id)


def check_processing_id(processing_id: Any) -> None:
    """A client's id must be a non-empty string of at most 200 characters (or None: one is
    generated)."""
    if processing_id is not None and (not isinstance(processing_id, str)
                                      or not processing_id.strip() or len(processing_id) > 200):
        raise InvalidRequest("processing_id must be a non-empty string of at most 200 "
                             "characters.", details={"parameter": "processing_id"})


def duplicate_job(processing_id: str) -> Conflict:
    return Conflict(f"processing_id {processing_id!r} is already used by another job; send a "
                    f"new unique id or omit it to get one.",
                    details={"parameter": "processing_id", "processing_id": processing_id})


class JobRunner:
    """Runs tool jobs inline or on a small thread pool.

    Jobs move ``queued -> running -> success | failed``; a failed job carries the seed's
    error object (``code``, ``message``, ``details``). A bug inside a tool fails its job with
    ``INTERNAL_ERROR``; it never kills a worker or the process.
    """

    def __init__(self, store: JobStore | None = None, max_workers: int = 2) -> None:
        self.store: JobStore = store if store is not None else MemoryJobStore()
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="nbdc-job")
        self._events: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def submit(self, name: str, inputs: dict[str, Any], *, processing_id: str | None = None,
               background: bool = True, owner: str | None = None) -> Job:
        """Validate ``inputs`` now (so bad requests fail fast), then run the tool.

        With ``background=False`` the call returns the finished job; otherwise it returns the
        queued job at once and :meth:`get`/:meth:`wait` report on it.
        """
        check_processing_id(processing_id)
        if not background:
            # Run first, store once: the caller waits for the result anyway, so the job is
            # written a single time, finished (a duplicate id still fails with Conflict).
            job = self.run_now(name, inputs, processing_id=processing_id, owner=owner)
            self.store.insert(job)
            return job
        validate_inputs(name, inputs)
        inputs = dict(inputs)
        pid = processing_id or f"job_{uuid.uuid4().hex}"
        job = Job(pid, name, owner=owner)
        event = threading.Event()
        # Not under the lock: a database store batches concurrent inserts into one commit.
        self.store.insert(job)  # raises Conflict for a duplicate id
        with self._lock:
            self._events[pid] = event
        self._pool.submit(self._execute, job, inputs, event)
        return job

    def run_now(self, name: str, inputs: dict[str, Any], *, processing_id: str | None = None,
                owner: str | None = None) -> Job:
        """Validate and run in this thread; the finished job is returned, not stored (the
        caller inserts it, e.g. without blocking: ``SqlJobStore.insert_async``)."""
        check_processing_id(processing_id)
        validate_inputs(name, inputs)
        job = Job(processing_id or f"job_{uuid.uuid4().hex}", name, owner=owner,
                  status="running", started=time.time())
        self._run(job, dict(inputs))
        return job

    def _run(self, job: Job, inputs: dict[str, Any]) -> None:
        """Run the tool; the job ends ``success`` or ``failed`` with the seed's error."""
        status = "failed"
        try:
            job.result = run_tool(job.tool, **inputs)
            job.result_dict = job.result.to_dict()
            status = "success"
        except NbDataChatError as exc:
            job.error, job.exception = exc.to_dict()["error"], exc
        except Exception as exc:  # a bug must fail the job, never kill the worker
            job.error = {"code": "INTERNAL_ERROR",
                         "message": f"{job.tool} failed unexpectedly: "
                                    f"{type(exc).__name__}: {exc}",
                         "details": {"tool": job.tool}}
        # finished before status: whoever sees a final status sees its elapsed time
        job.finished = time.time()
        job.status = status

    def _execute(self, job: Job, inputs: dict[str, Any], event: threading.Event) -> None:
        try:
            job.started = time.time()
            job.status = "running"
            self.store.update(job)
            self._run(job, inputs)
            self.store.update(job)
        finally:
            event.set()
            with self._lock:
                self._events.pop(job.processing_id, None)

    def get(self, processing_id: str) -> Job:
        job = self.store.get(processing_id)
        if job is None:
            raise NotFound(f"No job with processing_id {processing_id!r}.",
                           details={"processing_id": processing_id})
        return job

    def wait(self, processing_id: str, timeout: float | None = None,
             poll: float = 0.05) -> Job:
        """The job once finished (or as it is after ``timeout`` seconds).

        Jobs of this runner are awaited on an event; others (submitted by another process
        sharing a database store) by polling the store every ``poll`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            event = self._events.get(processing_id)
        if event is not None:
            event.wait(timeout)
        job = self.get(processing_id)
        while not job.done and (deadline is None or time.monotonic() < deadline):
            time.sleep(poll if deadline is None else max(0.0, min(poll, deadline
                                                                   - time.monotonic())))
            job = self.get(processing_id)
        return job

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)

    def __enter__(self) -> "JobRunner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()


__all__ = ["Job", "JobRunner", "JobStore", "MemoryJobStore", "STATUSES", "check_processing_id",
           "duplicate_job",
           "to_jsonable"]
