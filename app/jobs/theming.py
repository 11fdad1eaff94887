"""Background jobs that theme answers off the request path.

``theme_answer`` embeds one new answer (once) and assigns it to its consultation's
current themes; when a consultation has no themes yet and enough answers have
arrived, it queues the first ``refit``. Both jobs are idempotent.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy.engine import Engine

from app.jobs.queue import JobQueue, JobRegistry

log = logging.getLogger(__name__)

#: A consultation's first themes are found once this many answers are in.
FIRST_REFIT_AT = 10
#: A batch holding at least 1 / REGROUP_SHARE of a consultation's answers regroups them.
REGROUP_SHARE = 4
#: Answers embedded between two progress updates of a batch. Large on purpose: one
#: embedder call over 2,000 answers and their clauses took 29-34 s where chunks of
#: 256 took 53-62 s (bench/RESULTS.md); a 2,000-answer import embeds in one call.
PROGRESS_CHUNK = 2048

THEME_ANSWER = "theme_answer"
THEME_BATCH = "theme_batch"
REFIT = "refit"


def register_theming_jobs(
    registry: JobRegistry, engine: Engine, *, jobs: JobQueue | None = None, embedder: Any = None
) -> None:
    """Register "theme_answer" and "refit" on ``registry``.

    Args:
        registry: the app's job registry.
        engine: the database engine the jobs use.
        jobs: queue used to chain a first refit after enough answers (optional).
        embedder: the embedder (the project default, loaded on first job, when None).
    """
    state: dict[str, Any] = {"embedder": embedder}
    pending: set[int] = set()
    lock = threading.Lock()

    def _embedder() -> Any:
        if state["embedder"] is None:
            from nlp.embeddings import default_embedder

            state["embedder"] = default_embedder()
        return state["embedder"]

    def theme_answer(answer_id: int) -> None:
        from nlp.themes.service import embed_and_assign, theme_index
        from storage.db import session_scope
        from storage.repositories import themes as repo

        with session_scope(engine) as session:
            embed_and_assign(session=session, answer_ids=[answer_id], embedder=_embedder())
            consultation_id = repo.consultation_of_answer(session=session, answer_id=answer_id)
            if consultation_id is None or jobs is None:
                return
            if theme_index(session=session, consultation_id=consultation_id).theme_ids:
                return
            count = len(repo.stored_answers(session=session, consultation_id=consultation_id))
        # While the first refit waits in the queue every new answer still sees "no
        # themes yet"; one pending first refit per consultation (per worker process)
        # keeps a burst of answers from queueing a refit each.
        with lock:
            due = count >= FIRST_REFIT_AT and consultation_id not in pending
            if due:
                pending.add(consultation_id)
        if due:
            jobs.enqueue(REFIT, consultation_id=consultation_id)

    def refit(consultation_id: int, about_n: int | None = None) -> None:
        from nlp.themes.service import refit_consultation
        from storage.db import session_scope

        try:
            with session_scope(engine) as session:
                report = refit_consultation(
                    session=session,
                    consultation_id=consultation_id,
                    embedder=_embedder(),
                    about_n=about_n,
                )
        finally:
            with lock:
                pending.discard(consultation_id)
        log.info("refit consultation %s: %s", consultation_id, report)

    def theme_batch(answer_ids: list[int]) -> None:
        """Theme a batch (an import) at once: embed together, then regroup or assign."""
        from nlp.themes.service import embed_and_assign, embed_answers, refit_consultation
        from storage.db import session_scope
        from storage.repositories import themes as repo

        if not answer_ids:
            return
        with session_scope(engine) as session:
            consultation_id = repo.consultation_of_answer(session=session, answer_id=answer_ids[0])
        if consultation_id is None:
            return

        def progress(step: str, done: int, total: int) -> None:
            # Its own short transaction, so the board sees it while the work goes on.
            with session_scope(engine) as session:
                repo.save_tree(
                    session=session,
                    consultation_id=consultation_id,
                    progress={"step": step, "done": done, "total": total},
                )

        try:
            # Chunk by chunk, each in its own transaction: progress is written between
            # them (SQLite allows one writer at a time).
            for start in range(0, len(answer_ids), PROGRESS_CHUNK):
                progress("embedding", start, len(answer_ids))
                with session_scope(engine) as session:
                    embed_answers(
                        session=session,
                        embedder=_embedder(),
                        answer_ids=answer_ids[start : start + PROGRESS_CHUNK],
                    )
            progress("grouping", len(answer_ids), len(answer_ids))
            with session_scope(engine) as session:
                stored = len(repo.stored_answers(session=session, consultation_id=consultation_id))
                has_themes = bool(theme_index_ids(session, consultation_id))
            # A batch that is a large share of the answers changes the themes: regroup.
            if not has_themes or len(answer_ids) * REGROUP_SHARE >= stored:
                with session_scope(engine) as session:
                    refit_consultation(
                        session=session,
                        consultation_id=consultation_id,
                        embedder=_embedder(),
                    )
            else:
                with session_scope(engine) as session:
                    embed_and_assign(session=session, answer_ids=answer_ids, embedder=_embedder())
        finally:
            with session_scope(engine) as session:
                repo.save_tree(session=session, consultation_id=consultation_id, progress=None)

    registry.register(THEME_ANSWER, theme_answer)
    registry.register(THEME_BATCH, theme_batch)
    registry.register(REFIT, refit)


def theme_index_ids(session: Any, consultation_id: int) -> list[int]:
    from nlp.themes.service import theme_index

    return theme_index(session=session, consultation_id=consultation_id).theme_ids
