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

THEME_ANSWER = "theme_answer"
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

    registry.register(THEME_ANSWER, theme_answer)
    registry.register(REFIT, refit)
