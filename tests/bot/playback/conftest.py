"""Fixtures for playback: a consultation with themes and residents who asked to hear back."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from sqlalchemy.engine import Engine

from bot.conversation.messages import Reply
from storage.db import session_scope
from storage.identity import AddressProtector, derive_fernet_key
from storage.models import Channel, Conversation, Language, Participant
from storage.models.themes import Theme
from tests.bot.conversation.conftest import Clock, add_consultation
from usecases.delivery.sender import Outcome, SendResult

THEMES = [
    ("Buses", "Bysiau"),
    ("Housing repairs", "Atgyweirio tai"),
    ("Parks", "Parciau"),
]


@pytest.fixture
def protector() -> AddressProtector:
    return AddressProtector(hash_key=b"test-hash-key", encryption_keys=[derive_fernet_key("t")])


@pytest.fixture
def clock() -> Clock:
    return Clock()


@dataclass
class World:
    consultation_id: int
    theme_ids: list[int]


def add_person(
    engine: Engine,
    protector: AddressProtector,
    consultation_id: int,
    address: str,
    *,
    wants_feedback: bool | None = True,
    opted_out: bool = False,
    language: str = "en",
    channel: Channel = Channel.SMS,
) -> int:
    with session_scope(engine) as session:
        person = Participant(
            channel=channel,
            address_hash=protector.hash(str(channel), address),
            address_encrypted=protector.encrypt(address),
            language=Language(language),
            wants_feedback=wants_feedback,
            opted_out=opted_out,
            active_consultation_id=consultation_id,
        )
        session.add(person)
        session.flush()
        assert person.id is not None
        session.add(
            Conversation(participant_id=person.id, consultation_id=consultation_id, step="done")
        )
        return person.id


@pytest.fixture
def world(engine: Engine) -> World:
    consultation_id = add_consultation(engine)
    ids: list[int] = []
    with session_scope(engine) as session:
        for en, cy in THEMES:
            theme = Theme(consultation_id=consultation_id, label_en=en, label_cy=cy)
            session.add(theme)
            session.flush()
            assert theme.id is not None
            ids.append(theme.id)
    return World(consultation_id=consultation_id, theme_ids=ids)


@dataclass
class RecordingDeliverer:
    """Records what would reach each phone; can fail or crash on the n-th message."""

    sent: list[tuple[Channel, str, Reply]] = field(default_factory=list)
    crash_on: int | None = None
    turns: int = 0

    def wait_turn(self) -> None:
        self.turns += 1

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        if self.crash_on is not None and len(self.sent) + 1 == self.crash_on:
            self.crash_on = None
            raise RuntimeError("worker killed mid-send")
        self.sent.append((channel, address, reply))
        return SendResult(outcome=Outcome.SENT, attempts=1, sid=f"SM{len(self.sent):032d}")
