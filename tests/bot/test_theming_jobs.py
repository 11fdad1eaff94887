"""The background jobs the app registers: theme each stored answer, refit when due."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from app.jobs import theming
from app.jobs.queue import InProcessQueue, JobRegistry
from app.jobs.theming import FIRST_REFIT_AT, register_theming_jobs
from nlp.embeddings.hashing import HashingEmbedder
from storage.db import session_scope
from storage.repositories import embeddings as embedding_repo
from storage.repositories import themes as repo
from tests.nlp.themes_factories import TOPICS, add_answers, make_consultation


def test_answers_are_themed_off_the_request_path(engine: Engine) -> None:
    registry = JobRegistry()
    queue = InProcessQueue(registry)
    register_theming_jobs(registry, engine, jobs=queue, embedder=HashingEmbedder())
    assert {"theme_answer", "refit"} <= set(registry.names())
    consultation_id = make_consultation(engine)
    texts = [t for group in TOPICS.values() for t in group]
    ids = add_answers(engine, consultation_id, texts[: FIRST_REFIT_AT - 1])
    for answer_id in ids:
        queue.enqueue("theme_answer", answer_id=answer_id)
    queue.drain()
    with session_scope(engine) as session:
        # Too few answers for themes yet: embedded, not themed.
        assert repo.list_themes(session=session, consultation_id=consultation_id) == []
        assert embedding_repo.embedding_of(session=session, answer_id=ids[0]) is not None
    ids += add_answers(engine, consultation_id, texts[FIRST_REFIT_AT - 1 :])
    for answer_id in ids[FIRST_REFIT_AT - 1 :]:
        queue.enqueue("theme_answer", answer_id=answer_id)
    queue.drain()  # the threshold answer queued the first refit, which ran in this drain
    with session_scope(engine) as session:
        themes = [
            t
            for t in repo.list_themes(session=session, consultation_id=consultation_id)
            if not t.is_other
        ]
        assert len(themes) >= 2
        assert all(repo.assignments_of(session=session, answer_id=a) for a in ids)
    # A retried job changes nothing (jobs are idempotent).
    late = add_answers(engine, consultation_id, ["the bins were not collected again this week"])
    for _ in range(2):
        queue.enqueue("theme_answer", answer_id=late[0])
        queue.drain()
    with session_scope(engine) as session:
        rows = repo.assignments_of(session=session, answer_id=late[0])
        assert len(rows) == len({r.theme_id for r in rows}) >= 1
    # Spam (a bare link) arriving with a real answer stays out of every theme.
    spam, real = add_answers(engine, consultation_id, ["https://example.com/x", "more buses"])
    for answer_id in (spam, real):
        queue.enqueue("theme_answer", answer_id=answer_id)
    queue.drain()
    with session_scope(engine) as session:
        assert repo.assignments_of(session=session, answer_id=spam) == []
        assert repo.assignments_of(session=session, answer_id=real) != []


def test_a_stored_answer_is_one_job_and_a_failing_step_skips_nothing() -> None:
    from app.jobs.catalogue import ANSWER_STORED_JOB, register_answer_stored_job

    registry = JobRegistry()
    ran: list[str] = []

    def theme_answer(answer_id: int) -> None:
        ran.append(f"theme {answer_id}")
        raise RuntimeError("embedding model missing")

    registry.register("theme_answer", theme_answer)
    registry.register("redact_answers", lambda answer_ids: ran.append(f"redact {answer_ids}"))
    register_answer_stored_job(registry)
    # Theming failed, redaction still ran, and the job reports the failure (so it is retried).
    with pytest.raises(RuntimeError, match="embedding model missing"):
        registry.run(ANSWER_STORED_JOB, {"answer_id": 7})
    assert ran == ["theme 7", "redact [7]"]
    # Without the console's redaction job (a bare worker), theming alone runs.
    bare = JobRegistry()
    bare.register("theme_answer", lambda answer_id: ran.append(f"theme only {answer_id}"))
    register_answer_stored_job(bare)
    bare.run(ANSWER_STORED_JOB, {"answer_id": 8})
    assert ran[-1] == "theme only 8"


def test_an_import_is_one_batch_job_that_regroups_and_reports_progress(engine: Engine) -> None:
    registry = JobRegistry()
    queue = InProcessQueue(registry)
    register_theming_jobs(registry, engine, jobs=queue, embedder=HashingEmbedder())
    consultation_id = make_consultation(engine)
    texts = [t for group in TOPICS.values() for t in group] * 20
    ids = add_answers(engine, consultation_id, texts)
    seen: list[object] = []
    original = repo.save_tree

    def spy(**fields: object) -> object:
        if "progress" in fields:
            seen.append(fields["progress"])
        return original(**fields)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(repo, "save_tree", spy)
        # Chunks smaller than the batch, so the bar moves during embedding.
        patch.setattr(theming, "PROGRESS_CHUNK", len(texts) // 2)
        queue.enqueue("theme_batch", answer_ids=ids)
        queue.drain()
    with session_scope(engine) as session:
        assert all(repo.assignments_of(session=session, answer_id=a) for a in ids)
        tree = repo.get_tree(session=session, consultation_id=consultation_id)
        assert tree is not None and tree.progress is None  # finished: no bar left behind
    steps = [p for p in seen if isinstance(p, dict)]
    assert [p["step"] for p in steps][:2] == ["embedding", "embedding"]
    assert steps[-1] == {"step": "grouping", "done": len(ids), "total": len(ids)}
    # An empty batch and an unknown answer do nothing and raise nothing.
    queue.enqueue("theme_batch", answer_ids=[])
    queue.enqueue("theme_batch", answer_ids=[10**9])
    queue.drain()


def test_an_edit_between_scoring_and_writing_is_not_undone(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # theme_answer scores a batch before its short write transaction; an officer's merge
    # landing in between must not leave the new answer in a theme that no longer exists.
    from nlp.themes import incremental
    from nlp.themes.edits import merge_themes, seed_theme
    from storage.models.themes import ThemeStatus

    consultation_id = make_consultation(engine)
    add_answers(engine, consultation_id, [t for group in TOPICS.values() for t in group])
    registry = JobRegistry()
    register_theming_jobs(registry, engine, embedder=HashingEmbedder())
    registry.run(theming.REFIT, {"consultation_id": consultation_id})
    with session_scope(engine) as session:  # at least two themes, whatever the refit found
        seed_theme(
            session=session,
            consultation_id=consultation_id,
            label="Parks",
            examples=TOPICS["parks"][:3],
            embedder=HashingEmbedder(),
        )
    scored = incremental.assignment_rows

    merged: list[bool] = []

    def score_then_an_officer_merges(**kwargs: object) -> object:
        planned = scored(**kwargs)  # type: ignore[arg-type]
        if merged:  # scoring again after the merge
            return planned
        merged.append(True)
        with session_scope(engine) as session:
            themes = repo.list_themes(session=session, consultation_id=consultation_id)
            ids = [int(t.id or 0) for t in themes if not t.is_other]
            merge_themes(
                session=session,
                consultation_id=consultation_id,
                source_ids=ids[1:],
                target_id=ids[0],
            )
        return planned

    monkeypatch.setattr(incremental, "assignment_rows", score_then_an_officer_merges)
    (late,) = add_answers(engine, consultation_id, ["bins not collected and buses late"])
    registry.run("theme_answer", {"answer_id": late})
    with session_scope(engine) as session:
        rows = repo.assignments_of(session=session, answer_id=late)
        statuses = {repo.get_theme(session=session, theme_id=r.theme_id).status for r in rows}
    assert merged and rows, "the merge came between scoring and writing"
    assert statuses == {ThemeStatus.ACTIVE}, "assigned to the themes left after the merge"
