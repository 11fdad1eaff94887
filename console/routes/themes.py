"""The theme board and one theme's answers (the edits are in theme_edits)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from app.services import ServicesDep
from console.board import DIMENSION_LABELS, cached_board
from console.deps import CurrentOfficer, ViewableConsultation, check_csrf
from console.disputes import board_disputes
from console.redact import redact_rows
from console.scoping import owned
from console.templating import render
from storage.db import session_scope
from storage.models import Consultation
from storage.models.themes import Theme
from storage.repositories import themes as themes_store
from storage.repositories.console_answers import AnswerRow
from storage.repositories.console_themes import DIMENSIONS, Dimension

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
MEMBERS_SHOWN = 200


@router.get("/{consultation_id}/themes", response_class=HTMLResponse)
def board(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
    by: Dimension = "ward",
    level: Literal["broad", "sub"] = "broad",
) -> Response:
    """Themes with counts, shares, approved quotes and charts, broad themes first."""
    with session_scope(services.db) as session:
        data, breakdown = cached_board(
            session=session,
            consultation=consultation,
            dimension=by,
            threshold=services.settings.small_cell_threshold,
            level=level,
        )
        # Outside the cached board: a resident's "not what I meant" shows at once.
        disputes = board_disputes(session=session, consultation_id=consultation.id or 0)
    return render(
        request,
        "themes.html",
        officer=officer,
        consultation=consultation,
        section="themes",
        board=data,
        breakdown=breakdown,
        dimensions=DIMENSIONS,
        dimension_labels=DIMENSION_LABELS,
        threshold=services.settings.small_cell_threshold,
        disputes=disputes,
    )


@router.get("/{consultation_id}/themes/{theme_id}", response_class=HTMLResponse)
def theme_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
    theme_id: int,
) -> Response:
    """One theme's answers (redacted), to move, pin as quotes or split."""
    with session_scope(services.db) as session:
        theme = _theme(session, consultation, theme_id)
        kids = [
            t
            for t in themes_store.list_themes(session=session, consultation_id=consultation.id or 0)
            if t.parent_id == theme_id
        ]
        # A broad theme's answers are its sub-themes' answers.
        member_ids = sorted(
            {
                a
                for t in ([theme] if theme.level == "sub" else kids)
                for a in themes_store.members_of(session=session, theme_id=int(t.id or 0))
            }
        )
        answers = _answer_rows(session, member_ids[:MEMBERS_SHOWN])
        texts = redact_rows(session, answers)
        others = [
            t
            for t in themes_store.list_themes(session=session, consultation_id=consultation.id or 0)
            if t.id != theme_id
        ]
        dispute = board_disputes(session=session, consultation_id=consultation.id or 0).get(
            theme_id
        )
    return render(
        request,
        "theme.html",
        officer=officer,
        consultation=consultation,
        section="themes",
        theme=theme,
        answers=answers,
        texts=texts,
        others=others,
        total=len(member_ids),
        pinned=set(theme.quote_answer_ids or []),
        sub_themes=kids,
        dispute=dispute,
    )


def _theme(session: Session, consultation: Consultation, theme_id: int) -> Theme:
    return owned(session, Theme, theme_id, consultation.id or 0)


def _answer_rows(session: Session, answer_ids: list[int]) -> list[AnswerRow]:
    from storage.models import Answer

    answers = (session.get(Answer, answer_id) for answer_id in answer_ids)
    return [AnswerRow.of(answer) for answer in answers if answer is not None]
