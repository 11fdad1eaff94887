"""Invitation uploads: numbers checked, stored only hashed and encrypted, wave recorded."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models.outbound import InvitationRecipient, InvitationWave
from tests.console.factories import make_consultation, make_officer, sign_in


async def test_a_numbers_csv_becomes_a_wave_with_a_report_of_bad_rows(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer], slug="buses-invite")
    token = await sign_in(client, officer)
    page = await client.get(f"/console/consultations/{cid}/invitations")
    assert page.status_code == 200 and "The message" in page.text
    content = b"name,mobile\nA,07911 123456\nB,07911 123456\nC,not a number\nD,+447400654321\n"
    response = await client.post(
        f"/console/consultations/{cid}/invitations",
        data={"csrf_token": token, "lawful_basis": "Residents asked to be told (opt-in form)"},
        files={"file": ("numbers.csv", content, "text/csv")},
    )
    assert response.status_code == 200
    assert "whatmatters invite buses-invite --resume" in response.text
    assert "duplicate" in response.text and "07911 123456" not in response.text
    with session_scope(db) as session:
        wave = session.exec(select(InvitationWave)).one()
        recipients = list(session.exec(select(InvitationRecipient)))
    assert wave.created_by == f"officer:{officer.id}" and len(recipients) == 2
    for recipient in recipients:
        assert b"7911" not in recipient.address_encrypted and "7911" not in recipient.address_hash


async def test_numbers_files_without_a_phone_column_or_too_large_are_refused(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    token = await sign_in(client, officer)
    form = {"csrf_token": token, "lawful_basis": "opt-in"}
    bad = await client.post(
        f"/console/consultations/{cid}/invitations",
        data=form,
        files={"file": ("x.csv", b"name,town\nA,Wrexham\n", "text/csv")},
    )
    assert bad.status_code == 200 and 'class="error"' in bad.text
    big = await client.post(
        f"/console/consultations/{cid}/invitations",
        data=form,
        files={"file": ("x.csv", b"phone\n" + b"07700900123\n" * 500_000, "text/csv")},
    )
    assert big.status_code == 413
