"""Targeted "you said, we did" is prepared by the send job, off the officer's request: the page
says so meanwhile, a queue that is down loses nothing, and an older publication never prepared
does not message anybody a second time."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlmodel import col, select

from app.services import Services
from storage.db import session_scope
from storage.models.playback import FeedbackPublication, FeedbackRecipient
from storage.repositories.feedback_plan import prepare_theme_feedback
from tests.bot.playback.conftest import RecordingDeliverer
from tests.console.test_targeted_feedback import (
    BUSES,
    PARKS,
    _counts,
    _messages,
    _publish,
    _respond,
    _world,
)


async def test_a_queue_down_at_publishing_leaves_it_preparing_until_resume_sending(
    client: httpx.AsyncClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)

    def down(*_args: Any, **_kwargs: Any) -> None:
        raise ConnectionError("redis is down")

    with monkeypatch.context() as patched:
        patched.setattr(services.jobs, "enqueue", down)
        published = await _publish(client, world)
    assert "could not be queued" in published.text
    assert "Preparing the messages" in published.text
    with session_scope(services.db) as session:
        assert session.exec(select(FeedbackRecipient)).all() == []
    exported = (await client.get(world.url("/export.json"))).json()["targeted_feedback"]
    assert [item["preparing"] for item in exported] == [True]
    resume = await client.post(
        world.url("/feedback/1/send"),
        data={"csrf_token": world.setup.token, "next": world.url("/responses")},
        follow_redirects=True,
    )
    assert "being prepared" in resume.text
    world.setup.run_jobs()
    assert set(_messages(world)) == {"+447700900001", "555002"}
    page = await client.get(world.url("/responses"))
    assert "Preparing the messages" not in page.text
    assert _counts(page.text, "Buses") == [2, 0, 0, 0]
    exported = (await client.get(world.url("/export.json"))).json()["targeted_feedback"]
    assert [item["preparing"] for item in exported] == [False]


async def test_an_older_publication_prepared_late_messages_nobody_twice(
    client: httpx.AsyncClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)
    with monkeypatch.context() as patched:
        patched.setattr(services.jobs, "enqueue", lambda *_a, **_k: None)  # a slow queue
        await _publish(client, world)
    await _respond(client, world, "Parks", PARKS)
    await _publish(client, world)
    with session_scope(services.db) as session:
        older, newer = session.exec(
            select(FeedbackPublication.id).order_by(col(FeedbackPublication.id))
        ).all()
    # The older publication's job runs last (queued late, retried): it finds a newer one.
    world.setup.run_jobs()
    with session_scope(services.db) as session:
        assert prepare_theme_feedback(session=session, publication_id=older or 0) == 0
        # Prepared already: a second send job for the newer one queues nobody again.
        assert prepare_theme_feedback(session=session, publication_id=newer or 0) == 0
    world.setup.use(RecordingDeliverer())
    resumed = await client.post(
        world.url(f"/feedback/{older}/send"), data={"csrf_token": world.setup.token}
    )
    assert resumed.status_code == 303
    world.setup.run_jobs()
    assert world.setup.deliverer.sent == []
    with session_scope(services.db) as session:
        rows = session.exec(select(FeedbackRecipient.participant_id)).all()
    # One row per resident, all in the newer publication, naming Buses and Parks at once.
    assert len(rows) == len(set(rows)) == 3
