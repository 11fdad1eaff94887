"""An officer's hand-coding of sampled answers, to measure the automatic themes against."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, UniqueConstraint
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
    # Further themes the officer sees in the same answer (multi-theme coding).
    also_theme_ids: list[int] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class QualitySample(SQLModel, table=True):
    """The answers officers hand-code for a consultation's accuracy statement.

    One current sample per consultation; drawing a new one (another size) replaces
    it, and codes of answers that are in both samples are kept.
    """

    __tablename__ = "quality_sample"

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", unique=True, ondelete="CASCADE")
    answer_ids: list[int] = Field(sa_column=Column(JSON, nullable=False))
    # How many themes the sample was stratified over, for the methods note.
    strata: int = 0
    drawn_by: str = Field(default="", max_length=254)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
