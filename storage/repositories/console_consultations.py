"""Console-side changes to consultations: editing fields and question wording, counts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.models import Answer, Consultation, Conversation, Question, QuestionKind, utcnow
from storage.repositories.consultations import (
    YOUR_VOICE_FIELDS,
    ConsultationError,
    get_by_keyword,
    normalise_keyword,
    questions_of,
)

EDITABLE_FIELDS = (
    "title_en",
    "title_cy",
    "department",
    "opens_at",
    "closes_at",
    *YOUR_VOICE_FIELDS,
    "results_url",
)
# The order questions are asked in; profile questions are optional.
QUESTION_ORDER = (QuestionKind.OPEN, QuestionKind.PROBE, QuestionKind.WARD, QuestionKind.AGE_BAND)

DEFAULT_AGE_BANDS: list[dict[str, Any]] = [
    {"value": "under-25", "en": "Under 25", "cy": "Dan 25"},
    {"value": "25-44", "en": "25 to 44", "cy": "25 i 44"},
    {"value": "45-64", "en": "45 to 64", "cy": "45 i 64"},
    {"value": "65-plus", "en": "65 or over", "cy": "65 a throsodd"},
]


def update_consultation(
    *, session: Session, consultation: Consultation, keyword: str | None = None, **fields: Any
) -> Consultation:
    """Change the editable fields (not the slug: printed links and QR codes use it)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ConsultationError(f"unknown consultation fields: {', '.join(sorted(unknown))}")
    if keyword is not None:
        keyword = normalise_keyword(keyword)
        other = get_by_keyword(session=session, keyword=keyword)
        if other is not None and other.id != consultation.id:
            raise ConsultationError(f"the keyword {keyword!r} is already used")
        consultation.keyword = keyword
    for name, value in fields.items():
        setattr(consultation, name, value)
    consultation.updated_at = utcnow()
    session.add(consultation)
    session.flush()
    return consultation


def set_questions(
    *,
    session: Session,
    consultation_id: int,
    wording: Mapping[QuestionKind, tuple[str, str] | None],
) -> list[Question]:
    """Set each question kind's (English, Welsh) wording; None removes an optional question.

    Existing questions keep their ids (answers point at them); positions follow
    QUESTION_ORDER.
    """
    if wording.get(QuestionKind.OPEN) is None:
        raise ConsultationError("a consultation needs its open question")
    existing = {q.kind: q for q in questions_of(session=session, consultation_id=consultation_id)}
    kept: list[Question] = []
    for kind in QUESTION_ORDER:
        pair = wording.get(kind)
        question = existing.get(kind)
        if pair is None:
            if question is not None:
                session.delete(question)
            continue
        prompt_en, prompt_cy = (part.strip() for part in pair)
        if not prompt_en or not prompt_cy:
            raise ConsultationError(f"the {kind.value} question needs English and Welsh wording")
        if question is None:
            question = Question(
                consultation_id=consultation_id,
                kind=kind,
                prompt_en=prompt_en,
                prompt_cy=prompt_cy,
                choices=DEFAULT_AGE_BANDS if kind == QuestionKind.AGE_BAND else None,
            )
        question.prompt_en, question.prompt_cy = prompt_en, prompt_cy
        kept.append(question)
    for other in existing.values():
        if other.kind not in QUESTION_ORDER:
            kept.append(other)
    # Two passes so the (consultation, position) unique constraint never sees a clash.
    for offset, question in enumerate(kept):
        question.position = -1 - offset
        session.add(question)
    session.flush()
    for position, question in enumerate(kept):
        question.position = position
        session.add(question)
    session.flush()
    return kept


def answer_count(*, session: Session, consultation_id: int) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Answer)
            .where(Answer.consultation_id == consultation_id)
        ).one()
    )


def answer_ids(*, session: Session, consultation_id: int) -> list[int]:
    """Every answer id of the consultation, in order."""
    rows = session.exec(
        select(col(Answer.id))
        .where(Answer.consultation_id == consultation_id)
        .order_by(col(Answer.id))
    )
    return [int(i) for i in rows if i is not None]


def conversation_count(*, session: Session, consultation_id: int) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Conversation)
            .where(Conversation.consultation_id == consultation_id)
        ).one()
    )


def latest_answers(
    *, session: Session, consultation_id: int, limit: int = 50, before_id: int | None = None
) -> list[Answer]:
    query = select(Answer).where(Answer.consultation_id == consultation_id)
    if before_id is not None:
        query = query.where(col(Answer.id) < before_id)
    return list(session.exec(query.order_by(col(Answer.id).desc()).limit(limit)))


def parse_date(value: str | None) -> datetime | None:
    """An HTML date input ("2026-03-01") as a UTC midnight, or None when blank."""
    if not value or not value.strip():
        return None
    try:
        from datetime import UTC

        return datetime.fromisoformat(value.strip()).replace(tzinfo=UTC)
    except ValueError:
        raise ConsultationError(f"{value!r} is not a date (use YYYY-MM-DD)") from None
