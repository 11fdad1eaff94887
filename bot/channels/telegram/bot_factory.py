"""Build the aiogram Bot and Dispatcher from plain configuration values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    Response,
    SendMessage,
    TelegramMethod,
)
from aiogram.utils.token import TokenValidationError, validate_token
from sqlalchemy.engine import Engine

from bot.channels.telegram.middlewares import ChannelContextMiddleware, OncePerUpdateMiddleware
from bot.channels.telegram.relay import Conversation, TelegramRelay
from bot.channels.telegram.routers import build_routers
from bot.conversation.catalog import Catalog, default_catalog
from storage.identity import AddressProtector

if TYPE_CHECKING:
    from app.settings import Settings

WEBHOOK_PATH = "/telegram/webhook"
# Only what the routers handle: Telegram then does not even send the rest
# (channel posts, polls, payments...), which saves requests and surprises.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
# Telegram's rule for secret_token in setWebhook.
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


# aiogram parses every Bot API answer as `Response[<method's result type>]`.
# pydantic keeps a parametrised generic class only while something refers to
# it, so once the garbage collector dropped one the next call rebuilt it
# (~0.7 ms CPU; about one call in four under bench/telegram_webhook.py).
# Holding the ones every conversation uses keeps them built.
_METHODS_PER_UPDATE: tuple[type[TelegramMethod[Any]], ...] = (
    SendMessage,
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
)
_RESPONSE_MODELS = tuple(Response[m.__returning__] for m in _METHODS_PER_UPDATE)  # type: ignore[name-defined]


class TelegramConfigError(ValueError):
    """Telegram settings that cannot work, with the fix in the message."""


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    token: str
    webhook_secret: str | None
    public_base_url: str
    max_body_bytes: int

    def __post_init__(self) -> None:
        try:
            validate_token(self.token)
        except TokenValidationError as error:
            raise TelegramConfigError(
                f"TELEGRAM_BOT_TOKEN is malformed ({error}); copy it from @BotFather, "
                "it looks like 123456789:AAE..."
            ) from error
        if self.webhook_secret is not None and not _SECRET_TOKEN.fullmatch(self.webhook_secret):
            raise TelegramConfigError(
                "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters from A-Z, a-z, 0-9, '_' "
                "and '-' (Telegram's rule); generate one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> TelegramConfig:
        """Read the Telegram values once, at the composition root."""
        if settings.telegram_bot_token is None:
            raise TelegramConfigError("set TELEGRAM_BOT_TOKEN to use Telegram")
        secret = settings.telegram_webhook_secret
        return cls(
            token=settings.telegram_bot_token.get_secret_value(),
            webhook_secret=secret.get_secret_value() if secret is not None else None,
            public_base_url=settings.public_base_url.rstrip("/"),
            max_body_bytes=settings.max_body_bytes,
        )

    @property
    def webhook_url(self) -> str:
        return self.public_base_url + WEBHOOK_PATH


def build_bot(token: str, *, session: BaseSession | None = None) -> Bot:
    """A Bot sending plain text (no parse mode), over aiohttp unless a session is given."""
    return Bot(token, session=session)


def build_dispatcher(
    *,
    conversation: Conversation,
    db: Engine,
    protector: AddressProtector,
    catalog: Catalog | None = None,
) -> Dispatcher:
    """The Dispatcher with every Telegram router and the channel's middlewares."""
    # The engine keeps conversation state in the store; aiogram's FSM would
    # be a second, in-memory copy that forgets on restart.
    dispatcher = Dispatcher(disable_fsm=True, name="whatmatters-telegram")
    relay = TelegramRelay(
        conversation=conversation, catalog=catalog or default_catalog(), protector=protector
    )
    # Outer middlewares on the update run before routing, once per update.
    dispatcher.update.outer_middleware(OncePerUpdateMiddleware())
    dispatcher.update.outer_middleware(ChannelContextMiddleware(relay=relay, db=db))
    dispatcher.include_routers(*build_routers())
    return dispatcher
