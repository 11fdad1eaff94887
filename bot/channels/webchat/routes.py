"""HTTP for the residents' web chat: GET shows the conversation, POST sends a message.

Without JavaScript a form posts `text` to the page's own URL and the answer
is the page with the conversation so far; bot/channels/webchat/static/chat.js
posts the same form with fetch and swaps in the same page's conversation.
Bad requests (too big, not a form, not UTF-8) get a page saying so, and a
message refused for its length is put back in the box, so nothing typed is
lost.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import OperationalError

from app.services import Services, ServicesDep
from bot.channels.sms.forms import BadRequestError, parse_form, read_body
from bot.channels.webchat.chat import MAX_TEXT, ConsultationView, Line, WebChat
from bot.channels.webchat.visitor import (
    COOKIE_DAYS,
    LANGUAGE_COOKIE,
    LANGUAGES,
    VISITOR_COOKIE,
    address_of,
    new_token,
    page_language,
    remember,
    visitor_token,
)
from bot.conversation.catalog import default_catalog

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
static_files = StaticFiles(directory=HERE / "static")
router = APIRouter(tags=["web chat"])

# Only this site's own files; no inline script, no third-party anything.
CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_MESSAGE_ID_CHARS = frozenset("0123456789abcdefABCDEF-")


def get_chat(request: Request, services: ServicesDep) -> WebChat:
    chat: WebChat | None = getattr(request.app.state, "webchat", None)
    if chat is None:
        chat = WebChat(
            engine=services.db,
            conversation=services.conversation,
            protector=services.settings.address_protector,
            catalog=default_catalog(),
            keep_for=timedelta(days=COOKIE_DAYS),
        )
        request.app.state.webchat = chat
    return chat


ChatDep = Annotated[WebChat, Depends(get_chat)]


def _secure(services: Services) -> bool:
    return services.settings.public_base_url.startswith("https://")


def _page(
    request: Request,
    template: str,
    language: str,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    catalog = default_catalog()
    other = "cy" if language == "en" else "en"

    def t(message_id: str, **args: Any) -> str:
        return catalog.text(language, message_id, **args)

    response = templates.TemplateResponse(
        request,
        template,
        {"lang": language, "other": other, "t": t, "max_text": MAX_TEXT, **context},
        status_code=status_code,
    )
    response.headers["content-security-policy"] = CSP
    response.headers["x-content-type-options"] = "nosniff"
    response.headers["referrer-policy"] = "no-referrer"
    response.headers["cache-control"] = "no-store"
    response.headers["content-language"] = language
    return response


@router.get("/chat", response_class=HTMLResponse)
async def chat_list(request: Request, chat: ChatDep) -> HTMLResponse:
    """The consultations open now, each a link to its chat."""
    consultations = await run_in_threadpool(chat.open_consultations)
    language = page_language(request, None)
    return _page(request, "list.html", language, consultations=consultations)


async def _chat_page(
    request: Request,
    chat: WebChat,
    consultation: ConsultationView,
    token: str | None,
    *,
    error: str | None = None,
    draft: str = "",
    passing: list[Line] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    lines: list[Line] = []
    stored_language = None
    if token is not None:
        address = address_of(chat.protector, token)
        person = await run_in_threadpool(chat.person, address)
        if person is not None:
            stored_language = person.language
            lines = await run_in_threadpool(chat.lines, address, consultation.id)
    lines = lines + (passing or [])
    language = page_language(request, stored_language)
    last = lines[-1] if lines else None
    return _page(
        request,
        "chat.html",
        language,
        status_code=status_code,
        consultation=consultation,
        lines=lines,
        buttons=last.options if last is not None and last.who == "bot" else (),
        error=error,
        draft=draft,
        message_id=uuid.uuid4().hex,
    )


async def _find(chat: WebChat, keyword: str) -> ConsultationView | None:
    return await run_in_threadpool(chat.consultation, keyword)


def _not_found(request: Request) -> HTMLResponse:
    return _page(request, "missing.html", page_language(request, None), status_code=404)


@router.get("/chat/{keyword}", response_class=HTMLResponse)
async def chat_page(request: Request, chat: ChatDep, keyword: str) -> Response:
    """The consultation's chat: why we ask, the privacy line, the conversation so far."""
    consultation = await _find(chat, keyword)
    if consultation is None:
        return _not_found(request)
    if keyword != consultation.keyword:
        # /chat/<slug> (the console's link) and /chat/matters: one address per page.
        return RedirectResponse(f"/chat/{consultation.keyword}", status_code=303)
    return await _chat_page(request, chat, consultation, visitor_token(request))


@router.post("/chat/{keyword}", response_class=HTMLResponse)
async def chat_send(
    request: Request, chat: ChatDep, services: ServicesDep, keyword: str
) -> Response:
    """Send one message (or switch language); answers with the conversation so far."""
    consultation = await _find(chat, keyword)
    if consultation is None:
        return _not_found(request)
    token = visitor_token(request)
    try:
        body = await read_body(request, max_bytes=services.settings.max_body_bytes)
        form = parse_form(request, body)
    except BadRequestError as error:
        language = page_language(request, None)
        return await _chat_page(
            request,
            chat,
            consultation,
            token,
            error=default_catalog().text(language, "chat-error-bad"),
            status_code=error.status,
        )
    switch = form.first("lang")
    if switch:
        return await _switch_language(request, chat, services, consultation, token, switch)
    # A pressed button posts `option` (the box's `text` comes along, unused).
    pressed = form.first("option").strip()
    typed = form.first("text")
    text = pressed or typed.strip()
    message_id = form.first("message_id")
    language = page_language(request, None)
    problem = None
    if not text:
        problem = default_catalog().text(language, "chat-error-empty")
    elif len(text) > MAX_TEXT:
        problem = default_catalog().text(language, "chat-error-long", max=f"{MAX_TEXT:,}")
    elif not (8 <= len(message_id) <= 64 and set(message_id) <= _MESSAGE_ID_CHARS):
        problem = default_catalog().text(language, "chat-error-bad")
    if problem is not None or (not consultation.accepting and token is None):
        return await _chat_page(
            request,
            chat,
            consultation,
            token,
            error=problem or default_catalog().text(language, "chat-closed"),
            draft=typed,
            status_code=422 if problem else 200,
        )
    fresh = token is None
    token = token or new_token()
    address = address_of(services.settings.address_protector, token)
    person = await run_in_threadpool(chat.person, address)
    language = page_language(request, person.language if person else None)
    shown = None
    if pressed:
        shown = await _pressed_label(chat, address, consultation, text, language, person is None)
    try:
        outcome = await run_in_threadpool(
            chat.send,
            address,
            consultation,
            text=text,
            message_id=message_id,
            language=language,
            shown=shown,
        )
    except OperationalError:
        # The store is down: say so and keep what they typed in the box.
        response = await _chat_page(
            request,
            chat,
            consultation,
            None if fresh else token,
            error=default_catalog().text(language, "chat-error-bad"),
            draft=text,
            status_code=503,
        )
        return response
    response = await _chat_page(request, chat, consultation, token, passing=outcome.passing)
    if fresh:
        remember(response, VISITOR_COOKIE, token, secure=_secure(services))
    return response


async def _pressed_label(
    chat: WebChat,
    address: str,
    consultation: ConsultationView,
    text: str,
    language: str,
    newcomer: bool,
) -> str | None:
    """The label of the button whose value `text` is ("Ie" for "YES"), if one was offered."""
    if newcomer:
        start = consultation.keyword
        return default_catalog().text(language, "chat-start") if text == start else None
    lines = await run_in_threadpool(chat.lines, address, consultation.id)
    if not lines or lines[-1].who != "bot":
        return None
    return next((o["label"] for o in lines[-1].options if o["value"] == text), None)


async def _switch_language(
    request: Request,
    chat: WebChat,
    services: Services,
    consultation: ConsultationView,
    token: str | None,
    switch: str,
) -> Response:
    """The visible Cymraeg/English switch; a conversation under way switches too."""
    if switch not in LANGUAGES:
        return RedirectResponse(f"/chat/{consultation.keyword}", status_code=303)
    if token is not None:
        address = address_of(services.settings.address_protector, token)
        person = await run_in_threadpool(chat.person, address)
        if person is not None and person.language != switch and not person.opted_out:
            # The keyword every channel knows, so the engine answers in it from now on.
            await run_in_threadpool(
                chat.send,
                address,
                consultation,
                text="CYMRAEG" if switch == "cy" else "ENGLISH",
                message_id=uuid.uuid4().hex,
                language=switch,
            )
    response = RedirectResponse(f"/chat/{consultation.keyword}#composer", status_code=303)
    remember(response, LANGUAGE_COOKIE, switch, secure=_secure(services))
    return response
