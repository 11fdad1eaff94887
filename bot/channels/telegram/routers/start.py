"""`/start`, and `/start <code>` from a deep link or a poster's QR code."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message, Update

from bot.channels.telegram.links import parse_start_code
from bot.channels.telegram.relay import TelegramRelay

log = logging.getLogger(__name__)

# The engine reads "/start" as the START keyword (punctuation is ignored):
# a first contact, or coming back after STOP, both begin the conversation.
START_TEXT = "/start"


def build_router() -> Router:
    router = Router(name="telegram-start")
    router.message.register(on_start, CommandStart())
    return router


async def on_start(
    message: Message,
    command: CommandObject,
    bot: Bot,
    relay: TelegramRelay,
    event_update: Update,
) -> None:
    """Begin (or resume) a conversation, on the deep link's consultation when there is one."""
    code = parse_start_code(command.args)
    if command.args and code is None:
        # Someone typed "/start something odd": start without a consultation
        # and let the engine ask which one, rather than refusing.
        log.info("telegram /start with an unusable code (%d chars) ignored", len(command.args))
    await relay.relay(
        bot,
        chat_id=message.chat.id,
        text=START_TEXT,
        update_id=event_update.update_id,
        received_at=message.date,
        consultation_code=code,
        user_language=message.from_user.language_code if message.from_user else None,
    )
