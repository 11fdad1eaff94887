"""A playback round over Telegram: numbered buttons out, presses and words back in.

The round goes out through the real ChannelDeliverer with its own Bot (as
`whatmatters playback start` builds it); every reply is an Update posted to
the real webhook with the secret header; every Bot API call, of either Bot,
is recorded at aiogram's session layer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.channels.telegram.bot_factory import build_bot
from bot.channels.telegram.channel import TelegramSender
from bot.conversation.catalog import default_catalog
from tests.bot.channels.telegram.conftest import TOKEN, Telegram, running, telegram_settings
from tests.bot.channels.telegram.recording import Call
from tests.bot.channels.telegram.updates import blocked_update, start_update, text_update
from tests.bot.playback.channel_rounds import (
    consultation_id,
    open_and_send,
    playback_answers,
    recipient_states,
    votes,
)
from usecases.delivery.deliverers import ChannelDeliverer
from usecases.delivery.sender import TokenBucket
from usecases.playback.rounds import close_round

CHAT = 700_300_400
NEIGHBOUR = 700_300_401
CATALOG = default_catalog()
THANKS = "Thank you. We have noted your choice."
BUTTONS = [
    [("1 Buses", "opt:1")],
    [("2 Housing repairs", "opt:2")],
    [("3 Parks", "opt:3")],
    [("4 Potholes", "opt:4")],
    [("5 Libraries", "opt:5")],
]


@pytest.fixture
async def telegram(db_url: str) -> AsyncIterator[Telegram]:
    async for harness in running(telegram_settings(db_url)):
        yield harness


class Phone:
    """One Telegram chat: unique update ids, and the bot's messages since the last post."""

    _update_ids = iter(range(10_000, 1_000_000))

    def __init__(self, telegram: Telegram, chat: int, language: str = "en") -> None:
        self.telegram = telegram
        self.chat = chat
        self.language = language

    def next_id(self) -> int:
        return next(self._update_ids)

    async def post(self, update: dict[str, Any]) -> list[Call]:
        before = len(self.telegram.recorder.sent(self.chat))
        response = await self.telegram.post(update)
        assert response.status_code == 200, response.text
        return self.telegram.recorder.sent(self.chat)[before:]

    async def type(self, text: str) -> list[Call]:
        return await self.post(
            text_update(self.next_id(), self.chat, text, language_code=self.language)
        )

    def press_update(self, value: str) -> dict[str, Any]:
        """A press on a button of the latest message the bot sent to this chat."""
        return self.telegram.button(
            self.next_id(), self.chat, f"opt:{value}", language_code=self.language
        )

    async def press(self, value: str) -> list[Call]:
        return await self.post(self.press_update(value))

    async def take_part(self, *, hear_back: str = "YES") -> None:
        await self.post(start_update(self.next_id(), self.chat, language_code=self.language))
        if self.language == "cy":
            await self.type("CYMRAEG")
        await self.press("YES")
        said = await self.type("The buses into town stop at six")
        asked = CATALOG.text(self.language, "ask-feedback")
        for _ in range(10):
            if any(asked in call.text for call in said):
                break
            said = await self.type("skip")
        else:
            raise AssertionError("never asked whether to hear back")
        await self.press(hear_back)


async def send_round(telegram: Telegram) -> Call:
    """Send a round through a Bot of its own (as the CLI does); returns the last message sent."""
    before = len(telegram.recorder.sent())
    bot = build_bot(TOKEN, session=telegram.recorder)
    deliverer = ChannelDeliverer(bucket=TokenBucket(1000.0), senders=[TelegramSender(bot)])
    engine = telegram.services.db
    # The deliverer runs its own event loop, as in the CLI: a worker thread here.
    _round_id, report = await asyncio.to_thread(
        open_and_send,
        engine,
        telegram.services.settings.address_protector,
        consultation_id(engine),
        deliverer,
    )
    assert report.finished
    sent = telegram.recorder.sent()[before:]
    assert sent, "the round reached nobody"
    return sent[-1]


async def test_the_round_comes_with_numbered_buttons_and_a_press_is_a_vote(
    telegram: Telegram,
) -> None:
    phone = Phone(telegram, CHAT)
    await phone.take_part()
    telegram.recorder.clear()
    question = await send_round(telegram)

    assert question.chat_id == CHAT
    assert question.text.startswith("We heard these things matter most: 1 Buses 2 Housing")
    assert "STOP" not in question.text  # Telegram has its own Stop button
    assert "Tap one, or tell us what we missed" in question.text  # not "reply with a number"
    assert question.buttons == BUTTONS
    assert "parse_mode" not in question.params
    question_id = telegram.recorder.latest[CHAT]

    press = phone.press_update("2")
    [thanks] = await phone.post(press)
    assert thanks.text == THANKS
    [answered] = telegram.recorder.of("answerCallbackQuery")
    assert answered.params["callback_query_id"] == press["callback_query"]["id"]
    [retired] = telegram.recorder.of("editMessageReplyMarkup")
    assert retired.params["message_id"] == str(question_id)
    assert "reply_markup" not in retired.params  # no second vote from the same buttons
    assert votes(telegram.services.db) == [2]

    # Telegram delivers the same press again: nothing more is counted or sent.
    assert await phone.post(press) == []
    assert len(telegram.recorder.of("answerCallbackQuery")) == 1
    assert votes(telegram.services.db) == [2]


async def test_typed_numbers_and_words_work_as_on_sms(telegram: Telegram) -> None:
    phone, neighbour = Phone(telegram, CHAT), Phone(telegram, NEIGHBOUR, "cy")
    await phone.take_part()
    await neighbour.take_part()
    await send_round(telegram)

    [thanks] = await phone.type("2 and 5")
    assert thanks.text == THANKS and thanks.buttons == []
    [diolch] = await neighbour.type("Parciau")
    assert diolch.text == CATALOG.text("cy", "playback-thanks")
    assert votes(telegram.services.db) == [2, 3, 5]


async def test_free_text_is_what_we_missed(telegram: Telegram) -> None:
    phone = Phone(telegram, CHAT)
    await phone.take_part()
    await send_round(telegram)
    [thanks] = await phone.type("You forgot the public toilets")
    assert thanks.text == CATALOG.text("en", "playback-thanks-missed")
    assert playback_answers(telegram.services.db) == ["You forgot the public toilets"]
    assert votes(telegram.services.db) == []


async def test_a_repeated_typed_update_votes_once(telegram: Telegram) -> None:
    phone = Phone(telegram, CHAT)
    await phone.take_part()
    await send_round(telegram)
    update = text_update(phone.next_id(), CHAT, "1,3")
    first = await phone.post(update)
    again = await phone.post(update)
    assert [c.text for c in first] == [THANKS] and again == []
    assert votes(telegram.services.db) == [1, 3]


async def test_a_late_press_after_the_round_closed_is_thanked_not_counted(
    telegram: Telegram,
) -> None:
    phone = Phone(telegram, CHAT)
    await phone.take_part()
    await send_round(telegram)
    close_round(engine=telegram.services.db, consultation_id=consultation_id(telegram.services.db))
    telegram.recorder.clear()
    [closed] = await phone.press("2")
    assert closed.text == CATALOG.text("en", "playback-closed")
    assert len(telegram.recorder.of("answerCallbackQuery")) == 1
    assert votes(telegram.services.db) == [] and playback_answers(telegram.services.db) == []


async def test_a_press_on_an_older_message_is_not_a_vote(telegram: Telegram) -> None:
    phone = Phone(telegram, CHAT)
    await phone.take_part()
    await send_round(telegram)
    stale = phone.press_update("4")  # the round's buttons, pressed later
    await phone.type("2")
    replies = await phone.post(stale)
    assert all(call.text != THANKS for call in replies)
    assert votes(telegram.services.db) == [2]


async def test_people_who_said_no_stopped_or_blocked_the_bot_are_never_messaged(
    telegram: Telegram,
) -> None:
    phone, neighbour = Phone(telegram, CHAT), Phone(telegram, NEIGHBOUR)
    blocker = Phone(telegram, NEIGHBOUR + 1)
    await phone.take_part(hear_back="NO")
    await neighbour.take_part()
    await neighbour.type("STOP")
    await blocker.take_part()
    await blocker.post(blocked_update(blocker.next_id(), blocker.chat))
    telegram.recorder.clear()
    bot = build_bot(TOKEN, session=telegram.recorder)
    deliverer = ChannelDeliverer(bucket=TokenBucket(1000.0), senders=[TelegramSender(bot)])
    engine = telegram.services.db
    await asyncio.to_thread(
        open_and_send,
        engine,
        telegram.services.settings.address_protector,
        consultation_id(engine),
        deliverer,
    )
    assert telegram.recorder.sent() == []
    assert recipient_states(engine) == []


async def test_someone_who_blocked_the_bot_since_is_skipped_not_failed(telegram: Telegram) -> None:
    phone = Phone(telegram, CHAT)
    await phone.take_part()
    # Blocked without Telegram telling us yet: the send itself is refused.
    telegram.recorder.fail_next(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    bot = build_bot(TOKEN, session=telegram.recorder)
    deliverer = ChannelDeliverer(bucket=TokenBucket(1000.0), senders=[TelegramSender(bot)])
    engine = telegram.services.db
    _round_id, report = await asyncio.to_thread(
        open_and_send,
        engine,
        telegram.services.settings.address_protector,
        consultation_id(engine),
        deliverer,
    )
    assert (report.sent, report.skipped, report.failed) == (0, 1, 0)
    assert recipient_states(engine) == ["skipped"]
