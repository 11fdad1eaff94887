"""Consultations: list, create, edit, open / close, sharing, links and QR codes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services import Services, ServicesDep
from console.deps import (
    CreatorOfficer,
    CurrentOfficer,
    EditableConsultation,
    ViewableConsultation,
    check_csrf,
)
from console.forms import DEFAULT_WORDING, ConsultationForm, ResultsUrlError, check_results_url
from console.i18n import LocalisedHTTPException, Msg, translate
from console.redaction_words import after_words_saved, explain_word_list
from console.scoping import in_id_range
from console.templating import flash, page_language, render
from nlp.redaction.consultation_words import WordsFollowed, hide_words_now
from storage.db import session_scope
from storage.input_policy import WordListError
from storage.models import Consultation, ConsultationStatus, QuestionKind
from storage.models.accounts import Officer, Role
from storage.repositories import console_accounts as accounts
from storage.repositories import console_consultations as edits
from storage.repositories import redaction_words
from storage.repositories.consultations import (
    ConsultationError,
    create_consultation,
    questions_of,
    set_status,
)
from storage.repositories.feedback import feedback_status
from usecases.links import qr_svg

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


def _form_values(
    consultation: Consultation | None, session_questions: dict[str, str]
) -> dict[str, object]:
    values: dict[str, object] = dict(DEFAULT_WORDING)
    if consultation is not None:
        for name in ("slug", "keyword", *edits.EDITABLE_FIELDS):
            values[name] = getattr(consultation, name)
        for name in ("opens_at", "closes_at"):
            moment = getattr(consultation, name)
            values[name] = moment.date().isoformat() if moment else ""
        for name in ("places_to_keep", "words_to_hide"):
            values[name] = "\n".join(getattr(consultation, name) or [])
    values.update(session_questions)
    return values


@router.get("/new", response_class=HTMLResponse)
def new_page(request: Request, officer: CreatorOfficer) -> Response:
    """The empty consultation form."""
    values = _form_values(None, {})
    values.update(ask_ward=True, ask_age=True)
    return render(request, "consultation_form.html", officer=officer, values=values, editing=None)


@router.post("/new")
def create(
    request: Request,
    services: ServicesDep,
    officer: CreatorOfficer,
    form: Annotated[ConsultationForm, Form()],
) -> Response:
    """Create the consultation as a draft; the creator owns it."""
    try:
        fields = form.fields()
        places, hide = form.redaction_words()
        slug = form.slug.strip().lower() or _slugify(form.keyword)
        with session_scope(services.db) as session:
            questions = [
                {
                    "kind": kind.value,
                    "prompt_en": pair[0],
                    "prompt_cy": pair[1],
                    "choices": edits.DEFAULT_AGE_BANDS if kind == QuestionKind.AGE_BAND else None,
                }
                for kind, pair in form.wording().items()
                if pair is not None
            ]
            consultation = create_consultation(
                session=session, slug=slug, keyword=form.keyword, questions=questions, **fields
            )
            redaction_words.set_words(
                session=session,
                consultation=consultation,
                places_to_keep=places,
                words_to_hide=hide,
            )
            accounts.share_consultation(
                session=session,
                consultation_id=consultation.id or 0,
                officer_id=officer.id or 0,
                owner=True,
            )
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="consultation_created",
                subject=f"consultation:{consultation.id}",
            )
    except (ConsultationError, ValueError) as error:
        values = form.model_dump()
        return render(
            request,
            "consultation_form.html",
            officer=officer,
            values=values,
            editing=None,
            error=Msg.of("form-not-saved", reason=_reason(request, officer, error)),
            status_code=400,
        )
    _refresh(services)
    flash(request, "flash-consultation-created")
    return RedirectResponse(f"/console/consultations/{consultation.id}", status_code=303)


def _refresh(services: Services) -> None:
    # The conversation engine caches consultations for routing; tell it something changed.
    refresh = getattr(services.conversation, "refresh_consultations", None)
    if callable(refresh):
        refresh()


def _slugify(text: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in text.strip().lower()).strip("-")
    return slug[:64] or "consultation"


@router.get("/{consultation_id}", response_class=HTMLResponse)
def overview(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> Response:
    """The consultation record, its links and who it is shared with."""
    with session_scope(services.db) as session:
        questions = questions_of(session=session, consultation_id=consultation.id or 0)
        shares = accounts.shares_of(session=session, consultation_id=consultation.id or 0)
        counts = {
            "answers": edits.answer_count(session=session, consultation_id=consultation.id or 0),
            "conversations": edits.conversation_count(
                session=session, consultation_id=consultation.id or 0
            ),
        }
        feedback = feedback_status(session=session, consultation_id=consultation.id or 0)
        for item in feedback:
            session.expunge(item.publication)
    return render(
        request,
        "consultation.html",
        feedback=feedback,
        officer=officer,
        consultation=consultation,
        questions=questions,
        shares=shares,
        counts=counts,
        section="overview",
        links=services.channels.links(services.settings, consultation.slug),
    )


@router.get("/{consultation_id}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """The consultation form, filled in."""
    with session_scope(services.db) as session:
        questions = questions_of(session=session, consultation_id=consultation.id or 0)
    wording: dict[str, str] = {}
    prefix = {
        QuestionKind.OPEN: "open",
        QuestionKind.PROBE: "probe",
        QuestionKind.WARD: "ward",
        QuestionKind.AGE_BAND: "age",
    }
    flags: dict[str, object] = {"ask_ward": False, "ask_age": False}
    for question in questions:
        if question.kind in prefix:
            wording[f"{prefix[question.kind]}_en"] = question.prompt_en
            wording[f"{prefix[question.kind]}_cy"] = question.prompt_cy
    flags["ask_ward"] = any(q.kind == QuestionKind.WARD for q in questions)
    flags["ask_age"] = any(q.kind == QuestionKind.AGE_BAND for q in questions)
    if not any(q.kind == QuestionKind.PROBE for q in questions):
        wording.update(probe_en="", probe_cy="")
    values = _form_values(consultation, wording)
    values.update(flags)
    return render(
        request,
        "consultation_form.html",
        officer=officer,
        values=values,
        editing=consultation,
        consultation=consultation,
        section="edit",
    )


@router.post("/{consultation_id}/edit")
def edit(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    form: Annotated[ConsultationForm, Form()],
) -> Response:
    """Save the consultation's fields and question wording."""
    followed: WordsFollowed | None = None
    try:
        places, hide = form.redaction_words()
        with session_scope(services.db) as session:
            current = session.get(Consultation, consultation.id)
            assert current is not None
            kept_before = list(current.places_to_keep or [])
            if redaction_words.set_words(
                session=session, consultation=current, places_to_keep=places, words_to_hide=hide
            ):
                # Words to hide leave quotes and theme names in the same transaction, and
                # approved quotes showing a place no longer kept go back to the queue; cached
                # redactions follow by their version (nlp/redaction/consultation_words).
                kept_now = {place.casefold() for place in places}
                followed = hide_words_now(
                    session=session,
                    consultation_id=current.id or 0,
                    actor=f"officer:{officer.id}",
                    places_removed=[p for p in kept_before if p.casefold() not in kept_now],
                )
            edits.update_consultation(
                session=session,
                consultation=current,
                keyword=form.keyword,
                results_url=check_results_url(form.results_url),
                **form.fields(),
            )
            edits.set_questions(
                session=session, consultation_id=current.id or 0, wording=form.wording()
            )
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="consultation_edited",
                subject=f"consultation:{current.id}",
            )
    except (ConsultationError, ValueError) as error:
        return render(
            request,
            "consultation_form.html",
            officer=officer,
            values=form.model_dump(),
            editing=consultation,
            consultation=consultation,
            section="edit",
            error=Msg.of("form-not-saved", reason=_reason(request, officer, error)),
            status_code=400,
        )
    _refresh(services)
    flash(request, "flash-saved")
    if followed is not None:
        after_words_saved(services, consultation.id or 0)
        if followed.quotes_requeued:
            flash(request, Msg.of("flash-words-requeued", count=followed.quotes_requeued))
    return RedirectResponse(f"/console/consultations/{consultation.id}", status_code=303)


def _reason(request: Request, officer: Officer, error: Exception) -> str:
    """Why a form was refused, in the page's language where the console words it itself."""
    language = page_language(request, officer)
    if isinstance(error, ResultsUrlError):
        return translate(language, error.message)
    if isinstance(error, WordListError):
        return explain_word_list(language, error)
    # Reasons from below the console are worded when the page is drawn (console/reasons.py).
    return str(error)


@router.post("/{consultation_id}/status")
def change_status(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    status: Annotated[ConsultationStatus, Form()],
) -> Response:
    """Open, close or return a consultation to draft."""
    with session_scope(services.db) as session:
        current = session.get(Consultation, consultation.id)
        assert current is not None
        set_status(session=session, consultation=current, status=status)
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action=f"consultation_{status.value}",
            subject=f"consultation:{current.id}",
        )
    _refresh(services)
    flash(request, Msg.of(f"flash-consultation-{status.value}"))
    return RedirectResponse(f"/console/consultations/{consultation.id}", status_code=303)


@router.post("/{consultation_id}/shares")
def add_share(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    email: Annotated[str, Form(max_length=254)],
) -> Response:
    """Share the consultation with another account (officer, facilitator or read-only)."""
    with session_scope(services.db) as session:
        other = accounts.get_officer_by_email(session=session, email=email)
        if other is None:
            flash(request, Msg.of("flash-no-such-account", email=email), "error")
        else:
            accounts.share_consultation(
                session=session, consultation_id=consultation.id or 0, officer_id=other.id or 0
            )
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="consultation_shared",
                subject=f"consultation:{consultation.id}",
                detail={"with": f"officer:{other.id}"},
            )
            flash(request, Msg.of(f"flash-shared-{Role(other.role).value}", email=other.email))
    return RedirectResponse(f"/console/consultations/{consultation.id}", status_code=303)


@router.post("/{consultation_id}/shares/{officer_id}/remove")
def remove_share(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    officer_id: int,
) -> Response:
    """Stop sharing with an account (the owner always keeps access)."""
    with session_scope(services.db) as session:
        shared = in_id_range(officer_id) and accounts.is_shared_with(
            session=session, consultation_id=consultation.id or 0, officer_id=officer_id
        )
        if not shared:
            raise LocalisedHTTPException(404, "error-not-shared")
        accounts.unshare_consultation(
            session=session, consultation_id=consultation.id or 0, officer_id=officer_id
        )
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="consultation_unshared",
            subject=f"consultation:{consultation.id}",
            detail={"with": f"officer:{officer_id}"},
        )
    flash(request, "flash-unshared")
    return RedirectResponse(f"/console/consultations/{consultation.id}", status_code=303)


@router.get("/{consultation_id}/qr.svg")
def qr(services: ServicesDep, consultation: ViewableConsultation, target: str = "web") -> Response:
    """A QR code for posters: the Telegram deep link, or the web chat link."""
    links = services.channels.links(services.settings, consultation.slug)
    url = links.get(target)
    if not url:
        raise LocalisedHTTPException(404, "error-no-link", target=target[:20])
    return Response(qr_svg(url, title=consultation.title_en), media_type="image/svg+xml")


@router.get("/{consultation_id}/poster", response_class=HTMLResponse)
def poster(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> Response:
    """A printable A4 poster: question, keyword and QR codes."""
    with session_scope(services.db) as session:
        questions = questions_of(session=session, consultation_id=consultation.id or 0)
    open_question = next((q for q in questions if q.kind == QuestionKind.OPEN), None)
    return render(
        request,
        "poster.html",
        officer=officer,
        consultation=consultation,
        open_question=open_question,
        links=services.channels.links(services.settings, consultation.slug),
    )
