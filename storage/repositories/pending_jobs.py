"""The database job queue's rows: add, claim for a lease, finish, retry.

Claims are one statement: on PostgreSQL the candidate rows are locked with
``FOR UPDATE SKIP LOCKED``, so several workers take disjoint rows without waiting for
each other; SQLite has one writer at a time, which makes the same statement atomic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, or_, update
from sqlalchemy import select as core_select
from sqlmodel import Session

from storage.models._base import table_of
from storage.models.pending_jobs import PendingJob

JOBS = table_of(PendingJob)

#: Longest job name and largest arguments a row holds (the queue refuses bigger ones).
MAX_JOB_NAME = 64
MAX_KWARGS_BYTES = 16 * 1024 * 1024  # an import of 100,000 answers is ~0.8 MB of ids


@dataclass(frozen=True)
class ClaimedJob:
    id: int
    job: str
    kwargs: dict[str, Any]
    #: This claim included (1 on the first run).
    attempts: int


def add_jobs(*, session: Session, jobs: Sequence[tuple[str, dict[str, Any]]], now: float) -> None:
    """Queue (name, kwargs) jobs, due at once."""
    if not jobs:
        return
    session.execute(
        insert(JOBS),
        [
            {
                "job": name,
                "arguments": kwargs,
                "run_after": now,
                "claimed_until": None,
                "attempts": 0,
                "created_at": now,
            }
            for name, kwargs in jobs
        ],
    )


def _due(now: float) -> Any:
    return (JOBS.c.run_after <= now) & or_(
        JOBS.c.claimed_until.is_(None), JOBS.c.claimed_until < now
    )


def has_due(*, session: Session, now: float) -> bool:
    """Whether any job could be claimed now (a read, so idle polling never takes the write lock)."""
    return session.execute(core_select(JOBS.c.id).where(_due(now)).limit(1)).first() is not None


def claim_jobs(*, session: Session, now: float, lease: float, limit: int) -> list[ClaimedJob]:
    """Claim up to ``limit`` due jobs, oldest first, until ``now + lease``."""
    candidates = (
        core_select(JOBS.c.id)
        .where(_due(now))
        .order_by(JOBS.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)  # PostgreSQL only; SQLite renders nothing
        .scalar_subquery()
    )
    rows = session.execute(
        update(JOBS)
        .where(JOBS.c.id.in_(candidates))
        .values(claimed_until=now + lease, attempts=JOBS.c.attempts + 1)
        .returning(JOBS.c.id, JOBS.c.job, JOBS.c.arguments, JOBS.c.attempts)
    ).all()
    claimed = [ClaimedJob(int(r[0]), str(r[1]), dict(r[2] or {}), int(r[3])) for r in rows]
    return sorted(claimed, key=lambda c: c.id)


def finish_jobs(*, session: Session, ids: Sequence[int]) -> None:
    """Jobs that ran: gone from the queue."""
    if ids:
        session.execute(delete(JOBS).where(JOBS.c.id.in_(list(ids))))


def retry_job(*, session: Session, id: int, error: str, run_after: float) -> None:
    """A job that failed: unclaimed, and due again at ``run_after``."""
    session.execute(
        update(JOBS)
        .where(JOBS.c.id == id)
        .values(claimed_until=None, run_after=run_after, last_error=error[:2000])
    )


def count_jobs(*, session: Session) -> int:
    return int(session.execute(core_select(func.count()).select_from(JOBS)).scalar_one())


def queued_job_names(*, session: Session) -> list[str]:
    """Names of every queued job, oldest first (tests and the console's health)."""
    return [str(r[0]) for r in session.execute(core_select(JOBS.c.job).order_by(JOBS.c.id))]


def renew_claims(*, session: Session, ids: Sequence[int], until: float) -> None:
    """Jobs still running: their claims last until ``until``."""
    if ids:
        session.execute(update(JOBS).where(JOBS.c.id.in_(list(ids))).values(claimed_until=until))
