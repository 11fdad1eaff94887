"""Jinja2 templates (autoescaped) and the helpers every page uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape
from starlette.templating import Jinja2Templates

from console.accuracy import AUTOMATIC, OFFICER_PREFIX
from console.deps import Cap, csrf_token, role_allows
from console.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    Msg,
    negotiate,
    supported,
    translate,
)
from console.reasons import explain_flag
from storage.models.accounts import Officer, Role
from storage.repositories.console_themes import NOT_GIVEN

TEMPLATES_DIR = Path(__file__).parent / "templates"
# The session key for a language picked while signed out (and copied at sign-in).
SESSION_LANGUAGE = "lang"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    # Everything residents and officers type is hostile until escaped.
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@pass_context
def _gettext(context: Context, message: str | Msg, **args: Any) -> str:
    """`{{ _("message-id", count=n) }}` in the page's language."""
    return translate(context.get("language", DEFAULT_LANGUAGE), message, **args)


def lang_attr(code: object) -> Markup:
    """` lang="cy"` for text known to be in a console language (answers carry theirs)."""
    language = supported(code)
    return Markup(f' lang="{language}"') if language else Markup("")


@pass_context
def _in_page_language(context: Context, record: Any, name: str) -> Markup:
    """An officer-typed field (`title`, `prompt`...) in the page's language, marked with
    its language; the other language's text stands in when that one is blank."""
    language = context.get("language", DEFAULT_LANGUAGE)
    order = [language, *(code for code in LANGUAGES if code != language)]
    for code in order:
        value = getattr(record, f"{name}_{code}", None) or ""
        if value:
            return Markup('<span lang="{}">{}</span>').format(code, escape(value))
    return Markup("")


@pass_context
def _plain_in_page_language(context: Context, record: Any, name: str) -> str:
    """As `local`, without markup (for <title> and attributes)."""
    language = context.get("language", DEFAULT_LANGUAGE)
    order = [language, *(code for code in LANGUAGES if code != language)]
    return next((v for c in order if (v := getattr(record, f"{name}_{c}", None) or "")), "")


@pass_context
def _coder(context: Context, name: str) -> str:
    """A coder in an accuracy statement ("Automatic themes", "Officer B") in the page's language."""
    if name == AUTOMATIC:
        return _gettext(context, "accuracy-automatic")
    if name.startswith(OFFICER_PREFIX):
        return _gettext(context, "accuracy-officer", letter=name.removeprefix(OFFICER_PREFIX))
    return name


@pass_context
def _flag_reason(context: Context, reason: str) -> str:
    """Why an answer was flagged, in the page's language (the rules word it in English)."""
    return explain_flag(reason, context.get("language", DEFAULT_LANGUAGE))


_env.globals["coder"] = _coder
_env.globals["flag_reason"] = _flag_reason
_env.globals["Cap"] = Cap
_env.globals["Role"] = Role
_env.globals["role_allows"] = role_allows
_env.globals["_"] = _gettext
# A message in a named language, for the pages that show both side by side.
_env.globals["_in"] = translate
_env.globals["lang_attr"] = lang_attr
_env.globals["local"] = _in_page_language
_env.globals["local_text"] = _plain_in_page_language
_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
# The breakdowns' "not given" group, a stored value that pages show in words.
_env.globals["NOT_GIVEN"] = NOT_GIVEN
templates = Jinja2Templates(env=_env)


def page_language(request: Request, officer: Officer | None = None) -> str:
    """The officer's saved choice, else the one picked while signed out, else the browser's."""
    return (
        (supported(officer.console_language) if officer is not None else None)
        or supported(request.session.get(SESSION_LANGUAGE))
        or negotiate(request.headers.get("accept-language"))
        or DEFAULT_LANGUAGE
    )


def flash(request: Request, message: str | Msg, kind: str = "info") -> None:
    """A one-time message shown on the next page (after a redirect), in that page's language.

    `message` is a message id or a Msg; its arguments must be plain values (the
    session is a signed cookie).
    """
    msg = message if isinstance(message, Msg) else Msg(message)
    messages = list(request.session.get("flash", []))
    messages.append([kind, msg.id, msg.args])
    request.session["flash"] = messages[-5:]


def _flashed(request: Request, language: str) -> list[tuple[str, str]]:
    shown = []
    for entry in request.session.pop("flash", []):
        if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[2], dict):
            kind, message_id, args = entry
            shown.append((str(kind), translate(language, Msg(str(message_id), args))))
    return shown


def render(
    request: Request,
    name: str,
    *,
    officer: Officer | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    language = page_language(request, officer)
    context.update(
        officer=officer,
        csrf_token=csrf_token(request),
        language=language,
        messages=_flashed(request, language),
    )
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers["content-language"] = language
    # The same URL answers in two languages: caches must key on what chose it.
    response.headers["vary"] = "Accept-Language, Cookie"
    return response
