"""The council's response to each theme, and the "what difference it made" draft built from them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError

from app.services import ServicesDep
from console.deps import CurrentOfficer, EditableConsultation, ViewableConsultation, check_csrf
from console.difference import draft_difference
from console.i18n import LocalisedHTTPException, Msg
from console.scoping import PathId
from console.templating import flash, page_language, render
from storage.db import session_scope
from storage.models import Consultation
from storage.models.feedback_themes import MAX_THEMES_PER_MESSAGE
from storage.models.responses import TEXT_LIMIT, Decision, ResponseStatus
from storage.models.themes import Theme, ThemeStatus
from storage.repositories import console_accounts as accounts
from storage.repositories import console_consultations as edits
from storage.repositories import feedback_themes
from storage.repositories import responses as responses_store

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


DECISION_LABELS = {
    Decision.WILL_DO: Msg("response-decision-will-do"),
    Decision.ALREADY_DOING: Msg("response-decision-already-doing"),
    Decision.NOT_DOING: Msg("response-decision-not-doing"),
    Decision.PASSED_ON: Msg("response-decision-passed-on"),
}
STATUS_LABELS = {
    ResponseStatus.PLANNED: Msg("response-status-planned"),
    ResponseStatus.IN_PROGRESS: Msg("response-status-in-progress"),
    ResponseStatus.DONE: Msg("response-status-done"),
    ResponseStatus.CLOSED: Msg("response-status-closed"),
}
# "What difference it made" is a Your Voice text field: the same limit as the edit form.
DIFFERENCE_LIMIT = 20_000


class ResponseForm(BaseModel):
    decision: Decision
    detail_en: str = Field(default="", max_length=TEXT_LIMIT)
    detail_cy: str = Field(default="", max_length=TEXT_LIMIT)
    owner_service: str = Field(default="", max_length=responses_store.NAME_LIMIT)
    passed_to: str = Field(default="", max_length=responses_store.NAME_LIMIT)
    status: ResponseStatus = ResponseStatus.PLANNED
    # An <input type="date"> sends "" when left empty.
    status_date: str = Field(default="", max_length=40)

    def draft(self) -> responses_store.ResponseDraft:
        when: date | None = None
        if self.status_date:
            try:
                when = date.fromisoformat(self.status_date)
            except ValueError as error:
                raise responses_store.ResponseError("Give the date as YYYY-MM-DD.") from error
        return responses_store.ResponseDraft(
            decision=self.decision,
            detail_en=self.detail_en,
            detail_cy=self.detail_cy,
            owner_service=self.owner_service,
            passed_to=self.passed_to,
            status=self.status,
            status_date=when,
        )


class DifferenceForm(BaseModel):
    difference_en: str = Field(default="", max_length=DIFFERENCE_LIMIT)
    difference_cy: str = Field(default="", max_length=DIFFERENCE_LIMIT)


def _active_theme(services: ServicesDep, consultation: Consultation, theme_id: int) -> Theme:
    with session_scope(services.db) as session:
        theme = session.get(Theme, theme_id)
        if (
            theme is None
            or theme.consultation_id != consultation.id
            or theme.status != ThemeStatus.ACTIVE
        ):
            raise LocalisedHTTPException(404, "error-no-theme")
        session.expunge(theme)
    return theme


def _rows(services: ServicesDep, consultation: Consultation) -> list[responses_store.ResponseRow]:
    with session_scope(services.db) as session:
        rows = responses_store.response_rows(session=session, consultation_id=consultation.id or 0)
        for row in rows:
            if row.response is not None:
                session.expunge(row.response)
    return rows


@router.get("/{consultation_id}/responses", response_class=HTMLResponse)
def responses_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> Response:
    """Every theme with the council's response, and who has been told about each."""
    with session_scope(services.db) as session:
        cid = consultation.id or 0
        audience = feedback_themes.audience_count(session=session, consultation_id=cid)
        told = feedback_themes.targeted_status(session=session, consultation_id=cid)
        session.expunge_all()
    return render(
        request,
        "responses.html",
        officer=officer,
        consultation=consultation,
        section="responses",
        rows=_rows(services, consultation),
        decisions=DECISION_LABELS,
        statuses=STATUS_LABELS,
        audience=audience,
        told=told,
        can_send=services.channels.can_send(services.settings),
        max_themes=MAX_THEMES_PER_MESSAGE,
    )


def _form_page(
    request: Request,
    officer: CurrentOfficer,
    consultation: Consultation,
    theme: Theme,
    values: Mapping[str, object],
    error: Msg | None = None,
) -> Response:
    return render(
        request,
        "response_form.html",
        officer=officer,
        consultation=consultation,
        section="responses",
        theme=theme,
        values=values,
        error=error,
        decisions=DECISION_LABELS,
        statuses=STATUS_LABELS,
        text_limit=TEXT_LIMIT,
        status_code=400 if error else 200,
    )


@router.get("/{consultation_id}/themes/{theme_id}/response", response_class=HTMLResponse)
def response_form(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    theme_id: PathId,
) -> Response:
    """The form for one theme's response, filled with what is saved."""
    theme = _active_theme(services, consultation, theme_id)
    values: dict[str, object] = {"decision": "", "status": ResponseStatus.PLANNED.value}
    for row in _rows(services, consultation):
        if row.theme_id == theme_id and row.response is not None:
            saved = row.response
            values = {
                "id": saved.id,
                "decision": str(saved.decision),
                "detail_en": saved.detail_en,
                "detail_cy": saved.detail_cy,
                "owner_service": saved.owner_service,
                "passed_to": saved.passed_to,
                "status": str(saved.status),
                "status_date": saved.status_date.isoformat() if saved.status_date else "",
            }
    return _form_page(request, officer, consultation, theme, values)


@router.post("/{consultation_id}/themes/{theme_id}/response")
async def save_response(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    theme_id: PathId,
) -> Response:
    """Save one theme's response; a form that cannot stand comes back with what to fix."""
    theme = _active_theme(services, consultation, theme_id)
    submitted = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        draft = ResponseForm.model_validate(submitted).draft()
        with session_scope(services.db) as session:
            responses_store.save_response(
                session=session,
                consultation_id=consultation.id or 0,
                theme_id=theme_id,
                draft=draft,
                updated_by=officer.email,
            )
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="theme_response_saved",
                subject=f"consultation:{consultation.id}",
                detail={"theme_id": theme_id, "decision": draft.decision.value},
            )
    except ValidationError as error:
        problem = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'form'}: {e['msg']}" for e in error.errors()
        )
        return _form_page(
            request,
            officer,
            consultation,
            theme,
            submitted,
            Msg.of("flash-not-saved", reason=problem),
        )
    except responses_store.ResponseError as error:
        return _form_page(
            request,
            officer,
            consultation,
            theme,
            submitted,
            Msg.of("flash-not-saved", reason=str(error)),
        )
    flash(
        request,
        Msg.of("flash-response-saved", theme=theme.display_label(page_language(request, officer))),
    )
    return RedirectResponse(f"/console/consultations/{consultation.id}/responses", status_code=303)


@router.post("/{consultation_id}/themes/{theme_id}/response/delete")
def delete_response(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    theme_id: PathId,
) -> Response:
    """Remove one theme's response."""
    with session_scope(services.db) as session:
        removed = responses_store.delete_response(
            session=session, consultation_id=consultation.id or 0, theme_id=theme_id
        )
        if removed:
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="theme_response_deleted",
                subject=f"consultation:{consultation.id}",
                detail={"theme_id": theme_id},
            )
    if not removed:
        raise LocalisedHTTPException(404, "error-no-response")
    flash(request, "flash-response-removed")
    return RedirectResponse(f"/console/consultations/{consultation.id}/responses", status_code=303)


@router.get("/{consultation_id}/responses/draft", response_class=HTMLResponse)
def difference_draft(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """ "What difference it made", drafted from the responses, for the officer to edit and save."""
    rows = _rows(services, consultation)
    return render(
        request,
        "difference_draft.html",
        officer=officer,
        consultation=consultation,
        section="responses",
        draft_en=draft_difference(rows, "en"),
        draft_cy=draft_difference(rows, "cy"),
        limit=DIFFERENCE_LIMIT,
    )


@router.post("/{consultation_id}/responses/draft")
def save_difference(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    form: Annotated[DifferenceForm, Form()],
) -> Response:
    """Save the edited draft as the consultation's "what difference it made" (not yet published)."""
    with session_scope(services.db) as session:
        stored = session.get(Consultation, consultation.id)
        if stored is None:
            raise LocalisedHTTPException(404, "error-no-consultation")
        edits.update_consultation(
            session=session,
            consultation=stored,
            difference_en=form.difference_en.strip(),
            difference_cy=form.difference_cy.strip(),
        )
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="difference_drafted",
            subject=f"consultation:{consultation.id}",
        )
    flash(request, "flash-difference-saved")
    return RedirectResponse(f"/console/consultations/{consultation.id}", status_code=303)
