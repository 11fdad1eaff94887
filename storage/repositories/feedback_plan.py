"""Who hears which theme of a targeted "you said, we did" publication, worked out in SQL.

The send job runs prepare_theme_feedback before it sends (usecases.feedback.
publication), off the officer's request: one pending recipient row per resident
who asked to hear back, has not opted out and has a theme not yet told, and one
row per such theme, ranked (the themes their answers were mostly about first).
Two INSERT ... SELECTs with a window function, the same on SQLite (3.25+) and
PostgreSQL; nothing passes through Python row by row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Subquery, and_, insert, literal, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Mapped, aliased
from sqlmodel import Session, col, func, select

from storage.models import Answer, Consultation, Participant, utcnow
from storage.models.feedback_themes import FeedbackRecipientTheme, FeedbackTheme
from storage.models.playback import (
    DeliveryState,
    FeedbackKind,
    FeedbackPublication,
    FeedbackRecipient,
)
from storage.models.themes import Theme, ThemeAssignment
from storage.repositories.feedback import supersede_pending, was_told
from storage.repositories.feedback_themes import _table


def is_prepared(*, session: Session, publication_id: int) -> bool:
    """Whether the send job has worked out who hears what (or found nobody and finished)."""
    publication = session.get(FeedbackPublication, publication_id)
    if publication is None or publication.sent_at is not None:
        return True
    planned = session.exec(
        select(FeedbackRecipient.id).where(FeedbackRecipient.publication_id == publication_id)
    ).first()
    return planned is not None


def prepare_theme_feedback(*, session: Session, publication_id: int) -> int:
    """Queue who hears which theme for a targeted publication, once; how many were queued.

    Run by the send job before it sends (a crash rolls it back whole, and the
    next run prepares again). Only the newest targeted publication of its
    consultation queues anybody: it carries the current words, and its rows
    replace any still waiting in earlier ones; an older one that was never
    prepared stays empty, so nobody hears the same theme from both.
    """
    publication = session.get(FeedbackPublication, publication_id)
    if publication is None or publication.kind != FeedbackKind.THEMES:
        return 0
    consultation_id = publication.consultation_id
    # Two send jobs for one publication (a resume pressed twice), or two
    # publications preparing at once, take turns on the consultation's row
    # (PostgreSQL; SQLite writes one at a time anyway).
    session.exec(
        select(Consultation.id).where(Consultation.id == consultation_id).with_for_update()
    ).first()
    if is_prepared(session=session, publication_id=publication_id):
        return 0
    newest = session.exec(
        select(func.max(FeedbackPublication.id)).where(
            FeedbackPublication.consultation_id == consultation_id,
            FeedbackPublication.kind == FeedbackKind.THEMES,
        )
    ).one()
    if newest != publication_id:
        return 0
    supersede_pending(
        session=session,
        consultation_id=consultation_id,
        kind=FeedbackKind.THEMES,
        publication_id=publication_id,
    )
    _queue_recipients(session, consultation_id, publication_id)
    queued = session.exec(
        select(func.count())
        .select_from(FeedbackRecipient)
        .where(FeedbackRecipient.publication_id == publication_id)
    ).one()
    return int(queued)


def _untold_matches(consultation_id: int, publication_id: int) -> Subquery:
    """(resident, line, position, closeness): each of the publication's lines a resident who
    asked to hear back is in and has not been told about, as SQL (no rows through Python).

    An answer counts towards its own theme and, for a broad theme, through its
    sub-themes; closeness is the best rank of any of the resident's answers in it.
    """
    line = _table(FeedbackTheme)

    def matched(theme_key: Mapped[Any]) -> Select[Any]:
        return (
            sa_select(
                col(Answer.participant_id).label("participant_id"),
                line.c.id.label("line_id"),
                line.c.theme_id.label("theme_id"),
                line.c.position.label("position"),
                col(ThemeAssignment.rank).label("rank"),
            )
            .join(ThemeAssignment, col(ThemeAssignment.answer_id) == col(Answer.id))
            .join(Theme, col(Theme.id) == col(ThemeAssignment.theme_id))
            .join(Participant, col(Participant.id) == col(Answer.participant_id))
            .join(line, line.c.theme_id == theme_key)
            .where(
                line.c.publication_id == publication_id,
                col(Answer.consultation_id) == consultation_id,
                col(Participant.wants_feedback).is_(True),
                col(Participant.opted_out).is_(False),
            )
        )

    matches = union_all(
        matched(col(ThemeAssignment.theme_id)), matched(col(Theme.parent_id))
    ).subquery("matches")
    closest = (
        sa_select(
            matches.c.participant_id,
            matches.c.line_id,
            matches.c.theme_id,
            matches.c.position,
            func.min(matches.c.rank).label("closeness"),
        )
        .group_by(
            matches.c.participant_id, matches.c.line_id, matches.c.theme_id, matches.c.position
        )
        .subquery("closest")
    )
    # Told means sent, being sent or lost in a crash, in any earlier publication.
    earlier_line = aliased(FeedbackTheme)
    told = (
        sa_select(col(FeedbackRecipient.id))
        .join(
            FeedbackRecipientTheme,
            col(FeedbackRecipientTheme.recipient_id) == col(FeedbackRecipient.id),
        )
        .join(earlier_line, col(earlier_line.id) == col(FeedbackRecipientTheme.feedback_theme_id))
        .join(
            FeedbackPublication,
            col(FeedbackPublication.id) == col(FeedbackRecipient.publication_id),
        )
        .where(
            col(FeedbackPublication.consultation_id) == consultation_id,
            col(FeedbackRecipient.publication_id) != publication_id,
            col(FeedbackRecipient.participant_id) == closest.c.participant_id,
            col(earlier_line.theme_id) == closest.c.theme_id,
            was_told(),
        )
        .correlate(closest)
    )
    return (
        sa_select(
            closest.c.participant_id, closest.c.line_id, closest.c.position, closest.c.closeness
        )
        .where(~told.exists())
        .subquery("untold")
    )


def _queue_recipients(session: Session, consultation_id: int, publication_id: int) -> None:
    """One pending recipient row per resident with news, and the lines their message names
    (ranked: the themes their answers were mostly about first), in two INSERT ... SELECTs.

    Set-based so publishing to 20,000 residents stays close to the summary's one
    INSERT ... SELECT in the officer's request; window functions run on SQLite
    (3.25+) and PostgreSQL alike.
    """
    untold = _untold_matches(consultation_id, publication_id)
    recipients = _table(FeedbackRecipient)
    connection = session.connection()
    connection.execute(
        insert(recipients).from_select(
            ["publication_id", "participant_id", "state", "updated_at"],
            sa_select(
                literal(publication_id),
                untold.c.participant_id,
                literal(str(DeliveryState.PENDING)),
                literal(utcnow(), recipients.c.updated_at.type),
            )
            .where(untold.c.participant_id.is_not(None))
            .distinct(),
        )
    )
    ranked = sa_select(
        untold.c.participant_id,
        untold.c.line_id,
        (
            func.row_number().over(
                partition_by=untold.c.participant_id,
                order_by=(untold.c.closeness, untold.c.position),
            )
            - 1
        ).label("rank"),
    ).subquery("ranked")
    connection.execute(
        insert(_table(FeedbackRecipientTheme)).from_select(
            ["recipient_id", "feedback_theme_id", "rank"],
            sa_select(recipients.c.id, ranked.c.line_id, ranked.c.rank).join(
                recipients,
                and_(
                    recipients.c.publication_id == publication_id,
                    recipients.c.participant_id == ranked.c.participant_id,
                ),
            ),
        )
    )
