"""What every channel exports, courier style: receive, send, render, enabled, links.

A channel is one folder under bot/channels/ whose `channel.py` (or `__init__.py`)
defines a `ChannelType`, and one line in bot/channels/registry.py. Everything that
differs between channels is behind this contract; the web app, playback rounds,
feedback, invitations, metrics and the console read the registry, never a channel.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from storage.models import Channel

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.conversation.messages import Reply
    from usecases.delivery.deliverers import ChannelDeliverer
    from usecases.delivery.sender import SendResult, TokenBucket


class ChannelSender(Protocol):
    """Sends one reply to one address on the channels it was built for."""

    serves: frozenset[str]

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult: ...

    def close(self) -> None: ...


class PacedSender(ChannelSender, Protocol):
    """A sender whose provider paces it (Twilio): its turn is the shared bucket's turn."""

    def wait_turn(self) -> None: ...


class ChannelType(Protocol):
    """One channel: the stored `Channel` values it serves and how it receives and sends."""

    #: Registry key, and the label of its webhooks in the metrics.
    name: str
    #: The channel values its residents are stored under (SMS serves "sms" and
    #: "whatsapp"); a `Channel` member, or a plain name for a channel added later.
    serves: frozenset[str]
    #: Reply rendering: True when replies go out as plain SMS text (GSM-friendly,
    #: segment-counted, options typed back as numbers); False for buttons and rich text.
    plain_text: bool
    #: Webhook paths -> metrics label ("/sms/twilio" -> "sms").
    webhook_paths: Mapping[str, str]
    #: True for a channel that needs no provider (web chat): it is reached even when
    #: nothing else is configured.
    always_on: bool

    def enabled(self, settings: Any) -> bool:
        """Whether the settings hold what the channel needs to talk to its provider."""
        ...

    def announce(self, settings: Any) -> str | None:
        """A start-up line: how to enable it when disabled, or where to find it."""
        ...

    def receive(self, app: FastAPI, services: Any) -> None:
        """Mount the routes that receive residents' messages (when the channel can)."""
        ...

    def sender(
        self,
        settings: Any,
        *,
        bucket: TokenBucket,
        make_http_client: Callable[[], Any] | None = None,
    ) -> ChannelSender | None:
        """A sender for playback and feedback, or None when the channel cannot send."""
        ...

    def links(self, settings: Any, slug: str) -> dict[str, str]:
        """Links residents follow to reach a consultation here (empty when none)."""
        ...


class ChannelRegistry:
    """The channels the service runs, in order; one entry per channel folder.

    An entry is a channel type, or its "module:ATTRIBUTE" path, imported on first use
    so that starting the CLI does not import every channel's library (aiogram takes
    seconds). A registry of channel types is checked at once.
    """

    def __init__(self, channels: Sequence[ChannelType | str]) -> None:
        self._specs = tuple(channels)
        self._loaded: tuple[ChannelType, ...] | None = None
        self._by_value: dict[str, ChannelType] = {}
        if not any(isinstance(spec, str) for spec in self._specs):
            self._load()

    def _load(self) -> tuple[ChannelType, ...]:
        if self._loaded is not None:
            return self._loaded
        channels = tuple(_resolve(spec) for spec in self._specs)
        names = [channel.name for channel in channels]
        if len(set(names)) != len(names):
            raise ValueError(f"channel names must be unique: {names}")
        served: dict[str, str] = {}
        for channel in channels:
            for value in channel.serves:
                if value in served:
                    raise ValueError(
                        f"{value} is served by both {served[value]} and {channel.name}"
                    )
                served[value] = channel.name
        self._by_value = {str(value): c for c in channels for value in c.serves}
        self._loaded = channels
        return channels

    @property
    def _channels(self) -> tuple[ChannelType, ...]:
        return self._load()

    def __iter__(self) -> Iterator[ChannelType]:
        return iter(self._channels)

    def __len__(self) -> int:
        return len(self._specs)

    def names(self) -> list[str]:
        return [channel.name for channel in self._channels]

    def serving(self, channel: str) -> ChannelType | None:
        """The channel type residents stored under `channel` talk to (None: no such channel)."""
        self._load()
        return self._by_value.get(str(channel))

    def plain_text(self, channel: str) -> bool:
        """Whether replies on `channel` are rendered as plain SMS text."""
        found = self.serving(channel)
        return found is not None and found.plain_text

    def webhook_labels(self) -> dict[str, str]:
        return {path: label for c in self._channels for path, label in c.webhook_paths.items()}

    def links(self, settings: Any, slug: str) -> dict[str, str]:
        """Every channel's links for a consultation, in registry order."""
        links: dict[str, str] = {}
        for channel in self._channels:
            links.update(channel.links(settings, slug))
        return links

    def can_send(self, settings: Any) -> bool:
        """Whether any channel with a provider (not only web chat) is set up to send."""
        return any(c.enabled(settings) for c in self._channels if not c.always_on)

    def deliverer(
        self, settings: Any, *, make_http_client: Callable[[], Any] | None = None
    ) -> tuple[ChannelDeliverer, frozenset[str] | None]:
        """Every channel's sender, one pace; and the only channels to send to (None: all).

        Without any provider, only always-on channels (web chat phones) are reached, so a
        round or a feedback runs end to end on a laptop; everyone else stays pending (not
        failed) until a sender is configured and the send is resumed.
        """
        from usecases.delivery.deliverers import ChannelDeliverer
        from usecases.delivery.sender import TokenBucket

        bucket = TokenBucket(settings.sms_send_rate)
        built = [
            (channel, channel.sender(settings, bucket=bucket, make_http_client=make_http_client))
            for channel in self._channels
        ]
        senders = [(channel, sender) for channel, sender in built if sender is not None]
        if any(not channel.always_on for channel, _ in senders):
            return ChannelDeliverer(bucket=bucket, senders=[s for _, s in senders]), None
        only = frozenset(value for channel, _ in senders for value in channel.serves)
        return ChannelDeliverer(bucket=bucket, senders=[s for _, s in senders]), only


def _resolve(spec: ChannelType | str) -> ChannelType:
    if not isinstance(spec, str):
        return spec
    module, _, attribute = spec.partition(":")
    channel: ChannelType = getattr(importlib.import_module(module), attribute or "CHANNEL")
    return channel
