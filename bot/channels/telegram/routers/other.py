"""Edited messages and everything without words (stickers, voice, location, contacts)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import Message
from sqlmodel import Session

from bot.channels.telegram.relay import TelegramRelay


def build_router() -> Router:
    router = Router(name="telegram-other")
    router.edited_message.register(on_edited)
    # Registered last: whatever no other router took is something we cannot read.
    router.message.register(on_not_text)
    return router


async def on_edited(message: Message, bot: Bot, relay: TelegramRelay, session: Session) -> None:
    """Keep the first version (already stored) and explain how to change it."""
    await _say(message, bot, relay, session, "telegram-edited")


async def on_not_text(message: Message, bot: Bot, relay: TelegramRelay, session: Session) -> None:
    """Ask for words; the sticker, voice note or location itself is not kept."""
    await _say(message, bot, relay, session, "telegram-send-text")


async def _say(
    message: Message, bot: Bot, relay: TelegramRelay, session: Session, key: str
) -> None:
    user = message.from_user
    language = await relay.language(
        session,
        chat_id=message.chat.id,
        user_language=user.language_code if user is not None else None,
    )
    await relay.say(bot, chat_id=message.chat.id, key=key, language=language)
