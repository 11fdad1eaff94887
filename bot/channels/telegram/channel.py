"""The Telegram channel as the channel registry sees it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from storage.models import Channel

if TYPE_CHECKING:
    from aiogram import Bot
    from fastapi import FastAPI

    from bot.conversation.messages import Reply
    from usecases.delivery.sender import SendResult, TokenBucket


class TelegramSender:
    """Messages out through the Bot API, on an event loop of its own (jobs run in threads)."""

    serves: frozenset[str] = frozenset({Channel.TELEGRAM})

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._loop: asyncio.AbstractEventLoop | None = None

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError

        from bot.channels.telegram.keyboards import reply_keyboard
        from usecases.delivery.sender import Outcome, SendResult

        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        try:
            sent = self._loop.run_until_complete(
                self._bot.send_message(
                    chat_id=int(address),
                    text=reply.text,
                    reply_markup=reply_keyboard(reply),
                    parse_mode=None,
                )
            )
        except TelegramForbiddenError:
            return SendResult(outcome=Outcome.OPTED_OUT, attempts=1, error="blocked the bot")
        except TelegramAPIError as error:
            return SendResult(outcome=Outcome.FAILED, attempts=1, error=str(error)[:300])
        return SendResult(outcome=Outcome.SENT, attempts=1, sid=f"tg:{sent.message_id}")

    def close(self) -> None:
        if self._loop is not None:
            self._loop.run_until_complete(self._bot.session.close())
            self._loop.close()
            self._loop = None


class TelegramChannelType:
    name = "telegram"
    serves: frozenset[str] = frozenset({Channel.TELEGRAM})
    plain_text = False
    always_on = False
    webhook_paths: Mapping[str, str] = {"/telegram/webhook": "telegram"}

    def enabled(self, settings: Any) -> bool:
        return bool(settings.telegram_enabled)

    def announce(self, settings: Any) -> str | None:
        if self.enabled(settings):
            return None
        return "Telegram disabled: set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET"

    def receive(self, app: FastAPI, services: Any) -> None:
        if self.enabled(services.settings):
            from bot.channels.telegram import install_telegram

            install_telegram(app, services.settings, services)

    def sender(
        self,
        settings: Any,
        *,
        bucket: TokenBucket,
        make_http_client: Callable[[], Any] | None = None,
    ) -> TelegramSender | None:
        if settings.telegram_bot_token is None:
            return None
        from bot.channels.telegram.bot_factory import build_bot

        return TelegramSender(build_bot(settings.telegram_bot_token.get_secret_value()))

    def links(self, settings: Any, slug: str) -> dict[str, str]:
        """A deep link, when the bot's @username is configured."""
        username = getattr(settings, "telegram_bot_username", None)
        if not username:
            return {}
        from bot.channels.telegram.links import DeepLinkError, deep_link

        try:
            return {"telegram": deep_link(str(username), slug)}
        except DeepLinkError:
            return {}


CHANNEL = TelegramChannelType()
