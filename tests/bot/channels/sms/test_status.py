"""POST /sms/twilio/status: delivery receipts recorded against what we sent."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.settings import Settings
from storage.models import Channel
from storage.models.outbound import OutboundMessage, OutboundStatus
from storage.repositories.outbound import record_outbound
from tests.bot.channels.sms.twilio_requests import (
    RESIDENT,
    new_sid,
    post_signed,
    status_fields,
)

PATH = "/sms/twilio/status"


def _sent_message(engine: Engine, settings: Settings) -> str:
    sid = new_sid()
    protector = settings.address_protector
    with Session(engine) as session:
        record_outbound(
            session=session,
            channel=Channel.SMS,
            address_hash=protector.hash(Channel.SMS, RESIDENT),
            address_encrypted=protector.encrypt(RESIDENT),
            body="Hello",
            provider_sid=sid,
            status=OutboundStatus.QUEUED,
        )
        session.commit()
    return sid


def _message(engine: Engine, sid: str) -> OutboundMessage:
    with Session(engine) as session:
        return session.exec(
            select(OutboundMessage).where(OutboundMessage.provider_sid == sid)
        ).one()


async def test_statuses_are_recorded_and_never_move_backwards(
    twilio_client: httpx.AsyncClient, engine: Engine, twilio_settings: Settings
) -> None:
    sid = _sent_message(engine, twilio_settings)
    for status in ("sent", "delivered", "sent"):  # the late "sent" arrives out of order
        response = await post_signed(twilio_client, PATH, status_fields(sid, status))
        assert response.status_code == 204
    assert _message(engine, sid).status == "delivered"


async def test_failures_keep_their_error_code(
    twilio_client: httpx.AsyncClient, engine: Engine, twilio_settings: Settings
) -> None:
    sid = _sent_message(engine, twilio_settings)
    fields = status_fields(sid, "undelivered", error_code="30006")
    assert (await post_signed(twilio_client, PATH, fields)).status_code == 204
    message = _message(engine, sid)
    assert (message.status, message.error_code) == ("undelivered", 30006)


async def test_a_status_for_a_message_we_did_not_send_is_still_recorded(
    twilio_client: httpx.AsyncClient, engine: Engine, twilio_settings: Settings
) -> None:
    sid = new_sid()
    fields = status_fields(sid, "failed", to=f"whatsapp:{RESIDENT}", error_code="63016")
    assert (await post_signed(twilio_client, PATH, fields)).status_code == 204
    message = _message(engine, sid)
    assert (message.status, message.error_code, message.channel) == ("failed", 63016, "whatsapp")
    assert message.address_hash == twilio_settings.address_protector.hash(
        Channel.WHATSAPP, RESIDENT
    )


async def test_status_callbacks_are_signature_checked_and_validated(
    twilio_client: httpx.AsyncClient, engine: Engine, twilio_settings: Settings
) -> None:
    sid = _sent_message(engine, twilio_settings)
    forged = await post_signed(twilio_client, PATH, status_fields(sid, "failed"), token="x" * 32)
    assert forged.status_code == 403
    odd = await post_signed(twilio_client, PATH, status_fields(sid, "exploded"))
    assert odd.status_code == 400 and "unknown MessageStatus" in odd.text
    bad_code = await post_signed(twilio_client, PATH, status_fields(sid, "failed", error_code="x1"))
    assert bad_code.status_code == 400
    assert _message(engine, sid).status == "queued"
