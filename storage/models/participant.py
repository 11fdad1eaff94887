"""Residents, their conversations and answers, and the append-only audit log.

A resident's phone number or chat id never sits in a column in clear: the
lookup key is a keyed hash (HMAC) and the address needed to reply later is
encrypted. See storage.identity.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import Channel, ConsentState, Language, UTCDateTime, utcnow


class Participant(SQLModel, table=True):
    # AUTOINCREMENT: SQLite would otherwise reuse the id of an erased person,
    # and the audit log's "participant:<id>" would then point at someone new.
    __table_args__ = (
        UniqueConstraint("channel", "address_hash"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: Channel = Field(sa_type=String(16))
    address_hash: str = Field(max_length=64, index=True)
    address_encrypted: bytes = Field(sa_type=LargeBinary)
    language: Language = Field(default=Language.EN, sa_type=String(2))
    consent: ConsentState = Field(default=ConsentState.UNKNOWN, sa_type=String(16))
    consent_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    opted_out: bool = False
    opted_out_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    wants_feedback: bool | None = None
    # The consultation this person is talking to now; None before routing.
    active_consultation_id: int | None = Field(
        default=None, foreign_key="consultation.id", ondelete="SET NULL"
    )
    # Set when the person asked to DELETE and we are waiting for confirmation.
    erasure_requested_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    # What routing keeps before a conversation exists: a first answer waiting
    # for the resident to name the consultation, whether their language is
    # still open. Erased with the participant.
    data: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class Conversation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("participant_id", "consultation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    # Where the dialogue is: see bot.conversation.steps.Step.
    step: str = Field(default="consent", max_length=32)
    ward: str | None = Field(default=None, max_length=100)
    age_band: str | None = Field(default=None, max_length=32)
    # Free-form per-step data (which profile question comes next, etc.).
    data: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime())


class Answer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    # Null for answers imported from a CSV (paper forms, another platform).
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", index=True, ondelete="CASCADE"
    )
    conversation_id: int | None = Field(
        default=None, foreign_key="conversation.id", index=True, ondelete="CASCADE"
    )
    question_id: int | None = Field(default=None, foreign_key="question.id", ondelete="SET NULL")
    # "open", "probe", "playback", "import" ...
    kind: str = Field(default="open", max_length=16)
    channel: Channel = Field(sa_type=String(16))
    language: str = Field(default="en", max_length=8)
    text: str = Field(sa_type=Text)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    # The provider's id (Twilio MessageSid, Telegram update id, import row key):
    # unique so that a second delivery of the same message stores nothing new.
    provider_message_id: str | None = Field(default=None, max_length=128, unique=True)


class InboundReceipt(SQLModel, table=True):
    """One row per provider message handled, holding the replies we gave.

    Providers retry; a retried delivery must get the same reply and change
    nothing, so the replies are kept against the provider's message id.
    """

    __table_args__ = (UniqueConstraint("channel", "provider_message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: Channel = Field(sa_type=String(16))
    provider_message_id: str = Field(max_length=128)
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", index=True, ondelete="SET NULL"
    )
    replies: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class AuditEvent(SQLModel, table=True):
    """Append-only: the migration installs triggers refusing UPDATE and DELETE."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime(), index=True)
    # "participant", "officer:<id>", "system"
    actor: str = Field(max_length=64)
    action: str = Field(max_length=64, index=True)
    # A reference that identifies nobody once the subject is erased
    # ("participant:42" for a row that no longer exists).
    subject: str = Field(default="", max_length=128)
    detail: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
