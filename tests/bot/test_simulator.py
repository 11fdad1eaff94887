"""The phone simulator, used as a person would: with and without JavaScript."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.models import Answer, Channel, Participant


def _message_id() -> str:
    return uuid.uuid4().hex


async def say(
    client: httpx.AsyncClient, text: str, message_id: str | None = None
) -> list[dict[str, Any]]:
    response = await client.post(
        "/simulator/api/messages", json={"text": text, "message_id": message_id or _message_id()}
    )
    assert response.status_code == 200, response.text
    replies: list[dict[str, Any]] = response.json()["replies"]
    return replies


def answers(engine: Engine) -> list[Answer]:
    with Session(engine) as session:
        return list(session.exec(select(Answer)))


async def test_page_lists_open_consultations_and_channel_looks(
    client: httpx.AsyncClient, demo_consultation: str
) -> None:
    response = await client.get("/simulator?look=telegram")
    assert response.status_code == 200
    page = response.text
    assert "What matters to you where you live?" in page
    assert 'value="telegram" selected' in page
    assert "/simulator/static/simulator.js" in page
    css = await client.get("/simulator/static/simulator.css")
    assert css.status_code == 200 and "bubble" in css.text


async def test_a_resident_answers_in_english_through_the_simulator(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    greeting = await say(client, "MATTERS")
    assert any("What matters to you where you live?" in r["text"] for r in greeting)
    assert any(r["options"] for r in greeting), "consent is offered as a choice"
    question = await say(client, "yes")
    assert any("What really matters to you about living here?" in r["text"] for r in question)
    await say(client, "The buses into town stopped running after six")

    stored = answers(engine)
    assert [a.text for a in stored] == ["The buses into town stopped running after six"]
    assert stored[0].channel == Channel.WEB
    with Session(engine) as session:
        participant = session.exec(select(Participant)).one()
    # The simulated phone's id is hashed and encrypted, never stored in clear.
    visitor = client.cookies.get("wm_sim")
    assert visitor and visitor not in participant.address_hash
    assert visitor.encode() not in participant.address_encrypted


async def test_double_submit_stores_one_answer_and_repeats_the_reply(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    await say(client, "MATTERS")
    await say(client, "yes")
    message_id = _message_id()
    first = await say(client, "Safe crossings near the school", message_id)
    again = await say(client, "Safe crossings near the school", message_id)
    assert first == again
    assert len(answers(engine)) == 1


async def test_welsh_resident(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    await say(client, "MATTERS")
    replies = await say(client, "CYMRAEG")
    assert replies and all(r["language"] == "cy" for r in replies)
    replies = await say(client, "ie")
    assert any("Beth sy'n wirioneddol bwysig i chi am fyw yma?" in r["text"] for r in replies)
    await say(client, "Mae angen mwy o fysiau yn y pentref")
    assert answers(engine)[0].language == "cy"


async def test_form_fallback_without_javascript_escapes_what_residents_type(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    page = (await client.get("/simulator")).text
    message_id = re.search(r'name="message_id" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    response = await client.post(
        "/simulator",
        data={"text": "MATTERS", "message_id": message_id, "look": "sms", "transcript": ""},
    )
    assert response.status_code == 200
    assert "What matters to you where you live?" in response.text
    hostile = "<script>alert(1)</script>"
    transcript = json.dumps([{"who": "me", "text": hostile, "options": []}])
    response = await client.post(
        "/simulator",
        data={"text": "yes", "message_id": _message_id(), "look": "sms", "transcript": transcript},
    )
    assert hostile not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


async def test_bad_requests_are_refused_clearly_and_store_nothing(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    too_long = await client.post(
        "/simulator/api/messages", json={"text": "x" * 1601, "message_id": _message_id()}
    )
    assert too_long.status_code == 422
    bad_id = await client.post(
        "/simulator/api/messages", json={"text": "hi", "message_id": "../../etc"}
    )
    assert bad_id.status_code == 422
    not_json = await client.post(
        "/simulator/api/messages",
        content=b"\xff\xfe not json",
        headers={"content-type": "application/json"},
    )
    assert not_json.status_code in (400, 422)
    form = await client.post(
        "/simulator", data={"text": "hi", "message_id": "!!", "transcript": "{not json"}
    )
    assert form.status_code == 422
    assert "could not be sent" in form.text
    assert answers(engine) == []


async def test_a_new_resident_gets_a_new_phone(
    client: httpx.AsyncClient, demo_consultation: str
) -> None:
    await say(client, "MATTERS")
    first_phone = client.cookies.get("wm_sim")
    response = await client.post("/simulator/api/reset")
    assert response.status_code == 200
    assert client.cookies.get("wm_sim") != first_phone


async def test_a_button_pressed_without_javascript_sends_its_value_not_the_empty_box(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    page = (await client.get("/simulator?look=telegram")).text
    message_id = re.search(r'name="message_id" value="([0-9a-f]+)"', page).group(1)  # type: ignore[union-attr]
    greeting = await client.post(
        "/simulator",
        data={"text": "MATTERS", "message_id": message_id, "look": "telegram", "transcript": ""},
    )
    assert 'name="option" value="YES" class="option">Yes</button>' in greeting.text
    # The browser posts the pressed button and the (empty) message box of the same form.
    pressed = await client.post(
        "/simulator",
        content=b"option=YES&text=&look=telegram&message_id=" + _message_id().encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert "What really matters to you about living here?" in pressed.text
