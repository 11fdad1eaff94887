"""Answer embeddings and the theming backlog: which answers wait for a vector.

Split from storage.repositories.themes (themes, assignments, edits). Vectors are
opaque bytes here (float32, little-endian); the nlp layer reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session

from storage.models import Answer, utcnow
from storage.models._base import table_of
from storage.models.themes import AnswerEmbedding

EMBEDDING = table_of(AnswerEmbedding)
ANSWER = table_of(Answer)

#: Answer kinds that are not free text and are never themed. A playback reply is stored
#: only for its words ("what we missed", a correction), so it is themed like any answer.
NOT_THEMED = ("choice", "ward", "age_band", "feedback", "keyword")


@dataclass(frozen=True)
class StoredAnswer:
    """An answer with its stored vector, as a refit needs it."""

    answer_id: int
    text: str
    language: str
    vector: bytes | None
    model: str | None
    clauses: bytes | None = None


def save_embeddings(
    *, session: Session, rows: Sequence[tuple[int, str, int, bytes, str, bytes | None]]
) -> int:
    """Store (answer_id, model, dim, vector, language, clauses) rows, replacing old ones.

    Returns:
        How many rows were written.
    """
    if not rows:
        return 0
    values = [
        {
            "answer_id": a,
            "model": m,
            "dim": d,
            "vector": v,
            "language": lang,
            "clauses": c,
            "created_at": utcnow(),
        }
        for a, m, d, v, lang, c in rows
    ]
    # An upsert, not delete + insert: a refit and a theme_answer job may embed the same
    # new answer at the same moment, and the second must not fail on the primary key.
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
    statement = upsert(EMBEDDING)
    statement = statement.on_conflict_do_update(
        index_elements=[EMBEDDING.c.answer_id],
        set_={
            name: statement.excluded[name]
            for name in ("model", "dim", "vector", "language", "clauses", "created_at")
        },
    )
    session.execute(statement, values)
    return len(rows)


def answers_to_embed(
    *,
    session: Session,
    model: str,
    answer_ids: Sequence[int] | None = None,
    consultation_id: int | None = None,
    imported: bool = True,
) -> list[tuple[int, str]]:
    """(id, text) of themed answers with no vector from ``model`` yet (imports too unless not)."""
    query = (
        core_select(ANSWER.c.id, ANSWER.c.text)
        .select_from(ANSWER.outerjoin(EMBEDDING, EMBEDDING.c.answer_id == ANSWER.c.id))
        .where((EMBEDDING.c.answer_id.is_(None)) | (EMBEDDING.c.model != model))
        .where(ANSWER.c.kind.not_in(NOT_THEMED))
        .order_by(ANSWER.c.id)
    )
    if answer_ids is not None:
        query = query.where(ANSWER.c.id.in_(list(answer_ids)))
    if consultation_id is not None:
        query = query.where(ANSWER.c.consultation_id == consultation_id)
    if not imported:
        query = query.where(ANSWER.c.kind != "import")
    return [(int(r[0]), str(r[1])) for r in session.execute(query)]


def stored_answers(*, session: Session, consultation_id: int) -> list[StoredAnswer]:
    """Every themed answer of a consultation with its vector (if any), oldest first."""
    query = (
        core_select(
            ANSWER.c.id,
            ANSWER.c.text,
            EMBEDDING.c.language,
            EMBEDDING.c.vector,
            EMBEDDING.c.model,
            EMBEDDING.c.clauses,
        )
        .select_from(ANSWER.outerjoin(EMBEDDING, EMBEDDING.c.answer_id == ANSWER.c.id))
        .where(ANSWER.c.consultation_id == consultation_id)
        .where(ANSWER.c.kind.not_in(NOT_THEMED))
        .order_by(ANSWER.c.id)
    )
    return [
        StoredAnswer(int(r[0]), str(r[1]), str(r[2] or "en"), r[3], r[4], r[5])
        for r in session.execute(query)
    ]


def embedding_of(*, session: Session, answer_id: int) -> AnswerEmbedding | None:
    return session.get(AnswerEmbedding, answer_id)


def unthemed_imports(
    *, session: Session, model: str, created_before: Any, limit: int = 100_000
) -> dict[int, list[int]]:
    """Imported answers stored before ``created_before`` with no vector, by consultation.

    An import queues its own theming a slice at a time; the worker's sweep only takes
    up what such a job lost, in batches, never one job per imported row.
    """
    query = (
        core_select(ANSWER.c.consultation_id, ANSWER.c.id)
        .select_from(ANSWER.outerjoin(EMBEDDING, EMBEDDING.c.answer_id == ANSWER.c.id))
        .where((EMBEDDING.c.answer_id.is_(None)) | (EMBEDDING.c.model != model))
        .where(ANSWER.c.kind == "import", ANSWER.c.created_at < created_before)
        .order_by(ANSWER.c.id)
        .limit(limit)
    )
    found: dict[int, list[int]] = {}
    for consultation_id, answer_id in session.execute(query):
        found.setdefault(int(consultation_id), []).append(int(answer_id))
    return found


# -- the backlog's answers ------------------------------------------------------------
def consultation_of_answer(*, session: Session, answer_id: int) -> int | None:
    answer = session.get(Answer, answer_id)
    return None if answer is None else answer.consultation_id


def consultations_of_answers(
    *, session: Session, answer_ids: Sequence[int]
) -> dict[int, list[int]]:
    """Answer ids grouped by consultation, in id order (ids of erased answers dropped)."""
    grouped: dict[int, list[int]] = {}
    query = (
        core_select(ANSWER.c.consultation_id, ANSWER.c.id)
        .where(ANSWER.c.id.in_(list(answer_ids)))
        .order_by(ANSWER.c.id)
    )
    for consultation_id, answer_id in session.execute(query):
        grouped.setdefault(int(consultation_id), []).append(int(answer_id))
    return grouped


def count_themed_answers(*, session: Session, consultation_id: int) -> int:
    """How many of a consultation's answers are themed (open answers, not profile replies)."""
    query = (
        core_select(func.count())
        .select_from(ANSWER)
        .where(ANSWER.c.consultation_id == consultation_id)
        .where(ANSWER.c.kind.not_in(NOT_THEMED))
    )
    return int(session.execute(query).scalar_one())


def embedded_answers(
    *, session: Session, answer_ids: Sequence[int]
) -> list[tuple[int, int, str, bytes, bytes | None]]:
    """(answer, consultation, model, vector, clauses) of the given answers that have a
    vector, in id order: one query for a whole batch instead of two per answer."""
    found: list[tuple[int, int, str, bytes, bytes | None]] = []
    ids = list(answer_ids)
    for start in range(0, len(ids), 5000):
        query = (
            core_select(
                ANSWER.c.id,
                ANSWER.c.consultation_id,
                EMBEDDING.c.model,
                EMBEDDING.c.vector,
                EMBEDDING.c.clauses,
            )
            .select_from(ANSWER.join(EMBEDDING, EMBEDDING.c.answer_id == ANSWER.c.id))
            .where(ANSWER.c.id.in_(ids[start : start + 5000]))
            .order_by(ANSWER.c.id)
        )
        found += [(int(a), int(c), str(m), v, cl) for a, c, m, v, cl in session.execute(query)]
    return found
