"""Import answers from a CSV: upload, map columns, then a background job imports the rows."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services import ServicesDep
from console.deps import UPLOAD_LIMIT_BYTES, CurrentOfficer, EditableConsultation, check_csrf
from console.i18n import LocalisedHTTPException, Msg
from console.import_job import IMPORT_JOB
from console.importer import (
    ImportError_,
    Mapping,
    Upload,
    UploadTooLarge,
    check_mapping,
    guess_mapping,
    load_upload,
    save_upload,
)
from console.scoping import PathId, owned
from console.templating import flash, render
from storage.db import session_scope
from storage.models import Consultation, utcnow
from storage.models.accounts import Officer
from storage.models.jobs import ConsoleJob, JobKind, JobState
from storage.repositories import console_jobs as jobs_repo

log = logging.getLogger(__name__)
router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


@router.get("/{consultation_id}/import", response_class=HTMLResponse)
def import_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """The upload form, and the imports already started (to follow one that still runs)."""
    with session_scope(services.db) as session:
        recent = jobs_repo.recent_jobs(
            session=session, consultation_id=consultation.id or 0, kind=JobKind.IMPORT
        )
    return render(
        request,
        "import.html",
        officer=officer,
        consultation=consultation,
        section="import",
        limit_mb=UPLOAD_LIMIT_BYTES // 2**20,
        recent=recent,
    )


@router.post("/{consultation_id}/import", response_class=HTMLResponse)
def upload(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Store the upload and ask which column holds what."""
    try:
        saved = save_upload(
            services.db,
            file.file,
            consultation_id=consultation.id or 0,
            officer_id=officer.id,
            filename=(file.filename or "upload.csv")[:200],
            limit=UPLOAD_LIMIT_BYTES,
        )
    except UploadTooLarge as error:
        raise LocalisedHTTPException(413, "error-file-too-large", reason=str(error)) from error
    except ImportError_ as error:
        return render(
            request,
            "import.html",
            officer=officer,
            consultation=consultation,
            section="import",
            limit_mb=UPLOAD_LIMIT_BYTES // 2**20,
            error=Msg.of("import-cannot", reason=str(error)),
            status_code=400,
        )
    return _mapping_page(request, officer, consultation, saved)


def _mapping_page(
    request: Request,
    officer: Officer,
    consultation: Consultation,
    saved: Upload,
    error: Msg | None = None,
) -> Response:
    return render(
        request,
        "import_map.html",
        officer=officer,
        consultation=consultation,
        section="import",
        upload=saved,
        guesses=guess_mapping(saved.header),
        error=error,
        status_code=400 if error else 200,
    )


@router.post("/{consultation_id}/import/{job_id}", response_class=HTMLResponse)
def run(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    job_id: PathId,
    mapping: Annotated[Mapping, Form()],
    source: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Queue the import of the mapped rows and show its progress."""
    progress = f"/console/consultations/{consultation.id}/jobs/{job_id}"
    with session_scope(services.db) as session:
        job = owned(session, ConsoleJob, job_id, consultation.id or 0)
        if job.kind != JobKind.IMPORT.value:
            raise LocalisedHTTPException(404, "error-not-in-consultation")
        if job.state != JobState.UPLOADED.value and "mapping" not in job.params:
            raise LocalisedHTTPException(
                404, "error-upload-gone", reason="this upload has expired; upload the file again"
            )
        if job.state != JobState.UPLOADED.value:
            # A second click on "Import" (or the back button): the import already runs.
            flash(request, "flash-import-already-started")
            return RedirectResponse(progress, status_code=303)
        saved = load_upload(job)
        try:
            check_mapping(saved.header, mapping)
        except ImportError_ as error:
            return _mapping_page(
                request,
                officer,
                consultation,
                saved,
                error=Msg.of("import-not-done", reason=str(error)),
            )
        job.params = {
            **job.params,
            "mapping": mapping.model_dump(),
            "source": source,
            "started_at": utcnow().isoformat(),
        }
        job.state = JobState.QUEUED.value
        # The upload is kept until the import ends, however long it waits in the queue.
        job.expires_at = None
        job.officer_id = officer.id
        session.add(job)
    services.jobs.enqueue(IMPORT_JOB, job_id=job_id)
    return RedirectResponse(progress, status_code=303)
