"""Jobs of the analysis-tools API in the database, written through a group commit."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from typing import Any

import sqlalchemy as sa

from .. import schema as t
from .leases import DEFAULT_LEASE_SECS, Leases


class GroupCommit:
    """Serializes writes through one thread that commits whatever is queued in a single
    transaction ("group commit"). Each caller still blocks until its own write is durable,
    but 32 concurrent requests share one commit instead of paying 32."""

    def __init__(self, engine: sa.Engine, max_batch: int = 256) -> None:
        self.engine = engine
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def execute(self, statement: Any, params: dict[str, Any]) -> None:
        self.submit(statement, params).result()

    def submit(self, statement: Any, params: dict[str, Any]) -> Future:
        """Queue a write; the future resolves once it is committed."""
        future: Future = Future()
        self._queue.put((statement, params, future))
        if self._thread is None or not self._thread.is_alive():
            with self._lock:
                if self._thread is None or not self._thread.is_alive():
                    self._thread = threading.Thread(target=self._loop, daemon=True,
                                                    name="nbdc-db-writer")
                    self._thread.start()
        return future

    def _loop(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                with self.engine.begin() as con:
                    for statement, params, _ in batch:
                        con.execute(statement, params)
            except Exception:
                # One bad write (a duplicate key) must not fail its neighbours: replay alone.
                for statement, params, future in batch:
                    try:
                        with self.engine.begin() as con:
                            con.execute(statement, params)
                    except Exception as exc:
                        future.set_exception(exc)
                    else:
                        future.set_result(None)
            else:
                for _, _, future in batch:
                    future.set_result(None)


INTERRUPTED = ("The server process running this job stopped (killed or restarted) before it "
               "finished; its result was lost. Submit the request again.")
_ACTIVE = ("queued", "running")


class SqlJobStore:
    """:class:`nbdatachat.jobs.JobStore` in the database: jobs outlive the process.

    Writes go through :class:`GroupCommit` with pre-built statements, so the per-job cost
    under concurrency is a fraction of a transaction. Unfinished jobs carry a lease
    (``lease_until``) that the owning process renews (:meth:`renew`); a job whose lease
    has expired is failed by whichever process notices first (:meth:`get`,
    :meth:`fail_expired`), never one that is still vouched for."""

    def __init__(self, engine: sa.Engine, lease_secs: float = DEFAULT_LEASE_SECS) -> None:
        self.engine = engine
        self.lease_secs = lease_secs
        self.leases = Leases(engine, t.jobs, t.jobs.c.processing_id, _ACTIVE,
                             lambda now: _failed(INTERRUPTED, now), lease_secs)
        self._writer = GroupCommit(engine)
        self._insert = t.jobs.insert()
        self._update = (t.jobs.update()
                        .where(t.jobs.c.processing_id == sa.bindparam("pid")))

    def _values(self, job: Any) -> dict[str, Any]:
        result = job.result_dict
        if result is None and job.result is not None:
            result = job.result.to_dict()
        lease = self.leases.until(job.status)
        return {"tool": job.tool, "status": job.status, "submitted": job.submitted,
                "started": job.started, "finished": job.finished, "result": result,
                "error": job.error, "tenant": job.owner, "lease_until": lease}

    def insert(self, job: Any) -> None:
        from ...jobs import duplicate_job

        try:
            self._writer.execute(self._insert, {"processing_id": job.processing_id,
                                                **self._values(job)})
        except sa.exc.IntegrityError:
            raise duplicate_job(job.processing_id) from None
        self.leases.track(job.processing_id, job.status)

    def insert_async(self, job: Any) -> Future:
        """Queue the insert of a finished job without blocking (for async callers); the
        future raises :class:`~nbdatachat.errors.Conflict` for a duplicate id."""
        from ...jobs import duplicate_job

        out: Future = Future()

        def done(f: Future) -> None:
            exc = f.exception()
            if isinstance(exc, sa.exc.IntegrityError):
                out.set_exception(duplicate_job(job.processing_id))
            elif exc is not None:
                out.set_exception(exc)
            else:
                out.set_result(None)

        self._writer.submit(self._insert, {"processing_id": job.processing_id,
                                           **self._values(job)}).add_done_callback(done)
        return out

    def update(self, job: Any) -> None:
        self._writer.execute(self._update, {"pid": job.processing_id, **self._values(job)})
        self.leases.track(job.processing_id, job.status)

    def _read(self, processing_id: str) -> Any:
        with self.engine.connect() as con:
            return con.execute(sa.select(t.jobs).where(t.jobs.c.processing_id == processing_id)
                               ).first()

    def get(self, processing_id: str) -> Any:
        from ...jobs import Job

        row = self._read(processing_id)
        if row is None:
            return None
        if self.leases.expired(row):
            self.fail_expired(pids=[processing_id])
            row = self._read(processing_id)
        return Job(row.processing_id, row.tool, status=row.status, submitted=row.submitted,
                   started=row.started, finished=row.finished, result_dict=row.result,
                   error=row.error, owner=row.tenant)

    def renew(self, processing_ids: list[str]) -> int:
        """The heartbeat: extend the lease of this process's unfinished jobs."""
        return self.leases.renew(processing_ids)

    def fail_expired(self, reason: str = INTERRUPTED, *, pids: list[str] | None = None,
                     include_unleased: bool = False) -> int:
        """Fail unfinished jobs whose lease has expired (and, at start-up, those from
        before leases existed). A live process's jobs are never touched."""
        return self.leases.fail_expired(pids, include_unleased,
                                        lambda now: _failed(reason, now))

    def fail_interrupted(self, reason: str = INTERRUPTED) -> int:
        """Start-up recovery: fail jobs whose process is gone (lease expired or none)."""
        return self.fail_expired(reason, include_unleased=True)

    def count(self, status: str | None = None) -> int:
        q = sa.select(sa.func.count()).select_from(t.jobs)
        if status:
            q = q.where(t.jobs.c.status == status)
        with self.engine.connect() as con:
            return int(con.execute(q).scalar_one())


def _failed(reason: str, now: float) -> dict[str, Any]:
    """The columns of a job whose process died."""
    return {"status": "failed", "finished": now,
            "error": {"code": "JOB_INTERRUPTED", "message": reason, "details": {}},
            "started": sa.func.coalesce(t.jobs.c.started, now)}
