"""Telegram updates whose text no store can hold are acknowledged and stored cleaned.

A 500 makes Telegram redeliver the same update for ever, so the webhook must
take any text Telegram can send, including half of a broken emoji.
"""

from __future__ import annotations

import json

from tests.bot.channels.telegram.conftest import Telegram
from tests.bot.channels.telegram.updates import start_update, text_update

CHAT = 700_300_400


async def test_an_answer_with_a_lone_surrogate_is_acknowledged_and_cleaned(
    telegram: Telegram,
) -> None:
    assert (await telegram.post(start_update(1, CHAT))).status_code == 200
    assert (await telegram.post(text_update(2, CHAT, "yes"))).status_code == 200
    # json.dumps writes the lone half as the escape "\ud83d", as a broken client would.
    body = json.dumps(text_update(3, CHAT, "Buses \ud83d and\x00 trains")).encode()
    response = await telegram.post(body)
    assert response.status_code == 200, response.text
    assert [a.text for a in telegram.answers()] == ["Buses \ufffd and trains"]
    again = await telegram.post(body)  # a redelivery stores nothing new
    assert again.status_code == 200
    assert telegram.count_answers() == 1
