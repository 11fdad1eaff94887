"""`whatmatters invite` end to end: CSV in, report out, messages through the twilio client."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.cli.main import app
from storage.models.outbound import InvitationRecipient, InvitationWave
from tests.bot.outbound.fake_twilio_api import ACCOUNT_SID, RecordingTwilioApi

runner = CliRunner()
CSV = "name,mobile\nAled,07911 123456\nBeca,+447911123457\nCai,12345\nDai,07911123456\n"


@pytest.fixture
def cli_env(
    db_url: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> RecordingTwilioApi:
    from bot.demo import seed_demo

    seed_demo(engine)
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name, value in {
        "DATABASE_URL": db_url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": "auth-token-for-tests",
        "TWILIO_FROM_NUMBER": "+447400123456",
        "PUBLIC_BASE_URL": "https://consult.example.gov.uk/",
        "SMS_SEND_RATE": "50",
        # start == end: no quiet hours, so the test does not depend on the hour it runs.
        "QUIET_HOURS_START": "00:00",
        "QUIET_HOURS_END": "00:00",
    }.items():
        monkeypatch.setenv(name, value)
    api = RecordingTwilioApi()
    monkeypatch.setattr("app.cli.invite.make_http_client", lambda: api)
    (tmp_path / "numbers.csv").write_text(CSV)
    return api


def test_dry_run_reports_rows_and_text_and_sends_nothing(
    cli_env: RecordingTwilioApi, engine: Engine
) -> None:
    result = runner.invoke(app, ["invite", "what-matters", "numbers.csv", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "2 numbers, 1 invalid rows, 1 duplicates collapsed" in result.output
    assert "row 4: invalid" in result.output
    assert "row 5: duplicate: same number as row 2" in result.output
    assert "GSM-7" in result.output and "MATTERS" in result.output
    assert cli_env.requests == []
    with Session(engine) as session:
        assert session.exec(select(InvitationWave)).all() == []


def test_sending_needs_a_lawful_basis(cli_env: RecordingTwilioApi) -> None:
    result = runner.invoke(app, ["invite", "what-matters", "numbers.csv"])
    assert result.exit_code == 1
    assert "--lawful-basis" in result.output
    assert cli_env.requests == []


def test_a_wave_is_sent_through_the_twilio_client_and_can_be_resumed_idempotently(
    cli_env: RecordingTwilioApi, engine: Engine
) -> None:
    result = runner.invoke(
        app,
        ["invite", "what-matters", "numbers.csv", "--lawful-basis", "Public task (tenancy)"],
    )
    assert result.exit_code == 0, result.output
    assert "sent 2, failed 0" in result.output
    sent = cli_env.message_requests()
    assert sorted(r.data["To"] for r in sent) == ["+447911123456", "+447911123457"]
    assert all(
        r.data["StatusCallback"] == "https://consult.example.gov.uk/sms/twilio/status" for r in sent
    )
    with Session(engine) as session:
        wave = session.exec(select(InvitationWave)).one()
        states = {r.state for r in session.exec(select(InvitationRecipient))}
    assert wave.lawful_basis == "Public task (tenancy)" and wave.status == "done"
    assert wave.invalid_count == 1 and wave.duplicate_count == 1 and states == {"sent"}

    again = runner.invoke(app, ["invite", "what-matters", "--resume", str(wave.id)])
    assert again.exit_code == 0, again.output
    assert len(cli_env.message_requests()) == 2  # nothing sent twice


def test_unknown_consultation_and_bad_csv_are_clear_errors(
    cli_env: RecordingTwilioApi, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["invite", "nope", "numbers.csv", "--dry-run"])
    assert result.exit_code == 1 and "no consultation with slug 'nope'" in result.output
    (tmp_path / "wide.csv").write_text("a,b\n07911123456,x\n")
    result = runner.invoke(app, ["invite", "what-matters", "wide.csv", "--dry-run"])
    assert result.exit_code == 1 and "name the phone column" in result.output
