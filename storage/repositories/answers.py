"""Residents' answers: written by the conversation engine, read by theming and the console."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from storage.hot_sql import Executor, HotStatement
from storage.models import Answer
from storage.models._base import table_of

ANSWER = table_of(Answer)
# Built once: the engine stores an answer for most inbound messages.
_INSERT = HotStatement(insert(ANSWER).returning(ANSWER.c.id))


def answer_values(
    *,
    consultation_id: int,
    channel: str,
    text: str,
    received_at: datetime,
    language: str = "en",
    kind: str = "open",
    participant_id: int | None = None,
    conversation_id: int | None = None,
    question_id: int | None = None,
    provider_message_id: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """An answer row's columns, checked by keyword (for `create_answer` or the turn's end)."""
    return {
        "consultation_id": consultation_id,
        "participant_id": participant_id,
        "conversation_id": conversation_id,
        "question_id": question_id,
        "kind": kind,
        "channel": channel,
        "language": language,
        "text": text,
        "received_at": received_at,
        "created_at": now or received_at,
        "provider_message_id": provider_message_id,
    }


def create_answer(
    *,
    session: Session,
    consultation_id: int,
    channel: str,
    text: str,
    received_at: datetime,
    language: str = "en",
    kind: str = "open",
    participant_id: int | None = None,
    conversation_id: int | None = None,
    question_id: int | None = None,
    provider_message_id: str | None = None,
    now: datetime | None = None,
) -> int:
    """Store one answer and return its id.

    `provider_message_id` is unique across the table: a second delivery of the
    same provider message raises IntegrityError and stores nothing.
    """
    values = answer_values(
        consultation_id=consultation_id,
        channel=channel,
        text=text,
        received_at=received_at,
        language=language,
        kind=kind,
        participant_id=participant_id,
        conversation_id=conversation_id,
        question_id=question_id,
        provider_message_id=provider_message_id,
        now=now,
    )
    return insert_answer(session=session, values=values)


def insert_answer(*, session: Executor, values: dict[str, Any]) -> int:
    """Store one answer from `answer_values` and return its id."""
    return int(_INSERT.execute(session, values)[0][0])


def get_answer(*, session: Session, answer_id: int) -> Answer | None:
    return session.get(Answer, answer_id)


def list_answers(
    *,
    session: Session,
    consultation_id: int | None = None,
    participant_id: int | None = None,
) -> list[Answer]:
    """Answers in the order they were stored, optionally for one consultation or person."""
    stmt = orm_select(Answer).order_by(col(Answer.id))
    if consultation_id is not None:
        stmt = stmt.where(col(Answer.consultation_id) == consultation_id)
    if participant_id is not None:
        stmt = stmt.where(col(Answer.participant_id) == participant_id)
    return list(session.exec(stmt).all())


def count_answers(*, session: Session, consultation_id: int | None = None) -> int:
    stmt = select(func.count()).select_from(ANSWER)
    if consultation_id is not None:
        stmt = stmt.where(ANSWER.c.consultation_id == consultation_id)
    return int(session.execute(stmt).scalar_one())
