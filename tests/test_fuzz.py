"""Fuzzing in the suite: hostile requests to every route of the real app, on SQLite and PostgreSQL.

Bounded (a few hundred requests per database, well under a minute each); the
longer run with counts per route is bench/fuzz.py. The property is the one a
user notices: the service never answers 5xx, whatever arrives.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from starlette.testclient import TestClient

from app.settings import Settings
from app.web import create_app
from bot.demo import seed_demo
from console.security import hash_password
from storage.db import session_scope
from storage.models.accounts import Role
from storage.repositories import console_accounts as accounts
from tests.bot.channels.sms.twilio_requests import ACCOUNT_SID, AUTH_TOKEN
from tests.bot.channels.telegram.recording import RecordingSession
from tests.fuzz_support import TELEGRAM_SECRET, Tally, request_for, routes, send

EXAMPLES = int(os.environ.get("WHATMATTERS_FUZZ_EXAMPLES", "250"))
PASSWORD = "fuzzing password 1"
# Signing out would end the fuzzer's own session; every other route is fair game.
SKIPPED = {"logout"}


class Fuzzed:
    def __init__(self, client: TestClient, csrf: str, known: dict[str, str]) -> None:
        self.client, self.csrf, self.known = client, csrf, known
        self.tally = Tally()


def fuzz_settings(db_url: str, spool_dir: str) -> Settings:
    return Settings(
        environment="test",
        database_url=db_url,
        seed_demo=False,
        embedder="hashing",
        twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=SecretStr(AUTH_TOKEN),
        public_base_url="https://consult.example.gov.uk",
        telegram_bot_token="123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
        telegram_webhook_secret=TELEGRAM_SECRET,
        spool_dir=spool_dir,
    )


def signed_in_client(settings_: Settings) -> Iterator[Fuzzed]:
    """The real app, a signed-in admin, and the ids of the demo consultation."""
    app = create_app(settings_)
    app.state.telegram.bot.session = RecordingSession()
    services = app.state.services
    seed_demo(services.db)
    with session_scope(services.db) as session:
        accounts.create_officer(
            session=session,
            email="fuzz@council.example",
            password_hash=hash_password(PASSWORD),
            role=Role.ADMIN,
        )
    # https: the session cookie is Secure because PUBLIC_BASE_URL is https.
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as client:
        page = client.get("/console/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert csrf
        response = client.post(
            "/console/login",
            data={"email": "fuzz@council.example", "password": PASSWORD, "csrf_token": csrf[1]},
            follow_redirects=False,
        )
        assert response.status_code == 303
        tokens = client.get("/console/tokens").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', tokens)
        assert csrf
        yield Fuzzed(client, csrf[1], {"consultation_id": "1", "dimension": "ward"})
    services.db.dispose()


@pytest.fixture
def fuzzed(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fuzzed]:
    yield from signed_in_client(fuzz_settings(db_url, str(tmp_path_factory.mktemp("spool"))))


def test_no_route_answers_5xx_to_hostile_requests(fuzzed: Fuzzed) -> None:
    from fastapi import FastAPI

    app = fuzzed.client.app
    assert isinstance(app, FastAPI)
    targets = [(m, r) for m, r in routes(app) if r.name not in SKIPPED]
    assert len(targets) > 60  # console, API, simulator, webhooks, docs, health

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def one_request(data: st.DataObject) -> None:
        method, route = data.draw(st.sampled_from(targets))
        request = data.draw(request_for(method, route, fuzzed.known, fuzzed.csrf))
        status = send(fuzzed.client, request)
        fuzzed.tally.record(f"{method} {route.path}", status, repr(request))
        assert status < 500, (status, request)

    one_request()
    assert sum(fuzzed.tally.requests.values()) >= EXAMPLES
