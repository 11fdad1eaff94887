"""The CSV import job: stored upload -> checked rows -> answers, a slice at a time.

Each slice (SLICE_ROWS records) is one transaction holding its answers and the
job's progress (counts, rejected rows, how far into the file it got), so the
officer's progress page moves as the file is read, a cancel stops at the next
slice, and a run that dies (a crash, a restart, a worker's time limit) is
resumed from the last committed slice without storing any row twice. Each
slice's answers are queued for theming and redaction as one batch job each,
never one job per row.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from console.importer import (
    MAX_REPORTED_ERRORS,
    ImportRow,
    Mapping,
    Record,
    Rejected,
    RowCapReached,
    read_records,
)
from storage.db import session_scope
from storage.models.jobs import ConsoleJob, JobState
from storage.repositories import console_accounts as accounts
from storage.repositories import console_jobs as repo
from storage.repositories.console_imports import existing_message_ids, insert_imported_answers

log = logging.getLogger(__name__)

IMPORT_JOB = "import_answers"
SLICE_ROWS = 2000

Enqueue = Callable[..., None]


def register_import_job(
    registry: Any, engine: Engine, *, enqueue: Enqueue, job_names: Callable[[], list[str]]
) -> None:
    """Register "import_answers" (job_id) on the job registry."""

    def import_answers(job_id: int) -> None:
        run_import(engine, job_id, enqueue=enqueue, job_names=job_names)

    registry.register(IMPORT_JOB, import_answers)


class _Slice:
    """What one slice adds to the job's counts."""

    def __init__(self, job: ConsoleJob) -> None:
        self.read = job.rows_read
        self.stored = job.rows_stored
        self.duplicate = job.rows_duplicate
        self.rejected = job.rows_rejected
        self.errors: list[list[Any]] = list(job.errors or [])
        self.records: list[Record] = []
        self.position = job.resume_rows
        # Records behind the last commit (where a resumed run starts).
        self.committed = job.resume_rows

    def add(self, position: int, record: Record) -> None:
        self.position = position
        if record is None:
            return
        self.read += 1
        if isinstance(record, Rejected):
            self.rejected += 1
            if len(self.errors) < MAX_REPORTED_ERRORS:
                self.errors.append([record.line, record.reason])
        else:
            self.records.append(record)

    def progress(self) -> dict[str, Any]:
        return {
            "rows_read": self.read,
            "rows_stored": self.stored,
            "rows_duplicate": self.duplicate,
            "rows_rejected": self.rejected,
            "resume_rows": self.position,
            "errors": self.errors,
        }


def run_import(
    engine: Engine, job_id: int, *, enqueue: Enqueue, job_names: Callable[[], list[str]]
) -> None:
    """Import (or go on importing) the job's upload; idempotent and resumable."""
    attempt = repo.claim(engine=engine, job_id=job_id)
    if attempt is None:
        return  # finished, cancelled or unknown: nothing to do
    job = repo.get_job(engine=engine, job_id=job_id)
    assert job is not None
    if job.cancel_requested:
        if repo.finish(engine=engine, job_id=job_id, attempt=attempt, state=JobState.CANCELLED):
            _audit(engine, job_id, "answers_import_cancelled")
        return
    params = job.params
    started = datetime.fromisoformat(params["started_at"])
    counts = _Slice(job)

    def commit() -> None:
        rows = [r for r in counts.records if isinstance(r, ImportRow)]
        fresh: dict[str, dict[str, object]] = {}
        for row in rows:
            fresh.setdefault(
                row.key,
                {
                    "text": row.text,
                    "language": row.language,
                    "received_at": row.received_at,
                    "provider_message_id": row.key,
                },
            )
        with session_scope(engine) as session:
            stored = existing_message_ids(session=session, ids=list(fresh))
            new = [row for key, row in fresh.items() if key not in stored]
            ids = insert_imported_answers(
                session=session, consultation_id=job.consultation_id, rows=new, now=started
            )
            counts.stored += len(ids)
            counts.duplicate += len(rows) - len(ids)
            # Answers and progress commit together, or neither does (Superseded).
            repo.advance(session=session, job_id=job_id, attempt=attempt, **counts.progress())
        counts.records.clear()
        counts.committed = counts.position
        _queue_follow_up(ids, enqueue=enqueue, job_names=job_names)

    message = ""
    try:
        with io.TextIOWrapper(
            io.BufferedReader(repo.FileReader(engine, job_id)),
            encoding=params["encoding"],
            newline="",
        ) as text:
            records = read_records(
                text,
                header=params["header"],
                delimiter=params["delimiter"],
                mapping=Mapping(**params["mapping"]),
                consultation_id=job.consultation_id,
                now=started,
                skip=job.resume_rows,
            )
            try:
                for position, record in records:
                    counts.add(position, record)
                    if position - counts.committed >= SLICE_ROWS:
                        commit()
            except RowCapReached as reached:
                cap = reached.args[0]
                message = (
                    f"This file has more than {cap:,} rows; the first {cap:,} were read. "
                    f"Split the rest into files of at most {cap:,} rows and import each "
                    "(rows already imported are skipped)."
                )
            commit()
    except repo.Superseded:
        # Cancelled (or taken over by a newer run): the slice in hand was rolled back.
        if repo.finish(engine=engine, job_id=job_id, attempt=attempt, state=JobState.CANCELLED):
            _audit(engine, job_id, "answers_import_cancelled")
        return
    except OperationalError:
        # The store went away: leave the job running, to be resumed (a Redis retry,
        # the worker's sweep, or the next start of the embedded service).
        raise
    except Exception as error:
        log.exception("import job %s failed", job_id)
        repo.finish(
            engine=engine,
            job_id=job_id,
            attempt=attempt,
            state=JobState.FAILED,
            message=f"The import stopped: {type(error).__name__}. Rows stored so far stay.",
        )
        _audit(engine, job_id, "answers_import_failed")
        return
    if repo.finish(
        engine=engine, job_id=job_id, attempt=attempt, state=JobState.DONE, message=message
    ):
        _audit(engine, job_id, "answers_imported")


def _queue_follow_up(
    ids: list[int], *, enqueue: Enqueue, job_names: Callable[[], list[str]]
) -> None:
    if not ids:
        return
    names = job_names()
    # One theming job per slice: embedding a slice together and grouping once takes
    # seconds, where one job per answer queued a million jobs for a million rows.
    if "theme_batch" in names:
        enqueue("theme_batch", answer_ids=ids)
    # Imported answers are redacted ahead of the first export (and the theme labels).
    if "redact_answers" in names:
        enqueue("redact_answers", answer_ids=ids)


def _audit(engine: Engine, job_id: int, action: str) -> None:
    job = repo.get_job(engine=engine, job_id=job_id)
    if job is None:
        return
    with session_scope(engine) as session:
        accounts.audit(
            session=session,
            actor=f"officer:{job.officer_id}",
            action=action,
            subject=f"consultation:{job.consultation_id}",
            detail={
                "job": job_id,
                "file": job.filename,
                "source": job.params.get("source", ""),
                "imported": job.rows_stored,
                "duplicates": job.rows_duplicate,
                "bad_rows": job.rows_rejected,
            },
        )
