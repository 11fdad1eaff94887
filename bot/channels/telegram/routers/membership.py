"""Blocking the bot is Telegram's own opt-out: nothing more is sent until /start."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import KICKED, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.channels.telegram.relay import TelegramRelay


def build_router() -> Router:
    router = Router(name="telegram-membership")
    router.my_chat_member.register(
        on_blocked,
        ChatMemberUpdatedFilter(member_status_changed=KICKED),
        F.chat.type == ChatType.PRIVATE,
    )
    return router


async def on_blocked(event: ChatMemberUpdated, relay: TelegramRelay) -> None:
    """Mark the resident opted out, so invitations and feedback skip them."""
    await relay.opt_out(chat_id=event.chat.id)
