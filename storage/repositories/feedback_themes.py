"""Targeted "you said, we did": the council's responses, each to the residents who raised the theme.

Publishing copies every active theme's response into the publication and
queues, in the same transaction, one recipient row per resident who asked to
hear back and has not opted out, covering every theme of theirs not yet told
(ranked: the ones their answers were mostly about first; the message gives
the council's words for the first few). Planning is two INSERT ... SELECTs,
so a large publication stays close to the summary's cost in the request. The
usual feedback job then sends the rows (usecases.feedback.publication).

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

from sqlalchemy import Select, Subquery, Table, and_, insert, literal, or_, union_all, update
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Mapped, aliased
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, SQLModel, col, func, select

from storage.models import Answer, Consultation, Participant, utcnow
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
    # Rows nobody has claimed yet: a row a sender holds counts as told.
    earlier = select(FeedbackPublication.id).where(
        FeedbackPublication.consultation_id == consultation_id,
        FeedbackPublication.kind == FeedbackKind.THEMES,
        FeedbackPublication.id != publication_id,
    )
    session.execute(
        update(FeedbackRecipient)
        .where(
            col(FeedbackRecipient.publication_id).in_(earlier),
            col(FeedbackRecipient.state) == DeliveryState.PENDING,
        )
        .values(state=DeliveryState.SKIPPED, error=SUPERSEDED, updated_at=utcnow())
    )
    _queue_recipients(session, consultation_id, publication_id)
    queued = session.exec(
        select(func.count())
        .select_from(FeedbackRecipient)
        .where(FeedbackRecipient.publication_id == publication_id)
    ).one()
    return int(queued)


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
    return [
        TargetedStatus(
            publication=p,
            themes=by_publication[p.id or 0],
            preparing=p.sent_at is None and p.id not in prepared,
        )
        for p in listed
    ]
