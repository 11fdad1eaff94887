"""The answers list: newest first, redacted, with their themes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from app.services import ServicesDep
from console.deps import CurrentOfficer, ViewableConsultation, check_csrf
from console.redact import redact_rows
from console.templating import render
from storage.db import session_scope
from storage.repositories import console_themes as themes_repo
from storage.repositories.console_answers import AnswerRow
from storage.repositories.console_consultations import answer_count, latest_answers

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
PAGE = 50


@router.get("/{consultation_id}/answers", response_class=HTMLResponse)
def answers_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
    before: int | None = None,
) -> Response:
    """Latest answers (redacted); page back with ?before=<id>."""
    with session_scope(services.db) as session:
        answers = latest_answers(
            session=session, consultation_id=consultation.id or 0, limit=PAGE, before_id=before
        )
        rows = [
            AnswerRow(a.id or 0, a.received_at, a.channel, a.language, a.kind, None, None, a.text)
            for a in answers
        ]
        texts = redact_rows(session, rows)
        labels = themes_repo.theme_labels_for_answers(
            session=session, answer_ids=[r.id for r in rows]
        )
        total = answer_count(session=session, consultation_id=consultation.id or 0)
    return render(
        request,
        "answers.html",
        officer=officer,
        consultation=consultation,
        section="answers",
        rows=rows,
        texts=texts,
        labels=labels,
        total=total,
        older=rows[-1].id if len(rows) == PAGE else None,
    )
