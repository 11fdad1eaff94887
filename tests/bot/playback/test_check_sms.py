"""'Did we hear you right?' over SMS: each resident's own themes out, yes / partly / no back.

Residents take part through the signed Twilio webhook, the check round goes
out through the real deliverer (Twilio's HTTP recorded), and every reply is
a signed POST.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy.engine import Engine

from app.settings import Settings
from app.web import create_app
from bot.channels.registry import CHANNELS
from bot.channels.sms.segments import encoding, segment_count
from bot.conversation.catalog import default_catalog
from bot.demo import seed_demo
from tests.bot.channels.sms.twilio_requests import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    RESIDENT,
    SERVICE_NUMBER,
    messages,
    new_sid,
    post_signed,
    sms_fields,
)
from tests.bot.outbound.fake_twilio_api import RecordingTwilioApi
from tests.bot.playback.channel_rounds import consultation_id
from tests.bot.playback.check_rounds import agreements, answers_of_kind, open_check_and_send, place
from usecases.delivery.deliverers import ChannelDeliverer
from usecases.playback.rounds import close_round

PATH = "/sms/twilio"
NEIGHBOUR = "+447911000002"
THIRD = "+447911000003"
CATALOG = default_catalog()
THANKS = CATALOG.text("en", "check-thanks")
KEPT = CATALOG.text("en", "check-thanks-kept")
AGAIN = CATALOG.text("en", "check-again")


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=db_url,
        seed_demo=False,
        twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=SecretStr(AUTH_TOKEN),
        twilio_from_number=SERVICE_NUMBER,
        public_base_url=PUBLIC_BASE_URL,
        sms_send_rate=1000.0,
    )


@pytest.fixture
async def client(settings: Settings, engine: Engine) -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = create_app(settings)
    assert seed_demo(engine)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://10.0.0.5:8000"
    ) as http:
        yield http
    app.state.services.db.dispose()


@pytest.fixture
def twilio() -> RecordingTwilioApi:
    return RecordingTwilioApi()


async def text(
    client: httpx.AsyncClient, body: str, *, from_: str = RESIDENT, sid: str | None = None
) -> list[str]:
    response = await post_signed(client, PATH, sms_fields(body, from_=from_, sid=sid))
    assert response.status_code == 200, response.text
    return messages(response.text)


async def take_part(
    client: httpx.AsyncClient, said: str, from_: str = RESIDENT, *, welsh: bool = False
) -> None:
    """Answer the sample consultation with `said`, and ask to hear back."""
    language = "cy" if welsh else "en"
    await text(client, "MATTERS", from_=from_)
    if welsh:
        await text(client, "CYMRAEG", from_=from_)
    await text(client, "ie" if welsh else "yes", from_=from_)
    replies = await text(client, said, from_=from_)
    asked = CATALOG.text(language, "ask-feedback")
    for _ in range(10):
        if any(asked in reply for reply in replies):
            break
        replies = await text(client, "skip", from_=from_)
    else:
        raise AssertionError("never asked whether to hear back")
    await text(client, "ie" if welsh else "yes", from_=from_)


def send_check(settings: Settings, engine: Engine, twilio: RecordingTwilioApi) -> dict[str, str]:
    deliverer, only = CHANNELS.deliverer(settings, make_http_client=lambda: twilio)
    assert isinstance(deliverer, ChannelDeliverer) and only is None
    _, report = open_check_and_send(
        engine, settings.address_protector, consultation_id(engine), deliverer
    )
    assert report.finished
    return {r.data["To"]: r.data["Body"] for r in twilio.message_requests()}


async def test_each_resident_sees_their_own_themes_and_a_reply_is_a_verdict_per_theme(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, "The buses into town stop at six")
    await take_part(client, "Potholes on every road and the parks are a mess", NEIGHBOUR)
    place(engine, consultation_id(engine), {"buses": [0], "Potholes": [3, 2]})
    sent = send_check(settings, engine, twilio)

    assert sent[RESIDENT] == (
        "Did we hear you right? We put what you told us under: Buses. Reply YES, PARTLY or NO,"
        " and tell us in your own words what you meant. Text STOP to opt out."
    )
    # Two themes are numbered, so "no 2" can answer for one of them.
    assert "under: 1 Parks, 2 Potholes." in sent[NEIGHBOUR]
    for body in sent.values():
        assert segment_count(body) <= 2 and encoding(body) == "GSM-7"

    assert await text(client, "Yes") == [THANKS]
    assert await text(client, "2 no, I meant the state of the roads", from_=NEIGHBOUR) == [KEPT]
    assert agreements(engine) == [
        ("Buses", "agree", None),
        ("Potholes", "disagree", "I meant the state of the roads"),
    ]
    # The correction is the resident's own words: an answer, themed like the rest.
    assert answers_of_kind(engine, "correction") == ["I meant the state of the roads"]


async def test_partly_or_no_without_words_invites_them_once_and_keeps_what_follows(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, "The buses into town stop at six")
    place(engine, consultation_id(engine), {"buses": [0]})
    send_check(settings, engine, twilio)

    assert await text(client, "PARTLY") == [CATALOG.text("en", "check-tell-us")]
    assert await text(client, "It is the evening buses, not the fares") == [KEPT]
    assert agreements(engine) == [("Buses", "partly", "It is the evening buses, not the fares")]
    # A second verdict changes nothing; later words are the conversation's again.
    assert KEPT not in await text(client, "no")
    assert KEPT not in await text(client, "and the fares")
    assert agreements(engine) == [("Buses", "partly", "It is the evening buses, not the fares")]


async def test_a_welsh_reply_to_an_english_question_and_the_welsh_question(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, "The buses into town stop at six")
    await take_part(client, "Mae'r bysiau yn stopio am chwech", NEIGHBOUR, welsh=True)
    place(engine, consultation_id(engine), {"buses": [0], "bysiau": [0]})
    sent = send_check(settings, engine, twilio)
    assert sent[NEIGHBOUR].startswith(
        "A glywson ni chi'n iawn? Rhoeson ni'r hyn ddywedoch chi o dan: Bysiau. Atebwch IE,"
    )
    assert encoding(sent[NEIGHBOUR]) == "GSM-7"

    # Asked in English, answered in Welsh: read all the same.
    assert await text(client, "Naddo, y bysiau hwyr") == [KEPT]
    assert await text(client, "yn rhannol", from_=NEIGHBOUR) == [
        CATALOG.text("cy", "check-tell-us")
    ]
    assert agreements(engine) == [("Buses", "disagree", "y bysiau hwyr"), ("Buses", "partly", None)]


async def test_an_unreadable_reply_is_asked_again_once_and_never_lost(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, "The buses into town stop at six")
    await take_part(client, "Buses are too dear", NEIGHBOUR)
    place(engine, consultation_id(engine), {"uses": [0]})
    send_check(settings, engine, twilio)

    # Words with no verdict: kept at once, asked again; a "no" then makes them the correction.
    assert await text(client, "the evening service mostly") == [AGAIN]
    assert await text(client, "no") == [KEPT]
    assert agreements(engine)[0] == ("Buses", "disagree", "the evening service mostly")
    # Twice unreadable: kept and thanked, never asked a third time.
    assert await text(client, "maybe?", from_=NEIGHBOUR) == [AGAIN]
    assert await text(client, "hmm, the price", from_=NEIGHBOUR) == [
        CATALOG.text("en", "check-unclear-kept")
    ]
    assert answers_of_kind(engine, "playback") == ["maybe?", "hmm, the price"]
    assert len(agreements(engine)) == 1


async def test_duplicates_strangers_late_replies_and_hostile_text(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, "The buses into town stop at six")
    await take_part(client, "Buses are too dear", NEIGHBOUR)
    place(engine, consultation_id(engine), {"uses": [0]})
    send_check(settings, engine, twilio)

    sid = new_sid()
    # Ten SMS worth of words and markup: a verdict all the same, every word kept as written.
    words = "the fares are far too high " * 50 + "<script>alert(1)</script>"
    first = await text(client, f"no, {words}", sid=sid)
    # Twilio retries with the same MessageSid: the same reply, nothing stored twice.
    assert await text(client, f"no, {words}", sid=sid) == first == [KEPT]
    assert answers_of_kind(engine, "correction") == [words]
    assert len(agreements(engine)) == 1
    # A stranger's "no" is not a verdict: the normal conversation answers them.
    assert KEPT not in await text(client, "no", from_=THIRD)
    assert len(agreements(engine)) == 1

    close_round(engine=engine, consultation_id=consultation_id(engine))
    # Too late to count; their words are still kept, and they are told.
    assert await text(client, "no, I meant the fares", from_=NEIGHBOUR) == [
        CATALOG.text("en", "playback-closed-kept")
    ]
    assert len(agreements(engine)) == 1
    assert answers_of_kind(engine, "playback") == ["I meant the fares"]


async def test_a_theme_merged_or_deleted_after_sending_still_takes_the_verdict(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    from sqlmodel import Session, col, select

    from storage.models.themes import Theme

    await take_part(client, "The buses into town stop at six")
    await take_part(client, "Potholes and the parks", NEIGHBOUR)
    place(engine, consultation_id(engine), {"buses": [0], "Potholes": [3, 2]})
    send_check(settings, engine, twilio)
    # The officer tidies the themes while residents are replying.
    with Session(engine) as session:
        found = {t.label_en: t for t in session.exec(select(Theme).where(col(Theme.size) >= 0))}
        session.delete(found["Buses"])
        session.commit()

    # The verdict is kept against the theme as shown (the board follows merges,
    # and keeps a deleted theme's verdicts under the label residents saw).
    assert await text(client, "no") == [CATALOG.text("en", "check-tell-us")]
    assert await text(client, "1 yes 2 no", from_=NEIGHBOUR) == [
        CATALOG.text("en", "check-tell-us")
    ]
    assert agreements(engine) == [
        ("(deleted)", "disagree", None),
        ("Parks", "agree", None),
        ("Potholes", "disagree", None),
    ]


async def test_erasing_a_resident_erases_their_verdicts_and_words(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, "The buses into town stop at six")
    place(engine, consultation_id(engine), {"buses": [0]})
    send_check(settings, engine, twilio)
    assert await text(client, "no, the evening buses") == [KEPT]
    assert await text(client, "DELETE") == [CATALOG.text("en", "erase-confirm")]
    assert await text(client, "yes") == [CATALOG.text("en", "erased")]
    assert agreements(engine) == [] and answers_of_kind(engine, "correction") == []


async def test_delete_while_the_check_waits_erases_and_counts_nothing(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, "The buses into town stop at six")
    place(engine, consultation_id(engine), {"buses": [0]})
    send_check(settings, engine, twilio)
    # Their "yes" confirms the erasure; it is not a verdict on the theme.
    assert await text(client, "DELETE") == [CATALOG.text("en", "erase-confirm")]
    assert await text(client, "yes") == [CATALOG.text("en", "erased")]
    assert agreements(engine) == []


async def test_a_correction_is_themed_with_the_other_answers(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    from sqlmodel import Session, select

    from nlp.embeddings.hashing import HashingEmbedder
    from nlp.themes import service
    from storage.models import Answer
    from storage.models.themes import ThemeAssignment

    await take_part(client, "The buses into town stop at six")
    place(engine, consultation_id(engine), {"buses": [0]})
    send_check(settings, engine, twilio)
    assert await text(client, "no, I meant the bins are never collected") == [KEPT]
    with Session(engine) as session:
        service.refit_consultation(
            session=session, consultation_id=consultation_id(engine), embedder=HashingEmbedder()
        )
        session.commit()
        [correction] = session.exec(select(Answer).where(Answer.kind == "correction")).all()
        themed = session.exec(
            select(ThemeAssignment).where(ThemeAssignment.answer_id == correction.id)
        ).all()
    assert themed, "the correction joins the consultation's themes"
