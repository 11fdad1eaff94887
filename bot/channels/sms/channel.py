"""The SMS channel (Twilio SMS and WhatsApp) as the channel registry sees it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from storage.models import Channel

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.conversation.messages import Reply
    from usecases.delivery.sender import SendResult, TokenBucket, TwilioSender


class TwilioChannelSender:
    """SMS and WhatsApp out through Twilio's REST API, paced by Twilio's own turn."""

    serves: frozenset[str] = frozenset({Channel.SMS, Channel.WHATSAPP})

    def __init__(self, twilio: TwilioSender) -> None:
        self._twilio = twilio

    def wait_turn(self) -> None:
        self._twilio.wait_turn()

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        to = f"whatsapp:{address}" if channel == Channel.WHATSAPP else address
        return self._twilio.send(to, reply.text)

    def close(self) -> None:
        return None


class SmsChannel:
    name = "sms"
    serves: frozenset[str] = frozenset({Channel.SMS, Channel.WHATSAPP})
    plain_text = True
    always_on = False
    webhook_paths: Mapping[str, str] = {"/sms/twilio": "sms", "/sms/twilio/status": "sms-status"}

    def enabled(self, settings: Any) -> bool:
        return bool(settings.twilio_enabled)

    def announce(self, settings: Any) -> str | None:
        if self.enabled(settings):
            return None
        return "SMS/WhatsApp disabled: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN"

    def receive(self, app: FastAPI, services: Any) -> None:
        # Always mounted: without credentials every request fails the signature check.
        from bot.channels.sms.routes import router_for

        app.include_router(router_for(services.settings))

    def sender(
        self,
        settings: Any,
        *,
        bucket: TokenBucket,
        make_http_client: Callable[[], Any] | None = None,
    ) -> TwilioChannelSender | None:
        if not (
            settings.twilio_enabled and settings.twilio_auth_token and settings.twilio_from_number
        ):
            return None
        from twilio.rest import Client

        from usecases.delivery.sender import TwilioSender
        from usecases.delivery.sender import make_http_client as default_http_client

        client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token.get_secret_value(),
            http_client=(make_http_client or default_http_client)(),
        )
        return TwilioChannelSender(
            TwilioSender(client, sender=settings.twilio_from_number, bucket=bucket)
        )

    def links(self, settings: Any, slug: str) -> dict[str, str]:
        # Residents text the consultation's keyword; there is no link to follow.
        return {}


CHANNEL = SmsChannel()
