"""Answers' redacted text, computed once and reused by the console and every export.

Redaction runs a language pipeline; doing it for 100,000 answers on each
export would be far too slow, so the result is kept here, keyed by answer
(erasing an answer erases this too) and by redactor version (a better
redactor recomputes).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow


class RedactedAnswer(SQLModel, table=True):
    answer_id: int = Field(primary_key=True, foreign_key="answer.id", ondelete="CASCADE")
    text: str = Field(sa_type=Text)
    spans: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    version: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
