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
#: One job per stored answer: theme it, then redact it (one queue round trip on the
#: webhook's thread, not one per step).
ANSWER_STORED_JOB = "answer_stored"
#: Delete residents' words and contact details past the retention period.
RETENTION_JOB = "retention"
#: "You said, we did": send a feedback publication.
SEND_FEEDBACK_JOB = "send_feedback"

#: The names `register_jobs` registers, for the web process and the worker alike.
ALL_JOBS = frozenset(
    {
        THEME_ANSWER_JOB,
        THEME_BATCH_JOB,
        REFIT_JOB,
        REDACT_ANSWERS_JOB,
        ANSWER_STORED_JOB,
        RETENTION_JOB,
        SEND_FEEDBACK_JOB,
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
    from console.redact import register_redaction_job
    from usecases.feedback.publication import FEEDBACK_JOB, register_feedback_job

    assert FEEDBACK_JOB == SEND_FEEDBACK_JOB
    register_theming_jobs(registry, engine, jobs=jobs, embedder=embedder)
    register_retention_job(registry, engine, days=settings.retention_days)
    register_feedback_job(
        registry, engine, settings, jobs=jobs, make_deliverer=lambda: channels.deliverer(settings)
    )
    register_redaction_job(_RedactionWiring(db=engine, job_registry=registry))
    register_answer_stored_job(registry)


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
