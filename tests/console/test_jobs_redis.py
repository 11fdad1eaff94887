"""Imports and exports on the production queue: Redis (dramatiq) and `whatmatters worker`."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update
from sqlmodel import select

import console.import_job
from app.cli.worker import warm_up_worker
from app.container import build_services
from app.jobs.redis_queue import RedisJobQueue, run_worker
from app.services import Services
from app.settings import Settings
from console.app import include_console
from nlp.embeddings import HashingEmbedder
from storage.db import session_scope
from storage.models import Answer, table_of, utcnow
from storage.models.jobs import ConsoleJob
from storage.repositories import console_jobs as jobs_repo
from tests.console.factories import make_consultation, make_officer, sign_in
from tests.console.jobs_support import job_path
from tests.console.test_import import _upload, _upload_id

ROWS = 300


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the jobs sent to Redis (patched before the services take `enqueue`)."""
    names: list[str] = []
    real = RedisJobQueue.enqueue

    def counted(self: RedisJobQueue, job: str, /, **kwargs: Any) -> None:
        names.append(job)
        real(self, job, **kwargs)

    monkeypatch.setattr(RedisJobQueue, "enqueue", counted)
    return names


@pytest.fixture
def live(db_url: str, redis_url: str, sent: list[str]) -> Iterator[Services]:
    services = build_services(
        Settings(
            environment="test",
            database_url=db_url,
            seed_demo=False,
            redis_url=redis_url,
            embedder="hashing",
        )
    )
    assert isinstance(services.jobs, RedisJobQueue)
    services.jobs.broker.client.flushdb()
    yield services
    services.jobs.broker.client.flushdb()
    services.jobs.broker.close()
    services.db.dispose()


@pytest.fixture
async def client(live: Services) -> Any:
    app = FastAPI()
    app.state.services = live
    include_console(app, live)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def _worker(live: Services) -> tuple[threading.Thread, threading.Event]:
    assert isinstance(live.jobs, RedisJobQueue)
    warm_up_worker()
    stop = threading.Event()
    thread = threading.Thread(
        target=run_worker,
        args=(live.jobs, live.db),
        kwargs={
            "model": HashingEmbedder().name,
            "threads": 2,
            "sweep_every": 0.2,
            "stop": stop,
        },
        daemon=True,
    )
    thread.start()
    return thread, stop


def _wait_for(live: Services, job_id: int, state: str, seconds: float = 60) -> ConsoleJob:
    deadline = time.monotonic() + seconds
    seen = ""
    while time.monotonic() < deadline:
        job = jobs_repo.get_job(engine=live.db, job_id=job_id)
        assert job is not None
        if job.state == state:
            return job
        seen = job.state
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} never reached {state}: {seen}")


async def test_an_import_is_one_redis_job_and_its_theming_one_job_per_slice(
    client: httpx.AsyncClient, live: Services, sent: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console.import_job, "SLICE_ROWS", 100)
    officer = make_officer(live.db)
    cid = make_consultation(live.db, shared_with=[officer])
    token = await sign_in(client, officer)
    content = ("Answer\r\n" + "".join(f"Answer number {i}\r\n" for i in range(ROWS))).encode()
    mapped = await _upload(client, cid, token, content)
    started = await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}",
        data={"csrf_token": token, "text": "Answer"},
    )
    path = job_path(started)
    assert sent == ["import_answers"]
    thread, stop = _worker(live)
    try:
        job = _wait_for(live, int(path.rsplit("/", 1)[1]), "done")
    finally:
        stop.set()
        thread.join(30)
    assert job.rows_stored == ROWS
    # Three slices: one theming job each, never one per row. (The idle worker's sweep
    # may queue redaction again in batches while the slices' own jobs run.)
    assert sent.count("import_answers") == 1 and sent.count("theme_batch") == 3
    assert "theme_answer" not in sent and len(sent) < 20
    with session_scope(live.db) as session:
        assert len(session.exec(select(Answer).where(Answer.consultation_id == cid)).all()) == ROWS


async def test_a_job_whose_worker_died_is_resumed_by_the_sweep(
    client: httpx.AsyncClient, live: Services
) -> None:
    officer = make_officer(live.db)
    cid = make_consultation(live.db, shared_with=[officer])
    token = await sign_in(client, officer)
    content = ("Answer\r\n" + "".join(f"Answer {i}\r\n" for i in range(50))).encode()
    mapped = await _upload(client, cid, token, content)
    job_id = int(_upload_id(mapped.text))
    await client.post(
        f"/console/consultations/{cid}/import/{job_id}",
        data={"csrf_token": token, "text": "Answer"},
    )
    # The worker that took it died mid-way long ago, and its message is gone.
    assert isinstance(live.jobs, RedisJobQueue)
    live.jobs.broker.client.flushdb()
    with session_scope(live.db) as session:
        session.execute(
            update(table_of(ConsoleJob))
            .where(table_of(ConsoleJob).c.id == job_id)
            .values(state="running", attempt=1, updated_at=utcnow() - timedelta(hours=1))
        )
    thread, stop = _worker(live)
    try:
        job = _wait_for(live, job_id, "done")
    finally:
        stop.set()
        thread.join(30)
    assert job.rows_stored == 50 and job.attempt == 2
