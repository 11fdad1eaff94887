"""Group chats: answers are personal, so the bot asks people to message it privately."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.types import Message

from bot.channels.telegram.relay import TelegramRelay


def build_router() -> Router:
    router = Router(name="telegram-groups")
    # Only messages addressed to the bot reach it in groups (privacy mode);
    # nothing said in a group is ever passed to the engine or stored.
    router.message.register(on_group_message, F.chat.type != ChatType.PRIVATE)
    router.edited_message.register(ignore, F.chat.type != ChatType.PRIVATE)
    return router


async def on_group_message(message: Message, bot: Bot, relay: TelegramRelay) -> None:
    """Point people in a group to a private chat."""
    language = "cy" if _user_language(message).startswith("cy") else "en"
    await relay.say(bot, chat_id=message.chat.id, key="telegram-private-only", language=language)


async def ignore(message: Message) -> None:
    """Edits in groups need no answer."""


def _user_language(message: Message) -> str:
    user = message.from_user
    return (user.language_code or "") if user is not None else ""
