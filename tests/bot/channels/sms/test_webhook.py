"""POST /sms/twilio as Twilio calls it: signed, form-encoded, retried, sometimes hostile."""

from __future__ import annotations

import asyncio
import logging
import threading
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.settings import Settings
from storage.models import Answer, Channel, InboundReceipt, Participant
from tests.bot.channels.sms.twilio_requests import (
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    RESIDENT,
    SERVICE_NUMBER,
    messages,
    new_sid,
    post_signed,
    sign,
    signed_request,
    sms_fields,
    whatsapp_fields,
)

PATH = "/sms/twilio"


def _answers(engine: Engine) -> list[Answer]:
    with Session(engine) as session:
        return list(session.exec(select(Answer).order_by(col(Answer.id))))


def _participants(engine: Engine) -> list[Participant]:
    with Session(engine) as session:
        return list(session.exec(select(Participant).order_by(col(Participant.id))))


async def _say(client: httpx.AsyncClient, text: str, from_: str = RESIDENT) -> list[str]:
    response = await post_signed(client, PATH, sms_fields(text, from_=from_))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    return messages(response.text)


async def test_a_resident_answers_by_sms_and_the_answer_is_stored(
    twilio_client: httpx.AsyncClient, engine: Engine, twilio_settings: Settings, consultation: str
) -> None:
    greeting = await _say(twilio_client, "MATTERS")
    assert any("What matters to you where you live?" in text for text in greeting)
    await _say(twilio_client, "yes")
    await _say(twilio_client, "The buses into town stop at six")

    stored = _answers(engine)
    assert [a.text for a in stored] == ["The buses into town stop at six"]
    assert stored[0].channel == Channel.SMS
    (participant,) = _participants(engine)
    protector = twilio_settings.address_protector
    assert participant.address_hash == protector.hash(Channel.SMS, RESIDENT)
    assert protector.decrypt(participant.address_encrypted) == RESIDENT


async def test_every_reply_is_gsm7_and_fits_in_a_few_segments(
    twilio_client: httpx.AsyncClient, consultation: str
) -> None:
    from bot.channels.sms.segments import segment_count

    for text in ("MATTERS", "yes"):
        for body in await _say(twilio_client, text):
            assert "\u2019" not in body and "\u201c" not in body
            assert segment_count(body) <= 3


async def test_whatsapp_arrives_on_the_same_route_as_its_own_channel(
    twilio_client: httpx.AsyncClient, engine: Engine, twilio_settings: Settings, consultation: str
) -> None:
    response = await post_signed(twilio_client, PATH, whatsapp_fields("MATTERS"))
    assert response.status_code == 200
    assert any("What matters to you" in text for text in messages(response.text))
    (participant,) = _participants(engine)
    assert participant.channel == Channel.WHATSAPP
    # The prefix is stripped: the hash is of the bare E.164 number.
    assert participant.address_hash == twilio_settings.address_protector.hash(
        Channel.WHATSAPP, RESIDENT
    )


async def test_a_retried_delivery_gets_the_same_reply_and_stores_nothing_new(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    await _say(twilio_client, "MATTERS")
    await _say(twilio_client, "yes")
    fields = sms_fields("Street lights on our road")
    first = await post_signed(twilio_client, PATH, fields)
    again = await post_signed(twilio_client, PATH, fields)
    assert first.status_code == again.status_code == 200
    assert first.text == again.text
    assert [a.text for a in _answers(engine)] == ["Street lights on our road"]


async def test_two_deliveries_at_once_store_one_answer(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    await _say(twilio_client, "MATTERS")
    await _say(twilio_client, "yes")
    fields = sms_fields("Potholes on the high street")
    first, second = await asyncio.gather(
        post_signed(twilio_client, PATH, fields), post_signed(twilio_client, PATH, fields)
    )
    assert first.status_code == second.status_code == 200
    assert first.text == second.text
    assert [a.text for a in _answers(engine)] == ["Potholes on the high street"]
    with Session(engine) as session:
        sid = dict(fields)["MessageSid"]
        receipts = session.exec(
            select(InboundReceipt).where(InboundReceipt.provider_message_id == sid)
        ).all()
    assert len(receipts) == 1


@pytest.mark.parametrize("odd", [" 447911123456", "447911123456", "+44 7911 123456"])
async def test_from_in_odd_formats_is_the_same_resident(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str, odd: str
) -> None:
    await _say(twilio_client, "MATTERS", from_=RESIDENT)
    await _say(twilio_client, "yes", from_=odd)
    assert len(_participants(engine)) == 1


async def test_a_from_that_is_not_a_number_is_refused_clearly(
    twilio_client: httpx.AsyncClient, engine: Engine
) -> None:
    response = await post_signed(twilio_client, PATH, sms_fields("hi", from_="Vodafone!"))
    assert response.status_code == 400
    assert "From is not a phone number" in response.text
    assert _participants(engine) == []


async def test_media_only_message_gets_a_kind_please_send_text(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    response = await post_signed(twilio_client, PATH, sms_fields("", num_media=1))
    assert response.status_code == 200
    (reply,) = messages(response.text)
    assert "send it as a text" in reply  # English ...
    assert "neges destun" in reply  # ... and Welsh, as we do not know the language yet
    assert _answers(engine) == []


async def test_twilio_opt_out_and_back_in_mark_the_participant(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    await _say(twilio_client, "MATTERS")
    stop = await post_signed(twilio_client, PATH, sms_fields("STOP", opt_out_type="STOP"))
    assert stop.status_code == 200
    # Twilio's Advanced Opt-Out already confirmed to the resident: we add nothing.
    assert messages(stop.text) == []
    (participant,) = _participants(engine)
    assert participant.opted_out
    start = await post_signed(twilio_client, PATH, sms_fields("START", opt_out_type="START"))
    assert start.status_code == 200 and messages(start.text) == []
    (participant,) = _participants(engine)
    assert not participant.opted_out


# --- refusals -------------------------------------------------------------------------


async def test_unsigned_request_is_refused_and_the_log_says_why_without_the_number(
    twilio_client: httpx.AsyncClient, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    fields = sms_fields("hello")
    with caplog.at_level(logging.WARNING):
        response = await twilio_client.post(
            PATH,
            content=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    assert response.status_code == 403
    assert "missing X-Twilio-Signature" in caplog.text
    assert dict(fields)["MessageSid"] in caplog.text
    assert "7911" not in caplog.text
    assert _participants(engine) == []


async def test_forged_signature_is_refused(twilio_client: httpx.AsyncClient) -> None:
    target, body, headers = signed_request(PATH, sms_fields("hi"), token="not-the-auth-token")
    response = await twilio_client.post(target, content=body, headers=headers)
    assert response.status_code == 403
    assert "does not match" in response.text


async def test_replayed_signature_with_a_different_body_is_refused(
    twilio_client: httpx.AsyncClient, engine: Engine
) -> None:
    fields = sms_fields("hello")
    target, _, headers = signed_request(PATH, fields)
    tampered = [(k, "I was changed" if k == "Body" else v) for k, v in fields]
    response = await twilio_client.post(target, content=urlencode(tampered), headers=headers)
    assert response.status_code == 403
    assert _participants(engine) == []


async def test_signature_is_checked_against_the_public_url_not_the_internal_one(
    twilio_client: httpx.AsyncClient,
) -> None:
    fields = sms_fields("hello")
    # Signed for the URL the app sees behind the proxy: not what Twilio signs.
    target, body, headers = signed_request(PATH, fields, base_url="http://10.0.0.5:8000")
    assert (await twilio_client.post(target, content=body, headers=headers)).status_code == 403
    # Signed for the public URL with a query string: accepted.
    target, body, headers = signed_request(PATH, fields, query="source=poster&x=a%20b")
    assert (await twilio_client.post(target, content=body, headers=headers)).status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type", "status", "reason"),
    [
        (b"Body=%FF%FE&From=%2B447911123456", "application/x-www-form-urlencoded", 400, "UTF-8"),
        (b"Body=\xff", "application/x-www-form-urlencoded", 400, "non-ASCII"),
        (b"&&=&", "application/x-www-form-urlencoded", 400, "malformed"),
        (b'{"Body": "hi"}', "application/json", 415, "x-www-form-urlencoded"),
        (b"Body=hi", "application/x-www-form-urlencoded; charset=latin-1", 415, "charset"),
    ],
)
async def test_malformed_requests_get_a_clear_4xx(
    twilio_client: httpx.AsyncClient, body: bytes, content_type: str, status: int, reason: str
) -> None:
    response = await twilio_client.post(
        PATH, content=body, headers={"Content-Type": content_type, "X-Twilio-Signature": "x"}
    )
    assert response.status_code == status
    assert reason in response.text


async def test_a_huge_body_is_refused_with_413(
    twilio_client: httpx.AsyncClient, twilio_settings: Settings
) -> None:
    fields = sms_fields("x" * (twilio_settings.max_body_bytes + 10))
    response = await post_signed(twilio_client, PATH, fields)
    assert response.status_code == 413

    async def chunked() -> object:  # no Content-Length: the limit applies while streaming
        for _ in range(100):
            yield b"Body=" + b"y" * 4096

    target, _, headers = signed_request(PATH, sms_fields("hi"))
    response = await twilio_client.post(target, content=chunked(), headers=headers)  # type: ignore[arg-type]
    assert response.status_code == 413


async def test_unknown_to_number_is_refused_when_numbers_are_configured(
    db_url: str, engine: Engine, consultation: str
) -> None:
    from pydantic import SecretStr

    from app.web import create_app
    from tests.bot.channels.sms.twilio_requests import ACCOUNT_SID, AUTH_TOKEN

    settings = Settings(
        environment="test",
        database_url=db_url,
        seed_demo=False,
        twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=SecretStr(AUTH_TOKEN),
        public_base_url=PUBLIC_BASE_URL,
        twilio_numbers=f"{SERVICE_NUMBER}, 07400 999999",
    )
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://internal"
        ) as client,
    ):
        other = await post_signed(client, PATH, sms_fields("MATTERS", to="+447400555555"))
        assert other.status_code == 403 and "TWILIO_NUMBERS" in other.text
        ours = await post_signed(client, PATH, sms_fields("MATTERS", to="+447400999999"))
        assert ours.status_code == 200 and messages(ours.text)
        turn_thread = await app.state.sms_webhook.in_thread(threading.current_thread)
    app.state.services.db.dispose()
    assert len(_participants(engine)) == 1
    # The service's shutdown ends its turn threads rather than leaving them idle.
    assert turn_thread.name.startswith("sms-turn") and not turn_thread.is_alive()


async def test_without_twilio_credentials_the_route_says_what_to_set(settings: Settings) -> None:
    from app.web import create_app

    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://internal"
        ) as client,
    ):
        fields = sms_fields("hi")
        response = await client.post(
            PATH,
            content=urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": sign(PUBLIC_BASE_URL + PATH, fields),
            },
        )
    app.state.services.db.dispose()
    assert response.status_code == 503
    assert "TWILIO_AUTH_TOKEN" in response.text


def test_new_sids_look_like_twilio_sids() -> None:
    sid = new_sid()
    assert sid.startswith("SM") and len(sid) == 34


async def test_sha256_shared_key_signatures_are_accepted_and_unknown_algorithms_refused(
    twilio_client: httpx.AsyncClient, consultation: str
) -> None:
    from twilio.request_validator import RequestValidator

    fields = sms_fields("MATTERS")
    target, body, headers = signed_request(PATH, fields)
    headers["X-Twilio-Signature"] = RequestValidator(AUTH_TOKEN).compute_signature(
        PUBLIC_BASE_URL + PATH, dict(fields), "HMAC_SHA256"
    )
    headers["X-Twilio-Webhooks-Signature-Settings"] = (
        "key=webhooks_sharedkey_x,algorithm=HMAC_SHA256"
    )
    assert (await twilio_client.post(target, content=body, headers=headers)).status_code == 200
    headers["X-Twilio-Webhooks-Signature-Settings"] = "algorithm=HMAC_MD5"
    refused = await twilio_client.post(target, content=body, headers=headers)
    assert refused.status_code == 403 and "unsupported" in refused.text


@pytest.mark.parametrize("path", [PATH, "/sms/twilio/status"])
async def test_a_wrong_method_gets_405_naming_post(
    twilio_client: httpx.AsyncClient, path: str
) -> None:
    for method in ("GET", "PUT", "DELETE"):
        response = await twilio_client.request(method, path)
        assert response.status_code == 405
        assert response.headers["allow"] == "POST"
        assert response.json() == {"detail": "Method Not Allowed"}
    # A trailing slash is redirected to the webhook, as for every other route.
    slashed = await twilio_client.post(path + "/", content=b"")
    assert slashed.status_code == 307 and slashed.headers["location"].endswith(path)


async def test_a_caller_who_hangs_up_mid_body_gets_nothing_and_nothing_is_stored(
    twilio_app: FastAPI, engine: Engine, consultation: str
) -> None:
    _, body, headers = signed_request(PATH, sms_fields("MATTERS"))
    sent: list[dict[str, object]] = []
    messages_in: list[dict[str, object]] = [
        {"type": "http.request", "body": body[:20], "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> dict[str, object]:
        return messages_in.pop(0)

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": PATH,
        "raw_path": PATH.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 5000),
        "server": ("10.0.0.5", 8000),
    }
    await twilio_app(scope, receive, send)  # type: ignore[arg-type]
    assert sent == []
    assert _participants(engine) == []


async def test_a_cancelled_request_waits_for_its_turn_and_turns_see_the_request_id(
    twilio_settings: Settings,
) -> None:
    import threading

    from app.observability import request_id_var
    from bot.channels.sms.routes import SmsWebhook

    webhook = SmsWebhook.from_settings(twilio_settings)
    started, release = threading.Event(), threading.Event()
    seen: list[str] = []

    def turn() -> None:
        seen.append(request_id_var.get())
        started.set()
        release.wait(5)
        seen.append("stored")

    async def request() -> None:
        request_id_var.set("req-42")
        await webhook.in_thread(turn)

    task = asyncio.create_task(request())
    assert await asyncio.to_thread(started.wait, 5)
    task.cancel()
    await asyncio.sleep(0.05)
    # Cancelled, but still holding its MessageSid lock until the turn is done.
    assert not task.done()
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert seen == ["req-42", "stored"]
