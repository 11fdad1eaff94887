"""Invitation waves: upload a CSV of phone numbers, check it, record the wave for sending."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlmodel import col, select

from app.services import ServicesDep
from console.deps import CurrentOfficer, EditableConsultation, check_csrf
from console.i18n import LocalisedHTTPException, Msg
from console.templating import render
from storage.db import session_scope
from storage.models import Consultation
from storage.models.accounts import Officer
from storage.repositories import console_accounts as accounts

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
NUMBERS_LIMIT = 5 * 1024 * 1024
SHOWN_PROBLEMS = 100


def _waves(services: ServicesDep, consultation_id: int) -> list[tuple[object, dict[str, int]]]:
    from storage.models.outbound import InvitationWave
    from storage.repositories import outbound as repo

    with session_scope(services.db) as session:
        waves = list(
            session.exec(
                select(InvitationWave)
                .where(InvitationWave.consultation_id == consultation_id)
                .order_by(col(InvitationWave.id).desc())
            )
        )
        return [
            (
                w,
                {
                    str(k): v
                    for k, v in repo.state_counts(session=session, wave_id=w.id or 0).items()
                },
            )
            for w in waves
        ]


def _page(
    request: Request,
    services: ServicesDep,
    officer: Officer,
    consultation: Consultation,
    **context: Any,
) -> Response:
    from usecases.invitations.waves import invitation_text
    from usecases.messages import default_catalog

    return render(
        request,
        "invitations.html",
        officer=officer,
        consultation=consultation,
        section="invitations",
        waves=_waves(services, consultation.id or 0),
        preview=invitation_text(default_catalog(), consultation),
        **context,
    )


@router.get("/{consultation_id}/invitations", response_class=HTMLResponse)
def invitations_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Past waves and the upload form."""
    return _page(request, services, officer, consultation)


@router.post("/{consultation_id}/invitations", response_class=HTMLResponse)
async def create_invitations(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    file: Annotated[UploadFile, File()],
    lawful_basis: Annotated[str, Form(min_length=3, max_length=2000)],
    consent_source: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Check the numbers and record a wave (numbers are stored hashed and encrypted)."""
    from usecases.invitations.csv_numbers import CsvError, parse_numbers
    from usecases.invitations.waves import create_wave, invitation_text
    from usecases.messages import default_catalog

    data = await file.read(NUMBERS_LIMIT + 1)
    if len(data) > NUMBERS_LIMIT:
        raise LocalisedHTTPException(413, "error-numbers-limit", mb=NUMBERS_LIMIT // 2**20)
    try:
        numbers = await run_in_threadpool(parse_numbers, data)
    except CsvError as error:
        return await run_in_threadpool(
            _page,
            request,
            services,
            officer,
            consultation,
            error=Msg.of("invitations-not-recorded", reason=str(error)),
        )
    if not numbers.numbers:
        return await run_in_threadpool(
            _page,
            request,
            services,
            officer,
            consultation,
            numbers=numbers,
            error=Msg("invitations-no-numbers"),
            shown=SHOWN_PROBLEMS,
        )

    def record() -> int:
        wave_id = create_wave(
            engine=services.db,
            protector=services.settings.address_protector,
            consultation=consultation,
            numbers=numbers,
            body=invitation_text(default_catalog(), consultation),
            lawful_basis=lawful_basis.strip(),
            consent_source=consent_source.strip(),
            created_by=f"officer:{officer.id}",
            rate=services.settings.sms_send_rate,
        )
        with session_scope(services.db) as session:
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="invitation_wave_created",
                subject=f"consultation:{consultation.id}",
                detail={"wave": wave_id, "numbers": len(numbers.numbers)},
            )
        return wave_id

    wave_id = await run_in_threadpool(record)
    return await run_in_threadpool(
        _page,
        request,
        services,
        officer,
        consultation,
        numbers=numbers,
        created=wave_id,
        shown=SHOWN_PROBLEMS,
    )
