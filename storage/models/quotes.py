"""Candidate quotes for workshops and exports, and the log of officers' edits.

A quote holds only the REDACTED text and the spans removed from the answer;
the resident's own words stay in `answer.text`, so nothing read from this
table can leak an identity. A quote belongs to its answer (ON DELETE CASCADE):
erasing a participant deletes their answers and with them every quote.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, String, Text
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow


class QuoteStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class QuoteSource(StrEnum):
    # Chosen by theming as typical of a theme.
    REPRESENTATIVE = "representative"
    # Picked by an officer from the answers list.
    OFFICER_PICK = "officer_pick"


class Quote(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    answer_id: int = Field(foreign_key="answer.id", index=True, ondelete="CASCADE")
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    # No foreign key on purpose: themes are refitted and renumbered by the
    # theming job, and a quote must survive that as a plain reference.
    theme_id: int | None = Field(default=None, index=True)
    redacted_text: str = Field(sa_type=Text)
    # [{"start", "end", "type"}] character offsets into the answer's text.
    spans: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    status: QuoteStatus = Field(default=QuoteStatus.PENDING, sa_type=String(16), index=True)
    source: QuoteSource = Field(default=QuoteSource.REPRESENTATIVE, sa_type=String(16))
    # "officer:<id>" of whoever approved or rejected it last.
    reviewed_by: str | None = Field(default=None, max_length=64)
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    # Why an approved quote came back to the queue ("words-to-hide": the consultation's
    # words to hide now cover part of it; "places-removed": it shows a place no longer
    # kept); cleared by the next decision.
    requeued_reason: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class QuoteEdit(SQLModel, table=True):
    """One officer change to a quote's redaction: what was added and removed, by whom."""

    id: int | None = Field(default=None, primary_key=True)
    quote_id: int = Field(foreign_key="quote.id", index=True, ondelete="CASCADE")
    added: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    removed: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    editor: str = Field(max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
