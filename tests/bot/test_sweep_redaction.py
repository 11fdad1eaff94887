"""After a Redis outage the worker's sweep redacts answers whose jobs were lost, and themes them."""

from __future__ import annotations

import threading
import time

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from app.cli.worker import warm_up_worker
from app.container import build_services
from app.jobs.redis_queue import RedisJobQueue, run_worker, sweep
from app.settings import Settings
from app.web import create_app
from nlp.embeddings import HashingEmbedder
from storage.db import session_scope
from storage.models import Answer
from storage.models.redacted import RedactedAnswer


async def test_the_sweep_queues_redaction_of_answers_stored_while_redis_was_down(
    db_url: str, redis_url: str, engine: Engine, demo_consultation: str
) -> None:
    dead_redis = Settings(
        environment="test",
        database_url=db_url,
        seed_demo=False,
        redis_url="redis://127.0.0.1:9/0",
        embedder="hashing",
    )
    app = create_app(dead_redis)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        for n, text in enumerate(("MATTERS", "yes", "Call Dai on 07700 900123 about the bins")):
            response = await client.post(
                "/simulator/api/messages", json={"text": text, "message_id": f"sweepmsg{n}"}
            )
            assert response.status_code == 200
    app.state.services.db.dispose()
    with session_scope(engine) as session:
        (answer,) = session.exec(select(Answer)).all()
        assert session.get(RedactedAnswer, answer.id) is None

    live = build_services(dead_redis.model_copy(update={"redis_url": redis_url}))
    assert isinstance(live.jobs, RedisJobQueue)
    model = HashingEmbedder().name
    assert sweep(live.jobs, live.db, model=model) == 1
    # As `whatmatters worker` does: load spaCy once before job threads import it
    # side by side (two first imports at once can deadlock on the module lock).
    warm_up_worker()
    stop = threading.Event()
    worker = threading.Thread(
        target=run_worker,
        args=(live.jobs, live.db),
        kwargs={"model": model, "threads": 2, "sweep_every": 0.2, "stop": stop},
        daemon=True,
    )
    worker.start()
    try:
        deadline = time.monotonic() + 30
        redacted = None
        while redacted is None and time.monotonic() < deadline:
            time.sleep(0.1)
            with session_scope(engine) as session:
                redacted = session.get(RedactedAnswer, answer.id)
                text = redacted.text if redacted else ""
        assert redacted is not None, "the sweep never redacted the answer"
        assert "07700" not in text
    finally:
        stop.set()
        worker.join(20)
        live.jobs.broker.close()
        live.db.dispose()
