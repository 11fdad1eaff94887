"""Fault test: PostgreSQL stops for a while under webhook load; nothing acknowledged is lost.

A private PostgreSQL (its own port and data directory, never the shared test
server) is stopped while residents keep texting. Every webhook call is answered
200 (spooled to local disk while the store is down), and once PostgreSQL is back
the spool is replayed: every acknowledged message is stored exactly once, with
no retry from the provider.
"""

from __future__ import annotations

import asyncio
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.settings import Settings
from app.web import create_app
from bot.demo import seed_demo
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Answer, Channel, InboundReceipt
from tests.bot.channels.sms.twilio_requests import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    new_sid,
    post_signed,
    sms_fields,
)
from tests.bot.channels.telegram.recording import RecordingSession
from tests.bot.channels.telegram.updates import start_update, text_update

TELEGRAM_TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
TELEGRAM_SECRET = "s3cret-Token_for-the-outage"
# Long enough for the replay loop (every second) to fail against the stopped store many
# times while hundreds of messages are spooled; the 30 s run in bench/RESULTS.md sets it.
OUTAGE_SECONDS = float(os.environ.get("WHATMATTERS_OUTAGE_SECONDS", "10"))
RESIDENTS = 12


class PrivatePostgres:
    """A throwaway PostgreSQL server this test may stop and start at will."""

    def __init__(self, data: Path) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not found:
            pytest.skip("PostgreSQL server binaries not installed")
        self.bindir = Path(found[-1]).parent
        self.data = data
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # PostgreSQL refuses to run as root; scripts/lib.sh uses the postgres user too.
        self.run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(data, "postgres")
        self._pg("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres?connect_timeout=2"

    def start(self) -> None:
        options = f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.data / "log")
        self._pg("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-o", options, "start")

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def _pg(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.run_as, str(self.bindir / tool), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )


@pytest.fixture
def postgres() -> Iterator[PrivatePostgres]:
    # Under /tmp itself: pytest's own temp folders are private to root, and the
    # server runs as the postgres user.
    base = Path(tempfile.mkdtemp(prefix="whatmatters-outage-pg-"))
    base.chmod(0o755)
    server = PrivatePostgres(base / "data")
    server.start()
    try:
        yield server
    finally:
        stop = [str(server.bindir / "pg_ctl"), "-D", str(server.data), "-m", "immediate", "stop"]
        subprocess.run([*server.run_as, *stop], capture_output=True, check=False)
        shutil.rmtree(base, ignore_errors=True)


# Connections the stopped server severed are garbage-collected unclosed; that is
# the fault being injected, not a leak in the code under test.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
async def test_postgres_stopped_under_load_loses_no_acknowledged_message(
    postgres: PrivatePostgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(postgres.url)
    seeding = make_engine(postgres.url)
    seed_demo(seeding)
    seeding.dispose()
    settings = Settings(
        environment="test",
        database_url=postgres.url,
        seed_demo=False,
        twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=SecretStr(AUTH_TOKEN),
        public_base_url=PUBLIC_BASE_URL,
        embedder="hashing",
        spool_dir=str(tmp_path / "spool"),
        telegram_bot_token=TELEGRAM_TOKEN,
        telegram_webhook_secret=TELEGRAM_SECRET,
    )
    app = create_app(settings)
    # Theming and redaction jobs are not under test; left running they would fail
    # against the stopped server and outlive the test.
    monkeypatch.setattr(app.state.services.jobs, "enqueue", lambda *_a, **_k: None)
    recorder = RecordingSession()
    app.state.telegram.bot.session = recorder  # nothing leaves the machine
    chats = [700_900_000 + n for n in range(RESIDENTS // 3)]
    update_ids = itertools.count(1)
    telegram_acknowledged: list[str] = []
    residents = [f"+4479111{n:05d}" for n in range(RESIDENTS)]
    acknowledged: list[str] = []
    refused: list[int] = []

    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://10.0.0.5:8000"
        ) as client,
    ):

        async def text(resident: str, body: str) -> None:
            sid = new_sid()
            response = await post_signed(
                client, "/sms/twilio", sms_fields(body, from_=resident, sid=sid)
            )
            if response.status_code == 200:
                acknowledged.append(sid)
            else:
                refused.append(response.status_code)

        async def telegram(chat: int, body: str) -> None:
            update_id = next(update_ids)
            update = start_update(update_id, chat) if body == "/start" else None
            response = await client.post(
                "/telegram/webhook",
                json=update or text_update(update_id, chat, body),
                headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET},
            )
            if response.status_code == 200:
                telegram_acknowledged.append(str(update_id))
            else:
                refused.append(response.status_code)

        for resident in residents:  # everyone has agreed to take part before the outage
            await text(resident, "MATTERS")
            await text(resident, "yes")
        for chat in chats:
            await telegram(chat, "/start")
            await telegram(chat, "yes")

        stop_load = asyncio.Event()

        async def load() -> None:
            round_ = 0
            while not stop_load.is_set():
                await asyncio.gather(
                    *(text(r, f"Round {round_} from {r[-3:]}: buses") for r in residents),
                    *(telegram(c, f"Round {round_} from chat {c % 1000}: trains") for c in chats),
                )
                round_ += 1
                await asyncio.sleep(0.2)

        loading = asyncio.create_task(load())
        await asyncio.sleep(1)
        await asyncio.to_thread(postgres.stop)
        await asyncio.sleep(OUTAGE_SECONDS)
        await asyncio.to_thread(postgres.start)
        await asyncio.sleep(3)
        stop_load.set()
        await loading
        spool = app.state.spool
        deadline = time.monotonic() + 60
        while spool.pending() and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        assert not spool.pending(), "the spool was not replayed"
        assert spool.replayed > 0, "nothing went through the spool: was the store ever down?"

    assert refused == []  # no provider retry was ever needed
    # Counted on a connection opened now: the pool is not pre-pinged, so a
    # connection from before the restart would fail once (the app's own
    # turns retry that; this check has nothing to retry).
    engine = make_engine(postgres.url)
    with Session(engine) as session:
        stored = session.exec(
            select(InboundReceipt.provider_message_id, func.count()).group_by(
                col(InboundReceipt.provider_message_id)
            )
        ).all()
        answers = session.exec(select(func.count()).select_from(Answer)).one()
        by_telegram = session.exec(
            select(InboundReceipt.provider_message_id, func.count())
            .where(InboundReceipt.channel == Channel.TELEGRAM)
            .group_by(col(InboundReceipt.provider_message_id))
        ).all()
    counts = dict(stored)
    assert set(acknowledged) <= set(counts)
    assert all(counts[sid] == 1 for sid in acknowledged)
    telegram_counts = dict(by_telegram)
    assert set(telegram_acknowledged) <= set(telegram_counts)
    assert all(telegram_counts[u] == 1 for u in telegram_acknowledged)
    assert answers >= RESIDENTS  # the first round of answers at least, each once
    engine.dispose()
