"""Every background job, by name, registered in one place.

The web process and `whatmatters worker` both call `register_jobs`, so a job a web
process queues is always one a worker knows. Jobs are idempotent (see app.jobs.queue).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.jobs.batching import Batcher
from app.jobs.queue import JobQueue, JobRegistry
from app.jobs.theming import REFIT, THEME_ANSWER, THEME_BATCH, register_theming_jobs

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from app.settings import Settings
    from bot.channels.contract import ChannelRegistry

log = logging.getLogger("whatmatters")

#: Embed one answer and assign it to its consultation's themes.
THEME_ANSWER_JOB = THEME_ANSWER
#: Theme a batch of answers (an import) at once, with progress on the board.
THEME_BATCH_JOB = THEME_BATCH
#: Regroup a consultation's answers, keeping officers' edits.
REFIT_JOB = REFIT
#: Fill the redaction cache for some answers (exports never wait on it).
REDACT_ANSWERS_JOB = "redact_answers"
#: Redo a consultation's waiting quotes with its new places to keep and words to hide.
REDO_QUOTES_JOB = "redo_waiting_quotes"
#: One job per stored answer: theme it, then redact it (one queue round trip on the
#: webhook's thread, not one per step).
ANSWER_STORED_JOB = "answer_stored"
#: Delete residents' words and contact details past the retention period.
RETENTION_JOB = "retention"
#: "You said, we did": send a feedback publication.
SEND_FEEDBACK_JOB = "send_feedback"
#: Import an uploaded CSV in slices (resumable; console/import_job.py).
IMPORT_ANSWERS_JOB = "import_answers"
#: Build a large XLSX export into the store (console/export_job.py).
BUILD_EXPORT_JOB = "build_export"

#: The names `register_jobs` registers, for the web process and the worker alike.
ALL_JOBS = frozenset(
    {
        THEME_ANSWER_JOB,
        THEME_BATCH_JOB,
        REFIT_JOB,
        REDACT_ANSWERS_JOB,
        REDO_QUOTES_JOB,
        ANSWER_STORED_JOB,
        RETENTION_JOB,
        SEND_FEEDBACK_JOB,
        IMPORT_ANSWERS_JOB,
        BUILD_EXPORT_JOB,
    }
)


def register_jobs(
    registry: JobRegistry,
    *,
    engine: Engine,
    settings: Settings,
    jobs: JobQueue,
    embedder: Any,
    channels: ChannelRegistry,
) -> None:
    """Register every job of the catalogue on `registry`."""
    from bot.retention import register_retention_job
    from console.export_job import EXPORT_JOB, register_export_job
    from console.import_job import IMPORT_JOB, register_import_job
    from console.redact import register_redaction_job
    from console.redaction_words import REDO_JOB, register_redo_quotes_job
    from usecases.feedback.publication import FEEDBACK_JOB, register_feedback_job

    assert FEEDBACK_JOB == SEND_FEEDBACK_JOB
    assert (IMPORT_JOB, EXPORT_JOB) == (IMPORT_ANSWERS_JOB, BUILD_EXPORT_JOB)
    assert REDO_JOB == REDO_QUOTES_JOB
    register_import_job(registry, engine, enqueue=jobs.enqueue, job_names=registry.names)
    register_export_job(registry, engine)
    register_theming_jobs(registry, engine, jobs=jobs, embedder=embedder)
    register_retention_job(registry, engine, days=settings.retention_days)
    register_feedback_job(
        registry, engine, settings, jobs=jobs, make_deliverer=lambda: channels.deliverer(settings)
    )
    register_redaction_job(_RedactionWiring(db=engine, job_registry=registry))
    register_redo_quotes_job(registry, engine)
    register_answer_stored_job(registry)


def resume_console_jobs(
    queue: JobQueue, engine: Engine, *, stale_seconds: float | None = None
) -> int:
    """Queue again the imports and exports a crash or restart left unfinished.

    With `stale_seconds`, only jobs with no progress for that long (a worker's sweep,
    while other workers may be running them). A job queued twice is harmless: each
    run claims the job anew and the older run stops at its next slice.
    """
    from datetime import timedelta

    from storage.models import utcnow
    from storage.models.jobs import JobKind
    from storage.repositories import console_jobs

    stale_before = None if stale_seconds is None else utcnow() - timedelta(seconds=stale_seconds)
    resumed = 0
    for job_id, kind in console_jobs.unfinished_jobs(engine=engine, stale_before=stale_before):
        queue.enqueue(
            IMPORT_ANSWERS_JOB if kind == JobKind.IMPORT.value else BUILD_EXPORT_JOB, job_id=job_id
        )
        resumed += 1
    if resumed:
        log.info("resumed %d unfinished console jobs", resumed)
    return resumed


class _RedactionWiring:
    """The two services the redaction job reads (it predates the catalogue)."""

    def __init__(self, *, db: Engine, job_registry: JobRegistry) -> None:
        self.db = db
        self.job_registry = job_registry


def register_answer_stored_job(registry: JobRegistry) -> None:
    """Register "answer_stored": runs whichever of theme_answer and redact_answers exist.

    Looked up when it runs, so a registry without one of them (a test's) still works.
    One step failing does not skip the other; the first error is raised afterwards, so
    the queue records it (and Redis retries the job; both steps are idempotent).
    """

    # Redaction jobs arriving together share one transaction, as theming jobs share
    # an embedder pass (app.jobs.theming).
    redactions: Batcher[int] = Batcher(
        lambda ids: registry.get(REDACT_ANSWERS_JOB)(answer_ids=list(ids))
    )

    def answer_stored(answer_id: int) -> None:
        names = registry.names()
        steps: list[tuple[str, Callable[[], None]]] = [
            (THEME_ANSWER_JOB, lambda: registry.get(THEME_ANSWER_JOB)(answer_id=answer_id)),
            # Redacted now, off the request path, so exports never wait on it.
            (REDACT_ANSWERS_JOB, lambda: redactions.submit(answer_id)),
        ]
        failed: Exception | None = None
        for name, step in steps:
            if name not in names:
                continue
            try:
                step()
            except Exception as error:
                log.exception("%s failed for answer %s", name, answer_id)
                failed = failed or error
        if failed is not None:
            raise failed

    registry.register(ANSWER_STORED_JOB, answer_stored)
