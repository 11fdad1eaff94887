"""Large XLSX exports as background jobs: progress, download link, expiry, erasure, cancel."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import select

import console.routes.exports
from app.services import Services
from storage.db import session_scope
from storage.models import Answer, AuditEvent, utcnow
from storage.models.jobs import ConsoleJob
from storage.repositories import console_jobs as jobs_repo
from storage.repositories.participants import erase_participant
from tests.console.factories import add_answers, make_consultation, make_officer, sign_in
from tests.console.jobs_support import job_path, run_jobs
from tests.console.test_import_hostile import _stored_pieces

TEXTS = ["Ring me on 07700 900123 about the buses", "=1+1 more parks", "Mwy o fysiau"]


@pytest.fixture
async def consultation(client: httpx.AsyncClient, db: Engine) -> tuple[int, str]:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer], slug="big-export")
    add_answers(db, cid, TEXTS)
    return cid, await sign_in(client, officer)


async def _build(client: httpx.AsyncClient, cid: int, token: str) -> str:
    return job_path(
        await client.post(f"/console/consultations/{cid}/exports/xlsx", data={"csrf_token": token})
    )


def _job(db: Engine, path: str) -> ConsoleJob:
    job = jobs_repo.get_job(engine=db, job_id=int(path.rsplit("/", 1)[1]))
    assert job is not None
    return job


async def test_a_workbook_is_built_in_the_background_and_downloaded_from_its_page(
    client: httpx.AsyncClient, db: Engine, services: Services, consultation: tuple[int, str]
) -> None:
    cid, token = consultation
    path = await _build(client, cid, token)
    waiting = await client.get(path)
    assert "Waiting to start" in waiting.text and "/download" not in waiting.text
    run_jobs(services, real=("redact_answers",))

    page = await client.get(path)
    assert "Finished" in page.text and "kept for 24 hours" in page.text
    link = re.search(r'href="([^"]+/download)"', page.text)
    assert link
    download = await client.get(link.group(1))
    assert download.status_code == 200
    assert 'filename="big-export.xlsx"' in download.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(download.content))["Answers"]
    texts = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(texts) == sorted(
        ["Ring me on [phone] about the buses", "'=1+1 more parks", "Mwy o fysiau"]
    )
    with session_scope(db) as session:
        actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id))]  # type: ignore[arg-type]
    assert actions[-3:] == ["export_requested", "export_built", "exported"]
    # The exports page lists it.
    assert path in (await client.get(f"/console/consultations/{cid}/exports")).text


async def test_a_workbook_past_its_time_is_gone_and_its_file_removed(
    client: httpx.AsyncClient, db: Engine, services: Services, consultation: tuple[int, str]
) -> None:
    cid, token = consultation
    path = await _build(client, cid, token)
    run_jobs(services)
    job = _job(db, path)
    assert _stored_pieces(db, job.id or 0) > 0
    with session_scope(db) as session:
        stored = session.get(ConsoleJob, job.id)
        assert stored is not None
        stored.expires_at = utcnow() - timedelta(seconds=1)
        session.add(stored)
    assert (await client.get(f"{path}/download")).status_code == 410
    # The next export (or the retention run) removes the file itself.
    await _build(client, cid, token)
    assert _stored_pieces(db, job.id or 0) == 0
    assert "has been removed" in (await client.get(path)).text


async def test_erasing_a_resident_removes_built_workbooks_that_held_their_words(
    client: httpx.AsyncClient, db: Engine, services: Services, consultation: tuple[int, str]
) -> None:
    cid, token = consultation
    path = await _build(client, cid, token)
    run_jobs(services)
    with session_scope(db) as session:
        answer = session.exec(select(Answer).where(Answer.consultation_id == cid)).first()
        assert answer is not None and answer.participant_id is not None
        erase_participant(session=session, participant_id=answer.participant_id)
    assert _job(db, path).state == "expired"
    assert _stored_pieces(db, path.rsplit("/", 1)[1]) == 0
    assert (await client.get(f"{path}/download")).status_code == 410


async def test_a_cancelled_export_builds_nothing_and_cancel_twice_is_harmless(
    client: httpx.AsyncClient, db: Engine, services: Services, consultation: tuple[int, str]
) -> None:
    cid, token = consultation
    path = await _build(client, cid, token)
    first = await client.post(f"{path}/cancel", data={"csrf_token": token}, follow_redirects=True)
    assert "Stopping" in first.text or "Cancelled" in first.text
    again = await client.post(f"{path}/cancel", data={"csrf_token": token}, follow_redirects=True)
    assert "already finished" in again.text
    run_jobs(services)
    assert _job(db, path).state == "cancelled"
    assert (await client.get(f"{path}/download")).status_code == 410


async def test_only_officers_of_the_consultation_can_download(
    client: httpx.AsyncClient, db: Engine, services: Services, consultation: tuple[int, str]
) -> None:
    cid, token = consultation
    path = await _build(client, cid, token)
    run_jobs(services)
    await client.post("/console/logout", data={"csrf_token": token})
    assert (await client.get(f"{path}/download")).headers["location"].startswith("/console/login")
    stranger = make_officer(db)
    await sign_in(client, stranger)
    assert (await client.get(f"{path}/download")).status_code == 404
    assert (await client.get(path)).status_code == 404


async def test_large_consultations_get_the_background_workbook_instead_of_a_direct_one(
    client: httpx.AsyncClient, consultation: tuple[int, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cid, _ = consultation
    exports = await client.get(f"/console/consultations/{cid}/exports")
    assert f"/console/consultations/{cid}/export.xlsx" in exports.text
    monkeypatch.setattr(console.routes.exports, "DIRECT_XLSX_MAX", 2)
    redirected = await client.get(
        f"/console/consultations/{cid}/export.xlsx", follow_redirects=True
    )
    assert str(redirected.url).endswith("/exports")
    assert "too large for an instant workbook" in redirected.text
    assert f"/console/consultations/{cid}/export.xlsx" not in redirected.text


async def test_out_of_order_requests_are_refused_plainly(
    client: httpx.AsyncClient, db: Engine, services: Services, consultation: tuple[int, str]
) -> None:
    cid, token = consultation
    path = await _build(client, cid, token)
    job_id = path.rsplit("/", 1)[1]
    # Not built yet: nothing to download.
    assert (await client.get(f"{path}/download")).status_code == 410
    progress = (await client.get(f"{path}/progress")).json()
    assert progress["state"] == "queued" and progress["finished"] is False
    # An export is not an upload to import.
    started = await client.post(
        f"/console/consultations/{cid}/import/{job_id}",
        data={"csrf_token": token, "text": "answer"},
    )
    assert started.status_code == 404
    # A second click on "Build" while it is built joins the same job.
    again = await client.post(
        f"/console/consultations/{cid}/exports/xlsx",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert str(again.url).endswith(path) and "already being built" in again.text
    run_jobs(services)
    assert _job(db, path).state == "done"
    # Once built, a new click builds a fresh workbook.
    assert await _build(client, cid, token) != path


async def test_the_retention_run_removes_expired_workbooks(
    client: httpx.AsyncClient, db: Engine, services: Services, consultation: tuple[int, str]
) -> None:
    from bot.retention import run_retention

    cid, token = consultation
    path = await _build(client, cid, token)
    run_jobs(services)
    job_id = int(path.rsplit("/", 1)[1])
    assert run_retention(db, days=365, dry_run=True).job_files_removed == 0
    with session_scope(db) as session:
        stored = session.get(ConsoleJob, job_id)
        assert stored is not None
        stored.expires_at = utcnow() - timedelta(seconds=1)
        session.add(stored)
    assert run_retention(db, days=365, dry_run=True).job_files_removed == 1
    assert _stored_pieces(db, job_id) > 0  # a dry run changes nothing
    assert run_retention(db, days=365).job_files_removed == 1
    assert _stored_pieces(db, job_id) == 0 and _job(db, path).state == "expired"
