"""Targeted "you said, we did": the council's responses, each to the residents who raised the theme.

Publishing copies every active theme's response into the publication, as
quickly as the summary is published; the send job then works out who hears
which theme (storage.repositories.feedback_plan): one recipient row per
resident who asked to hear back and has not opted out, covering every theme of
theirs not yet told, and the usual feedback job sends the rows
(usecases.feedback.publication).

Never twice, as with the summary's sections: a resident told about a theme
(sent, being sent, or lost in a crash) is not told about it again, so fixing a
typo in a response messages nobody, and publishing after one new response
tells only its residents. The same responses published again are the same
publication. Rows still waiting in an earlier targeted publication are moved to
the new one, which carries the current words.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, or_
from sqlalchemy.orm import Mapped
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, SQLModel, col, func, select

from storage.models import Answer, Consultation, Participant
from storage.models.feedback_themes import (
    FeedbackRecipientTheme,
    FeedbackTheme,
)
from storage.models.playback import (
    DeliveryState,
    FeedbackKind,
    FeedbackPublication,
    FeedbackRecipient,
)
from storage.models.themes import Theme, ThemeAssignment, ThemeStatus
from storage.repositories.feedback import SUPERSEDED, was_told
from storage.repositories.responses import response_rows

COUNT_KEYS = ("sent", "waiting", "failed", "opted_out", "superseded")


class NothingToPublish(ValueError):
    """No active theme has a response yet."""


def _line_hash(theme: FeedbackTheme) -> str:
    # Whitespace-only edits are not new words; the theme id keeps two themes with
    # the same response apart.
    parts = [
        str(theme.theme_id),
        theme.label_en,
        theme.label_cy,
        theme.decision,
        theme.detail_en,
        theme.detail_cy,
        theme.passed_to,
    ]
    joined = "\x1f".join(" ".join(p.split()) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def _current_lines(session: Session, consultation_id: int) -> list[FeedbackTheme]:
    """The responses to active themes as they would be published now (not yet added)."""
    lines: list[FeedbackTheme] = []
    for row in response_rows(session=session, consultation_id=consultation_id):
        if row.response is None or not row.theme_active:
            continue  # a gone theme has nobody left in it to tell
        line = FeedbackTheme(
            publication_id=0,
            position=len(lines) + 1,
            response_id=row.response.id,
            theme_id=row.theme_id,
            label_en=row.label_en[:200],
            label_cy=row.label_cy[:200],
            decision=str(row.response.decision),
            detail_en=row.response.detail_en,
            detail_cy=row.response.detail_cy,
            passed_to=row.response.passed_to,
            line_hash="",
        )
        line.line_hash = _line_hash(line)
        lines.append(line)
    return lines


def _table(model: type[SQLModel]) -> Table:
    return SQLModel.metadata.tables[str(model.__tablename__)]


def audience_count(*, session: Session, consultation_id: int) -> int:
    """How many residents publishing the responses now would message (one query: the
    responses page shows it on every visit)."""
    theme_ids = [
        row.theme_id
        for row in response_rows(session=session, consultation_id=consultation_id)
        if row.response is not None and row.theme_active
    ]
    if not theme_ids:
        return 0

    def untold(theme: Mapped[Any]) -> ColumnElement[bool]:
        told = (
            select(FeedbackRecipient.id)
            .join(
                FeedbackRecipientTheme,
                col(FeedbackRecipientTheme.recipient_id) == col(FeedbackRecipient.id),
            )
            .join(
                FeedbackTheme,
                col(FeedbackTheme.id) == col(FeedbackRecipientTheme.feedback_theme_id),
            )
            .where(
                col(FeedbackRecipient.participant_id) == col(Participant.id),
                col(FeedbackTheme.theme_id) == theme,
                was_told(),
            )
        )
        return and_(theme.in_(theme_ids), ~told.exists())

    people = (
        select(Answer.participant_id)
        .join(ThemeAssignment, col(ThemeAssignment.answer_id) == col(Answer.id))
        .join(Theme, col(Theme.id) == col(ThemeAssignment.theme_id))
        .join(Participant, col(Participant.id) == col(Answer.participant_id))
        .where(
            Answer.consultation_id == consultation_id,
            col(Participant.wants_feedback).is_(True),
            col(Participant.opted_out).is_(False),
            or_(untold(col(ThemeAssignment.theme_id)), untold(col(Theme.parent_id))),
        )
        .distinct()
        .subquery()
    )
    return int(session.exec(select(func.count()).select_from(people)).one())


def publish_theme_feedback(
    *, session: Session, consultation_id: int
) -> tuple[FeedbackPublication, bool]:
    """The targeted publication for the current responses, and whether it is new.

    Only the responses are stored here (the officer's request stays as quick as
    the summary's); who hears which theme is worked out by prepare_theme_feedback
    at the start of the send job. Raises NothingToPublish when no active theme
    has a response.
    """
    # Two publishes at once (a double click, two officers) take turns: the second
    # then sees the first's publication and queued rows (PostgreSQL; SQLite writes
    # one at a time anyway), so nobody is queued twice.
    session.exec(
        select(Consultation.id).where(Consultation.id == consultation_id).with_for_update()
    ).first()
    lines = _current_lines(session, consultation_id)
    if not lines:
        raise NothingToPublish("no theme has a response yet")
    digest = hashlib.sha256(
        ("themes\x1f" + "\x1f".join(line.line_hash for line in lines)).encode("ascii")
    ).hexdigest()
    existing = session.exec(
        select(FeedbackPublication).where(
            FeedbackPublication.consultation_id == consultation_id,
            FeedbackPublication.text_hash == digest,
        )
    ).first()
    if existing is not None:
        return existing, False
    publication = FeedbackPublication(
        consultation_id=consultation_id, kind=FeedbackKind.THEMES, text_hash=digest
    )
    session.add(publication)
    session.flush()
    assert publication.id is not None
    for line in lines:
        line.publication_id = publication.id
        session.add(line)
    session.flush()
    return publication, True


def lines_by_person(*, session: Session, publication_id: int) -> dict[int, list[FeedbackTheme]]:
    """Participant id -> the themes their message names, in order (for the sender)."""
    lines = {
        line.id: line
        for line in session.exec(
            select(FeedbackTheme).where(FeedbackTheme.publication_id == publication_id)
        )
    }
    # Pairs, not objects: a publication to 20,000 residents names ~40,000 themes.
    pairs = session.connection().execute(
        select(FeedbackRecipient.participant_id, FeedbackRecipientTheme.feedback_theme_id)
        .join(
            FeedbackRecipientTheme,
            col(FeedbackRecipientTheme.recipient_id) == col(FeedbackRecipient.id),
        )
        .where(FeedbackRecipient.publication_id == publication_id)
        .order_by(col(FeedbackRecipient.participant_id), col(FeedbackRecipientTheme.rank))
    )
    found: dict[int, list[FeedbackTheme]] = defaultdict(list)
    for participant_id, line_id in pairs:
        found[participant_id].append(lines[line_id])
    return dict(found)


def lines_of_recipient(*, session: Session, recipient_id: int) -> list[FeedbackTheme]:
    """The themes one recipient's message named, in order (web chat phones read it back)."""
    return list(
        session.exec(
            select(FeedbackTheme)
            .join(
                FeedbackRecipientTheme,
                col(FeedbackRecipientTheme.feedback_theme_id) == col(FeedbackTheme.id),
            )
            .where(FeedbackRecipientTheme.recipient_id == recipient_id)
            .order_by(col(FeedbackRecipientTheme.rank))
        )
    )


@dataclass
class ThemeCount:
    """One published theme and where its residents' messages are."""

    line: FeedbackTheme
    # False when the theme was merged away or removed after publishing.
    theme_active: bool
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class TargetedStatus:
    publication: FeedbackPublication
    themes: list[ThemeCount]
    # The send job has not yet worked out who hears which theme.
    preparing: bool = False


def targeted_status(*, session: Session, consultation_id: int) -> list[TargetedStatus]:
    """Newest first; per theme, residents told about it as sent / waiting / failed / opted out.

    A resident counts under each theme their message names; "superseded" are
    rows moved to a later publication before their turn.
    """
    listed = list(
        session.exec(
            select(FeedbackPublication)
            .where(
                FeedbackPublication.consultation_id == consultation_id,
                FeedbackPublication.kind == FeedbackKind.THEMES,
            )
            .order_by(
                col(FeedbackPublication.published_at).desc(), col(FeedbackPublication.id).desc()
            )
        )
    )
    lines = list(
        session.exec(
            select(FeedbackTheme)
            .where(col(FeedbackTheme.publication_id).in_([p.id for p in listed] or [-1]))
            .order_by(col(FeedbackTheme.position))
        )
    )
    active = set(
        session.exec(
            select(Theme.id).where(
                col(Theme.id).in_([line.theme_id for line in lines if line.theme_id] or [-1]),
                Theme.status == ThemeStatus.ACTIVE,
            )
        )
    )
    superseded = (col(FeedbackRecipient.error) == SUPERSEDED).label("superseded")
    counted = session.exec(
        select(
            FeedbackRecipientTheme.feedback_theme_id,
            FeedbackRecipient.state,
            superseded,
            func.count(),
        )
        .join(
            FeedbackRecipient, col(FeedbackRecipient.id) == col(FeedbackRecipientTheme.recipient_id)
        )
        .where(
            col(FeedbackRecipientTheme.feedback_theme_id).in_([line.id for line in lines] or [-1])
        )
        .group_by(
            col(FeedbackRecipientTheme.feedback_theme_id), col(FeedbackRecipient.state), superseded
        )
    ).all()
    tally: dict[int, Counter[str]] = defaultdict(Counter)
    for theme_row_id, state, moved, n in counted:
        if state == DeliveryState.SKIPPED:
            key = "superseded" if moved else "opted_out"
        elif state in (DeliveryState.PENDING, DeliveryState.SENDING):
            key = "waiting"
        else:
            key = str(state)
        tally[theme_row_id][key] += int(n)
    by_publication: dict[int, list[ThemeCount]] = defaultdict(list)
    for line in lines:
        by_publication[line.publication_id].append(
            ThemeCount(
                line=line,
                theme_active=line.theme_id in active,
                counts={k: tally[line.id or 0].get(k, 0) for k in COUNT_KEYS},
            )
        )
    prepared = set(
        session.exec(
            select(FeedbackRecipient.publication_id)
            .where(col(FeedbackRecipient.publication_id).in_([p.id for p in listed] or [-1]))
            .distinct()
        )
    )
    newest = max((p.id or 0 for p in listed), default=0)
    return [
        TargetedStatus(
            publication=p,
            themes=by_publication[p.id or 0],
            # Only the newest is ever prepared (see prepare_theme_feedback).
            preparing=p.id == newest and p.sent_at is None and p.id not in prepared,
        )
        for p in listed
    ]
