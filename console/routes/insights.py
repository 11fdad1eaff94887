""" "What we found out" drafted from the themes, and the hand-coding quality check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.services import ServicesDep
from console.board import Board, build_board
from console.deps import CurrentOfficer, EditableConsultation, check_csrf
from console.quality import agreement
from console.redact import redact_rows
from console.templating import flash, render
from storage.db import session_scope
from storage.models import Answer, Consultation
from storage.repositories import console_accounts as accounts
from storage.repositories import console_quality as quality_repo
from storage.repositories import console_themes as themes_repo
from storage.repositories.console_answers import AnswerRow
from storage.repositories.console_consultations import update_consultation

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
SAMPLE_SIZE = 40
TOP_THEMES = 5


def draft_summary(board: Board, language: str) -> str:
    """A plain-language paragraph per main theme, with its share and an approved quote."""
    themes = [t for t in board.themes if not t.theme.is_other and t.count][:TOP_THEMES]
    if language == "cy":
        lines = [f"Cawsom {board.total} o atebion. Y prif themâu oedd:"]
    else:
        lines = [f"We received {board.total} answers. The main themes were:"]
    for t in themes:
        label = t.theme.display_label(language)
        share = round(t.share * 100)
        if language == "cy":
            line = f"- {label}: {t.count} o atebion ({share}%)."
        else:
            line = f"- {label}: {t.count} answers ({share}%)."
        quotes = board.quotes.get(t.theme.id or 0)
        if quotes:
            line += f' "{quotes[0].text}"'
        lines.append(line)
    if board.other_share:
        share = round(board.other_share * 100)
        lines.append(
            f"Roedd {share}% o atebion ddim yn ffitio thema glir."
            if language == "cy"
            else f"{share}% of answers did not fit a clear theme."
        )
    return "\n".join(lines)


@router.get("/{consultation_id}/found-out", response_class=HTMLResponse)
def found_out_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    redraft: bool = False,
) -> Response:
    """The published text, or a fresh draft built from the themes, to edit and publish."""
    with session_scope(services.db) as session:
        board = build_board(session=session, consultation=consultation)
    draft_en, draft_cy = draft_summary(board, "en"), draft_summary(board, "cy")
    text_en = consultation.found_out_en if consultation.found_out_en and not redraft else draft_en
    text_cy = consultation.found_out_cy if consultation.found_out_cy and not redraft else draft_cy
    return render(
        request,
        "found_out.html",
        officer=officer,
        consultation=consultation,
        section="found_out",
        text_en=text_en,
        text_cy=text_cy,
        published=bool(consultation.found_out_en or consultation.found_out_cy),
    )


@router.post("/{consultation_id}/found-out")
def publish_found_out(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    found_out_en: Annotated[str, Form(max_length=20_000)],
    found_out_cy: Annotated[str, Form(max_length=20_000)],
) -> Response:
    """Publish the edited summary into the consultation record."""
    with session_scope(services.db) as session:
        current = session.get(Consultation, consultation.id)
        assert current is not None
        update_consultation(
            session=session,
            consultation=current,
            found_out_en=found_out_en.strip(),
            found_out_cy=found_out_cy.strip(),
        )
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="found_out_published",
            subject=f"consultation:{consultation.id}",
        )
    flash(request, "Published to the consultation record.")
    return RedirectResponse(f"/console/consultations/{consultation.id}", status_code=303)


@router.get("/{consultation_id}/quality", response_class=HTMLResponse)
def quality_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Hand-code a random sample; see agreement with the automatic themes."""
    cid = consultation.id or 0
    with session_scope(services.db) as session:
        sample = quality_repo.sample_answer_ids(
            session=session, consultation_id=cid, size=SAMPLE_SIZE, seed=cid * 7919 + 17
        )
        answers = [a for a in (session.get(Answer, i) for i in sample) if a is not None]
        rows = [
            AnswerRow(a.id or 0, a.received_at, a.channel, a.language, a.kind, None, None, a.text)
            for a in answers
        ]
        texts = redact_rows(session, rows)
        themes = themes_repo.active_themes(session=session, consultation_id=cid)
        automatic = themes_repo.primary_themes(session=session, answer_ids=sample)
        codes = quality_repo.codes_of(
            session=session, consultation_id=cid, officer_id=officer.id or 0
        )
    pairs = [(codes[a], automatic.get(a)) for a in sample if a in codes]
    result = agreement(pairs, seed=cid)
    return render(
        request,
        "quality.html",
        officer=officer,
        consultation=consultation,
        section="quality",
        rows=rows,
        texts=texts,
        themes=themes,
        codes=codes,
        result=result,
        automatic=automatic,
    )


@router.post("/{consultation_id}/quality")
async def save_quality(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Save the officer's codes (one select per sampled answer)."""
    from fastapi.concurrency import run_in_threadpool

    form = await request.form()
    codes: dict[int, int | None] = {}
    for key, value in form.multi_items():
        if key.startswith("code_") and key[5:].isdigit() and isinstance(value, str) and value:
            codes[int(key[5:])] = int(value) if value.isdigit() else None

    def save() -> None:
        with session_scope(services.db) as session:
            cid = consultation.id or 0
            valid = {t.id for t in themes_repo.active_themes(session=session, consultation_id=cid)}
            sample = set(
                quality_repo.sample_answer_ids(
                    session=session, consultation_id=cid, size=SAMPLE_SIZE, seed=cid * 7919 + 17
                )
            )
            checked = {a: t for a, t in codes.items() if a in sample and (t is None or t in valid)}
            quality_repo.save_codes(
                session=session, consultation_id=cid, officer_id=officer.id or 0, codes=checked
            )

    await run_in_threadpool(save)
    flash(request, "Codes saved.")
    return RedirectResponse(f"/console/consultations/{consultation.id}/quality", status_code=303)
