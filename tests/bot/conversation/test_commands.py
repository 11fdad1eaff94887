"""STOP, START, HELP, DELETE and the language switch, at any point of the conversation."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from bot.conversation.engine import ConversationEngine
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer, Channel, Conversation, InboundReceipt, Participant
from tests.bot.conversation.conftest import Resident
from tests.bot.conversation.helpers import answer_texts, events, participant


def _count(engine: Engine, table: type) -> int:
    with session_scope(engine) as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def test_stop_confirms_once_then_silence_until_start(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    assert resident.keys("Stop!") == ["opted-out"]
    assert resident.send("Why are the buses late?") == []
    assert resident.send("STOP") == []
    assert resident.send("HELP") == []
    assert answer_texts(engine) == []
    person = participant(engine, protector, resident.address)
    assert person is not None and person.opted_out and person.opted_out_at is not None
    back = resident.send("START")
    assert [r.key for r in back] == ["opted-in", "ask-open"]
    assert [e.action for e in events(engine)] == ["consent_given", "opted_out", "opted_in"]


def test_provider_level_opt_out_silences_and_opt_in_restores(
    engine: Engine, bot: ConversationEngine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    bot.opt_out(channel=Channel.SMS, address=resident.address, source="twilio")
    bot.opt_out(channel=Channel.SMS, address=resident.address, source="twilio")
    assert resident.send("yes") == []
    bot.opt_in(channel=Channel.SMS, address=resident.address, source="twilio")
    assert resident.keys("yes") == ["ask-open"]
    opt_events = [(e.action, e.detail) for e in events(engine) if e.action.startswith("opted")]
    assert opt_events == [("opted_out", {"source": "twilio"}), ("opted_in", {"source": "twilio"})]


def test_delete_needs_confirmation_then_erases_everything(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    resident.send("More buses on Sundays")
    resident.send("Work")
    assert resident.keys("DELETE") == ["erase-confirm"]
    assert _count(engine, Answer) == 2
    assert resident.keys("yes") == ["erased"]
    for table in (Answer, Conversation, Participant):
        assert _count(engine, table) == 0, table
    assert participant(engine, protector, resident.address) is None
    with session_scope(engine) as session:
        receipts = session.execute(select(col(InboundReceipt.participant_id))).scalars().all()
    assert receipts and all(owner is None for owner in receipts)
    erased = [e for e in events(engine) if e.action == "erased"]
    assert len(erased) == 1 and erased[0].subject.startswith("participant:")
    assert erased[0].detail is None
