"""Targeted "you said, we did" on a phone with no provider (the simulator; the web chat reads
its messages the same way): the resident's own themes, as SMS and as Telegram would show them."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.models import Answer
from storage.models.responses import Decision
from storage.models.themes import Theme, ThemeAssignment
from storage.repositories.feedback_themes import publish_theme_feedback
from storage.repositories.responses import ResponseDraft, save_response
from tests.bot.playback.channel_rounds import DAYTIME, consultation_id
from tests.bot.playback.test_simulator_playback import services, take_part
from usecases.delivery.deliverers import ChannelDeliverer, WebInboxSender
from usecases.delivery.sender import TokenBucket
from usecases.feedback.publication import send_feedback
from usecases.feedback.themes_message import TARGETED_MAX_SEGMENTS
from usecases.invitations.waves import QuietHours


async def test_the_simulated_phone_shows_the_residents_own_themes(
    client: httpx.AsyncClient, app: FastAPI, engine: Engine, demo_consultation: str
) -> None:
    await take_part(client)
    cid = consultation_id(engine)
    with session_scope(engine) as session:
        buses = Theme(consultation_id=cid, label_en="Buses", label_cy="Bysiau")
        parks = Theme(consultation_id=cid, label_en="Parks", label_cy="Parciau")
        session.add_all([buses, parks])
        session.flush()
        for answer_id in session.exec(select(Answer.id).where(Answer.consultation_id == cid)):
            session.add(ThemeAssignment(answer_id=answer_id or 0, theme_id=buses.id or 0))
        for theme in (buses, parks):
            save_response(
                session=session,
                consultation_id=cid,
                theme_id=theme.id or 0,
                draft=ResponseDraft(
                    decision=Decision.WILL_DO, detail_en=f"{theme.label_en}: the 7pm bus is back."
                ),
                updated_by="officer@council.example",
            )
        publication, _ = publish_theme_feedback(session=session, consultation_id=cid)
        publication_id = publication.id or 0
    report = send_feedback(
        engine=engine,
        protector=services(app).settings.address_protector,
        publication_id=publication_id,
        catalog=default_catalog(),
        deliverer=ChannelDeliverer(bucket=TokenBucket(1000.0), senders=[WebInboxSender()]),
        quiet_hours=QuietHours.parse("21:00", "08:00"),
        now=lambda: DAYTIME,
    )
    assert report.sent == 1
    [message] = (await client.get("/simulator/api/inbox")).json()["messages"]
    assert message["ref"].startswith("feedback:")
    assert "- Buses: we will do this. Buses: the 7pm bus is back." in message["text"]
    assert "Parks" not in message["text"]  # not a theme of theirs
    assert message["sms"]["text"].endswith("Text STOP to opt out.")
    assert message["sms"]["segments"] <= TARGETED_MAX_SEGMENTS
