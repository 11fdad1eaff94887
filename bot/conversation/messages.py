"""The channel-neutral shapes every channel speaks: one message in, replies out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.models import Channel


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """A resident's message as any channel delivers it."""

    channel: Channel
    # The channel address: E.164 phone number for SMS/WhatsApp (without the
    # "whatsapp:" prefix), the chat id for Telegram, a session id for web chat.
    address: str
    text: str
    # Twilio MessageSid, Telegram update id, ...; None when the channel has none.
    provider_message_id: str | None
    received_at: datetime
    # A consultation chosen outside the text: a Telegram /start deep-link code,
    # the simulator's consultation picker. Keywords in the text still work.
    consultation_code: str | None = None
    # The language the channel knows the resident prefers (Telegram's app
    # language, the browser's Accept-Language): used until their words say.
    preferred_language: str | None = None


@dataclass(frozen=True, slots=True)
class ReplyOption:
    """A choice a channel may render as a button; typing `value` works everywhere."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Reply:
    """One message back to the resident."""

    text: str
    # Catalogue id of the message ("ask-consent"), so channels and tests can
    # tell messages apart without parsing text.
    key: str
    options: tuple[ReplyOption, ...] = field(default=())
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "key": self.key,
            "language": self.language,
            "options": [{"value": o.value, "label": o.label} for o in self.options],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        return cls(
            text=str(data["text"]),
            key=str(data["key"]),
            language=str(data.get("language", "en")),
            options=tuple(
                ReplyOption(value=str(o["value"]), label=str(o["label"]))
                for o in data.get("options", [])
            ),
        )
