"""Telegram channel (aiogram 3): webhook route, routers, keyboards, deep links.

aiogram takes seconds to import, so the package imports it only when one of its
names is used: the web app and the channel registry load this package even when no
token is set (see bot/channels/telegram/channel.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI

if TYPE_CHECKING:
    from app.services import Services
    from app.settings import Settings
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
    "telegram_router",
]

# Each public name and the module that defines it, imported on first use.
_LAZY = {
    "ALLOWED_UPDATES": "bot_factory",
    "WEBHOOK_PATH": "bot_factory",
    "TelegramConfig": "bot_factory",
    "TelegramConfigError": "bot_factory",
    "build_bot": "bot_factory",
    "build_dispatcher": "bot_factory",
    "DeepLinkError": "links",
    "deep_link": "links",
    "TelegramChannel": "routes",
    "telegram_router": "routes",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def build_channel(config: TelegramConfig, services: Services) -> TelegramChannel:
    """A Bot and Dispatcher wired to the shared conversation engine and store."""
    from bot.channels.telegram.bot_factory import build_bot, build_dispatcher
    from bot.channels.telegram.routes import TelegramChannel

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
    from bot.channels.telegram.bot_factory import TelegramConfig
    from bot.channels.telegram.routes import telegram_router

    channel = build_channel(TelegramConfig.from_settings(settings), services)
    app.state.telegram = channel
    app.include_router(telegram_router(channel))
    return channel
