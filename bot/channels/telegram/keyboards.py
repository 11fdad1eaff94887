"""Inline keyboards for replies that offer choices (consent, language, choice questions).

The engine's `Reply.options` are rendered as buttons; the open question has
no options and stays plain text so people answer in their own words. A
button press comes back as a callback carrying the option's `value`, which
the engine reads exactly as if it had been typed (typing works everywhere).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.conversation.messages import Reply, ReplyOption

log = logging.getLogger(__name__)

# Labels longer than this get a row each: Telegram truncates long labels on
# narrow phones, and "Prefer not to say" / "Mae'n well gen i beidio â dweud"
# must stay readable.
_SHORT_LABEL = 14
_PER_ROW_SHORT = 2


class OptionCallback(CallbackData, prefix="opt"):
    """Callback data of an option button: `opt:<value>` (Telegram allows 64 bytes)."""

    value: str


def _pack(option: ReplyOption) -> str | None:
    try:
        return OptionCallback(value=option.value).pack()
    except ValueError:
        # Too long for Telegram's 64 bytes or holding the ':' separator: the
        # option is still offered in the text, just not as a button.
        log.warning("option %r cannot be a Telegram button", option.value)
        return None


def options_keyboard(options: Sequence[ReplyOption]) -> InlineKeyboardMarkup | None:
    """Buttons for `options`, or None when there is nothing to press.

    All-or-nothing: a keyboard missing one option would look like the full
    list, so if any option cannot be packed the reply goes out as text only.
    """
    if not options:
        return None
    packed = [_pack(option) for option in options]
    if any(data is None for data in packed):
        return None
    builder = InlineKeyboardBuilder()
    for option, data in zip(options, packed, strict=True):
        builder.button(text=option.label, callback_data=data)
    if all(len(option.label) <= _SHORT_LABEL for option in options):
        builder.adjust(_PER_ROW_SHORT)
    else:
        builder.adjust(1)
    return builder.as_markup()


def reply_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The inline keyboard for one engine reply (None for plain-text prompts)."""
    return options_keyboard(reply.options)


def parse_option(data: str | None) -> str | None:
    """The option value carried by a button press, or None for foreign/stale data."""
    if not data:
        return None
    try:
        return OptionCallback.unpack(data).value
    except (TypeError, ValueError):
        return None
