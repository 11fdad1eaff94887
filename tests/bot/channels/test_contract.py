"""Shared incoming and outgoing cases that every registered channel runs (courier style).

The registry here is the service's plus the test-only echo channel (tests/bot/channels/
echo/): adding a channel is that folder and the one line below, and every case runs on it.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from sqlmodel import Session, select

from app.services import Services
from app.web import create_app
from bot.channels.contract import ChannelRegistry, ChannelType
from bot.channels.registry import CHANNELS
from bot.conversation.messages import Reply
from bot.demo import seed_demo
from storage.models import Answer, Participant
from tests.bot.channels.contract_drivers import DRIVERS, Driver, contract_settings
from tests.bot.channels.echo import CHANNEL as ECHO
from tests.bot.channels.echo import EchoChannel
from tests.bot.channels.telegram.recording import RecordingSession
from usecases.delivery.sender import Outcome

REGISTRY = ChannelRegistry([*CHANNELS, ECHO])  # the one line that adds the echo channel

_ids = itertools.count(100)


@dataclass
class Harness:
    app: FastAPI
    client: httpx.AsyncClient
    services: Services

    async def send(self, driver: Driver, text: str, address: str, message_id: str) -> int:
        path, body, headers = driver.inbound(text, address, message_id)
        return (await self.client.post(path, content=body, headers=headers)).status_code

    def participants(self) -> list[Participant]:
        with Session(self.services.db) as session:
            return list(session.exec(select(Participant)))

    def answers(self) -> list[Answer]:
        with Session(self.services.db) as session:
            return list(session.exec(select(Answer)))


@pytest.fixture
async def harness(db_url: str) -> AsyncIterator[Harness]:
    app = create_app(contract_settings(db_url), channels=REGISTRY)
    # Only the Bot API's HTTP layer is replaced: nothing leaves the machine.
    app.state.telegram.bot.session = RecordingSession()
    services: Services = app.state.services
    seed_demo(services.db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://10.0.0.5:8000") as client:
        yield Harness(app=app, client=client, services=services)
    services.db.dispose()


def channels() -> list[ChannelType]:
    return list(REGISTRY)


def test_every_registered_channel_has_a_driver_and_a_well_formed_contract() -> None:
    assert set(REGISTRY.names()) == set(DRIVERS)
    for channel in REGISTRY:
        assert channel.serves and all(path.startswith("/") for path in channel.webhook_paths)
    with pytest.raises(ValueError, match="must be unique"):
        ChannelRegistry([*CHANNELS, ECHO, ECHO])

    class SecondSms(EchoChannel):
        name = "second-sms"
        serves = frozenset({"sms"})

    with pytest.raises(ValueError, match="served by both"):
        ChannelRegistry([*CHANNELS, SecondSms()])


@pytest.mark.parametrize("channel", channels(), ids=lambda c: c.name)
async def test_an_answer_is_stored_once_and_the_address_never_in_clear(
    harness: Harness, channel: ChannelType
) -> None:
    driver = DRIVERS[channel.name]
    address = driver.address(next(_ids) % 100)
    for text in ("MATTERS", "yes"):
        assert await harness.send(driver, text, address, str(next(_ids))) == 200
    answer_id = str(next(_ids))
    # The provider delivers the answer twice (a retry): it is stored once.
    for _ in range(2):
        assert await harness.send(driver, "More buses to the hospital", address, answer_id) == 200
    answers = [a for a in harness.answers() if str(a.channel) in channel.serves]
    assert [a.text for a in answers] == ["More buses to the hospital"]
    people = [p for p in harness.participants() if str(p.channel) in channel.serves]
    assert len(people) == 1
    stored = [str(getattr(people[0], column)) for column in Participant.model_fields]
    assert not any(address in value for value in stored)


@pytest.mark.parametrize("channel", channels(), ids=lambda c: c.name)
async def test_malformed_and_oversized_requests_are_refused_and_nothing_is_stored(
    harness: Harness, channel: ChannelType
) -> None:
    driver = DRIVERS[channel.name]
    path, body, headers = driver.malformed
    response = await harness.client.post(path, content=body, headers=headers)
    assert 400 <= response.status_code < 500
    huge_path, huge_body, huge_headers = driver.inbound("x" * 70_000, driver.address(1), "99")
    response = await harness.client.post(huge_path, content=huge_body, headers=huge_headers)
    assert 400 <= response.status_code < 500
    assert harness.participants() == [] and harness.answers() == []


@pytest.mark.parametrize("channel", channels(), ids=lambda c: c.name)
async def test_webhooks_are_counted_under_the_channel_label(
    harness: Harness, channel: ChannelType
) -> None:
    driver = DRIVERS[channel.name]
    await harness.send(driver, "MATTERS", driver.address(2), str(next(_ids)))
    metrics = (await harness.client.get("/metrics")).text
    labels = set(channel.webhook_paths.values())
    assert any(f'whatmatters_webhooks_total{{channel="{label}"' in metrics for label in labels)


@pytest.mark.parametrize("channel", channels(), ids=lambda c: c.name)
def test_a_reply_goes_out_through_the_channel_sender(channel: ChannelType) -> None:
    recorded = DRIVERS[channel.name].recorded_sender()
    address = DRIVERS[channel.name].address(3)
    served = sorted(channel.serves)[0]
    reply = Reply(text="Did we hear you right?", key="playback-question")
    try:
        result = recorded.sender.deliver(served, address, reply)  # type: ignore[arg-type]
    finally:
        recorded.sender.close()
    assert result.outcome is Outcome.SENT
    sent = recorded.sent_texts()
    assert sent == [] if channel.always_on else sent == ["Did we hear you right?"]


def test_the_registry_gives_links_and_a_deliverer_for_the_new_channel(db_url: str) -> None:
    settings = contract_settings(db_url)
    links = REGISTRY.links(settings, "what-matters")
    assert links["echo"].endswith("/echo?consultation=what-matters")
    assert {"web", "telegram"} <= set(links)
    deliverer, only = REGISTRY.deliverer(settings)
    assert only is None  # providers are configured: every channel is reached
    result = deliverer.deliver("echo", "echo-resident-9", Reply(text="Thanks", key="thanks"))  # type: ignore[arg-type]
    assert result.outcome is Outcome.SENT and ("echo-resident-9", "Thanks") in ECHO.outbox.sent
    deliverer.close()


def test_the_web_app_imports_aiogram_only_when_telegram_is_set_up(sqlite_url: str) -> None:
    # aiogram takes seconds to import: every web process and worker would start slower.
    code = (
        "import sys; from app.settings import Settings; from app.web import create_app; "
        f"create_app(Settings(environment='test', database_url={sqlite_url!r}, seed_demo=False)); "
        "print('aiogram' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
