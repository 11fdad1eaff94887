"""Theming under concurrency: batched embedder passes, and refits racing assignments."""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from app.jobs.batching import Batcher
from app.jobs.queue import JobRegistry
from app.jobs.theming import FIRST_REFIT_AT, REFIT, register_theming_jobs
from nlp.embeddings.hashing import HashingEmbedder
from storage.db import make_engine, session_scope
from storage.repositories import embeddings as embedding_repo
from storage.repositories import themes as repo
from tests.nlp.themes_factories import TOPICS, add_answers, make_consultation


def _together(calls: Sequence[Callable[[], object]]) -> list[BaseException]:
    """Run the calls on threads released at the same instant; the errors they raised."""
    start = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call: Callable[[], object]) -> None:
        start.wait()
        try:
            call()
        except BaseException as error:  # collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return errors


def test_jobs_arriving_together_share_a_batch_and_a_bad_item_fails_alone() -> None:
    batches: list[list[int]] = []

    def work(items: Sequence[int]) -> None:
        if 13 in items:
            raise ValueError("answer 13 is broken")
        batches.append(list(items))

    batcher: Batcher[int] = Batcher(work, max_size=8, linger=0.05)
    results: dict[int, str] = {}

    def submit(item: int) -> None:
        try:
            batcher.submit(item)
            results[item] = "ok"
        except ValueError:
            results[item] = "failed"

    assert _together([functools.partial(submit, i) for i in range(20)]) == []
    done = sorted(i for batch in batches for i in batch)
    assert done == [i for i in range(20) if i != 13], "every good item once, none twice"
    assert results == {i: "failed" if i == 13 else "ok" for i in range(20)}
    assert max(len(b) for b in batches) > 1, "concurrent jobs shared an embedder pass"
    assert all(len(b) <= 8 for b in batches)
    # The same answer queued twice (a retried delivery) is worked on once per batch.
    batches.clear()
    assert _together([lambda: batcher.submit(5), lambda: batcher.submit(5)]) == []
    assert sum(b.count(5) for b in batches) <= 2


@contextmanager
def _two_workers_after_a_refit(
    url: str,
) -> Iterator[tuple[list[Engine], list[JobRegistry], int, list[int]]]:
    """Two worker processes' worth of engines and job registries on one database, with a
    consultation whose first answers (the ids yielded last) one of them has refitted."""
    engines = [make_engine(url), make_engine(url)]
    try:
        embedder = HashingEmbedder()
        consultation_id = make_consultation(engines[0])
        texts = [t for group in TOPICS.values() for t in group]
        first = add_answers(engines[0], consultation_id, texts)
        registries = [JobRegistry(), JobRegistry()]
        for registry, engine in zip(registries, engines, strict=True):
            register_theming_jobs(registry, engine, embedder=embedder)
        registries[0].run(REFIT, {"consultation_id": consultation_id})
        yield engines, registries, consultation_id, first
    finally:
        for engine in engines:
            engine.dispose()


def test_refits_and_assignments_of_one_consultation_never_collide(db_url: str) -> None:
    # The outcome under free-running contention; the two tests below force the races
    # this cannot be sure to hit (each fails with its fix removed). Two worker processes'
    # worth of engines and registries on one database.
    with _two_workers_after_a_refit(db_url) as (engines, registries, consultation_id, first):
        texts = [t for group in TOPICS.values() for t in group]
        # New answers arrive while both workers refit: assignment jobs on both
        # workers, two refits at once (an officer's and a retried one).
        # One round (the races themselves are forced by the tests below).
        late = add_answers(engines[0], consultation_id, [f"{t} again" for t in texts])
        calls: list[Callable[[], object]] = [
            functools.partial(r.run, REFIT, {"consultation_id": consultation_id})
            for r in registries
        ]
        # Each answer's job on both workers, as after a redelivery.
        calls += [
            functools.partial(r.run, "theme_answer", {"answer_id": a})
            for a in late
            for r in registries
        ]
        assert _together(calls) == []
        with session_scope(engines[0]) as session:
            for answer_id in first + late:
                rows = repo.assignments_of(session=session, answer_id=answer_id)
                assert [r.rank for r in rows].count(0) == 1, "exactly one primary theme"
                assert len({r.theme_id for r in rows}) == len(rows)


def test_a_first_refit_queued_by_two_workers_runs_once(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    embedder = HashingEmbedder()
    consultation_id = make_consultation(engine)
    texts = [t for group in TOPICS.values() for t in group][:FIRST_REFIT_AT]
    ids = add_answers(engine, consultation_id, texts)
    queued: list[tuple[str, dict[str, Any]]] = []

    class Recording:
        def enqueue(self, job: str, /, **kwargs: Any) -> None:
            queued.append((job, kwargs))

    # Each worker process has its own "pending first refit" memory.
    registries = [JobRegistry(), JobRegistry()]
    for registry in registries:
        register_theming_jobs(registry, engine, jobs=Recording(), embedder=embedder)
    for registry in registries:
        registry.run("theme_answer", {"answer_id": ids[-1]})
    assert queued == [(REFIT, {"consultation_id": consultation_id, "first": True})] * 2
    with caplog.at_level(logging.INFO, logger="app.jobs.theming"):
        for registry, (job, kwargs) in zip(registries, queued, strict=True):
            registry.run(job, kwargs)
    reports = [r.getMessage() for r in caplog.records if "refit consultation" in r.getMessage()]
    assert len(reports) == 2
    assert "skipped: the consultation already has themes" in reports[1]
    assert "skipped" not in reports[0]


def _meet_at(monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> None:
    """Make the first two writes of rows through ``module.name`` wait for each other.

    Two jobs that both decided to write (each read the store before the other wrote)
    then write at the same instant: the race made certain rather than left to timing.
    A write that waits half a second alone goes ahead: the other job is held back by
    a lock, which is the fix working.
    """
    real = getattr(module, name)
    meeting = threading.Barrier(2, timeout=0.5)
    arrivals: list[int] = []
    guard = threading.Lock()

    def meet_then_write(*args: Any, **kwargs: Any) -> Any:
        with guard:
            first_two = bool(kwargs.get("rows")) and len(arrivals) < 2
            if first_two:
                arrivals.append(threading.get_ident())
        if first_two:
            try:
                meeting.wait()
            except threading.BrokenBarrierError:
                pass
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, meet_then_write)


def _two_workers_racing(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, meet: str
) -> None:
    """A refit on one worker and the new answers' jobs on another, meeting at ``meet``."""
    with _two_workers_after_a_refit(pg_url) as (engines, registries, consultation_id, first):
        texts = [t for group in TOPICS.values() for t in group]
        new = add_answers(engines[0], consultation_id, [f"{t} again" for t in texts[::4]])
        module = embedding_repo if meet == "save_embeddings" else repo
        _meet_at(monkeypatch, module, meet)
        calls: list[Callable[[], object]] = [
            functools.partial(registries[0].run, REFIT, {"consultation_id": consultation_id})
        ]
        calls += [
            functools.partial(registries[1].run, "theme_answer", {"answer_id": a}) for a in new
        ]
        with caplog.at_level(logging.WARNING):
            assert _together(calls) == [], "neither job failed"
        # A batch that failed and was re-run answer by answer is wasted work, and a
        # failed refit is a refit to do again: neither may happen.
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
        with session_scope(engines[0]) as session:
            for answer_id in first + new:
                assert embedding_repo.embedding_of(session=session, answer_id=answer_id)
                rows = repo.assignments_of(session=session, answer_id=answer_id)
                assert [r.rank for r in rows].count(0) == 1, "exactly one primary theme"


@pytest.mark.postgres
def test_a_refit_and_a_new_answers_job_embedding_it_at_once_both_succeed(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Both read "no vector yet" for the new answers, then insert their vectors together:
    # a plain insert fails the second on answerembedding's primary key (the upsert fixes it).
    _two_workers_racing(pg_url, monkeypatch, caplog, meet="save_embeddings")


@pytest.mark.postgres
def test_a_refit_and_a_new_answers_job_never_assign_the_same_answer_at_once(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Without the consultation lock both would write the new answers' assignments at the
    # same instant: a unique violation, or an answer with two primary themes.
    _two_workers_racing(pg_url, monkeypatch, caplog, meet="replace_auto_assignments")
