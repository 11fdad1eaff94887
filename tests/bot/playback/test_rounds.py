"""Opening, sending and closing a playback round: who hears, in what words, and never twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.channels.sms.segments import encoding, segment_count
from bot.conversation.catalog import default_catalog
from bot.conversation.messages import Reply
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Participant
from storage.models.playback import DeliveryState, PlaybackRecipient, PlaybackRound
from storage.models.themes import Theme
from tests.bot.conversation.conftest import add_consultation
from tests.bot.playback.conftest import RecordingDeliverer, World, add_person
from usecases.delivery.run import INTERRUPTED, DeliveryReport, run_deliveries
from usecases.invitations.waves import QuietHours
from usecases.playback.rounds import PlaybackError, close_round, open_round, round_reply

DAYTIME = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
QUIET = QuietHours.parse("21:00", "08:00")


def _send(
    engine: Engine,
    protector: AddressProtector,
    round_id: int,
    deliverer: RecordingDeliverer,
    when: datetime = DAYTIME,
) -> DeliveryReport:
    catalog = default_catalog()
    with session_scope(engine) as session:
        labels = session.get(PlaybackRound, round_id).labels  # type: ignore[union-attr]

    def compose(person: Participant) -> Reply:
        return round_reply(catalog, labels, person.language, Channel(person.channel))

    return run_deliveries(
        engine=engine,
        protector=protector,
        table=PlaybackRecipient,
        parent_id=round_id,
        compose=compose,
        deliverer=deliverer,
        quiet_hours=QUIET,
        now=lambda: when,
    )


def test_only_people_who_asked_to_hear_back_are_messaged_once_each(
    engine: Engine, protector: AddressProtector, world: World
) -> None:
    add_person(engine, protector, world.consultation_id, "+447700900001")
    add_person(engine, protector, world.consultation_id, "+447700900002", language="cy")
    add_person(engine, protector, world.consultation_id, "+447700900003", wants_feedback=False)
    add_person(engine, protector, world.consultation_id, "+447700900004", wants_feedback=None)
    add_person(engine, protector, world.consultation_id, "+447700900005", opted_out=True)
    other = add_consultation(engine, slug="parks", keyword="PARKS")
    add_person(engine, protector, other, "+447700900006")
    round_id = open_round(
        engine=engine, consultation_id=world.consultation_id, theme_ids=world.theme_ids
    )
    deliverer = RecordingDeliverer()
    report = _send(engine, protector, round_id, deliverer)
    assert report.finished and report.sent == 2
    by_number = {address: reply for _, address, reply in deliverer.sent}
    assert set(by_number) == {"+447700900001", "+447700900002"}
    english, welsh = by_number["+447700900001"], by_number["+447700900002"]
    assert "1 Buses 2 Housing repairs 3 Parks" in english.text
    assert "1 Bysiau 2 Atgyweirio tai 3 Parciau" in welsh.text and welsh.language == "cy"
    assert [o.value for o in english.options] == ["1", "2", "3"]
    # Running again (a second worker, a restart) sends nothing more.
    again = RecordingDeliverer()
    assert _send(engine, protector, round_id, again).sent == 0 and again.sent == []


def test_someone_who_opts_out_after_opening_is_skipped(
    engine: Engine, protector: AddressProtector, world: World
) -> None:
    person = add_person(engine, protector, world.consultation_id, "+447700900001")
    round_id = open_round(
        engine=engine, consultation_id=world.consultation_id, theme_ids=world.theme_ids
    )
    with session_scope(engine) as session:
        row = session.get(Participant, person)
        assert row is not None
        row.opted_out = True
        session.add(row)
    deliverer = RecordingDeliverer()
    report = _send(engine, protector, round_id, deliverer)
    assert report.skipped == 1 and deliverer.sent == []


def test_a_crash_mid_send_resumes_without_sending_twice(
    engine: Engine, protector: AddressProtector, world: World
) -> None:
    for n in range(5):
        add_person(engine, protector, world.consultation_id, f"+44770090010{n}")
    round_id = open_round(
        engine=engine, consultation_id=world.consultation_id, theme_ids=world.theme_ids
    )
    deliverer = RecordingDeliverer(crash_on=3)
    with pytest.raises(RuntimeError):
        _send(engine, protector, round_id, deliverer)
    assert len(deliverer.sent) == 2
    report = _send(engine, protector, round_id, deliverer)
    assert report.interrupted == 1 and report.sent == 2
    addresses = [address for _, address, _ in deliverer.sent]
    assert len(addresses) == len(set(addresses)) == 4
    with session_scope(engine) as session:
        states = [r.state for r in session.exec(select(PlaybackRecipient))]
        errors = [r.error for r in session.exec(select(PlaybackRecipient)) if r.error]
    assert sorted(states).count(DeliveryState.FAILED) == 1 and errors == [INTERRUPTED]


def test_quiet_hours_pause_the_round(
    engine: Engine, protector: AddressProtector, world: World
) -> None:
    add_person(engine, protector, world.consultation_id, "+447700900001")
    round_id = open_round(
        engine=engine, consultation_id=world.consultation_id, theme_ids=world.theme_ids
    )
    deliverer = RecordingDeliverer()
    night = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)
    report = _send(engine, protector, round_id, deliverer, when=night)
    assert deliverer.sent == [] and report.paused_until is not None
    assert report.paused_until.astimezone(QUIET.zone).hour == 8
    assert _send(engine, protector, round_id, deliverer).sent == 1


def test_bad_theme_choices_are_refused_plainly(engine: Engine, world: World) -> None:
    cid = world.consultation_id
    with pytest.raises(PlaybackError, match="at least one"):
        open_round(engine=engine, consultation_id=cid, theme_ids=[])
    with pytest.raises(PlaybackError, match="listed twice"):
        open_round(engine=engine, consultation_id=cid, theme_ids=[world.theme_ids[0]] * 2)
    with pytest.raises(PlaybackError, match="not an active theme"):
        open_round(engine=engine, consultation_id=cid, theme_ids=[999999])
    with session_scope(engine) as session:
        extra = [Theme(consultation_id=cid, label_en=f"T{n}") for n in range(7)]
        session.add_all(extra)
        session.flush()
        ten = world.theme_ids + [t.id for t in extra if t.id is not None]
    with pytest.raises(PlaybackError, match="at most 9"):
        open_round(engine=engine, consultation_id=cid, theme_ids=ten)
    first = open_round(engine=engine, consultation_id=cid, theme_ids=world.theme_ids)
    with pytest.raises(PlaybackError, match="still open"):
        open_round(engine=engine, consultation_id=cid, theme_ids=world.theme_ids)
    assert close_round(engine=engine, consultation_id=cid) == first
    assert close_round(engine=engine, consultation_id=cid) is None
    assert open_round(engine=engine, consultation_id=cid, theme_ids=world.theme_ids) != first


@pytest.mark.parametrize("language", ["en", "cy"])
def test_nine_themes_fit_two_sms_segments_in_gsm7(language: str) -> None:
    labels = [
        {"theme_id": n, "en": f"Road safety near schools {n}", "cy": f"Diogelwch ffyrdd {n}"}
        for n in range(9)
    ]
    reply = round_reply(default_catalog(), labels, language, Channel.SMS)
    assert encoding(reply.text) == "GSM-7"
    assert segment_count(reply.text) <= 3
    short = [{"theme_id": n, "en": f"Theme {n}", "cy": f"Thema {n}"} for n in range(5)]
    reply = round_reply(default_catalog(), short, language, Channel.SMS)
    assert segment_count(reply.text) <= 2 and "STOP" in reply.text
    telegram = round_reply(default_catalog(), short, language, Channel.TELEGRAM)
    assert "STOP" not in telegram.text and len(telegram.options) == 5
