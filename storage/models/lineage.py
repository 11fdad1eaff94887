"""Themes across rounds and years: a consultation linked to earlier ones, and its
themes matched to theirs (suggested by meaning, confirmed or refused by an officer)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow


class MatchState(StrEnum):
    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    # The officer said "not the same theme": never suggested again for this pair.
    REFUSED = "refused"


class ConsultationLink(SQLModel, table=True):
    """`consultation_id` follows on from `earlier_id` (last year's, the previous round)."""

    __tablename__ = "consultation_link"
    __table_args__ = (UniqueConstraint("consultation_id", "earlier_id"),)

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    earlier_id: int = Field(foreign_key="consultation.id", ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class ThemeMatch(SQLModel, table=True):
    """A theme of a later consultation that is the same as a theme of an earlier one."""

    __tablename__ = "theme_match"
    __table_args__ = (UniqueConstraint("theme_id", "earlier_theme_id"),)

    id: int | None = Field(default=None, primary_key=True)
    link_id: int = Field(foreign_key="consultation_link.id", index=True, ondelete="CASCADE")
    theme_id: int = Field(foreign_key="theme.id", index=True, ondelete="CASCADE")
    earlier_theme_id: int = Field(foreign_key="theme.id", ondelete="CASCADE")
    # Cosine similarity of the two themes' centroids (1.0 for an officer's own match).
    score: float = 0.0
    state: MatchState = Field(default=MatchState.SUGGESTED, sa_type=String(16))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
