"""Round results: shares with Wilson intervals, small groups suppressed, 'you missed' share."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.conversation.engine import ConversationEngine
from bot.playback.handler import handle_playback_reply
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Conversation
from storage.models.playback import DeliveryState, PlaybackRecipient
from storage.repositories.playback_results import round_results, wilson
from tests.bot.conversation.conftest import Clock, Resident
from tests.bot.playback.conftest import World, add_person
from usecases.playback.rounds import open_round


def test_wilson_matches_published_values() -> None:
    low, high = wilson(0, 10)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)


def test_results_of_a_round(
    engine: Engine, protector: AddressProtector, clock: Clock, world: World
) -> None:
    numbers = [f"+4477009002{n:02d}" for n in range(8)]
    people = [add_person(engine, protector, world.consultation_id, n) for n in numbers]
    with session_scope(engine) as session:
        for n, person in enumerate(people):
            conversation = session.exec(
                select(Conversation).where(Conversation.participant_id == person)
            ).one()
            conversation.ward = "Gresford" if n < 6 else "Acton"
            session.add(conversation)
    round_id = open_round(
        engine=engine, consultation_id=world.consultation_id, theme_ids=world.theme_ids
    )
    with session_scope(engine) as session:
        for row in session.exec(select(PlaybackRecipient)):
            row.state = DeliveryState.SENT
            session.add(row)
    bot = ConversationEngine(
        engine=engine, protector=protector, clock=clock, pre_route=handle_playback_reply
    )
    replies = ["1", "1", "1 and 2", "1", "1", "You missed the pavements", "2", "12"]
    for number, text in zip(numbers, replies, strict=True):
        Resident(engine=bot, clock=clock, address=number).send(text)
    with session_scope(engine) as session:
        results = round_results(session=session, round_id=round_id)
    assert (results.sent, results.replied) == (8, 7)  # "12" was asked again, not counted
    buses = results.themes[0]
    assert (buses.label_en, buses.votes) == ("Buses", 5)
    assert buses.share == pytest.approx(5 / 7) and buses.low < 5 / 7 < buses.high
    assert results.missed == 1 and results.missed_share == pytest.approx(1 / 7)
    assert results.by_ward is not None
    # Acton's single vote must not be visible, nor recoverable from the totals.
    assert results.by_ward.cells["Acton"]["2"] is None
    assert results.by_ward.row_totals["Acton"] is None
