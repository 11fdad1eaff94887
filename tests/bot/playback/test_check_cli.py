"""`whatmatters playback start SLUG --check`: each person asked about their own themes, by SMS."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from app.cli.main import app
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer, Channel
from storage.models.themes import ThemeAssignment
from tests.bot.outbound.fake_twilio_api import RecordingTwilioApi
from tests.bot.playback.conftest import World, add_person
from tests.bot.playback.test_cli_playback import cli_env, cli_protector  # noqa: F401  (fixtures)

runner = CliRunner()


def _answer(engine: Engine, world: World, person: int, themes: list[int]) -> None:
    with session_scope(engine) as session:
        answer = Answer(
            consultation_id=world.consultation_id,
            participant_id=person,
            channel=Channel.SMS,
            text="words",
        )
        session.add(answer)
        session.flush()
        for rank, theme in enumerate(themes):
            session.add(ThemeAssignment(answer_id=answer.id or 0, theme_id=theme, rank=rank))


def test_check_asks_only_people_in_the_themes_about_their_own_themes(
    cli_env: RecordingTwilioApi,  # noqa: F811
    engine: Engine,
    world: World,
    cli_protector: AddressProtector,  # noqa: F811
) -> None:
    buses, repairs, parks = world.theme_ids
    one = add_person(engine, cli_protector, world.consultation_id, "+447911123456")
    two = add_person(engine, cli_protector, world.consultation_id, "+447911123457")
    add_person(engine, cli_protector, world.consultation_id, "+447911123458")  # no answer themed
    _answer(engine, world, one, [buses])
    _answer(engine, world, two, [parks, repairs])
    themes = f"{buses},{repairs},{parks}"
    result = runner.invoke(app, ["playback", "start", "buses", "--themes", themes, "--check"])
    assert result.exit_code == 0, result.output
    assert "2 people to ask" in result.output and "sent 2" in result.output
    sent = {r.data["To"]: r.data["Body"] for r in cli_env.message_requests()}
    assert "under: Buses. Reply YES, PARTLY or NO" in sent["+447911123456"]
    # In the round's order, numbered so "no 2" answers for one.
    assert "under: 1 Housing repairs, 2 Parks." in sent["+447911123457"]
