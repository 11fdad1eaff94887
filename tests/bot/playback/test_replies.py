"""Residents answering a playback message through the real conversation engine."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.conversation.catalog import default_catalog
from bot.conversation.engine import ConversationEngine
from bot.playback.handler import handle_playback_reply
from nlp.embeddings.hashing import HashingEmbedder
from nlp.themes import service
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer, Channel, Participant
from storage.models.playback import PlaybackRecipient, PlaybackRound, PlaybackVote
from storage.models.themes import ThemeAssignment
from tests.bot.conversation.conftest import Clock, Resident
from tests.bot.playback.conftest import RecordingDeliverer, World, add_person
from usecases.delivery.run import run_deliveries
from usecases.invitations.waves import QuietHours
from usecases.playback.rounds import bound_value, close_round, open_round, round_reply

ASKED = "+447700900001"


@pytest.fixture
def announced() -> list[int]:
    return []


@pytest.fixture
def bot(
    engine: Engine, protector: AddressProtector, clock: Clock, announced: list[int]
) -> ConversationEngine:
    return ConversationEngine(
        engine=engine,
        protector=protector,
        clock=clock,
        on_answer_stored=announced.append,
        pre_route=handle_playback_reply,
    )


@pytest.fixture
def round_id(engine: Engine, protector: AddressProtector, world: World) -> int:
    add_person(engine, protector, world.consultation_id, ASKED)
    add_person(engine, protector, world.consultation_id, "+447700900002", language="cy")
    rid = open_round(
        engine=engine, consultation_id=world.consultation_id, theme_ids=world.theme_ids
    )
    with session_scope(engine) as session:
        labels = session.get(PlaybackRound, rid).labels  # type: ignore[union-attr]
    run_deliveries(
        engine=engine,
        protector=protector,
        table=PlaybackRecipient,
        parent_id=rid,
        compose=lambda p: round_reply(default_catalog(), labels, p.language, Channel(p.channel)),
        deliverer=RecordingDeliverer(),
        quiet_hours=QuietHours.parse("21:00", "08:00"),
        now=lambda: datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
    )
    return rid


def _votes(engine: Engine) -> list[int]:
    with session_scope(engine) as session:
        return sorted(v.position for v in session.exec(select(PlaybackVote)))


def _playback_answers(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return [a.text for a in session.exec(select(Answer).where(Answer.kind == "playback"))]


def test_a_number_is_a_vote_and_later_words_go_back_to_the_conversation(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int
) -> None:
    resident = Resident(engine=bot, clock=clock, address=ASKED)
    assert resident.keys("2") == ["playback-thanks"]
    assert _votes(engine) == [2]
    # A second reply of choices only adds to them ("three too"), once.
    assert resident.keys("3") == ["playback-added"]
    assert resident.keys("3") == ["playback-already"]
    assert _votes(engine) == [2, 3]
    assert not {"playback-thanks", "playback-added"} & set(resident.keys("See you soon then"))
    assert _votes(engine) == [2, 3] and _playback_answers(engine) == []


def test_a_second_welsh_reply_is_a_choice_not_an_answer(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int
) -> None:
    resident = Resident(engine=bot, clock=clock, address="+447700900002")
    assert resident.keys("2") == ["playback-thanks"]
    replies = resident.send("tri hefyd")
    assert [r.key for r in replies] == ["playback-added"] and replies[0].language == "cy"
    assert _votes(engine) == [2, 3]
    with session_scope(engine) as session:
        assert session.exec(select(Answer)).all() == []


def test_a_button_of_a_closed_round_never_counts_in_the_next_one(
    engine: Engine,
    protector: AddressProtector,
    bot: ConversationEngine,
    clock: Clock,
    round_id: int,
    world: World,
) -> None:
    resident = Resident(engine=bot, clock=clock, address=ASKED)
    close_round(engine=engine, consultation_id=world.consultation_id)
    newer = open_round(
        engine=engine, consultation_id=world.consultation_id, theme_ids=world.theme_ids[:2]
    )
    run_deliveries(
        engine=engine,
        protector=protector,
        table=PlaybackRecipient,
        parent_id=newer,
        compose=lambda p: round_reply(default_catalog(), [], p.language, Channel(p.channel)),
        deliverer=RecordingDeliverer(),
        quiet_hours=QuietHours.parse("21:00", "08:00"),
        now=lambda: datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
    )
    # "2" on the old round's button: that round has closed, whatever is open now.
    assert resident.keys(bound_value(round_id, 2)) == ["playback-closed"]
    assert _votes(engine) == []
    # The newer round's own button counts there, once; a double tap adds nothing.
    assert resident.keys(bound_value(newer, 2)) == ["playback-thanks"]
    assert resident.keys(bound_value(newer, 2)) == ["playback-already"]
    with session_scope(engine) as session:
        counted = session.exec(select(PlaybackVote.round_id, PlaybackVote.position)).all()
    assert counted == [(newer, 2)]
    # A button never becomes words: not for a stranger, not out of range.
    assert resident.keys(bound_value(newer, 7)) == ["playback-out-of-range"]
    stranger = Resident(engine=bot, clock=clock, address="+447700900099")
    assert stranger.keys(bound_value(newer, 1)) == ["playback-closed"]
    assert _playback_answers(engine) == []


def test_several_numbers_in_welsh(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int
) -> None:
    resident = Resident(engine=bot, clock=clock, address="+447700900002")
    replies = resident.send("1 a 3")
    assert [r.key for r in replies] == ["playback-thanks"] and replies[0].language == "cy"
    assert _votes(engine) == [1, 3]


def test_out_of_range_asks_again_then_counts(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int
) -> None:
    resident = Resident(engine=bot, clock=clock, address=ASKED)
    replies = resident.send("12")
    assert replies[0].key == "playback-out-of-range" and "1 to 3" in replies[0].text
    assert _votes(engine) == []
    assert resident.keys("Parks") == ["playback-thanks"]
    assert _votes(engine) == [3]


def test_mixed_reply_votes_and_stores_a_new_answer_for_theming(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int, announced: list[int]
) -> None:
    resident = Resident(engine=bot, clock=clock, address=ASKED)
    assert resident.keys("2 but also parking") == ["playback-thanks-both"]
    assert _votes(engine) == [2]
    assert _playback_answers(engine) == ["2 but also parking"]
    with session_scope(engine) as session:
        recipient = session.exec(
            select(PlaybackRecipient).where(PlaybackRecipient.missed_answer_id.is_not(None))  # type: ignore[union-attr]
        ).one()
    assert announced == [recipient.missed_answer_id]


def test_free_text_is_what_we_missed(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int
) -> None:
    resident = Resident(engine=bot, clock=clock, address=ASKED)
    assert resident.keys("You missed the state of the pavements") == ["playback-thanks-missed"]
    assert _votes(engine) == []
    assert _playback_answers(engine) == ["You missed the state of the pavements"]


def test_what_we_missed_is_themed_at_the_next_refit(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int, world: World
) -> None:
    Resident(engine=bot, clock=clock, address=ASKED).keys("You missed the state of the pavements")
    with session_scope(engine) as session:
        service.refit_consultation(
            session=session, consultation_id=world.consultation_id, embedder=HashingEmbedder()
        )
    with session_scope(engine) as session:
        missed = session.exec(select(Answer).where(Answer.kind == "playback")).one()
        themed = session.exec(
            select(ThemeAssignment).where(ThemeAssignment.answer_id == missed.id)
        ).all()
    assert themed, "a resident's 'what we missed' words join the consultation's themes"


def test_a_redelivered_reply_counts_once(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int
) -> None:
    resident = Resident(engine=bot, clock=clock, address=ASKED)
    first = resident.send("2 but also parking", message_id="SMdup")
    second = resident.send("2 but also parking", message_id="SMdup")
    assert first == second
    assert _votes(engine) == [2] and _playback_answers(engine) == ["2 but also parking"]


def test_a_late_reply_after_closing_is_kept_with_thanks(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int, world: World
) -> None:
    close_round(engine=engine, consultation_id=world.consultation_id)
    resident = Resident(engine=bot, clock=clock, address=ASKED)
    assert resident.keys("2") == ["playback-closed"]
    assert _votes(engine) == [] and _playback_answers(engine) == []


def test_people_never_asked_get_the_normal_conversation(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int
) -> None:
    stranger = Resident(engine=bot, clock=clock, address="+447700900999")
    keys = stranger.keys("2")
    assert not any(key.startswith("playback") for key in keys)
    assert _votes(engine) == []


def test_stop_still_works_during_a_round(
    engine: Engine, bot: ConversationEngine, clock: Clock, round_id: int
) -> None:
    resident = Resident(engine=bot, clock=clock, address=ASKED)
    assert not any(k.startswith("playback") for k in resident.keys("STOP"))
    with session_scope(engine) as session:
        people = session.exec(select(Participant).where(Participant.opted_out)).all()
    assert len(people) == 1
    assert resident.send("2") == []
    assert _votes(engine) == []
