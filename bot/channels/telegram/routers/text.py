"""Typed messages, and captions of photos or files (the words are the answer)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import Message, Update

from bot.channels.telegram.relay import TelegramRelay


def build_router() -> Router:
    router = Router(name="telegram-text")
    router.message.register(on_text, F.text)
    # A photo of a pothole captioned "fix our road" carries an answer in its
    # caption; the picture itself is neither stored nor downloaded.
    router.message.register(on_text, F.caption)
    return router


async def on_text(message: Message, bot: Bot, relay: TelegramRelay, event_update: Update) -> None:
    """Pass the resident's words to the engine and send its replies."""
    words = message.text if message.text is not None else message.caption
    assert words is not None  # guaranteed by the F.text / F.caption filters
    await relay.relay(
        bot,
        chat_id=message.chat.id,
        text=words,
        update_id=event_update.update_id,
        received_at=message.date,
        user_language=message.from_user.language_code if message.from_user else None,
    )
