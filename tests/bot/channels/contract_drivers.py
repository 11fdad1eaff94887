"""How the shared channel cases talk to each channel, as its provider would (courier style).

One `Driver` per channel name: a valid inbound request for (text, resident, message id),
a malformed one, and a sender whose provider is recorded instead of reached.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from aiogram.client.bot import Bot
from pydantic import SecretStr
from twilio.rest import Client

from app.settings import Settings
from bot.channels.sms.channel import TwilioChannelSender
from bot.channels.telegram.bot_factory import build_bot
from bot.channels.telegram.channel import TelegramSender
from bot.channels.webchat.visitor import VISITOR_COOKIE
from bot.simulator.routes import COOKIE
from tests.bot.channels.echo import CHANNEL as ECHO
from tests.bot.channels.sms.twilio_requests import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    SERVICE_NUMBER,
    signed_request,
    sms_fields,
)
from tests.bot.channels.telegram.conftest import SECRET, SECRET_HEADER, TOKEN
from tests.bot.channels.telegram.recording import RecordingSession
from tests.bot.channels.telegram.updates import text_update
from tests.bot.outbound.fake_twilio_api import RecordingTwilioApi
from usecases.delivery.deliverers import Sender, WebInboxSender
from usecases.delivery.sender import TokenBucket, TwilioSender

Request = tuple[str, bytes, dict[str, str]]


def contract_settings(db_url: str) -> Settings:
    """Every provider configured, so every registered channel receives and sends."""
    return Settings(
        environment="test",
        database_url=db_url,
        seed_demo=False,
        twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=SecretStr(AUTH_TOKEN),
        twilio_from_number=SERVICE_NUMBER,
        telegram_bot_token=SecretStr(TOKEN),
        telegram_webhook_secret=SecretStr(SECRET),
        telegram_bot_username="WhatMattersBot",
        public_base_url=PUBLIC_BASE_URL,
    )


@dataclass
class Recorded:
    """A sender and what reached its (recorded) provider."""

    sender: Sender
    sent_texts: Callable[[], list[str]]


@dataclass
class Driver:
    #: A resident's address on this channel for a small number n.
    address: Callable[[int], str]
    #: A valid inbound request: (text, address, message id) -> (path, body, headers).
    inbound: Callable[[str, str, str], Request]
    #: A request the channel must refuse with a 4xx.
    malformed: Request
    #: A sender with its provider recorded.
    recorded_sender: Callable[[], Recorded]


def _sms_inbound(text: str, address: str, message_id: str) -> Request:
    sid = "SM" + message_id.rjust(32, "0")[-32:]
    return signed_request("/sms/twilio", sms_fields(text, from_=address, sid=sid))


def _sms_sender() -> Recorded:
    api = RecordingTwilioApi()
    bucket = TokenBucket(1000.0)
    client = Client(ACCOUNT_SID, AUTH_TOKEN, http_client=api)
    sender = TwilioChannelSender(TwilioSender(client, sender=SERVICE_NUMBER, bucket=bucket))
    return Recorded(sender, lambda: [r.data.get("Body", "") for r in api.message_requests()])


def _telegram_inbound(text: str, address: str, message_id: str) -> Request:
    body = json.dumps(text_update(int(message_id), int(address), text)).encode()
    return "/telegram/webhook", body, {"Content-Type": "application/json", SECRET_HEADER: SECRET}


def _telegram_sender() -> Recorded:
    recorder = RecordingSession()
    bot: Bot = build_bot(TOKEN, session=recorder)
    return Recorded(TelegramSender(bot), lambda: [c.text for c in recorder.sent()])


def _web_inbound(text: str, address: str, message_id: str) -> Request:
    body = json.dumps({"text": text, "message_id": f"m{message_id:0>8}"}).encode()
    return (
        "/simulator/api/messages",
        body,
        {"Content-Type": "application/json", "Cookie": f"{COOKIE}={address}"},
    )


def _web_sender() -> Recorded:
    # Web chat phones read what was sent from their inbox: nothing leaves the store.
    return Recorded(WebInboxSender(), lambda: [])


def _webchat_inbound(text: str, address: str, message_id: str) -> Request:
    body = urlencode({"text": text, "message_id": f"{int(message_id):032x}"}).encode()
    return (
        "/chat/MATTERS",
        body,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{VISITOR_COOKIE}={address}",
        },
    )


def _echo_inbound(text: str, address: str, message_id: str) -> Request:
    body = json.dumps({"from": address, "text": text, "id": message_id}).encode()
    return "/echo/inbound", body, {"Content-Type": "application/json"}


def _echo_sender() -> Recorded:
    sender = ECHO.sender(None, bucket=TokenBucket(1000.0))
    before = len(sender.sent)
    return Recorded(sender, lambda: [text for _, text in sender.sent[before:]])


DRIVERS: dict[str, Driver] = {
    "sms": Driver(
        address=lambda n: f"+4479111234{n:02d}",
        inbound=_sms_inbound,
        malformed=("/sms/twilio", b"Body=%ZZ&&&=", {"Content-Type": "text/plain"}),
        recorded_sender=_sms_sender,
    ),
    "telegram": Driver(
        address=lambda n: str(7_000_000 + n),
        inbound=_telegram_inbound,
        malformed=(
            "/telegram/webhook",
            b"{not json",
            {"Content-Type": "application/json", SECRET_HEADER: SECRET},
        ),
        recorded_sender=_telegram_sender,
    ),
    "web": Driver(
        address=lambda n: secrets.token_hex(16),
        inbound=_web_inbound,
        malformed=("/simulator/api/messages", b"{not json", {"Content-Type": "application/json"}),
        recorded_sender=_web_sender,
    ),
    "webchat": Driver(
        address=lambda n: secrets.token_urlsafe(16),
        inbound=_webchat_inbound,
        malformed=(
            "/chat/MATTERS",
            b"text=%ff%fe&message_id=0000000000000001",
            {"Content-Type": "application/x-www-form-urlencoded"},
        ),
        # Web chat residents read what was sent on their page: nothing leaves the store.
        recorded_sender=lambda: Recorded(WebInboxSender(frozenset({"webchat"})), lambda: []),
    ),
    "echo": Driver(
        address=lambda n: f"echo-resident-{n}",
        inbound=_echo_inbound,
        malformed=("/echo/inbound", b"[1, 2]", {"Content-Type": "application/json"}),
        recorded_sender=_echo_sender,
    ),
}
