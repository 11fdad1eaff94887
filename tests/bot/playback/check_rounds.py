"""Opening and sending a check round ("did we hear you right?") as the CLI does.

Residents take part through a real channel first; their answers are then put
in themes (what theming would do, set here so each test says which themes a
person is in), and the round is sent through the real deliverer with the
question each person gets (usecases.playback.rounds.question_for).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer, Channel
from storage.models.playback import PlaybackRecipient, PlaybackRound, RoundKind, ThemeAgreement
from storage.models.themes import ThemeAssignment
from tests.bot.playback.channel_rounds import DAYTIME, add_themes
from usecases.delivery.deliverers import ChannelDeliverer, WebInboxSender
from usecases.delivery.run import DeliveryReport, run_deliveries
from usecases.delivery.sender import TokenBucket
from usecases.invitations.waves import QuietHours
from usecases.playback.rounds import open_round, question_for


def place(engine: Engine, consultation: int, placed: dict[str, Sequence[int]]) -> None:
    """Put each answer containing a key's words in the themes at those positions (0-based)."""
    theme_ids = add_themes(engine, consultation)
    with session_scope(engine) as session:
        for answer in session.exec(select(Answer).where(Answer.consultation_id == consultation)):
            for words, positions in placed.items():
                if words in answer.text and answer.id is not None:
                    for rank, position in enumerate(positions):
                        session.add(
                            ThemeAssignment(
                                answer_id=answer.id, theme_id=theme_ids[position], rank=rank
                            )
                        )


def open_check_and_send(
    engine: Engine,
    protector: AddressProtector,
    consultation: int,
    deliverer: ChannelDeliverer | None = None,
) -> tuple[int, DeliveryReport]:
    """Open a check round of every theme placed so far and send it."""
    with session_scope(engine) as session:
        theme_ids = sorted(
            set(
                session.exec(
                    select(ThemeAssignment.theme_id)
                    .join(Answer, col(Answer.id) == col(ThemeAssignment.answer_id))
                    .where(Answer.consultation_id == consultation)
                ).all()
            )
        )
    round_id = open_round(
        engine=engine, consultation_id=consultation, theme_ids=theme_ids, kind=RoundKind.CHECK
    )
    with session_scope(engine) as session:
        round_ = session.get(PlaybackRound, round_id)
        assert round_ is not None
        shown = {
            r.participant_id: r.shown
            for r in session.exec(
                select(PlaybackRecipient).where(PlaybackRecipient.round_id == round_id)
            )
        }
        session.expunge(round_)
    catalog = default_catalog()
    deliverer = deliverer or ChannelDeliverer(
        bucket=TokenBucket(1000.0),
        senders=[WebInboxSender(frozenset({Channel.WEB, Channel.WEBCHAT}))],
    )
    try:
        report = run_deliveries(
            engine=engine,
            protector=protector,
            table=PlaybackRecipient,
            parent_id=round_id,
            compose=lambda p: question_for(
                catalog, round_, shown.get(p.id or 0), p.language, Channel(p.channel)
            ),
            deliverer=deliverer,
            quiet_hours=QuietHours.parse("21:00", "08:00"),
            now=lambda: DAYTIME,
        )
    finally:
        deliverer.close()
    return round_id, report


def agreements(engine: Engine) -> list[tuple[str, str, str | None]]:
    """(theme label, verdict, correction words) for every verdict, in order."""
    from storage.models.themes import Theme

    with session_scope(engine) as session:
        rows = session.exec(select(ThemeAgreement).order_by(col(ThemeAgreement.id))).all()
        found = []
        for row in rows:
            theme = session.get(Theme, row.theme_id)
            words = (
                session.get(Answer, row.correction_answer_id)
                if row.correction_answer_id is not None
                else None
            )
            found.append(
                (
                    theme.label_en if theme else "(deleted)",
                    str(row.verdict),
                    words.text if words else None,
                )
            )
        return found


def answers_of_kind(engine: Engine, kind: str) -> list[str]:
    with session_scope(engine) as session:
        return [
            a.text
            for a in session.exec(
                select(Answer).where(Answer.kind == kind).order_by(col(Answer.id))
            )
        ]
