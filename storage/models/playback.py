"""Playback rounds ("did we hear you right?") and feedback publications ("you said, we did").

Recipients move through states in their own committed transactions, as in
invitation waves, so a crash mid-send is resumed without messaging twice:

    pending -> sending -> sent | failed
    pending -> skipped (opted out since the round opened)

A row still in "sending" after a restart has an unknown fate and is not resent.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow

MAX_PLAYBACK_THEMES = 9


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class RoundKind(StrEnum):
    # "Which of these matters most?": the same themes for everyone, votes by number.
    VOTE = "vote"
    # "Did we hear you right?": each person sees the themes their own answers
    # were put in and says whether that is what they meant (ThemeAgreement).
    CHECK = "check"


class Verdict(StrEnum):
    AGREE = "agree"
    PARTLY = "partly"
    DISAGREE = "disagree"  # "not what I meant"


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class PlaybackRound(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    status: RoundStatus = Field(default=RoundStatus.OPEN, sa_type=String(16), index=True)
    # Theme ids in the order shown (position 1 = first); labels are frozen at
    # opening as [{"theme_id", "en", "cy"}] so a later relabel or refit does
    # not change what a vote for "2" meant.
    theme_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    labels: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    created_by: str = Field(default="system", max_length=64)
    kind: RoundKind = Field(
        default=RoundKind.VOTE, sa_type=String(16), sa_column_kwargs={"server_default": "vote"}
    )
    opened_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime())


class PlaybackRecipient(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("round_id", "participant_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="playbackround.id", index=True, ondelete="CASCADE")
    participant_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    state: DeliveryState = Field(default=DeliveryState.PENDING, sa_type=String(16), index=True)
    provider_sid: str | None = Field(default=None, max_length=64)
    error: str | None = Field(default=None, max_length=300)
    # Sends tried; usecases.delivery.run.requeue_failed stops at MAX_ATTEMPTS.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # The first reply that counted (votes or "what we missed"); later messages
    # go back to the normal conversation.
    replied_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    # The answer stored from that reply when it said something new.
    missed_answer_id: int | None = Field(default=None, foreign_key="answer.id", ondelete="SET NULL")
    # A check round: the positions (in PlaybackRound.theme_ids) of the themes
    # this person's answers were in, frozen when queued, as they were shown.
    shown: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=True))
    # When a reply we could not read was answered by asking again (once only).
    reasked_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class ThemeAgreement(SQLModel, table=True):
    # One verdict per person, round and theme: a redelivered or repeated reply
    # changes nothing (the first verdict stands).
    __table_args__ = (UniqueConstraint("round_id", "participant_id", "theme_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="playbackround.id", index=True, ondelete="CASCADE")
    participant_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    # The theme as it was shown; no foreign key, so a theme deleted since keeps
    # its history (the board follows merges to the surviving theme).
    theme_id: int = Field(index=True)
    verdict: Verdict = Field(sa_type=String(16))
    # The resident's own words ("no, I meant ..."), stored as an answer of kind
    # "correction": redacted and themed like every answer.
    correction_answer_id: int | None = Field(
        default=None, foreign_key="answer.id", ondelete="SET NULL"
    )
    provider_message_id: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class PlaybackVote(SQLModel, table=True):
    # One vote per person, round and position: "2 and 2" counts once, and a
    # redelivered message (same provider id) adds nothing.
    __table_args__ = (UniqueConstraint("round_id", "participant_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="playbackround.id", index=True, ondelete="CASCADE")
    participant_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    # 1-based position in PlaybackRound.theme_ids.
    position: int
    provider_message_id: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class FeedbackKind(StrEnum):
    # "What we found out" / "what difference it made" to everyone who asked.
    SUMMARY = "summary"
    # The council's response to each theme, to the residents whose answers are in it
    # (storage.models.feedback_themes).
    THEMES = "themes"


class FeedbackPublication(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("consultation_id", "text_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    kind: FeedbackKind = Field(
        default=FeedbackKind.SUMMARY,
        sa_type=String(16),
        sa_column_kwargs={"server_default": FeedbackKind.SUMMARY.value},
    )
    # SHA-256 of the published "what we found out" + "what difference it made":
    # re-publishing the same words is the same publication (no second send).
    text_hash: str = Field(max_length=64)
    # The published words, kept as sent (the consultation record may change later).
    found_out_en: str = Field(default="", sa_type=Text)
    found_out_cy: str = Field(default="", sa_type=Text)
    difference_en: str = Field(default="", sa_type=Text)
    difference_cy: str = Field(default="", sa_type=Text)
    published_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    recipients_count: int = 0


class FeedbackRecipient(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("publication_id", "participant_id"),)

    id: int | None = Field(default=None, primary_key=True)
    publication_id: int = Field(
        foreign_key="feedbackpublication.id", index=True, ondelete="CASCADE"
    )
    participant_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    state: DeliveryState = Field(default=DeliveryState.PENDING, sa_type=String(16), index=True)
    provider_sid: str | None = Field(default=None, max_length=64)
    error: str | None = Field(default=None, max_length=300)
    # Sends tried; usecases.delivery.run.requeue_failed stops at MAX_ATTEMPTS.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
