"""The answers list: newest first, redacted, with their themes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services import ServicesDep
from console.deps import (
    Cap,
    CurrentOfficer,
    EditableConsultation,
    ViewableConsultation,
    check_csrf,
    role_allows,
)
from console.i18n import Msg
from console.redact import redact_rows
from console.scoping import owned
from console.templating import flash, render
from nlp.moderation.flags import HIDDEN_KINDS, SPAM
from nlp.moderation.store import answer_flags, spam_answer_ids
from storage.db import session_scope
from storage.models import Answer
from storage.repositories import console_themes as themes_repo
from storage.repositories.answer_flags import FlagError, set_cleared
from storage.repositories.audit import record_event
from storage.repositories.console_answers import AnswerRow, answers_by_id
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
    flag: Annotated[str | None, Query(pattern="^spam$")] = None,
) -> Response:
    """Latest answers (redacted); page back with ?before=<id>; ?flag=spam lists the spam."""
    with session_scope(services.db) as session:
        answers = latest_answers(
            session=session, consultation_id=consultation.id or 0, limit=PAGE, before_id=before
        )
        rows = [AnswerRow.of(a) for a in answers]
        texts = redact_rows(session, rows)
        labels = themes_repo.theme_labels_for_answers(
            session=session, answer_ids=[r.id for r in rows]
        )
        total = answer_count(session=session, consultation_id=consultation.id or 0)
        flags = answer_flags(session, [r.id for r in rows])
        spam = spam_answer_ids(session=session, consultation_id=consultation.id or 0)
        if flag == SPAM:
            # The answers left out of themes as spam, newest first, to check and restore.
            rows = answers_by_id(session=session, answer_ids=spam[:PAGE])
            texts = redact_rows(session, rows)
            flags = answer_flags(session, [r.id for r in rows])
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
        older=rows[-1].id if len(rows) == PAGE and flag is None else None,
        flags=flags,
        spam_count=len(spam),
        showing_spam=flag == SPAM,
        hidden_kinds=HIDDEN_KINDS,
        can_edit=role_allows(officer.role, Cap.EDIT),
    )


@router.post("/{consultation_id}/answers/{answer_id}/flags")
def change_flag(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    answer_id: int,
    kind: Annotated[str, Form(pattern="^(abuse|spam|identifying)$")],
    action: Annotated[str, Form(pattern="^(clear|restore)$")],
) -> Response:
    """An officer judges a flag wrong (clear) or right after all (restore); audited."""
    with session_scope(services.db) as session:
        # Another consultation's answer is "not found", as on every console route.
        owned(session, Answer, answer_id, consultation.id or 0)
        answer_flags(session, [answer_id])  # checked now if it never was
        try:
            set_cleared(session=session, answer_id=answer_id, kind=kind, cleared=action == "clear")
        except FlagError as error:
            flash(request, Msg.of("flash-not-changed", reason=str(error)), "error")
        else:
            record_event(
                session=session,
                actor=f"officer:{officer.id}",
                action="answer_flag_" + action,
                subject=f"answer:{answer_id}",
                detail={"kind": kind},
            )
            if action == "clear":
                flash(request, Msg.of("flash-flag-cleared", kind=kind))
            else:
                flash(request, Msg.of("flash-flag-restored", kind=kind))
    return RedirectResponse(f"/console/consultations/{consultation.id}/answers", status_code=303)
