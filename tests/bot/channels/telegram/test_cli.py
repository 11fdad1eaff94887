"""`whatmatters telegram poll / set-webhook / link` against the recording session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli.main import app as cli
from app.cli.telegram import COMMANDS, poll, register_webhook
from app.container import build_services
from app.settings import Settings
from bot.channels.telegram import TelegramConfig, TelegramConfigError, build_bot, build_dispatcher
from bot.conversation.catalog import default_catalog
from bot.demo import seed_demo
from tests.bot.channels.telegram.conftest import SECRET, TOKEN
from tests.bot.channels.telegram.recording import RecordingSession
from tests.bot.channels.telegram.updates import callback_update, start_update, text_update


def config(
    base_url: str = "https://consult.example.gov.uk", secret: str | None = SECRET
) -> TelegramConfig:
    return TelegramConfig(
        token=TOKEN, webhook_secret=secret, public_base_url=base_url, max_body_bytes=65536
    )


async def test_set_webhook_registers_url_secret_and_update_kinds() -> None:
    recorder = RecordingSession()
    bot = build_bot(TOKEN, session=recorder)
    url = await register_webhook(bot, config(), drop_pending=False, catalog=default_catalog())
    assert url == "https://consult.example.gov.uk/telegram/webhook"
    [call] = recorder.of("setWebhook")
    assert call.params["url"] == url
    assert call.params["secret_token"] == SECRET
    assert json.loads(call.params["allowed_updates"]) == [
        "message",
        "edited_message",
        "callback_query",
        "my_chat_member",
    ]
    assert call.params["drop_pending_updates"] == "false"  # queued messages are kept
    english, welsh = recorder.of("setMyCommands")
    assert "language_code" not in english.params
    assert welsh.params["language_code"] == "cy"
    names = [c["command"] for c in json.loads(english.params["commands"])]
    assert names == list(COMMANDS)
    assert json.loads(welsh.params["commands"])[0]["description"] == "Dechrau neu barhau"


@pytest.mark.parametrize(
    ("base_url", "secret", "problem"),
    [
        ("http://consult.example.gov.uk", SECRET, "HTTPS"),
        ("https://consult.example.gov.uk:8000", SECRET, "ports 443, 80, 88 or 8443"),
        ("https://consult.example.gov.uk", None, "TELEGRAM_WEBHOOK_SECRET"),
    ],
)
async def test_set_webhook_refuses_what_telegram_would_refuse(
    base_url: str, secret: str | None, problem: str
) -> None:
    recorder = RecordingSession()
    bot = build_bot(TOKEN, session=recorder)
    with pytest.raises(TelegramConfigError, match=problem):
        await register_webhook(
            bot, config(base_url, secret), drop_pending=False, catalog=default_catalog()
        )
    assert recorder.calls == []


def test_bad_token_or_secret_fail_at_start_with_the_fix() -> None:
    with pytest.raises(TelegramConfigError, match="BotFather"):
        TelegramConfig(
            token="not a token", webhook_secret=None, public_base_url="", max_body_bytes=1
        )
    with pytest.raises(TelegramConfigError, match="secrets.token_urlsafe"):
        TelegramConfig(
            token=TOKEN, webhook_secret="has spaces!", public_base_url="", max_body_bytes=1
        )


def test_cli_set_webhook_explains_an_http_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
    result = CliRunner().invoke(cli, ["telegram", "set-webhook"])
    assert result.exit_code == 2
    assert "Telegram only calls HTTPS webhooks" in result.output
    assert "whatmatters telegram poll" in result.output


def test_cli_without_a_token_says_which_setting_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["telegram", "set-webhook"])
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_TOKEN" in result.output


def test_cli_link_prints_the_deep_link_and_writes_a_poster_qr(tmp_path: Path) -> None:
    runner = CliRunner()
    svg = tmp_path / "poster.svg"
    result = runner.invoke(
        cli,
        ["telegram", "link", "what-matters", "--bot-username", "WhatMattersBot", "--qr", str(svg)],
    )
    assert result.exit_code == 0, result.output
    assert "https://t.me/WhatMattersBot?start=what-matters" in result.output
    assert svg.read_bytes().startswith(b"<?xml")
    png = tmp_path / "poster.png"
    result = runner.invoke(
        cli,
        ["telegram", "link", "what-matters", "--bot-username", "WhatMattersBot", "--qr", str(png)],
    )
    assert png.read_bytes().startswith(b"\x89PNG")
    result = runner.invoke(
        cli, ["telegram", "link", "bus routes", "--bot-username", "WhatMattersBot"]
    )
    assert result.exit_code == 2
    assert "cannot be a Telegram start code" in result.output


async def test_polling_removes_the_webhook_and_runs_the_same_conversation(
    settings: Settings,
) -> None:
    services = build_services(settings)
    seed_demo(services.db)
    recorder = RecordingSession()
    bot = build_bot(TOKEN, session=recorder)
    dispatcher = build_dispatcher(
        conversation=services.conversation,
        db=services.db,
        protector=settings.address_protector,
    )
    chat = 555_000_111
    # One batch holding a whole exchange: it must be handled in order.
    recorder.updates = [
        start_update(1, chat),
        callback_update(2, chat, "opt:YES"),
        text_update(3, chat, "Litter in the park"),
    ]
    recorder.when_drained = dispatcher.stop_polling
    try:
        await poll(bot, dispatcher, catalog=default_catalog(), handle_signals=False)
    finally:
        services.db.dispose()
    assert recorder.calls[0].method == "deleteWebhook"
    assert recorder.calls[0].params["drop_pending_updates"] == "false"
    greeting, question, probe = recorder.sent(chat)
    assert "Would you like to take part?" in greeting.text
    assert "What really matters to you" in question.text
    assert "why does that matter to you?" in probe.text.lower()
    assert json.loads(recorder.of("getUpdates")[0].params["allowed_updates"])[0] == "message"
