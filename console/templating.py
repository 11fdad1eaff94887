"""Jinja2 templates (autoescaped) and the helpers every page uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.templating import Jinja2Templates

from console.deps import Cap, csrf_token, role_allows
from storage.models.accounts import Officer, Role

TEMPLATES_DIR = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    # Everything residents and officers type is hostile until escaped.
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals["Cap"] = Cap
_env.globals["Role"] = Role
_env.globals["role_allows"] = role_allows
templates = Jinja2Templates(env=_env)


def flash(request: Request, message: str, kind: str = "info") -> None:
    """A one-time message shown on the next page (after a redirect)."""
    messages = list(request.session.get("flash", []))
    messages.append([kind, message])
    request.session["flash"] = messages[-5:]


def render(
    request: Request,
    name: str,
    *,
    officer: Officer | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    messages = request.session.pop("flash", [])
    context.update(officer=officer, csrf_token=csrf_token(request), messages=messages)
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    return response
