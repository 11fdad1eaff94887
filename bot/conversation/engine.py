"""The channel-agnostic conversation engine (skeleton; the full flow lands next)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.conversation.messages import InboundMessage, Reply
from storage.identity import AddressProtector
from storage.models import Channel, utcnow


class ConversationEngine:
    def __init__(
        self,
        *,
        engine: Engine,
        protector: AddressProtector,
        on_answer_stored: Callable[[int], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._engine = engine
        self._protector = protector
        self._on_answer_stored = on_answer_stored
        self._clock = clock

    def handle_inbound(self, message: InboundMessage) -> list[Reply]:
        return [Reply(text="…", key="not-ready")]

    def opt_out(self, *, channel: Channel, address: str, source: str) -> None:
        return None

    def opt_in(self, *, channel: Channel, address: str, source: str) -> None:
        return None
