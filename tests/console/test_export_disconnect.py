"""A streamed export stops reading the store when the officer's browser goes away.

Served by a real uvicorn on a free port, as in production: the client reads the
first bytes of a 20 MB CSV export and hangs up; the pages the server went on to
read are counted where they come from, the answer store.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

import console.export_job
from app.services import Services
from console.redact import REDACTION_VERSION
from storage.db import session_scope
from storage.models import utcnow
from storage.repositories.console_answers import iter_answer_pages, store_redactions
from storage.repositories.console_imports import insert_imported_answers
from tests.console.factories import PASSWORD, make_consultation, make_officer
from tests.uvicorn_thread import uvicorn_on_a_thread

ANSWERS = 4000
PAGE = 50
TEXT = "buses and parks " * 320  # about 5 KB an answer: 20 MB in all, past any socket buffer


@pytest.fixture
def served(app: FastAPI) -> Iterator[str]:
    with uvicorn_on_a_thread(app, lifespan="off") as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def pages_read(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Counts the pages the export reads from the store, and whether the reading ended."""
    seen: dict[str, Any] = {"pages": 0, "closed": threading.Event()}
    real = iter_answer_pages

    def counted(**kwargs: Any) -> Iterator[Any]:
        try:
            for page in real(**{**kwargs, "page_size": PAGE}):
                seen["pages"] += 1
                yield page
        finally:
            seen["closed"].set()

    monkeypatch.setattr(console.export_job, "iter_answer_pages", counted)
    return seen


async def test_a_csv_export_stops_when_the_client_hangs_up(
    served: str, services: Services, pages_read: dict[str, Any]
) -> None:
    officer = make_officer(services.db)
    cid = make_consultation(services.db, shared_with=[officer])
    now = utcnow()
    with session_scope(services.db) as session:
        ids = insert_imported_answers(
            session=session,
            consultation_id=cid,
            rows=[
                {"text": TEXT, "language": "en", "received_at": now, "provider_message_id": f"d{i}"}
                for i in range(ANSWERS)
            ],
            now=now,
        )
        # Redacted already (as the job queue leaves them), so pages come quickly.
        store_redactions(
            session=session,
            redactions=[(i, TEXT, []) for i in ids],
            version=REDACTION_VERSION,
            now=now,
        )
    with httpx.Client(base_url=served, timeout=30) as client:
        login = client.get("/console/login")
        token = login.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        signed = client.post(
            "/console/login",
            data={"email": officer.email, "password": PASSWORD, "csrf_token": token},
        )
        assert signed.status_code == 303
        with client.stream("GET", f"/console/consultations/{cid}/export.csv") as response:
            assert response.status_code == 200
            first = next(response.iter_bytes())
            assert first.startswith("\ufeffanswer_id".encode())
            # Let the server fill the connection's buffers and wait on the client.
            time.sleep(1)
        # Leaving the block without reading on closes the connection.
    assert pages_read["closed"].wait(10), "the export was not stopped when the client left"
    total_pages = ANSWERS // PAGE
    assert pages_read["pages"] < total_pages // 2, pages_read["pages"]
