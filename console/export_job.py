"""Exports built off the request path: the answers a page at a time, and the XLSX job.

A workbook of 100,000 answers takes minutes to build and a browser would wait for
all of it before the first byte, so large XLSX exports are built by a job into
the consultation's store (console jobs), with progress, a cancel, and a download
link kept for EXPORT_KEEP; small ones are still built on request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy.engine import Engine

from console.board import build_board
from console.disputes import dispute_rule, public_disputes
from console.exports import ANSWER_COLUMNS, ExportRow, xlsx_file
from console.outcomes import outcomes
from console.redact import REDACTION_VERSION, redact_rows
from storage.db import session_scope
from storage.models import Consultation, utcnow
from storage.models.jobs import JobState
from storage.repositories import console_accounts as accounts
from storage.repositories import console_jobs as repo
from storage.repositories import console_themes as themes_repo
from storage.repositories.console_answers import iter_answer_pages
from storage.repositories.consultations import YOUR_VOICE_FIELDS
from storage.repositories.quotes import approved_quotes

log = logging.getLogger(__name__)

EXPORT_JOB = "build_export"
PAGE_SIZE = 2000
#: Built exports are kept this long, then removed (they hold residents' words).
EXPORT_KEEP = timedelta(hours=24)
#: Consultations with more answers than this get their XLSX from a job.
DIRECT_XLSX_MAX = 5000

Sheet = tuple[str, list[str], Callable[[], Iterable[Sequence[Any]]]]


def answer_pages(
    engine: Engine, consultation_id: int, *, after_id: int = 0, max_rows: int | None = None
) -> Iterator[list[ExportRow]]:
    """Redacted rows with their theme labels, a page at a time."""
    with session_scope(engine) as session:
        labels = themes_repo.all_theme_labels(session=session, consultation_id=consultation_id)
    for page in iter_answer_pages(
        engine=engine,
        consultation_id=consultation_id,
        page_size=PAGE_SIZE,
        after_id=after_id,
        max_rows=max_rows,
        redaction_version=REDACTION_VERSION,
    ):
        with session_scope(engine) as session:
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


def audit_export(
    engine: Engine,
    *,
    officer_id: int | None,
    consultation_id: int | None,
    fmt: str,
    action: str = "exported",
    **detail: Any,
) -> None:
    """Record that an officer took answers out of the store (every format, direct or built)."""
    with session_scope(engine) as session:
        accounts.audit(
            session=session,
            actor=f"officer:{officer_id}",
            action=action,
            subject=f"consultation:{consultation_id}",
            detail={"format": fmt, **detail},
        )


def export_summary(engine: Engine, consultation: Consultation) -> dict[str, Any]:
    """The consultation, its themes, approved quotes and outcomes (the JSON export's head)."""
    with session_scope(engine) as session:
        board = build_board(session=session, consultation=consultation)
        quotes = approved_quotes(session=session, consultation_id=consultation.id or 0)
        outcome = outcomes(session=session, consultation_id=consultation.id or 0)
        disputes = public_disputes(session=session, consultation_id=consultation.id or 0)
    fields = ("id", "slug", "keyword", "title_en", "title_cy", "status", *YOUR_VOICE_FIELDS)
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


def workbook_sheets(
    engine: Engine,
    consultation: Consultation,
    *,
    on_page: Callable[[int], None] = lambda _: None,
) -> list[Sheet]:
    """Answers, Themes and Quotes sheets; `on_page(rows so far)` runs after each page."""
    summary = export_summary(engine, consultation)

    def answers() -> Iterable[Sequence[Any]]:
        written = 0
        for page in answer_pages(engine, consultation.id or 0):
            for row in page:
                yield row.cells()
            written += len(page)
            on_page(written)

    def themes() -> Iterable[Sequence[Any]]:
        return [(t["label"], t["label_cy"], t["answers"], t["share"]) for t in summary["themes"]]

    def quotes() -> Iterable[Sequence[Any]]:
        labels = {t["id"]: t["label"] for t in summary["themes"]}
        return [(labels.get(q["theme_id"], ""), q["text"]) for q in summary["approved_quotes"]]

    return [
        ("Answers", ANSWER_COLUMNS, answers),
        ("Themes", ["theme", "theme_cy", "answers", "share"], themes),
        ("Quotes", ["theme", "approved_quote"], quotes),
    ]


def register_export_job(registry: Any, engine: Engine) -> None:
    """Register "build_export" (job_id) on the job registry."""

    def build_export(job_id: int) -> None:
        run_export(engine, job_id)

    registry.register(EXPORT_JOB, build_export)


def run_export(engine: Engine, job_id: int) -> None:
    """Build the job's workbook into the store; a cancel stops it at the next page."""
    attempt = repo.claim(engine=engine, job_id=job_id)
    if attempt is None:
        return
    with session_scope(engine) as session:
        job = session.get(repo.ConsoleJob, job_id)
        assert job is not None
        consultation = session.get(Consultation, job.consultation_id)
        total = repo.count_answers(session=session, consultation_id=job.consultation_id)
        session.expunge_all()
    if job.cancel_requested or consultation is None:
        state = JobState.CANCELLED if job.cancel_requested else JobState.FAILED
        repo.finish(engine=engine, job_id=job_id, attempt=attempt, state=state)
        return

    def on_page(written: int) -> None:
        # Progress for the officer, and the point where a cancel takes effect.
        with session_scope(engine) as session:
            repo.advance(session=session, job_id=job_id, attempt=attempt, rows_read=written)

    try:
        with session_scope(engine) as session:
            repo.advance(session=session, job_id=job_id, attempt=attempt, total=total, rows_read=0)
        handle = xlsx_file(workbook_sheets(engine, consultation, on_page=on_page))
        with handle, session_scope(engine) as session:
            repo.delete_file(session=session, job_id=job_id)
            repo.write_file(session=session, job_id=job_id, source=handle)
            repo.advance(session=session, job_id=job_id, attempt=attempt, rows_stored=total)
    except repo.Superseded:
        repo.finish(engine=engine, job_id=job_id, attempt=attempt, state=JobState.CANCELLED)
        return
    except Exception as error:
        log.exception("export job %s failed", job_id)
        repo.finish(
            engine=engine,
            job_id=job_id,
            attempt=attempt,
            state=JobState.FAILED,
            message=f"The export stopped: {type(error).__name__}.",
        )
        return
    if repo.finish(
        engine=engine,
        job_id=job_id,
        attempt=attempt,
        state=JobState.DONE,
        keep_file=True,
        expires_at=utcnow() + EXPORT_KEEP,
    ):
        audit_export(
            engine,
            officer_id=job.officer_id,
            consultation_id=job.consultation_id,
            fmt="xlsx",
            action="export_built",
            job=job_id,
            answers=total,
        )
