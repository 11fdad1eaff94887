"""Targeted "you said, we did" over the real channels.

Residents take part through the real webhooks (signed Twilio SMS, Telegram
updates with the secret header); their answers are put in themes; the
council's responses go out through the real ChannelDeliverer: Twilio's HTTP
recorded, and every Bot API call recorded at aiogram's session layer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from app.settings import Settings
from bot.channels.registry import CHANNELS
from bot.channels.sms.segments import encoding, segment_count
from bot.channels.telegram.bot_factory import build_bot
from bot.channels.telegram.channel import TelegramSender
from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer
from storage.models.responses import Decision, ResponseStatus
from storage.models.themes import Theme, ThemeAssignment
from storage.repositories.feedback_themes import publish_theme_feedback, targeted_status
from storage.repositories.responses import ResponseDraft, save_response
from tests.bot.channels.sms.twilio_requests import RESIDENT
from tests.bot.channels.telegram.conftest import TOKEN, Telegram, running, telegram_settings
from tests.bot.outbound.fake_twilio_api import RecordingTwilioApi
from tests.bot.playback.channel_rounds import DAYTIME, consultation_id
from tests.bot.playback.test_webhooks_sms import (  # noqa: F401  (the signed-SMS fixtures)
    NEIGHBOUR,
    THIRD,
    app,
    client,
    sent_to,
    settings,
    take_part,
    text,
    twilio,
)
from tests.bot.playback.test_webhooks_telegram import Phone
from usecases.delivery.deliverers import ChannelDeliverer
from usecases.delivery.run import Deliverer, DeliveryReport
from usecases.delivery.sender import TokenBucket
from usecases.feedback.publication import send_feedback
from usecases.feedback.themes_message import TARGETED_MAX_SEGMENTS
from usecases.invitations.waves import QuietHours

LINK = "https://www.wrexham.gov.uk/your-voice/results"
CATALOG = default_catalog()
BUSES = ResponseDraft(
    decision=Decision.WILL_DO,
    detail_en="We will fix the bus shelter by the clock tower and add an evening bus.",
    detail_cy="Byddwn ni'n trwsio'r safle bws ger y tŵr cloc ac yn ychwanegu bws gyda'r nos.",
)
PARKS = ResponseDraft(
    decision=Decision.NOT_DOING,
    detail_en="The parks budget is set until 2028; we will look again then.",
    status=ResponseStatus.CLOSED,
)


def theme_everyone(engine: Engine, cid: int, labels: list[tuple[str, str]] | None = None) -> None:
    """Every stored answer is about buses and parks (or `labels`); each gets a response."""
    labels = labels or [("Buses", "Bysiau"), ("Parks", "Parciau")]
    with session_scope(engine) as session:
        ids = []
        for en, cy in labels:
            theme = Theme(consultation_id=cid, label_en=en, label_cy=cy)
            session.add(theme)
            session.flush()
            ids.append(theme.id or 0)
        answers = session.exec(select(Answer.id).where(Answer.consultation_id == cid)).all()
        for answer_id in answers:
            for rank, theme_id in enumerate(ids):
                session.add(ThemeAssignment(answer_id=answer_id or 0, theme_id=theme_id, rank=rank))
        session.flush()
        for theme_id, draft in zip(ids, [BUSES, PARKS], strict=False):
            save_response(
                session=session,
                consultation_id=cid,
                theme_id=theme_id,
                draft=draft,
                updated_by="officer@council.example",
            )


def publish_and_send(
    engine: Engine, protector: AddressProtector, cid: int, deliverer: Deliverer
) -> DeliveryReport:
    with session_scope(engine) as session:
        publication, _ = publish_theme_feedback(session=session, consultation_id=cid)
        publication_id = publication.id or 0
    return send_feedback(
        engine=engine,
        protector=protector,
        publication_id=publication_id,
        catalog=CATALOG,
        deliverer=deliverer,
        quiet_hours=QuietHours.parse("21:00", "08:00", "Europe/London"),
        link=LINK,
        now=lambda: DAYTIME,
    )


async def test_sms_residents_get_one_text_each_within_three_segments_and_stop_works(
    client: httpx.AsyncClient,  # noqa: F811
    settings: Settings,  # noqa: F811
    engine: Engine,
    twilio: RecordingTwilioApi,  # noqa: F811
) -> None:
    await take_part(client)
    await take_part(client, NEIGHBOUR, welsh=True)
    await take_part(client, THIRD, hear_back=False)
    cid = consultation_id(engine)
    theme_everyone(engine, cid)
    deliverer, only = CHANNELS.deliverer(settings, make_http_client=lambda: twilio)
    assert only is None
    report = publish_and_send(engine, settings.address_protector, cid, deliverer)
    assert report.sent == 2

    sent = sent_to(twilio)
    assert set(sent) == {RESIDENT, NEIGHBOUR}
    english, welsh = sent[RESIDENT], sent[NEIGHBOUR]
    assert "- Buses: we will do this. We will fix the bus shelter" in english
    assert "- Parks: we are not doing this." in english
    assert english.endswith(f"More: {LINK}\nText STOP to opt out.")
    assert encoding(english) == "GSM-7" and segment_count(english) <= TARGETED_MAX_SEGMENTS
    assert welsh.startswith("Dywedoch chi")
    assert "- Bysiau: byddwn ni'n gwneud hyn." in welsh
    assert welsh.endswith(f"Rhagor: {LINK}\nAnfonwch STOP i stopio.")
    assert segment_count(welsh) <= TARGETED_MAX_SEGMENTS
    if "ŵ" in welsh:
        assert encoding(welsh) == "UCS-2"

    # The resident texts STOP; a response to a new theme later reaches only the neighbour.
    await text(client, "STOP")
    theme_everyone(engine, cid, [("Roads", "Ffyrdd")])
    twilio.requests.clear()
    report = publish_and_send(engine, settings.address_protector, cid, deliverer)
    assert (report.sent, report.skipped) == (1, 0)
    [(to, body)] = sent_to(twilio).items()
    assert to == NEIGHBOUR and "- Ffyrdd: byddwn ni'n gwneud hyn." in body
    assert "Bysiau" not in body  # told about buses already


@pytest.fixture
async def telegram(db_url: str) -> AsyncIterator[Telegram]:
    async for harness in running(telegram_settings(db_url)):
        yield harness


async def test_telegram_residents_get_their_themes_through_the_bot_api(
    telegram: Telegram,
) -> None:
    english, welsh = Phone(telegram, 700_500_001), Phone(telegram, 700_500_002, language="cy")
    await english.take_part()
    await welsh.take_part(hear_back="YES")
    engine = telegram.services.db
    cid = consultation_id(engine)
    theme_everyone(engine, cid)
    telegram.recorder.clear()
    bot = build_bot(TOKEN, session=telegram.recorder)
    deliverer = ChannelDeliverer(bucket=TokenBucket(1000.0), senders=[TelegramSender(bot)])
    try:
        await _send_twice(telegram, cid, deliverer)
    finally:
        # Its own event loop closes on its own thread, as the feedback job does after a run.
        await asyncio.to_thread(deliverer.close)


async def _send_twice(telegram: Telegram, cid: int, deliverer: ChannelDeliverer) -> None:
    engine = telegram.services.db
    # The deliverer runs its own event loop, as in the worker: a thread here.
    report = await asyncio.to_thread(
        publish_and_send, engine, telegram.services.settings.address_protector, cid, deliverer
    )
    assert report.sent == 2
    [to_english] = telegram.recorder.sent(700_500_001)
    [to_welsh] = telegram.recorder.sent(700_500_002)
    # No segments on Telegram: every word, and no SMS STOP line.
    assert BUSES.detail_en in to_english.text and PARKS.detail_en in to_english.text
    assert "STOP" not in to_english.text
    assert BUSES.detail_cy in to_welsh.text and "- Parciau: dydyn ni ddim" in to_welsh.text
    with session_scope(engine) as session:
        [status] = targeted_status(session=session, consultation_id=cid)
    assert [(t.line.label_en, t.counts["sent"]) for t in status.themes] == [
        ("Buses", 2),
        ("Parks", 2),
    ]
    # Published again: the same publication, nobody messaged twice.
    telegram.recorder.clear()
    again = await asyncio.to_thread(
        publish_and_send, engine, telegram.services.settings.address_protector, cid, deliverer
    )
    assert again.sent == 0 and telegram.recorder.sent() == []
