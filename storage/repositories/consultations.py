"""Consultations and their questions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.input_policy import UnsafeText, WordListError, word_list
from storage.models import (
    Consultation,
    ConsultationStatus,
    Question,
    QuestionKind,
    as_utc,
    utcnow,
)


class ConsultationError(ValueError):
    """A consultation definition or change that cannot be accepted."""


YOUR_VOICE_FIELDS = (
    "why_en",
    "why_cy",
    "want_to_know_en",
    "want_to_know_cy",
    "found_out_en",
    "found_out_cy",
    "difference_en",
    "difference_cy",
)


def normalise_keyword(keyword: str) -> str:
    cleaned = "".join(ch for ch in keyword.strip().upper() if ch.isalnum())
    if not cleaned:
        raise ConsultationError("a keyword needs at least one letter or digit")
    return cleaned


def ward_list(raw: Any) -> list[dict[str, str]] | None:
    """A consultation's ward list as stored: [{"en": ..., "cy": ...}]; plain names allowed."""
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) > 500:
        raise ConsultationError("wards must be a list (at most 500) of names or {en, cy} pairs")
    wards: list[dict[str, str]] = []
    for item in raw:
        pair = {"en": item} if isinstance(item, str) else item
        if not isinstance(pair, dict):
            raise ConsultationError(f"ward {item!r} must be a name or an {{en, cy}} pair")
        en, cy = str(pair.get("en") or "").strip(), str(pair.get("cy") or "").strip()
        if not en or len(en) > 100 or len(cy) > 100:
            raise ConsultationError(
                f"ward {item!r} needs an English name of at most 100 characters"
            )
        wards.append({"en": en, "cy": cy})
    return wards


OTHER_FIELDS = frozenset(
    {"department", "opens_at", "closes_at", "wards", "places_to_keep", "words_to_hide"}
)


def redaction_word_list(raw: Any, *, field: str) -> list[str] | None:
    """A consultation file's places to keep or words to hide, checked as the console does."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ConsultationError(f"{field} must be a list of words or phrases")
    try:
        found = word_list("\n".join(raw), field=field)
    except (WordListError, UnsafeText) as error:
        raise ConsultationError(str(error)) from error
    return found or None


def create_consultation(
    *,
    session: Session,
    slug: str,
    keyword: str,
    title_en: str,
    title_cy: str,
    questions: Sequence[Mapping[str, Any]],
    status: ConsultationStatus = ConsultationStatus.DRAFT,
    **fields: Any,
) -> Consultation:
    """Create a consultation with its questions; refuses duplicates with a clear error."""
    unknown = set(fields) - set(YOUR_VOICE_FIELDS) - OTHER_FIELDS
    if unknown:
        raise ConsultationError(f"unknown consultation fields: {', '.join(sorted(unknown))}")
    if "wards" in fields:
        fields["wards"] = ward_list(fields["wards"])
    for name in ("places_to_keep", "words_to_hide"):
        if name in fields:
            fields[name] = redaction_word_list(fields[name], field=name.replace("_", " "))
    keyword = normalise_keyword(keyword)
    if get_by_slug(session=session, slug=slug) is not None:
        raise ConsultationError(f"a consultation with slug {slug!r} already exists")
    if get_by_keyword(session=session, keyword=keyword) is not None:
        raise ConsultationError(f"the keyword {keyword!r} is already used")
    kinds = [_question_kind(position, q) for position, q in enumerate(questions)]
    if kinds.count(QuestionKind.OPEN) != 1:
        raise ConsultationError("a consultation needs exactly one open question")
    consultation = Consultation(
        slug=slug, keyword=keyword, title_en=title_en, title_cy=title_cy, status=status, **fields
    )
    session.add(consultation)
    session.flush()
    for position, question in enumerate(questions):
        if not question.get("prompt_en") or not question.get("prompt_cy"):
            raise ConsultationError(
                f"question {position + 1} needs wording in English and Welsh (prompt_en, prompt_cy)"
            )
        session.add(
            Question(
                consultation_id=consultation.id,  # type: ignore[arg-type]
                position=position,
                kind=kinds[position],
                prompt_en=question["prompt_en"],
                prompt_cy=question["prompt_cy"],
                choices=question.get("choices"),
            )
        )
    session.flush()
    return consultation


def _question_kind(position: int, question: Mapping[str, Any]) -> QuestionKind:
    if not isinstance(question, Mapping):
        raise ConsultationError(f"question {position + 1} must be a mapping of fields")
    try:
        return QuestionKind(str(question.get("kind")))
    except ValueError:
        allowed = ", ".join(kind.value for kind in QuestionKind)
        raise ConsultationError(
            f"question {position + 1} has kind {question.get('kind')!r}; use one of: {allowed}"
        ) from None


def get_by_slug(*, session: Session, slug: str) -> Consultation | None:
    return session.exec(select(Consultation).where(Consultation.slug == slug)).first()


def get_by_keyword(*, session: Session, keyword: str) -> Consultation | None:
    try:
        keyword = normalise_keyword(keyword)
    except ConsultationError:
        return None
    return session.exec(select(Consultation).where(Consultation.keyword == keyword)).first()


def list_consultations(*, session: Session) -> list[Consultation]:
    return list(session.exec(select(Consultation).order_by(col(Consultation.id))))


def list_open(*, session: Session, now: datetime | None = None) -> list[Consultation]:
    """Consultations accepting answers now (status open and within any dates set)."""
    now = now or utcnow()
    return [c for c in list_consultations(session=session) if is_accepting(c, now=now)]


def is_accepting(consultation: Consultation, *, now: datetime | None = None) -> bool:
    now = now or utcnow()
    if consultation.status != ConsultationStatus.OPEN:
        return False
    if consultation.opens_at is not None and as_utc(consultation.opens_at) > now:
        return False
    return not (consultation.closes_at is not None and as_utc(consultation.closes_at) <= now)


def questions_of(*, session: Session, consultation_id: int) -> list[Question]:
    return list(
        session.exec(
            select(Question)
            .where(Question.consultation_id == consultation_id)
            .order_by(col(Question.position))
        )
    )


def set_status(
    *, session: Session, consultation: Consultation, status: ConsultationStatus
) -> Consultation:
    consultation.status = status
    consultation.updated_at = utcnow()
    session.add(consultation)
    session.flush()
    return consultation


def count_consultations(*, session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(Consultation)).one())
