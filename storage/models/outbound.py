"""Messages we send (invitations, later feedback) and invitation waves.

Addresses follow the participant rule: an HMAC hash to look people up and a
Fernet-encrypted copy to send to, never the number in clear.

A wave's recipients move through states written in their own committed
transactions, so a crash mid-wave can be resumed without sending twice:

    pending -> sending -> sent | failed | invalid
    pending -> skipped_opted_out

"sending" is committed *before* the provider is called; a row still in
"sending" after a restart is one whose fate is unknown (see
usecases.invitations.waves for how it is reconciled).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Float, LargeBinary, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import Channel, UTCDateTime, utcnow


class WaveStatus(StrEnum):
    DRAFT = "draft"
    SENDING = "sending"
    PAUSED = "paused"  # quiet hours or an operator stop; resumable
    DONE = "done"
    CANCELLED = "cancelled"


class RecipientState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED_OPTED_OUT = "skipped_opted_out"
    INVALID = "invalid"


class OutboundStatus(StrEnum):
    """Twilio's message statuses, plus our own "failed" for API refusals."""

    ACCEPTED = "accepted"
    SCHEDULED = "scheduled"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    READ = "read"
    RECEIVING = "receiving"
    RECEIVED = "received"
    CANCELED = "canceled"


class InvitationWave(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    # Why we may text these people (UK GDPR Art. 6 basis / where consent came
    # from), written by the officer and kept with the wave for audit.
    lawful_basis: str = Field(sa_type=Text)
    consent_source: str = Field(default="", sa_type=Text)
    created_by: str = Field(default="system", max_length=64)
    status: WaveStatus = Field(default=WaveStatus.DRAFT, sa_type=String(16))
    # Messages per second; fixed at creation so a resumed wave keeps its pace.
    rate: float = Field(default=1.0, sa_column=Column(Float, nullable=False))
    # The exact text sent, fixed at creation: a resumed wave sends the same words.
    body: str = Field(sa_type=Text)
    total_count: int = 0
    invalid_count: int = 0
    duplicate_count: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime())


class InvitationRecipient(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("wave_id", "address_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    wave_id: int = Field(foreign_key="invitationwave.id", index=True, ondelete="CASCADE")
    # Row of the uploaded CSV (1-based, header excluded) for the officer's report.
    row_number: int = 0
    channel: Channel = Field(default=Channel.SMS, sa_type=String(16))
    address_hash: str = Field(max_length=64, index=True)
    address_encrypted: bytes = Field(sa_type=LargeBinary)
    state: RecipientState = Field(default=RecipientState.PENDING, sa_type=String(20), index=True)
    attempts: int = 0
    provider_sid: str | None = Field(default=None, max_length=64)
    error_code: int | None = None
    error: str | None = Field(default=None, max_length=300)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class OutboundMessage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    participant_id: int | None = Field(
        default=None, foreign_key="participant.id", index=True, ondelete="SET NULL"
    )
    wave_id: int | None = Field(
        default=None, foreign_key="invitationwave.id", index=True, ondelete="SET NULL"
    )
    channel: Channel = Field(sa_type=String(16))
    address_hash: str = Field(max_length=64, index=True)
    address_encrypted: bytes | None = Field(default=None, sa_type=LargeBinary)
    body: str = Field(default="", sa_type=Text)
    # Twilio's MessageSid; null when the API refused the message outright.
    provider_sid: str | None = Field(default=None, max_length=64, unique=True)
    status: OutboundStatus = Field(default=OutboundStatus.QUEUED, sa_type=String(16))
    error_code: int | None = None
    attempts: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
