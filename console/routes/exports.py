"""Exports (CSV, XLSX, JSON, Pol.is CSV) and the printable report, all redacted and audited."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from app.services import Services, ServicesDep
from console.board import DIMENSION_LABELS, build_board, build_breakdown
from console.deps import CurrentOfficer, ViewableConsultation, check_csrf
from console.disputes import dispute_rule, public_disputes
from console.exports import (
    ANSWER_COLUMNS,
    ExportRow,
    csv_stream,
    file_stream,
    json_stream,
    polis_stream,
    xlsx_file,
)
from console.outcomes import outcomes
from console.redact import REDACTION_VERSION, redact_rows
from console.templating import render
from storage.db import session_scope
from storage.models import Consultation
from storage.models.accounts import Officer
from storage.repositories import console_accounts as accounts
from storage.repositories import console_themes as themes_repo
from storage.repositories.console_answers import iter_answer_pages
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
    with session_scope(services.db) as session:
        labels = themes_repo.all_theme_labels(session=session, consultation_id=consultation_id)
    for page in iter_answer_pages(
        engine=services.db,
        consultation_id=consultation_id,
        page_size=PAGE_SIZE,
        after_id=after_id,
        max_rows=max_rows,
        redaction_version=REDACTION_VERSION,
    ):
        with session_scope(services.db) as session:
            texts = redact_rows(session, page)
            themes = themes_repo.theme_ids_for_answers(
                session=session, answer_ids=[row.id for row in page]
            )
        yield [
            ExportRow(
                row.id,
                row.received_at,
                row.channel,
                row.language,
                row.kind,
                row.ward,
                row.age_band,
                [labels[t] for t in themes.get(row.id, []) if t in labels],
                texts[row.id],
            )
            for row in page
        ]


def _audit(services: Services, officer: Officer, consultation: Consultation, fmt: str) -> None:
    with session_scope(services.db) as session:
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="exported",
            subject=f"consultation:{consultation.id}",
            detail={"format": fmt},
        )


def _download(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


@router.get("/{consultation_id}/exports", response_class=HTMLResponse)
def exports_page(
    request: Request, officer: CurrentOfficer, consultation: ViewableConsultation
) -> Response:
    """Links to every export."""
    return render(
        request,
        "exports.html",
        officer=officer,
        consultation=consultation,
        section="exports",
        columns=ANSWER_COLUMNS,
    )


@router.get("/{consultation_id}/export.csv")
def export_csv(
    services: ServicesDep, officer: CurrentOfficer, consultation: ViewableConsultation
) -> StreamingResponse:
    """Every answer, redacted, with its profile and themes (streamed)."""
    _audit(services, officer, consultation, "csv")
    return StreamingResponse(
        csv_stream(export_pages(services, consultation.id or 0)),
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
        polis_stream(export_pages(services, consultation.id or 0)),
        media_type="text/csv; charset=utf-8",
        headers=_download(f"{consultation.slug}-polis-comments.csv"),
    )


def _summary(services: Services, consultation: Consultation) -> dict[str, Any]:
    with session_scope(services.db) as session:
        board = build_board(session=session, consultation=consultation)
        quotes = approved_quotes(session=session, consultation_id=consultation.id or 0)
        outcome = outcomes(session=session, consultation_id=consultation.id or 0)
        disputes = public_disputes(session=session, consultation_id=consultation.id or 0)
    fields = [
        "id",
        "slug",
        "keyword",
        "title_en",
        "title_cy",
        "status",
        "why_en",
        "why_cy",
        "want_to_know_en",
        "want_to_know_cy",
        "found_out_en",
        "found_out_cy",
        "difference_en",
        "difference_cy",
    ]
    return {
        "consultation": {name: getattr(consultation, name) for name in fields},
        "total_answers": board.total,
        "themes": [
            {
                "id": t.theme.id,
                "label": t.label,
                "label_cy": t.theme.display_label("cy"),
                "is_other": t.theme.is_other,
                "answers": t.count,
                "share": round(t.share, 4),
            }
            for t in board.themes
        ],
        "approved_quotes": [{"id": q.id, "theme_id": q.theme_id, "text": q.text} for q in quotes],
        **outcome,
        "disputes": {"rule": dispute_rule(), "themes": [d.model_dump() for d in disputes]},
    }


@router.get("/{consultation_id}/export.json")
def export_json(
    services: ServicesDep, officer: CurrentOfficer, consultation: ViewableConsultation
) -> StreamingResponse:
    """The consultation, its themes, approved quotes and every redacted answer (streamed)."""
    _audit(services, officer, consultation, "json")
    header = _summary(services, consultation)
    return StreamingResponse(
        json_stream(header, export_pages(services, consultation.id or 0)),
        media_type="application/json",
        headers=_download(f"{consultation.slug}.json"),
    )


@router.get("/{consultation_id}/export.xlsx")
async def export_xlsx(
    services: ServicesDep, officer: CurrentOfficer, consultation: ViewableConsultation
) -> StreamingResponse:
    """A workbook: Answers, Themes and Quotes sheets (built on disk, then streamed)."""
    await run_in_threadpool(_audit, services, officer, consultation, "xlsx")
    summary = await run_in_threadpool(_summary, services, consultation)

    def answers() -> Iterable[Sequence[Any]]:
        for page in export_pages(services, consultation.id or 0):
            for row in page:
                yield row.cells()

    def themes() -> Iterable[Sequence[Any]]:
        return [(t["label"], t["label_cy"], t["answers"], t["share"]) for t in summary["themes"]]

    def quotes() -> Iterable[Sequence[Any]]:
        labels = {t["id"]: t["label"] for t in summary["themes"]}
        return [(labels.get(q["theme_id"], ""), q["text"]) for q in summary["approved_quotes"]]

    handle = await run_in_threadpool(
        xlsx_file,
        [
            ("Answers", ANSWER_COLUMNS, answers),
            ("Themes", ["theme", "theme_cy", "answers", "share"], themes),
            ("Quotes", ["theme", "approved_quote"], quotes),
        ],
    )
    return StreamingResponse(
        file_stream(handle),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=_download(f"{consultation.slug}.xlsx"),
    )


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
