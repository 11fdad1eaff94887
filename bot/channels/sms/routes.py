"""Twilio Messaging webhooks: SMS and WhatsApp in, TwiML out; delivery statuses.

Flow: size limit -> strict form parse -> signature -> InboundMessage ->
``handle_inbound`` (which stores a receipt per MessageSid, so a retried
delivery gets the same replies and stores nothing new) -> TwiML.

Status codes are chosen for Twilio's retry behaviour: a request that can
never succeed (unsigned, forged, malformed, too big, for a number we do not
serve) gets a 4xx, which Twilio never retries; an internal failure gets a 5xx,
which Twilio retries only when the webhook URL carries connection overrides
(``#rc=3&rp=all``), and the MessageSid receipt makes that retry safe.

Which numbers are served: by default every number of the Twilio account
(the signature proves the request came from that account). Setting
TWILIO_NUMBERS limits it; a message to any other number is refused with 403
and logged, so a mis-pointed webhook shows up in Twilio's debugger instead of
silently joining the wrong service.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from twilio.request_validator import RequestValidator

from app.services import Services
from app.settings import Settings
from bot.channels.sms import twiml
from bot.channels.sms.asgi_route import Answer, WebhookCall, WebhookRoute
from bot.channels.sms.forms import BadRequestError, FormParams, parse_urlencoded, read_limited
from bot.channels.sms.numbers import InvalidNumberError, split_channel_prefix, to_e164
from bot.channels.sms.signature import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    public_url,
    signature_problem,
)
from bot.conversation.catalog import default_catalog
from bot.conversation.messages import InboundMessage, Reply
from bot.spool import STORE_DOWN, WebhookSpool
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.input_policy import parse_int
from storage.models import Channel, utcnow
from storage.models.outbound import OutboundStatus
from storage.repositories.outbound import apply_status_callback, participant_language

if TYPE_CHECKING:
    from fastapi import FastAPI

log = logging.getLogger(__name__)

T = TypeVar("T")
XML = "application/xml"
MAX_SID = 64
INBOUND_PATH = "/sms/twilio"
STATUS_PATH = "/sms/twilio/status"


class SmsWebhook:
    """Everything the routes need, as plain values from the composition root."""

    def __init__(
        self,
        *,
        auth_token: str | None,
        public_base_url: str,
        max_body_bytes: int,
        protector: AddressProtector,
        numbers: frozenset[str] = frozenset(),
        max_concurrent_turns: int = 8,
    ) -> None:
        self.validator = RequestValidator(auth_token) if auth_token else None
        self.public_base_url = public_base_url
        self.max_body_bytes = max_body_bytes
        self.protector = protector
        self.numbers = numbers
        # Two deliveries of one MessageSid at once (Twilio retry racing the
        # original) queue behind each other in this worker; across workers the
        # receipt's unique constraint decides.
        self._in_flight: dict[str, tuple[asyncio.Lock, int]] = {}
        # Bounded concurrency into the engine: excess requests queue for one of
        # these threads instead of dozens of threads contending for the GIL and
        # for pooled database connections (a turn may briefly need two
        # connections, so more threads than half the pool can starve it).
        # A plain executor rather than anyio's thread pool: the same hop at
        # less than half the CPU (bench/RESULTS.md, h-webhook).
        self._threads = max_concurrent_turns
        self._turns = self._executor()

    def _executor(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(self._threads, thread_name_prefix="sms-turn")

    async def in_thread(self, function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run `function` on a turn thread, with this request's context (its request id)."""
        call = functools.partial(function, *args, **kwargs)
        done = asyncio.get_running_loop().run_in_executor(
            self._turns, contextvars.copy_context().run, call
        )
        try:
            return await asyncio.shield(done)
        except asyncio.CancelledError:
            # As anyio's hop did: a cancelled request still waits for its turn,
            # so the MessageSid lock is held until the receipt is written.
            await asyncio.wait([done])
            raise

    def close(self) -> None:
        """Finish the turns in flight and end the turn threads (at the service's shutdown).

        A fresh executor (no threads until a turn needs one) takes over, so an app whose
        lifespan runs again serves again."""
        closing, self._turns = self._turns, self._executor()
        closing.shutdown(wait=True)

    @classmethod
    def from_settings(cls, settings: Settings) -> SmsWebhook:
        token = settings.twilio_auth_token
        numbers = frozenset(
            to_e164(n) for n in (settings.twilio_numbers or "").split(",") if n.strip()
        )
        return cls(
            auth_token=token.get_secret_value() if token else None,
            public_base_url=settings.public_base_url,
            max_body_bytes=settings.max_body_bytes,
            protector=settings.address_protector,
            numbers=numbers,
        )

    async def read_form(self, call: WebhookCall) -> FormParams:
        """Size limit and strict parse; the signature is checked separately."""
        if self.validator is None:
            raise BadRequestError(503, "SMS channel not configured: set TWILIO_AUTH_TOKEN")
        body = await read_limited(
            call.receive,
            content_length=call.header(b"content-length"),
            max_bytes=self.max_body_bytes,
        )
        return parse_urlencoded(call.header(b"content-type") or "", body)

    def check_signature(self, call: WebhookCall, params: FormParams) -> None:
        assert self.validator is not None
        problem = signature_problem(
            self.validator,
            url=public_url(self.public_base_url, call.scope),
            params=params,
            signature=call.header(SIGNATURE_HEADER),
            signature_settings=call.header(SIGNATURE_SETTINGS_HEADER),
        )
        if problem is not None:
            raise BadRequestError(403, problem)

    @asynccontextmanager
    async def exclusive(self, key: str) -> AsyncIterator[None]:
        lock, users = self._in_flight.get(key, (asyncio.Lock(), 0))
        self._in_flight[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._in_flight[key]
            if users == 1:
                del self._in_flight[key]
            else:
                self._in_flight[key] = (lock, users - 1)


def _refuse(call: WebhookCall, error: BadRequestError, sid: str = "") -> Answer:
    # The reason and the MessageSid identify the request; the phone number
    # never goes to the log.
    log.warning(
        "refused Twilio webhook %s from %s: %s %s%s",
        call.scope["path"],
        call.client_host,
        error.status,
        error.reason,
        f" (MessageSid {sid})" if sid else "",
    )
    return Answer(error.status, (error.reason + "\n").encode(), "text/plain")


def _address(raw: str) -> tuple[Channel, str]:
    is_whatsapp, rest = split_channel_prefix(raw)
    try:
        number = to_e164(rest)
    except InvalidNumberError as error:
        raise BadRequestError(400, f"From is not a phone number ({error})") from None
    return (Channel.WHATSAPP if is_whatsapp else Channel.SMS), number


def _message_sid(params: FormParams) -> str:
    sid = params.first("MessageSid") or params.first("SmsSid")
    if not sid or len(sid) > MAX_SID or not (sid.isascii() and sid.isalnum()):
        raise BadRequestError(400, "MessageSid is missing or malformed")
    return sid


def _loggable_sid(params: FormParams) -> str:
    # Logged with refusals so an operator can find the message in Twilio's
    # console; only when it looks like a SID (never echo arbitrary input).
    sid = params.first("MessageSid")
    return sid if 0 < len(sid) <= MAX_SID and sid.isascii() and sid.isalnum() else ""


def _xml(replies: list[Reply]) -> Answer:
    return Answer(200, twiml.render(replies).encode(), XML)


def inbound_handler(webhook: SmsWebhook) -> Callable[[WebhookCall], Awaitable[Answer]]:
    """POST /sms/twilio: the Twilio Messaging webhook for SMS and WhatsApp."""

    async def inbound(call: WebhookCall) -> Answer:
        services = _services(call)
        sid = ""
        try:
            params = await webhook.read_form(call)
            sid = _loggable_sid(params)
            webhook.check_signature(call, params)
            sid = _message_sid(params)
            channel, address = _address(params.first("From"))
            if webhook.numbers:
                _, to = split_channel_prefix(params.first("To"))
                try:
                    to_number = to_e164(to)
                except InvalidNumberError:
                    to_number = ""
                if to_number not in webhook.numbers:
                    raise BadRequestError(403, "To is not one of TWILIO_NUMBERS")
        except BadRequestError as error:
            return _refuse(call, error, sid)

        opt_out_type = params.first("OptOutType").strip().upper()
        body = params.first("Body")
        async with webhook.exclusive(sid):
            if opt_out_type in ("STOP", "START"):
                # Twilio's Advanced Opt-Out already answered the resident and
                # blocks (or unblocks) the number; we only record it.
                action = services.conversation.opt_out
                if opt_out_type == "START":
                    action = services.conversation.opt_in
                await webhook.in_thread(
                    action, channel=channel, address=address, source=f"twilio:{opt_out_type}"
                )
                return _xml([])
            if not body.strip() and _num_media(params) > 0:
                replies = await webhook.in_thread(
                    _send_text_please, services, webhook.protector, channel, address
                )
                return _xml(replies)
            message = InboundMessage(
                channel=channel,
                address=address,
                text=body,
                provider_message_id=sid,
                received_at=utcnow(),
            )
            spool = spool_of(call)
            if spool is not None and spool.pending():
                # Earlier messages wait in the spool: this one queues behind them.
                await webhook.in_thread(spool.append, SPOOL_KIND, message_payload(message))
                return _xml([])
            try:
                replies = await webhook.in_thread(services.conversation.handle_inbound, message)
            except STORE_DOWN:
                if spool is None:
                    raise  # answered 503: the provider keeps the message and retries
                # Acknowledged once it is on local disk; replayed when the store is back.
                await webhook.in_thread(spool.append, SPOOL_KIND, message_payload(message))
                return _xml([])
            return _xml(replies)

    return inbound


def status_handler(webhook: SmsWebhook) -> Callable[[WebhookCall], Awaitable[Answer]]:
    """POST /sms/twilio/status: Twilio's delivery status callback for messages we sent."""

    async def status(call: WebhookCall) -> Answer:
        services = _services(call)
        sid = ""
        try:
            params = await webhook.read_form(call)
            sid = _loggable_sid(params)
            webhook.check_signature(call, params)
            sid = _message_sid(params)
            raw_status = (params.first("MessageStatus") or params.first("SmsStatus")).lower()
            try:
                new_status = OutboundStatus(raw_status)
            except ValueError:
                raise BadRequestError(400, f"unknown MessageStatus {raw_status!r}") from None
            raw_code = params.first("ErrorCode").strip()
            error_code = parse_int(raw_code, high=2**31 - 1) if raw_code else None
            if raw_code and error_code is None:
                raise BadRequestError(400, "ErrorCode is not a number")
            channel, address = _address(params.first("To"))
        except BadRequestError as error:
            return _refuse(call, error, sid)
        address_hash = webhook.protector.hash(channel, address)

        def record() -> None:
            with session_scope(services.db) as session:
                apply_status_callback(
                    session=session,
                    provider_sid=sid,
                    status=new_status,
                    error_code=error_code,
                    channel=channel,
                    address_hash=address_hash,
                )

        await webhook.in_thread(record)
        return Answer(204)

    return status


def mount(app: FastAPI, webhook: SmsWebhook) -> None:
    """Serve the two Twilio paths on `app`, matched before every other route.

    They are the only routes with these exact paths, so matching them first
    changes no other request's route; it saves the busiest path a walk
    through the rest of the router.
    """
    app.state.sms_webhook = webhook

    @asynccontextmanager
    async def closing(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await asyncio.to_thread(webhook.close)  # its turn threads end with the app

    # A router's lifespan joins the app's (as Telegram's does): the channel owns its shutdown.
    app.include_router(APIRouter(lifespan=closing))
    app.router.routes[0:0] = [
        WebhookRoute(INBOUND_PATH, inbound_handler(webhook), name="sms_inbound"),
        WebhookRoute(STATUS_PATH, status_handler(webhook), name="sms_status"),
    ]


SPOOL_KIND = "twilio"


def spool_of(call: WebhookCall) -> WebhookSpool | None:
    spool = getattr(call.state, "spool", None)
    return spool if isinstance(spool, WebhookSpool) else None


def message_payload(message: InboundMessage) -> dict[str, str]:
    """An inbound SMS/WhatsApp message as the spool keeps it (sealed on disk)."""
    return {
        "channel": message.channel.value,
        "address": message.address,
        "text": message.text,
        "sid": message.provider_message_id or "",
        "received_at": message.received_at.isoformat(),
    }


def replayer(services: Services) -> Callable[[str, dict[str, Any]], Awaitable[None]]:
    """Feed a spooled message to the engine as if it arrived now (idempotent on its SID).

    The replies are not sent: the resident's webhook call was answered long ago,
    and the conversation carries on from the stored answer with their next message.
    """

    async def replay(_kind: str, payload: dict[str, Any]) -> None:
        message = InboundMessage(
            channel=Channel(payload["channel"]),
            address=str(payload["address"]),
            text=str(payload["text"]),
            provider_message_id=str(payload["sid"]),
            received_at=datetime.fromisoformat(str(payload["received_at"])),
        )
        await run_in_threadpool(services.conversation.handle_inbound, message)

    return replay


def _services(call: WebhookCall) -> Services:
    services: Services = call.state.services
    return services


def _num_media(params: FormParams) -> int:
    return parse_int(params.first("NumMedia", "0").strip(), high=1000) or 0


def _send_text_please(
    services: Services, protector: AddressProtector, channel: Channel, address: str
) -> list[Reply]:
    # Speak the resident's language when we know it; otherwise both.
    with session_scope(services.db) as session:
        language = participant_language(
            session=session, channel=channel, address_hash=protector.hash(channel, address)
        )
    catalog = default_catalog()
    if language in ("en", "cy"):
        return [
            Reply(
                text=catalog.text(language, "sms-send-text"), key="sms-send-text", language=language
            )
        ]
    text = catalog.text("en", "sms-send-text") + "\n\n" + catalog.text("cy", "sms-send-text")
    return [Reply(text=text, key="sms-send-text", language="en")]


def mount_for(app: FastAPI, settings: Settings) -> None:
    """The SMS/WhatsApp routes configured from settings (called by the composition root)."""
    mount(app, SmsWebhook.from_settings(settings))
