"""`whatmatters feedback send SLUG --themes`: the targeted publication from the command line."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from app.cli.main import app
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer, Channel
from storage.models.responses import Decision
from storage.models.themes import ThemeAssignment
from storage.repositories.responses import ResponseDraft, save_response
from tests.bot.outbound.fake_twilio_api import RecordingTwilioApi
from tests.bot.playback.conftest import World, add_person
from tests.bot.playback.test_cli_playback import (  # noqa: F401  (the CLI's environment)
    cli_env,
    cli_protector,
)

runner = CliRunner()


def test_themes_go_to_their_residents_once(
    cli_env: RecordingTwilioApi,  # noqa: F811
    engine: Engine,
    world: World,
    cli_protector: AddressProtector,  # noqa: F811
) -> None:
    cid, (buses, housing, _parks) = world.consultation_id, world.theme_ids
    refused = runner.invoke(app, ["feedback", "send", "buses", "--themes"])
    assert refused.exit_code != 0 and "no theme has a response" in refused.output
    ann = add_person(engine, cli_protector, cid, "+447911123456")
    bryn = add_person(engine, cli_protector, cid, "+447911123457")
    with session_scope(engine) as session:
        for person, theme_id in [(ann, buses), (bryn, housing)]:
            answer = Answer(
                consultation_id=cid, participant_id=person, channel=Channel.SMS, text="x"
            )
            session.add(answer)
            session.flush()
            session.add(ThemeAssignment(answer_id=answer.id or 0, theme_id=theme_id))
        save_response(
            session=session,
            consultation_id=cid,
            theme_id=buses,
            draft=ResponseDraft(decision=Decision.WILL_DO, detail_en="Evening buses from April."),
            updated_by="cli",
        )
    first = runner.invoke(app, ["feedback", "send", "buses", "--themes"])
    assert first.exit_code == 0, first.output
    assert "(new)" in first.output and "sent 1" in first.output
    [sms] = cli_env.message_requests()
    assert sms.data["To"] == "+447911123456"
    assert "- Buses: we will do this. Evening buses from April." in sms.data["Body"]
    again = runner.invoke(app, ["feedback", "send", "buses", "--themes"])
    assert again.exit_code == 0 and "sent 0" in again.output
    assert len(cli_env.message_requests()) == 1
