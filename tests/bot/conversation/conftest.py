"""Fixtures for the conversation engine: a real store, a settable clock, consultations."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.conversation.engine import ConversationEngine
from bot.conversation.messages import InboundMessage, Reply
from storage.db import session_scope
from storage.identity import AddressProtector, derive_fernet_key
from storage.models import Channel, ConsultationStatus
from storage.repositories.consultations import create_consultation

BUS_QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": "open",
        "prompt_en": "What matters most to you about buses where you live?",
        "prompt_cy": "Beth sydd bwysicaf i chi am fysiau lle rydych chi'n byw?",
    },
    {
        "kind": "probe",
        "prompt_en": "Thank you. Why does that matter to you?",
        "prompt_cy": "Diolch. Pam mae hynny'n bwysig i chi?",
    },
    {
        "kind": "ward",
        "prompt_en": "Which ward or postcode area do you live in? (for example Gresford or LL11)",
        "prompt_cy": "Ym mha ward neu ardal cod post rydych chi'n byw? (er enghraifft Gresffordd)",
    },
    {
        "kind": "age_band",
        "prompt_en": "How old are you?",
        "prompt_cy": "Faint yw eich oed chi?",
        "choices": [
            {"value": "under-25", "en": "Under 25", "cy": "Dan 25"},
            {"value": "25-44", "en": "25 to 44", "cy": "25 i 44"},
            {"value": "45-64", "en": "45 to 64", "cy": "45 i 64"},
            {"value": "65-plus", "en": "65 or over", "cy": "65 a throsodd"},
        ],
    },
]


def add_consultation(
    engine: Engine,
    *,
    slug: str = "buses",
    keyword: str = "BUSES",
    title_en: str = "The future of local bus services",
    title_cy: str = "Dyfodol gwasanaethau bws lleol",
    status: ConsultationStatus = ConsultationStatus.OPEN,
    questions: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> int:
    with session_scope(engine) as session:
        consultation = create_consultation(
            session=session,
            slug=slug,
            keyword=keyword,
            title_en=title_en,
            title_cy=title_cy,
            status=status,
            questions=questions if questions is not None else BUS_QUESTIONS,
            **fields,
        )
        assert consultation.id is not None
        return consultation.id


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 22, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Resident:
    """A phone that texts the engine, with unique provider message ids."""

    engine: ConversationEngine
    clock: Clock
    address: str = "+447700900123"
    channel: Channel = Channel.SMS
    counter: Iterator[int] = field(default_factory=itertools.count)

    def send(
        self,
        text: str,
        *,
        message_id: str | None = None,
        code: str | None = None,
        received_at: datetime | None = None,
    ) -> list[Reply]:
        return self.engine.handle_inbound(self.message(text, message_id, code, received_at))

    def message(
        self,
        text: str,
        message_id: str | None = None,
        code: str | None = None,
        received_at: datetime | None = None,
    ) -> InboundMessage:
        return InboundMessage(
            channel=self.channel,
            address=self.address,
            text=text,
            provider_message_id=message_id or f"SM{self.address[-4:]}{next(self.counter):06d}",
            received_at=received_at or self.clock(),
            consultation_code=code,
        )

    def keys(self, text: str, **kwargs: Any) -> list[str]:
        return [reply.key for reply in self.send(text, **kwargs)]


@pytest.fixture
def protector() -> AddressProtector:
    return AddressProtector(hash_key=b"test-hash-key", encryption_keys=[derive_fernet_key("t")])


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def stored() -> list[int]:
    """Answer ids announced through on_answer_stored."""
    return []


@pytest.fixture
def bot(
    engine: Engine, protector: AddressProtector, clock: Clock, stored: list[int]
) -> ConversationEngine:
    return ConversationEngine(
        engine=engine, protector=protector, clock=clock, on_answer_stored=stored.append
    )


@pytest.fixture
def buses(engine: Engine) -> int:
    return add_consultation(engine)


@pytest.fixture
def resident(bot: ConversationEngine, clock: Clock) -> Resident:
    return Resident(engine=bot, clock=clock)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the SMS cost of every prompt measured by test_catalog.py."""
    from tests.bot.conversation.test_catalog import SEGMENT_REPORT

    if not SEGMENT_REPORT:
        return
    terminalreporter.section("SMS segments per prompt")
    seen = set()
    for language, message_id, segments, enc in sorted(SEGMENT_REPORT):
        if (language, message_id) in seen:
            continue
        seen.add((language, message_id))
        terminalreporter.write_line(f"{language} {message_id:<28} {segments} x {enc}")
