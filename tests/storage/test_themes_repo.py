"""The theme tables on real SQLite and PostgreSQL: embeddings stored once, officer rows
kept by bulk replacement, cascades when an answer is erased."""

from __future__ import annotations

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from storage.db import session_scope
from storage.models import Answer
from storage.models.themes import AnswerEmbedding, AssignmentSource, ThemeAssignment
from storage.repositories import embeddings as embedding_repo
from storage.repositories import theme_edits as edits_repo
from storage.repositories import themes as repo
from tests.nlp.themes_factories import add_answers, make_consultation

VECTOR = b"\x00\x00\x80\x3f" * 4  # four float32 ones


@pytest.fixture
def answers(engine: Engine) -> tuple[int, list[int]]:
    consultation_id = make_consultation(engine)
    return consultation_id, add_answers(engine, consultation_id, ["buses", "bins", "parks"])


def test_embeddings_are_stored_once_and_replaced_not_duplicated(
    engine: Engine, answers: tuple[int, list[int]]
) -> None:
    consultation_id, ids = answers
    with session_scope(engine) as session:
        todo = embedding_repo.answers_to_embed(
            session=session, model="m1", consultation_id=consultation_id
        )
        assert [a for a, _ in todo] == ids
        embedding_repo.save_embeddings(
            session=session, rows=[(a, "m1", 4, VECTOR, "en", None) for a in ids[:2]]
        )
    with session_scope(engine) as session:
        left = embedding_repo.answers_to_embed(
            session=session, model="m1", consultation_id=consultation_id
        )
        assert [a for a, _ in left] == ids[2:]
        # A new model means new vectors: everything is due again, and saving replaces.
        assert (
            len(embedding_repo.answers_to_embed(session=session, model="m2", answer_ids=ids)) == 3
        )
        embedding_repo.save_embeddings(
            session=session, rows=[(ids[0], "m2", 4, VECTOR, "cy", VECTOR)]
        )
    with session_scope(engine) as session:
        rows = session.exec(select(AnswerEmbedding)).all()
        assert len(rows) == 2
        stored = {
            a.answer_id: a
            for a in embedding_repo.stored_answers(session=session, consultation_id=consultation_id)
        }
        assert stored[ids[0]].model == "m2" and stored[ids[0]].language == "cy"
        assert stored[ids[0]].clauses == VECTOR
        assert stored[ids[2]].vector is None


def test_bulk_replacement_keeps_officer_and_pinned_rows(
    engine: Engine, answers: tuple[int, list[int]]
) -> None:
    consultation_id, ids = answers
    with session_scope(engine) as session:
        a = repo.add_theme(session=session, consultation_id=consultation_id, label_en="A")
        b = repo.add_theme(session=session, consultation_id=consultation_id, label_en="B")
        repo.replace_auto_assignments(
            session=session, answer_ids=ids, rows=[(i, int(a.id or 0), 0.8, 0) for i in ids]
        )
        repo.set_officer_assignment(session=session, answer_id=ids[0], theme_id=int(b.id or 0))
    with session_scope(engine) as session:
        # A refit wants everything in A again, with B as a second theme for ids[0].
        repo.replace_auto_assignments(
            session=session,
            answer_ids=ids,
            rows=[(i, int(a.id or 0), 0.7, 0) for i in ids] + [(ids[0], int(b.id or 0), 0.5, 1)],
        )
    with session_scope(engine) as session:
        first = repo.assignments_of(session=session, answer_id=ids[0])
        assert [(r.theme_id, r.source) for r in first][0] == (b.id, AssignmentSource.OFFICER)
        assert len(first) == len({r.theme_id for r in first})  # no duplicate pair
        assert (
            repo.theme_sizes(session=session, consultation_id=consultation_id)[int(a.id or 0)] == 2
        )
        assert [
            r.answer_id
            for r in repo.officer_assignments(session=session, consultation_id=consultation_id)
        ] == [ids[0]]


def test_erasing_an_answer_erases_its_vector_and_assignments(
    engine: Engine, answers: tuple[int, list[int]]
) -> None:
    consultation_id, ids = answers
    with session_scope(engine) as session:
        theme = repo.add_theme(session=session, consultation_id=consultation_id, label_en="A")
        embedding_repo.save_embeddings(
            session=session, rows=[(ids[0], "m1", 4, VECTOR, "en", None)]
        )
        repo.replace_auto_assignments(
            session=session, answer_ids=[ids[0]], rows=[(ids[0], int(theme.id or 0), 0.9, 0)]
        )
    with session_scope(engine) as session:
        session.execute(delete(Answer).where(Answer.id == ids[0]))  # type: ignore[arg-type]
    with session_scope(engine) as session:
        assert session.exec(select(AnswerEmbedding)).all() == []
        assert session.exec(select(ThemeAssignment)).all() == []


def test_other_bucket_is_one_per_consultation_and_edits_are_logged(
    engine: Engine, answers: tuple[int, list[int]]
) -> None:
    consultation_id, _ = answers
    with session_scope(engine) as session:
        first = repo.other_theme(session=session, consultation_id=consultation_id)
        again = repo.other_theme(session=session, consultation_id=consultation_id)
        assert first.id == again.id and first.is_other
        edits_repo.log_edit(
            session=session,
            consultation_id=consultation_id,
            action="rename",
            theme_id=first.id,
            payload={"to": "Misc"},
        )
        assert [
            e.payload
            for e in edits_repo.list_edits(session=session, consultation_id=consultation_id)
        ] == [{"to": "Misc"}]
        with pytest.raises(repo.ThemeEditError):
            repo.get_theme(
                session=session, theme_id=int(first.id or 0), consultation_id=consultation_id + 1
            )


def test_an_answer_cannot_carry_the_same_theme_twice(
    engine: Engine, answers: tuple[int, list[int]]
) -> None:
    consultation_id, ids = answers
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        theme = repo.add_theme(session=session, consultation_id=consultation_id)
        session.add(ThemeAssignment(answer_id=ids[0], theme_id=int(theme.id or 0)))
        session.add(ThemeAssignment(answer_id=ids[0], theme_id=int(theme.id or 0)))
        session.flush()
