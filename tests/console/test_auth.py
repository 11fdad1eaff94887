"""Signing in and out, throttling, sessions and CSRF, through the ASGI app."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from console.security import hash_password
from storage.db import session_scope
from storage.models import AuditEvent
from storage.models.accounts import Role
from storage.repositories import console_accounts as accounts
from tests.console.factories import PASSWORD, csrf_of, make_officer, sign_in


async def test_pages_redirect_to_sign_in_and_back(client: httpx.AsyncClient, db: Engine) -> None:
    officer = make_officer(db)
    response = await client.get("/console/users?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/console/login?next=/console/users"
    token = await csrf_of(client, response.headers["location"])
    response = await client.post(
        "/console/login",
        data={
            "email": officer.email.upper(),
            "password": PASSWORD,
            "csrf_token": token,
            "next": "/console/tokens",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/console/tokens"
    assert (await client.get("/console/")).status_code == 200


async def test_sign_in_is_audited_and_sign_out_ends_the_session(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await sign_in(client, officer)
    response = await client.post("/console/logout", data={"csrf_token": token})
    assert response.status_code == 303
    assert (await client.get("/console/")).status_code == 303
    with session_scope(db) as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert actions == ["signed_in", "signed_out"]


async def test_wrong_password_and_unknown_email_look_the_same(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await csrf_of(client)
    wrong = await client.post(
        "/console/login", data={"email": officer.email, "password": "nope", "csrf_token": token}
    )
    unknown = await client.post(
        "/console/login",
        data={"email": "nobody@council.example", "password": "nope", "csrf_token": token},
    )
    assert wrong.status_code == unknown.status_code == 400
    assert "do not match an active account" in wrong.text
    assert "do not match an active account" in unknown.text


async def test_repeated_failures_lock_sign_in_even_with_the_right_password(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await csrf_of(client)
    for _ in range(5):
        await client.post(
            "/console/login",
            data={"email": officer.email, "password": "guess", "csrf_token": token},
        )
    response = await client.post(
        "/console/login", data={"email": officer.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text


async def test_inactive_accounts_cannot_sign_in_and_lose_their_session(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    await sign_in(client, officer)
    with session_scope(db) as session:
        current = accounts.get_officer(session=session, officer_id=officer.id or 0)
        assert current is not None
        accounts.update_officer(session=session, officer=current, active=False)
    assert (await client.get("/console/")).status_code == 303
    token = await csrf_of(client)
    response = await client.post(
        "/console/login", data={"email": officer.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 400


async def test_a_password_change_ends_existing_sessions(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    await sign_in(client, officer)
    with session_scope(db) as session:
        current = accounts.get_officer(session=session, officer_id=officer.id or 0)
        assert current is not None
        accounts.update_officer(
            session=session, officer=current, password_hash=hash_password("another long one")
        )
    assert (await client.get("/console/")).status_code == 303


async def test_a_tampered_session_cookie_is_ignored(client: httpx.AsyncClient, db: Engine) -> None:
    officer = make_officer(db, Role.ADMIN)
    await sign_in(client, officer)
    cookie = client.cookies["wm_console"]
    client.cookies.set("wm_console", cookie[:-3] + ("AAA" if not cookie.endswith("AAA") else "BBB"))
    assert (await client.get("/console/users")).status_code == 303


async def test_posts_without_the_csrf_token_are_refused(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db, Role.ADMIN)
    token = await sign_in(client, officer)
    form = {"email": "new@council.example", "role": "officer", "password": "long enough pw"}
    assert (await client.post("/console/users", data=form)).status_code == 403
    bad = await client.post("/console/users", data={**form, "csrf_token": token[:-1] + "x"})
    assert bad.status_code == 403
    assert "did not come from this site" in bad.text
    # The login form is protected too (login CSRF).
    fresh = httpx.AsyncClient(transport=client._transport, base_url="http://testserver")
    async with fresh:
        response = await fresh.post(
            "/console/login", data={"email": officer.email, "password": PASSWORD}
        )
        assert response.status_code == 403
    good = await client.post("/console/users", data={**form, "csrf_token": token})
    assert good.status_code == 303
    with session_scope(db) as session:
        assert accounts.get_officer_by_email(session=session, email="new@council.example")


async def test_sign_in_never_redirects_off_site(client: httpx.AsyncClient, db: Engine) -> None:
    officer = make_officer(db)
    token = await csrf_of(client)
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example", "javascript:x"):
        client.cookies.clear()
        token = await csrf_of(client)
        response = await client.post(
            "/console/login",
            data={
                "email": officer.email,
                "password": PASSWORD,
                "csrf_token": token,
                "next": target,
            },
        )
        assert response.headers["location"] == "/console/", target


async def test_console_pages_carry_strict_security_headers(
    client: httpx.AsyncClient, db: Engine
) -> None:
    response = await client.get("/console/login")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    cookie = response.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    css = await client.get("/console/static/console.css")
    assert css.status_code == 200 and "max-age" in css.headers["cache-control"]


def test_old_failures_stop_counting_and_are_purged(db: Engine) -> None:
    from datetime import timedelta

    from console.security import FAILURE_WINDOW, SignInThrottled, authenticate
    from storage.models import utcnow
    from storage.models.accounts import LoginAttempt

    officer = make_officer(db)
    long_ago = utcnow() - 3 * FAILURE_WINDOW
    for _ in range(5):
        authenticate(engine=db, email=officer.email, password="x", client="c", now=long_ago)
    # Five failures long ago do not lock the account now, and are tidied away.
    assert authenticate(engine=db, email=officer.email, password="wrong", client="c") is None
    with session_scope(db) as session:
        assert len(session.exec(select(LoginAttempt)).all()) == 2
    for _ in range(4):
        authenticate(engine=db, email=officer.email, password="x", client="c")
    with pytest.raises(SignInThrottled):
        authenticate(engine=db, email=officer.email, password=PASSWORD, client="c")
    assert timedelta(minutes=15) == FAILURE_WINDOW


def test_the_service_hashes_passwords_at_argon2s_recommended_cost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The suite swaps in a cheap hasher (tests/conftest.py); the service must not be cheap."""
    import console.security

    monkeypatch.undo()  # the real module-level hasher, as the service runs it
    stored = console.security.hash_password("correct horse battery staple")
    # OWASP's argon2id floor: 19 MiB of memory, 2 passes (argon2-cffi's default is above it).
    assert stored.startswith("$argon2id$")
    assert console.security._hasher.memory_cost >= 19 * 1024
    assert console.security._hasher.time_cost >= 2
    assert console.security.verify_password(stored, "correct horse battery staple")
