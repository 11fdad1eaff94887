"""Jobs queued in the database and run by a worker process (the embedded default).

`whatmatters serve` without Redis starts one child `whatmatters worker` process that
runs these jobs, so embedding never holds the web process's GIL, and a job queued
before a restart still runs after it (a row is deleted only once its job ran). With
Redis, the same table holds a job that could not be sent while Redis was down, and
`whatmatters worker` forwards it to Redis once Redis answers.

Claims are leases kept alive while a job runs: a worker killed mid-job leaves rows
that another worker (or the restarted one) claims once the lease lapses.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from sqlalchemy.engine import Engine

from app.jobs.queue import JobRegistry

log = logging.getLogger(__name__)

#: Seconds a claim lasts unless the worker renews it (it renews every third of it).
LEASE_SECONDS = 60.0
#: A job failing this many times is dropped, with its last error in the log.
MAX_ATTEMPTS = 20


class DatabaseJobQueue:
    """JobQueue whose jobs are rows of ``pendingjob`` (storage.models.pending_jobs)."""

    def __init__(self, *, engine: Engine, registry: JobRegistry) -> None:
        self.engine = engine
        self._registry = registry

    def enqueue(self, job: str, /, **kwargs: Any) -> None:
        self.enqueue_many([(job, kwargs)])

    def enqueue_many(self, jobs: list[tuple[str, dict[str, Any]]]) -> None:
        """Queue several jobs in one transaction (the sweep)."""
        from storage.db import session_scope
        from storage.repositories.pending_jobs import MAX_KWARGS_BYTES, add_jobs

        for name, kwargs in jobs:
            self._registry.get(name)  # fail at the call site for an unknown job
            # Arguments must survive a round trip through JSON, as they would on Redis.
            if len(json.dumps(kwargs)) > MAX_KWARGS_BYTES:
                raise ValueError(f"arguments of job {name!r} exceed {MAX_KWARGS_BYTES} bytes")
        with session_scope(self.engine) as session:
            add_jobs(session=session, jobs=jobs, now=time.time())

    def job_names(self) -> set[str]:
        return set(self._registry.names())

    def depth(self) -> int | None:
        """Jobs queued or running, or None when the database cannot be reached."""
        from storage.db import session_scope
        from storage.repositories.pending_jobs import count_jobs

        try:
            with session_scope(self.engine) as session:
                return count_jobs(session=session)
        except Exception:  # the database is down: the gauge is simply absent
            return None


class DatabaseWorker:
    """Claims due jobs and runs them on a thread pool until ``stop`` is set."""

    def __init__(
        self,
        queue: DatabaseJobQueue,
        registry: JobRegistry,
        *,
        threads: int = 32,
        poll: float = 0.1,
        lease: float = LEASE_SECONDS,
        on_idle: Callable[[], object] | None = None,
        idle_every: float = 30.0,
    ) -> None:
        """
        Args:
            queue: the database queue (its engine is used for the claims).
            registry: the job functions.
            threads: jobs run at once; many theme_answer jobs share one embedder pass.
            poll: seconds between looks at an idle queue.
            lease: seconds a claim lasts unless renewed.
            on_idle: called at start and every ``idle_every`` seconds the queue is idle
                (the sweep for answers stored but never themed).
        """
        self._queue, self._registry = queue, registry
        self._threads, self._poll, self._lease = threads, poll, lease
        self._on_idle, self._idle_every = on_idle, idle_every
        self._results: list[tuple[int, int, str | None]] = []
        self._results_lock = threading.Lock()

    def run(self, stop: threading.Event) -> None:
        from storage.db import write_scope
        from storage.repositories import pending_jobs as repo

        engine = self._queue.engine
        running: dict[Future[None], int] = {}
        last_idle = 0.0
        last_renewal = time.monotonic()
        with ThreadPoolExecutor(self._threads, thread_name_prefix="whatmatters-job") as pool:
            while not stop.is_set():
                try:
                    self._record_results(engine)
                    free = self._threads - len(running)
                    now = time.time()
                    claimed: list[repo.ClaimedJob] = []
                    if free > 0 and self._has_due(engine, now):
                        with write_scope(engine) as session:
                            claimed = repo.claim_jobs(
                                session=session, now=now, lease=self._lease, limit=free
                            )
                    for job in claimed:
                        running[pool.submit(self._run_one, job)] = job.id
                    if time.monotonic() - last_renewal > self._lease / 3 and running:
                        with write_scope(engine) as session:
                            repo.renew_claims(
                                session=session,
                                ids=list(running.values()),
                                until=time.time() + self._lease,
                            )
                        last_renewal = time.monotonic()
                    idle = not running and not claimed
                    if idle and self._on_idle and time.monotonic() - last_idle > self._idle_every:
                        last_idle = time.monotonic()
                        self._on_idle()
                except Exception:
                    # The database is away (locked, restarting): keep the worker alive;
                    # leases of what was running lapse and the jobs run again.
                    log.warning("job worker: store unavailable, retrying", exc_info=True)
                    stop.wait(1.0)
                if running:
                    finished, _ = wait(
                        list(running), timeout=self._poll, return_when=FIRST_COMPLETED
                    )
                    for future in finished:
                        running.pop(future)
                elif not claimed:
                    stop.wait(self._poll)
            # Stopping: let running jobs end (their rows are deleted), queue nothing new.
            wait(list(running))
        self._record_results(engine)

    @staticmethod
    def _has_due(engine: Engine, now: float) -> bool:
        # A read: an idle worker never takes SQLite's write lock.
        from storage.db import session_scope
        from storage.repositories import pending_jobs as repo

        with session_scope(engine) as session:
            return repo.has_due(session=session, now=now)

    def _run_one(self, job: Any) -> None:
        error: str | None = None
        try:
            self._registry.run(job.job, job.kwargs)
        except Exception as failure:
            log.exception("job %s (attempt %d) failed with %r", job.job, job.attempts, job.kwargs)
            error = f"{type(failure).__name__}: {failure}"
        with self._results_lock:
            self._results.append((job.id, job.attempts, error))

    def _record_results(self, engine: Engine) -> None:
        from storage.db import write_scope
        from storage.repositories import pending_jobs as repo

        with self._results_lock:
            results, self._results = self._results, []
        if not results:
            return
        try:
            with write_scope(engine) as session:
                done = [id for id, attempts, error in results if error is None]
                dropped = [
                    id for id, attempts, error in results if error and attempts >= MAX_ATTEMPTS
                ]
                for id in dropped:
                    log.error("job %s dropped after %d attempts", id, MAX_ATTEMPTS)
                repo.finish_jobs(session=session, ids=done + dropped)
                for id, attempts, error in results:
                    if error is not None and attempts < MAX_ATTEMPTS:
                        # Exponential backoff, as dramatiq's Retries: 0.5 s doubling to 60 s.
                        delay = min(60.0, 0.5 * 2 ** (attempts - 1))
                        repo.retry_job(
                            session=session, id=id, error=error, run_after=time.time() + delay
                        )
        except Exception:
            with self._results_lock:
                self._results[:0] = results  # keep them for the next round
            raise


def sweep_into(queue: DatabaseJobQueue, engine: Engine, *, model: str) -> int:
    """Queue theming and redaction of answers stored but never themed or redacted.

    Answers stored before an upgrade, or by a process without a worker, are caught up.
    Imports' theming batches are not looked for: this queue keeps its jobs through
    restarts, so none is lost. Returns how many answers were queued.
    """
    from app.jobs.redis_queue import lost_work

    jobs, answers = lost_work(engine, model=model, job_names=queue.job_names(), imports=False)
    if jobs:
        queue.enqueue_many(jobs)
    return answers
