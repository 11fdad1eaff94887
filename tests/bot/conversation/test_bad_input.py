"""Hostile, odd and duplicated input: a kind reply every time, nothing lost, nothing doubled."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from storage.identity import AddressProtector
from tests.bot.conversation.conftest import Resident
from tests.bot.conversation.helpers import answer_texts, answers, participant


def _at_open_question(resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")


def test_1600_character_message_is_stored_whole(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _at_open_question(resident)
    long_text = ("The number 12 bus is always late and overcrowded. " * 40)[:1600]
    assert len(long_text) == 1600
    assert resident.keys(long_text) == ["ask-profile"]
    assert answers(engine)[0].text == long_text.strip()


def test_same_provider_message_twice_gives_the_same_reply_and_stores_once(
    engine: Engine, buses: int, resident: Resident, stored: list[int]
) -> None:
    _at_open_question(resident)
    first = resident.send("More buses", message_id="SMdup1")
    again = resident.send("More buses", message_id="SMdup1")
    assert again == first
    assert answer_texts(engine) == [("open", "More buses")]
    assert len(stored) == 1
    # The retry did not move the conversation on either.
    assert resident.keys("Because I work") == ["ask-profile"]


def test_duplicate_of_a_state_change_changes_nothing(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    first = resident.send("yes", message_id="SMyes")
    assert resident.send("yes", message_id="SMyes") == first
    resident.send("STOP", message_id="SMstop")
    assert [r.key for r in resident.send("STOP", message_id="SMstop")] == ["opted-out"]


def test_messages_out_of_order_are_all_stored_with_their_own_times(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _at_open_question(resident)
    now = resident.clock()
    resident.send("Second thought", received_at=now)
    resident.send("First thought, delayed by the network", received_at=now - timedelta(minutes=5))
    stored = answers(engine)
    assert [a.text for a in stored] == ["Second thought", "First thought, delayed by the network"]
    assert stored[1].received_at.replace(tzinfo=None) < stored[0].received_at.replace(tzinfo=None)


def test_erased_participant_texting_again_starts_fresh(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    _at_open_question(resident)
    resident.send("More buses")
    first = participant(engine, protector, resident.address)
    resident.send("DELETE")
    resident.send("yes")
    reply = resident.send("BUSES")
    assert reply[0].key == "greeting"
    again = participant(engine, protector, resident.address)
    # (SQLite may hand the new row the erased row's id; what matters is that
    # nothing of the old person survives.)
    assert first is not None and first.consent == "given"
    assert again is not None and again.consent == "unknown"
    assert answer_texts(engine) == []


def test_address_is_never_stored_in_clear(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    _at_open_question(resident)
    resident.send("More buses")
    resident.send("STOP")
    digits = resident.address.lstrip("+")
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                assert digits not in repr(tuple(row)), table.name
    person = participant(engine, protector, resident.address)
    assert person is not None and protector.decrypt(person.address_encrypted) == resident.address
