"""The resident-facing conversation fixes, through the signed Twilio webhook."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.models import Answer, Participant
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
