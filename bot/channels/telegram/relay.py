"""The thin adapter between aiogram handlers and the channel-agnostic engine.

Every Telegram message or button press becomes the same `InboundMessage`
the SMS route and the simulator build, goes through the same (synchronous)
`handle_inbound`, and the replies come back out through the Bot API.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError
from sqlmodel import Session, select

from bot.channels.telegram.keyboards import reply_keyboard
from bot.conversation.catalog import Catalog
from bot.conversation.messages import InboundMessage, Reply
from storage.identity import AddressProtector
from storage.models import Channel, Participant

log = logging.getLogger(__name__)

# Chats whose latest bot message id is remembered (a few MB at most).
_REMEMBERED_CHATS = 50_000


class Conversation(Protocol):
    """What the relay needs from the conversation engine."""

    def handle_inbound(self, message: InboundMessage) -> list[Reply]: ...

    def opt_out(self, *, channel: Channel, address: str, source: str) -> None: ...


class TelegramRelay:
    """Feeds Telegram input to the engine and sends what it answers."""

    def __init__(
        self, *, conversation: Conversation, catalog: Catalog, protector: AddressProtector
    ) -> None:
        self._conversation = conversation
        self._protector = protector
        self._catalog = catalog
        self._latest: OrderedDict[int, int] = OrderedDict()

    def is_stale(self, *, chat_id: int, message_id: int) -> bool:
        """True when a button sits on an older message than the latest we sent.

        Someone who typed "yes" instead of pressing it still has the buttons
        on the greeting; pressing "No" there later must not be read as their
        answer to whatever we asked since. Remembered in this process only:
        after a restart every press is taken at face value.
        """
        latest = self._latest.get(chat_id)
        return latest is not None and message_id < latest

    def _sent(self, chat_id: int, message_id: int) -> None:
        self._latest[chat_id] = message_id
        self._latest.move_to_end(chat_id)
        while len(self._latest) > _REMEMBERED_CHATS:
            self._latest.popitem(last=False)

    async def language(self, session: Session, *, chat_id: int, user_language: str | None) -> str:
        """The language to answer in outside the conversation (photos, edits, buttons).

        The resident's chosen language when we know them; otherwise the
        language of their Telegram app, Welsh or else English.
        """
        address_hash = self._protector.hash(Channel.TELEGRAM, str(chat_id))
        query = select(Participant.language).where(
            Participant.channel == Channel.TELEGRAM, Participant.address_hash == address_hash
        )
        stored = await asyncio.to_thread(lambda: session.exec(query).first())
        if stored is not None:
            return str(stored)
        return "cy" if (user_language or "").lower().startswith("cy") else "en"

    async def relay(
        self,
        bot: Bot,
        *,
        chat_id: int,
        text: str,
        update_id: int,
        received_at: datetime,
        consultation_code: str | None = None,
        user_language: str | None = None,
    ) -> list[Reply]:
        """Hand one resident message to the engine and send its replies in order.

        `user_language` is the Telegram app's language (`from_user.language_code`):
        a Welsh app gets a Welsh greeting until the resident's words say otherwise.
        """
        message = InboundMessage(
            channel=Channel.TELEGRAM,
            # The engine hashes and encrypts the address; it is never stored in clear.
            address=str(chat_id),
            text=text,
            # The update id is what Telegram repeats on a retry, so the engine's
            # receipt on it makes a second delivery store nothing new.
            provider_message_id=str(update_id),
            received_at=received_at,
            consultation_code=consultation_code,
            preferred_language=_preferred(user_language),
        )
        # The engine is synchronous (SQLAlchemy sessions); a worker thread keeps
        # the event loop free for other chats meanwhile.
        replies = await asyncio.to_thread(self._conversation.handle_inbound, message)
        await self.send(bot, chat_id=chat_id, replies=replies)
        return replies

    async def send(self, bot: Bot, *, chat_id: int, replies: Sequence[Reply]) -> None:
        """Send replies one message each, with buttons when the reply offers options."""
        for reply in replies:
            try:
                # No parse_mode: replies are plain text, so a resident's own
                # words echoed back can never be read as HTML or Markdown.
                sent = await bot.send_message(
                    chat_id=chat_id,
                    text=reply.text,
                    reply_markup=reply_keyboard(reply),
                    parse_mode=None,
                )
            except TelegramForbiddenError:
                # The resident blocked the bot: retrying cannot deliver, and
                # their answer is already stored, so stop here quietly.
                log.info("telegram chat blocked the bot; %d replies not sent", len(replies))
                return
            self._sent(chat_id, sent.message_id)

    async def say(self, bot: Bot, *, chat_id: int, key: str, language: str) -> None:
        """Send one of the Telegram channel's own messages (bot/locales/*/telegram.ftl)."""
        await self.send(bot, chat_id=chat_id, replies=[self.reply(key, language)])

    def reply(self, key: str, language: str) -> Reply:
        """A catalogue message as a Reply, in the resident's language."""
        return Reply(text=self._catalog.text(language, key), key=key, language=language)

    async def opt_out(self, *, chat_id: int) -> None:
        """Record that the resident blocked the bot (Telegram's own opt-out)."""
        await asyncio.to_thread(
            self._conversation.opt_out,
            channel=Channel.TELEGRAM,
            address=str(chat_id),
            source="telegram-blocked",
        )


def _preferred(language_code: str | None) -> str | None:
    # Telegram sends IETF tags ("cy", "cy-GB", "en-gb"); only Welsh and
    # English have catalogues, and anything else says nothing.
    base = (language_code or "").lower().split("-")[0]
    return base if base in ("cy", "en") else None
