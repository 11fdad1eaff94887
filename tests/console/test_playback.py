"""The console's playback page: open a round (CSRF, roles), see results, close it."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models import Channel, Conversation, Participant
from storage.models.accounts import Role
from storage.models.playback import PlaybackRecipient, PlaybackRound
from storage.models.themes import Theme
from tests.console.factories import make_consultation, make_officer, sign_in


def _themes_and_person(db: Engine, cid: int) -> list[int]:
    with session_scope(db) as session:
        themes = [
            Theme(consultation_id=cid, label_en="Buses", label_cy="Bysiau", size=9),
            Theme(consultation_id=cid, label_en="Parks", label_cy="Parciau", size=4),
        ]
        session.add_all(themes)
        person = Participant(
            channel=Channel.SMS, address_hash="h", address_encrypted=b"x", wants_feedback=True
        )
        session.add(person)
        session.flush()
        assert person.id is not None
        session.add(Conversation(participant_id=person.id, consultation_id=cid, step="done"))
        return [t.id for t in themes if t.id is not None]


async def test_an_officer_opens_and_closes_a_round(client: httpx.AsyncClient, db: Engine) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    buses, parks = _themes_and_person(db, cid)
    token = await sign_in(client, officer)
    page = await client.get(f"/console/consultations/{cid}/playback")
    assert page.status_code == 200 and "No playback rounds yet" in page.text
    assert "Bysiau" in page.text
    without_csrf = await client.post(
        f"/console/consultations/{cid}/playback", data={"theme_ids": [str(parks)]}
    )
    assert without_csrf.status_code in (400, 403)
    opened = await client.post(
        f"/console/consultations/{cid}/playback",
        data={"csrf_token": token, "theme_ids": [str(parks), str(buses)]},
        follow_redirects=True,
    )
    assert opened.status_code == 200 and "whatmatters playback send" in opened.text
    assert "Round 1 · open" in opened.text or "· open" in opened.text
    with session_scope(db) as session:
        round_ = session.exec(select(PlaybackRound)).one()
        assert round_.theme_ids == [parks, buses]
        assert len(list(session.exec(select(PlaybackRecipient)))) == 1
    refused = await client.post(
        f"/console/consultations/{cid}/playback",
        data={"csrf_token": token, "theme_ids": [str(buses)]},
        follow_redirects=True,
    )
    assert "still open" in refused.text
    closed = await client.post(
        f"/console/consultations/{cid}/playback/close",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert closed.status_code == 200 and "· closed" in closed.text


async def test_read_only_officers_see_results_but_cannot_open(
    client: httpx.AsyncClient, db: Engine
) -> None:
    reader = make_officer(db, Role.READONLY)
    cid = make_consultation(db, shared_with=[reader])
    buses, _ = _themes_and_person(db, cid)
    token = await sign_in(client, reader)
    page = await client.get(f"/console/consultations/{cid}/playback")
    assert page.status_code == 200 and "Open the round" not in page.text
    response = await client.post(
        f"/console/consultations/{cid}/playback",
        data={"csrf_token": token, "theme_ids": [str(buses)]},
    )
    assert response.status_code == 403
    with session_scope(db) as session:
        assert session.exec(select(PlaybackRound)).all() == []
