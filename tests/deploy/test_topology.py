"""The production topology on loopback: 2 web processes, 1 job worker, PostgreSQL, Redis.

Signed Twilio webhooks arrive while one web process and the job worker are
killed with SIGKILL. Twilio retries what was not acknowledged (here: the load
generator retries on the other web process). After restarts, every
acknowledged answer is stored exactly once and themed by a worker.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlmodel import col

from app.topology import Topology, start
from nlp.embeddings import HashingEmbedder
from storage.db import make_engine, session_scope
from storage.models import Answer
from storage.repositories.embeddings import answers_to_embed
from tests.bot.channels.sms.twilio_requests import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    PUBLIC_BASE_URL,
    signed_request,
    sms_fields,
)
from tests.uvicorn_thread import free_port

RESIDENTS = 18


def _post(ports: list[int], fields: list[tuple[str, str]]) -> int:
    """Deliver like Twilio: retry (on another web process) until acknowledged."""
    path, body, headers = signed_request("/sms/twilio", fields)
    for attempt in range(40):
        port = ports[attempt % len(ports)]
        try:
            response = httpx.post(
                f"http://127.0.0.1:{port}{path}", content=body, headers=headers, timeout=10
            )
        except httpx.HTTPError:
            continue
        if response.status_code == 200:
            return port
        time.sleep(0.1)
    raise AssertionError("message never acknowledged")


@pytest.mark.slow
def test_kill_a_web_process_and_the_worker_mid_load_and_lose_nothing(
    pg_url: str, redis_url: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": pg_url,
        "REDIS_URL": redis_url,
        "REDIS_HEARTBEAT_TIMEOUT_MS": "3000",
        "EMBEDDER": "hashing",
        "SEED_DEMO": "true",
        "ENVIRONMENT": "test",
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "LOG_FORMAT": "json",
    }
    ports = [free_port(), free_port()]
    topology: Topology = start(env=env, web_ports=ports, workers=1, log_dir=tmp_path)
    engine = make_engine(pg_url)
    try:
        answered = 0
        for resident in range(RESIDENTS):
            number = f"+4479111{resident:05d}"
            _post(ports, sms_fields("MATTERS", from_=number))
            _post(ports, sms_fields("yes", from_=number))
            _post(ports, sms_fields(f"Answer {resident}: safer cycle lanes", from_=number))
            answered += 1
            if resident == RESIDENTS // 3:
                topology.web[ports[0]].send_signal(signal.SIGKILL)
                topology.workers[0].send_signal(signal.SIGKILL)
            if resident == 2 * RESIDENTS // 3:
                topology.start_web(ports[0])
                topology.start_worker(sweep_every=1.0)
                topology.wait_ready(ports[0])

        def stored() -> int:
            with session_scope(engine) as session:
                return int(session.execute(select(func.count(col(Answer.id)))).scalar_one())

        assert stored() == answered, "every acknowledged answer is stored exactly once"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with session_scope(engine) as session:
                unthemed = answers_to_embed(session=session, model=HashingEmbedder().name)
            if not unthemed:
                break
            time.sleep(0.5)
        assert not unthemed, f"{len(unthemed)} answers never themed; see {tmp_path}"
        metrics = httpx.get(f"http://127.0.0.1:{ports[1]}/metrics", timeout=10).text
        assert f'whatmatters_answers_stored{{channel="sms"}} {float(answered)}' in metrics
    finally:
        topology.stop()
        engine.dispose()
