"""The quote approval queue: approve, reject, or change what is redacted."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.services import ServicesDep
from console.deps import CurrentOfficer, EditableConsultation, check_csrf
from console.i18n import Msg
from console.scoping import owned
from console.templating import flash, render
from nlp.moderation.flags import HIDDEN_KINDS
from nlp.moderation.store import answer_flags
from storage.db import session_scope
from storage.models import Answer
from storage.models.quotes import Quote
from storage.placeholders import SPAN_TYPES
from storage.repositories import quotes as quotes_repo
from storage.repositories import themes as themes_store

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


@router.get("/{consultation_id}/quotes", response_class=HTMLResponse)
def queue(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Quotes waiting for a decision, with the redaction shown and editable."""
    with session_scope(services.db) as session:
        pending = quotes_repo.pending_quotes(session=session, consultation_id=consultation.id or 0)
        approved = quotes_repo.approved_quotes(
            session=session, consultation_id=consultation.id or 0
        )
        labels = {
            t.id: t.display_label()
            for t in themes_store.list_themes(session=session, consultation_id=consultation.id or 0)
        }
        # The officer deciding on redaction must see what was removed; this
        # page is for EDIT roles only and nothing here is exported.
        originals = {q.id: _segments(session, q) for q in pending[:100]}
        # Abuse, spam and details that identify someone without a name, with the reason.
        flags = answer_flags(session, [q.answer_id for q in pending[:100]])
        languages = {
            q.id: answer.language
            for q in pending[:100]
            if (answer := session.get(Answer, q.answer_id)) is not None
        }
    return render(
        request,
        "quotes.html",
        officer=officer,
        consultation=consultation,
        section="quotes",
        pending=pending[:100],
        more=max(0, len(pending) - 100),
        approved=approved,
        labels=labels,
        originals=originals,
        languages=languages,
        span_types=sorted(SPAN_TYPES),
        flags=flags,
        hidden_kinds=HIDDEN_KINDS,
    )


def _segments(session: Session, quote: Quote) -> list[tuple[str, str | None, int, int]]:
    """The answer cut into (text, redaction type or None, start, end) pieces."""
    answer = session.get(Answer, quote.answer_id)
    text = answer.text if answer is not None else ""
    pieces: list[tuple[str, str | None, int, int]] = []
    at = 0
    for span in sorted(quote.spans, key=lambda s: int(s["start"])):
        start, end = int(span["start"]), int(span["end"])
        if start > at:
            pieces.append((text[at:start], None, at, start))
        pieces.append((text[start:end], str(span["type"]), start, end))
        at = end
    if at < len(text):
        pieces.append((text[at:], None, at, len(text)))
    return pieces


@router.post("/{consultation_id}/quotes/{quote_id}/decide")
def decide(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    quote_id: int,
    decision: Annotated[str, Form(pattern="^(approve|reject)$")],
) -> Response:
    """Approve or reject one quote (audited by the quotes store)."""
    actor = f"officer:{officer.id}"
    with session_scope(services.db) as session:
        owned(session, Quote, quote_id, consultation.id or 0)
        if decision == "approve":
            quotes_repo.approve_quote(session=session, quote_id=quote_id, officer=actor)
            flash(request, "flash-quote-approved")
        else:
            quotes_repo.reject_quote(session=session, quote_id=quote_id, officer=actor)
            flash(request, "flash-quote-rejected")
    return RedirectResponse(f"/console/consultations/{consultation.id}/quotes", status_code=303)


@router.post("/{consultation_id}/quotes/{quote_id}/spans")
def edit_spans(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    quote_id: int,
    remove: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI reads a fresh list
    add_text: Annotated[str, Form(max_length=500)] = "",
    add_type: Annotated[str, Form(max_length=32)] = "redacted",
) -> Response:
    """Hide more words (by typing them) or un-hide a redaction the officer judges safe."""
    actor = f"officer:{officer.id}"
    with session_scope(services.db) as session:
        quote = owned(session, Quote, quote_id, consultation.id or 0)
        answer = owned(session, Answer, quote.answer_id, consultation.id or 0)
        removing = [s for s in quote.spans if f"{s['start']}-{s['end']}" in set(remove)]
        adding = []
        needle = add_text.strip()
        if needle:
            start = answer.text.lower().find(needle.lower())
            if start < 0:
                flash(request, Msg.of("flash-not-in-answer", needle=needle), "error")
            else:
                kind = add_type if add_type in SPAN_TYPES else "redacted"
                adding.append({"start": start, "end": start + len(needle), "type": kind})
        if removing or adding:
            try:
                quotes_repo.edit_quote_spans(
                    session=session, quote_id=quote_id, officer=actor, add=adding, remove=removing
                )
            except quotes_repo.QuoteError as error:
                flash(request, Msg.of("flash-not-changed", reason=str(error)), "error")
            else:
                flash(request, "flash-redaction-changed")
    return RedirectResponse(f"/console/consultations/{consultation.id}/quotes", status_code=303)
