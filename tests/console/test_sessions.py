"""Sessions and sign-in the OWASP ASVS way: revocable sessions, fair throttling, constant work."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Literal

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy.engine import Engine
from sqlmodel import select
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from console.security import hash_password
from storage.db import session_scope
from storage.models import AuditEvent
from storage.models.accounts import Role
from storage.repositories import console_accounts as accounts
from tests.console.factories import PASSWORD, csrf_of, make_consultation, make_officer, sign_in


class CountingHasher(PasswordHasher):
    """The real argon2 (cheapest cost), counting the password checks it runs."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.checks = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:  # noqa: A002
        self.checks += 1
        return super().verify(hash, password)


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> Iterator[CountingHasher]:
    import console.security

    counting = CountingHasher()
    monkeypatch.setattr(console.security, "_hasher", counting)
    monkeypatch.setattr(console.security, "_DUMMY_HASH", counting.hash("not-a-real-password"))
    yield counting


def _client_at(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _try(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    token = await csrf_of(client)
    return await client.post(
        "/console/login", data={"email": email, "password": password, "csrf_token": token}
    )


async def test_a_copied_cookie_stops_working_after_sign_out(
    app: FastAPI, client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    token = await sign_in(client, officer)
    copied = client.cookies["wm_console"]
    assert (await client.get(f"/console/consultations/{cid}/export.csv")).status_code == 200
    await client.post("/console/logout", data={"csrf_token": token})
    async with _client_at(app, "198.51.100.9") as thief:
        thief.cookies.set("wm_console", copied)
        response = await thief.get(f"/console/consultations/{cid}/export.csv")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/console/login")


async def test_a_copied_cookie_stops_working_after_a_password_change(
    app: FastAPI, client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    await sign_in(client, officer)
    copied = client.cookies["wm_console"]
    with session_scope(db) as session:
        current = accounts.get_officer(session=session, officer_id=officer.id or 0)
        assert current is not None
        accounts.update_officer(
            session=session, officer=current, password_hash=hash_password("a brand new one")
        )
    async with _client_at(app, "198.51.100.9") as thief:
        thief.cookies.set("wm_console", copied)
        assert (await thief.get("/console/")).status_code == 303


async def test_failures_with_made_up_emails_do_not_lock_out_the_admin(
    app: FastAPI, db: Engine, hasher: CountingHasher
) -> None:
    admin = make_officer(db, Role.ADMIN)
    async with _client_at(app, "192.0.2.50") as attacker:
        for n in range(6):
            response = await _try(attacker, f"nobody{n}@council.example", "guess")
            assert response.status_code == 400
    # Behind the same office address, and from elsewhere, the admin still gets in.
    async with _client_at(app, "192.0.2.50") as colleague:
        assert (await _try(colleague, admin.email, PASSWORD)).status_code == 303
    async with _client_at(app, "203.0.113.80") as elsewhere:
        assert (await _try(elsewhere, admin.email, PASSWORD)).status_code == 303


async def test_an_unknown_email_costs_one_password_check_like_a_known_one(
    client: httpx.AsyncClient, db: Engine, hasher: CountingHasher
) -> None:
    officer = make_officer(db)
    await _try(client, "nobody@council.example", "guess")
    assert hasher.checks == 1
    await _try(client, officer.email, "guess")
    assert hasher.checks == 2


async def test_thirty_parallel_wrong_passwords_get_at_most_five_checks(
    app: FastAPI, client: httpx.AsyncClient, db: Engine, hasher: CountingHasher
) -> None:
    officer = make_officer(db)
    token = await csrf_of(client)
    responses = await asyncio.gather(
        *(
            client.post(
                "/console/login",
                data={"email": officer.email, "password": f"guess {n}", "csrf_token": token},
            )
            for n in range(30)
        )
    )
    codes = sorted(r.status_code for r in responses)
    assert hasher.checks <= 5
    assert codes.count(400) == hasher.checks and codes.count(429) == 30 - hasher.checks
    # The audit log does not grow with every knock: one row per client and window
    # (a few more when refusals race each other in one burst).
    burst = _throttle_rows(db)
    assert 1 <= burst < 30 - hasher.checks
    for _ in range(10):
        assert (await _try(client, officer.email, "again")).status_code == 429
    assert _throttle_rows(db) == burst


def _throttle_rows(db: Engine) -> int:
    with session_scope(db) as session:
        return len(
            session.exec(select(AuditEvent).where(AuditEvent.action == "sign_in_throttled")).all()
        )


async def test_the_real_client_address_comes_from_a_trusted_proxy(app: FastAPI, db: Engine) -> None:
    """uvicorn's --proxy-headers with the proxy trusted: each resident address is its own."""
    admin = make_officer(db, Role.ADMIN)
    proxied = ProxyHeadersMiddleware(app, trusted_hosts="172.30.0.2")  # type: ignore[arg-type]
    transport = httpx.ASGITransport(app=proxied, client=("172.30.0.2", 40000))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as proxy:
        for n in range(21):
            token = await csrf_of(proxy)
            await proxy.post(
                "/console/login",
                data={"email": f"x{n}@council.example", "password": "guess", "csrf_token": token},
                headers={"x-forwarded-for": "192.0.2.66"},
            )
        token = await csrf_of(proxy)
        blocked = await proxy.post(
            "/console/login",
            data={"email": admin.email, "password": PASSWORD, "csrf_token": token},
            headers={"x-forwarded-for": "192.0.2.66"},
        )
        assert blocked.status_code == 429  # that one address is over its limit
        proxy.cookies.clear()
        token = await csrf_of(proxy)
        ok = await proxy.post(
            "/console/login",
            data={"email": admin.email, "password": PASSWORD, "csrf_token": token},
            headers={"x-forwarded-for": "203.0.113.99"},
        )
        assert ok.status_code == 303  # another resident behind the same proxy is not
