"""Background jobs an officer started: progress (with or without JavaScript), cancel, download."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.responses import StreamingResponse

from app.services import ServicesDep
from console.deps import Cap, CurrentOfficer, ViewableConsultation, check_csrf, role_allows
from console.export_job import EXPORT_JOB, audit_export
from console.i18n import LocalisedHTTPException
from console.scoping import PathId, owned
from console.templating import flash, render
from storage.db import session_scope
from storage.models import Consultation, as_utc, utcnow
from storage.models.jobs import FINISHED, ConsoleJob, JobKind, JobState
from storage.repositories import console_accounts as accounts
from storage.repositories import console_jobs as repo

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _job(services: ServicesDep, consultation: Consultation, job_id: int) -> ConsoleJob:
    with session_scope(services.db) as session:
        job = owned(session, ConsoleJob, job_id, consultation.id or 0)
        if job.state == JobState.UPLOADED.value:
            raise LocalisedHTTPException(404, "error-not-in-consultation")
        session.expunge(job)
        return job


def progress_of(job: ConsoleJob) -> dict[str, Any]:
    """What the progress page shows, as the polling script receives it."""
    done = job.rows_read
    total = max(job.total, done)
    return {
        "state": job.state,
        "finished": job.state in FINISHED,
        "cancelling": job.cancel_requested and job.state not in FINISHED,
        "done": done,
        "total": total,
        "percent": 100
        if job.state == JobState.DONE.value
        else (done * 100 // total if total else 0),
        "stored": job.rows_stored,
        "duplicates": job.rows_duplicate,
        "rejected": job.rows_rejected,
    }


@router.get("/{consultation_id}/jobs/{job_id}", response_class=HTMLResponse)
def job_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
    job_id: PathId,
) -> Response:
    """A job's progress, and once it has ended its report (rejected rows, download link)."""
    job = _job(services, consultation, job_id)
    return render(
        request,
        "job.html",
        officer=officer,
        consultation=consultation,
        section="import" if job.kind == JobKind.IMPORT.value else "exports",
        job=job,
        progress=progress_of(job),
        downloadable=_downloadable(job),
    )


@router.get("/{consultation_id}/jobs/{job_id}/progress")
def job_progress(
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
    job_id: PathId,
) -> JSONResponse:
    """The counts the progress page's script polls."""
    job = _job(services, consultation, job_id)
    return JSONResponse(progress_of(job), headers={"cache-control": "no-store"})


@router.post("/{consultation_id}/jobs/{job_id}/cancel")
def cancel_job(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
    job_id: PathId,
) -> RedirectResponse:
    """Stop a job: what an import stored so far stays; an export's file is not kept."""
    with session_scope(services.db) as session:
        job = owned(session, ConsoleJob, job_id, consultation.id or 0)
        if job.kind == JobKind.IMPORT.value and not role_allows(officer.role, Cap.EDIT):
            raise LocalisedHTTPException(403, "error-cannot-do")
        stopped = job.state != JobState.UPLOADED.value and repo.request_cancel(
            session=session, job=job
        )
        if stopped:
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="job_cancelled",
                subject=f"consultation:{consultation.id}",
                detail={"job": job_id, "kind": job.kind},
            )
    flash(request, "flash-job-cancelled" if stopped else "flash-job-already-ended")
    return RedirectResponse(
        f"/console/consultations/{consultation.id}/jobs/{job_id}", status_code=303
    )


@router.post("/{consultation_id}/exports/xlsx")
def start_xlsx_export(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> RedirectResponse:
    """Build the XLSX workbook in the background; its page shows progress, then the link."""
    with session_scope(services.db) as session:
        repo.expire_files(session=session)
        building = repo.active_job(
            session=session, consultation_id=consultation.id or 0, kind=JobKind.EXPORT
        )
        if building is not None:
            # A second click (or a colleague's) joins the workbook already being built.
            flash(request, "flash-export-already-building")
            return RedirectResponse(
                f"/console/consultations/{consultation.id}/jobs/{building}", status_code=303
            )
        job = repo.create_job(
            session=session,
            consultation_id=consultation.id or 0,
            officer_id=officer.id,
            kind=JobKind.EXPORT,
            state=JobState.QUEUED,
            filename=f"{consultation.slug}.xlsx",
            params={"format": "xlsx"},
        )
        job_id = job.id or 0
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="export_requested",
            subject=f"consultation:{consultation.id}",
            detail={"job": job_id, "format": "xlsx"},
        )
    services.jobs.enqueue(EXPORT_JOB, job_id=job_id)
    return RedirectResponse(
        f"/console/consultations/{consultation.id}/jobs/{job_id}", status_code=303
    )


def _downloadable(job: ConsoleJob) -> bool:
    return (
        job.kind == JobKind.EXPORT.value
        and job.state == JobState.DONE.value
        and job.expires_at is not None
        and as_utc(job.expires_at) > utcnow()
    )


@router.get("/{consultation_id}/jobs/{job_id}/download")
def download(
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
    job_id: PathId,
) -> Response:
    """The built workbook, while it is kept (audited like every export)."""
    job = _job(services, consultation, job_id)
    if not _downloadable(job):
        raise LocalisedHTTPException(410, "error-export-gone")
    audit_export(
        services.db, officer_id=officer.id, consultation_id=consultation.id, fmt="xlsx", job=job_id
    )
    return StreamingResponse(
        repo.iter_file(services.db, job_id),
        media_type=XLSX,
        headers={
            "content-disposition": f'attachment; filename="{job.filename}"',
            "content-length": str(job.file_bytes),
            "cache-control": "no-store",
        },
    )
