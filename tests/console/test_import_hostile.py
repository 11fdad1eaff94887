"""A CSV with a NUL (or another unstorable character) deep inside: reported, audited, cleaned up."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import select as orm_select

from app.services import Services
from storage.db import session_scope
from storage.models import AuditEvent, utcnow
from storage.models.jobs import ConsoleJob, ConsoleJobChunk
from tests.console.jobs_support import job_path, run_jobs
from tests.console.test_import import _imported, _upload, _upload_id, signed_in

__all__ = ["signed_in"]  # the fixture, imported for its name


def _stored_pieces(db: Engine, job_id: int | str) -> int:
    with session_scope(db) as session:
        return int(
            session.execute(
                select(func.count()).where(ConsoleJobChunk.job_id == int(job_id))  # type: ignore[arg-type]
            ).scalar_one()
        )


async def test_a_nul_after_the_first_64_kb_is_a_reported_bad_row_and_the_rest_is_imported(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    rows = [f"R{i},Answer number {i} about buses and parks" for i in range(3000)]
    rows[2500] = "R2500,Broken\x00 row"
    rows[2600] = "R2600,Escape \x1b[31m codes"
    content = ("Ref,Your answer\r\n" + "\r\n".join(rows) + "\r\n").encode()
    assert content.index(b"\x00") > 64 * 1024
    mapped = await _upload(client, cid, token, content)
    assert mapped.status_code == 200, mapped.text
    upload_id = _upload_id(mapped.text)
    assert _stored_pieces(db, upload_id) > 0

    started = await client.post(
        f"/console/consultations/{cid}/import/{upload_id}",
        data={"csrf_token": token, "text": "Your answer", "row_id": "Ref"},
    )
    run_jobs(services)
    response = await client.get(job_path(started))

    assert response.status_code == 200, response.text
    assert ">2998</strong> answers imported" in response.text
    assert "NUL" in response.text and "U+001B" in response.text
    assert len(_imported(db, cid)) == 2998
    with session_scope(db) as session:
        (event,) = session.exec(
            orm_select(AuditEvent).where(AuditEvent.action == "answers_imported")
        ).all()
        assert event.detail is not None
        assert event.detail["imported"] == 2998 and event.detail["bad_rows"] == 2
    # The upload (residents' words) is gone from the store once imported.
    assert _stored_pieces(db, upload_id) == 0


async def test_uploads_left_unimported_for_a_day_are_removed(
    client: httpx.AsyncClient, db: Engine, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    abandoned = await _upload(client, cid, token, b"Your answer\r\nMy address is 1 High St\r\n")
    old_id = _upload_id(abandoned.text)
    assert _stored_pieces(db, old_id) == 1
    with session_scope(db) as session:
        job = session.get(ConsoleJob, int(old_id))
        assert job is not None
        job.expires_at = utcnow() - timedelta(minutes=1)
        session.add(job)
    fresh = await _upload(client, cid, token, b"Your answer\r\nParks\r\n")
    assert _stored_pieces(db, old_id) == 0
    assert _stored_pieces(db, _upload_id(fresh.text)) == 1
    response = await client.post(
        f"/console/consultations/{cid}/import/{old_id}",
        data={"csrf_token": token, "text": "Your answer"},
    )
    assert response.status_code == 404
    assert "upload the file again" in response.text


async def test_a_file_over_the_row_cap_imports_the_cap_and_says_how_to_do_the_rest(
    client: httpx.AsyncClient,
    db: Engine,
    services: Services,
    signed_in: tuple[int, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import console.importer

    monkeypatch.setattr(console.importer, "MAX_IMPORT_ROWS", 50)
    cid, token = signed_in
    content = ("Your answer\r\n" + "".join(f"Answer {i}\r\n" for i in range(80))).encode()
    mapped = await _upload(client, cid, token, content)
    started = await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}",
        data={"csrf_token": token, "text": "Your answer"},
    )
    run_jobs(services)
    response = await client.get(job_path(started))
    assert response.status_code == 200
    assert "more than 50 rows" in response.text and "Split the rest" in response.text
    assert len(_imported(db, cid)) == 50


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        # An opening quote never closed swallows the rest of the file into one field.
        (b'Your answer,Ref\r\n"Unclosed quote,1\r\nParks,2\r\n', "fields but the header"),
        (b"Your answer,Ref\r\nOK,1\r\nOne,two,three\r\n", "has 3 fields"),
        (b"Your answer,Ref\r\nOK,1\r\nBell \x07 here,2\r\n", "U+0007"),
    ],
)
async def test_malformed_rows_are_reported_and_the_good_ones_imported(
    client: httpx.AsyncClient,
    db: Engine,
    services: Services,
    signed_in: tuple[int, str],
    content: bytes,
    problem: str,
) -> None:
    cid, token = signed_in
    mapped = await _upload(client, cid, token, content)
    started = await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}",
        data={"csrf_token": token, "text": "Your answer", "row_id": "Ref"},
    )
    run_jobs(services)
    page = await client.get(job_path(started))
    assert page.status_code == 200
    assert problem in page.text
    assert "Finished" in page.text
