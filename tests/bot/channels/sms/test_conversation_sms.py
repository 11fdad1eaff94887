"""The resident-facing conversation fixes, through the signed Twilio webhook."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.db import session_scope
from storage.models import Answer, ConsultationStatus, Conversation, Participant
from storage.repositories.consultations import create_consultation
from tests.bot.channels.sms.twilio_requests import messages, new_sid, post_signed, sms_fields

PATH = "/sms/twilio"


def _answers(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as session:
        rows = session.exec(select(Answer).order_by(col(Answer.id)))
        return [(a.kind, a.text) for a in rows]


async def _say(client: httpx.AsyncClient, text: str, *, sid: str | None = None) -> list[str]:
    response = await post_signed(client, PATH, sms_fields(text, sid=sid))
    assert response.status_code == 200, response.text
    return messages(response.text)


async def test_welsh_yes_forms_by_sms_never_become_answers(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    greeting = await _say(twilio_client, "Helo")
    assert any("IE neu NA" in text for text in greeting)
    reask = await _say(twilio_client, "Beth?")
    assert any("wnes i ddim deall" in text for text in reask)
    question = await _say(twilio_client, "Ydyn")
    assert any("Beth sy'n wirioneddol bwysig" in text for text in question)
    # A second "Ie" (a double tap on the consent) asks the question again.
    again = await _say(twilio_client, "Ie")
    assert any("Beth sy'n wirioneddol bwysig" in text for text in again)
    await _say(twilio_client, "Mae angen mwy o fysiau gyda'r nos")
    assert _answers(engine) == [("open", "Mae angen mwy o fysiau gyda'r nos")]
    # No extra "YES Ie" / "SKIP Hepgor" lines on Welsh SMS.
    every = greeting + reask + question + again
    assert not any("YES" in text or "SKIP" in text for text in every)


async def test_feedback_offer_by_sms_reads_hoffwn_and_keeps_a_long_comment(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    for text in ("MATTERS", "Ydw", "Parciau glan", "Dw i'n mynd a'r plant yno", "hepgor"):
        await _say(twilio_client, text)
    offer = await _say(twilio_client, "hepgor")
    assert any("Hoffech chi glywed" in text for text in offer)
    long_comment = "Mae'r llwybrau'n fwdlyd iawn. " * 53  # ~1,600 characters
    sid = new_sid()
    kept = await _say(twilio_client, long_comment, sid=sid)
    assert await _say(twilio_client, long_comment, sid=sid) == kept  # Twilio's retry
    done = await _say(twilio_client, "Hoffwn")
    assert any("rhoi gwybod" in text for text in done)
    assert [kind for kind, _ in _answers(engine)] == ["open", "probe", "extra"]
    with Session(engine) as session:
        [person] = session.exec(select(Participant)).all()
    assert person.wants_feedback is True and person.language == "cy"


async def test_english_slang_consent_by_sms(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    await _say(twilio_client, "MATTERS")
    assert any("didn't catch" in t for t in await _say(twilio_client, "🤷"))
    question = await _say(twilio_client, "aye go on then")
    assert any("What really matters to you" in text for text in question)
    await _say(twilio_client, "The park")
    assert _answers(engine) == [("open", "The park")]


def _add_parks(engine: Engine, status: ConsultationStatus) -> None:
    with session_scope(engine) as session:
        create_consultation(
            session=session,
            slug="parks",
            keyword="PARKS",
            title_en="Parks",
            title_cy="Parciau",
            status=status,
            questions=[{"kind": "open", "prompt_en": "Parks?", "prompt_cy": "Parciau?"}],
        )


def _conversation(engine: Engine) -> Conversation:
    with Session(engine) as session:
        [conversation] = session.exec(select(Conversation)).all()
        return conversation


async def test_an_answer_that_is_another_keyword_is_stored_and_wards_come_from_the_list(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    _add_parks(engine, ConsultationStatus.CLOSED)
    await _say(twilio_client, "MATTERS")
    await _say(twilio_client, "yes")
    follow_up = await _say(twilio_client, "Parks")
    assert any(text.startswith("You mentioned parks") for text in follow_up)
    assert not any("has closed" in text for text in follow_up)
    await _say(twilio_client, "My children play there")
    again = await _say(twilio_client, "1")  # an age-list number is not a ward
    assert any("didn't catch" in text for text in again)
    await _say(twilio_client, "ll11 2ab")
    await _say(twilio_client, "2")
    assert _answers(engine) == [("open", "Parks"), ("probe", "My children play there")]
    conversation = _conversation(engine)
    assert (conversation.ward, conversation.age_band) == ("LL11", "25-44")


async def test_a_welsh_mutated_ward_by_sms(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    for text in ("Helo", "Ydw", "Parciau glan", "Mae'r plant yn chwarae yno"):
        await _say(twilio_client, text)
    await _say(twilio_client, "yng Ngresffordd")
    assert _conversation(engine).ward == "Gresford"


async def test_a_first_answer_with_two_open_is_kept_for_the_one_named_by_sms(
    twilio_client: httpx.AsyncClient, engine: Engine, consultation: str
) -> None:
    _add_parks(engine, ConsultationStatus.OPEN)
    asked = await _say(twilio_client, "hi there, the park is dirty")
    assert any("kept that" in text for text in asked)
    greeting = await _say(twilio_client, "PARKS")
    assert any('"Parks"' in text for text in greeting)
    await _say(twilio_client, "yes")
    assert _answers(engine) == [("open", "hi there, the park is dirty")]
