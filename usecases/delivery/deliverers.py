"""The real deliverer: each registered channel's sender, paced by one token bucket.

Web chat (simulator) phones have no provider: their message is "delivered"
by the recipient row itself turning sent, and the simulator page shows every
sent, unanswered playback question to its phone (bot/simulator/inbox.py).

One token bucket paces every channel together (the configured SMS_SEND_RATE),
so replies coming back never arrive faster than the webhooks were sized for.
The senders come from the channel registry (bot/channels/registry.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from storage.models import Channel
from usecases.delivery.sender import Outcome, SendResult, TokenBucket

if TYPE_CHECKING:
    from bot.conversation.messages import Reply


class Sender(Protocol):
    """One channel's way out (see bot/channels/contract.py)."""

    serves: frozenset[str]

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult: ...

    def close(self) -> None: ...


class WebInboxSender:
    """Web chat phones: the recipient row turning sent is the delivery."""

    serves: frozenset[str] = frozenset({Channel.WEB})

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        return SendResult(outcome=Outcome.SENT, attempts=1, sid="web:inbox")

    def close(self) -> None:
        return None


class ChannelDeliverer:
    def __init__(self, *, bucket: TokenBucket, senders: Iterable[Sender] = ()) -> None:
        # A sender with its own wait_turn (Twilio's) must share `bucket`: it is the
        # one that waits.
        self._bucket = bucket
        self._senders = list(senders)
        self._by_channel = {str(value): s for s in self._senders for value in s.serves}
        self._paced = next((s for s in self._senders if hasattr(s, "wait_turn")), None)

    def wait_turn(self) -> None:
        wait_turn = getattr(self._paced, "wait_turn", None)
        if callable(wait_turn):
            wait_turn()
        else:
            self._bucket.acquire()

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        sender = self._by_channel.get(str(channel))
        if sender is not None:
            return sender.deliver(channel, address, reply)
        # Left failed (not pending) and reported: configure the channel and
        # requeue deliberately rather than silently dropping people.
        return SendResult(
            outcome=Outcome.FAILED, attempts=0, error=f"no sender configured for {channel}"
        )

    def close(self) -> None:
        for sender in self._senders:
            sender.close()
