"""'Did we hear you right?' over Telegram: yes / partly / not what I meant as buttons, words back.

The check round goes out through the real ChannelDeliverer with its own Bot;
every reply is an Update posted to the real webhook; every Bot API call is
recorded at aiogram's session layer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func
from sqlmodel import select

from bot.channels.telegram.bot_factory import build_bot
from bot.channels.telegram.channel import TelegramSender
from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.models.playback import PlaybackRound
from tests.bot.channels.telegram.conftest import TOKEN as BOT_TOKEN
from tests.bot.channels.telegram.conftest import Telegram, running, telegram_settings
from tests.bot.channels.telegram.recording import Call
from tests.bot.playback.channel_rounds import consultation_id, votes
from tests.bot.playback.check_rounds import agreements, answers_of_kind, open_check_and_send, place
from tests.bot.playback.test_webhooks_telegram import Phone
from usecases.delivery.deliverers import ChannelDeliverer
from usecases.delivery.sender import TokenBucket
from usecases.playback.rounds import close_round

CHAT = 700_300_500
NEIGHBOUR = 700_300_501
CATALOG = default_catalog()


@pytest.fixture
async def telegram(db_url: str) -> AsyncIterator[Telegram]:
    async for harness in running(telegram_settings(db_url)):
        yield harness


def latest_round(telegram: Telegram) -> int:
    with session_scope(telegram.services.db) as session:
        found = session.exec(select(func.max(PlaybackRound.id))).one()
    assert found is not None
    return int(found)


async def send_check(telegram: Telegram) -> list[Call]:
    before = len(telegram.recorder.sent())
    engine = telegram.services.db
    place(engine, consultation_id(engine), {"buses": [0]})
    bot = build_bot(BOT_TOKEN, session=telegram.recorder)
    deliverer = ChannelDeliverer(bucket=TokenBucket(1000.0), senders=[TelegramSender(bot)])
    _, report = await asyncio.to_thread(
        open_check_and_send,
        engine,
        telegram.services.settings.address_protector,
        consultation_id(engine),
        deliverer,
    )
    assert report.finished
    return telegram.recorder.sent()[before:]


async def test_three_buttons_a_press_is_a_verdict_and_words_follow(telegram: Telegram) -> None:
    phone, neighbour = Phone(telegram, CHAT), Phone(telegram, NEIGHBOUR, "cy")
    await phone.take_part()
    await neighbour.take_part()
    sent = {call.chat_id: call for call in await send_check(telegram)}
    round_id = latest_round(telegram)

    question = sent[CHAT]
    assert question.text.startswith("Did we hear you right? We put what you told us under: Buses.")
    assert "Tap an answer" in question.text and "STOP" not in question.text
    assert question.buttons == [
        [("Yes", f"opt:pc-{round_id}-a")],
        [("Partly", f"opt:pc-{round_id}-p")],
        [("Not what I meant", f"opt:pc-{round_id}-n")],
    ]
    assert [label for [(label, _)] in sent[NEIGHBOUR].buttons] == [
        "Ydy",
        "Yn rhannol",
        "Nid dyna oedd gen i",
    ]

    press = phone.press_update(f"pc-{round_id}-n")
    [invite] = await phone.post(press)
    assert invite.text == CATALOG.text("en", "check-tell-us")
    # Telegram redelivers the press: nothing more is counted or said.
    assert await phone.post(press) == []
    [kept] = await phone.type("The late buses from Wrexham, not the fares")
    assert kept.text == CATALOG.text("en", "check-thanks-kept")
    # A second tap on another answer: the first verdict stands.
    [already] = await phone.press(f"pc-{round_id}-a")
    assert already.text == CATALOG.text("en", "playback-already")

    # Typed in Welsh instead of a tap: read the same way.
    [diolch] = await neighbour.type("Ydy")
    assert diolch.text == CATALOG.text("cy", "check-thanks")
    assert agreements(telegram.services.db) == [
        ("Buses", "disagree", "The late buses from Wrexham, not the fares"),
        ("Buses", "agree", None),
    ]


async def test_a_press_after_the_round_closed_or_on_a_forged_button_counts_nothing(
    telegram: Telegram,
) -> None:
    phone = Phone(telegram, CHAT)
    await phone.take_part()
    await send_check(telegram)
    round_id = latest_round(telegram)
    # A button of a round this person was never sent (or that does not exist).
    for forged in (f"pc-{round_id + 1}-n", "pc-99999999-p", f"pb-{round_id}-1"):
        [closed] = await phone.press(forged)
        assert closed.text == CATALOG.text("en", "playback-closed")
    close_round(engine=telegram.services.db, consultation_id=consultation_id(telegram.services.db))
    [closed] = await phone.press(f"pc-{round_id}-n")
    assert closed.text == CATALOG.text("en", "playback-closed")
    assert agreements(telegram.services.db) == []
    assert answers_of_kind(telegram.services.db, "correction") == []
    assert votes(telegram.services.db) == []
