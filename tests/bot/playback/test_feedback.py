"""'You said, we did': who hears, in what words, and never twice for the same text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine

from bot.channels.sms.segments import encoding, segment_count
from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Consultation
from storage.models.playback import FeedbackPublication
from storage.repositories.feedback import publications, publish_feedback
from tests.bot.playback.conftest import RecordingDeliverer, World, add_person
from usecases.delivery.run import DeliveryReport
from usecases.feedback.publication import feedback_reply, send_feedback
from usecases.invitations.waves import QuietHours

QUIET = QuietHours.parse("21:00", "08:00")
DAYTIME = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
LONG = "People told us the evening buses matter most, above all to shift workers. " * 6


def _publish(engine: Engine, consultation_id: int, **text: str) -> tuple[int, bool]:
    with session_scope(engine) as session:
        consultation = session.get(Consultation, consultation_id)
        assert consultation is not None
        for name, value in text.items():
            setattr(consultation, name, value)
        session.add(consultation)
        session.flush()
        publication, created = publish_feedback(session=session, consultation=consultation)
        assert publication.id is not None
        return publication.id, created


def _send(
    engine: Engine,
    protector: AddressProtector,
    publication_id: int,
    deliverer: RecordingDeliverer,
    link: str | None = None,
) -> DeliveryReport:
    return send_feedback(
        engine=engine,
        protector=protector,
        publication_id=publication_id,
        catalog=default_catalog(),
        deliverer=deliverer,
        quiet_hours=QUIET,
        link=link,
        now=lambda: DAYTIME,
    )


def test_opted_in_people_hear_once_and_republishing_the_same_words_sends_nothing(
    engine: Engine, protector: AddressProtector, world: World
) -> None:
    cid = world.consultation_id
    add_person(engine, protector, cid, "+447700900001")
    add_person(engine, protector, cid, "+447700900002", language="cy")
    add_person(engine, protector, cid, "+447700900003", wants_feedback=False)
    add_person(engine, protector, cid, "+447700900004", opted_out=True)
    first, created = _publish(
        engine, cid, found_out_en="Buses matter most.", found_out_cy="Bysiau sydd bwysicaf."
    )
    assert created
    deliverer = RecordingDeliverer()
    report = _send(engine, protector, first, deliverer, link="https://example.org/r")
    assert report.sent == 2
    by_number = {address: reply for _, address, reply in deliverer.sent}
    assert set(by_number) == {"+447700900001", "+447700900002"}
    assert "https://example.org/r" in by_number["+447700900001"].text
    assert by_number["+447700900002"].language == "cy"
    assert "Dywedoch chi" in by_number["+447700900002"].text
    # The officer saves again with only whitespace changed: same publication, nobody re-sent.
    again, created = _publish(engine, cid, found_out_en="Buses matter most.\n")
    assert (again, created) == (first, False)
    assert _send(engine, protector, again, deliverer).sent == 0
    assert len(deliverer.sent) == 2
    # Edited words are news: a new publication, sent once more.
    edited, created = _publish(engine, cid, difference_en="Two evening routes restored.")
    assert created and edited != first
    assert _send(engine, protector, edited, deliverer).sent == 2
    with session_scope(engine) as session:
        listed = publications(session=session, consultation_id=cid)
    assert [(p.id, p.recipients_count) for p in listed] == [(edited, 2), (first, 2)]
    assert all(p.sent_at is not None for p in listed)


def test_nothing_published_is_refused(engine: Engine, world: World) -> None:
    with pytest.raises(ValueError, match="nothing published"):
        _publish(engine, world.consultation_id)


def test_someone_who_texts_stop_after_publishing_is_not_messaged(
    engine: Engine, protector: AddressProtector, world: World
) -> None:
    from storage.models import Participant

    person = add_person(engine, protector, world.consultation_id, "+447700900001")
    publication, _ = _publish(engine, world.consultation_id, found_out_en="Buses.")
    with session_scope(engine) as session:
        row = session.get(Participant, person)
        assert row is not None
        row.opted_out = True
        session.add(row)
    deliverer = RecordingDeliverer()
    assert _send(engine, protector, publication, deliverer).skipped == 1
    assert deliverer.sent == []


@pytest.mark.parametrize("language", ["en", "cy"])
def test_sms_summary_without_a_link_fits_two_segments_and_keeps_stop(language: str) -> None:
    publication = FeedbackPublication(
        consultation_id=1,
        text_hash="x",
        found_out_en=LONG,
        found_out_cy=LONG,
        difference_en="We restored two evening routes.",
        difference_cy="Dau lwybr.",
    )
    reply = feedback_reply(default_catalog(), publication, "Buses", language, Channel.SMS)
    assert segment_count(reply.text) <= 2 and encoding(reply.text) == "GSM-7"
    assert reply.text.endswith(default_catalog().text(language, "playback-stop"))
    assert "..." in reply.text
    telegram = feedback_reply(default_catalog(), publication, "Buses", language, Channel.TELEGRAM)
    assert " ".join(LONG.split()) in telegram.text and "STOP" not in telegram.text


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("cy", "Gwasanaethau i bobl hŷn"),  # "ŷ" takes the whole SMS out of GSM-7
        ("en", "A very long consultation title " * 6),
    ],
)
def test_sms_with_a_link_drops_the_title_rather_than_run_past_two_segments(
    language: str, title: str
) -> None:
    publication = FeedbackPublication(consultation_id=1, text_hash="x", found_out_en="Buses.")
    link = "https://www.wrexham.gov.uk/your-voice/2026/results-of-the-consultation-on-services"
    reply = feedback_reply(default_catalog(), publication, title, language, Channel.SMS, link)
    assert segment_count(reply.text) <= 2
    assert link in reply.text and title.strip() not in reply.text
    assert reply.text.endswith(default_catalog().text(language, "playback-stop"))
    # A short title still fits, so it stays.
    fits = feedback_reply(default_catalog(), publication, "Buses", language, Channel.SMS, link)
    assert "Buses" in fits.text and segment_count(fits.text) <= 2
    # Telegram has no segments: the title stays whatever its length.
    telegram = feedback_reply(
        default_catalog(), publication, title, language, Channel.TELEGRAM, link
    )
    assert title.strip() in telegram.text


def test_welsh_summary_fits_like_english_by_dropping_the_title_not_cutting_a_sentence() -> None:
    found_en = (
        "Most of you told us that evening buses matter most, because without them many of you "
        "cannot get to work or home from the hospital."
    )
    found_cy = (
        "Dywedodd y rhan fwyaf ohonoch chi mai bysiau gyda'r nos sydd bwysicaf, oherwydd hebddyn "
        "nhw mae llawer ohonoch chi'n methu mynd i'r gwaith na dod adref o'r ysbyty."
    )
    publication = FeedbackPublication(
        consultation_id=1,
        text_hash="x",
        found_out_en=found_en,
        found_out_cy=found_cy,
        difference_en="We restored two evening routes.",
        difference_cy="Rydyn ni wedi adfer dau lwybr gyda'r nos.",
    )
    title = "Dyfodol gwasanaethau bws lleol"
    english = feedback_reply(default_catalog(), publication, title, "en", Channel.SMS)
    welsh = feedback_reply(default_catalog(), publication, title, "cy", Channel.SMS)
    assert "..." not in english.text
    assert segment_count(welsh.text) <= 2 and "..." not in welsh.text
    assert found_cy in welsh.text and "dau lwybr" in welsh.text
