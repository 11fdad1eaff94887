"""The council's response to each theme: what it decided, who owns it, how far it has got.

One row per theme. It keeps a copy of the theme's label from when the response
was last saved, so a response outlives its theme (merged away by a later edit,
or deleted with a refit) and "you said, we did" still says what it answered.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow

TEXT_LIMIT = 1000


class Decision(StrEnum):
    WILL_DO = "will_do"
    ALREADY_DOING = "already_doing"
    # Considered and not doing: the reason is required.
    NOT_DOING = "not_doing"
    # Passed to another body (a health board, the police): its name is required.
    PASSED_ON = "passed_on"


class ResponseStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    # For "not doing" and "passed on": nothing of ours to track.
    CLOSED = "closed"


class ThemeResponse(SQLModel, table=True):
    __tablename__ = "theme_response"
    __table_args__ = (UniqueConstraint("consultation_id", "theme_id"),)

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    # Null once the theme is gone; the label copies below still say what was answered.
    theme_id: int | None = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    theme_label_en: str = Field(default="", max_length=200)
    theme_label_cy: str = Field(default="", max_length=200)
    decision: Decision = Field(sa_type=String(16))
    # What the council will do / is doing (will_do, already_doing), or why not (not_doing).
    detail_en: str = Field(default="", sa_type=Text)
    detail_cy: str = Field(default="", sa_type=Text)
    owner_service: str = Field(default="", max_length=200)
    passed_to: str = Field(default="", max_length=200)
    status: ResponseStatus = Field(default=ResponseStatus.PLANNED, sa_type=String(16))
    # When the action is due or was done (a date, not a moment: no time zone to get wrong).
    status_date: date | None = Field(default=None, sa_type=Date)
    updated_by: str = Field(default="", max_length=254)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
