"""Import answers from a CSV: upload, map columns, see what was imported and what was not."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from app.services import Services, ServicesDep
from console.deps import UPLOAD_LIMIT_BYTES, CurrentOfficer, EditableConsultation, check_csrf
from console.i18n import LocalisedHTTPException, Msg
from console.importer import (
    ImportError_,
    ImportReport,
    Mapping,
    Upload,
    UploadTooLarge,
    discard_upload,
    guess_mapping,
    load_upload,
    read_rows,
    save_upload,
)
from console.templating import render
from storage.db import session_scope
from storage.models import Consultation, utcnow
from storage.models.accounts import Officer
from storage.repositories import console_accounts as accounts
from storage.repositories.console_imports import existing_message_ids, insert_imported_answers

log = logging.getLogger(__name__)
router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
BATCH = 1000


@router.get("/{consultation_id}/import", response_class=HTMLResponse)
def import_page(
    request: Request, officer: CurrentOfficer, consultation: EditableConsultation
) -> Response:
    """The upload form."""
    return render(
        request,
        "import.html",
        officer=officer,
        consultation=consultation,
        section="import",
        limit_mb=UPLOAD_LIMIT_BYTES // 2**20,
    )


@router.post("/{consultation_id}/import", response_class=HTMLResponse)
def upload(
    request: Request,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Save the upload and ask which column holds what."""
    try:
        saved = save_upload(
            file.file,
            consultation_id=consultation.id or 0,
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


@router.post("/{consultation_id}/import/{upload_id}", response_class=HTMLResponse)
def run(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    upload_id: str,
    mapping: Annotated[Mapping, Form()],
    source: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Import the mapped rows; show counts and every bad row with its reason."""
    try:
        saved = load_upload(consultation.id or 0, upload_id)
    except ImportError_ as error:
        raise LocalisedHTTPException(404, "error-upload-gone", reason=str(error)) from error
    report = ImportReport()
    try:
        import_rows(services, saved, mapping, consultation_id=consultation.id or 0, report=report)
    except ImportError_ as error:
        return _mapping_page(
            request,
            officer,
            consultation,
            saved,
            error=Msg.of("import-not-done", reason=str(error)),
        )
    except Exception:
        # Batches already committed stay (a re-import skips them); what was
        # stored is audited and the upload removed before the error is shown.
        log.exception("import into consultation %s stopped", consultation.id)
        _audit_import(services, officer, consultation, saved, source, report, failed=True)
        discard_upload(saved)
        raise
    _audit_import(services, officer, consultation, saved, source, report)
    discard_upload(saved)
    return render(
        request,
        "import_report.html",
        officer=officer,
        consultation=consultation,
        section="import",
        report=report,
        upload=saved,
    )


def _audit_import(
    services: Services,
    officer: Officer,
    consultation: Consultation,
    saved: Upload,
    source: str,
    report: ImportReport,
    *,
    failed: bool = False,
) -> None:
    with session_scope(services.db) as session:
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="answers_import_failed" if failed else "answers_imported",
            subject=f"consultation:{consultation.id}",
            detail={
                "file": saved.filename,
                "source": source,
                "imported": report.imported,
                "duplicates": report.duplicates,
                "bad_rows": report.bad_rows,
            },
        )


def import_rows(
    services: Services,
    saved: Upload,
    mapping: Mapping,
    *,
    consultation_id: int,
    report: ImportReport | None = None,
) -> ImportReport:
    """Stream, check and insert in batches; each batch commits and is queued for theming."""
    report = report if report is not None else ImportReport()
    now = utcnow()
    batch: dict[str, dict[str, object]] = {}
    seen: set[str] = set()
    imported: list[int] = []
    batches: list[list[int]] = []

    def flush() -> None:
        if not batch:
            return
        with session_scope(services.db) as session:
            stored = existing_message_ids(session=session, ids=list(batch))
            fresh = [row for key, row in batch.items() if key not in stored]
            report.duplicates += len(batch) - len(fresh)
            ids = insert_imported_answers(
                session=session, consultation_id=consultation_id, rows=fresh, now=now
            )
        report.imported += len(ids)
        imported.extend(ids)
        batches.append(ids)
        batch.clear()

    for row in read_rows(saved, mapping, consultation_id=consultation_id, report=report, now=now):
        if row.key in seen:
            report.duplicates += 1
            continue
        seen.add(row.key)
        batch[row.key] = {
            "text": row.text,
            "language": row.language,
            "received_at": row.received_at,
            "provider_message_id": row.key,
        }
        if len(batch) >= BATCH:
            flush()
    flush()
    # Theming first: its labels and quotes redact the few answers they show, so the
    # board does not wait for every answer's redaction (needed by exports, not the board).
    _enqueue_theming(services, imported)
    for ids in batches:
        _enqueue_redaction(services, ids)
    return report


def _enqueue_redaction(services: Services, answer_ids: list[int]) -> None:
    # Imported answers are redacted ahead of the first export (and the theme labels).
    if "redact_answers" in services.job_registry.names() and answer_ids:
        services.jobs.enqueue("redact_answers", answer_ids=answer_ids)


def _enqueue_theming(services: Services, answer_ids: list[int]) -> None:
    # One job for the whole import: embedding 2,000 answers together and grouping
    # them once takes seconds; 2,000 single-answer jobs took minutes. The board shows
    # its progress.
    names = services.job_registry.names()
    if not answer_ids:
        return
    if "theme_batch" in names:
        services.jobs.enqueue("theme_batch", answer_ids=answer_ids)
    elif "theme_answer" in names:
        for answer_id in answer_ids:
            services.jobs.enqueue("theme_answer", answer_id=answer_id)
