""" "What we found out" drafted from the themes, published with "you said, we did" feedback,
and the hand-coding quality check."""

from __future__ import annotations

import logging
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services import Services, ServicesDep
from console.board import Board, build_board
from console.deps import CurrentOfficer, EditableConsultation, check_csrf
from console.forms import RESULTS_URL_FORM_LIMIT, ResultsUrlError, check_results_url
from console.i18n import Msg, translate
from console.scoping import owned
from console.templating import flash, page_language, render
from storage.db import session_scope
from storage.models import Consultation
from storage.models.accounts import Officer
from storage.models.playback import FeedbackPublication, FeedbackRecipient
from storage.repositories import console_accounts as accounts
from storage.repositories import feedback as feedback_repo
from storage.repositories.console_consultations import update_consultation
from storage.repositories.feedback_plan import is_prepared
from usecases.delivery.run import requeue_failed
from usecases.feedback.publication import FEEDBACK_JOB

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)
log = logging.getLogger(__name__)
TOP_THEMES = 5
MAX_TEXT = 20_000  # per text, as on the consultation form
# Message ids naming each text, for the "too long" error.
_LABELS = {
    "found_out_en": "found-out-field-found-out-en",
    "found_out_cy": "found-out-field-found-out-cy",
    "difference_en": "found-out-field-difference-en",
    "difference_cy": "found-out-field-difference-cy",
}


def draft_summary(board: Board, language: str) -> str:
    """A plain-language paragraph per main theme, with its share and an approved quote."""
    themes = [t for t in board.themes if not t.theme.is_other and t.count][:TOP_THEMES]
    # The draft is for residents in `language`, whatever the officer reads the console in;
    # Welsh residents get the officers' Welsh theme names.
    lines = [translate(language, "draft-intro", total=board.total)]
    for t in themes:
        line = translate(
            language,
            "draft-theme",
            label=t.theme.display_label(language),
            count=t.count,
            share=round(t.share * 100),
        )
        quotes = board.quotes.get(t.theme.id or 0)
        if quotes:
            line += f' "{quotes[0].text}"'
        lines.append(line)
    if board.other_share:
        lines.append(translate(language, "draft-other", share=round(board.other_share * 100)))
    return "\n".join(lines)


def _found_out_form(
    request: Request,
    services: Services,
    officer: Officer,
    consultation: Consultation,
    *,
    texts: dict[str, str],
    results_url: str,
    notify: bool = True,
    error: Msg | None = None,
    status_code: int = 200,
) -> Response:
    """The publish form; on an error it shows the officer's own words again, not the record."""
    cid = consultation.id or 0
    sections = frozenset(
        {"found_out"}
        | ({"difference"} if texts["difference_en"] or texts["difference_cy"] else set())
    )
    with session_scope(services.db) as session:
        audience = feedback_repo.audience_count(
            session=session, consultation_id=cid, sections=sections
        )
        asked = feedback_repo.asked_count(session=session, consultation_id=cid)
    settings = services.settings
    return render(
        request,
        "found_out.html",
        officer=officer,
        consultation=consultation,
        section="found_out",
        texts=texts,
        results_url=results_url,
        notify=notify,
        audience=audience,
        already_told=max(asked - audience, 0),
        can_send=services.channels.can_send(settings),
        max_text=MAX_TEXT,
        published=bool(consultation.found_out_en or consultation.found_out_cy),
        error=error,
        status_code=status_code,
    )


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
    texts = {
        "found_out_en": text_en,
        "found_out_cy": text_cy,
        "difference_en": consultation.difference_en,
        "difference_cy": consultation.difference_cy,
    }
    return _found_out_form(
        request, services, officer, consultation, texts=texts, results_url=consultation.results_url
    )


# Generous enough to read a pasted report whole, so the form can say what is
# too long instead of failing; MAX_TEXT is what may be published.
_FORM_LIMIT = 10 * MAX_TEXT


@router.post("/{consultation_id}/found-out")
def publish_found_out(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    found_out_en: Annotated[str, Form(max_length=_FORM_LIMIT)] = "",
    found_out_cy: Annotated[str, Form(max_length=_FORM_LIMIT)] = "",
    difference_en: Annotated[str | None, Form(max_length=_FORM_LIMIT)] = None,
    difference_cy: Annotated[str | None, Form(max_length=_FORM_LIMIT)] = None,
    results_url: Annotated[str | None, Form(max_length=RESULTS_URL_FORM_LIMIT)] = None,
    notify: Annotated[bool, Form()] = False,
) -> Response:
    """Publish the texts into the consultation record and, if ticked, queue the feedback.

    A missing checkbox means "do not message": nobody is told by accident.
    With a link to the results, messages carry it instead of a summary.
    """
    texts = {
        "found_out_en": found_out_en.strip(),
        "found_out_cy": found_out_cy.strip(),
        # A form without the difference fields leaves the record's own.
        "difference_en": consultation.difference_en
        if difference_en is None
        else difference_en.strip(),
        "difference_cy": consultation.difference_cy
        if difference_cy is None
        else difference_cy.strip(),
    }
    # A form without the link field leaves the record's own.
    typed_url = consultation.results_url if results_url is None else results_url
    error: str | None = None
    language = page_language(request, officer)
    too_long = [name for name, text in texts.items() if len(text) > MAX_TEXT]
    if too_long:
        labels = ", ".join(translate(language, _LABELS[name]) for name in too_long)
        error = translate(language, "found-out-too-long", fields=labels, limit=f"{MAX_TEXT:,}")
    try:
        link = check_results_url(typed_url)
    except ResultsUrlError as problem:
        link, error = "", " ".join(filter(None, (error, translate(language, problem.message))))
    if error:
        return _found_out_form(
            request,
            services,
            officer,
            consultation,
            texts=texts,
            results_url=typed_url,
            notify=notify,
            error=Msg.of("found-out-not-published", reason=error),
            status_code=400,
        )
    publication_id: int | None = None
    queued = 0
    with session_scope(services.db) as session:
        current = session.get(Consultation, consultation.id)
        assert current is not None
        update_consultation(session=session, consultation=current, results_url=link, **texts)
        created = False
        if notify and any(texts.values()):
            # In the record's transaction: the words and who is to hear them
            # are stored together or not at all.
            publication, created = feedback_repo.publish_feedback(
                session=session, consultation=current
            )
            publication_id = publication.id
            queued = feedback_repo.pending_count(
                session=session, publication_id=publication_id or 0
            )
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="found_out_published",
            subject=f"consultation:{consultation.id}",
            detail={
                "notify": notify,
                "publication": publication_id,
                "new": created,
                "results_url": link,
            },
        )
    flash(request, "flash-published")
    if not notify:
        flash(request, "flash-nobody-messaged")
    elif publication_id is None:
        flash(request, "flash-nothing-to-tell")
    elif not queued:
        flash(request, "flash-nobody-new")
        if created:
            # Nobody to send to, but the run records that sending finished.
            _queue_send(request, services, publication_id, 0, link, quiet=True)
    else:
        _queue_send(request, services, publication_id, queued, link)
    return RedirectResponse(f"/console/consultations/{consultation.id}", status_code=303)


def _queue_send(
    request: Request,
    services: Services,
    publication_id: int,
    people: int,
    link: str,
    *,
    quiet: bool = False,
) -> None:
    try:
        # With a link every message is short (by SMS: intro, link, how to
        # stop); without one, SMS gets a summary cut to two texts.
        services.jobs.enqueue(FEEDBACK_JOB, publication_id=publication_id, link=link or None)
    except Exception:
        # The queue (Redis) is down: everyone stays pending, nothing is lost.
        log.warning("could not queue feedback publication %s", publication_id, exc_info=True)
        if not quiet:
            flash(request, Msg.of("flash-feedback-not-queued", count=people), "error")
        return
    if not quiet:
        flash(request, Msg.of("flash-feedback-queued", count=people))


@router.post("/{consultation_id}/feedback/{publication_id}/send")
def resume_feedback(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    publication_id: int,
    next: Annotated[str | None, Form()] = None,
) -> Response:
    """Queue the send again: after quiet hours, a crash or a queue outage (never resends)."""
    with session_scope(services.db) as session:
        owned(session, FeedbackPublication, publication_id, consultation.id or 0)
    # Failed sends go again too: each person at most MAX_ATTEMPTS tries, and never a send
    # a crash left unknown (it may have arrived) nor one refused by WhatsApp's 24-hour window.
    requeued = requeue_failed(engine=services.db, table=FeedbackRecipient, parent_id=publication_id)
    with session_scope(services.db) as session:
        pending = feedback_repo.pending_count(session=session, publication_id=publication_id)
        # A targeted publication whose send job never ran (the queue was down) has
        # nobody pending yet: the job works out who to tell, so it is queued too.
        preparing = not is_prepared(session=session, publication_id=publication_id)
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="feedback_resumed",
            subject=f"consultation:{consultation.id}",
            detail={"publication": publication_id, "pending": pending, "requeued": requeued},
        )
    if preparing and not pending:
        try:
            services.jobs.enqueue(
                FEEDBACK_JOB, publication_id=publication_id, link=consultation.results_url or None
            )
            flash(request, "flash-targeted-preparing")
        except Exception:
            log.warning("could not queue feedback publication %s", publication_id, exc_info=True)
            flash(request, "flash-targeted-not-queued", "error")
    elif pending:
        # The link as it is now: one added or corrected since publishing is sent too.
        _queue_send(request, services, publication_id, pending, consultation.results_url)
    else:
        flash(request, "flash-nobody-waiting")
    return RedirectResponse(back_within(consultation.id or 0, next), status_code=303)


_NEXT_LIMIT = 300


def back_within(consultation_id: int, candidate: str | None) -> str:
    """Where the officer came from, if it is one of this consultation's own console pages.

    Anything else (another host, `//evil`, a backslash, `..`, another
    consultation, a query string or an oversized value) goes to the overview,
    so the form's field can never be an open redirect.
    """
    home = f"/console/consultations/{consultation_id}"
    if (
        candidate
        and len(candidate) <= _NEXT_LIMIT
        and re.fullmatch(r"(/[a-z0-9-]+)*", candidate.removeprefix(home))
        and (candidate == home or candidate.startswith(home + "/"))
    ):
        return candidate
    return home
