"""A playback round reaching a simulated phone, answered with and without JavaScript."""

from __future__ import annotations

import html
import json
import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.engine import Engine

from app.services import Services
from tests.bot.playback.channel_rounds import (
    add_themes,
    consultation_id,
    open_and_send,
    playback_answers,
    recipient_states,
    votes,
)


async def say(client: httpx.AsyncClient, text: str) -> list[dict[str, Any]]:
    response = await client.post(
        "/simulator/api/messages", json={"text": text, "message_id": uuid.uuid4().hex}
    )
    assert response.status_code == 200, response.text
    replies: list[dict[str, Any]] = response.json()["replies"]
    return replies


async def take_part(client: httpx.AsyncClient, *, hear_back: str = "yes") -> None:
    """Answer the sample consultation on the simulated phone, then say whether to hear back."""
    await say(client, "MATTERS")
    await say(client, "yes")
    replies = await say(client, "The buses into town stop at six")
    for _ in range(10):
        if any(r["key"] == "ask-feedback" for r in replies):
            break
        replies = await say(client, "skip")
    else:
        raise AssertionError("never asked whether to hear back")
    await say(client, hear_back)


def services(app: FastAPI) -> Services:
    found: Services = app.state.services
    return found


def send_round(app: FastAPI, engine: Engine) -> int:
    round_id, report = open_and_send(
        engine, services(app).settings.address_protector, consultation_id(engine)
    )
    assert report.finished
    return round_id


def page_field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None, name
    return html.unescape(found.group(1))


async def test_the_round_shows_as_sms_and_telegram_and_a_button_votes_without_javascript(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine, demo_consultation: str
) -> None:
    await take_part(client)
    send_round(app, engine)
    assert recipient_states(engine) == ["sent"]

    page = (await client.get("/simulator?look=sms")).text
    # The SMS form: plain text with the STOP line, and what it costs.
    assert re.search(r"As a text message \((1|2) segments?\)", page)
    assert "We heard these things matter most: 1 Buses 2 Housing repairs 3 Parks 4" in page
    assert "Text STOP to opt out." in page
    # The Telegram form: numbered buttons that are plain form buttons.
    assert "On Telegram" in page
    for n, name in enumerate(["Buses", "Housing repairs", "Parks"], 1):
        assert f'name="option" value="{n}" class="option">{n} {name}</button>' in page

    response = await client.post(
        "/simulator",
        data={
            "option": "2",
            "text": "",  # the empty message box is posted with the button
            "message_id": page_field(page, "message_id"),
            "look": "sms",
            "transcript": page_field(page, "transcript"),
        },
    )
    assert response.status_code == 200
    assert "Thank you. We have noted your choice." in response.text
    assert votes(engine) == [2]
    # The question stays in the thread, but its buttons are gone: it is answered.
    assert "We heard these things matter most" in response.text
    assert 'name="option" value="2"' not in response.text
    assert (await client.get("/simulator/api/inbox")).json() == {"messages": []}


async def test_with_javascript_the_inbox_brings_the_question_and_free_text_is_a_new_answer(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine, demo_consultation: str
) -> None:
    await take_part(client)
    assert (await client.get("/simulator/api/inbox")).json() == {"messages": []}
    send_round(app, engine)

    [message] = (await client.get("/simulator/api/inbox")).json()["messages"]
    assert message["text"].startswith("We heard these things matter most: 1 Buses")
    assert "STOP" not in message["text"]  # Telegram has its own way to stop
    assert [o["value"] for o in message["options"]] == ["1", "2", "3", "4", "5"]
    assert message["sms"]["segments"] in (1, 2)
    assert message["sms"]["text"].endswith("Text STOP to opt out.")

    replies = await say(client, "You missed the state of the pavements")
    assert [r["key"] for r in replies] == ["playback-thanks-missed"]
    assert playback_answers(engine) == ["You missed the state of the pavements"]
    assert votes(engine) == []
    assert (await client.get("/simulator/api/inbox")).json() == {"messages": []}


async def test_check_for_new_messages_without_javascript_adds_the_question_once(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine, demo_consultation: str
) -> None:
    await take_part(client)
    history = [{"who": "me", "text": "yes", "options": []}]
    form = {"check": "1", "look": "telegram", "transcript": json.dumps(history)}
    before = await client.post("/simulator", data=form)
    assert "We heard these things" not in before.text
    send_round(app, engine)

    first = await client.post("/simulator", data=form)
    transcript = json.loads(page_field(first.text, "transcript"))
    assert [item.get("ref", "") for item in transcript][-1].startswith("playback:")
    again = await client.post("/simulator", data={**form, "transcript": json.dumps(transcript)})
    assert again.text.count('class="bubble bot playback" data-ref="playback:') == 1
    assert votes(engine) == []  # checking sends nothing


async def test_people_who_did_not_ask_to_hear_back_or_stopped_are_never_messaged(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine, demo_consultation: str
) -> None:
    await take_part(client, hear_back="no")
    await client.post("/simulator/api/reset")
    await take_part(client)
    await say(client, "STOP")
    send_round(app, engine)

    assert recipient_states(engine) == []  # nobody to ask
    assert (await client.get("/simulator/api/inbox")).json() == {"messages": []}
    assert "We heard these things" not in (await client.get("/simulator")).text


async def test_a_tampered_transcript_cannot_inject_markup_or_fake_refs(
    client: httpx.AsyncClient, demo_consultation: str
) -> None:
    hostile = [
        {
            "who": "bot",
            "text": "<b>hi</b>",
            "options": [],
            "ref": "playback:1<script>",
            "sms": {"text": "<script>x</script>", "segments": "lots"},
        }
    ]
    response = await client.post(
        "/simulator", data={"check": "1", "look": "sms", "transcript": json.dumps(hostile)}
    )
    assert response.status_code == 200
    assert "<script>x</script>" not in response.text
    assert "&lt;script&gt;x&lt;/script&gt;" in response.text
    assert "playback:1<script>" not in response.text
    assert "(0 segments)" in response.text


async def test_without_any_provider_the_cli_reaches_simulated_phones_and_the_rest_wait(
    client: httpx.AsyncClient,
    app: FastAPI,
    engine: Engine,
    db_url: str,
    demo_consultation: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from app.cli.main import app as cli
    from storage.models import Channel
    from tests.bot.playback.conftest import add_person

    await take_part(client)
    add_person(
        engine,
        services(app).settings.address_protector,
        consultation_id(engine),
        "+447911123456",
        channel=Channel.SMS,
    )
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("QUIET_HOURS_START", "00:00")
    monkeypatch.setenv("QUIET_HOURS_END", "00:00")
    themes = ",".join(str(i) for i in add_themes(engine, consultation_id(engine)))

    result = CliRunner().invoke(cli, ["playback", "start", demo_consultation, "--themes", themes])
    assert result.exit_code == 0, result.output
    assert "2 people to ask" in result.output and "sent 1, failed 0" in result.output
    assert "only web chat (simulator) phones are reached, the rest wait" in result.output
    # The SMS resident is not failed: they get the round once Twilio is set up.
    assert recipient_states(engine) == ["pending", "sent"]

    [message] = (await client.get("/simulator/api/inbox")).json()["messages"]
    assert message["text"].startswith("We heard these things matter most: 1 Buses")
    assert [r["key"] for r in await say(client, "1 and 4")] == ["playback-thanks"]
    assert votes(engine) == [1, 4]


async def test_you_said_we_did_feedback_reaches_the_simulated_phone_as_sms_and_telegram(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine, demo_consultation: str
) -> None:
    from bot.conversation.catalog import default_catalog
    from storage.db import session_scope
    from storage.models import Consultation
    from storage.repositories.feedback import publish_feedback
    from tests.bot.playback.channel_rounds import DAYTIME
    from usecases.delivery.deliverers import ChannelDeliverer, WebInboxSender
    from usecases.delivery.sender import TokenBucket
    from usecases.feedback.publication import send_feedback
    from usecases.invitations.waves import QuietHours

    await take_part(client)
    with session_scope(engine) as session:
        consultation = session.get(Consultation, consultation_id(engine))
        assert consultation is not None
        consultation.found_out_en = "Evening buses matter most to people in the villages."
        consultation.difference_en = "The 7pm bus to Gresford runs again from January."
        session.add(consultation)
        session.flush()
        publication, _new = publish_feedback(session=session, consultation=consultation)
        publication_id = publication.id
    assert publication_id is not None
    report = send_feedback(
        engine=engine,
        protector=services(app).settings.address_protector,
        publication_id=publication_id,
        catalog=default_catalog(),
        deliverer=ChannelDeliverer(bucket=TokenBucket(1000.0), senders=[WebInboxSender()]),
        quiet_hours=QuietHours.parse("21:00", "08:00"),
        now=lambda: DAYTIME,
    )
    assert report.sent == 1

    [message] = (await client.get("/simulator/api/inbox")).json()["messages"]
    assert message["ref"].startswith("feedback:") and message["options"] == []
    assert "The 7pm bus to Gresford runs again from January." in message["text"]
    assert message["sms"]["text"].endswith("Text STOP to opt out.")
    assert message["sms"]["segments"] <= 2
    page = (await client.get("/simulator")).text
    assert "You said, we did" in page and "As a text message" in page

    # With a results page, the message is short and links to it.
    with session_scope(engine) as session:
        consultation = session.get(Consultation, consultation_id(engine))
        assert consultation is not None
        consultation.results_url = "https://council.example.gov.uk/what-matters/results"
        session.add(consultation)
    [message] = (await client.get("/simulator/api/inbox")).json()["messages"]
    assert message["text"].endswith("https://council.example.gov.uk/what-matters/results")
    assert "7pm bus" not in message["sms"]["text"]
