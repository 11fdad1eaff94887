"""Routing and step logic: which consultation, which question next, resuming.

The dialogue logic does not depend on the database, so these run on SQLite
only (the engine fixture below overrides the two-backend one); everything
storage-sensitive (answers, idempotency, races, erasure) runs on both.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from bot.conversation.engine import ConversationEngine
from storage.db import make_engine, session_scope
from storage.models import ConsultationStatus
from storage.repositories.consultations import get_by_slug, set_status
from tests.bot.conversation.conftest import Clock, Resident, add_consultation
from tests.bot.conversation.helpers import answer_texts, conversations


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def test_keyword_only_first_message_lets_the_next_message_choose_welsh(
    buses: int, resident: Resident
) -> None:
    assert resident.send("buses")[0].language == "en"
    reply = resident.send("iawn")
    assert reply[0].key == "ask-open" and reply[0].language == "cy"
    assert "Beth sydd bwysicaf" in reply[0].text


def test_rich_first_answer_skips_the_probe(engine: Engine, buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")
    rich = (
        "The 5 bus is always late, and I can't get to work on time because there is no other "
        "way to get there from the village"
    )
    assert resident.keys(rich) == ["ask-profile"]
    assert answer_texts(engine) == [("open", rich)]


def test_short_first_answer_gets_the_probe(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")
    assert resident.keys("Better buses please") == ["ask-probe"]


def test_resume_after_a_gap_says_hello_again_and_repeats_the_question(
    buses: int, resident: Resident, clock: Clock
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    clock.advance(hours=30)
    reply = resident.send("hi")
    assert reply[0].key == "ask-open" and reply[0].text.startswith("Hello again!")
    assert "What matters most" in reply[0].text


def test_keyword_again_mid_conversation_repeats_the_pending_question(
    buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    resident.send("Cheaper fares")
    again = resident.send("buses")
    # "Buses" while being asked why is an answer, not a restart.
    assert again[0].key == "ask-profile"


def test_switching_between_two_consultations_keeps_both(
    engine: Engine, buses: int, resident: Resident
) -> None:
    add_consultation(engine, slug="parks", keyword="PARKS", title_en="Parks", title_cy="Parciau")
    resident.send("BUSES")
    resident.send("yes")
    # Mid-conversation a bare keyword is an answer; "START PARKS" clearly asks.
    assert resident.keys("START PARKS") == ["greeting"]
    assert resident.keys("yes") == ["ask-open"]
    back = resident.send("Dechrau BUSES")
    assert back[0].key == "ask-open" and back[0].text.startswith("Hello again!")
    assert len(conversations(engine)) == 2


def test_single_open_consultation_is_used_without_a_keyword(buses: int, resident: Resident) -> None:
    assert resident.keys("Hi") == ["greeting"]


def test_several_open_consultations_ask_for_the_keyword(
    engine: Engine, buses: int, resident: Resident
) -> None:
    add_consultation(engine, slug="parks", keyword="PARKS", title_en="Parks", title_cy="Parciau")
    assert resident.keys("Hello there") == ["ask-keyword"]
    assert resident.keys("PARKS") == ["greeting"]


def test_no_open_consultation_asks_for_the_keyword(resident: Resident, engine: Engine) -> None:
    assert resident.keys("Hello") == ["ask-keyword"]
    assert answer_texts(engine) == [] and conversations(engine) == []


def test_deep_link_code_starts_that_consultation(engine: Engine, resident: Resident) -> None:
    add_consultation(engine)
    add_consultation(engine, slug="parks", keyword="PARKS", title_en="Parks", title_cy="Parciau")
    reply = resident.send("/start", code="parks")
    assert reply[0].key == "greeting" and '"Parks"' in reply[0].text
    # The simulator sends its code with every message: that must not restart.
    assert resident.keys("yes", code="parks") == ["ask-open"]
    assert resident.keys("Swings for toddlers", code="parks") == ["ask-probe"]


def test_closed_consultation_says_so_and_stores_nothing(
    engine: Engine, bot: ConversationEngine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    with session_scope(engine) as session:
        consultation = get_by_slug(session=session, slug="buses")
        assert consultation is not None
        set_status(session=session, consultation=consultation, status=ConsultationStatus.CLOSED)
    bot.refresh_consultations()
    reply = resident.send("More buses please")
    assert reply[0].key == "closed" and "has closed" in reply[0].text
    assert answer_texts(engine) == []
    other = Resident(engine=bot, clock=resident.clock, address="+447700900999")
    assert other.keys("BUSES") == ["closed"]


def test_consultation_created_after_start_is_found_by_keyword(
    engine: Engine, bot: ConversationEngine, resident: Resident
) -> None:
    assert resident.keys("TIPS") == ["unknown-keyword"]
    add_consultation(engine, slug="tips", keyword="TIPS", title_en="Tips", title_cy="Tomenni")
    resident.clock.advance(seconds=2)
    assert resident.keys("TIPS") == ["greeting"]
