"""Who is chatting (a random cookie, stored only as a keyed hash) and in which language.

No account and no tracking: the cookie is set only when the resident sends
something (or picks a language), holds 128 random bits, and the store never
sees it: the engine's address is an HMAC of it, which the engine hashes
again, as it does phone numbers.
"""

from __future__ import annotations

import re
import secrets

from fastapi import Request, Response

from storage.identity import AddressProtector

VISITOR_COOKIE = "wm_chat"
LANGUAGE_COOKIE = "wm_chat_lang"
# The transcript is kept as long as the cookie that finds it (see routes.prune).
COOKIE_DAYS = 30
LANGUAGES = ("en", "cy")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_ACCEPT_ITEM = re.compile(
    r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?"
)


def visitor_token(request: Request) -> str | None:
    """The visitor's random id from their cookie, or None (a first visit, or junk)."""
    token = request.cookies.get(VISITOR_COOKIE, "")
    return token if _TOKEN.match(token) else None


def new_token() -> str:
    return secrets.token_urlsafe(16)


def address_of(protector: AddressProtector, token: str) -> str:
    """The engine's address for this visitor: a keyed hash, never the cookie itself."""
    return protector.hash("webchat-cookie", token)


def remember(response: Response, name: str, value: str, *, secure: bool) -> None:
    response.set_cookie(
        name,
        value,
        max_age=COOKIE_DAYS * 24 * 3600,
        path="/chat",
        httponly=True,
        samesite="lax",
        secure=secure,
    )


def accept_language(header: str) -> str | None:
    """The first of Welsh or English the browser asks for (by q-value), if any."""
    best: tuple[float, int, str] | None = None
    for index, item in enumerate(header.split(",")[:20]):
        match = _ACCEPT_ITEM.match(item)
        if match is None:
            continue
        language = match.group(1).lower()
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if language in LANGUAGES and quality > 0:
            candidate = (-quality, index, language)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else None


def page_language(request: Request, stored: str | None) -> str:
    """The resident's language: their conversation's, their switch, then the browser's."""
    if stored in LANGUAGES:
        return str(stored)
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return str(chosen)
    return accept_language(request.headers.get("accept-language", "")) or "en"
