"""Telegram channel (aiogram 3): webhook route, routers, keyboards, deep links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI

from bot.channels.telegram.bot_factory import (
    ALLOWED_UPDATES,
    WEBHOOK_PATH,
    TelegramConfig,
    TelegramConfigError,
    build_bot,
    build_dispatcher,
)
from bot.channels.telegram.links import DeepLinkError, deep_link
from bot.channels.telegram.routes import TelegramChannel, telegram_router

if TYPE_CHECKING:
    from app.services import Services
    from app.settings import Settings

__all__ = [
    "ALLOWED_UPDATES",
    "WEBHOOK_PATH",
    "DeepLinkError",
    "TelegramChannel",
    "TelegramConfig",
    "TelegramConfigError",
    "build_bot",
    "build_channel",
    "build_dispatcher",
    "deep_link",
    "install_telegram",
]


def build_channel(config: TelegramConfig, services: Services) -> TelegramChannel:
    """A Bot and Dispatcher wired to the shared conversation engine and store."""
    bot = build_bot(config.token)
    dispatcher = build_dispatcher(
        conversation=services.conversation,
        db=services.db,
        protector=services.settings.address_protector,
    )
    return TelegramChannel.from_config(config, bot=bot, dispatcher=dispatcher)


def install_telegram(app: FastAPI, settings: Settings, services: Services) -> TelegramChannel:
    """Add the Telegram webhook to `app` (called by create_app when a token is set).

    The channel is kept on `app.state.telegram` so the CLI and tests can
    reach the Bot (tests swap its session for a recording one).
    """
    channel = build_channel(TelegramConfig.from_settings(settings), services)
    app.state.telegram = channel
    app.include_router(telegram_router(channel))
    return channel
