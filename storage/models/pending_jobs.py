"""Background jobs waiting in the database: the embedded default's queue, and the
production fallback for a job queued while Redis was down.

Rows survive restarts: a job is deleted only after it ran. A worker claims rows for a
lease (``claimed_until``); a worker that dies mid-job lets its lease lapse and another
worker (or the same one, restarted) claims the rows again. Times are epoch seconds so
that "due" is one indexed comparison on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel


class PendingJob(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=64)
    arguments: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    #: Not claimed before this time (retries back off by moving it on).
    run_after: float = Field(index=True)
    #: A worker holds the job until then; None: nobody does.
    claimed_until: float | None = Field(default=None)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: float
