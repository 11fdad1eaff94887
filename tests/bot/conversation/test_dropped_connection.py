"""A PostgreSQL restart between two messages: the pool is not pre-pinged, so the
engine's first statement on a dead connection fails and the turn is retried once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError

from bot.conversation.engine import ConversationEngine
from storage.db import make_engine, normalise_url
from storage.identity import AddressProtector
from tests.bot.conversation.conftest import Clock, Resident, add_consultation
from tests.bot.conversation.helpers import answer_texts, participant

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url, pool_size=2)
    yield engine
    engine.dispose()


def _drop_every_other_connection(url: str) -> int:
    """What a server restart does to our pool: every backend of this database ends."""
    admin = create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        admin.dispose()
    return int(ended)


def test_a_message_on_a_dropped_connection_is_handled_once(
    pg_url: str, pg_engine: Engine, protector: AddressProtector, clock: Clock
) -> None:
    add_consultation(pg_engine)
    stored: list[int] = []
    bot = ConversationEngine(
        engine=pg_engine, protector=protector, clock=clock, on_answer_stored=stored.append
    )
    resident = Resident(engine=bot, clock=clock)
    resident.send("BUSES")
    assert resident.keys("yes") == ["ask-open"]
    assert _drop_every_other_connection(pg_url) >= 1

    assert resident.keys("More buses on Sundays", message_id="SMdropped1") == ["ask-probe"]
    # The provider's retry of the same message is answered from the one receipt.
    assert resident.keys("More buses on Sundays", message_id="SMdropped1") == ["ask-probe"]
    assert answer_texts(pg_engine) == [("open", "More buses on Sundays")]
    assert len(stored) == 1


def test_a_provider_opt_out_on_a_dropped_connection_is_recorded(
    pg_url: str, pg_engine: Engine, protector: AddressProtector, clock: Clock
) -> None:
    add_consultation(pg_engine)
    bot = ConversationEngine(engine=pg_engine, protector=protector, clock=clock)
    resident = Resident(engine=bot, clock=clock)
    resident.send("BUSES")
    assert _drop_every_other_connection(pg_url) >= 1

    bot.opt_out(channel=resident.channel, address=resident.address, source="twilio:STOP")
    stored = participant(pg_engine, protector, resident.address)
    assert stored is not None and stored.opted_out


def test_a_server_that_stays_down_is_not_retried_for_ever(
    pg_url: str, protector: AddressProtector, clock: Clock
) -> None:
    # A port nothing listens on: every attempt fails to connect.
    engine = make_engine(make_url(pg_url).set(port=1).render_as_string(hide_password=False))
    bot = ConversationEngine(engine=engine, protector=protector, clock=clock)
    try:
        with pytest.raises(OperationalError):
            Resident(engine=bot, clock=clock).send("BUSES")
    finally:
        engine.dispose()
