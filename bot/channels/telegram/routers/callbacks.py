"""Inline button presses: the option's value is read as if the resident had typed it."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, MaybeInaccessibleMessageUnion, Message, Update
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
    session: Session,
    event_update: Update,
) -> None:
    """Answer the press, retire the keyboard, and hand the choice to the engine."""
    message = callback.message
    chat_id = message.chat.id if message is not None else callback.from_user.id
    if message is not None and relay.is_stale(chat_id=chat_id, message_id=message.message_id):
        await on_unknown_button(callback, relay, session)
        await _retire_keyboard(message)
        return
    # Answer first: Telegram shows a spinner on the button until we do.
    await _acknowledge(callback)
    # Remove the buttons so this "Yes" cannot be pressed again later as the
    # answer to whatever question comes next.
    await _retire_keyboard(message)
    await relay.relay(
        bot,
        chat_id=chat_id,
        text=callback_data.value,
        update_id=event_update.update_id,
        # Callback queries carry no date; the press is happening now.
        received_at=utcnow(),
        user_language=callback.from_user.language_code,
    )


async def _retire_keyboard(message: MaybeInaccessibleMessageUnion | None) -> None:
    if not isinstance(message, Message):
        return  # too old (48 h) to edit, or gone
    try:
        await message.edit_reply_markup(reply_markup=None)
    except TelegramBadRequest as error:
        log.info("could not remove a used keyboard: %s", error.message)


async def on_unknown_button(
    callback: CallbackQuery, relay: TelegramRelay, session: Session
) -> None:
    """A button that is stale or that we no longer understand: say so kindly."""
    language = await relay.language(
        session, chat_id=callback.from_user.id, user_language=callback.from_user.language_code
    )
    await _acknowledge(callback, relay.reply("telegram-stale-button", language).text)


async def _acknowledge(callback: CallbackQuery, text: str | None = None) -> None:
    try:
        await callback.answer(text)
    except TelegramBadRequest as error:
        # "query is too old" on Telegram's retry of an update we failed
        # earlier: the spinner is long gone, and refusing here would fail the
        # retry too, so the choice itself would never reach the engine.
        log.info("callback query not answered: %s", error.message)
