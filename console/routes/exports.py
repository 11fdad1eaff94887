"""Exports (CSV, XLSX, JSON, Pol.is CSV) and the printable report, all redacted and audited."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from app.services import Services, ServicesDep
from console.board import DIMENSION_LABELS, build_board, build_breakdown
from console.deps import CurrentOfficer, ViewableConsultation, check_csrf
from console.disputes import dispute_rule, public_disputes
from console.export_job import (
    DIRECT_XLSX_MAX,
    answer_pages,
    audit_export,
    export_summary,
    workbook_sheets,
)
from console.exports import (
    ANSWER_COLUMNS,
    ExportRow,
    csv_stream,
    file_stream,
    json_stream,
    polis_stream,
    until_client_leaves,
    xlsx_file,
)
from console.outcomes import outcomes
from console.templating import flash, render
from storage.db import session_scope
from storage.models import Consultation
from storage.models.accounts import Officer
from storage.models.jobs import JobKind
from storage.repositories import console_jobs as jobs_repo
from storage.repositories.console_themes import DIMENSIONS
from storage.repositories.quotes import ApprovedQuote, approved_quotes

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
PAGE_SIZE = 2000


def export_pages(
    services: Services, consultation_id: int, *, after_id: int = 0, max_rows: int | None = None
) -> Iterator[list[ExportRow]]:
    """Redacted rows with their theme labels, a page at a time (the API pages with it too)."""
    return answer_pages(services.db, consultation_id, after_id=after_id, max_rows=max_rows)


def _audit(services: Services, officer: Officer, consultation: Consultation, fmt: str) -> None:
    audit_export(services.db, officer_id=officer.id, consultation_id=consultation.id, fmt=fmt)


def _download(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


@router.get("/{consultation_id}/exports", response_class=HTMLResponse)
def exports_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> Response:
    """Links to every export, and the workbooks built in the background."""
    with session_scope(services.db) as session:
        recent = jobs_repo.recent_jobs(
            session=session, consultation_id=consultation.id or 0, kind=JobKind.EXPORT
        )
    return render(
        request,
        "exports.html",
        officer=officer,
        consultation=consultation,
        section="exports",
        columns=ANSWER_COLUMNS,
        direct_xlsx=_answer_count(services, consultation) <= DIRECT_XLSX_MAX,
        recent=recent,
    )


@router.get("/{consultation_id}/export.csv")
def export_csv(
    services: ServicesDep, officer: CurrentOfficer, consultation: ViewableConsultation
) -> StreamingResponse:
    """Every answer, redacted, with its profile and themes (streamed)."""
    _audit(services, officer, consultation, "csv")
    return StreamingResponse(
        until_client_leaves(csv_stream(export_pages(services, consultation.id or 0))),
        media_type="text/csv; charset=utf-8",
        headers=_download(f"{consultation.slug}-answers.csv"),
    )


@router.get("/{consultation_id}/polis-comments.csv")
def export_polis(
    services: ServicesDep, officer: CurrentOfficer, consultation: ViewableConsultation
) -> StreamingResponse:
    """Answers as a Pol.is comments.csv, to seed or compare with a Pol.is conversation."""
    _audit(services, officer, consultation, "polis")
    return StreamingResponse(
        until_client_leaves(polis_stream(export_pages(services, consultation.id or 0))),
        media_type="text/csv; charset=utf-8",
        headers=_download(f"{consultation.slug}-polis-comments.csv"),
    )


@router.get("/{consultation_id}/export.json")
def export_json(
    services: ServicesDep, officer: CurrentOfficer, consultation: ViewableConsultation
) -> StreamingResponse:
    """The consultation, its themes, approved quotes and every redacted answer (streamed)."""
    _audit(services, officer, consultation, "json")
    header = export_summary(services.db, consultation)
    return StreamingResponse(
        until_client_leaves(json_stream(header, export_pages(services, consultation.id or 0))),
        media_type="application/json",
        headers=_download(f"{consultation.slug}.json"),
    )


@router.get("/{consultation_id}/export.xlsx")
async def export_xlsx(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> Response:
    """A workbook: Answers, Themes and Quotes sheets (small consultations; else a job)."""
    if await run_in_threadpool(_answer_count, services, consultation) > DIRECT_XLSX_MAX:
        # Minutes of building before the first byte: the background job does it instead.
        flash(request, "flash-xlsx-use-job")
        return RedirectResponse(
            f"/console/consultations/{consultation.id}/exports", status_code=303
        )
    await run_in_threadpool(_audit, services, officer, consultation, "xlsx")
    sheets = await run_in_threadpool(workbook_sheets, services.db, consultation)
    handle = await run_in_threadpool(xlsx_file, sheets)
    return StreamingResponse(
        until_client_leaves(file_stream(handle)),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=_download(f"{consultation.slug}.xlsx"),
    )


def _answer_count(services: Services, consultation: Consultation) -> int:
    with session_scope(services.db) as session:
        return jobs_repo.count_answers(session=session, consultation_id=consultation.id or 0)


@router.get("/{consultation_id}/report", response_class=HTMLResponse)
def report(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> Response:
    """A printable report: Your Voice, themes with approved quotes, charts and breakdowns."""
    _audit(services, officer, consultation, "report")
    with session_scope(services.db) as session:
        board = build_board(session=session, consultation=consultation)
        labels = {t.theme.id or 0: t.label for t in board.themes}
        breakdowns = [
            build_breakdown(
                session=session,
                consultation_id=consultation.id or 0,
                dimension=d,
                labels=labels,
                threshold=services.settings.small_cell_threshold,
            )
            for d in DIMENSIONS
        ]
        quotes = approved_quotes(session=session, consultation_id=consultation.id or 0)
        outcome = outcomes(session=session, consultation_id=consultation.id or 0)
        disputes = public_disputes(session=session, consultation_id=consultation.id or 0)
    by_theme: dict[int | None, list[ApprovedQuote]] = {}
    for quote in quotes:
        by_theme.setdefault(quote.theme_id, []).append(quote)
    return render(
        request,
        "report.html",
        officer=officer,
        consultation=consultation,
        board=board,
        breakdowns=breakdowns,
        quotes=by_theme,
        outcomes=outcome,
        disputes=disputes,
        dispute_rule=dispute_rule(),
        dimension_labels=DIMENSION_LABELS,
        threshold=services.settings.small_cell_threshold,
    )
