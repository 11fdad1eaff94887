"""What a resident sees in the web chat (/chat/<KEYWORD>), so they can come back and continue.

SMS and Telegram keep the conversation on the resident's phone; a web page
has nowhere to keep it but here. Lines belong to the participant (deleted
with them on DELETE) and are pruned after `bot.channels.webchat` keeps them
for as long as its cookie lives.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow


class WebchatLine(SQLModel, table=True):
    # `ref` makes a line idempotent: "msg:<id>" for what the resident sent (a
    # double tap or a resubmitted form stores it once), "playback:<id>" for a
    # question the service sent. NULLs (the bot's replies) do not collide.
    __table_args__ = (UniqueConstraint("participant_id", "ref"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    # "resident" or "bot"
    who: str = Field(max_length=8)
    text: str = Field(sa_type=Text)
    # Buttons offered with a bot line: [{"value", "label"}].
    options: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON))
    ref: str | None = Field(default=None, sa_type=String(80))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime(), index=True)
