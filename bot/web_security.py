"""Security headers outside the console, self-hosted API docs, and who may read /metrics.

The console sets its own strict headers (console/app.py). Here:

- HSTS on every response when PUBLIC_BASE_URL is https (browsers then never
  try plain HTTP again; Caddy sends it too);
- a CSP, X-Frame-Options and nosniff on the public pages that had none: the
  phone simulator (mounted in production as the web chat) and the API docs;
- Swagger UI and ReDoc served from the files the ``fastapi-offline`` wheel ships,
  not from a CDN: the docs work offline and load no third-party script.
"""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS_STATIC = "/docs-static"
HSTS = b"max-age=31536000; includeSubDomains"
# The simulator's page loads its own script and styles only.
_SIMULATOR_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
# Swagger UI starts itself from an inline script FastAPI writes; ReDoc runs a blob worker.
_DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_STRICT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("/simulator", _SIMULATOR_CSP),
    ("/docs", _DOCS_CSP),
    ("/redoc", _DOCS_CSP),
)


class WebSecurityHeaders:
    """HSTS everywhere over https; CSP and framing rules on the simulator and the docs."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        csp = next((c for prefix, c in _STRICT_PREFIXES if path.startswith(prefix)), None)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if self.https:
                    headers.append((b"strict-transport-security", HSTS))
                if csp is not None and not any(
                    name.lower() == b"content-security-policy" for name, _ in headers
                ):
                    headers += [
                        (b"content-security-policy", csp.encode()),
                        (b"x-frame-options", b"DENY"),
                        (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"same-origin"),
                    ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def install_docs(app: FastAPI) -> None:
    """/docs and /redoc from files in the fastapi-offline wheel (create the app with docs off)."""
    import fastapi_offline

    static = Path(fastapi_offline.__file__).parent / "static"
    app.mount(DOCS_STATIC, StaticFiles(directory=static), name="docs-static")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - API",
            swagger_js_url=f"{root}{DOCS_STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_STATIC}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - API",
            redoc_js_url=f"{root}{DOCS_STATIC}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{DOCS_STATIC}/favicon.png",
            with_google_fonts=False,
        )


def metrics_allowed(request: Request, token: str | None) -> bool:
    """With METRICS_TOKEN set, the bearer token; without it, loopback clients only."""
    if token:
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        return scheme.lower() == "bearer" and secrets.compare_digest(
            value.strip().encode("latin-1", "replace"), token.encode()
        )
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
