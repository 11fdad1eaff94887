"""Long console work done off the request path: CSV imports and large XLSX exports.

A `ConsoleJob` is what the officer watches (counts, state, the rejected rows); its
files (the uploaded CSV, the built workbook) are kept in `ConsoleJobChunk` rows, in
the consultation's own store rather than a temp folder: a worker on another host
can read them, a backup holds them, and retention and erasure delete them with the
rest of the consultation's data. The upload goes as soon as its import ends; a
built export after `expires_at`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow


class JobKind(StrEnum):
    IMPORT = "import"
    EXPORT = "export"


class JobState(StrEnum):
    # An upload waiting for its column mapping (no work queued yet).
    UPLOADED = "uploaded"
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # A built export whose file was removed (kept time over, or an erasure).
    EXPIRED = "expired"


#: States in which a job will not change any more.
FINISHED = frozenset({JobState.DONE, JobState.FAILED, JobState.CANCELLED, JobState.EXPIRED})


class ConsoleJob(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    officer_id: int | None = Field(default=None)
    kind: str = Field(max_length=16)
    state: str = Field(max_length=16, index=True)
    filename: str = Field(default="", max_length=200)
    # Import: the column mapping, encoding, delimiter, header, source; export: the format.
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    # Progress. Import: data rows read / stored / already there / rejected, of about
    # `total` (the upload's line count); export: answers written of `total`.
    total: int = 0
    rows_read: int = 0
    rows_stored: int = 0
    rows_duplicate: int = 0
    rows_rejected: int = 0
    # Data rows (blank ones included) behind the last committed slice: a resumed
    # import starts after them, so no row is stored twice.
    resume_rows: int = 0
    # Rejected rows as [line, reason], the first MAX_REPORTED_ERRORS of them.
    errors: list[list[Any]] = Field(default_factory=list, sa_column=Column(JSON))
    # Why a job stopped early or failed, in plain words for the officer.
    message: str = Field(default="", max_length=500)
    cancel_requested: bool = False
    # Bumped by each run; a run that finds a newer one stops (a redelivered job).
    attempt: int = 0
    file_bytes: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    # When the job's file is removed (an upload never mapped, a built export).
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime(), index=True)


class ConsoleJobChunk(SQLModel, table=True):
    """One piece (up to 1 MiB) of a job's file, in order."""

    __table_args__ = (UniqueConstraint("job_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="consolejob.id", index=True, ondelete="CASCADE")
    seq: int
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
