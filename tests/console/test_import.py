"""CSV import: mapping, bad rows, encodings, size limit, idempotent re-import (as a job)."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from app.services import Services
from console.deps import UPLOAD_LIMIT_BYTES
from storage.db import session_scope
from storage.models import Answer, AuditEvent
from tests.console.factories import make_consultation, make_officer, sign_in
from tests.console.jobs_support import job_path, run_jobs

GOOD = (
    "Ref,Submitted,Your answer,Language\r\n"
    "A1,2026-03-01,Safer crossings near the school,en\r\n"
    'A2,02/03/2026,"Buses, more often",English\r\n'
    "A3,2026-03-03,Mwy o fysiau os gwelwch yn dda,cy\r\n"
    "A4,2026-03-04,,en\r\n"
    "A5,yesterday,Parks,en\r\n"
    "A6,2026-03-04,Libraries,klingon\r\n"
    "A7,2026-03-05,too,many,fields\r\n"
)


async def _upload(
    client: httpx.AsyncClient, cid: int, token: str, content: bytes, name: str = "answers.csv"
) -> httpx.Response:
    return await client.post(
        f"/console/consultations/{cid}/import",
        data={"csrf_token": token},
        files={"file": (name, content, "text/csv")},
    )


def _upload_id(page: str) -> str:
    match = re.search(r"/import/(\d+)\"", page)
    assert match, page
    return match.group(1)


async def _import(
    client: httpx.AsyncClient,
    services: Services,
    cid: int,
    token: str,
    content: bytes,
    **mapping: str,
) -> httpx.Response:
    """Upload, map, let the job run, and return its finished page."""
    mapped = await _upload(client, cid, token, content)
    assert mapped.status_code == 200, mapped.text
    data = {
        "csrf_token": token,
        "text": "Your answer",
        "row_id": "Ref",
        "received_at": "Submitted",
        "language": "Language",
        **mapping,
    }
    started = await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}", data=data
    )
    if started.status_code != 303:
        return started
    run_jobs(services)
    return await client.get(job_path(started))


def _imported(db: Engine, cid: int) -> list[Answer]:
    with session_scope(db) as session:
        return list(
            session.exec(
                select(Answer).where(Answer.consultation_id == cid).order_by(col(Answer.id))
            )
        )


@pytest.fixture
async def signed_in(client: httpx.AsyncClient, db: Engine) -> tuple[int, str]:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    return cid, await sign_in(client, officer)


async def test_mapping_is_guessed_from_the_header_and_previewed(
    client: httpx.AsyncClient, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    page = await _upload(client, cid, token, GOOD.encode())
    assert page.status_code == 200
    assert '<option value="Your answer" selected>' in page.text
    assert '<option value="Ref" selected>' in page.text
    assert "Safer crossings near the school" in page.text


async def test_good_rows_are_imported_and_bad_rows_reported_by_line(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    report = await _import(client, services, cid, token, GOOD.encode())
    assert report.status_code == 200
    assert ">3</strong> answers imported" in report.text
    for line, reason in [
        (5, "the answer is empty"),
        (6, "date &#39;yesterday&#39; not understood"),
        (7, "language &#39;klingon&#39;"),
        (8, "has 5 fields but the header has 4"),
    ]:
        assert re.search(rf'<td class="num">{line}</td><td[^>]*>{reason}', report.text), line
    answers = _imported(db, cid)
    assert [a.text for a in answers] == [
        "Safer crossings near the school",
        "Buses, more often",
        "Mwy o fysiau os gwelwch yn dda",
    ]
    assert {a.channel for a in answers} == {"import"} and {a.kind for a in answers} == {"import"}
    assert [a.language for a in answers] == ["en", "en", "cy"]
    assert answers[1].received_at.day == 2 and answers[1].received_at.month == 3
    with session_scope(db) as session:
        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "answers_imported")
        ).one()
    assert event.detail is not None and event.detail["imported"] == 3


async def test_importing_the_same_file_twice_adds_nothing(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    await _import(client, services, cid, token, GOOD.encode())
    again = await _import(client, services, cid, token, GOOD.encode())
    assert ">0</strong> answers imported" in again.text
    assert "3 already there" in again.text
    assert len(_imported(db, cid)) == 3
    # Without an id column the row's content is its identity; duplicates in one file count once.
    twice = "Answer\nMore trees\nMore trees\nLess litter\n"
    report = await _import(
        client,
        services,
        cid,
        token,
        twice.encode(),
        row_id="",
        received_at="",
        language="",
        text="Answer",
    )
    assert ">2</strong> answers imported" in report.text and "1 already there" in report.text


async def test_windows_1252_files_are_read_with_a_note(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    content = "Answer\nCaf\u00e9 opening hours \u2013 longer\n".encode("cp1252")
    page = await _upload(client, cid, token, content)
    assert "Windows-1252" in page.text
    await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(page.text)}",
        data={"csrf_token": token, "text": "Answer"},
    )
    run_jobs(services)
    assert _imported(db, cid)[0].text == "Caf\u00e9 opening hours \u2013 longer"


async def test_utf8_with_bom_and_semicolons_and_welsh_letters(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    content = '\ufeffAteb;Iaith\n"Mae\'r ŵyl yn bwysig; iawn?";cymraeg\n'.encode()
    page = await _upload(client, cid, token, content)
    assert '<option value="Ateb" selected>' in page.text
    await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(page.text)}",
        data={"csrf_token": token, "text": "Ateb", "language": "Iaith"},
    )
    run_jobs(services)
    [answer] = _imported(db, cid)
    assert answer.text == "Mae'r ŵyl yn bwysig; iawn?" and answer.language == "cy"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"PK\x03\x04\x00\x00binary", "binary file"),
        (b"Answer,Answer\nx,y\n", "same name"),
        (b"\x81\x8d\x8f\x90\x9d", "encoding was not recognised"),
    ],
)
async def test_files_that_cannot_be_imported_say_why(
    client: httpx.AsyncClient, signed_in: tuple[int, str], content: bytes, message: str
) -> None:
    cid, token = signed_in
    response = await _upload(client, cid, token, content)
    assert response.status_code == 400
    assert message in response.text


async def test_a_mapping_naming_a_missing_column_is_refused(
    client: httpx.AsyncClient, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    response = await _import(client, services, cid, token, GOOD.encode(), text="Nope")
    assert response.status_code == 400
    assert "is not in the file" in response.text


async def test_oversized_uploads_are_refused_with_413(
    client: httpx.AsyncClient, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    response = await client.post(
        f"/console/consultations/{cid}/import",
        data={"csrf_token": token},
        files={"file": ("big.csv", b"a" * (UPLOAD_LIMIT_BYTES + 1), "text/csv")},
    )
    assert response.status_code == 413


async def test_xss_in_a_csv_is_escaped_in_the_preview_and_answer_list(
    client: httpx.AsyncClient, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    content = b'"<script>alert(1)</script>"\n"<img src=x onerror=alert(2)>"\n'
    page = await _upload(client, cid, token, content)
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(page.text)}",
        data={"csrf_token": token, "text": "<script>alert(1)</script>"},
    )
    run_jobs(services)
    answers = await client.get(f"/console/consultations/{cid}/answers")
    assert "<img src=x" not in answers.text


@pytest.mark.slow
async def test_a_hundred_thousand_rows_import_in_batches(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    lines = ["id,answer"] + [f"{i},answer number {i} about buses and parks" for i in range(100_000)]
    report = await _import(
        client,
        services,
        cid,
        token,
        "\n".join(lines).encode(),
        text="answer",
        row_id="id",
        received_at="",
        language="",
    )
    assert ">100000</strong> answers imported" in report.text


async def test_imported_answers_are_redacted_and_themed_by_one_batch_job_per_slice(
    client: httpx.AsyncClient, db: Engine, services: Services, signed_in: tuple[int, str]
) -> None:
    from storage.models.redacted import RedactedAnswer

    cid, token = signed_in
    mapped = await _upload(
        client, cid, token, b"Answer\nRing me on 07700 900123 please\nMore trees\n"
    )
    await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}",
        data={"csrf_token": token, "text": "Answer"},
    )
    queued = run_jobs(services, real=("redact_answers",))
    with session_scope(db) as session:
        cached = {r.text for r in session.exec(select(RedactedAnswer))}
    assert cached == {"Ring me on [phone] please", "More trees"}
    ids = [a.id for a in _imported(db, cid)]
    # One theming job for the slice, never one per row.
    assert queued == [("theme_batch", {"answer_ids": ids})]
