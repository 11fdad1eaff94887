"""Consultations shaped like Wrexham's "Your Voice", and their questions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import ConsultationStatus, QuestionKind, UTCDateTime, utcnow


class ConsultationBase(SQLModel):
    slug: str = Field(max_length=64, unique=True, index=True)
    # The SMS keyword residents text to join ("BUSES"); stored upper-case.
    keyword: str = Field(max_length=32, unique=True, index=True)
    title_en: str = Field(max_length=200)
    title_cy: str = Field(max_length=200)
    department: str = Field(default="", max_length=200)
    status: ConsultationStatus = Field(default=ConsultationStatus.DRAFT, sa_type=String(16))
    opens_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    closes_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    # The four "Your Voice" sections, each in English and Welsh.
    why_en: str = Field(default="", sa_type=Text)
    why_cy: str = Field(default="", sa_type=Text)
    want_to_know_en: str = Field(default="", sa_type=Text)
    want_to_know_cy: str = Field(default="", sa_type=Text)
    found_out_en: str = Field(default="", sa_type=Text)
    found_out_cy: str = Field(default="", sa_type=Text)
    difference_en: str = Field(default="", sa_type=Text)
    difference_cy: str = Field(default="", sa_type=Text)
    # The council's own page with the published results ("Your Voice"); "you
    # said, we did" messages carry it, so an SMS is a short link, not a summary.
    results_url: str = Field(
        default="",
        max_length=500,
        description="The council's web page with the published results; empty until there is one.",
    )


class Consultation(ConsultationBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # The wards residents choose from: [{"en": "Gresford", "cy": "Gresffordd"}, ...];
    # None when the consultation asks for a postcode district only.
    wards: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    # The council's own words for redaction (storage/repositories/redaction_words.py):
    # places the name finder must leave whole ("Caia Park") and words always hidden (a
    # member of staff's name). Not in ConsultationBase: the API never serves them.
    places_to_keep: list[str] | None = Field(default=None, sa_column=Column(JSON))
    words_to_hide: list[str] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())

    def title(self, language: str) -> str:
        return self.title_cy if language == "cy" and self.title_cy else self.title_en


class QuestionBase(SQLModel):
    kind: QuestionKind = Field(sa_type=String(16))
    position: int = 0
    prompt_en: str = Field(sa_type=Text)
    prompt_cy: str = Field(sa_type=Text)
    # For choice questions: [{"value": "...", "en": "...", "cy": "..."}, ...]
    choices: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))


class Question(QuestionBase, table=True):
    __table_args__ = (UniqueConstraint("consultation_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")

    def prompt(self, language: str) -> str:
        return self.prompt_cy if language == "cy" and self.prompt_cy else self.prompt_en
