"""The real deliverer: SMS and WhatsApp through Twilio, Telegram through the Bot API.

Web chat and simulator phones have no provider: their message is "delivered"
by the recipient row itself turning sent, and the simulator page shows every
sent, unanswered playback question to its phone (bot/simulator/inbox.py).

One token bucket paces every channel together (the configured SMS_SEND_RATE),
so replies coming back never arrive faster than the webhooks were sized for.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from bot.conversation.messages import Reply
from bot.outbound.sender import Outcome, SendResult, TokenBucket, TwilioSender
from storage.models import Channel

if TYPE_CHECKING:
    from aiogram import Bot

#: Channels with no provider: the page reads what was sent from the store
#: (bot/simulator/inbox.py), the simulator's phones and the residents' web chat.
INBOX_CHANNELS = frozenset({Channel.WEB, Channel.WEBCHAT})


def whatsapp_address(number: str) -> str:
    """ "whatsapp:+44..." for a number; a Messaging Service SID (MG...) is used as it is."""
    number = number.strip()
    if number.startswith("MG") or number.lower().startswith("whatsapp:"):
        return number
    return f"whatsapp:{number}"


class ChannelDeliverer:
    def __init__(
        self,
        *,
        bucket: TokenBucket,
        twilio: TwilioSender | None = None,
        telegram: Bot | None = None,
        whatsapp_from: str | None = None,
    ) -> None:
        # `twilio` must share `bucket`: its wait_turn is the one that waits.
        self._bucket = bucket
        self._twilio = twilio
        self._whatsapp_from = whatsapp_address(whatsapp_from) if whatsapp_from else None
        self._telegram = telegram
        self._loop: asyncio.AbstractEventLoop | None = None

    def wait_turn(self) -> None:
        if self._twilio is not None:
            self._twilio.wait_turn()
        else:
            self._bucket.acquire()

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        if channel == Channel.SMS and self._twilio is not None:
            return self._twilio.send(address, reply.text)
        if channel == Channel.WHATSAPP and self._twilio is not None:
            # Both ends carry Twilio's "whatsapp:" prefix; a plain From sends an SMS.
            return self._twilio.send(
                whatsapp_address(address), reply.text, sender=self._whatsapp_from
            )
        if channel == Channel.TELEGRAM and self._telegram is not None:
            return self._send_telegram(int(address), reply)
        if channel in INBOX_CHANNELS:
            return SendResult(outcome=Outcome.SENT, attempts=1, sid=f"{channel}:inbox")
        # Left failed (not pending) and reported: configure the channel and
        # requeue deliberately rather than silently dropping people.
        return SendResult(
            outcome=Outcome.FAILED, attempts=0, error=f"no sender configured for {channel}"
        )

    def _send_telegram(self, chat_id: int, reply: Reply) -> SendResult:
        from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError

        from bot.channels.telegram.keyboards import reply_keyboard

        assert self._telegram is not None
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        try:
            sent = self._loop.run_until_complete(
                self._telegram.send_message(
                    chat_id=chat_id,
                    text=reply.text,
                    reply_markup=reply_keyboard(reply),
                    parse_mode=None,
                )
            )
        except TelegramForbiddenError:
            return SendResult(outcome=Outcome.OPTED_OUT, attempts=1, error="blocked the bot")
        except TelegramAPIError as error:
            return SendResult(outcome=Outcome.FAILED, attempts=1, error=str(error)[:300])
        return SendResult(outcome=Outcome.SENT, attempts=1, sid=f"tg:{sent.message_id}")

    def close(self) -> None:
        if self._loop is not None:
            if self._telegram is not None:
                self._loop.run_until_complete(self._telegram.session.close())
            self._loop.close()
            self._loop = None
