"""A button press is recorded even when acknowledging it to Telegram fails.

answerCallbackQuery only stops the spinner on the button; a timeout or a
Telegram error there must not lose the resident's choice, and the press
Telegram may redeliver afterwards must not count twice.
"""

from __future__ import annotations

import pytest
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import AnswerCallbackQuery

from tests.bot.channels.telegram.conftest import Telegram
from tests.bot.channels.telegram.updates import start_update

CHAT = 823_456_789


@pytest.mark.parametrize(
    "failure",
    ["timeout", "server error", "too many requests"],
)
async def test_consent_pressed_is_kept_when_the_acknowledgement_fails(
    telegram: Telegram, failure: str
) -> None:
    assert (await telegram.post(start_update(901, CHAT))).status_code == 200
    press = telegram.button(902, CHAT, "opt:YES")
    telegram.recorder.clear()
    if failure == "timeout":
        method = AnswerCallbackQuery(callback_query_id="x")
        telegram.recorder.raise_next(
            "answerCallbackQuery", TelegramNetworkError(method, "Request timeout error")
        )
    elif failure == "server error":
        telegram.recorder.fail_next("answerCallbackQuery", status=502, description="Bad Gateway")
    else:
        telegram.recorder.fail_next(
            "answerCallbackQuery", status=429, description="Too Many Requests: retry after 5"
        )

    response = await telegram.post(press)
    assert response.status_code == 200
    [participant] = telegram.participants()
    assert participant.consent == "given"
    assert "What really matters to you" in telegram.recorder.sent(CHAT)[-1].text
    # Telegram was asked (and failed); the keyboard was still retired.
    assert telegram.recorder.of("answerCallbackQuery")
    assert telegram.recorder.of("editMessageReplyMarkup")

    # A redelivery of the same press changes nothing and asks nothing twice.
    sent_before = len(telegram.recorder.sent(CHAT))
    assert (await telegram.post(press)).status_code == 200
    questions = [c for c in telegram.recorder.sent(CHAT) if "What really matters" in c.text]
    assert len(telegram.recorder.sent(CHAT)) - sent_before <= 1
    assert len(questions) <= 2
    [participant] = telegram.participants()
    assert participant.consent == "given"
