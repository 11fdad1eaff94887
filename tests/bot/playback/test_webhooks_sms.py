"""A playback round over SMS and WhatsApp: sent through Twilio, answered by signed webhooks.

Residents take part through the real webhook first (so they are the people
a round is for), the round goes out through the same deliverer the CLI and
the console use (Twilio's HTTP recorded), and every reply is a POST signed
the way Twilio signs it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.settings import Settings
from app.web import create_app
from bot.channels.registry import CHANNELS
from bot.channels.sms.segments import segment_count
from bot.conversation.catalog import default_catalog
from bot.demo import seed_demo
from storage.models import Answer, Participant
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
    whatsapp_fields,
)
from tests.bot.outbound.fake_twilio_api import RecordingTwilioApi
from tests.bot.playback.channel_rounds import (
    consultation_id,
    open_and_send,
    playback_answers,
    votes,
)
from usecases.delivery.deliverers import ChannelDeliverer
from usecases.playback.rounds import close_round

PATH = "/sms/twilio"
NEIGHBOUR = "+447911000002"
THIRD = "+447911000003"
CATALOG = default_catalog()


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
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
async def client(app: FastAPI, engine: Engine) -> AsyncIterator[httpx.AsyncClient]:
    assert seed_demo(engine)
    # The app sees an internal http URL, as behind a TLS-terminating proxy.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://10.0.0.5:8000"
    ) as http:
        yield http
    app.state.services.db.dispose()


@pytest.fixture
def twilio() -> RecordingTwilioApi:
    return RecordingTwilioApi()


def send_round(settings: Settings, engine: Engine, twilio: RecordingTwilioApi) -> int:
    """Open and send a round as `whatmatters playback start` does; returns its id."""
    deliverer, only = CHANNELS.deliverer(settings, make_http_client=lambda: twilio)
    assert isinstance(deliverer, ChannelDeliverer) and only is None
    round_id, report = open_and_send(
        engine, settings.address_protector, consultation_id(engine), deliverer
    )
    assert report.finished
    return round_id


async def text(
    client: httpx.AsyncClient,
    body: str,
    *,
    from_: str = RESIDENT,
    sid: str | None = None,
    whatsapp: bool = False,
) -> list[str]:
    fields = (
        whatsapp_fields(body, from_=from_, sid=sid)
        if whatsapp
        else sms_fields(body, from_=from_, sid=sid)
    )
    response = await post_signed(client, PATH, fields)
    assert response.status_code == 200, response.text
    return messages(response.text)


async def take_part(
    client: httpx.AsyncClient,
    from_: str = RESIDENT,
    *,
    welsh: bool = False,
    hear_back: bool = True,
    whatsapp: bool = False,
) -> None:
    """Answer the sample consultation, then say whether to hear back."""
    language = "cy" if welsh else "en"
    await text(client, "MATTERS", from_=from_, whatsapp=whatsapp)
    if welsh:
        await text(client, "CYMRAEG", from_=from_, whatsapp=whatsapp)
    await text(client, "ie" if welsh else "yes", from_=from_, whatsapp=whatsapp)
    said = await text(client, "Buses into town stop at six", from_=from_, whatsapp=whatsapp)
    asked = CATALOG.text(language, "ask-feedback")
    for _ in range(10):
        if any(asked in reply for reply in said):
            break
        said = await text(client, "skip", from_=from_, whatsapp=whatsapp)
    else:
        raise AssertionError("never asked whether to hear back")
    answer = ("ie" if welsh else "yes") if hear_back else ("na" if welsh else "no")
    await text(client, answer, from_=from_, whatsapp=whatsapp)


def sent_to(twilio: RecordingTwilioApi) -> dict[str, str]:
    return {r.data["To"]: r.data["Body"] for r in twilio.message_requests()}


def answer_count(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(Answer)).all())


async def test_only_people_who_asked_are_messaged_and_a_number_is_a_vote(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    await take_part(client, NEIGHBOUR, hear_back=False)
    send_round(settings, engine, twilio)

    [(to, body)] = sent_to(twilio).items()
    assert to == RESIDENT
    assert body.startswith(
        "We heard these things matter most: 1 Buses 2 Housing repairs 3 Parks 4 Potholes"
        " 5 Libraries. Which matters most to you? Reply with a number"
    )
    assert body.endswith("Text STOP to opt out.")
    assert segment_count(body) <= 2

    assert await text(client, "2") == ["Thank you. We have noted your choice."]
    assert votes(engine) == [2]
    # The neighbour said no to hearing back, and a stranger never took part:
    # their "2" is not a vote.
    for number in (NEIGHBOUR, "+447911999999"):
        replies = await text(client, "2", from_=number)
        assert "Thank you. We have noted your choice." not in replies
    assert votes(engine) == [2]
    # Once answered, the next message goes back to the conversation.
    assert await text(client, "3") != ["Thank you. We have noted your choice."]
    assert votes(engine) == [2]


async def test_several_numbers_written_either_way(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    await take_part(client, NEIGHBOUR)
    await take_part(client, THIRD)
    send_round(settings, engine, twilio)
    assert await text(client, "2 and 5") == ["Thank you. We have noted your choice."]
    assert await text(client, "2,5", from_=NEIGHBOUR) == ["Thank you. We have noted your choice."]
    assert await text(client, "Two and five", from_=THIRD) == [
        "Thank you. We have noted your choice."
    ]
    assert votes(engine) == [2, 2, 2, 5, 5, 5]
    assert playback_answers(engine) == []


async def test_welsh_round_and_replies_by_number_and_by_theme_word(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, welsh=True)
    await take_part(client, NEIGHBOUR, welsh=True)
    await take_part(client, THIRD, welsh=True)
    send_round(settings, engine, twilio)
    body = sent_to(twilio)[RESIDENT]
    assert body.startswith("Clywson ni mai dyma'r pethau sydd bwysicaf: 1 Bysiau 2 Atgyweirio tai")
    assert "Pa un sydd bwysicaf i chi? Atebwch gyda rhif" in body

    thanks = CATALOG.text("cy", "playback-thanks")
    assert await text(client, "2 a 5") == [thanks]
    assert await text(client, "Llyfrgelloedd", from_=NEIGHBOUR) == [thanks]
    # Numbers as words, with the mutation after "a" ("and"): pump -> phump.
    assert await text(client, "dau a phump", from_=THIRD) == [thanks]
    assert votes(engine) == [2, 2, 5, 5, 5]


async def test_a_theme_word_in_english_is_a_vote(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    send_round(settings, engine, twilio)
    assert await text(client, "parks") == ["Thank you. We have noted your choice."]
    assert votes(engine) == [3]


async def test_free_text_is_what_we_missed_stored_as_a_new_answer(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    send_round(settings, engine, twilio)
    replies = await text(client, "You missed the lack of public toilets in town")
    assert replies == [CATALOG.text("en", "playback-thanks-missed")]
    assert votes(engine) == []
    assert playback_answers(engine) == ["You missed the lack of public toilets in town"]


async def test_a_number_out_of_range_is_asked_again_and_nothing_is_stored(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    send_round(settings, engine, twilio)
    stored = answer_count(engine)
    assert await text(client, "12") == [
        "Please reply with a number from 1 to 5, or tell us what we missed."
    ]
    assert votes(engine) == [] and answer_count(engine) == stored
    # Still their turn: the corrected reply counts.
    assert await text(client, "3") == ["Thank you. We have noted your choice."]
    assert votes(engine) == [3]


async def test_a_number_and_more_words_is_a_vote_and_a_new_answer(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    send_round(settings, engine, twilio)
    assert await text(client, "2 but also parking") == [CATALOG.text("en", "playback-thanks-both")]
    assert votes(engine) == [2]
    assert playback_answers(engine) == ["2 but also parking"]


async def test_a_late_reply_after_the_round_closed_is_thanked_not_counted(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    send_round(settings, engine, twilio)
    close_round(engine=engine, consultation_id=consultation_id(engine))
    assert await text(client, "2") == [
        "Thank you. This round has closed, so we could not count your choice."
    ]
    assert votes(engine) == [] and playback_answers(engine) == []


async def test_late_words_after_the_round_closed_are_kept_as_an_answer(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    send_round(settings, engine, twilio)
    close_round(engine=engine, consultation_id=consultation_id(engine))
    replies = await text(client, "Sorry I am late, 2 and the state of the pavements")
    assert replies == [CATALOG.text("en", "playback-closed-kept")]
    assert votes(engine) == []
    assert playback_answers(engine) == ["Sorry I am late, 2 and the state of the pavements"]


async def test_a_repeated_delivery_of_the_same_message_votes_once(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    send_round(settings, engine, twilio)
    sid = new_sid()
    first = await text(client, "2 and 5", sid=sid)
    again = await text(client, "2 and 5", sid=sid)
    assert first == again == ["Thank you. We have noted your choice."]
    assert votes(engine) == [2, 5]


async def test_stop_during_a_round_opts_out_and_is_never_messaged_again(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    await take_part(client, NEIGHBOUR)
    send_round(settings, engine, twilio)
    assert set(sent_to(twilio)) == {RESIDENT, NEIGHBOUR}

    replies = await text(client, "STOP")
    assert not any("noted your choice" in reply for reply in replies)
    await text(client, "2")
    assert votes(engine) == []
    with Session(engine) as session:
        stopped = session.exec(select(Participant).where(col(Participant.opted_out))).all()
    assert len(stopped) == 1

    close_round(engine=engine, consultation_id=consultation_id(engine))
    twilio.requests.clear()
    send_round(settings, engine, twilio)
    assert set(sent_to(twilio)) == {NEIGHBOUR}


async def test_a_badly_signed_reply_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client)
    send_round(settings, engine, twilio)
    stored = answer_count(engine)
    forged = await post_signed(client, PATH, sms_fields("2"), token="not-the-auth-token")
    assert forged.status_code == 403
    unsigned = await client.post(PATH, data=dict(sms_fields("Parking, you missed parking")))
    assert unsigned.status_code == 403
    assert votes(engine) == [] and answer_count(engine) == stored
    # The real resident's vote still counts afterwards.
    assert await text(client, "2") == ["Thank you. We have noted your choice."]


async def test_whatsapp_round_and_reply(
    client: httpx.AsyncClient, settings: Settings, engine: Engine, twilio: RecordingTwilioApi
) -> None:
    await take_part(client, whatsapp=True)
    send_round(settings, engine, twilio)
    body = sent_to(twilio)[f"whatsapp:{RESIDENT}"]
    assert body.startswith("We heard these things matter most: 1 Buses")
    replies = await text(client, "2,5", whatsapp=True)
    assert replies == ["Thank you. We have noted your choice."]
    assert votes(engine) == [2, 5]
