"""Console jobs (background imports and exports) and their files, kept in the store.

Every write a running job makes is fenced by its ``attempt``: a run that was
overtaken (the queue redelivered the job to another worker, or an officer
cancelled it) finds its update matching no row and stops, and the slice it was
writing is rolled back with that update, so a row is never stored twice.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col

from storage.db import session_scope
from storage.models import Answer, table_of, utcnow
from storage.models.jobs import ConsoleJob, ConsoleJobChunk, JobKind, JobState

__all__ = ["ConsoleJob"]

JOB = table_of(ConsoleJob)
CHUNK = table_of(ConsoleJobChunk)
ANSWER = table_of(Answer)
CHUNK_BYTES = 1024 * 1024
# An upload nobody mapped within this time was abandoned; its rows go.
UPLOAD_KEEP = timedelta(days=1)
_ACTIVE = (JobState.QUEUED.value, JobState.RUNNING.value)


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class Superseded(Exception):
    """The job was cancelled or taken over by a newer run; this run must stop."""


def create_job(
    *,
    session: Session,
    consultation_id: int,
    officer_id: int | None,
    kind: JobKind,
    state: JobState,
    filename: str = "",
    params: dict[str, Any] | None = None,
    expires_at: datetime | None = None,
) -> ConsoleJob:
    job = ConsoleJob(
        consultation_id=consultation_id,
        officer_id=officer_id,
        kind=kind.value,
        state=state.value,
        filename=filename,
        params=params or {},
        expires_at=expires_at,
    )
    session.add(job)
    session.flush()
    return job


def write_file(*, session: Session, job_id: int, source: Readable, limit: int | None = None) -> int:
    """Store `source` as the job's file in 1 MiB pieces; returns its size.

    Raises OverflowError past `limit` bytes (the caller's transaction is then rolled back).
    """
    size = 0
    seq = 0
    while data := source.read(CHUNK_BYTES):
        size += len(data)
        if limit is not None and size > limit:
            raise OverflowError(size)
        session.execute(CHUNK.insert().values(job_id=job_id, seq=seq, data=data))
        seq += 1
    session.execute(update(JOB).where(JOB.c.id == job_id).values(file_bytes=size))
    return size


class FileReader(io.RawIOBase):
    """A job's stored file, read piece by piece, each in a short transaction of its own."""

    def __init__(self, engine: Engine, job_id: int) -> None:
        self._engine = engine
        self._job_id = job_id
        self._seq = 0
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._pending and not self._done:
            with self._engine.connect() as conn:
                data = conn.execute(
                    select(CHUNK.c.data).where(
                        CHUNK.c.job_id == self._job_id, CHUNK.c.seq == self._seq
                    )
                ).scalar()
            if data is None:
                self._done = True
            else:
                self._pending = bytes(data)
                self._seq += 1
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def iter_file(engine: Engine, job_id: int) -> Iterator[bytes]:
    """The job's file, one stored piece at a time (for a download)."""
    reader = FileReader(engine, job_id)
    while data := reader.read(CHUNK_BYTES):
        yield data


def delete_file(*, session: Session | Connection, job_id: int) -> None:
    session.execute(delete(CHUNK).where(CHUNK.c.job_id == job_id))


def get_job(*, engine: Engine, job_id: int) -> ConsoleJob | None:
    with session_scope(engine) as session:
        job = session.get(ConsoleJob, job_id)
        if job is not None:
            session.expunge(job)
        return job


def claim(*, engine: Engine, job_id: int) -> int | None:
    """Start (or resume) a queued or running job; returns this run's attempt, None if done."""
    with session_scope(engine) as session:
        job = session.get(ConsoleJob, job_id, with_for_update=True)
        if job is None or job.state not in _ACTIVE:
            return None
        # A cancel asked for while no run was alive is the caller's to finish (and audit).
        job.state = JobState.RUNNING.value
        job.attempt += 1
        job.updated_at = utcnow()
        session.add(job)
        return job.attempt


def advance(*, session: Session, job_id: int, attempt: int, **values: Any) -> None:
    """Record progress in the caller's transaction, or raise Superseded (rolling it back)."""
    result = session.execute(
        update(JOB)
        .where(
            JOB.c.id == job_id,
            JOB.c.attempt == attempt,
            JOB.c.state == JobState.RUNNING.value,
            JOB.c.cancel_requested.is_(False),
        )
        .values(updated_at=utcnow(), **values)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise Superseded(job_id)


def finish(
    *,
    engine: Engine,
    job_id: int,
    attempt: int | None,
    state: JobState,
    message: str = "",
    keep_file: bool = False,
    expires_at: datetime | None = None,
) -> bool:
    """End the job (only this run's, unless attempt is None); drops its file unless kept."""
    with session_scope(engine) as session:
        job = session.get(ConsoleJob, job_id, with_for_update=True)
        if job is None or (attempt is not None and job.attempt != attempt):
            return False
        if job.state in (s.value for s in (JobState.DONE, JobState.CANCELLED, JobState.EXPIRED)):
            return False
        if job.cancel_requested and state is not JobState.FAILED:
            state = JobState.CANCELLED
        _finish(session, job, state, message=message, keep_file=keep_file, expires_at=expires_at)
        return True


def _finish(
    session: Session,
    job: ConsoleJob,
    state: JobState,
    *,
    message: str = "",
    keep_file: bool = False,
    expires_at: datetime | None = None,
) -> None:
    now = utcnow()
    job.state = state.value
    job.finished_at = job.updated_at = now
    job.expires_at = expires_at
    if message:
        job.message = message[:500]
    if not keep_file:
        delete_file(session=session, job_id=job.id or 0)
        job.file_bytes = 0
    session.add(job)


def request_cancel(*, session: Session, job: ConsoleJob) -> bool:
    """Stop a job: at once if it is not running, else at its next slice. False if it had ended."""
    if job.state in (JobState.UPLOADED.value, JobState.QUEUED.value):
        _finish(session, job, JobState.CANCELLED)
        return True
    if job.state == JobState.RUNNING.value and not job.cancel_requested:
        job.cancel_requested = True
        job.updated_at = utcnow()
        session.add(job)
        return True
    return False


def recent_jobs(
    *, session: Session, consultation_id: int, kind: JobKind, limit: int = 10
) -> list[ConsoleJob]:
    return list(
        session.exec(
            select(ConsoleJob)  # type: ignore[call-overload]
            .where(col(ConsoleJob.consultation_id) == consultation_id)
            .where(col(ConsoleJob.kind) == kind.value)
            .where(col(ConsoleJob.state) != JobState.UPLOADED.value)
            .order_by(col(ConsoleJob.id).desc())
            .limit(limit)
        ).scalars()
    )


def active_job(*, session: Session, consultation_id: int, kind: JobKind) -> int | None:
    """The id of a queued or running job of this kind for the consultation, if any."""
    found = session.execute(
        select(JOB.c.id)
        .where(
            JOB.c.consultation_id == consultation_id,
            JOB.c.kind == kind.value,
            JOB.c.state.in_(_ACTIVE),
            JOB.c.cancel_requested.is_(False),
        )
        .order_by(JOB.c.id.desc())
        .limit(1)
    ).scalar()
    return None if found is None else int(found)


def unfinished_jobs(
    *, engine: Engine, stale_before: datetime | None = None
) -> list[tuple[int, str]]:
    """(id, kind) of jobs queued or running (with no progress since `stale_before`, if given)."""
    query = select(JOB.c.id, JOB.c.kind).where(JOB.c.state.in_(_ACTIVE)).order_by(JOB.c.id)
    if stale_before is not None:
        query = query.where(JOB.c.updated_at < stale_before)
    with engine.connect() as conn:
        return [(int(row[0]), str(row[1])) for row in conn.execute(query)]


def expire_files(*, session: Session | Connection, now: datetime | None = None) -> int:
    """Remove built exports past their time and uploads never mapped; returns jobs changed."""
    now = now or utcnow()
    expired = list(
        session.execute(
            select(JOB.c.id, JOB.c.state).where(
                JOB.c.expires_at < now,
                JOB.c.state.in_((JobState.DONE.value, JobState.UPLOADED.value)),
            )
        )
    )
    for job_id, state in expired:
        delete_file(session=session, job_id=job_id)
        session.execute(
            update(JOB)
            .where(JOB.c.id == job_id)
            .values(
                state=(
                    JobState.EXPIRED.value
                    if state == JobState.DONE.value
                    else JobState.CANCELLED.value
                ),
                updated_at=now,
                file_bytes=0,
            )
        )
    return len(expired)


def forget_exports_of(*, session: Session, consultation_ids: Sequence[int]) -> int:
    """Erasure: built exports may hold the erased resident's words, so they go now."""
    if not consultation_ids:
        return 0
    ids = [
        int(row[0])
        for row in session.execute(
            select(JOB.c.id).where(
                JOB.c.consultation_id.in_(list(consultation_ids)),
                JOB.c.kind == JobKind.EXPORT.value,
                JOB.c.state == JobState.DONE.value,
            )
        )
    ]
    for job_id in ids:
        delete_file(session=session, job_id=job_id)
    if ids:
        session.execute(
            update(JOB)
            .where(JOB.c.id.in_(ids))
            .values(state=JobState.EXPIRED.value, file_bytes=0, updated_at=utcnow())
        )
    return len(ids)


def upload_expiry() -> datetime:
    return utcnow() + UPLOAD_KEEP


def count_answers(*, session: Session, consultation_id: int) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(ANSWER)
            .where(ANSWER.c.consultation_id == consultation_id)
        ).scalar_one()
    )
