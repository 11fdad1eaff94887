"""Welsh yes/no, the adaptive follow-up and wards, played through the phone simulator's API."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.models import Answer, Conversation


async def say(client: httpx.AsyncClient, text: str) -> list[dict[str, Any]]:
    response = await client.post(
        "/simulator/api/messages", json={"text": text, "message_id": uuid.uuid4().hex}
    )
    assert response.status_code == 200, response.text
    replies: list[dict[str, Any]] = response.json()["replies"]
    return replies


async def test_a_welsh_resident_through_the_simulator(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    greeting = await say(client, "Shwmae")
    assert [o["value"] for o in greeting[-1]["options"]] == ["IE", "NA"]
    assert (await say(client, "Ym?"))[0]["key"] == "consent-reask"
    question = await say(client, "Byddwn, wrth gwrs")
    assert question[0]["key"] == "ask-open"
    follow_up = await say(client, "Bysiau")
    assert follow_up[0]["text"] == "Sonioch chi am fysiau - pam mae hynny'n bwysig i chi?"
    await say(client, "Dw i ddim yn gyrru")
    await say(client, "ym Mhen-y-cae")
    await say(client, "hepgor")
    assert (await say(client, "Hoffwn"))[0]["key"] == "feedback-yes"
    with Session(engine) as session:
        texts = [a.text for a in session.exec(select(Answer))]
        [conversation] = session.exec(select(Conversation)).all()
    assert texts == ["Bysiau", "Dw i ddim yn gyrru"]
    assert conversation.ward == "Penycae"
