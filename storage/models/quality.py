"""An officer's hand-coding of sampled answers, to measure the automatic themes against."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow


class HandCode(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("answer_id", "officer_id"),)

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    answer_id: int = Field(foreign_key="answer.id", index=True, ondelete="CASCADE")
    officer_id: int = Field(foreign_key="officer.id", ondelete="CASCADE")
    # No foreign key: themes are refitted; None means "none of these themes".
    theme_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
