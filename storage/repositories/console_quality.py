"""Hand-coded samples for the quality check."""

from __future__ import annotations

import random

from sqlalchemy import select
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from storage.models._base import table_of
from storage.models.participant import Answer
from storage.models.quality import HandCode

ANSWER = table_of(Answer)


def sample_answer_ids(*, session: Session, consultation_id: int, size: int, seed: int) -> list[int]:
    """A reproducible random sample (the same seed gives the same answers)."""
    ids = [
        int(row[0])
        for row in session.execute(
            select(ANSWER.c.id).where(ANSWER.c.consultation_id == consultation_id)
        )
    ]
    random.Random(seed).shuffle(ids)
    return sorted(ids[:size])


def save_codes(
    *, session: Session, consultation_id: int, officer_id: int, codes: dict[int, int | None]
) -> None:
    """Record (or change) this officer's theme for each answer; None means "none of these"."""
    existing = {
        c.answer_id: c
        for c in session.exec(
            orm_select(HandCode).where(
                HandCode.officer_id == officer_id,
                col(HandCode.answer_id).in_(list(codes)),
            )
        )
    }
    for answer_id, theme_id in codes.items():
        code = existing.get(answer_id) or HandCode(
            consultation_id=consultation_id, answer_id=answer_id, officer_id=officer_id
        )
        code.theme_id = theme_id
        session.add(code)
    session.flush()


def codes_of(*, session: Session, consultation_id: int, officer_id: int) -> dict[int, int | None]:
    rows = session.exec(
        orm_select(HandCode).where(
            HandCode.consultation_id == consultation_id, HandCode.officer_id == officer_id
        )
    )
    return {c.answer_id: c.theme_id for c in rows}
