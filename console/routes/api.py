"""REST API for a council's own website: consultations (with their feedback), redacted answers,
themes, breakdowns.

Token auth (Authorization: Bearer <token>, made on the console's API tokens
page) and the same roles as the console. Responses are the *Public models
below; table classes never leave.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel
from sqlmodel import Session, SQLModel

from app.services import ServicesDep
from console.board import build_board, build_breakdown
from console.deps import ApiOfficer, ApiViewableConsultation, Cap, role_allows
from console.routes.exports import export_pages
from storage.db import session_scope
from storage.models import Consultation, ConsultationBase
from storage.repositories import console_accounts as accounts
from storage.repositories.console_themes import Dimension
from storage.repositories.feedback import feedback_status

router = APIRouter(prefix="/api/v1", tags=["api"])
MAX_PAGE = 1000


class FeedbackRecipientsPublic(BaseModel):
    sent: int
    # Still to be messaged (waiting for the rate, quiet hours or a resume).
    pending: int
    failed: int
    # Texted STOP (or blocked the bot) before their turn: never messaged.
    opted_out: int
    # Waiting when a newer version was published: they get that one instead.
    superseded: int


class FeedbackPublic(BaseModel):
    """One "you said, we did" publication: when it was queued and how sending went."""

    id: int
    published_at: datetime
    # When sending finished (nobody left waiting); null until then.
    sent_at: datetime | None
    # "found_out" and/or "difference": what this publication told people.
    sections: list[str]
    recipients: FeedbackRecipientsPublic


class ConsultationPublic(ConsultationBase):
    id: int
    created_at: datetime
    updated_at: datetime
    # Newest first.
    feedback: list[FeedbackPublic] = []


class AnswerPublic(SQLModel):
    id: int
    received_at: datetime
    channel: str
    language: str
    kind: str
    # Personal details removed; the resident's original words are never served.
    text_redacted: str
    themes: list[str]


class AnswersPage(BaseModel):
    items: list[AnswerPublic]
    # Pass as ?after_id= for the next page; null when this was the last one.
    next_after_id: int | None


class ThemePublic(SQLModel):
    id: int
    label: str
    label_cy: str
    is_other: bool
    answers: int
    share: float
    approved_quotes: list[str]


class BreakdownRow(BaseModel):
    theme_id: int
    label: str
    # null = hidden to protect privacy (small number, or would reveal one).
    cells: dict[str, int | None]
    total: int | None


class BreakdownPublic(BaseModel):
    dimension: str
    threshold: int
    rows: list[BreakdownRow]
    column_totals: dict[str, int | None]


def _public(session: Session, consultation: Consultation) -> ConsultationPublic:
    values = {name: getattr(consultation, name) for name in ConsultationBase.model_fields}
    feedback = [
        FeedbackPublic(
            id=item.publication.id or 0,
            published_at=item.publication.published_at,
            sent_at=item.publication.sent_at,
            sections=item.sections,
            recipients=FeedbackRecipientsPublic(**item.counts),
        )
        for item in feedback_status(session=session, consultation_id=consultation.id or 0)
    ]
    return ConsultationPublic(
        id=consultation.id or 0,
        created_at=consultation.created_at,
        updated_at=consultation.updated_at,
        feedback=feedback,
        **values,
    )


@router.get("/consultations", response_model=list[ConsultationPublic])
def list_consultations(services: ServicesDep, officer: ApiOfficer) -> list[ConsultationPublic]:
    """Consultations this token's account can view."""
    if not role_allows(officer.role, Cap.VIEW):
        raise HTTPException(403, "This account cannot use the API.")
    with session_scope(services.db) as session:
        rows = accounts.consultations_for(session=session, officer=officer)
        return [_public(session, c) for c in rows]


@router.get("/consultations/{consultation_id}", response_model=ConsultationPublic)
def get_consultation(
    services: ServicesDep, consultation: ApiViewableConsultation
) -> ConsultationPublic:
    """One consultation with its Your Voice fields and its "you said, we did" feedback."""
    with session_scope(services.db) as session:
        return _public(session, consultation)


@router.get("/consultations/{consultation_id}/answers", response_model=AnswersPage)
def list_answers(
    services: ServicesDep,
    consultation: ApiViewableConsultation,
    after_id: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
) -> AnswersPage:
    """Answers in id order, redacted, a page at a time."""
    # The export pipeline, so the API can never be less careful than an export.
    rows = [
        row
        for page in export_pages(services, consultation.id or 0, after_id=after_id, max_rows=limit)
        for row in page
    ]
    items = [
        AnswerPublic(
            id=row.answer_id,
            received_at=row.received_at,
            channel=row.channel,
            language=row.language,
            kind=row.kind,
            text_redacted=row.text,
            themes=row.themes,
        )
        for row in rows
    ]
    return AnswersPage(
        items=items, next_after_id=rows[-1].answer_id if len(rows) == limit else None
    )


@router.get("/consultations/{consultation_id}/themes", response_model=list[ThemePublic])
def list_themes(services: ServicesDep, consultation: ApiViewableConsultation) -> list[ThemePublic]:
    """Themes with counts, shares and approved (redacted) quotes."""
    with session_scope(services.db) as session:
        board = build_board(session=session, consultation=consultation)
    return [
        ThemePublic(
            id=t.theme.id or 0,
            label=t.label,
            label_cy=t.theme.display_label("cy"),
            is_other=t.theme.is_other,
            answers=t.count,
            share=round(t.share, 4),
            approved_quotes=[q.text for q in board.quotes.get(t.theme.id or 0, [])],
        )
        for t in board.themes
    ]


@router.get(
    "/consultations/{consultation_id}/breakdowns/{dimension}", response_model=BreakdownPublic
)
def get_breakdown(
    services: ServicesDep, consultation: ApiViewableConsultation, dimension: Dimension
) -> BreakdownPublic:
    """Theme by ward, age band, channel or language, with small cells suppressed."""
    threshold = services.settings.small_cell_threshold
    with session_scope(services.db) as session:
        board = build_board(session=session, consultation=consultation)
        labels = {t.theme.id or 0: t.label for t in board.themes}
        breakdown = build_breakdown(
            session=session,
            consultation_id=consultation.id or 0,
            dimension=dimension,
            labels=labels,
            threshold=threshold,
        )
    table = breakdown.table
    return BreakdownPublic(
        dimension=dimension,
        threshold=threshold,
        rows=[
            BreakdownRow(
                theme_id=tid,
                label=label,
                cells=dict(table.cells[tid]),
                total=table.row_totals[tid],
            )
            for tid, label in breakdown.rows
        ],
        column_totals=dict(table.column_totals),
    )
