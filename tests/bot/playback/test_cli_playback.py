"""`whatmatters playback ...` and `whatmatters feedback send` through the real twilio client."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.cli.main import app
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Consultation
from storage.models.playback import FeedbackPublication, PlaybackRound
from tests.bot.outbound.fake_twilio_api import ACCOUNT_SID, RecordingTwilioApi
from tests.bot.playback.conftest import World, add_person

runner = CliRunner()


@pytest.fixture
def cli_env(
    db_url: str, engine: Engine, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> RecordingTwilioApi:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name, value in {
        "DATABASE_URL": db_url,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": "auth-token-for-tests",
        "TWILIO_FROM_NUMBER": "+447400123456",
        "SMS_SEND_RATE": "50",
        "QUIET_HOURS_START": "00:00",
        "QUIET_HOURS_END": "00:00",
    }.items():
        monkeypatch.setenv(name, value)
    api = RecordingTwilioApi()
    monkeypatch.setattr("app.cli.playback.make_http_client", lambda: api)
    return api


@pytest.fixture
def cli_protector() -> AddressProtector:
    from app.settings import Settings

    return Settings().address_protector


def test_start_sends_close_and_resend_nothing_twice(
    cli_env: RecordingTwilioApi, engine: Engine, world: World, cli_protector: AddressProtector
) -> None:
    add_person(engine, cli_protector, world.consultation_id, "+447911123456")
    add_person(engine, cli_protector, world.consultation_id, "+447911123457", opted_out=True)
    themes = ",".join(str(i) for i in reversed(world.theme_ids))
    result = runner.invoke(app, ["playback", "start", "buses", "--themes", themes])
    assert result.exit_code == 0, result.output
    assert "1 people to ask" in result.output and "sent 1" in result.output
    sent = cli_env.message_requests()
    assert [r.data["To"] for r in sent] == ["+447911123456"]
    assert "1 Parks 2 Housing repairs 3 Buses" in sent[0].data["Body"]
    again = runner.invoke(app, ["playback", "send", "buses"])
    assert again.exit_code == 0 and "sent 0" in again.output
    assert len(cli_env.message_requests()) == 1
    closed = runner.invoke(app, ["playback", "close", "buses"])
    assert closed.exit_code == 0 and "sent 1" in closed.output
    with Session(engine) as session:
        assert session.exec(select(PlaybackRound)).one().status == "closed"


def test_bad_theme_lists_and_unknown_consultations_are_clear_errors(
    cli_env: RecordingTwilioApi,
) -> None:
    for args, message in [
        (["playback", "start", "buses", "--themes", "1;2"], "separated by commas"),
        (["playback", "start", "buses", "--themes", "999999"], "not an active theme"),
        (["playback", "start", "nope", "--themes", "1"], "no consultation"),
        (["playback", "close", "buses"], "no open playback round"),
        (["feedback", "send", "buses"], "nothing published"),
        (["feedback", "send", "buses", "--link", "javascript:alert(1)"], "https://"),
        (["feedback", "send", "buses", "--link", "https://a b.example"], "spaces"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    assert cli_env.message_requests() == []


def test_feedback_goes_once_per_publication(
    cli_env: RecordingTwilioApi, engine: Engine, world: World, cli_protector: AddressProtector
) -> None:
    add_person(engine, cli_protector, world.consultation_id, "+447911123456")
    with session_scope(engine) as session:
        consultation = session.get(Consultation, world.consultation_id)
        assert consultation is not None
        consultation.found_out_en = "Evening buses matter most."
        session.add(consultation)
    link = "https://consult.example.gov.uk/buses"
    first = runner.invoke(app, ["feedback", "send", "buses", "--link", link])
    assert first.exit_code == 0, first.output
    assert "(new)" in first.output and "sent 1" in first.output
    assert link in cli_env.message_requests()[0].data["Body"]
    second = runner.invoke(app, ["feedback", "send", "buses", "--link", link])
    assert second.exit_code == 0 and "sent 0" in second.output
    assert len(cli_env.message_requests()) == 1
    with Session(engine) as session:
        publication = session.exec(select(FeedbackPublication)).one()
    assert publication.recipients_count == 1 and publication.sent_at is not None


def test_feedback_without_link_option_uses_the_link_stored_from_the_console(
    cli_env: RecordingTwilioApi, engine: Engine, world: World, cli_protector: AddressProtector
) -> None:
    add_person(engine, cli_protector, world.consultation_id, "+447911123457")
    stored = "https://www.example.gov.uk/your-voice/buses/results"
    with session_scope(engine) as session:
        consultation = session.get(Consultation, world.consultation_id)
        assert consultation is not None
        consultation.found_out_en = "Evening buses matter most."
        consultation.results_url = stored
        session.add(consultation)
    result = runner.invoke(app, ["feedback", "send", "buses"])
    assert result.exit_code == 0, result.output
    [sms] = cli_env.message_requests()
    assert stored in sms.data["Body"] and "Evening buses" not in sms.data["Body"]
