"""The quality check: officers hand-code a stratified sample blind, and the consultation's
accuracy statement compares the automatic themes with them and them with each other."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.services import ServicesDep
from console.accuracy import accuracy_statement
from console.deps import CurrentOfficer, EditableConsultation, check_csrf
from console.i18n import Msg
from console.redact import redact_rows
from console.scoping import owned_ids
from console.templating import flash, render
from storage.db import session_scope
from storage.models import Answer, Consultation
from storage.repositories import console_accounts as accounts
from storage.repositories import console_quality as quality_repo
from storage.repositories import console_themes as themes_repo
from storage.repositories.console_answers import AnswerRow

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
DEFAULT_SAMPLE = 40
MIN_SAMPLE, MAX_SAMPLE = 10, 500


def _seed(consultation_id: int) -> int:
    return consultation_id * 7919 + 17


def sample_of(session: Session, consultation: Consultation, officer_email: str) -> list[int]:
    """The consultation's sample, drawn at the default size on first use."""
    cid = consultation.id or 0
    sample = quality_repo.current_sample(session=session, consultation_id=cid)
    if sample is None:
        sample = quality_repo.draw_stratified_sample(
            session=session,
            consultation_id=cid,
            size=DEFAULT_SAMPLE,
            seed=_seed(cid),
            drawn_by=officer_email,
        )
    return list(sample.answer_ids)


@router.get("/{consultation_id}/quality", response_class=HTMLResponse)
def quality_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Hand-code the sample blind; once done, see the accuracy statement."""
    cid = consultation.id or 0
    with session_scope(services.db) as session:
        sample = sample_of(session, consultation, officer.email)
        answers = [a for a in (session.get(Answer, i) for i in sample) if a is not None]
        rows = [AnswerRow.of(a) for a in answers]
        texts = redact_rows(session, rows)
        themes = [
            t
            for t in themes_repo.active_themes(session=session, consultation_id=cid)
            if not t.is_other
        ]
        # Only this officer's own codes: never the machine's or another officer's (blind).
        mine = quality_repo.every_officers_codes(session=session, consultation_id=cid).get(
            officer.id or 0, {}
        )
        done = bool(sample) and all(a in mine for a in sample)
        statement = accuracy_statement(session, cid) if done else None
    return render(
        request,
        "quality.html",
        officer=officer,
        consultation=consultation,
        section="quality",
        rows=rows,
        texts=texts,
        themes=themes,
        codes=mine,
        coded=sum(1 for a in sample if a in mine),
        statement=statement,
        min_sample=MIN_SAMPLE,
        max_sample=MAX_SAMPLE,
    )


@router.post("/{consultation_id}/quality")
async def save_quality(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Save the officer's codes: a main theme per sampled answer, and any further themes."""
    form = await request.form()
    mains: dict[int, int | None] = {}
    also: dict[int, list[int]] = {}
    for key, value in form.multi_items():
        if not isinstance(value, str) or not value:
            continue
        name, _, answer = key.partition("_")
        if not (answer.isascii() and answer.isdigit() and len(answer) <= 18):
            continue
        if name == "code" and value == "none":
            mains[int(answer)] = None
        elif name == "code" and value.isascii() and value.isdigit() and len(value) <= 18:
            mains[int(answer)] = int(value)
        elif name == "also" and value.isascii() and value.isdigit() and len(value) <= 18:
            also.setdefault(int(answer), []).append(int(value))

    def save() -> None:
        with session_scope(services.db) as session:
            cid = consultation.id or 0
            # Another consultation's answers are "not found", as on every console route.
            owned_ids(session, Answer, [*mains, *also], cid)
            valid = {t.id for t in themes_repo.active_themes(session=session, consultation_id=cid)}
            sample = set(sample_of(session, consultation, officer.email))
            checked = {
                a: (t, [x for x in also.get(a, []) if x in valid])
                for a, t in mains.items()
                if a in sample and (t is None or t in valid)
            }
            quality_repo.save_multi_codes(
                session=session, consultation_id=cid, officer_id=officer.id or 0, codes=checked
            )

    await run_in_threadpool(save)
    flash(request, "flash-codes-saved")
    return RedirectResponse(f"/console/consultations/{consultation.id}/quality", status_code=303)


@router.post("/{consultation_id}/quality/sample")
def redraw_sample(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    size: Annotated[int, Form(ge=MIN_SAMPLE, le=MAX_SAMPLE)],
) -> Response:
    """Draw a sample of another size (stratified by theme); codes of answers kept in it stay."""
    with session_scope(services.db) as session:
        sample = quality_repo.draw_stratified_sample(
            session=session,
            consultation_id=consultation.id or 0,
            size=size,
            seed=_seed(consultation.id or 0) + size,
            drawn_by=officer.email,
        )
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="quality_sample_drawn",
            subject=f"consultation:{consultation.id}",
            detail={"size": len(sample.answer_ids)},
        )
    flash(request, Msg.of("flash-new-sample", count=size))
    return RedirectResponse(f"/console/consultations/{consultation.id}/quality", status_code=303)
