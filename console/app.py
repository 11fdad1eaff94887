"""Mounts the officer console, workshop pages and REST API on the service's FastAPI app."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.services import Services
from console.deps import NotSignedIn
from console.i18n import LocalisedHTTPException
from console.routes import (
    answers,
    api,
    api_disputes,
    api_outcomes,
    auth,
    consultations,
    exports,
    imports,
    insights,
    invitations,
    jobs,
    language,
    playback,
    quality,
    quotes,
    responses,
    targeted,
    theme_edits,
    theme_grouping,
    themes,
    trends,
    users,
    workshop,
)
from console.security import SESSION_MAX_AGE
from console.templating import render

STATIC_DIR = Path(__file__).parent / "static"
_PAGE_PREFIXES = ("/console", "/workshop")
# Everything the console needs is served from here: no CDN, no inline script.
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class _SecurityHeaders:
    """Strict headers on console pages only (webhooks and the simulator are left alone)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(_PAGE_PREFIXES):
            await self.app(scope, receive, send)
            return
        static = path.startswith("/console/static/")

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                if static:
                    headers.append((b"cache-control", b"public, max-age=86400"))
                elif not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_wrapper)


def include_console(app: FastAPI, services: Services) -> None:
    """Add the console's middleware, static files, routers and error pages to `app`."""
    settings = services.settings
    app.add_middleware(_SecurityHeaders)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key.get_secret_value(),
        session_cookie="wm_console",
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.public_base_url.startswith("https://"),
    )
    app.mount("/console/static", StaticFiles(directory=STATIC_DIR), name="console-static")
    for module in (
        auth,
        users,
        consultations,
        answers,
        imports,
        insights,
        invitations,
        themes,
        theme_edits,
        theme_grouping,
        quotes,
        exports,
        jobs,
        workshop,
        playback,
        responses,
        targeted,
        trends,
        quality,
        language,
    ):
        app.include_router(module.router, include_in_schema=False)
    app.include_router(api.router)
    app.include_router(api_outcomes.router)
    app.include_router(api_disputes.router)

    @app.exception_handler(NotSignedIn)
    async def _sign_in_first(request: Request, exc: NotSignedIn) -> Response:
        return RedirectResponse(f"/console/login?next={quote(exc.next_path)}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _error_page(request: Request, exc: StarletteHTTPException) -> Response:
        if not request.url.path.startswith(_PAGE_PREFIXES) or request.url.path.startswith(
            "/console/static/"
        ):
            return await http_exception_handler(request, exc)
        # Details raised without a message id (the framework's own) stay English.
        detail: object = exc.detail
        if isinstance(exc, LocalisedHTTPException):
            detail = exc.message
        return render(
            request,
            "error.html",
            status_code=exc.status_code,
            status=exc.status_code,
            detail=detail,
            localised=isinstance(exc, LocalisedHTTPException),
        )
