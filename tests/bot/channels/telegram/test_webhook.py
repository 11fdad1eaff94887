"""The webhook's front door: secret token, size limit, JSON and Update validation."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from tests.bot.channels.telegram.conftest import (
    SECRET,
    Telegram,
    running,
    telegram_settings,
)
from tests.bot.channels.telegram.updates import text_update

HELLO = text_update(1001, 4242, "MATTERS")


async def test_missing_secret_token_is_401_and_nothing_happens(telegram_sqlite: Telegram) -> None:
    response = await telegram_sqlite.post(HELLO, secret=None)
    assert response.status_code == 401
    assert response.json() == {"ok": False, "detail": "secret token required"}
    assert telegram_sqlite.recorder.calls == []
    assert telegram_sqlite.count_answers() == 0
    assert telegram_sqlite.participants() == []


@pytest.mark.parametrize(
    "secret",
    [
        "wrong-secret",
        SECRET[:-1],
        SECRET + "x",
        "",
        SECRET.upper(),
        # Not ASCII: must be refused, not crash compare_digest.
        "s3cret-Tökén".encode("latin-1"),
    ],
)
async def test_wrong_secret_token_is_403(
    telegram_sqlite: Telegram, secret: str | bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        response = await telegram_sqlite.post(HELLO, secret=secret)
    assert response.status_code == 403
    assert telegram_sqlite.recorder.calls == []
    assert telegram_sqlite.participants() == []
    assert "wrong X-Telegram-Bot-Api-Secret-Token" in caplog.text
    assert SECRET not in caplog.text


async def test_without_a_configured_secret_every_call_is_refused_and_startup_says_so(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = telegram_settings(sqlite_url, telegram_webhook_secret=None)
    with caplog.at_level(logging.ERROR):
        async for telegram in running(settings, lifespan=True):
            assert "until TELEGRAM_WEBHOOK_SECRET is set" in caplog.text
            for secret in (None, SECRET, ""):
                response = await telegram.post(HELLO, secret=secret)
                assert response.status_code == 403
                assert response.json()["detail"] == "webhook not configured"
            assert telegram.recorder.calls == []


async def test_body_over_the_limit_is_413_whatever_its_length_header_says(
    telegram_sqlite: Telegram,
) -> None:
    limit = telegram_sqlite.services.settings.max_body_bytes
    huge = text_update(1002, 4242, "x" * (limit + 10))
    response = await telegram_sqlite.post(huge)
    assert response.status_code == 413
    assert str(limit) in response.json()["detail"]

    # Chunked, with no Content-Length: counted while streaming.
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(limit // 1000 + 2):
            yield b" " * 1000

    response = await telegram_sqlite.client.post(
        "/telegram/webhook",
        content=chunks(),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert telegram_sqlite.recorder.calls == []


async def test_body_just_under_the_limit_is_accepted(telegram_sqlite: Telegram) -> None:
    limit = telegram_sqlite.services.settings.max_body_bytes
    update = text_update(1003, 4242, "")
    padding = limit - len(str(update).encode()) - 200
    update["message"]["text"] = "a" * padding
    response = await telegram_sqlite.post(update)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"update_id": 1, "message": ', "body is not valid JSON"),
        (b"", "body is not valid JSON"),
        (b"\xff\xfe{}", "body is not valid JSON"),
        (b"[1, 2, 3]", "an Update must be a JSON object"),
        (b'"update"', "an Update must be a JSON object"),
        (b"[" * 30_000 + b"]" * 30_000, "body is not valid JSON"),
    ],
)
async def test_malformed_json_is_400(telegram_sqlite: Telegram, body: bytes, detail: str) -> None:
    response = await telegram_sqlite.post(body)
    assert response.status_code == 400
    assert response.json() == {"ok": False, "detail": detail}
    assert telegram_sqlite.recorder.calls == []


async def test_json_that_is_not_an_update_is_400_naming_the_field(
    telegram_sqlite: Telegram, caplog: pytest.LogCaptureFixture
) -> None:
    no_id = text_update(1004, 4242, "hello")
    del no_id["update_id"]
    with caplog.at_level(logging.WARNING):
        response = await telegram_sqlite.post(no_id)
    assert response.status_code == 400
    assert "update_id" in response.json()["detail"]
    assert "invalid Update (update_id)" in caplog.text

    no_chat = text_update(1005, 4242, "hello")
    del no_chat["message"]["chat"]
    response = await telegram_sqlite.post(no_chat)
    assert response.status_code == 400
    assert "message.chat" in response.json()["detail"]

    wrong_type = text_update(1006, 4242, "hello")
    wrong_type["update_id"] = "not-a-number"
    response = await telegram_sqlite.post(wrong_type)
    assert response.status_code == 400
    assert telegram_sqlite.recorder.calls == []


async def test_unknown_fields_are_tolerated_as_telegram_adds_them(
    telegram_sqlite: Telegram,
) -> None:
    update = text_update(1007, 4242, "MATTERS")
    update["brand_new_top_level_field"] = {"x": 1}
    update["message"]["future_message_field"] = [1, 2]
    update["message"]["from"]["is_martian"] = True
    response = await telegram_sqlite.post(update)
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert len(telegram_sqlite.recorder.sent(4242)) >= 1


async def test_an_update_kind_newer_than_aiogram_is_acknowledged_and_ignored(
    telegram_sqlite: Telegram,
) -> None:
    response = await telegram_sqlite.post({"update_id": 1008, "quantum_poll": {"id": "q"}})
    assert response.status_code == 200
    assert response.json() == {"ok": True, "ignored": True}
    assert telegram_sqlite.recorder.calls == []


async def test_other_methods_and_paths_are_not_the_webhook(telegram_sqlite: Telegram) -> None:
    response = await telegram_sqlite.client.get("/telegram/webhook")
    assert response.status_code == 405
