"""Production behaviour: the Redis job queue, outages, metrics and request ids."""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import pytest
from sqlalchemy.engine import Engine

from app.container import build_services
from app.jobs.queue import JobRegistry
from app.jobs.redis_queue import RedisJobQueue, run_worker, sweep
from app.settings import Settings
from app.web import create_app
from nlp.embeddings import HashingEmbedder
from storage.db import session_scope
from storage.repositories.embeddings import answers_to_embed


def _wait_for(condition: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def _start_worker(queue: RedisJobQueue, engine: Engine) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(
        target=run_worker,
        args=(queue, engine),
        kwargs={"model": HashingEmbedder().name, "threads": 2, "sweep_every": 0.2, "stop": stop},
        daemon=True,
    )
    thread.start()
    return thread, stop


def test_jobs_queued_on_redis_run_in_a_worker_and_failures_are_retried(
    redis_url: str, sqlite_url: str
) -> None:
    from storage.db import make_engine

    done: list[int] = []
    attempts: list[int] = []
    registry = JobRegistry()
    registry.register("record", lambda n: done.append(n))

    def flaky(n: int) -> None:
        attempts.append(n)
        if len(attempts) < 2:
            raise RuntimeError("transient failure")
        done.append(n)

    registry.register("flaky", flaky)
    queue = RedisJobQueue(redis_url=redis_url, registry=registry)
    engine = make_engine(sqlite_url)
    with pytest.raises(LookupError):
        queue.enqueue("no-such-job")
    for n in range(5):
        queue.enqueue("record", n=n)
    queue.enqueue("flaky", n=99)
    thread, stop = _start_worker(queue, engine)
    try:
        _wait_for(lambda: sorted(done) == [0, 1, 2, 3, 4, 99], timeout=30)
        assert attempts == [99, 99]
        assert queue.depth() == 0
    finally:
        stop.set()
        thread.join(20)
        engine.dispose()
        queue.broker.close()


async def _say(client: httpx.AsyncClient, text: str) -> httpx.Response:
    return await client.post(
        "/simulator/api/messages", json={"text": text, "message_id": uuid.uuid4().hex}
    )


async def test_redis_down_the_conversation_still_works_and_the_sweep_themes_it_later(
    db_url: str, redis_url: str, engine: Engine, demo_consultation: str
) -> None:
    dead_redis = Settings(
        environment="test",
        database_url=db_url,
        seed_demo=False,
        redis_url="redis://127.0.0.1:9/0",  # nothing listens on the discard port
        embedder="hashing",
    )
    app = create_app(dead_redis)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        for text in ("MATTERS", "yes", "Fix the potholes on the main road"):
            response = await _say(client, text)
            assert response.status_code == 200
        assert response.json()["replies"], "the resident still gets a reply"

    model = HashingEmbedder().name
    with session_scope(engine) as session:
        assert len(answers_to_embed(session=session, model=model)) == 1

    # Redis is back: a worker's sweep finds the stored, unthemed answer.
    live = build_services(dead_redis.model_copy(update={"redis_url": redis_url}))
    assert isinstance(live.jobs, RedisJobQueue)
    assert sweep(live.jobs, live.db, model=model) == 1
    thread, stop = _start_worker(live.jobs, live.db)
    try:

        def themed() -> bool:
            with session_scope(engine) as session:
                return not answers_to_embed(session=session, model=model)

        _wait_for(themed, timeout=30)
    finally:
        stop.set()
        thread.join(20)
        live.jobs.broker.close()
        live.db.dispose()


async def test_database_down_answers_503_so_the_provider_retries() -> None:
    settings = Settings(
        environment="test",
        database_url="postgresql://nobody@127.0.0.1:9/none?connect_timeout=2",
        seed_demo=False,
    )
    app = create_app(settings)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        response = await _say(client, "MATTERS")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "5"
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert (await client.get("/healthz")).status_code == 200


async def test_metrics_and_request_ids(client: httpx.AsyncClient, demo_consultation: str) -> None:
    for text in ("MATTERS", "yes", "More youth clubs"):
        await _say(client, text)
    response = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"
    hostile = await client.get("/healthz", headers={"X-Request-ID": "<script>" + "x" * 100})
    assert hostile.headers["X-Request-ID"] != "<script>" + "x" * 100
    metrics = (await client.get("/metrics")).text
    assert 'whatmatters_webhooks_total{channel="web",status="200"}' in metrics
    assert 'whatmatters_answers_stored{channel="web"} 1.0' in metrics
    assert "whatmatters_participants_opted_out 0.0" in metrics
    assert "whatmatters_request_seconds_bucket" in metrics
    assert "whatmatters_queue_depth" in metrics
    # A resident's words never appear in metrics.
    assert "youth clubs" not in metrics


def test_a_worker_knows_every_job_the_web_app_queues(db_url: str) -> None:
    from app.container import build_services
    from app.jobs.catalogue import ALL_JOBS

    settings = Settings(environment="test", database_url=db_url, seed_demo=False)
    web = create_app(settings).state.services.job_registry.names()
    worker = build_services(settings)
    assert set(web) == set(worker.job_registry.names()) == ALL_JOBS
    worker.db.dispose()


def test_job_durations_are_recorded_by_either_queue() -> None:
    from prometheus_client import REGISTRY, generate_latest

    from app.jobs.queue import InProcessQueue

    registry = JobRegistry()
    registry.register("in_process_probe", lambda: None)

    def broken() -> None:
        raise RuntimeError("boom")

    registry.register("in_process_broken", broken)
    queue = InProcessQueue(registry)
    queue.enqueue("in_process_probe")
    queue.enqueue("in_process_broken")
    queue.drain()  # a failing job is logged, not fatal to the worker
    text = generate_latest(REGISTRY).decode()
    assert 'whatmatters_job_seconds_count{job="in_process_probe",outcome="ok"} 1.0' in text
    assert 'whatmatters_job_seconds_count{job="in_process_broken",outcome="error"} 1.0' in text
