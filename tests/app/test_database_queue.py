"""The database job queue: jobs survive restarts and crashes, bad jobs are refused."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine

from app.jobs.db_queue import DatabaseJobQueue, DatabaseWorker, sweep_into
from app.jobs.queue import JobRegistry
from app.jobs.theming import register_theming_jobs
from nlp.embeddings.hashing import HashingEmbedder
from storage.db import session_scope
from storage.repositories import embeddings as embedding_repo
from storage.repositories import pending_jobs
from storage.repositories import themes as repo
from tests.nlp.themes_factories import TOPICS, add_answers, make_consultation


def _queued(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return pending_jobs.queued_job_names(session=session)


def _run_until(worker: DatabaseWorker, done: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run ``worker`` on a thread until ``done()`` holds (or fail after ``timeout``)."""
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,))
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not done():
            assert time.monotonic() < deadline, "the worker did not finish in time"
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def test_queued_answers_are_themed_after_a_restart(engine: Engine) -> None:
    embedder = HashingEmbedder()
    consultation_id = make_consultation(engine)
    texts = [t for group in TOPICS.values() for t in group]
    ids = add_answers(engine, consultation_id, texts)

    # The web process queues the jobs, then stops before any worker ran them.
    before = JobRegistry()
    register_theming_jobs(before, engine, embedder=embedder)
    queue = DatabaseJobQueue(engine=engine, registry=before)
    for answer_id in ids:
        queue.enqueue("theme_answer", answer_id=answer_id)
    assert _queued(engine) == ["theme_answer"] * len(ids)

    # After the restart: a new process, a new registry, the same rows.
    after = JobRegistry()
    restarted = DatabaseJobQueue(engine=engine, registry=after)
    register_theming_jobs(after, engine, jobs=restarted, embedder=embedder)
    assert restarted.depth() == len(ids)
    _run_until(DatabaseWorker(restarted, after, threads=8, poll=0.02), lambda: not _queued(engine))
    with session_scope(engine) as session:
        assert not embedding_repo.answers_to_embed(session=session, model=embedder.name)
        # The threshold answer queued the first refit through the same table; it ran.
        themes = repo.list_themes(session=session, consultation_id=consultation_id)
        assert len([t for t in themes if not t.is_other]) >= 2
        assert all(repo.assignments_of(session=session, answer_id=a) for a in ids)


def test_a_job_whose_worker_died_runs_again_when_its_lease_lapses(engine: Engine) -> None:
    ran: list[int] = []
    registry = JobRegistry()
    registry.register("note", lambda n: ran.append(n))
    queue = DatabaseJobQueue(engine=engine, registry=registry)
    queue.enqueue("note", n=1)
    # A worker claimed the job for 0.3 s, then was killed before it finished.
    with session_scope(engine) as session:
        claimed = pending_jobs.claim_jobs(session=session, now=time.time(), lease=0.3, limit=10)
    assert [c.job for c in claimed] == ["note"]
    # Claimed jobs are not claimed twice while the lease holds.
    with session_scope(engine) as session:
        assert not pending_jobs.claim_jobs(session=session, now=time.time(), lease=5, limit=10)
    _run_until(DatabaseWorker(queue, registry, poll=0.02), lambda: not _queued(engine))
    assert ran == [1]


def test_a_failing_job_is_retried_with_its_error_kept_and_others_run(engine: Engine) -> None:
    attempts: list[int] = []
    ran: list[str] = []
    registry = JobRegistry()

    def flaky(n: int) -> None:
        attempts.append(n)
        if len(attempts) < 3:
            raise RuntimeError("model not loaded yet")

    registry.register("flaky", flaky)
    registry.register("fine", lambda: ran.append("fine"))
    queue = DatabaseJobQueue(engine=engine, registry=registry)
    queue.enqueue("flaky", n=7)
    queue.enqueue("fine")
    _run_until(DatabaseWorker(queue, registry, poll=0.02), lambda: not _queued(engine))
    assert attempts == [7, 7, 7]  # backed off 0.5 s, then 1 s
    assert ran == ["fine"]


def test_bad_jobs_are_refused_at_the_call_site_and_nothing_is_stored(engine: Engine) -> None:
    registry = JobRegistry()
    registry.register("note", lambda **_: None)
    queue = DatabaseJobQueue(engine=engine, registry=registry)
    with pytest.raises(LookupError, match="no job named 'nope'"):
        queue.enqueue("nope")
    with pytest.raises(ValueError, match="exceed"):
        queue.enqueue("note", text="x" * (pending_jobs.MAX_KWARGS_BYTES + 1))
    with pytest.raises(TypeError):
        queue.enqueue("note", when=object())  # arguments must be JSON, as on Redis
    # One bad job in a batch stores none of them.
    with pytest.raises(LookupError):
        queue.enqueue_many([("note", {}), ("nope", {})])
    assert _queued(engine) == []
    # Hostile text in arguments is data, stored and handed back unchanged.
    hostile = "'); DROP TABLE pendingjob; -- \u0000\u202e"
    queue.enqueue("note", text=hostile)
    with session_scope(engine) as session:
        (claimed,) = pending_jobs.claim_jobs(session=session, now=time.time(), lease=5, limit=5)
    assert claimed.kwargs == {"text": hostile}


def test_the_sweep_queues_answers_no_job_was_queued_for(engine: Engine) -> None:
    embedder = HashingEmbedder()
    consultation_id = make_consultation(engine)
    ids = add_answers(engine, consultation_id, ["fix the potholes", "more buses please"])
    registry = JobRegistry()
    queue = DatabaseJobQueue(engine=engine, registry=registry)
    register_theming_jobs(registry, engine, jobs=queue, embedder=embedder)
    assert sweep_into(queue, engine, model=embedder.name) == len(ids)
    assert _queued(engine) == ["theme_answer", "theme_answer"]


def test_a_refit_queued_while_redis_was_down_runs_once_redis_is_back(
    engine: Engine, redis_url: str
) -> None:
    from app.jobs.redis_queue import RedisJobQueue, forward_waiting_jobs, run_worker

    ran: list[int] = []
    registry = JobRegistry()
    registry.register("refit", lambda consultation_id: ran.append(consultation_id))
    fallback = DatabaseJobQueue(engine=engine, registry=registry)
    down = RedisJobQueue(
        redis_url="redis://127.0.0.1:9/0",  # nothing listens on the discard port
        registry=registry,
        fallback=fallback,
    )
    down.enqueue("refit", consultation_id=3)  # an officer's click: no error, nothing lost
    down.broker.close()
    assert _queued(engine) == ["refit"]

    up = RedisJobQueue(redis_url=redis_url, registry=registry, fallback=fallback)
    stop = threading.Event()
    worker = threading.Thread(
        target=run_worker, args=(up, engine), kwargs={"model": "m", "stop": stop, "sweep_every": 1}
    )
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while ran != [3]:
            assert time.monotonic() < deadline, "the kept job never ran"
            time.sleep(0.1)
        assert _queued(engine) == []
        assert forward_waiting_jobs(up, engine) == 0  # sent once, not again
    finally:
        stop.set()
        worker.join(30)
        up.broker.close()
