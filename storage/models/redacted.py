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


class AnswerFlags(SQLModel, table=True):
    """What nlp.moderation found in an answer, and what an officer cleared.

    ``kinds``: "abuse", "spam", "identifying"; ``reasons``: [{"kind", "reason"}] shown to
    officers; ``cleared``: kinds an officer judged wrong ("not spam"), which then count for
    nothing (the answer is themed and quotable again) until the officer restores them.
    """

    answer_id: int = Field(primary_key=True, foreign_key="answer.id", ondelete="CASCADE")
    kinds: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    reasons: list[dict[str, str]] = Field(default_factory=list, sa_column=Column(JSON))
    cleared: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    version: str = Field(max_length=32)
    checked_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())

    def active(self) -> list[str]:
        """The kinds that still stand."""
        return [kind for kind in self.kinds if kind not in self.cleared]
