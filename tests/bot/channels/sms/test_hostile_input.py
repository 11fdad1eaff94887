"""Signed Twilio requests with hostile values: never a 500, and a resident's words are kept."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.models import Answer
from tests.bot.channels.sms.twilio_requests import (
    new_sid,
    post_signed,
    sms_fields,
    status_fields,
)


def _answers(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return [a.text for a in session.exec(select(Answer).order_by(col(Answer.id)))]


def _with(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    return [(k, value if k == name else v) for k, v in fields]


async def test_unicode_digits_in_num_media_are_not_a_number(
    twilio_client: httpx.AsyncClient, consultation: str
) -> None:
    for value in ("\u00b2", "\u0661\u0662", "-1", "99999999999999999999999"):
        fields = _with(sms_fields(""), "NumMedia", value)
        response = await post_signed(twilio_client, "/sms/twilio", fields)
        assert response.status_code == 200, (value, response.text)


async def test_unicode_digits_in_error_code_are_refused_with_400(
    twilio_client: httpx.AsyncClient,
) -> None:
    for value in ("\u00b2", "\u0661", "1" * 40):
        fields = status_fields(new_sid(), "failed", error_code=value)
        response = await post_signed(twilio_client, "/sms/twilio/status", fields)
        assert response.status_code == 400, (value, response.text)


async def test_a_message_sid_of_non_ascii_letters_is_refused(
    twilio_client: httpx.AsyncClient,
) -> None:
    sid = "SM" + "\u00e9" * 32
    response = await post_signed(twilio_client, "/sms/twilio", sms_fields("hi", sid=sid))
    assert response.status_code == 400


async def test_an_answer_with_nul_and_control_characters_is_stored_cleaned(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    for text in ("MATTERS", "yes"):
        assert (
            await post_signed(twilio_client, "/sms/twilio", sms_fields(text))
        ).status_code == 200
    response = await post_signed(
        twilio_client, "/sms/twilio", sms_fields("Buses\x00 at night\x07 please")
    )
    assert response.status_code == 200, response.text
    assert _answers(engine) == ["Buses at night please"]
