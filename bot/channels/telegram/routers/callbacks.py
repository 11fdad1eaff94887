"""Inline button presses: the option's value is read as if the resident had typed it."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message, Update
from sqlmodel import Session

from bot.channels.telegram.keyboards import OptionCallback
from bot.channels.telegram.relay import TelegramRelay
from storage.models import utcnow

log = logging.getLogger(__name__)


def build_router() -> Router:
    router = Router(name="telegram-callbacks")
    router.callback_query.register(on_option, OptionCallback.filter())
    router.callback_query.register(on_unknown_button)
    return router


async def on_option(
    callback: CallbackQuery,
    callback_data: OptionCallback,
    bot: Bot,
    relay: TelegramRelay,
    event_update: Update,
) -> None:
    """Answer the press, retire the keyboard, and hand the choice to the engine."""
    # Answer first: Telegram shows a spinner on the button until we do.
    await callback.answer()
    message = callback.message
    chat_id = message.chat.id if message is not None else callback.from_user.id
    if isinstance(message, Message):
        # Remove the buttons so an old "Yes" pressed later cannot be taken as
        # the answer to whatever question comes next.
        try:
            await message.edit_reply_markup(reply_markup=None)
        except TelegramBadRequest as error:
            log.info("could not remove a used keyboard: %s", error.message)
    await relay.relay(
        bot,
        chat_id=chat_id,
        text=callback_data.value,
        update_id=event_update.update_id,
        # Callback queries carry no date; the press is happening now.
        received_at=utcnow(),
    )


async def on_unknown_button(
    callback: CallbackQuery, relay: TelegramRelay, session: Session
) -> None:
    """A button we no longer understand (older version, forged data): say so kindly."""
    language = await relay.language(
        session, chat_id=callback.from_user.id, user_language=callback.from_user.language_code
    )
    await callback.answer(relay.reply("telegram-stale-button", language).text)
