"""Telegram repeats updates it thinks we missed: each update_id is handled once."""

from __future__ import annotations

import asyncio

from tests.bot.channels.telegram.conftest import Telegram
from tests.bot.channels.telegram.updates import start_update, text_update

CHAT = 812_345_678


async def consented(telegram: Telegram, chat: int = CHAT) -> None:
    """Bring a resident to the open question."""
    assert (await telegram.post(start_update(chat * 10 + 1, chat))).status_code == 200
    assert (await telegram.post(telegram.button(chat * 10 + 2, chat, "opt:YES"))).status_code == 200
    telegram.recorder.clear()


async def test_a_repeated_update_is_answered_once(telegram: Telegram) -> None:
    await consented(telegram)
    answer = text_update(501, CHAT, "Safer roads near the school")
    first = await telegram.post(answer)
    again = await telegram.post(answer)
    assert (first.status_code, again.status_code) == (200, 200)
    assert len(telegram.recorder.sent(CHAT)) == 1
    assert [a.text for a in telegram.answers()] == ["Safer roads near the school"]


async def test_two_deliveries_at_once_store_one_answer_and_send_one_reply(
    telegram: Telegram,
) -> None:
    await consented(telegram)
    answer = text_update(502, CHAT, "Keeping the library open")
    responses = await asyncio.gather(telegram.post(answer), telegram.post(answer))
    assert [r.status_code for r in responses] == [200, 200]
    assert len(telegram.recorder.sent(CHAT)) == 1
    assert [a.text for a in telegram.answers()] == ["Keeping the library open"]


async def test_a_repeated_button_press_is_acted_on_once(telegram: Telegram) -> None:
    assert (await telegram.post(start_update(503, CHAT))).status_code == 200
    telegram.recorder.clear()
    press = telegram.button(504, CHAT, "opt:YES")
    await asyncio.gather(telegram.post(press), telegram.post(press))
    await telegram.post(press)
    assert len(telegram.recorder.of("answerCallbackQuery")) == 1
    [question] = telegram.recorder.sent(CHAT)
    assert "What really matters to you" in question.text


async def test_many_residents_at_once_each_get_their_own_greeting(telegram: Telegram) -> None:
    chats = [900_000 + n for n in range(8)]
    responses = await asyncio.gather(
        *(telegram.post(start_update(600 + n, chat)) for n, chat in enumerate(chats))
    )
    assert all(r.status_code == 200 for r in responses)
    for chat in chats:
        [greeting] = telegram.recorder.sent(chat)
        assert "Would you like to take part?" in greeting.text
    assert len(telegram.participants()) == len(chats)


async def test_a_failed_send_is_retried_by_telegram_and_nothing_is_stored_twice(
    telegram: Telegram,
) -> None:
    await consented(telegram)
    telegram.recorder.fail_next("sendMessage", status=502, description="Bad Gateway")
    answer = text_update(505, CHAT, "More buses on Sundays")

    failed = await telegram.post(answer)
    assert failed.status_code == 500  # so Telegram delivers the update again
    assert [a.text for a in telegram.answers()] == ["More buses on Sundays"]

    retried = await telegram.post(answer)
    assert retried.status_code == 200
    sent = telegram.recorder.sent(CHAT)
    # The first attempt's message never reached Telegram; the retry delivers it.
    assert len(sent) == 2
    assert sent[0].text == sent[1].text
    assert "why does that matter to you?" in sent[1].text.lower()
    assert [a.text for a in telegram.answers()] == ["More buses on Sundays"]


async def test_a_resident_who_blocked_the_bot_still_has_their_answer_kept(
    telegram: Telegram,
) -> None:
    await consented(telegram)
    telegram.recorder.fail_next(
        "sendMessage", status=403, description="Forbidden: bot was blocked by the user"
    )
    response = await telegram.post(text_update(506, CHAT, "Cleaner streets"))
    assert response.status_code == 200  # retrying cannot help; do not ask Telegram to
    assert [a.text for a in telegram.answers()] == ["Cleaner streets"]


async def test_a_retried_button_press_reaches_the_engine_even_when_its_query_expired(
    telegram: Telegram,
) -> None:
    assert (await telegram.post(start_update(507, CHAT))).status_code == 200
    press = telegram.button(508, CHAT, "opt:YES")
    telegram.recorder.clear()
    telegram.recorder.fail_next("sendMessage", status=500, description="Internal Server Error")
    assert (await telegram.post(press)).status_code == 500
    # By the time Telegram retries, the callback query can no longer be answered.
    telegram.recorder.fail_next(
        "answerCallbackQuery",
        status=400,
        description="Bad Request: query is too old and response timeout expired",
    )
    assert (await telegram.post(press)).status_code == 200
    question = telegram.recorder.sent(CHAT)[-1]
    assert "What really matters to you" in question.text
    [participant] = telegram.participants()
    assert participant.consent == "given"
