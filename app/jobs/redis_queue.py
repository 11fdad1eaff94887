"""The production job queue: the same named jobs as the embedded default, on Redis.

Dramatiq was chosen over arq, RQ and Celery because our job functions are
synchronous (SQLAlchemy sessions, numpy), and dramatiq's Redis broker
acknowledges a message only after the job finishes: a worker killed mid-job
leaves the message unacknowledged, and another worker takes it up once the dead
worker's heartbeat lapses. Retries with exponential backoff are built in. RQ
marks a killed worker's job as failed instead of running it again; arq is
async-first; Celery is far heavier than one queue needs.

Jobs stay idempotent (a job may run twice), and a sweep at worker start and
whenever the queue runs dry re-queues any answer that was stored but never
themed (for example while Redis was down), so nothing depends on an enqueue
succeeding.
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
import time
from collections.abc import Collection
from typing import Any

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import AgeLimit, Retries, ShutdownNotifications, TimeLimit
from redis.exceptions import RedisError
from sqlalchemy.engine import Engine

from app.jobs.db_queue import DatabaseJobQueue
from app.jobs.queue import JobRegistry

log = logging.getLogger(__name__)

QUEUE_NAME = "whatmatters"
NAMESPACE = "whatmatters"


class RedisJobQueue:
    """JobQueue on Redis through dramatiq; construct the same way in web and worker processes."""

    def __init__(
        self,
        *,
        redis_url: str,
        registry: JobRegistry,
        heartbeat_timeout_ms: int = 60_000,
        max_retries: int = 20,
        fallback: DatabaseJobQueue | None = None,
    ) -> None:
        """``fallback`` keeps a job that cannot be sent while Redis is down (see
        forward_waiting_jobs); without it the error reaches the caller."""
        self._registry = registry
        self.fallback = fallback
        self.broker = RedisBroker(  # type: ignore[no-untyped-call]
            url=redis_url,
            namespace=NAMESPACE,
            heartbeat_timeout=heartbeat_timeout_ms,
            # Explicit middleware: dramatiq's defaults may start a metrics HTTP
            # server of their own; ours are exported by the app.
            middleware=[
                AgeLimit(),
                TimeLimit(time_limit=30 * 60 * 1000),
                ShutdownNotifications(),
                Retries(max_retries=max_retries, min_backoff=500, max_backoff=60_000),
            ],
        )
        self._actor = dramatiq.actor(
            actor_name="run_job", queue_name=QUEUE_NAME, broker=self.broker
        )(self._run)

    def enqueue(self, job: str, /, **kwargs: Any) -> None:
        self._registry.get(job)  # fail at the call site for an unknown job
        try:
            self._actor.send(job, kwargs)
        except (RedisError, OSError):
            if self.fallback is None:
                raise
            # Redis is down: the job waits in the database and a worker sends it on
            # when Redis is back (an officer's refit is not lost to an outage).
            log.warning("Redis unavailable: job %s kept in the database until it is back", job)
            self.fallback.enqueue(job, **kwargs)

    def send(self, job: str, kwargs: dict[str, Any]) -> None:
        """Send to Redis only (raises while Redis is down)."""
        self._actor.send(job, kwargs)

    def job_names(self) -> set[str]:
        return set(self._registry.names())

    def depth(self) -> int | None:
        """Messages waiting in Redis, or None when Redis cannot be reached."""
        try:
            client = self.broker.client
            return int(client.llen(f"{NAMESPACE}:{QUEUE_NAME}"))
        except Exception:  # Redis down: the gauge is simply absent
            return None

    def _run(self, job: str, kwargs: dict[str, Any]) -> None:
        self._registry.run(job, kwargs)


# A console job (import, export) with no progress for this long lost its worker.
STALE_JOB_SECONDS = 300.0
# Longest pause (ms) between a worker's looks at Redis when it fetched nothing.
IDLE_POLL_MS = 100
# Answers per redaction job the sweep queues (imports use the same size).
REDACT_BATCH = 500


def unthemed_answer_ids(engine: Engine, *, model: str, limit: int = 10_000) -> list[int]:
    """Answers stored but not yet embedded with ``model`` (the sweep's work list).

    Imported answers are left to `unthemed_import_batches`.
    """
    from storage.db import session_scope
    from storage.repositories.embeddings import answers_to_embed

    with session_scope(engine) as session:
        return [
            answer_id
            for answer_id, _ in answers_to_embed(session=session, model=model, imported=False)
        ][:limit]


# Answers per theming batch the sweep queues for imports (an import's slice size).
THEME_BATCH_SIZE = 2000


def unthemed_import_batches(engine: Engine, *, model: str) -> list[list[int]]:
    """Imported answers whose theming job was lost, in per-consultation batches.

    Only answers stored more than STALE_JOB_SECONDS ago: younger ones belong to an
    import whose theming jobs may still be queued or running.
    """
    from datetime import timedelta

    from storage.db import session_scope
    from storage.models import utcnow
    from storage.repositories.embeddings import unthemed_imports

    before = utcnow() - timedelta(seconds=STALE_JOB_SECONDS)
    with session_scope(engine) as session:
        found = unthemed_imports(session=session, model=model, created_before=before)
    return [
        ids[start : start + THEME_BATCH_SIZE]
        for ids in found.values()
        for start in range(0, len(ids), THEME_BATCH_SIZE)
    ]


def unredacted_answer_ids(engine: Engine, *, limit: int = 10_000) -> list[int]:
    """Answers stored but never redacted (their job was lost while Redis was down)."""
    from storage.db import session_scope
    from storage.repositories.console_answers import unredacted_answer_ids as query

    with session_scope(engine) as session:
        return query(session=session, limit=limit)


def forward_waiting_jobs(queue: RedisJobQueue, engine: Engine, *, limit: int = 500) -> int:
    """Send jobs kept in the database while Redis was down on to Redis; how many were sent."""
    from storage.db import session_scope
    from storage.repositories import pending_jobs as repo

    with session_scope(engine) as session:
        if not repo.has_due(session=session, now=time.time()):
            return 0
        claimed = repo.claim_jobs(session=session, now=time.time(), lease=60.0, limit=limit)
    sent: list[int] = []
    try:
        for job in claimed:
            queue.send(job.job, job.kwargs)
            sent.append(job.id)
    finally:
        # Sent ones leave the table; the rest are claimed again when their lease lapses.
        with session_scope(engine) as session:
            repo.finish_jobs(session=session, ids=sent)
    if sent:
        log.info("sent %d jobs kept in the database while Redis was down", len(sent))
    return len(sent)


def lost_work(
    engine: Engine, *, model: str, job_names: Collection[str], imports: bool
) -> tuple[list[tuple[str, dict[str, Any]]], int]:
    """The jobs that would bring every stored answer up to date: theming of answers
    without a ``model`` vector, redaction of answers never redacted and, with
    ``imports``, theming batches of imported answers whose job was lost.

    Returns the jobs and how many answers they cover. Both queues' sweeps use it.
    """
    ids = unthemed_answer_ids(engine, model=model)
    jobs: list[tuple[str, dict[str, Any]]] = [("theme_answer", {"answer_id": i}) for i in ids]
    if imports and "theme_batch" in job_names:
        for batch in unthemed_import_batches(engine, model=model):
            jobs.append(("theme_batch", {"answer_ids": batch}))
            ids = [*ids, *batch]
    unredacted: list[int] = []
    if "redact_answers" in job_names:
        unredacted = unredacted_answer_ids(engine)
        jobs += [
            ("redact_answers", {"answer_ids": unredacted[start : start + REDACT_BATCH]})
            for start in range(0, len(unredacted), REDACT_BATCH)
        ]
    if jobs:
        log.info("sweep queued %d unthemed and %d unredacted answers", len(ids), len(unredacted))
    return jobs, len(set(ids) | set(unredacted))


def sweep(queue: RedisJobQueue, engine: Engine, *, model: str) -> int:
    """Queue the jobs an outage lost: theming and redaction of every answer still without,
    and imports or exports whose worker died (they resume from their last slice).

    Returns how many answers were queued for either.
    """
    if "import_answers" in queue.job_names():
        from app.jobs.catalogue import resume_console_jobs

        resume_console_jobs(queue, engine, stale_seconds=STALE_JOB_SECONDS)
    jobs, answers = lost_work(engine, model=model, job_names=queue.job_names(), imports=True)
    for name, kwargs in jobs:
        queue.enqueue(name, **kwargs)
    return answers


def run_worker(
    queue: RedisJobQueue,
    engine: Engine,
    *,
    model: str,
    threads: int = 2,
    sweep_every: float = 30.0,
    stop: threading.Event | None = None,
) -> None:
    """Consume jobs until SIGTERM/SIGINT (or ``stop`` is set), sweeping when idle."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    # Job threads must not be the first to import spaCy: two first imports at once
    # (a theming and a redaction job, as the sweep queues them) deadlock on the
    # module lock and every job of both kinds then fails.
    importlib.import_module("nlp.lang")
    worker = dramatiq.Worker(
        queue.broker,
        queues={QUEUE_NAME},
        worker_threads=threads,
        # dramatiq's consumer backs off while its prefetch is full (every job thread
        # busy), doubling up to this many ms: at its default of 1,000 a batch of answers
        # finished and acknowledged could wait most of a second for the next messages.
        worker_timeout=IDLE_POLL_MS,
    )
    worker.start()
    log.info("job worker started with %d threads", threads)
    try:
        while not stop.is_set():
            try:
                forward_waiting_jobs(queue, engine)
                if queue.depth() == 0:
                    sweep(queue, engine, model=model)
            except Exception:
                # Redis or the database is down: keep the worker alive and
                # try again; dramatiq reconnects by itself.
                log.warning("sweep skipped: store or queue unavailable", exc_info=True)
            stop.wait(sweep_every)
    finally:
        worker.stop()
        log.info("job worker stopped")
