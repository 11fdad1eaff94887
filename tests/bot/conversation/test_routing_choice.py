"""Which consultation and which language: no hijacked answers, no lost first answers, Welsh kept."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.conversation.engine import ConversationEngine
from bot.conversation.messages import InboundMessage
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, ConsultationStatus
from storage.repositories.answers import list_answers
from tests.bot.conversation.conftest import Clock, Resident, add_consultation
from tests.bot.conversation.helpers import answer_texts, conversations, participant


def _parks(engine: Engine, status: ConsultationStatus = ConsultationStatus.OPEN) -> int:
    return add_consultation(
        engine, slug="parks", keyword="PARKS", title_en="Parks", title_cy="Parciau", status=status
    )


def _answers_by_consultation(engine: Engine) -> list[tuple[int, str]]:
    with session_scope(engine) as session:
        return [(a.consultation_id, a.text) for a in list_answers(session=session)]


def test_a_keyword_as_an_answer_is_an_answer(
    engine: Engine, buses: int, resident: Resident
) -> None:
    parks = _parks(engine)
    resident.send("BUSES")
    resident.send("yes")
    assert resident.keys("Parks") == ["ask-probe"]
    assert resident.keys("PARKS") == ["ask-profile"]
    assert resident.keys("LL11")[0] == "ask-profile"
    assert _answers_by_consultation(engine) == [(buses, "Parks"), (buses, "PARKS")]
    assert all(c.consultation_id == buses for c in conversations(engine))
    assert parks != buses


def test_a_closed_consultations_keyword_can_still_be_an_answer(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _parks(engine, ConsultationStatus.CLOSED)
    resident.send("BUSES")
    resident.send("yes")
    assert resident.keys("Parks") == ["ask-probe"]
    assert answer_texts(engine) == [("open", "Parks")]


def test_a_keyword_switches_at_the_greeting_and_after_the_end(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _parks(engine)
    resident.send("BUSES")
    greeting = resident.send("PARKS")
    assert greeting[0].key == "greeting" and '"Parks"' in greeting[0].text


def test_a_first_answer_with_two_consultations_open_is_kept_for_the_chosen_one(
    engine: Engine, buses: int, resident: Resident
) -> None:
    parks = _parks(engine)
    first = "hi there, the park is dirty"
    asked = resident.send(first, message_id="SMfirst")
    assert asked[0].key == "ask-keyword" and "kept" in asked[0].text
    # A double tap of the same message keeps it once.
    assert resident.keys(first, message_id="SMfirst") == ["ask-keyword"]
    assert resident.keys("PARKS") == ["greeting"]
    assert resident.keys("yes") == ["ask-probe"]
    assert _answers_by_consultation(engine) == [(parks, first)]


def test_a_first_answer_is_dropped_if_they_say_no(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _parks(engine)
    resident.send("the park is dirty")
    resident.send("PARKS")
    assert resident.keys("no") == ["consent-refused"]
    assert answer_texts(engine) == []


def test_a_welsh_first_message_with_two_open_keeps_welsh(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _parks(engine)
    asked = resident.send("Helo, mae angen glanhau'r parc")
    assert asked[0].language == "cy"
    greeting = resident.send("PARKS")
    assert greeting[0].key == "greeting" and greeting[0].language == "cy"
    assert "Parciau" in greeting[0].text


def test_welsh_help_then_the_keyword_greets_in_welsh(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _parks(engine)
    assert resident.send("CYMORTH")[0].language == "cy"
    greeting = resident.send("BUSES")
    assert greeting[0].key == "greeting" and greeting[0].language == "cy"


def test_a_channels_preferred_language_chooses_the_greeting(
    bot: ConversationEngine, clock: Clock, buses: int, engine: Engine, protector: AddressProtector
) -> None:
    def send(text: str, n: int, preferred: str | None) -> str:
        message = InboundMessage(
            channel=Channel.TELEGRAM,
            address="4242",
            text=text,
            provider_message_id=str(n),
            received_at=clock(),
            preferred_language=preferred,
        )
        return bot.handle_inbound(message)[0].language

    assert send("/start", 1, "cy") == "cy"
    assert send("Ie", 2, "cy") == "cy"
    person = participant(engine, protector, "4242", channel="telegram")
    assert person is not None and person.language == "cy"
    # An unknown preference says nothing.
    assert (
        bot.handle_inbound(
            InboundMessage(
                channel=Channel.TELEGRAM,
                address="4343",
                text="/start",
                provider_message_id="3",
                received_at=clock(),
                preferred_language="x-klingon",
            )
        )[0].language
        == "en"
    )


def test_single_letters_after_the_keyword_keep_english(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    assert resident.send("y")[0].language == "en"
    assert resident.send("More buses")[0].language == "en"
