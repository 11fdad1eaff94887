"""Opening and sending a playback round the way `whatmatters playback start` does.

Shared by the tests that answer a round over real channels (SMS, WhatsApp,
Telegram, the simulator): themes on the sample consultation, a round of
them, and delivery through the real ChannelDeliverer.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer, Channel, Consultation
from storage.models.playback import PlaybackRecipient, PlaybackRound, PlaybackVote
from storage.models.themes import Theme
from usecases.delivery.deliverers import ChannelDeliverer, WebInboxSender
from usecases.delivery.run import DeliveryReport, run_deliveries
from usecases.delivery.sender import TokenBucket
from usecases.invitations.waves import QuietHours
from usecases.playback.rounds import open_round, round_reply

THEMES = [
    ("Buses", "Bysiau"),
    ("Housing repairs", "Atgyweirio tai"),
    ("Parks", "Parciau"),
    ("Potholes", "Tyllau yn y ffyrdd"),
    ("Libraries", "Llyfrgelloedd"),
]
# Daytime: the default quiet hours (21:00-08:00) never hold a test up.
DAYTIME = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


def consultation_id(engine: Engine, slug: str = "what-matters") -> int:
    with session_scope(engine) as session:
        found = session.exec(select(Consultation.id).where(Consultation.slug == slug)).one()
        assert found is not None
        return found


def add_themes(engine: Engine, consultation: int) -> list[int]:
    ids = []
    with session_scope(engine) as session:
        for en, cy in THEMES:
            theme = Theme(consultation_id=consultation, label_en=en, label_cy=cy)
            session.add(theme)
            session.flush()
            assert theme.id is not None
            ids.append(theme.id)
    return ids


def open_and_send(
    engine: Engine,
    protector: AddressProtector,
    consultation: int,
    deliverer: ChannelDeliverer | None = None,
) -> tuple[int, DeliveryReport]:
    """Open a round of THEMES and send it; (round id, delivery report)."""
    round_id = open_round(
        engine=engine, consultation_id=consultation, theme_ids=add_themes(engine, consultation)
    )
    with session_scope(engine) as session:
        round_ = session.get(PlaybackRound, round_id)
        assert round_ is not None
        labels = round_.labels
    catalog = default_catalog()
    deliverer = deliverer or ChannelDeliverer(
        bucket=TokenBucket(1000.0), senders=[WebInboxSender()]
    )
    try:
        report = run_deliveries(
            engine=engine,
            protector=protector,
            table=PlaybackRecipient,
            parent_id=round_id,
            compose=lambda p: round_reply(catalog, labels, p.language, Channel(p.channel)),
            deliverer=deliverer,
            quiet_hours=QuietHours.parse("21:00", "08:00"),
            now=lambda: DAYTIME,
        )
    finally:
        deliverer.close()
    return round_id, report


def votes(engine: Engine) -> list[int]:
    with session_scope(engine) as session:
        return sorted(v.position for v in session.exec(select(PlaybackVote)))


def playback_answers(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return [
            a.text
            for a in session.exec(
                select(Answer).where(Answer.kind == "playback").order_by(col(Answer.id))
            )
        ]


def recipient_states(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return sorted(str(r.state) for r in session.exec(select(PlaybackRecipient)))
