"""The SMS channel (Twilio SMS and WhatsApp) as the channel registry sees it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from storage.models import Channel

if TYPE_CHECKING:
    from fastapi import FastAPI

    from bot.conversation.messages import Reply
    from usecases.delivery.sender import SendResult, TokenBucket, TwilioSender


def whatsapp_address(number: str) -> str:
    """ "whatsapp:+44..." for a number; a Messaging Service SID (MG...) is used as it is."""
    number = number.strip()
    if number.startswith("MG") or number.lower().startswith("whatsapp:"):
        return number
    return f"whatsapp:{number}"


class TwilioChannelSender:
    """SMS and WhatsApp out through Twilio's REST API, paced by Twilio's own turn."""

    serves: frozenset[str] = frozenset({Channel.SMS, Channel.WHATSAPP})

    def __init__(self, twilio: TwilioSender, *, whatsapp_from: str | None = None) -> None:
        self._twilio = twilio
        self._whatsapp_from = whatsapp_address(whatsapp_from) if whatsapp_from else None

    def wait_turn(self) -> None:
        self._twilio.wait_turn()

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        if channel == Channel.WHATSAPP:
            # Both ends carry Twilio's "whatsapp:" prefix; a plain From sends an SMS.
            return self._twilio.send(
                whatsapp_address(address), reply.text, sender=self._whatsapp_from
            )
        return self._twilio.send(address, reply.text)

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
        from bot.channels.sms.routes import mount_for

        mount_for(app, services.settings)

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
            TwilioSender(client, sender=settings.twilio_from_number, bucket=bucket),
            whatsapp_from=settings.twilio_whatsapp_from or settings.twilio_from_number,
        )

    def links(self, settings: Any, slug: str) -> dict[str, str]:
        # Residents text the consultation's keyword; there is no link to follow.
        return {}


CHANNEL = SmsChannel()
