"""An import as a background job: progress, crash and resume, cancel, duplicate submits."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import select

import console.import_job
from app.jobs.catalogue import resume_console_jobs
from app.services import Services
from storage.db import session_scope
from storage.models import AuditEvent
from storage.models.accounts import Role
from storage.models.jobs import ConsoleJob
from storage.repositories import console_accounts as accounts
from storage.repositories.console_imports import insert_imported_answers
from tests.console.factories import make_officer, sign_in
from tests.console.jobs_support import job_path, run_jobs
from tests.console.test_import import _imported, _upload, _upload_id, signed_in

__all__ = ["signed_in"]  # the fixture, imported for its name

FIFTY = ("Ref,Your answer\r\n" + "".join(f"R{i},Answer {i}\r\n" for i in range(50))).encode()


async def _start(client: httpx.AsyncClient, cid: int, token: str, content: bytes) -> str:
    mapped = await _upload(client, cid, token, content)
    started = await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}",
        data={"csrf_token": token, "text": "Your answer", "row_id": "Ref", "source": "paper"},
    )
    return job_path(started)


def _job(db: Engine, path: str) -> ConsoleJob:
    """The job a progress or import URL names (its last part is the job id)."""
    with session_scope(db) as session:
        job = session.get(ConsoleJob, int(path.rsplit("/", 1)[1]))
        assert job is not None
        session.expunge(job)
        return job


def _audits(db: Engine, action: str) -> list[AuditEvent]:
    with session_scope(db) as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
def crash_on_third_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slices of 10 rows, and the store goes away while the third is written."""
    monkeypatch.setattr(console.import_job, "SLICE_ROWS", 10)
    real = insert_imported_answers
    calls = {"n": 0}

    def insert(**kwargs: Any) -> list[int]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OperationalError("INSERT", {}, ConnectionError("server closed the connection"))
        return real(**kwargs)

    monkeypatch.setattr(console.import_job, "insert_imported_answers", insert)


async def test_a_queued_import_shows_its_progress_with_and_without_javascript(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    path = await _start(client, cid, token, FIFTY)
    page = await client.get(path)
    assert "Waiting to start" in page.text
    assert '<noscript><meta http-equiv="refresh"' in page.text
    assert '<progress id="job-bar" max="100" value="0" aria-label="Progress">' in page.text
    assert 'src="/console/static/jobs.js"' in page.text
    script = await client.get("/console/static/jobs.js")
    # The polling script reads the progress URL the page gives it (same origin, CSP 'self').
    assert script.status_code == 200 and "dataset.progress" in script.text
    progress = (await client.get(f"{path}/progress")).json()
    assert progress["state"] == "queued" and progress["finished"] is False
    assert progress["total"] == 50 and progress["done"] == 0
    assert _imported(db, cid) == []

    run_jobs(services)
    done = await client.get(path)
    assert "Finished" in done.text and "<noscript><meta" not in done.text
    assert '<progress id="job-bar" max="100" value="100" aria-label="Progress">' in done.text
    finished = (await client.get(f"{path}/progress")).json()
    assert (finished["stored"], finished["percent"], finished["finished"]) == (50, 100, True)
    # The import page lists it, to come back to an import that runs.
    listed = await client.get(f"/console/consultations/{cid}/import")
    assert f'href="{path}"' in listed.text and "50 answers stored" in listed.text


async def test_an_import_cut_off_mid_file_resumes_from_its_last_slice_without_double_rows(
    client: httpx.AsyncClient,
    db: Engine,
    services: Services,
    signed_in: tuple[int, str],
    crash_on_third_slice: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cid, token = signed_in
    path = await _start(client, cid, token, FIFTY)
    run_jobs(services)
    # The store went away during the third slice: two slices are in, the job waits.
    cut_off = _job(db, path)
    assert (cut_off.state, cut_off.rows_stored, cut_off.resume_rows) == ("running", 20, 20)
    assert len(_imported(db, cid)) == 20
    page = await client.get(path)
    assert "Working" in page.text and 'id="job-done">20<' in page.text

    monkeypatch.setattr(console.import_job, "insert_imported_answers", insert_imported_answers)
    # A restart of the embedded service resumes it (the worker's sweep does on Redis).
    assert resume_console_jobs(services.jobs, services.db) == 1
    run_jobs(services)

    answers = _imported(db, cid)
    assert [a.text for a in answers] == [f"Answer {i}" for i in range(50)]
    finished = _job(db, path)
    assert (finished.state, finished.rows_stored, finished.rows_duplicate) == ("done", 50, 0)
    assert len(_audits(db, "answers_imported")) == 1
    assert resume_console_jobs(services.jobs, services.db) == 0


async def test_cancel_stops_a_running_import_at_its_next_slice_and_keeps_what_was_stored(
    client: httpx.AsyncClient,
    db: Engine,
    services: Services,
    signed_in: tuple[int, str],
    crash_on_third_slice: None,
) -> None:
    cid, token = signed_in
    path = await _start(client, cid, token, FIFTY)
    run_jobs(services)
    cancelled = await client.post(f"{path}/cancel", data={"csrf_token": token})
    assert cancelled.status_code == 303
    assert "Stopping" in (await client.get(path)).text
    resume_console_jobs(services.jobs, services.db)
    run_jobs(services)
    job = _job(db, path)
    # Cancelled, and the upload is gone from the store.
    assert job.state == "cancelled" and job.file_bytes == 0
    assert len(_imported(db, cid)) == 20
    # Cancelling again changes nothing and says so.
    again = await client.post(f"{path}/cancel", data={"csrf_token": token}, follow_redirects=True)
    assert "already finished" in again.text
    assert len(_audits(db, "job_cancelled")) == 1
    assert len(_audits(db, "answers_import_cancelled")) == 1


async def test_cancelling_a_queued_import_imports_nothing_and_drops_the_upload(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    from tests.console.test_import_hostile import _stored_pieces

    cid, token = signed_in
    path = await _start(client, cid, token, FIFTY)
    await client.post(f"{path}/cancel", data={"csrf_token": token})
    run_jobs(services)
    assert _imported(db, cid) == []
    assert _job(db, path).state == "cancelled"
    assert _stored_pieces(db, path.rsplit("/", 1)[1]) == 0
    assert "Cancelled" in (await client.get(path)).text


async def test_a_second_submit_of_the_mapping_does_not_import_twice(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    mapped = await _upload(client, cid, token, FIFTY)
    url = f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}"
    form = {"csrf_token": token, "text": "Your answer", "row_id": "Ref"}
    first = await client.post(url, data=form)
    second = await client.post(url, data=form, follow_redirects=True)
    assert second.status_code == 200 and "already started" in second.text
    run_jobs(services)
    assert job_path(first)
    assert len(_imported(db, cid)) == 50
    assert len(_audits(db, "answers_imported")) == 1


async def test_a_read_only_officer_sees_an_import_but_cannot_cancel_it(
    client: httpx.AsyncClient, db: Engine, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    path = await _start(client, cid, token, FIFTY)
    reader = make_officer(db, Role.READONLY)
    with session_scope(db) as session:
        accounts.share_consultation(session=session, consultation_id=cid, officer_id=reader.id or 0)
    await client.post("/console/logout", data={"csrf_token": token})
    reader_token = await sign_in(client, reader)
    assert (await client.get(path)).status_code == 200
    refused = await client.post(f"{path}/cancel", data={"csrf_token": reader_token})
    assert refused.status_code == 403
    assert _job(db, path).state == "queued"


async def test_job_ids_that_are_not_jobs_of_this_consultation_are_404(
    client: httpx.AsyncClient, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    mapped = await _upload(client, cid, token, FIFTY)
    # An upload waiting for its mapping is not a job page yet.
    upload_id = _upload_id(mapped.text)
    base = f"/console/consultations/{cid}/jobs"
    assert (await client.get(f"{base}/{upload_id}")).status_code == 404
    assert (await client.get(f"{base}/999999/progress")).status_code == 404
    assert (await client.get(f"{base}/{2**63}")).status_code in (404, 422)
    assert (await client.get(f"{base}/0")).status_code in (404, 422)
    assert (await client.post(f"{base}/abc/cancel", data={"csrf_token": token})).status_code in (
        404,
        422,
    )


async def test_hostile_mapping_fields_are_refused_before_anything_is_queued(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    mapped = await _upload(client, cid, token, FIFTY)
    url = f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}"
    for form in (
        {"text": "Your answer", "source": "paper\x00forms"},
        {"text": "Your answer", "source": "x" * 101},
        {"text": "Not a column"},
        {},
    ):
        refused = await client.post(url, data={"csrf_token": token, **form})
        assert 400 <= refused.status_code < 500, (form, refused.status_code)
    # A lone surrogate, as raw bytes no browser would send.
    raw = await client.post(
        url,
        content=f"csrf_token={token}&text=Your+answer%ED%A0%80".encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert raw.status_code == 400
    run_jobs(services)
    assert _imported(db, cid) == []
    assert _job(db, url).state == "uploaded"
