"""Background jobs that theme answers off the request path.

``theme_answer`` embeds one new answer (once) and assigns it to its consultation's
current themes; concurrent ``theme_answer`` jobs of one worker share one embedder pass
(app.jobs.batching). When a consultation has no themes yet and enough answers have
arrived, it queues the first ``refit``. Assignment and refit of one consultation are
serialised by its lock (nlp.themes.locking), so they never write the same assignment
rows at once. Every job is idempotent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from app.jobs.batching import Batcher
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

#: Writes of computed vectors retried while SQLite stays locked (each waits its busy timeout).
LOCKED_RETRIES = 30

THEME_ANSWER = "theme_answer"
THEME_BATCH = "theme_batch"
REFIT = "refit"


def register_theming_jobs(
    registry: JobRegistry,
    engine: Engine,
    *,
    jobs: JobQueue | None = None,
    embedder: Any = None,
    batch_size: int = 64,
) -> None:
    """Register "theme_answer" and "refit" on ``registry``.

    Args:
        registry: the app's job registry.
        engine: the database engine the jobs use.
        jobs: queue used to chain a first refit after enough answers (optional).
        embedder: the embedder (the project default, loaded on first job, when None).
        batch_size: most answers one embedder pass takes from concurrent theme_answer jobs.
    """
    state: dict[str, Any] = {"embedder": embedder}
    pending: set[int] = set()
    lock = threading.Lock()

    def _embedder() -> Any:
        if state["embedder"] is None:
            from nlp.embeddings import default_embedder

            state["embedder"] = default_embedder()
        return state["embedder"]

    def embed(answer_ids: Sequence[int] | None = None, consultation_id: int | None = None) -> None:
        """Embed answers without a vector: the model runs outside any transaction."""
        from nlp.themes.incremental import embedding_rows
        from storage.db import session_scope, write_scope
        from storage.repositories import embeddings as embedding_repo

        with session_scope(engine) as session:
            todo = embedding_repo.answers_to_embed(
                session=session,
                model=_embedder().name,
                answer_ids=answer_ids,
                consultation_id=consultation_id,
            )
        for start in range(0, len(todo), PROGRESS_CHUNK):
            rows = embedding_rows(_embedder(), todo[start : start + PROGRESS_CHUNK])
            # Only the write holds SQLite's lock, for milliseconds: webhooks barely wait.
            # A busy web process may keep the lock longer than SQLite's busy timeout;
            # the vectors are kept and the write tried again, not the model run again.
            for attempt in range(LOCKED_RETRIES + 1):
                try:
                    with write_scope(engine) as session:
                        embedding_repo.save_embeddings(session=session, rows=rows)
                    break
                except OperationalError as error:
                    if "locked" not in str(error) or attempt == LOCKED_RETRIES:
                        raise
                    time.sleep(0.5)

    def theme_answers(answer_ids: Sequence[int]) -> None:
        """Embed a batch of new answers in one pass, then assign each to its themes."""
        from nlp.moderation.flags import SPAM
        from nlp.moderation.store import active_kinds
        from nlp.themes.incremental import assignment_rows
        from nlp.themes.locking import lock_consultation
        from nlp.themes.service import theme_index
        from storage.db import session_scope, write_scope
        from storage.repositories import embeddings as embedding_repo
        from storage.repositories import themes as repo

        embed(answer_ids=answer_ids)
        # The reads and the scoring run before the write transaction: on SQLite that
        # holds the only write lock, and a worker at the lowest CPU priority holding it
        # while the scheduler runs webhooks would make every webhook wait for it.
        with session_scope(engine) as session:
            by_consultation = embedding_repo.consultations_of_answers(
                session=session, answer_ids=answer_ids
            )
            planned = {
                consultation_id: (
                    repo.themes_version(session=session, consultation_id=consultation_id),
                    assignment_rows(session=session, answer_ids=ids, skip_spam=False),
                )
                for consultation_id, ids in by_consultation.items()
            }
        waiting: dict[int, int] = {}
        with write_scope(engine) as session:
            # Sorted, so two workers' batches take the locks in the same order.
            for consultation_id, ids in sorted(by_consultation.items()):
                # A refit of the same consultation rewrites every assignment: wait for
                # it (it holds this lock), then assign to the themes it left.
                lock_consultation(session, consultation_id)
                version, (assigned, rows) = planned[consultation_id]
                if repo.themes_version(session=session, consultation_id=consultation_id) != version:
                    # A refit or an officer's edit came in between: score again.
                    assigned, rows = assignment_rows(
                        session=session, answer_ids=ids, skip_spam=False
                    )
                flags = active_kinds(session, assigned)
                spam = {a for a in assigned if SPAM in flags.get(a, [])}
                if spam:  # spam stays out of themes
                    assigned = [a for a in assigned if a not in spam]
                    rows = [r for r in rows if r[0] not in spam]
                repo.replace_auto_assignments(session=session, answer_ids=assigned, rows=rows)
                if (
                    jobs is not None
                    and not theme_index(session=session, consultation_id=consultation_id).theme_ids
                ):
                    waiting[consultation_id] = embedding_repo.count_themed_answers(
                        session=session, consultation_id=consultation_id
                    )
        for consultation_id, count in waiting.items():
            _queue_first_refit(consultation_id, count)

    def _queue_first_refit(consultation_id: int, count: int) -> None:
        # While the first refit waits in the queue every new answer still sees "no
        # themes yet"; one pending first refit per consultation (per worker process)
        # keeps a burst of answers from queueing a refit each, and the refit itself
        # does nothing when another process's first refit got there before it.
        with lock:
            due = count >= FIRST_REFIT_AT and consultation_id not in pending
            if due:
                pending.add(consultation_id)
        if due and jobs is not None:
            jobs.enqueue(REFIT, consultation_id=consultation_id, first=True)

    batcher: Batcher[int] = Batcher(theme_answers, max_size=batch_size)

    def theme_answer(answer_id: int) -> None:
        # Jobs that arrive together (on other threads) share one embedder pass.
        batcher.submit(answer_id)

    def refit(consultation_id: int, about_n: int | None = None, first: bool = False) -> None:
        from nlp.themes.locking import lock_consultation
        from nlp.themes.service import refit_consultation
        from storage.db import write_scope
        from storage.repositories import themes as repo

        report: Any = "skipped: the consultation already has themes"
        try:
            # New answers are embedded first, outside the refit's transaction: on
            # SQLite that transaction holds the only write lock until it commits.
            embed(consultation_id=consultation_id)
            with write_scope(engine) as session:
                # The lock is the refit's own (re-entrant within a transaction): once
                # it is ours, a first refit sees whether another got there first.
                lock_consultation(session, consultation_id)
                themed = repo.list_themes(session=session, consultation_id=consultation_id)
                if not (first and themed):
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
        from nlp.themes.service import embed_and_assign, refit_consultation
        from storage.db import session_scope, write_scope
        from storage.repositories import embeddings as embedding_repo
        from storage.repositories import themes as repo

        if not answer_ids:
            return
        with session_scope(engine) as session:
            consultation_id = embedding_repo.consultation_of_answer(
                session=session, answer_id=answer_ids[0]
            )
        if consultation_id is None:
            return

        def progress(step: str, done: int, total: int) -> None:
            # Its own short transaction, so the board sees it while the work goes on.
            with write_scope(engine) as session:
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
                embed(answer_ids=answer_ids[start : start + PROGRESS_CHUNK])
            progress("grouping", len(answer_ids), len(answer_ids))
            with session_scope(engine) as session:
                stored = len(
                    embedding_repo.stored_answers(session=session, consultation_id=consultation_id)
                )
                has_themes = bool(theme_index_ids(session, consultation_id))
            # A batch that is a large share of the answers changes the themes: regroup.
            if not has_themes or len(answer_ids) * REGROUP_SHARE >= stored:
                with write_scope(engine) as session:
                    refit_consultation(
                        session=session,
                        consultation_id=consultation_id,
                        embedder=_embedder(),
                    )
            else:
                with write_scope(engine) as session:
                    embed_and_assign(session=session, answer_ids=answer_ids, embedder=_embedder())
        finally:
            with write_scope(engine) as session:
                repo.save_tree(session=session, consultation_id=consultation_id, progress=None)

    registry.register(THEME_ANSWER, theme_answer)
    registry.register(THEME_BATCH, theme_batch)
    registry.register(REFIT, refit)


def theme_index_ids(session: Any, consultation_id: int) -> list[int]:
    from nlp.themes.service import theme_index

    return theme_index(session=session, consultation_id=consultation_id).theme_ids
